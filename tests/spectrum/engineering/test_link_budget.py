"""Link budgets: noise, received power, the ratios and their consistency."""

from __future__ import annotations

import numpy as np
import pytest

from humanict.errors import InvalidInputError
from humanict.spectrum import link_budget as lb
from humanict.spectrum.propagation import free_space_loss_db


def test_thermal_noise_density_at_290_k() -> None:
    # kT at 290 K is -203.98 dB(W/Hz), the textbook -204 dBW/Hz
    assert lb.noise_power_dbw(290.0, 1.0) == pytest.approx(-203.98, abs=0.01)
    assert lb.noise_power_dbw(290.0, 1e6) == pytest.approx(-143.98, abs=0.01)


def test_pfd_and_received_power_are_consistent() -> None:
    eirp, d, f = 50.0, 38000.0, 12.0
    # C = pfd + effective area; A_eff = G lambda^2 / (4 pi), so with G = 0 dBi
    wavelength = 299_792_458.0 / (f * 1e9)
    c = lb.received_power_dbw(eirp, d, f, 0.0)
    assert c == pytest.approx(lb.pfd_dbw_m2(eirp, d) + 10 * np.log10(wavelength**2 / (4 * np.pi)))
    assert c == pytest.approx(eirp - free_space_loss_db(d, f))


def test_link_budget_ratios_are_vectorised_and_consistent() -> None:
    distances = np.array([800.0, 1500.0, 3000.0])
    result = lb.link_budget(
        freq_ghz=12.0,
        wanted_eirp_dbw=50.0,
        wanted_distance_km=38000.0,
        rx_gain_wanted_dbi=40.0,
        interferer_eirp_dbw=40.0,
        interferer_distance_km=distances,
        rx_gain_interferer_dbi=0.0,
        noise_temperature_k=150.0,
        bandwidth_hz=36e6,
    )
    assert result.c_i_db.shape == (3,)
    assert np.allclose(result.c_n_db - result.c_i_db, result.i_n_db)
    # doubling the interference distance lowers I by 6.02 dB
    assert result.i_dbw[1] - result.i_dbw[2] == pytest.approx(20 * np.log10(2.0))
    # C/(N+I) below both C/N and C/I
    assert np.all(result.c_ni_db < np.minimum(result.c_n_db, result.c_i_db))
    assert result.delta_t_over_t_percent == pytest.approx(100 * 10 ** (result.i_n_db / 10))


def test_delta_t_over_t_of_6_percent_is_i_over_n_of_minus_12_2_db() -> None:
    assert 10 * np.log10(0.06) == pytest.approx(-12.2, abs=0.02)


def test_bandwidth_overlap_and_bad_input() -> None:
    assert lb.bandwidth_overlap_db(72e6, 36e6) == pytest.approx(-3.01, abs=0.01)
    assert lb.bandwidth_overlap_db(10e6, 36e6) == 0.0
    with pytest.raises(InvalidInputError, match="positive"):
        lb.noise_power_dbw(-1.0, 1e6)
