"""AP5 Table 5-1 arcs as data, networks in the arc, and the Appendix 8 ΔT/T."""

from __future__ import annotations

import math

import numpy as np
import pytest

from humanict.errors import InvalidInputError
from humanict.spectrum.coordination import (
    ap8_case1,
    ap8_parameters,
    delta_t_over_t,
    load_arcs,
    networks_in_arcs,
    select_arcs,
)
from humanict.spectrum.frequency import parse_frequency
from humanict.spectrum.registry import connect, separation

from .conftest import DATA_DIR

K = 1.380649e-23


def test_every_arc_row_carries_its_rr_reference_and_verification() -> None:
    arcs = load_arcs(DATA_DIR)
    assert {a.band for a in arcs} >= {"C", "Ku", "Ka", "Ku-13.4"}
    for arc in arcs:
        assert arc.rr_reference.startswith("RR Appendix 5") and arc.source
        assert arc.verified in ("primary", "secondary", "partial", "no")
    assert {a.arc_deg for a in arcs if a.band == "Ku"} == {7.0}
    assert {a.arc_deg for a in arcs if a.band in ("C", "Ka")} == {8.0}
    assert [a.arc_deg for a in arcs if a.band == "Ku-13.4"] == [6.0]


def test_region_and_verification_filter_the_rows() -> None:
    arcs = load_arcs(DATA_DIR)
    region1 = select_arcs(arcs, band="Ku", region=1)
    assert all(1 in a.regions for a in region1)
    assert not any(a.lower_ghz == 11.7 for a in region1)  # 11.7-12.2 GHz is Region 2 only
    with pytest.raises(InvalidInputError, match="item 9"):
        select_arcs(arcs, band="BSS-21")
    assert select_arcs(arcs, band="BSS-21", include_unverified=True)[0].verified == "no"
    (row,) = select_arcs(arcs, frequency=parse_frequency("13.5GHz"), region=1)
    assert row.band == "Ku-13.4"
    with pytest.raises(InvalidInputError):
        select_arcs(arcs)


def test_networks_listed_lie_inside_their_arc(registry: str) -> None:
    arcs = select_arcs(load_arcs(DATA_DIR), band="Ku", region=1)
    with connect(registry) as conn:
        rows = networks_in_arcs(conn, 10.0, arcs)
    assert rows
    assert all(r["separation_deg"] <= 7.0 for r in rows)
    assert all(
        separation(10.0, float(r["longitude"])) == pytest.approx(r["separation_deg"], abs=1e-3)
        for r in rows
    )
    assert len({r["network"] for r in rows}) == len(rows)  # one row per network for one arc


def _downlink_only(inr_db: float, te: float = 150.0) -> dict[str, float]:
    """Inputs whose up-link term vanishes and whose down-link ΔTe/Te equals ``inr_db``."""
    noise_dbw_hz = 10 * math.log10(K * te)
    return {
        "pe_dbw_hz": -400.0, "g3_dbi": 0.0, "g4_dbi": 0.0, "lu_db": 200.0,
        "ps_dbw_hz": noise_dbw_hz + inr_db + 200.0, "g1_dbi": 0.0, "g2_dbi": 0.0,
        "ld_db": 200.0, "ts_k": 0.0, "te_k": te, "gamma_db": 0.0,
    }  # fmt: skip


def test_six_percent_is_an_interference_to_noise_ratio_of_minus_12_2_db() -> None:
    # ΔT/T = 6 % ⇔ I/N = 10·log10(0.06) = -12.2 dB (ITU BR seminar: I/N -12 dB ≈ 6 %).
    at = ap8_case1(DATA_DIR, **_downlink_only(10 * math.log10(0.06)))
    assert at.dt_over_t_percent == pytest.approx(6.0, rel=1e-9)
    assert at.threshold_percent == 6.0 and not at.coordination_required
    above = ap8_case1(DATA_DIR, **_downlink_only(10 * math.log10(0.061)))
    assert above.coordination_required


def test_uplink_noise_reaches_the_earth_station_through_the_transmission_gain() -> None:
    base = {
        "pe_dbw_hz": -50.0, "g3_dbi": 5.0, "g4_dbi": 30.0, "lu_db": 207.0,
        "ps_dbw_hz": -400.0, "g1_dbi": 0.0, "g2_dbi": 0.0, "ld_db": 200.0,
        "ts_k": 600.0, "te_k": 120.0,
    }  # fmt: skip
    dts, dte, dt, t = delta_t_over_t(boltzmann=K, gamma_db=np.array([-10.0, 0.0]), **base)
    expected_dts = 10 ** ((-50 + 5 + 30 - 207) / 10) / K
    assert dts == pytest.approx(expected_dts)
    assert dt == pytest.approx(np.array([0.1, 1.0]) * expected_dts + dte)
    assert t == pytest.approx([120 + 60, 120 + 600])
    # with γ·Ts ≫ Te the ratio tends to ΔTs/Ts
    ratio = dt / t
    assert ratio[1] == pytest.approx(expected_dts / 720.0)


def test_negative_noise_temperature_is_refused() -> None:
    with pytest.raises(InvalidInputError, match="kelvin"):
        ap8_case1(DATA_DIR, **(_downlink_only(-12.0) | {"te_k": -5.0}))


def test_appendix_8_parameters_say_what_is_unverified() -> None:
    params = ap8_parameters(DATA_DIR)
    assert params["threshold_dt_over_t"]["verified"] == "primary"
    assert params["case1_formula"]["verified"] == "no"
