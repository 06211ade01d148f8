"""Propagation models: free-space loss (ITU-R P.525-4) and gaseous attenuation (ITU-R P.676-12/13).

Every function is pure and vectorised: scalar or array inputs broadcast with numpy.
Units are given in each docstring; frequencies in GHz, distances in km, angles in degrees,
pressures in hPa, temperatures in K and water-vapour density in g/m³.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np
from numpy.typing import ArrayLike, NDArray

from humanict.config import PROJECT_ROOT
from humanict.errors import DataFileError, InvalidInputError

FloatArray = NDArray[np.float64]

P676_DIR = PROJECT_ROOT / "data" / "spectrum" / "p676"
OXYGEN_TABLE = "p676-12_table1_oxygen.csv"
WATER_TABLE = "p676-12_table2_water_vapour.csv"
OXYGEN_HEIGHT_TABLE = "p676-12_table3_oxygen_height.csv"
WATER_HEIGHT_TABLE = "p676-12_table4_water_height.csv"
OXYGEN_HEIGHT_13_TABLE = "p676-13_annex2_oxygen_height.csv"
OXYGEN_COLUMNS = ("f0", "a1", "a2", "a3", "a4", "a5", "a6")
WATER_COLUMNS = ("f0", "b1", "b2", "b3", "b4", "b5", "b6")

SPEED_OF_LIGHT = 299_792_458.0  # m/s
EARTH_RADIUS_KM = 6371.0  # P.676 Annex 1 §2.2 (mean Earth radius)


def _positive(name: str, values: FloatArray) -> None:
    if np.any(~np.isfinite(values)) or np.any(values <= 0):
        raise InvalidInputError(f"{name} must be positive and finite; got {values.ravel()[:5]}")


def free_space_loss_db(distance_km: ArrayLike, freq_ghz: ArrayLike) -> FloatArray:
    """Basic free-space transmission loss L_bf in dB.

    ITU-R P.525-4 eq. (8): L_bf = 32.4 + 20 log f(MHz) + 20 log d(km).
    Written here from its exact form 20 log(4 pi d / lambda), which that constant rounds.
    """
    d = np.asarray(distance_km, dtype=float)
    f = np.asarray(freq_ghz, dtype=float)
    _positive("distance_km", d)
    _positive("freq_ghz", f)
    wavelength_m = SPEED_OF_LIGHT / (f * 1e9)
    return np.asarray(20.0 * np.log10(4.0 * np.pi * d * 1e3 / wavelength_m), dtype=float)


@dataclass(frozen=True)
class LineTables:
    """Coefficient tables of ITU-R P.676-12: Annex 1 Tables 1-2, Annex 2 Tables 3-4."""

    oxygen: FloatArray  # (n, 7): f0 GHz, a1..a6
    water: FloatArray  # (n, 7): f0 GHz, b1..b6
    oxygen_height: FloatArray  # (n, 2): Annex 2 Table 3, f_i GHz, c_i
    water_height: FloatArray  # (n, 3): Annex 2 Table 4, f_i GHz, a_i, b_i


def _read_table(path: Path, columns: tuple[str, ...]) -> FloatArray:
    if not path.is_file():
        raise DataFileError(path, None, None, "the P.676 line table is missing")
    lines = path.read_text(encoding="utf-8").splitlines()
    header = tuple(c.strip() for c in lines[0].split(","))
    if header != columns:
        raise DataFileError(path, 1, None, f"expected columns {columns}, found {header}")
    rows = []
    for number, line in enumerate(lines[1:], start=2):
        if not line.strip():
            continue
        try:
            row = [float(v) for v in line.split(",")]
        except ValueError as err:
            raise DataFileError(path, number, None, f"not a number: {err}") from err
        if len(row) != len(columns):
            raise DataFileError(path, number, None, f"expected {len(columns)} values")
        rows.append(row)
    return np.asarray(rows, dtype=float)


@lru_cache(maxsize=4)
def line_tables(directory: Path = P676_DIR) -> LineTables:
    """Load the oxygen and water-vapour line tables shipped under data/spectrum/p676."""
    return LineTables(
        oxygen=_read_table(directory / OXYGEN_TABLE, OXYGEN_COLUMNS),
        water=_read_table(directory / WATER_TABLE, WATER_COLUMNS),
        oxygen_height=_read_table(directory / OXYGEN_HEIGHT_TABLE, ("f_i", "c_i")),
        water_height=_read_table(directory / WATER_HEIGHT_TABLE, ("f_i", "a_i", "b_i")),
    )


@lru_cache(maxsize=4)
def p676_13_oxygen_height_coefficients(directory: Path = P676_DIR) -> FloatArray:
    """Coefficients of the P.676-13 Annex 2 dry-air equivalent height, shape (700, 5).

    Columns f (GHz, 1-350 in 0.5 GHz steps plus 118.75), a_0, b_0, c_0, d_0 of
    h_o = a_0 + b_0 T + c_0 P + d_0 rho (ITU-R P.676-13 Annex 2 §1.1; the ITU-R digital
    supplement to the Recommendation, shipped in data/spectrum/p676).
    """
    path = directory / OXYGEN_HEIGHT_13_TABLE
    table = _read_table(path, ("f", "a0", "b0", "c0", "d0"))
    if np.any(np.diff(table[:, 0]) <= 0):
        raise DataFileError(path, None, "f", "frequencies must increase down the table")
    return table


def _line_shape(f: FloatArray, f0: FloatArray, width: FloatArray, delta: FloatArray) -> FloatArray:
    """Line-shape factor F_i, ITU-R P.676-12 Annex 1 eq. (5). Arrays broadcast to (..., lines)."""
    return (f / f0) * (
        (width - delta * (f0 - f)) / ((f0 - f) ** 2 + width**2)
        + (width - delta * (f0 + f)) / ((f0 + f) ** 2 + width**2)
    )


def _atmosphere(
    pressure_hpa: ArrayLike, temperature_k: ArrayLike, rho_gm3: ArrayLike
) -> tuple[FloatArray, FloatArray, FloatArray]:
    """Dry-air pressure p, water-vapour pressure e (hPa) and theta = 300/T.

    ``pressure_hpa`` is the dry-air pressure p of P.676-12 Annex 1 (total pressure p + e);
    e = rho T / 216.7 (P.676-12 eq. 4).
    """
    dry = np.asarray(pressure_hpa, dtype=float)
    t = np.asarray(temperature_k, dtype=float)
    rho = np.asarray(rho_gm3, dtype=float)
    _positive("pressure_hpa", dry)
    _positive("temperature_k", t)
    if np.any(rho < 0) or np.any(~np.isfinite(rho)):
        raise InvalidInputError("water-vapour density rho_gm3 must be zero or positive")
    return dry, rho * t / 216.7, 300.0 / t


def specific_attenuation_oxygen(
    freq_ghz: ArrayLike, dry_pressure_hpa: ArrayLike, temperature_k: ArrayLike, rho_gm3: ArrayLike
) -> FloatArray:
    """Specific attenuation of dry air gamma_o in dB/km, line by line.

    ITU-R P.676-12 Annex 1 eqs. (1)-(3), (5)-(8): oxygen lines of Table 1 with Zeeman
    broadening, plus the dry continuum N''_D (Debye spectrum and pressure-induced nitrogen).
    """
    f = np.asarray(freq_ghz, dtype=float)
    _positive("freq_ghz", f)
    p, e, theta = _atmosphere(dry_pressure_hpa, temperature_k, rho_gm3)
    f, p, e, theta = np.broadcast_arrays(f, p, e, theta)
    table = line_tables().oxygen
    f0, a1, a2, a3, a4, a5, a6 = (table[:, k] for k in range(7))
    fx, px, ex, tx = (v[..., None] for v in (f, p, e, theta))
    strength = a1 * 1e-7 * px * tx**3 * np.exp(a2 * (1.0 - tx))
    width = a3 * 1e-4 * (px * tx ** (0.8 - a4) + 1.1 * ex * tx)
    width = np.sqrt(width**2 + 2.25e-6)
    delta = (a5 + a6 * tx) * 1e-4 * (px + ex) * tx**0.8
    lines = np.sum(strength * _line_shape(fx, f0, width, delta), axis=-1)
    d = 5.6e-4 * (p + e) * theta**0.8
    continuum = (
        f
        * p
        * theta**2
        * (
            6.14e-5 / (d * (1.0 + (f / d) ** 2))
            + 1.4e-12 * p * theta**1.5 / (1.0 + 1.9e-5 * f**1.5)
        )
    )
    return np.asarray(0.1820 * f * (lines + continuum), dtype=float)


def specific_attenuation_water(
    freq_ghz: ArrayLike, dry_pressure_hpa: ArrayLike, temperature_k: ArrayLike, rho_gm3: ArrayLike
) -> FloatArray:
    """Specific attenuation of water vapour gamma_w in dB/km, line by line.

    ITU-R P.676-12 Annex 1 eqs. (1)-(2), (4)-(6), (9): water-vapour lines of Table 2 with
    Doppler broadening of the line width.
    """
    f = np.asarray(freq_ghz, dtype=float)
    _positive("freq_ghz", f)
    p, e, theta = _atmosphere(dry_pressure_hpa, temperature_k, rho_gm3)
    f, p, e, theta = np.broadcast_arrays(f, p, e, theta)
    table = line_tables().water
    f0, b1, b2, b3, b4, b5, b6 = (table[:, k] for k in range(7))
    fx, px, ex, tx = (v[..., None] for v in (f, p, e, theta))
    strength = b1 * 1e-1 * ex * tx**3.5 * np.exp(b2 * (1.0 - tx))
    width = b3 * 1e-4 * (px * tx**b4 + b5 * ex * tx**b6)
    width = 0.535 * width + np.sqrt(0.217 * width**2 + 2.1316e-12 * f0**2 / tx)
    lines = np.sum(strength * _line_shape(fx, f0, width, np.zeros_like(width)), axis=-1)
    return np.asarray(0.1820 * f * lines, dtype=float)


def specific_attenuation(
    freq_ghz: ArrayLike, dry_pressure_hpa: ArrayLike, temperature_k: ArrayLike, rho_gm3: ArrayLike
) -> FloatArray:
    """Total gaseous specific attenuation gamma = gamma_o + gamma_w in dB/km (P.676-12 eq. 1)."""
    return specific_attenuation_oxygen(
        freq_ghz, dry_pressure_hpa, temperature_k, rho_gm3
    ) + specific_attenuation_water(freq_ghz, dry_pressure_hpa, temperature_k, rho_gm3)


# --- ITU-R P.835-6 mean annual global reference atmosphere (used by the Annex 1 slant path) ---

_P835_LAYERS = (  # (base geopotential height km, lapse rate K/km)
    (0.0, -6.5),
    (11.0, 0.0),
    (20.0, 1.0),
    (32.0, 2.8),
    (47.0, 0.0),
    (51.0, -2.8),
    (71.0, -2.0),
    (84.852, 0.0),
)


def reference_atmosphere(
    altitude_km: ArrayLike,
    rho0_gm3: float = 7.5,
    t0_k: float = 288.15,
    p0_hpa: float = 1013.25,
) -> tuple[FloatArray, FloatArray, FloatArray]:
    """Temperature (K), total pressure (hPa), water-vapour density (g/m³) at a geometric height.

    ITU-R P.835-6 §1.1 (mean annual global reference atmosphere: T0 = 288.15 K,
    P0 = 1013.25 hPa, rho0 = 7.5 g/m³), geopotential height h' = 6356.766 h/(6356.766 + h);
    water vapour rho = rho0 exp(-h/2) with a floor at a mixing ratio of 2e-6 (P.835-6 eqs. 6-8).
    Other surface values keep the reference lapse rates (a local profile of the same shape).
    """
    h = np.asarray(altitude_km, dtype=float)
    hp = 6356.766 * h / (6356.766 + h)
    t = np.full_like(hp, t0_k)
    p = np.full_like(hp, p0_hpa)
    t_base, p_base = t0_k, p0_hpa
    for (base, lapse), (top, _) in zip(
        _P835_LAYERS, _P835_LAYERS[1:] + ((np.inf, 0.0),), strict=True
    ):
        inside = (hp >= base) & (hp < top)
        dh = np.where(inside, hp - base, 0.0)
        if lapse == 0.0:
            p_layer = p_base * np.exp(-34.1632 * dh / t_base)
        else:
            p_layer = p_base * (t_base / (t_base + lapse * dh)) ** (34.1632 / lapse)
        t = np.where(inside, t_base + lapse * dh, t)
        p = np.where(inside, p_layer, p)
        span = (top - base) if np.isfinite(top) else 0.0
        if lapse == 0.0:
            p_base = p_base * np.exp(-34.1632 * span / t_base)
        else:
            p_base = p_base * (t_base / (t_base + lapse * span)) ** (34.1632 / lapse)
        t_base = t_base + lapse * span
    rho = rho0_gm3 * np.exp(-h / 2.0)
    e = rho * t / 216.7
    rho = np.where(e / p < 2e-6, 2e-6 * p * 216.7 / t, rho)
    return t, p, rho


def radio_refractive_index(
    pressure_hpa: ArrayLike, temperature_k: ArrayLike, rho_gm3: ArrayLike
) -> FloatArray:
    """Radio refractive index n = 1 + N 1e-6 (ITU-R P.453-14).

    N = 77.6 P_d/T + 72 e/T + 3.75e5 e/T², with P_d the dry pressure and e the water-vapour
    pressure in hPa (ITU-R P.453-14 eqs. 1-2).
    """
    t = np.asarray(temperature_k, dtype=float)
    e = np.asarray(rho_gm3, dtype=float) * t / 216.7
    pd = np.asarray(pressure_hpa, dtype=float) - e
    n_units = 77.6 * pd / t + 72.0 * e / t + 3.75e5 * e / t**2
    return np.asarray(1.0 + n_units * 1e-6, dtype=float)


def slant_path_attenuation_annex1(
    freq_ghz: float,
    elevation_deg: float,
    station_altitude_km: float = 0.0,
    rho0_gm3: float = 7.5,
    t0_k: float = 288.15,
    p0_hpa: float = 1013.25,
) -> float:
    """Gaseous attenuation (dB) of an Earth-space path by ray tracing through 922 layers.

    ITU-R P.676-12 Annex 1 §2.2.1, eqs. (13)-(20): layers of thickness
    delta_i = 0.0001 exp((i-1)/100) km up to 100 km, refraction by Snell's law in spherical
    geometry, each layer's gamma from the line-by-line model, the atmosphere from ITU-R P.835-6
    (mean annual global reference; surface values ``rho0_gm3``, ``t0_k``, ``p0_hpa`` at sea level).
    Valid for elevation angles 0-90° at a station below 10 km.
    """
    if not 0.0 <= elevation_deg <= 90.0:
        raise InvalidInputError(f"elevation must be 0-90 degrees; got {elevation_deg}")
    if not 0.0 <= station_altitude_km < 10.0:
        raise InvalidInputError("the station altitude must be 0-10 km for P.676 Annex 1")
    i = np.arange(922)
    thickness = 0.0001 * np.exp(i / 100.0)
    tops = np.cumsum(thickness)
    keep = tops > station_altitude_km  # layers above the station; the first one is cut
    tops = tops[keep]
    bottoms = np.maximum(tops - thickness[keep], station_altitude_km)
    thickness = tops - bottoms
    mid = bottoms + thickness / 2.0
    t, p, rho = reference_atmosphere(mid, rho0_gm3, t0_k, p0_hpa)
    gamma = specific_attenuation(freq_ghz, p - rho * t / 216.7, t, rho)
    n = radio_refractive_index(p, t, rho)
    r = EARTH_RADIUS_KM + bottoms
    beta = np.deg2rad(90.0 - elevation_deg)
    total = 0.0
    for k in range(len(r)):
        rk, dk = r[k], thickness[k]
        a = -rk * np.cos(beta) + 0.5 * np.sqrt(
            4 * rk**2 * np.cos(beta) ** 2 + 8 * rk * dk + 4 * dk**2
        )
        total += a * gamma[k]
        cos_alpha = np.clip((-(a**2) - 2 * rk * dk - dk**2) / (2 * a * rk + 2 * a * dk), -1, 1)
        alpha = np.pi - np.arccos(cos_alpha)
        if k + 1 < len(r):
            beta = np.arcsin(np.clip(n[k] / n[k + 1] * np.sin(alpha), -1, 1))
    return float(total)


def equivalent_heights_km(
    freq_ghz: ArrayLike, dry_pressure_hpa: ArrayLike, temperature_k: ArrayLike, rho_gm3: ArrayLike
) -> tuple[FloatArray, FloatArray]:
    """Equivalent heights h_o (dry air) and h_w (water vapour) in km for the surface conditions.

    ITU-R P.676-12 Annex 2 eqs. (30)-(38) with r_p = (p + e)/1013.25 and the coefficients of
    Tables 3 (oxygen lines c_i, f_i) and 4 (water-vapour lines f_i, a_i, b_i).
    """
    f = np.asarray(freq_ghz, dtype=float)
    p, e, _ = _atmosphere(dry_pressure_hpa, temperature_k, rho_gm3)
    t_c = np.asarray(temperature_k, dtype=float) - 273.15
    rho = np.asarray(rho_gm3, dtype=float)
    rp = (p + e) / 1013.25
    heights = line_tables()
    t1 = (5.1040 / (1.0 + 0.066 * rp**-2.3)) * np.exp(
        -(((f - 59.7) / (2.87 + 12.4 * np.exp(-7.9 * rp))) ** 2)
    )
    fx, rpx = f[..., None], rp[..., None]
    c_i, f_i = heights.oxygen_height[:, 1], heights.oxygen_height[:, 0]
    t2 = np.sum(c_i * np.exp(2.12 * rpx) / ((fx - f_i) ** 2 + 0.025 * np.exp(2.2 * rpx)), axis=-1)
    t3 = (
        0.0114
        * f
        / (1.0 + 0.14 * rp**-2.6)
        * (15.02 * f**2 - 1353.0 * f + 5.333e4)
        / (f**3 - 151.3 * f**2 + 9629.0 * f - 6803.0)
    )
    a_o = 0.7832 + 0.00709 * t_c
    h_o = 6.1 * a_o / (1.0 + 0.17 * rp**-1.1) * (1.0 + t1 + t2 + t3)
    h_o = np.where(f < 70.0, np.minimum(h_o, 10.7 * rp**0.3), h_o)
    a_w = 1.9298 - 0.04166 * t_c + 0.0517 * rho
    b_w = 1.1674 - 0.00622 * t_c + 0.0063 * rho
    sigma_w = (1.013 / (1.0 + np.exp(-8.6 * (rp - 0.57))))[..., None]
    f_w, a_i, b_i = (heights.water_height[:, k] for k in range(3))
    h_w = a_w + b_w * np.sum(a_i * sigma_w / ((fx - f_w) ** 2 + b_i * sigma_w), axis=-1)
    return np.asarray(h_o, dtype=float), np.asarray(h_w, dtype=float)


def zenith_water_vapour_attenuation(
    freq_ghz: ArrayLike, water_vapour_content_kgm2: ArrayLike, altitude_km: ArrayLike
) -> FloatArray:
    """Zenith water-vapour attenuation A_w (dB) from the integrated water-vapour content V_t.

    ITU-R P.676-12 Annex 2 §2.3 eqs. (37)-(39): A_w = 0.0176 V_t gamma_w(f)/gamma_w(f_ref),
    both at p_ref = 845 hPa, rho_ref = V_t/2.38, t_ref = 14 ln(0.22 V_t/2.38) + 3 °C,
    f_ref = 20.6 GHz, above 20 GHz scaled by (1 + a h^b) for the station altitude h (km).
    """
    f = np.asarray(freq_ghz, dtype=float)
    vt = np.asarray(water_vapour_content_kgm2, dtype=float)
    h = np.asarray(altitude_km, dtype=float)
    _positive("water_vapour_content_kgm2", vt)
    p_ref = 845.0
    rho_ref = vt / 2.38
    t_ref = 14.0 * np.log(0.22 * vt / 2.38) + 3.0 + 273.15
    ratio = specific_attenuation_water(f, p_ref, t_ref, rho_ref) / specific_attenuation_water(
        20.6, p_ref, t_ref, rho_ref
    )
    a = (
        0.2048 * np.exp(-(((f - 22.43) / 3.097) ** 2))
        + 0.2326 * np.exp(-(((f - 183.5) / 4.096) ** 2))
        + 0.2073 * np.exp(-(((f - 325.0) / 3.651) ** 2))
        - 0.1113
    )
    b = 8.741e4 * np.exp(-0.587 * f) + 312.2 * f**-2.38 + 0.723
    height_term = np.where(f > 20.0, 1.0 + a * np.clip(h, 0.0, 4.0) ** b, 1.0)
    return np.asarray(0.0176 * vt * ratio * height_term, dtype=float)


def equivalent_heights_p676_13_km(
    freq_ghz: ArrayLike, dry_pressure_hpa: ArrayLike, temperature_k: ArrayLike, rho_gm3: ArrayLike
) -> tuple[FloatArray, FloatArray]:
    """Equivalent heights h_o (dry air) and h_w (water vapour) in km, ITU-R P.676-13 Annex 2.

    §1.1: h_o = a_0 + b_0 T_s + c_0 P_s + d_0 rho_s with the total surface pressure
    P_s = p + e (hPa), T_s (K) and rho_s (g/m³); a_0..d_0 are linearly interpolated in
    frequency from the Recommendation's coefficient table (1-350 GHz).
    §2.1 (method 1): h_w = 5.6585e-5 f + 1.8348 + 2.6846/((f - 22.235080)² + 2.7649)
    + 5.8905/((f - 183.310087)² + 4.9219) + 2.9810/((f - 325.152888)² + 3.0748).
    """
    f = np.asarray(freq_ghz, dtype=float)
    _positive("freq_ghz", f)
    if np.any(f < 1.0) or np.any(f > 350.0):
        raise InvalidInputError("the P.676-13 Annex 2 method covers 1-350 GHz; use Annex 1")
    p, e, _ = _atmosphere(dry_pressure_hpa, temperature_k, rho_gm3)
    t = np.asarray(temperature_k, dtype=float)
    rho = np.asarray(rho_gm3, dtype=float)
    table = p676_13_oxygen_height_coefficients()
    a0, b0, c0, d0 = (np.interp(f, table[:, 0], table[:, k]) for k in range(1, 5))
    h_o = a0 + b0 * t + c0 * (p + e) + d0 * rho
    h_w = (
        5.6585e-5 * f
        + 1.8348
        + 2.6846 / ((f - 22.235080) ** 2 + 2.7649)
        + 5.8905 / ((f - 183.310087) ** 2 + 4.9219)
        + 2.9810 / ((f - 325.152888) ** 2 + 3.0748)
    )
    return np.asarray(h_o, dtype=float), np.asarray(h_w * np.ones_like(h_o), dtype=float)


def slant_path_attenuation(
    freq_ghz: ArrayLike,
    elevation_deg: ArrayLike,
    dry_pressure_hpa: ArrayLike,
    temperature_k: ArrayLike,
    rho_gm3: ArrayLike,
    water_vapour_content_kgm2: ArrayLike | None = None,
    altitude_km: ArrayLike = 0.0,
    edition: int = 12,
) -> FloatArray:
    """Gaseous attenuation of an Earth-space path (dB) from surface meteorology.

    ``edition=12``: ITU-R P.676-12 Annex 2 §2.2: A = (gamma_o h_o + A_w)/sin(el), gamma_o from
    Annex 1 (line by line) at the surface dry pressure, temperature and water-vapour density,
    h_o and h_w from :func:`equivalent_heights_km`, A_w = gamma_w h_w, or the zenith
    water-vapour method of §2.3 when the integrated water-vapour content V_t (kg/m²) is given.

    ``edition=13``: ITU-R P.676-13 Annex 2 §1.1 and §2.1 (method 1), the instantaneous
    attenuation A = (gamma_o h_o + gamma_w h_w)/sin(el) with the equivalent heights of
    :func:`equivalent_heights_p676_13_km` (1-350 GHz). Method 2 (from V_t) is not provided.

    Valid for 5° <= el <= 90°.
    """
    if edition not in (12, 13):
        raise InvalidInputError(f"P.676 edition must be 12 or 13; got {edition}")
    el = np.asarray(elevation_deg, dtype=float)
    if np.any(el < 5.0) or np.any(el > 90.0):
        raise InvalidInputError("the P.676 Annex 2 slant path needs elevations of 5-90 degrees")
    args = (dry_pressure_hpa, temperature_k, rho_gm3)
    gamma_o = specific_attenuation_oxygen(freq_ghz, *args)
    if edition == 13:
        if water_vapour_content_kgm2 is not None:
            raise InvalidInputError(
                "the P.676-13 slant path here uses the surface water-vapour density (Annex 2 "
                "method 1); leave out V_t, or use edition 12 for the V_t method"
            )
        h_o, h_w = equivalent_heights_p676_13_km(freq_ghz, *args)
        a_w = specific_attenuation_water(freq_ghz, *args) * h_w
        return np.asarray((gamma_o * h_o + a_w) / np.sin(np.deg2rad(el)), dtype=float)
    h_o, h_w = equivalent_heights_km(freq_ghz, *args)
    if water_vapour_content_kgm2 is None:
        a_w = specific_attenuation_water(freq_ghz, *args) * h_w
    else:
        a_w = zenith_water_vapour_attenuation(freq_ghz, water_vapour_content_kgm2, altitude_km)
    return np.asarray((gamma_o * h_o + a_w) / np.sin(np.deg2rad(el)), dtype=float)


def rain_attenuation_db(
    lat_deg: ArrayLike,
    lon_deg: ArrayLike,
    freq_ghz: ArrayLike,
    elevation_deg: ArrayLike,
    percent_time: ArrayLike,
    station_altitude_km: ArrayLike | None = None,
    polarization_tilt_deg: ArrayLike = 45.0,
    r001_mm_h: ArrayLike | None = None,
) -> FloatArray:
    """Rain attenuation (dB) exceeded for ``percent_time`` % of an average year, ITU-R P.618-13.

    Computed by the ``itur`` package (install the ``rain`` extra: ``pip install
    'humanict[rain]'``), which ships the P.837/P.839/P.1511 maps and so runs offline.
    """
    try:
        import itur
    except ImportError as err:
        raise InvalidInputError(
            "rain attenuation needs the optional 'itur' package: pip install 'humanict[rain]'"
        ) from err
    args = np.broadcast_arrays(
        *(
            np.asarray(np.nan if v is None else v, dtype=float)
            for v in (
                lat_deg,
                lon_deg,
                freq_ghz,
                elevation_deg,
                percent_time,
                station_altitude_km,
                polarization_tilt_deg,
                r001_mm_h,
            )
        )
    )
    out = np.empty(args[0].shape, dtype=float)
    # itur turns array latitudes and longitudes into a grid: call it point by point.
    for index in np.ndindex(out.shape):
        lat, lon, f, el, p, hs, tau, r001 = (float(a[index]) for a in args)
        value = itur.models.itu618.rain_attenuation(
            lat=lat,
            lon=lon,
            f=f,
            el=el,
            hs=None if np.isnan(hs) else hs,
            p=p,
            R001=None if np.isnan(r001) else r001,
            tau=tau,
        )
        out[index] = float(getattr(value, "value", value))
    return out
