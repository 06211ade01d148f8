"""Fit trajectories to one indicator series and project them, with uncertainty intervals.

Models:

- ``logistic``, ``gompertz``, ``bass``: diffusion curves (see :mod:`.diffusion`) fitted by
  bounded non-linear least squares (``scipy.optimize.least_squares``, trust-region reflective),
  saturation capped at the indicator's ceiling (100 for shares);
- ``linear``: ordinary least squares on the last ``LINEAR_WINDOW`` observations;
- ``last``: the last observed value carried forward (a random walk);
- ``loglinear``: OLS on the logarithm, for prices that fall by a steady proportion.

Intervals are prediction intervals at ``level`` (default 90%): for the curves the parameter
covariance ``s^2 (J^T J)^-1`` at the optimum is carried to the projection by the delta method
and the residual variance ``s^2`` is added; the quantile is Student's t with ``n - p`` degrees
of freedom (Seber and Wild, *Nonlinear Regression*, 1989, section 5.1). For ``last`` the
variance grows with the horizon ``h`` as ``h * var(year-on-year change)``. Bounds are clipped
to ``[0, cap]``.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np
import numpy.typing as npt
from scipy import optimize, stats

from humanict.errors import InvalidInputError
from humanict.observatory.diffusion import CURVES, Curve, parameter_jacobian

Array = npt.NDArray[np.float64]

MODELS = ("anchored", "logistic", "gompertz", "bass", "linear", "last", "loglinear")
CURVE_MODELS = ("anchored", "logistic", "gompertz", "bass")
# ``anchored`` is the logistic curve shifted in time to pass through the last observation
# (same ceiling and rate): it continues from where the series is, not from where the fitted
# curve says it should be.
BASE_CURVE = {"anchored": "logistic"}
# Fewest observations each model is fitted on (one more than its parameters, Bass two more).
MIN_POINTS = {
    "anchored": 4,
    "logistic": 4,
    "gompertz": 4,
    "bass": 5,
    "linear": 2,
    "last": 1,
    "loglinear": 2,
}
LINEAR_WINDOW = 8  # years of the linear trend: recent pace, as ITU's own five-year nowcasts
DEFAULT_LEVEL = 0.90
# The models with the lowest mean absolute error in validation/backtest_trajectories.py (fit
# to 2015, predict 2019-2023), for shares with a fixed 100% ceiling and for subscriptions per
# 100 inhabitants; docs/methodology/trajectories.md gives the table.
DEFAULT_MODEL = "anchored"
DEFAULT_MODEL_FREE_CEILING = "linear"
PRICE_MODEL = "loglinear"
# Growth of the prediction intervals with the horizon, in units of the series per year past the
# last observation, from validation/backtest_trajectories.py: the 90th percentile of
# (|error| - half-width) / horizon over half of the economies (4-8 years ahead), so that 90% of
# those values fall inside; the other half checks the coverage. For series in percent or per
# 100 inhabitants only; other models and units keep the statistical interval.
INTERVAL_GROWTH_PER_YEAR: dict[str, float] = {
    "anchored": 3.71,
    "bass": 3.62,
    "gompertz": 3.69,
    "last": 4.58,
    "linear": 3.89,
    "logistic": 3.67,
}
# Ceilings of the fitted curves. Shares saturate at 100% (fixed); subscriptions per 100 have
# no natural ceiling, so their saturation is fitted below these bounds.
CAPS = {"i911mw": 250.0, "i992b": 100.0}
FREE_CEILING = frozenset(CAPS)


def curve_settings(indicator: str) -> tuple[float, bool]:
    """(cap, fixed_ceiling) of an indicator's curves."""
    return CAPS.get(indicator, 100.0), indicator not in FREE_CEILING


def is_price(indicator: str) -> bool:
    """Prices in % of GNI per capita fall by proportions: they get the log-linear trend."""
    return indicator.endswith("_GNI")


def default_model(indicator: str) -> str:
    """The backtest winner for the indicator's class (prices: the log-linear trend)."""
    if is_price(indicator):
        return PRICE_MODEL
    return DEFAULT_MODEL_FREE_CEILING if indicator in FREE_CEILING else DEFAULT_MODEL


@dataclass(frozen=True, slots=True)
class Fit:
    """A fitted model of one series (years and values as given, cap = the ceiling)."""

    model: str
    params: tuple[float, ...]
    covariance: Array | None
    sigma: float  # residual standard deviation, units of the series
    dof: int
    n: int
    first_year: int
    last_year: int
    last_value: float
    cap: float
    rmse: float  # in-sample


@dataclass(frozen=True, slots=True)
class Projection:
    years: Array
    central: Array
    lower: Array
    upper: Array
    half_width: Array  # before clipping (log scale for loglinear), after calibration


def _clean(years: Array, values: Array) -> tuple[Array, Array]:
    years = np.asarray(years, dtype=float)
    values = np.asarray(values, dtype=float)
    if years.shape != values.shape or years.ndim != 1:
        raise InvalidInputError("years and values must be 1-D arrays of the same length")
    keep = np.isfinite(years) & np.isfinite(values)
    order = np.argsort(years[keep])
    return years[keep][order], values[keep][order]


def _start_points(model: str, t: Array, y: Array, cap: float) -> list[Array]:
    top = float(y.max())
    k_options = sorted({cap, float(min(cap, max(1.05 * top + 1.0, 1.0)))})
    starts = []
    for k in k_options:
        half = np.flatnonzero(y >= k / 2.0)
        mid = float(t[half[0]]) if half.size else float(t[-1]) + 5.0
        if model == "logistic":
            starts.append(np.array([k, 0.3, mid]))
        elif model == "gompertz":
            starts.append(np.array([k, 0.2, mid - 2.0]))
        else:  # bass
            starts.append(np.array([k, 0.01, 0.4, float(t[0]) - 3.0]))
    return starts


def _bounds(model: str, t: Array, cap: float) -> tuple[list[float], list[float]]:
    if model == "logistic":
        return [1e-3, 1e-3, 1950.0], [cap, 3.0, 2100.0]
    if model == "gompertz":
        return [1e-3, 1e-3, 1950.0], [cap, 3.0, 2100.0]
    return [1e-3, 1e-5, 1e-3, 1970.0], [cap, 0.5, 3.0, float(t[0])]


def _fit_record(
    model: str,
    params: Array,
    covariance: Array,
    sigma: float,
    dof: int,
    t: Array,
    y: Array,
    cap: float,
    residuals: Array,
) -> Fit:
    return Fit(
        model=model,
        params=tuple(float(p) for p in params),
        covariance=covariance,
        sigma=sigma,
        dof=dof,
        n=int(t.size),
        first_year=int(t[0]),
        last_year=int(t[-1]),
        last_value=float(y[-1]),
        cap=cap,
        rmse=float(np.sqrt(np.mean(residuals**2))),
    )


def _fit_curve(model: str, t: Array, y: Array, cap: float, fixed_ceiling: bool) -> Fit:
    curve = CURVES[model]
    lower, upper = _bounds(model, t, cap)
    starts = _start_points(model, t, y, cap)
    first = 1 if fixed_ceiling else 0  # with a fixed ceiling, K = cap is not fitted
    if fixed_ceiling:
        starts = [starts[-1]]

    def full(free: Array) -> Array:
        return np.concatenate([[cap], free]) if fixed_ceiling else free

    best = None
    for start in starts:
        x0 = np.clip(start, np.array(lower) + 1e-9, np.array(upper) - 1e-9)[first:]
        result = optimize.least_squares(
            lambda p: curve(t, *full(p)) - y,
            x0,
            bounds=(lower[first:], upper[first:]),
            method="trf",
            max_nfev=200,
        )
        if best is None or result.cost < best.cost:
            best = result
    assert best is not None
    params = full(best.x)
    residuals = curve(t, *params) - y
    n, k = t.size, best.x.size
    dof = max(n - k, 1)
    sigma = float(np.sqrt(np.sum(residuals**2) / dof))
    jac = parameter_jacobian(curve, t, params)[:, first:]
    covariance = np.zeros((params.size, params.size))
    covariance[first:, first:] = np.linalg.pinv(jac.T @ jac) * sigma**2
    return _fit_record(model, params, covariance, sigma, dof, t, y, cap, residuals)


def _fit_ols(model: str, t: Array, y: Array, cap: float) -> Fit:
    t, y = t[-LINEAR_WINDOW:], y[-LINEAR_WINDOW:]
    target = np.log(np.maximum(y, 1e-6)) if model == "loglinear" else y
    design = np.column_stack([np.ones_like(t), t - t[-1]])
    coef, *_ = np.linalg.lstsq(design, target, rcond=None)
    residuals = design @ coef - target
    n = t.size
    dof = max(n - 2, 1)
    sigma = float(np.sqrt(np.sum(residuals**2) / dof)) if n > 2 else 0.0
    covariance = np.linalg.pinv(design.T @ design) * sigma**2
    params = np.array([coef[0], coef[1], t[-1]])
    return _fit_record(model, params, covariance, sigma, dof, t, y, cap, residuals)


def _fit_last(t: Array, y: Array, cap: float) -> Fit:
    steps = np.diff(y) / np.maximum(np.diff(t), 1.0)
    sigma = float(np.std(steps, ddof=1)) if steps.size > 1 else 0.0
    return Fit(
        model="last",
        params=(float(y[-1]),),
        covariance=None,
        sigma=sigma,
        dof=max(steps.size - 1, 1),
        n=t.size,
        first_year=int(t[0]),
        last_year=int(t[-1]),
        last_value=float(y[-1]),
        cap=cap,
        rmse=0.0,
    )


def fit_series(
    years: Array, values: Array, model: str, cap: float = 100.0, fixed_ceiling: bool = True
) -> Fit:
    """Fit ``model`` to one series; NaN pairs are dropped, years need not be sorted.

    With ``fixed_ceiling`` the curves saturate at ``cap`` (universal use for shares); without,
    the saturation level is fitted in ``(0, cap]``.

    Raises InvalidInputError for an unknown model or fewer points than the model needs.
    """
    if model not in MODELS:
        raise InvalidInputError(f"unknown model {model!r}; choose one of {', '.join(MODELS)}")
    t, y = _clean(years, values)
    if t.size < MIN_POINTS[model]:
        raise InvalidInputError(
            f"the {model} model needs at least {MIN_POINTS[model]} observations; "
            f"the series has {t.size}"
        )
    if model in CURVE_MODELS:
        fit = _fit_curve(BASE_CURVE.get(model, model), t, y, cap, fixed_ceiling)
        return anchor(fit) if model == "anchored" else fit
    if model == "last":
        return _fit_last(t, y, cap)
    return _fit_ols(model, t, y, cap)


def fit_best_available(
    years: Array, values: Array, preferred: str, cap: float = 100.0, fixed_ceiling: bool = True
) -> Fit | None:
    """Fit ``preferred``, falling back to ``linear``, then ``last``; None for an empty series."""
    t, y = _clean(years, values)
    for model in (preferred, "linear", "last"):
        if t.size >= MIN_POINTS[model]:
            return fit_series(t, y, model, cap, fixed_ceiling)
    return None


def anchor(fit: Fit) -> Fit:
    """A fitted logistic shifted in time to pass through the last observation.

    With ``y = K / (1 + exp(-r (t - t0)))`` through ``(t_last, y_last)``:
    ``t0 = t_last + ln(K / y_last - 1) / r``; the last value is kept inside ``(0, K)``.
    """
    k, r, _ = fit.params
    y_last = float(np.clip(fit.last_value, 1e-6 * k, (1.0 - 1e-6) * k))
    t0 = fit.last_year + np.log(k / y_last - 1.0) / r
    return replace(fit, model="anchored", params=(k, r, float(t0)))


def curve_of(model: str) -> Curve:
    """The curve function of a curve model."""
    return CURVES[BASE_CURVE.get(model, model)]


def _central(fit: Fit, t: Array) -> Array:
    if fit.model in CURVE_MODELS:
        return curve_of(fit.model)(t, *fit.params)
    if fit.model == "last":
        return np.full_like(t, fit.params[0])
    a, b, origin = fit.params
    line = a + b * (t - origin)
    return np.exp(line) if fit.model == "loglinear" else line


def _variance(fit: Fit, t: Array) -> Array:
    if fit.model == "last":
        horizon = np.maximum(t - fit.last_year, 0.0)
        return horizon * fit.sigma**2
    if fit.covariance is None:
        return np.zeros_like(t)
    if fit.model in CURVE_MODELS:
        grad = parameter_jacobian(curve_of(fit.model), t, np.array(fit.params))
    else:
        grad = np.column_stack([np.ones_like(t), t - fit.params[2]])
    return np.einsum("ij,jk,ik->i", grad, fit.covariance, grad) + fit.sigma**2


def project(
    fit: Fit, years: Array, level: float = DEFAULT_LEVEL, calibrated: bool = False
) -> Projection:
    """Central projection and prediction interval at ``level`` for each year (units of the series).

    With ``calibrated`` (for series in percent or per 100 inhabitants) the half-width grows by
    the model's ``INTERVAL_GROWTH_PER_YEAR`` for each year past the last observation, the
    growth that made the 90% intervals cover 90% of held-out values in the backtest. Shares are
    clipped to ``[0, cap]``; for ``loglinear`` the interval is formed on the log scale.
    """
    if not 0.0 < level < 1.0:
        raise InvalidInputError(f"level must lie between 0 and 1, not {level!r}")
    t = np.asarray(years, dtype=float)
    central = _central(fit, t)
    spread = float(stats.t.ppf(0.5 + level / 2.0, fit.dof)) * np.sqrt(_variance(fit, t))
    if calibrated:
        horizon = np.maximum(t - fit.last_year, 0.0)
        spread = spread + INTERVAL_GROWTH_PER_YEAR.get(fit.model, 0.0) * horizon
    if fit.model == "loglinear":
        log_c = np.log(np.maximum(central, 1e-12))
        lower, upper = np.exp(log_c - spread), np.exp(log_c + spread)
    else:
        lower, upper = central - spread, central + spread
    clip = (0.0, fit.cap)
    return Projection(
        years=t,
        central=np.clip(central, *clip),
        lower=np.clip(lower, *clip),
        upper=np.clip(upper, *clip),
        half_width=spread,
    )


def year_reaching(
    fit: Fit, threshold: float, comparator: str = "ge", until: int = 2060
) -> int | None:
    """First year from the last observation on whose central projection meets the threshold.

    ``comparator`` is ``ge`` (at least the threshold) or ``le`` (at most, e.g. prices).
    None when the projection does not meet it by ``until``.
    """
    years = np.arange(fit.last_year, until + 1, dtype=float)
    central = project(fit, years).central
    met = central >= threshold if comparator == "ge" else central <= threshold
    hits = np.flatnonzero(met)
    return int(years[hits[0]]) if hits.size else None
