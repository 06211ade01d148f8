"""Reference antenna patterns: earth stations (ITU-R S.465-6, S.580-6, S.1428-1), satellites.

The satellite patterns are ITU-R S.1528 recommends 1.2, 1.3 (LEO) and 1.4 (Taylor illumination).

Each pattern is a pure function of the off-axis angle phi (degrees, any array shape) and returns
the gain in dBi. Diameters are in metres, frequencies in GHz.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike, NDArray
from scipy.special import j1, jn_zeros

from humanict.errors import InvalidInputError

FloatArray = NDArray[np.float64]
SPEED_OF_LIGHT = 299_792_458.0  # m/s


def d_over_lambda(diameter_m: float, freq_ghz: float) -> float:
    """Antenna diameter in wavelengths, D/lambda."""
    if diameter_m <= 0 or freq_ghz <= 0:
        raise InvalidInputError(
            f"diameter and frequency must be positive; got {diameter_m} m, {freq_ghz} GHz"
        )
    return diameter_m * freq_ghz * 1e9 / SPEED_OF_LIGHT


def peak_gain_dbi(diameter_m: float, freq_ghz: float, efficiency: float = 0.7) -> float:
    """Peak gain of a circular aperture, G = 10 log(eta (pi D/lambda)^2) dBi."""
    if not 0 < efficiency <= 1:
        raise InvalidInputError(f"antenna efficiency must be in (0, 1]; got {efficiency}")
    return float(10.0 * np.log10(efficiency * (np.pi * d_over_lambda(diameter_m, freq_ghz)) ** 2))


def _angles(phi_deg: ArrayLike) -> FloatArray:
    phi = np.abs(np.asarray(phi_deg, dtype=float))
    if np.any(~np.isfinite(phi)) or np.any(phi > 180.0):
        raise InvalidInputError("off-axis angles must be finite and within 0-180 degrees")
    return phi


def _main_beam(phi: FloatArray, d_lambda: float, g_max: float) -> FloatArray:
    """Main beam G_max - 2.5e-3 (D phi/lambda)^2 (RR Appendix 8 Annex III; S.1428-1 §2)."""
    return g_max - 2.5e-3 * (d_lambda * phi) ** 2


def s465_gain(
    phi_deg: ArrayLike, diameter_m: float, freq_ghz: float, efficiency: float = 0.7
) -> FloatArray:
    """Earth-station reference pattern of ITU-R S.465-6 (2-31 GHz), dBi.

    Side lobes: 32 - 25 log(phi) for phi_min <= phi < 48°, -10 dBi for 48° <= phi <= 180°,
    phi_min = max(1°, 100 lambda/D) for D/lambda >= 50, max(2°, 114 (D/lambda)^-1.09) below.
    Within phi_min the main beam of RR Appendix 8 (G_max - 2.5e-3 (D phi/lambda)^2), held at
    or above the side-lobe level at phi_min (S.465 leaves the main beam to the user).
    """
    phi = _angles(phi_deg)
    d_lambda = d_over_lambda(diameter_m, freq_ghz)
    g_max = peak_gain_dbi(diameter_m, freq_ghz, efficiency)
    if d_lambda >= 50:
        phi_min = max(1.0, 100.0 / d_lambda)
    else:
        phi_min = max(2.0, 114.0 * d_lambda**-1.09)
    safe = np.maximum(phi, phi_min)
    side = np.where(safe < 48.0, 32.0 - 25.0 * np.log10(safe), -10.0)
    edge = 32.0 - 25.0 * np.log10(phi_min)
    inner = np.maximum(_main_beam(phi, d_lambda, g_max), edge)
    return np.asarray(np.minimum(np.where(phi < phi_min, inner, side), g_max), dtype=float)


def s580_gain(
    phi_deg: ArrayLike, diameter_m: float, freq_ghz: float, efficiency: float = 0.7
) -> FloatArray:
    """Earth-station design-objective pattern of ITU-R S.580-6 (D/lambda >= 50), dBi.

    29 - 25 log(phi) for phi_min <= phi <= 20°, -3.5 dBi for 20° < phi <= 26.3°,
    32 - 25 log(phi) for 26.3° < phi <= 48°, -10 dBi for 48° < phi <= 180°,
    phi_min = max(1°, 100 lambda/D). Main beam inside phi_min as in :func:`s465_gain`.
    """
    phi = _angles(phi_deg)
    d_lambda = d_over_lambda(diameter_m, freq_ghz)
    if d_lambda < 50:
        raise InvalidInputError(
            f"S.580-6 applies to antennas with D/lambda >= 50; this one has {d_lambda:.1f}: "
            "use the S.465 pattern"
        )
    g_max = peak_gain_dbi(diameter_m, freq_ghz, efficiency)
    phi_min = max(1.0, 100.0 / d_lambda)
    safe = np.maximum(phi, phi_min)
    side = np.select(
        [safe <= 20.0, safe <= 26.3, safe <= 48.0],
        [29.0 - 25.0 * np.log10(safe), -3.5, 32.0 - 25.0 * np.log10(safe)],
        -10.0,
    )
    edge = 29.0 - 25.0 * np.log10(phi_min)
    inner = np.maximum(_main_beam(phi, d_lambda, g_max), edge)
    return np.asarray(np.minimum(np.where(phi < phi_min, inner, side), g_max), dtype=float)


def s1428_gain(phi_deg: ArrayLike, diameter_m: float, freq_ghz: float) -> FloatArray:
    """Reference FSS earth-station pattern of ITU-R S.1428-1 (10.7-30 GHz), dBi.

    The pattern of RR No. 22.5C for the epfd limits: G_max = 20 log(D/lambda) + 7.7,
    main beam G_max - 2.5e-3 (D phi/lambda)^2 to phi_m = 20 (lambda/D) sqrt(G_max - G_1),
    G_1 = 29 - 25 log(phi_r), phi_r = 15.85 (D/lambda)^-0.6 (D/lambda >= 100) or
    95 lambda/D (below); then 29 - 25 log(phi) and, for D/lambda > 100, 34 - 30 log(phi) from
    10° to 34.1°, -12/-7/-12 dBi at 34.1-80/80-120/120-180°; for 25 < D/lambda <= 100,
    -9/-4/-9 dBi beyond 33.1°; for 20 <= D/lambda <= 25, -9/-5 dBi beyond 33.1°.
    """
    phi = _angles(phi_deg)
    d_lambda = d_over_lambda(diameter_m, freq_ghz)
    if d_lambda < 20:
        raise InvalidInputError(f"S.1428-1 needs D/lambda >= 20; got {d_lambda:.1f}")
    g_max = 20.0 * np.log10(d_lambda) + 7.7
    phi_r = 15.85 * d_lambda**-0.6 if d_lambda >= 100 else 95.0 / d_lambda
    g1 = 29.0 - 25.0 * np.log10(phi_r)
    phi_m = 20.0 / d_lambda * np.sqrt(g_max - g1)
    logphi = np.log10(np.maximum(phi, 1e-9))
    main = [phi < phi_m, phi < phi_r]
    if d_lambda > 100:
        conds = main + [phi < 10.0, phi < 34.1, phi < 80.0, phi < 120.0]
        values = [
            _main_beam(phi, d_lambda, g_max),
            g1,
            29 - 25 * logphi,
            34 - 30 * logphi,
            -12.0,
            -7.0,
        ]
        default = -12.0
    elif d_lambda > 25:
        conds = main + [phi <= 33.1, phi <= 80.0, phi <= 120.0]
        values = [_main_beam(phi, d_lambda, g_max), g1, 29 - 25 * logphi, -9.0, -4.0]
        default = -9.0
    else:
        conds = main + [phi <= 33.1, phi <= 80.0]
        values = [_main_beam(phi, d_lambda, g_max), g1, 29 - 25 * logphi, -9.0]
        default = -5.0
    return np.asarray(np.select(conds, values, default), dtype=float)


def s1428_peak_gain_dbi(diameter_m: float, freq_ghz: float) -> float:
    """G_max of the S.1428-1 pattern, 20 log(D/lambda) + 7.7 dBi."""
    return float(20.0 * np.log10(d_over_lambda(diameter_m, freq_ghz)) + 7.7)


_S1528_A_COEFF = {-15.0: 1.4, -20.0: 1.0, -25.0: 0.6, -30.0: 0.4}


def s1528_gain(
    psi_deg: ArrayLike,
    peak_gain: float,
    half_beamwidth_deg: float,
    near_sidelobe_db: float = -20.0,
    far_sidelobe_dbi: float = 0.0,
    axis_ratio: float = 1.0,
    alpha: float = 1.5,
) -> FloatArray:
    """Non-GSO satellite antenna pattern of ITU-R S.1528, recommends 1.2, dBi.

    G = G_m - 3 (psi/psi_b)^alpha for psi <= a psi_b; G_m + L_N + 20 log z to 0.5 b psi_b;
    G_m + L_N to b psi_b; X - 25 log(psi) to Y; L_F to 90°; L_B beyond, with
    a = 2.58 sqrt(1 - k log z) (k = 1.4, 1.0, 0.6, 0.4 for L_N = -15, -20, -25, -30 dB),
    b = 6.32, X = G_m + L_N + 25 log(b psi_b), Y = b psi_b 10^(0.04 (G_m + L_N - L_F)),
    L_B = max(0, 15 + L_N + 0.25 G_m + 5 log z). psi_b is half the 3 dB beamwidth, z the
    major/minor axis ratio of the beam. The default alpha = 1.5 is an input to check against
    the edition of S.1528 in force.
    """
    psi = _angles(psi_deg)
    if near_sidelobe_db not in _S1528_A_COEFF:
        raise InvalidInputError(
            f"S.1528 near-in side-lobe level must be one of {sorted(_S1528_A_COEFF)} dB; "
            f"got {near_sidelobe_db}"
        )
    if half_beamwidth_deg <= 0 or axis_ratio < 1:
        raise InvalidInputError("half beamwidth must be positive and the axis ratio >= 1")
    log_z = np.log10(axis_ratio)
    a = 2.58 * np.sqrt(1.0 - _S1528_A_COEFF[near_sidelobe_db] * log_z)
    b = 6.32
    gm, ln, lf, pb = peak_gain, near_sidelobe_db, far_sidelobe_dbi, half_beamwidth_deg
    x = gm + ln + 25.0 * np.log10(b * pb)
    y = b * pb * 10.0 ** (0.04 * (gm + ln - lf))
    lb = max(0.0, 15.0 + ln + 0.25 * gm + 5.0 * log_z)
    logpsi = np.log10(np.maximum(psi, 1e-9))
    return np.asarray(
        np.select(
            [psi <= a * pb, psi <= 0.5 * b * pb, psi <= b * pb, psi <= y, psi <= 90.0],
            [
                gm - 3.0 * (psi / pb) ** alpha,
                gm + ln + 20.0 * log_z,
                gm + ln,
                x - 25.0 * logpsi,
                lf,
            ],
            lb,
        ),
        dtype=float,
    )


def s1528_leo_gain(
    psi_deg: ArrayLike,
    peak_gain: float,
    half_beamwidth_deg: float,
    near_sidelobe_db: float = -6.75,
    far_sidelobe_dbi: float = 0.0,
) -> FloatArray:
    """Non-GSO (LEO) satellite antenna pattern of ITU-R S.1528, recommends 1.3, dBi.

    G = G_m for psi <= psi_b; G_m - 3 (psi/psi_b)^2 to Y = 1.5 psi_b; G_m + L_S - 25 log(psi/Y)
    to Z = Y 10^(0.04 (G_m + L_S - L_F)); L_F beyond. L_S = -6.75 dB is where the main beam
    meets the side-lobe mask (-3 x 1.5² dB, so the pattern is continuous at Y).
    """
    psi = _angles(psi_deg)
    if half_beamwidth_deg <= 0:
        raise InvalidInputError("half beamwidth must be positive")
    gm, ls, lf, pb = peak_gain, near_sidelobe_db, far_sidelobe_dbi, half_beamwidth_deg
    y = 1.5 * pb
    z = y * 10.0 ** (0.04 * (gm + ls - lf))
    ratio = np.maximum(psi, 1e-9) / y
    return np.asarray(
        np.select(
            [psi <= pb, psi <= y, psi <= z],
            [gm, gm - 3.0 * (psi / pb) ** 2, gm + ls - 25.0 * np.log10(ratio)],
            lf,
        ),
        dtype=float,
    )


# ITU-R S.1528 recommends 1.4, Table 2: beam roll-off at the edge of the illuminated cell (dB)
# -> k, with L = lambda k / sin(half-angle of the cell seen from the satellite).
S1528_TAYLOR_ROLL_OFF_K = {3.0: 0.51, 5.0: 0.64, 7.0: 0.74}


def s1528_taylor_aperture_m(
    freq_ghz: float, cell_half_angle_deg: float, roll_off_db: float
) -> float:
    """Size L (m) of the radiating area for a cell edge at ``cell_half_angle_deg`` off boresight.

    ITU-R S.1528 recommends 1.4, Table 2: L = lambda k / sin(a) with k = 0.51, 0.64, 0.74 for a
    roll-off of 3, 5, 7 dB at the cell edge. Use it for L_r (radial) and L_t (transverse).
    """
    if roll_off_db not in S1528_TAYLOR_ROLL_OFF_K:
        raise InvalidInputError(
            f"S.1528 Taylor roll-off must be one of {sorted(S1528_TAYLOR_ROLL_OFF_K)} dB; "
            f"got {roll_off_db}"
        )
    if freq_ghz <= 0 or not 0 < cell_half_angle_deg < 90:
        raise InvalidInputError("frequency must be positive and the cell half-angle in (0, 90)")
    wavelength = SPEED_OF_LIGHT / (freq_ghz * 1e9)
    k = S1528_TAYLOR_ROLL_OFF_K[roll_off_db]
    return float(wavelength * k / np.sin(np.deg2rad(cell_half_angle_deg)))


def taylor_circular_pattern(u: ArrayLike, slr_db: float, n_bar: int) -> FloatArray:
    """Field pattern F(u) of Taylor's circular-aperture illumination (linear, F(0) = 1).

    F(u) = [2 J1(pi u)/(pi u)] prod_{i<n_bar} (1 - u²/u_i²)/(1 - u²/mu_i²), mu_i = j_1,i/pi
    (zeros of J1 over pi), u_i = sigma sqrt(A² + (i - 1/2)²), sigma = mu_n_bar/sqrt(A² +
    (n_bar - 1/2)²), A = arccosh(10^(SLR/20))/pi (T. T. Taylor, IRE Trans. AP-8, 1960; the
    form used by ITU-R S.1528 recommends 1.4). The first n_bar - 1 nulls move to u_i; beyond,
    the nulls are those of the uniform aperture, mu_i.
    """
    if slr_db <= 0 or int(n_bar) != n_bar or n_bar < 1:
        raise InvalidInputError("the side-lobe ratio must be positive and n_bar an integer >= 1")
    x = np.abs(np.asarray(u, dtype=float))
    mu = jn_zeros(1, int(n_bar)) / np.pi
    big_a = np.arccosh(10.0 ** (slr_db / 20.0)) / np.pi
    sigma = mu[-1] / np.sqrt(big_a**2 + (n_bar - 0.5) ** 2)
    u_i = sigma * np.sqrt(big_a**2 + (np.arange(1, n_bar) - 0.5) ** 2)
    # J1(pi u) and 1 - u²/mu_i² vanish together at mu_i (i < n_bar): the ratio is finite there;
    # evaluate it a relative 1e-9 beside the removable singularity.
    on_mu = np.isin(x, mu[:-1])
    x = np.where(on_mu, x * (1.0 + 1e-9), x)
    pu = np.pi * np.where(x == 0.0, 1.0, x)
    field = np.where(x == 0.0, 1.0, 2.0 * j1(pu) / pu)
    for ui, mi in zip(u_i, mu[:-1], strict=True):
        field = field * (1.0 - x**2 / ui**2) / (1.0 - x**2 / mi**2)
    return np.asarray(field, dtype=float)


def s1528_taylor_gain(
    theta_deg: ArrayLike,
    peak_gain: float,
    freq_ghz: float,
    l_r_m: float,
    l_t_m: float | None = None,
    phi_deg: ArrayLike = 0.0,
    slr_db: float = 20.0,
    n_bar: int = 4,
) -> FloatArray:
    """Non-GSO satellite antenna pattern of ITU-R S.1528 recommends 1.4 (Taylor), dBi.

    G(theta, phi) = G_m + 20 log |F(u)|, u = (1/lambda) sqrt((L_r sin theta cos phi)² +
    (L_t sin theta sin phi)²), F the circular Taylor pattern of :func:`taylor_circular_pattern`
    with side-lobe ratio SLR (dB) and n_bar - 1 modified nulls. L_r, L_t (m) are the radial and
    transverse sizes of the radiating area (equal for a circular beam; see
    :func:`s1528_taylor_aperture_m`); phi is the azimuth about boresight from the radial axis.
    A null gives -inf dBi.
    """
    theta = _angles(theta_deg)
    if freq_ghz <= 0 or l_r_m <= 0 or (l_t_m is not None and l_t_m <= 0):
        raise InvalidInputError("frequency and the radiating-area sizes L_r, L_t must be positive")
    l_t = l_r_m if l_t_m is None else l_t_m
    phi = np.deg2rad(np.asarray(phi_deg, dtype=float))
    wavelength = SPEED_OF_LIGHT / (freq_ghz * 1e9)
    sin_t = np.sin(np.deg2rad(theta))
    u = np.hypot(l_r_m * sin_t * np.cos(phi), l_t * sin_t * np.sin(phi)) / wavelength
    with np.errstate(divide="ignore"):
        return np.asarray(
            peak_gain + 20.0 * np.log10(np.abs(taylor_circular_pattern(u, slr_db, n_bar))),
            dtype=float,
        )


PATTERNS = ("s465", "s580", "s1428")


def earth_station_gain(
    pattern: str, phi_deg: ArrayLike, diameter_m: float, freq_ghz: float, efficiency: float = 0.7
) -> FloatArray:
    """Dispatch to an earth-station pattern by name: 's465', 's580' or 's1428'."""
    if pattern == "s465":
        return s465_gain(phi_deg, diameter_m, freq_ghz, efficiency)
    if pattern == "s580":
        return s580_gain(phi_deg, diameter_m, freq_ghz, efficiency)
    if pattern == "s1428":
        return s1428_gain(phi_deg, diameter_m, freq_ghz)
    raise InvalidInputError(
        f"unknown antenna pattern {pattern!r}; use one of {', '.join(PATTERNS)}"
    )
