"""Imputation of missing component scores before aggregation: a registry of methods (pure numpy).

Every method takes the score matrix (n economies x k components, NaN = missing) and an
``ImputeContext`` (score range, component names, the economies' groups, values from other
years, number of draws and seed) and returns an ``Imputed``: the filled matrix, for each cell
the method and the inputs it used (empty strings where the cell was observed or stays
missing), and ``draws`` (d, n, k) from the imputation's predictive distribution (observed
cells are the same in every draw). Observed cells are never changed.

Methods (``METHODS``; a spec chains them in order, each filling what the earlier left):

``other_year``
    The value of the same indicator for the same economy from another year or source
    (nearest year within the spec's window), scored with the same goalposts. Draws add
    normal noise whose standard deviation is, per component, the root mean square of
    (other-year score − observed score) over the economies that have both: how far another
    year or vintage strays from the edition's value.
``regression``
    Per missing pattern, ordinary least squares of the component on every component the
    economy has (with an intercept), fitted on the economies where all of those are observed.
    Draws follow Rubin's normal linear-model imputation (Rubin 1987, *Multiple Imputation
    for Nonresponse in Surveys*, p. 167; van Buuren, *Flexible Imputation of Missing Data*,
    2nd ed., algorithm 3.1): sigma^2 from a scaled chi-square, coefficients from their
    normal posterior, plus residual noise.
``region_income``
    As ``regression``, with indicator (dummy) variables of the economy's region and income
    group added to the predictors.
``iterative``
    Multiple imputation by chained equations: scikit-learn's ``IterativeImputer`` with
    Bayesian ridge and ``sample_posterior=True``, one seeded run per draw; the point value is
    the mean of the draws.
``knn``
    scikit-learn's ``KNNImputer``: the distance-weighted mean of the 5 nearest economies
    on the components both have. Deterministic.

Predictions are clipped to the score range. See docs/methodology/idi2024.md for the
measured error of each method.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt

FloatArray = npt.NDArray[np.float64]
BoolArray = npt.NDArray[np.bool_]
StrArray = npt.NDArray[np.object_]

MIN_TRAINING_ROWS = 10
KNN_NEIGHBOURS = 5
ITERATIVE_MAX_ITER = 5


@dataclass(frozen=True)
class ImputeContext:
    """What the methods may use besides the score matrix.

    ``groups``: label arrays (n,) by grouping name (``region``, ``income``); ``other_year``:
    scores (n, k) computed from other years' values, NaN where none (also where the score is
    observed, to measure their spread), with ``other_year_notes`` (n, k) naming the indicator,
    year and dataset of the cells they fill; ``draws``: number of draws (0: none).
    """

    lo: float = 0.0
    hi: float = 100.0
    names: tuple[str, ...] = ()
    groups: Mapping[str, StrArray] = field(default_factory=dict)
    other_year: FloatArray | None = None
    other_year_notes: StrArray | None = None
    draws: int = 0
    seed: int = 0


@dataclass(frozen=True)
class Imputed:
    """Result of an imputation: ``filled`` (n, k), ``method`` and ``inputs`` (n, k) strings
    ("" where not imputed), ``draws`` (d, n, k)."""

    filled: FloatArray
    method: StrArray
    inputs: StrArray
    draws: FloatArray

    @property
    def imputed(self) -> BoolArray:
        return np.asarray(self.method != "", dtype=bool)


Method = Callable[[FloatArray, ImputeContext], Imputed]


def _blank(shape: tuple[int, ...]) -> StrArray:
    return np.full(shape, "", dtype=object)


def _result(
    scores: FloatArray,
    filled: FloatArray,
    method: StrArray,
    inputs: StrArray,
    ctx: ImputeContext,
    draws: FloatArray | None = None,
) -> Imputed:
    """Assemble an ``Imputed``; without draws every draw equals the point fill."""
    if draws is None:
        draws = np.broadcast_to(filled, (ctx.draws, *filled.shape)).copy()
    observed = ~np.isnan(scores)
    draws = np.where(observed, scores, draws)
    return Imputed(filled, method, inputs, draws)


def _name(ctx: ImputeContext, j: int) -> str:
    return ctx.names[j] if j < len(ctx.names) else f"component {j}"


def _dummies(ctx: ImputeContext, n: int) -> tuple[FloatArray, list[str]]:
    """One-hot columns of every grouping (first level dropped), and the grouping names."""
    columns = []
    for labels in ctx.groups.values():
        values = np.asarray(labels, dtype=object).astype(str)
        for level in np.unique(values)[1:]:
            columns.append((values == level).astype(np.float64))
    matrix = np.column_stack(columns) if columns else np.empty((n, 0))
    return matrix, list(ctx.groups)


def _ols_draws(
    x: FloatArray, y: FloatArray, new: FloatArray, rng: np.random.Generator, draws: int
) -> tuple[FloatArray, FloatArray]:
    """Least-squares prediction at ``new`` and ``draws`` posterior predictive draws (d, m).

    Rubin's normal linear-model imputation: sigma^2_d = RSS / chi^2_{n-p},
    beta_d ~ N(beta_hat, sigma^2_d (X'X)^-1), y_d = new beta_d + N(0, sigma^2_d).
    """
    coef, *_ = np.linalg.lstsq(x, y, rcond=None)
    point = new @ coef
    if draws == 0:
        return point, np.empty((0, len(point)))
    dof = max(x.shape[0] - x.shape[1], 1)
    rss = float(np.sum((y - x @ coef) ** 2))
    sigma2 = rss / rng.chisquare(dof, size=draws)
    values, vectors = np.linalg.eigh(np.linalg.pinv(x.T @ x))
    root = vectors * np.sqrt(np.clip(values, 0.0, None))
    z = rng.standard_normal((draws, x.shape[1]))
    betas = coef + np.sqrt(sigma2)[:, None] * (z @ root.T)
    noise = rng.standard_normal((draws, new.shape[0])) * np.sqrt(sigma2)[:, None]
    return point, betas @ new.T + noise


def _per_pattern_ols(scores: FloatArray, ctx: ImputeContext, label: str, extra: bool) -> Imputed:
    """Per-pattern OLS on the available components (and group dummies if ``extra``)."""
    scores = np.asarray(scores, dtype=np.float64)
    n, k = scores.shape
    observed = ~np.isnan(scores)
    filled = scores.copy()
    method, inputs = _blank(scores.shape), _blank(scores.shape)
    draws = np.broadcast_to(scores, (ctx.draws, n, k)).copy()
    dummies, groupings = _dummies(ctx, n) if extra else (np.empty((n, 0)), [])
    rng = np.random.default_rng(ctx.seed)
    patterns, inverse = np.unique(observed, axis=0, return_inverse=True)
    inverse = inverse.reshape(-1)
    for p, pattern in enumerate(patterns):
        if pattern.all() or not pattern.any():
            continue
        rows = np.flatnonzero(inverse == p)
        available = np.flatnonzero(pattern)
        design = np.column_stack(
            [np.ones(len(rows)), scores[np.ix_(rows, available)], dummies[rows]]
        )
        predictors = ", ".join([_name(ctx, j) for j in available] + groupings)
        for target in np.flatnonzero(~pattern):
            train = observed[:, available].all(axis=1) & observed[:, target]
            if train.sum() >= max(MIN_TRAINING_ROWS, design.shape[1] + 2):
                x = np.column_stack(
                    [np.ones(train.sum()), scores[np.ix_(train, available)], dummies[train]]
                )
                point, sampled = _ols_draws(x, scores[train, target], design, rng, ctx.draws)
                note = predictors
            elif observed[:, target].any():
                pool = scores[observed[:, target], target]
                point = np.full(len(rows), pool.mean())
                sampled = rng.choice(pool, size=(ctx.draws, len(rows)))
                note = f"mean of {len(pool)} economies"
            else:
                continue  # nothing to learn from: the cells stay missing
            filled[rows, target] = np.clip(point, ctx.lo, ctx.hi)
            draws[:, rows, target] = np.clip(sampled, ctx.lo, ctx.hi)
            method[rows, target] = label
            inputs[rows, target] = note
    return _result(scores, filled, method, inputs, ctx, draws)


def impute_by_regression(scores: FloatArray, ctx: ImputeContext) -> Imputed:
    """``regression``: per-pattern OLS on the economy's other components."""
    return _per_pattern_ols(scores, ctx, "regression", extra=False)


def impute_by_region_income(scores: FloatArray, ctx: ImputeContext) -> Imputed:
    """``region_income``: per-pattern OLS on the other components and region/income dummies."""
    return _per_pattern_ols(scores, ctx, "region_income", extra=True)


def impute_from_other_year(scores: FloatArray, ctx: ImputeContext) -> Imputed:
    """``other_year``: the economy's own value from another year or source, where there is one."""
    scores = np.asarray(scores, dtype=np.float64)
    if ctx.other_year is None:
        return _result(scores, scores.copy(), _blank(scores.shape), _blank(scores.shape), ctx)
    other = np.asarray(ctx.other_year, dtype=np.float64)
    take = np.isnan(scores) & ~np.isnan(other)
    filled = np.where(take, np.clip(other, ctx.lo, ctx.hi), scores)
    notes = ctx.other_year_notes if ctx.other_year_notes is not None else _blank(scores.shape)
    method = np.where(take, "other_year", "").astype(object)
    inputs = np.where(take, notes, "").astype(object)
    both = ~np.isnan(scores) & ~np.isnan(other)
    gap = np.where(both, other - scores, 0.0)
    count = both.sum(axis=0)
    spread = np.sqrt((gap**2).sum(axis=0) / np.maximum(count - 1, 1))
    spread[count < MIN_TRAINING_ROWS] = 0.0
    rng = np.random.default_rng(ctx.seed)
    noise = rng.standard_normal((ctx.draws, *scores.shape)) * spread
    draws = np.where(take, np.clip(filled + noise, ctx.lo, ctx.hi), filled)
    return _result(scores, filled, method, inputs, ctx, draws)


def _usable(scores: FloatArray) -> tuple[BoolArray, BoolArray]:
    """Rows with any observed cell and columns with any observed cell (the others stay NaN)."""
    observed = ~np.isnan(scores)
    return observed.any(axis=1), observed.any(axis=0)


def impute_iterative(scores: FloatArray, ctx: ImputeContext) -> Imputed:
    """``iterative``: chained equations with posterior sampling; point = mean of the draws."""
    from sklearn.exceptions import ConvergenceWarning
    from sklearn.experimental import enable_iterative_imputer  # noqa: F401
    from sklearn.impute import IterativeImputer

    scores = np.asarray(scores, dtype=np.float64)
    rows, cols = _usable(scores)
    block = scores[np.ix_(rows, cols)]
    count = max(ctx.draws, 1)
    sampled = np.empty((count, *block.shape))
    for d in range(count):
        imputer = IterativeImputer(
            sample_posterior=True,
            max_iter=ITERATIVE_MAX_ITER,
            random_state=ctx.seed + d,
            min_value=ctx.lo,
            max_value=ctx.hi,
        )
        with warnings.catch_warnings():
            # Posterior sampling never settles to a fixed point: the last round is the draw.
            warnings.simplefilter("ignore", ConvergenceWarning)
            sampled[d] = imputer.fit_transform(block)
    draws = np.broadcast_to(scores, (count, *scores.shape)).copy()
    for d in range(count):
        view = draws[d]
        view[np.ix_(rows, cols)] = np.clip(sampled[d], ctx.lo, ctx.hi)
    filled = np.where(np.isnan(scores), draws.mean(axis=0), scores)
    take = np.isnan(scores) & ~np.isnan(filled)
    method = np.where(take, "iterative", "").astype(object)
    note = f"chained equations over all components, {count} draws"
    inputs = np.where(take, note, "").astype(object)
    return _result(scores, filled, method, inputs, ctx, draws[: ctx.draws])


def impute_knn(scores: FloatArray, ctx: ImputeContext) -> Imputed:
    """``knn``: distance-weighted mean of the nearest economies."""
    from sklearn.impute import KNNImputer

    scores = np.asarray(scores, dtype=np.float64)
    rows, cols = _usable(scores)
    filled = scores.copy()
    imputer = KNNImputer(n_neighbors=KNN_NEIGHBOURS, weights="distance")
    filled[np.ix_(rows, cols)] = np.clip(
        imputer.fit_transform(scores[np.ix_(rows, cols)]), ctx.lo, ctx.hi
    )
    take = np.isnan(scores) & ~np.isnan(filled)
    method = np.where(take, "knn", "").astype(object)
    inputs = np.where(take, f"{KNN_NEIGHBOURS} nearest economies", "").astype(object)
    return _result(scores, filled, method, inputs, ctx)


METHODS: dict[str, Method] = {
    "other_year": impute_from_other_year,
    "regression": impute_by_regression,
    "region_income": impute_by_region_income,
    "iterative": impute_iterative,
    "knn": impute_knn,
}


def impute(scores: FloatArray, methods: Sequence[str], ctx: ImputeContext) -> Imputed:
    """Apply ``methods`` in order; each fills the cells the earlier ones left missing.

    Later methods see the earlier fills as observed. Unknown names raise ``KeyError``
    (specs are checked against ``METHODS`` when loaded).
    """
    scores = np.asarray(scores, dtype=np.float64)
    current = _result(scores, scores.copy(), _blank(scores.shape), _blank(scores.shape), ctx)
    for name in methods:
        step = METHODS[name](current.filled, ctx)
        new = step.imputed
        current = Imputed(
            step.filled,
            np.where(new, step.method, current.method),
            np.where(new, step.inputs, current.inputs),
            np.where(current.imputed, current.draws, step.draws),
        )
    return current


def impute_regression(
    scores: FloatArray, lo: float = 0.0, hi: float = 100.0
) -> tuple[FloatArray, BoolArray]:
    """Fill NaN cells of ``scores`` by per-pattern OLS: ``(filled, imputed)``.

    Rows with no observed component, and components observed nowhere, stay NaN. If fewer
    than ``MIN_TRAINING_ROWS`` economies can train a fit, the component's mean over observed
    economies is used instead.
    """
    result = impute_by_regression(scores, ImputeContext(lo=lo, hi=hi))
    return result.filled, result.imputed
