"""Fit one diffusion curve to many series at once: a vectorised Levenberg-Marquardt.

The series are padded into an (S, N) array with a mask; every iteration evaluates residuals and
central-difference Jacobians for all series together and solves the S damped normal equations
``(J^T J + lambda diag(J^T J)) delta = J^T r`` as one stacked ``numpy.linalg.solve``
(Levenberg 1944; Marquardt 1963, SIAM J. Appl. Math. 11(2) 431). Bounds are kept by projecting
each step onto the box. Each series keeps its own damping ``lambda``: a step that lowers its
cost is accepted and ``lambda`` shrinks, otherwise ``lambda`` grows.

It gives the same fits as :func:`humanict.observatory.trajectories.fit_series` (scipy's
trust-region least squares, one series at a time), which remains the reference; the tests
compare the two.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from humanict.errors import InvalidInputError
from humanict.observatory.diffusion import CURVES
from humanict.observatory.trajectories import (
    BASE_CURVE,
    CURVE_MODELS,
    MIN_POINTS,
    Fit,
    anchor,
    fit_best_available,
)

Array = npt.NDArray[np.float64]

MAX_ITERATIONS = 200
TOLERANCE = 1e-10  # relative change of the cost below which a series counts as converged


def _pad(years: list[Array], values: list[Array]) -> tuple[Array, Array, Array]:
    n = max(len(y) for y in years)
    size = len(years)
    t = np.zeros((size, n))
    y = np.zeros((size, n))
    mask = np.zeros((size, n))
    for i, (ti, yi) in enumerate(zip(years, values, strict=True)):
        keep = np.isfinite(ti) & np.isfinite(yi)
        ti, yi = np.asarray(ti, float)[keep], np.asarray(yi, float)[keep]
        order = np.argsort(ti)
        m = ti.size
        t[i, :m], y[i, :m], mask[i, :m] = ti[order], yi[order], 1.0
        if m:
            t[i, m:] = ti[order][-1]  # padding repeats the last year; its residual is masked
    return t, y, mask


def _bounds(model: str, t: Array, mask: Array, cap: float) -> tuple[Array, Array]:
    size = t.shape[0]
    if model in ("logistic", "gompertz"):
        lower = np.tile([1e-3, 1e-3, 1950.0], (size, 1))
        upper = np.tile([cap, 3.0, 2100.0], (size, 1))
    else:
        first = np.where(mask[:, 0] > 0, t[:, 0], 2000.0)
        lower = np.tile([1e-3, 1e-5, 1e-3, 1970.0], (size, 1))
        upper = np.column_stack([np.full(size, cap), np.full(size, 0.5), np.full(size, 3.0), first])
    return lower, upper


def _starts(model: str, t: Array, y: Array, mask: Array, cap: float, k: Array) -> Array:
    reached = (y >= k[:, None] / 2.0) & (mask > 0)
    last = t[np.arange(t.shape[0]), np.maximum(mask.sum(axis=1).astype(int) - 1, 0)]
    mid = np.where(reached.any(axis=1), t[np.arange(t.shape[0]), reached.argmax(axis=1)], last + 5)
    size = t.shape[0]
    if model == "logistic":
        return np.column_stack([k, np.full(size, 0.3), mid])
    if model == "gompertz":
        return np.column_stack([k, np.full(size, 0.2), mid - 2.0])
    return np.column_stack([k, np.full(size, 0.01), np.full(size, 0.4), t[:, 0] - 3.0])


def _evaluate(model: str, t: Array, params: Array) -> Array:
    columns = [params[:, j : j + 1] for j in range(params.shape[1])]
    return CURVES[model](t, *columns)


def _jacobian(model: str, t: Array, params: Array, free: list[int]) -> Array:
    jac = np.empty(t.shape + (len(free),))
    for col, j in enumerate(free):
        step = 1e-6 * np.maximum(np.abs(params[:, j]), 1.0)
        up, down = params.copy(), params.copy()
        up[:, j] += step
        down[:, j] -= step
        jac[:, :, col] = (_evaluate(model, t, up) - _evaluate(model, t, down)) / (
            2.0 * step[:, None]
        )
    return jac


def _solve(
    model: str,
    t: Array,
    y: Array,
    mask: Array,
    params: Array,
    lower: Array,
    upper: Array,
    free: list[int],
) -> tuple[Array, Array]:
    params = np.clip(params, lower + 1e-9, upper - 1e-9)
    damping = np.full(t.shape[0], 1e-3)
    residual = (_evaluate(model, t, params) - y) * mask
    cost = np.sum(residual**2, axis=1)
    active = np.ones(t.shape[0], dtype=bool)
    eye = np.eye(len(free))
    for _ in range(MAX_ITERATIONS):
        if not active.any():
            break
        idx = np.flatnonzero(active)
        jac = _jacobian(model, t[idx], params[idx], free) * mask[idx, :, None]
        normal = np.einsum("snj,snk->sjk", jac, jac)
        gradient = np.einsum("snj,sn->sj", jac, residual[idx])
        diagonal = np.einsum("sjj->sj", normal)[:, :, None] * eye
        damped = normal + damping[idx, None, None] * diagonal + 1e-12 * eye
        step = np.linalg.solve(damped, gradient[:, :, None])[:, :, 0]
        trial = params[idx].copy()
        trial[:, free] -= step
        trial = np.clip(trial, lower[idx], upper[idx])
        trial_residual = (_evaluate(model, t[idx], trial) - y[idx]) * mask[idx]
        trial_cost = np.sum(trial_residual**2, axis=1)
        better = trial_cost < cost[idx]
        gain = (cost[idx] - trial_cost) / np.maximum(cost[idx], 1e-300)
        accept = idx[better]
        params[accept] = trial[better]
        residual[accept] = trial_residual[better]
        cost[accept] = trial_cost[better]
        damping[idx] = np.where(better, damping[idx] * 0.3, damping[idx] * 4.0)
        converged = (better & (gain < TOLERANCE)) | (damping[idx] > 1e10)
        active[idx[converged]] = False
    return params, cost


def fit_curves(
    years: list[Array],
    values: list[Array],
    model: str,
    cap: float = 100.0,
    fixed_ceiling: bool = True,
) -> list[Fit]:
    """Fit ``model`` (logistic, gompertz or bass) to every series; one :class:`Fit` each.

    Every series needs at least the model's minimum number of observations (InvalidInputError
    otherwise). With ``fixed_ceiling`` the saturation is ``cap``; without, it is fitted from two
    starting values and the better fit is kept, as :func:`fit_series` does.
    """
    if model not in CURVE_MODELS:
        raise InvalidInputError(
            f"batch fitting takes a curve model ({', '.join(CURVE_MODELS)}), not {model!r}"
        )
    if not years:
        return []
    if model in BASE_CURVE:
        return [
            anchor(fit) for fit in fit_curves(years, values, BASE_CURVE[model], cap, fixed_ceiling)
        ]
    t, y, mask = _pad(years, values)
    counts = mask.sum(axis=1).astype(int)
    if (counts < MIN_POINTS[model]).any():
        short = int(np.argmin(counts))
        raise InvalidInputError(
            f"the {model} model needs at least {MIN_POINTS[model]} observations; "
            f"series {short} has {counts[short]}"
        )
    lower, upper = _bounds(model, t, mask, cap)
    top = np.max(np.where(mask > 0, y, -np.inf), axis=1)
    k_candidates = [np.full(t.shape[0], cap)]
    if not fixed_ceiling:
        k_candidates.append(np.minimum(cap, np.maximum(1.05 * top + 1.0, 1.0)))
    free = list(range(1 if fixed_ceiling else 0, lower.shape[1]))
    best_params, best_cost = None, None
    for k in k_candidates:
        start = _starts(model, t, y, mask, cap, k)
        if fixed_ceiling:
            start[:, 0] = cap
            lower[:, 0] = upper[:, 0] = cap
        params, cost = _solve(model, t, y, mask, start, lower, upper, free)
        if best_params is None or best_cost is None:
            best_params, best_cost = params, cost
        else:
            better = cost < best_cost
            best_params[better], best_cost[better] = params[better], cost[better]
    assert best_params is not None and best_cost is not None
    if fixed_ceiling:
        best_params[:, 0] = cap
    jac = _jacobian(model, t, best_params, free) * mask[:, :, None]
    normal = np.einsum("snj,snk->sjk", jac, jac)
    dof = np.maximum(counts - len(free), 1)
    sigma2 = best_cost / dof
    inverse = np.linalg.pinv(normal)
    fits = []
    size = best_params.shape[1]
    for i in range(t.shape[0]):
        covariance = np.zeros((size, size))
        covariance[np.ix_(free, free)] = inverse[i] * sigma2[i]
        n = counts[i]
        fits.append(
            Fit(
                model=model,
                params=tuple(float(p) for p in best_params[i]),
                covariance=covariance,
                sigma=float(np.sqrt(sigma2[i])),
                dof=int(dof[i]),
                n=int(n),
                first_year=int(t[i, 0]),
                last_year=int(t[i, n - 1]),
                last_value=float(y[i, n - 1]),
                cap=cap,
                rmse=float(np.sqrt(best_cost[i] / n)),
            )
        )
    return fits


def fit_many(
    years: list[Array],
    values: list[Array],
    preferred: str,
    cap: float = 100.0,
    fixed_ceiling: bool = True,
) -> list[Fit | None]:
    """:func:`fit_best_available` for many series: the curve model in one batch for every
    series long enough, the fallbacks (linear, last) one by one; None for an empty series."""
    out: list[Fit | None] = [None] * len(years)
    batch: list[int] = []
    for i, (t, y) in enumerate(zip(years, values, strict=True)):
        n = int(np.sum(np.isfinite(np.asarray(t, float)) & np.isfinite(np.asarray(y, float))))
        if preferred in CURVE_MODELS and n >= MIN_POINTS[preferred]:
            batch.append(i)
        else:
            out[i] = fit_best_available(t, y, preferred, cap, fixed_ceiling)
    fits = fit_curves(
        [years[i] for i in batch], [values[i] for i in batch], preferred, cap, fixed_ceiling
    )
    for i, fit in zip(batch, fits, strict=True):
        out[i] = fit
    return out
