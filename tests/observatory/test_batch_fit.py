"""The batched Levenberg-Marquardt against scipy's least squares, series by series."""

from __future__ import annotations

import numpy as np
import pytest

from humanict.errors import InvalidInputError
from humanict.observatory.batch_fit import fit_curves, fit_many
from humanict.observatory.diffusion import bass, gompertz, logistic
from humanict.observatory.trajectories import fit_series, project

# RMSE of the batch fit may exceed scipy's by at most 1% or 0.01 points (rounding of optima).
RMSE_TOLERANCE = (1.01, 0.01)


def synthetic_panel(curve, params_list, seed: int = 7):  # type: ignore[no-untyped-def]
    """Seeded synthetic series of unequal lengths (starting 2000-2005, ending 2023)."""
    rng = np.random.default_rng(seed)
    years, values = [], []
    for i, params in enumerate(params_list):
        t = np.arange(2000.0 + i % 6, 2024.0)
        years.append(t)
        values.append(np.clip(curve(t, *params) + rng.normal(0, 1.0, t.size), 0, 100))
    return years, values


LOGISTIC = [(100.0, r, t0) for r in (0.2, 0.35, 0.5) for t0 in (2008.0, 2014.0, 2022.0)]
GOMPERTZ = [(100.0, c, tm) for c in (0.15, 0.3) for tm in (2006.0, 2015.0)]
BASS = [(100.0, p, q, 1998.0) for p in (0.005, 0.02) for q in (0.3, 0.5)]


@pytest.mark.parametrize(
    ("model", "curve", "params"),
    [("logistic", logistic, LOGISTIC), ("gompertz", gompertz, GOMPERTZ), ("bass", bass, BASS)],
)
def test_batch_fits_are_as_good_as_scipy(model, curve, params) -> None:  # type: ignore[no-untyped-def]
    years, values = synthetic_panel(curve, params)
    batch = fit_curves(years, values, model)
    for t, y, fit in zip(years, values, batch, strict=True):
        reference = fit_series(t, y, model)
        ratio, absolute = RMSE_TOLERANCE
        assert fit.rmse <= reference.rmse * ratio + absolute
        assert fit.n == t.size and fit.last_year == 2023


def test_batch_fit_with_a_free_ceiling_estimates_it() -> None:
    years, values = synthetic_panel(logistic, [(60.0, 0.4, 2010.0), (80.0, 0.3, 2012.0)])
    fits = fit_curves(years, values, "logistic", cap=250.0, fixed_ceiling=False)
    assert fits[0].params[0] == pytest.approx(60.0, rel=0.05)
    assert fits[1].params[0] == pytest.approx(80.0, rel=0.05)


def test_batch_projection_interval_matches_scipy() -> None:
    years, values = synthetic_panel(logistic, LOGISTIC[:3])
    for t, y, fit in zip(years, values, fit_curves(years, values, "logistic"), strict=True):
        ours = project(fit, np.array([2030.0]))
        reference = project(fit_series(t, y, "logistic"), np.array([2030.0]))
        assert ours.central == pytest.approx(reference.central, abs=0.05)
        assert ours.upper - ours.lower == pytest.approx(reference.upper - reference.lower, rel=0.05)


def test_fit_many_falls_back_on_short_series() -> None:
    years = [np.arange(2000.0, 2020.0), np.array([2021.0, 2023.0]), np.array([])]
    values = [logistic(years[0], 100.0, 0.3, 2012.0), np.array([20.0, 24.0]), np.array([])]
    fits = fit_many(years, values, "logistic")
    assert [f.model if f else None for f in fits] == ["logistic", "linear", None]


def test_batch_refuses_bad_input() -> None:
    with pytest.raises(InvalidInputError, match="curve model"):
        fit_curves([np.arange(5.0)], [np.arange(5.0)], "linear")
    with pytest.raises(InvalidInputError, match="at least 4 observations"):
        fit_curves([np.arange(2000.0, 2003.0)], [np.array([1.0, 2.0, 3.0])], "logistic")
    assert fit_curves([], [], "logistic") == []


def test_batch_anchored_fits_equal_the_single_ones() -> None:
    years, values = synthetic_panel(logistic, LOGISTIC[:4])
    for t, y, fit in zip(years, values, fit_curves(years, values, "anchored"), strict=True):
        assert fit.model == "anchored"
        assert project(fit, t[-1:]).central[0] == pytest.approx(y[-1], abs=1e-3)
        assert fit.params == pytest.approx(fit_series(t, y, "anchored").params, rel=1e-3)
