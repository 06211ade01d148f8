"""Link budgets: carrier, noise and interference powers and their ratios, in dB.

Pure, vectorised functions (numpy broadcasting). Powers in dBW, gains in dBi, losses in dB,
noise temperatures in K, bandwidths in Hz, distances in km, frequencies in GHz.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike, NDArray

from humanict.errors import InvalidInputError
from humanict.spectrum.propagation import free_space_loss_db

FloatArray = NDArray[np.float64]
BOLTZMANN_DBW = 10.0 * np.log10(1.380649e-23)  # -228.6 dB(W/(K·Hz)), k of the 2019 SI


def _a(x: ArrayLike) -> FloatArray:
    return np.asarray(x, dtype=float)


def eirp_dbw(
    tx_power_dbw: ArrayLike, tx_gain_dbi: ArrayLike, feed_loss_db: ArrayLike = 0.0
) -> FloatArray:
    """Equivalent isotropically radiated power, P + G - L_feed (dBW)."""
    return _a(tx_power_dbw) + _a(tx_gain_dbi) - _a(feed_loss_db)


def pfd_dbw_m2(eirp: ArrayLike, distance_km: ArrayLike) -> FloatArray:
    """Power-flux density at a distance in free space, EIRP - 10 log(4 pi d²) (dB(W/m²))."""
    d_m = _a(distance_km) * 1e3
    if np.any(d_m <= 0):
        raise InvalidInputError("distance must be positive")
    return _a(eirp) - 10.0 * np.log10(4.0 * np.pi * d_m**2)


def received_power_dbw(
    eirp: ArrayLike,
    distance_km: ArrayLike,
    freq_ghz: ArrayLike,
    rx_gain_dbi: ArrayLike,
    extra_loss_db: ArrayLike = 0.0,
) -> FloatArray:
    """Received power C = EIRP - L_fs(P.525) - L_extra + G_r (dBW)."""
    return (
        _a(eirp) - free_space_loss_db(distance_km, freq_ghz) - _a(extra_loss_db) + _a(rx_gain_dbi)
    )


def noise_power_dbw(noise_temperature_k: ArrayLike, bandwidth_hz: ArrayLike) -> FloatArray:
    """Thermal noise N = k T B (dBW)."""
    t, b = _a(noise_temperature_k), _a(bandwidth_hz)
    if np.any(t <= 0) or np.any(b <= 0):
        raise InvalidInputError("noise temperature and bandwidth must be positive")
    return BOLTZMANN_DBW + 10.0 * np.log10(t) + 10.0 * np.log10(b)


def db_sum(*levels_db: ArrayLike) -> FloatArray:
    """Power sum of levels given in dB: 10 log10(sum 10^(x/10))."""
    arrays = np.broadcast_arrays(*(_a(x) for x in levels_db))
    return np.asarray(10.0 * np.log10(np.sum([10.0 ** (x / 10.0) for x in arrays], axis=0)))


def bandwidth_overlap_db(interferer_bw_hz: ArrayLike, victim_bw_hz: ArrayLike) -> FloatArray:
    """Fraction of an interferer's power inside the victim's band, co-centred, flat spectra (dB)."""
    i_bw, v_bw = _a(interferer_bw_hz), _a(victim_bw_hz)
    return 10.0 * np.log10(np.minimum(1.0, v_bw / i_bw))


@dataclass(frozen=True)
class LinkResult:
    """Carrier, interference, noise (dBW) and the ratios C/N, C/I, I/N, C/(N+I) (dB)."""

    c_dbw: FloatArray
    i_dbw: FloatArray
    n_dbw: FloatArray
    c_n_db: FloatArray
    c_i_db: FloatArray
    i_n_db: FloatArray
    c_ni_db: FloatArray
    delta_t_over_t_percent: FloatArray

    def as_dict(self) -> dict[str, object]:
        out: dict[str, object] = {}
        for name, value in self.__dict__.items():
            arr = np.asarray(value)
            out[name] = float(arr) if arr.ndim == 0 else arr.tolist()
        return out


def link_budget(
    *,
    freq_ghz: ArrayLike,
    wanted_eirp_dbw: ArrayLike,
    wanted_distance_km: ArrayLike,
    rx_gain_wanted_dbi: ArrayLike,
    interferer_eirp_dbw: ArrayLike,
    interferer_distance_km: ArrayLike,
    rx_gain_interferer_dbi: ArrayLike,
    noise_temperature_k: ArrayLike,
    bandwidth_hz: ArrayLike,
    interferer_bandwidth_hz: ArrayLike | None = None,
    wanted_extra_loss_db: ArrayLike = 0.0,
    interferer_extra_loss_db: ArrayLike = 0.0,
) -> LinkResult:
    """A wanted link and one interference path into the same receiver.

    C and I from :func:`received_power_dbw` (free-space loss of ITU-R P.525-4 plus any extra
    loss, e.g. gaseous attenuation from P.676), I reduced by the bandwidth overlap; N = k T B.
    I/N in linear terms equals the noise-temperature increase ΔT/T (RR Appendix 8 uses 6 %).
    """
    c = received_power_dbw(
        wanted_eirp_dbw, wanted_distance_km, freq_ghz, rx_gain_wanted_dbi, wanted_extra_loss_db
    )
    i = received_power_dbw(
        interferer_eirp_dbw,
        interferer_distance_km,
        freq_ghz,
        rx_gain_interferer_dbi,
        interferer_extra_loss_db,
    )
    if interferer_bandwidth_hz is not None:
        i = i + bandwidth_overlap_db(interferer_bandwidth_hz, bandwidth_hz)
    n = noise_power_dbw(noise_temperature_k, bandwidth_hz)
    i_n = i - n
    return LinkResult(
        c_dbw=c,
        i_dbw=i,
        n_dbw=n,
        c_n_db=c - n,
        c_i_db=c - i,
        i_n_db=i_n,
        c_ni_db=c - db_sum(n, i),
        delta_t_over_t_percent=100.0 * 10.0 ** (i_n / 10.0),
    )
