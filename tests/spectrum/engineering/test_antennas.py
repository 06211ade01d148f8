"""Reference antenna patterns: the envelope values the Recommendations define, and their limits."""

from __future__ import annotations

import numpy as np
import pytest

from humanict.errors import InvalidInputError
from humanict.spectrum import antennas

C = 299_792_458.0


def test_peak_gain_of_a_circular_aperture() -> None:
    # 1.2 m at 12 GHz: D/lambda = 48.03; 10 log(0.7 (pi 48.03)^2) = 42.0 dBi
    assert antennas.d_over_lambda(1.2, 12.0) == pytest.approx(1.2 * 12e9 / C)
    assert antennas.peak_gain_dbi(1.2, 12.0) == pytest.approx(
        10 * np.log10(0.7 * (np.pi * 1.2 * 12e9 / C) ** 2)
    )


def test_s465_side_lobes_and_back_lobe() -> None:
    phi = np.array([10.0, 20.0, 47.9, 60.0, 180.0])
    gain = antennas.s465_gain(phi, 2.4, 12.0)  # D/lambda = 96 >= 50: phi_min = 1.04°
    assert gain[:3] == pytest.approx(32 - 25 * np.log10(phi[:3]))
    assert gain[3:] == pytest.approx([-10.0, -10.0])
    assert antennas.s465_gain(0.0, 2.4, 12.0) == pytest.approx(antennas.peak_gain_dbi(2.4, 12.0))
    # small antenna (D/lambda < 50): phi_min = max(2°, 114 (D/lambda)^-1.09)
    small = antennas.d_over_lambda(0.6, 12.0)
    phi_min = max(2.0, 114 * small**-1.09)
    assert antennas.s465_gain(phi_min + 0.01, 0.6, 12.0) == pytest.approx(
        32 - 25 * np.log10(phi_min + 0.01)
    )


def test_s580_envelope_segments() -> None:
    gain = antennas.s580_gain(np.array([5.0, 20.0, 22.0, 26.3, 30.0, 50.0]), 2.4, 12.0)
    expected = [29 - 25 * np.log10(5), 29 - 25 * np.log10(20), -3.5, -3.5, 32 - 25 * np.log10(30)]
    assert gain[:5] == pytest.approx(expected)
    assert gain[5] == -10.0
    # S.580 is stricter than S.465 in the near side lobes
    phi = np.linspace(2, 20, 10)
    assert np.all(antennas.s580_gain(phi, 2.4, 12) < antennas.s465_gain(phi, 2.4, 12))
    with pytest.raises(InvalidInputError, match="S.465"):
        antennas.s580_gain(5.0, 0.6, 12.0)


@pytest.mark.parametrize(("diameter", "freq"), [(0.6, 11.7), (1.2, 11.7), (3.0, 11.7)])
def test_s1428_main_beam_meets_the_first_side_lobe(diameter: float, freq: float) -> None:
    d_l = antennas.d_over_lambda(diameter, freq)
    g_max = 20 * np.log10(d_l) + 7.7
    phi_r = 15.85 * d_l**-0.6 if d_l >= 100 else 95 / d_l
    g1 = 29 - 25 * np.log10(phi_r)
    phi_m = 20 / d_l * np.sqrt(g_max - g1)
    assert antennas.s1428_gain(0.0, diameter, freq) == pytest.approx(g_max)
    assert antennas.s1428_peak_gain_dbi(diameter, freq) == pytest.approx(g_max)
    just_inside = antennas.s1428_gain(phi_m * 0.9999, diameter, freq)
    assert just_inside == pytest.approx(g1, abs=0.01)
    assert antennas.s1428_gain(phi_r * 1.0001, diameter, freq) == pytest.approx(g1, abs=0.01)


def test_s1428_far_side_lobes_by_antenna_size() -> None:
    # D/lambda > 100 (3 m at 11.7 GHz = 117)
    assert antennas.s1428_gain([20.0, 50.0, 100.0, 150.0], 3.0, 11.7) == pytest.approx(
        [34 - 30 * np.log10(20), -12, -7, -12]
    )
    # 25 < D/lambda <= 100 (1.2 m = 46.8)
    assert antennas.s1428_gain([50.0, 100.0, 150.0], 1.2, 11.7) == pytest.approx([-9, -4, -9])
    # 20 <= D/lambda <= 25 (0.6 m = 23.4)
    assert antennas.s1428_gain([50.0, 100.0], 0.6, 11.7) == pytest.approx([-9, -5])
    with pytest.raises(InvalidInputError, match="D/lambda >= 20"):
        antennas.s1428_gain(1.0, 0.3, 11.7)


def test_s1528_recommends_1_2_shape() -> None:
    gm, pb, ln = 35.0, 1.5, -20.0
    psi = np.array([0.0, 1.5, 5.0, 12.0, 60.0, 120.0])
    gain = antennas.s1528_gain(psi, gm, pb, ln)
    assert gain[0] == gm
    assert gain[1] == pytest.approx(gm - 3.0)  # half-power at psi_b
    assert gain[2] == pytest.approx(gm + ln)  # plateau: 0.5 b psi_b < 5 <= b psi_b
    x = gm + ln + 25 * np.log10(6.32 * pb)
    assert gain[3] == pytest.approx(x - 25 * np.log10(12.0))
    assert gain[4] == 0.0  # far side lobe L_F
    assert gain[5] == pytest.approx(max(0.0, 15 + ln + 0.25 * gm))  # back lobe
    # the pattern never rises above the peak and falls monotonically in the main lobe
    fine = antennas.s1528_gain(np.linspace(0, 3, 50), gm, pb, ln)
    assert np.all(np.diff(fine) <= 1e-12) and fine.max() == gm
    with pytest.raises(InvalidInputError, match="near-in side-lobe"):
        antennas.s1528_gain(1.0, gm, pb, -17.0)
    # the main-lobe exponent alpha defaults to 1.5 (ITU BR antenna pattern library APSREC409V01)
    assert antennas.s1528_gain(2 * pb, gm, pb, ln) == pytest.approx(gm - 3 * 2**1.5)
    assert antennas.s1528_gain(2 * pb, gm, pb, ln, alpha=2.0) == pytest.approx(gm - 12.0)


def test_s1528_leo_pattern_is_continuous_where_the_masks_meet() -> None:
    gm, pb = 35.0, 1.6
    y = 1.5 * pb
    z = y * 10 ** (0.04 * (gm - 6.75))
    assert antennas.s1528_leo_gain(0.5 * pb, gm, pb) == gm
    before, after = antennas.s1528_leo_gain([y * 0.99999, y * 1.00001], gm, pb)
    assert before == pytest.approx(gm - 6.75, abs=1e-3) and after == pytest.approx(before, abs=1e-3)
    assert antennas.s1528_leo_gain(z * 1.0001, gm, pb) == 0.0
    assert antennas.s1528_leo_gain(z * 0.9999, gm, pb) == pytest.approx(0.0, abs=1e-2)


def test_angles_outside_0_180_are_rejected() -> None:
    with pytest.raises(InvalidInputError, match="0-180"):
        antennas.s465_gain([190.0], 1.2, 12.0)
    with pytest.raises(InvalidInputError, match="unknown antenna pattern"):
        antennas.earth_station_gain("s999", 1.0, 1.2, 12.0)


def test_s1528_taylor_peak_and_half_power_on_the_cell_edge() -> None:
    f, gm = 12.0, 30.0
    a = np.degrees(350 / 1446)  # a 350 km cell seen from 1 446 km (the S.1528 Annex example)
    lr = antennas.s1528_taylor_aperture_m(f, a, 3.0)
    assert lr == pytest.approx(C / 12e9 * 0.51 / np.sin(np.radians(a)))
    # the peak is G_m in every azimuth, and the pattern never exceeds it
    assert antennas.s1528_taylor_gain(0.0, gm, f, lr, 2 * lr, phi_deg=[0, 45, 90]) == (
        pytest.approx([gm] * 3)
    )
    fine = antennas.s1528_taylor_gain(np.linspace(0, 90, 2001), gm, f, lr)
    assert fine.max() == gm
    # S.1528 Table 2: L = lambda k / sin(a) puts the 3, 5 and 7 dB roll-off on the cell edge
    # (k rounded to two digits: within 0.4 dB for SLR 20 dB, n_bar 4)
    for roll_off in (3.0, 5.0, 7.0):
        size = antennas.s1528_taylor_aperture_m(f, a, roll_off)
        edge = antennas.s1528_taylor_gain(a, gm, f, size)
        assert gm - edge == pytest.approx(roll_off, abs=0.4)


def test_s1528_taylor_nulls_sit_on_the_taylor_and_bessel_zeros() -> None:
    from scipy.special import jn_zeros

    slr, n_bar = 25.0, 4
    big_a = np.arccosh(10 ** (slr / 20)) / np.pi
    mu = jn_zeros(1, 8) / np.pi
    sigma = mu[n_bar - 1] / np.sqrt(big_a**2 + (n_bar - 0.5) ** 2)
    taylor_zeros = sigma * np.sqrt(big_a**2 + (np.arange(1, n_bar) - 0.5) ** 2)
    # modified nulls below n_bar, then the uniform-aperture (J1) nulls
    nulls = np.concatenate([taylor_zeros, mu[n_bar - 1 :]])
    assert np.all(np.abs(antennas.taylor_circular_pattern(nulls, slr, n_bar)) < 1e-9)
    # and nowhere else: between consecutive nulls the field keeps one sign
    u = np.linspace(0, nulls[-1] - 1e-3, 20000)
    field = antennas.taylor_circular_pattern(u, slr, n_bar)
    crossings = u[1:][np.sign(field[1:]) != np.sign(field[:-1])]
    assert len(crossings) == len(nulls) - 1
    assert crossings == pytest.approx(nulls[:-1], abs=1e-3)
    # at the J1 zeros the Taylor factors cancel them: the field is finite, not a null
    assert np.all(np.abs(antennas.taylor_circular_pattern(mu[: n_bar - 1], slr, n_bar)) > 1e-3)
    # in angle: theta = arcsin(lambda u / L) along the radial axis
    f, size = 20.0, 0.5
    theta = np.degrees(np.arcsin(C / 20e9 * nulls[:3] / size))
    assert np.all(antennas.s1528_taylor_gain(theta, 40.0, f, size, slr_db=slr, n_bar=n_bar) < -100)


def test_s1528_taylor_side_lobes_and_the_uniform_limit() -> None:
    u = np.linspace(0, 3, 30001)
    # n_bar = 1 leaves the uniform circular aperture (Airy): first side lobe -17.57 dB
    airy = antennas.taylor_circular_pattern(u, 17.57, 1)
    assert 20 * np.log10(np.abs(airy[(u > 1.3) & (u < 2.2)]).max()) == pytest.approx(
        -17.57, abs=0.01
    )
    # the first side lobe approaches -SLR as n_bar grows (Taylor's design property)
    for slr in (20.0, 25.0, 30.0):
        field = antennas.taylor_circular_pattern(u, slr, 6)
        first_null = u[np.argmax(field <= 0)]
        lobe = 20 * np.log10(np.abs(field[(u > first_null) & (u < first_null + 0.9)]).max())
        assert -slr - 0.6 < lobe < -slr
    # an elliptical aperture: the transverse cut with L_t = 2 L_r is the radial cut at half angle
    f, lr = 12.0, 0.1
    s = np.linspace(0.01, 0.5, 20)
    radial = antennas.s1528_taylor_gain(np.degrees(np.arcsin(2 * s)), 30.0, f, lr, 2 * lr)
    transverse = antennas.s1528_taylor_gain(
        np.degrees(np.arcsin(s)), 30.0, f, lr, 2 * lr, phi_deg=90.0
    )
    assert transverse == pytest.approx(radial, abs=1e-9)


def test_s1528_taylor_bad_inputs() -> None:
    with pytest.raises(InvalidInputError, match="roll-off"):
        antennas.s1528_taylor_aperture_m(12.0, 10.0, 4.0)
    with pytest.raises(InvalidInputError, match="n_bar"):
        antennas.taylor_circular_pattern([0.5], 20.0, 0)
    with pytest.raises(InvalidInputError, match="L_r"):
        antennas.s1528_taylor_gain(1.0, 30.0, 12.0, -1.0)
