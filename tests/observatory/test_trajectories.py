"""Trajectory fitting on seeded synthetic series: recovery, intervals, fallbacks, errors."""

from __future__ import annotations

import numpy as np
import pytest

from humanict.errors import InvalidInputError
from humanict.observatory.diffusion import logistic
from humanict.observatory.trajectories import (
    INTERVAL_GROWTH_PER_YEAR,
    default_model,
    fit_best_available,
    fit_series,
    project,
    year_reaching,
)

YEARS = np.arange(2000.0, 2024.0)


def synthetic_logistic(noise_pp: float = 1.0, seed: int = 42) -> np.ndarray:
    rng = np.random.default_rng(seed)
    return logistic(YEARS, 100.0, 0.35, 2014.0) + rng.normal(0.0, noise_pp, YEARS.size)


def test_logistic_fit_recovers_the_synthetic_parameters() -> None:
    fit = fit_series(YEARS, synthetic_logistic(), "logistic")
    k, r, t0 = fit.params
    assert k == 100.0  # the ceiling of a share is fixed
    assert r == pytest.approx(0.35, rel=0.1)
    assert t0 == pytest.approx(2014.0, abs=0.5)
    assert fit.sigma == pytest.approx(1.0, rel=0.5)


def test_free_ceiling_is_estimated_below_the_cap() -> None:
    values = logistic(YEARS, 60.0, 0.4, 2010.0) + np.random.default_rng(1).normal(0, 0.5, 24)
    fit = fit_series(YEARS, values, "gompertz", cap=250.0, fixed_ceiling=False)
    assert 50.0 < fit.params[0] < 75.0


@pytest.mark.parametrize("model", ["logistic", "gompertz", "bass", "linear", "last"])
def test_intervals_contain_the_projection_and_stay_within_the_cap(model: str) -> None:
    fit = fit_series(YEARS, synthetic_logistic(), model)
    proj = project(fit, np.arange(2024.0, 2031.0))
    assert np.all(proj.lower <= proj.central + 1e-9)
    assert np.all(proj.central <= proj.upper + 1e-9)
    assert np.all((proj.lower >= 0.0) & (proj.upper <= 100.0))


def test_random_walk_interval_widens_with_the_horizon() -> None:
    fit = fit_series(YEARS, synthetic_logistic(3.0), "last")
    proj = project(fit, np.array([2024.0, 2026.0, 2030.0]))
    widths = proj.upper - proj.lower
    assert widths[0] < widths[1] < widths[2]


def test_projected_interval_covers_the_truth_on_most_seeds() -> None:
    truth = logistic(np.array([2028.0]), 100.0, 0.35, 2014.0)[0]
    inside = 0
    for seed in range(20):
        fit = fit_series(YEARS, synthetic_logistic(1.5, seed), "logistic")
        proj = project(fit, np.array([2028.0]))
        inside += int(proj.lower[0] <= truth <= proj.upper[0])
    assert inside >= 15  # nominal 90%: at least 75% of 20 seeds


def test_year_reaching_a_threshold() -> None:
    fit = fit_series(YEARS, logistic(YEARS, 100.0, 0.35, 2014.0), "logistic")
    year = year_reaching(fit, 95.0)
    assert year is not None and year == int(np.ceil(2014.0 + np.log(95.0 / 5.0) / 0.35))
    prices = fit_series(np.arange(2018.0, 2025.0), 8.0 * 0.8 ** np.arange(7.0), "loglinear", 1e6)
    assert year_reaching(prices, 2.0, "le") == 2018 + int(np.ceil(np.log(0.25) / np.log(0.8)))


def test_short_series_fall_back_to_simpler_models() -> None:
    fit = fit_best_available(np.array([2020.0, 2022.0]), np.array([30.0, 34.0]), "logistic")
    assert fit is not None and fit.model == "linear"
    fit = fit_best_available(np.array([2022.0]), np.array([30.0]), "logistic")
    assert fit is not None and fit.model == "last"
    assert fit_best_available(np.array([]), np.array([]), "logistic") is None


def test_bad_input_is_refused_with_a_clear_message() -> None:
    with pytest.raises(InvalidInputError, match="unknown model 'cubic'"):
        fit_series(YEARS, synthetic_logistic(), "cubic")
    with pytest.raises(InvalidInputError, match="at least 4 observations"):
        fit_series(YEARS[:3], synthetic_logistic()[:3], "logistic")
    fit = fit_series(YEARS, synthetic_logistic(), "linear")
    with pytest.raises(InvalidInputError, match="level"):
        project(fit, YEARS, level=1.5)


def test_default_models_follow_the_backtest() -> None:
    assert default_model("i99H") == "anchored"
    assert default_model("i911mw") == "linear"
    assert default_model("i271mb_2GB_GNI") == "loglinear"


def test_calibrated_intervals_grow_by_the_backtest_rate_per_year() -> None:
    fit = fit_series(YEARS, synthetic_logistic(), "logistic")
    years = np.array([2023.0, 2026.0, 2030.0])
    raw = project(fit, years)
    grown = project(fit, years, calibrated=True)
    growth = INTERVAL_GROWTH_PER_YEAR["logistic"]
    assert grown.half_width - raw.half_width == pytest.approx(growth * (years - 2023.0))
    assert np.all(grown.upper - grown.lower >= raw.upper - raw.lower)


def test_anchored_logistic_passes_through_the_last_observation() -> None:
    values = synthetic_logistic(2.0)
    fit = fit_series(YEARS, values, "anchored")
    plain = fit_series(YEARS, values, "logistic")
    assert fit.params[:2] == plain.params[:2]  # same ceiling and rate, shifted in time
    assert project(fit, np.array([2023.0])).central[0] == pytest.approx(values[-1], abs=1e-6)
