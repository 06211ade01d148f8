"""Propagation models against the ITU-R validation examples and the formulas of P.525."""

from __future__ import annotations

import numpy as np
import pytest

from humanict.errors import InvalidInputError
from humanict.spectrum import propagation as prop
from humanict.spectrum.engineering_validation import p676_errors


@pytest.fixture(scope="module")
def p676() -> dict[tuple[str, str], dict[str, float]]:
    return {(r["table"], r["quantity"]): r for r in p676_errors()}


def test_free_space_loss_matches_p525_equation() -> None:
    d = np.array([1.0, 1000.0, 35786.0])
    f = np.array([[1.0], [12.0], [30.0]])
    # ITU-R P.525-4 eq. (8) with f in MHz: 32.4 + 20 log f + 20 log d (32.45 unrounded).
    expected = 32.45 + 20 * np.log10(f * 1000) + 20 * np.log10(d)
    assert np.allclose(prop.free_space_loss_db(d, f), expected, atol=0.01)
    # 6 dB per doubling of distance
    assert prop.free_space_loss_db(2000, 12) - prop.free_space_loss_db(1000, 12) == pytest.approx(
        20 * np.log10(2)
    )


@pytest.mark.parametrize("version", [12, 13])
@pytest.mark.parametrize("quantity", ["gamma_o dB/km", "gamma_w dB/km", "gamma dB/km"])
def test_specific_attenuation_reproduces_itu_tables(p676, version, quantity) -> None:
    row = p676[(f"ITURP676-{version}_gamma.csv", quantity)]
    assert row["rows"] >= 350
    assert row["max_abs_error"] < 1e-7
    assert row["max_rel_error"] < 1e-3


def test_zenith_water_vapour_and_slant_path_reproduce_p676_12(p676) -> None:
    zenith = p676[("ITURP676-12_zenith_attenuation.csv", "A_w dB")]
    slant = p676[("ITURP676-12_A_gas.csv", "A_gas dB (Annex 2)")]
    assert zenith["rows"] == slant["rows"] == 64
    assert zenith["max_abs_error"] < 1e-6
    assert slant["max_abs_error"] < 1e-6


def test_p676_13_slant_path_reproduces_the_p676_13_examples(p676) -> None:
    """The -13 examples follow the revised Annex 2 (tabulated h_o, h_w of method 1)."""
    row = p676[("ITURP676-13_A_gas.csv", "A_gas dB (P.676-13 Annex 2)")]
    assert row["rows"] == 10
    assert row["max_abs_error"] < 1e-6
    # the -12 equivalent heights differ from them by up to 0.1 dB: the edition matters
    old = p676[("ITURP676-13_A_gas.csv", "A_gas dB (P.676-12 Annex 2)")]
    assert 0.01 < old["max_abs_error"] < 0.1
    layered = p676[("ITURP676-13_A_gas.csv", "A_gas dB (Annex 1 layers, P.835 shape)")]
    assert layered["max_abs_error"] < 0.06


def test_p676_13_equivalent_heights() -> None:
    args = (1013.25 - 7.5 * 288.15 / 216.7, 288.15, 7.5)
    h_o, h_w = prop.equivalent_heights_p676_13_km(np.array([10.0, 30.0, 60.0]), *args)
    h_o12, h_w12 = prop.equivalent_heights_km(np.array([10.0, 30.0, 60.0]), *args)
    # same physics as -12: about 5 km for dry air off the 60 GHz band, about 1.7-1.9 km for
    # water vapour, the oxygen height rising inside the band
    assert np.all(np.abs(h_o[:2] - h_o12[:2]) < 0.3) and h_o[2] > 2 * h_o[0]
    assert np.all(np.abs(h_w - h_w12) < 0.3)
    # the water-vapour height peaks on the 22.235 GHz line
    f = np.array([18.0, 22.235080, 26.0])
    assert prop.equivalent_heights_p676_13_km(f, *args)[1].argmax() == 1
    # table rows are hit exactly and interpolated linearly between them
    table = prop.p676_13_oxygen_height_coefficients()
    assert table.shape == (700, 5) and 118.75 in table[:, 0]
    mid = prop.equivalent_heights_p676_13_km(np.array([20.0, 20.25, 20.5]), *args)[0]
    assert mid[1] == pytest.approx((mid[0] + mid[2]) / 2, rel=1e-3)
    with pytest.raises(InvalidInputError, match="1-350 GHz"):
        prop.equivalent_heights_p676_13_km(400.0, *args)
    with pytest.raises(InvalidInputError, match="method 1"):
        prop.slant_path_attenuation(30.0, 30.0, *args, water_vapour_content_kgm2=20.0, edition=13)
    with pytest.raises(InvalidInputError, match="edition"):
        prop.slant_path_attenuation(30.0, 30.0, *args, edition=11)


def test_layered_annex1_path_agrees_with_annex2_outside_the_oxygen_band() -> None:
    for f in (12.0, 20.0, 30.0, 40.0):
        layered = prop.slant_path_attenuation_annex1(f, 30.0)
        approx = float(prop.slant_path_attenuation(f, 30.0, 1013.25, 288.15, 7.5))
        assert layered == pytest.approx(approx, rel=0.05)
    # lower elevation, longer path, more attenuation
    assert prop.slant_path_attenuation_annex1(20.0, 10.0) > prop.slant_path_attenuation_annex1(
        20.0, 30.0
    )
    # a station above sea level sees less atmosphere
    assert prop.slant_path_attenuation_annex1(20.0, 30.0, 2.0) < prop.slant_path_attenuation_annex1(
        20.0, 30.0
    )


def test_reference_atmosphere_matches_p835_values() -> None:
    t, p, rho = prop.reference_atmosphere(np.array([0.0, 11.0]))
    assert t[0] == pytest.approx(288.15) and p[0] == pytest.approx(1013.25)
    assert rho[0] == pytest.approx(7.5)
    # P.835-6 standard atmosphere at 11 km geopotential (~11.02 km geometric): about 226 hPa
    assert 215 < p[1] < 230
    assert t[1] == pytest.approx(288.15 - 6.5 * 6356.766 * 11 / (6356.766 + 11), rel=1e-9)


def test_bad_inputs_are_user_errors() -> None:
    with pytest.raises(InvalidInputError, match="freq_ghz"):
        prop.free_space_loss_db(100, -1)
    with pytest.raises(InvalidInputError, match="elevations"):
        prop.slant_path_attenuation(12, 2.0, 1013.25, 288.15, 7.5)
    with pytest.raises(InvalidInputError, match="water-vapour"):
        prop.specific_attenuation(12, 1013.25, 288.15, -1)
