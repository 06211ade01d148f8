"""The diffusion curves: defining properties, shapes, and the parameter Jacobian."""

from __future__ import annotations

import numpy as np
import pytest

from humanict.observatory.diffusion import bass, gompertz, logistic, parameter_jacobian

YEARS = np.arange(1990.0, 2041.0)


def test_logistic_is_half_saturation_at_its_inflection() -> None:
    assert logistic(np.array([2012.0]), 90.0, 0.4, 2012.0)[0] == pytest.approx(45.0)


def test_gompertz_is_k_over_e_at_its_inflection() -> None:
    assert gompertz(np.array([2005.0]), 80.0, 0.3, 2005.0)[0] == pytest.approx(80.0 / np.e)


def test_bass_starts_at_zero_and_saturates() -> None:
    values = bass(YEARS, 70.0, 0.005, 0.45, 1995.0)
    assert values[YEARS <= 1995.0] == pytest.approx(0.0)
    assert values[-1] == pytest.approx(70.0, abs=0.5)


@pytest.mark.parametrize(
    ("curve", "params"),
    [
        (logistic, (100.0, 0.3, 2010.0)),
        (gompertz, (100.0, 0.2, 2010.0)),
        (bass, (100.0, 0.01, 0.4, 1995.0)),
    ],
)
def test_curves_rise_monotonically_below_their_ceiling(curve, params) -> None:  # type: ignore[no-untyped-def]
    values = curve(YEARS, *params)
    assert np.all(np.diff(values) >= -1e-12)
    assert values.max() <= params[0] + 1e-9


def test_curves_keep_the_shape_of_their_input() -> None:
    grid = YEARS.reshape(3, 17)
    assert logistic(grid, 100.0, 0.3, 2010.0).shape == (3, 17)
    assert gompertz(grid, 100.0, 0.3, 2010.0).shape == (3, 17)
    assert np.isnan(logistic(np.array([np.nan]), 100.0, 0.3, 2010.0)[0])


def test_jacobian_matches_the_analytic_derivative_of_the_logistic() -> None:
    t = np.array([2000.0, 2010.0, 2020.0])
    k, r, t0 = 80.0, 0.25, 2010.0
    jac = parameter_jacobian(logistic, t, np.array([k, r, t0]))
    s = 1.0 / (1.0 + np.exp(-r * (t - t0)))
    assert jac[:, 0] == pytest.approx(s, rel=1e-5)
    assert jac[:, 1] == pytest.approx(k * s * (1 - s) * (t - t0), rel=1e-4, abs=1e-6)
    assert jac[:, 2] == pytest.approx(-k * s * (1 - s) * r, rel=1e-4)
