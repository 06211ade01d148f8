"""Monte Carlo uncertainty and sensitivity analysis of a composite index (pure numpy).

Each draw picks one modelling choice per uncertain factor and recomputes every economy's rank:

* ``weights``: component weights within each pillar and the pillar weights, each drawn from a
  Dirichlet distribution centred on the nominal weights, ``Dirichlet(c * w)`` (mean ``w``,
  variance ``w (1 - w) / (c + 1)``); ``c = inf`` keeps the nominal weights;
* ``normalisation``: the spec's goalposts, min-max over the scored economies, or z-scores
  (reported as ``50 + 10 z``, which leaves arithmetic ranks unchanged and keeps scores positive);
* ``aggregation``: weighted arithmetic or weighted geometric means at both levels (scores are
  floored at 1 for the geometric mean so that a zero does not annul a pillar);
* ``imputation``: the engine's regression, the component mean, or none (a pillar is then the
  weighted mean of the components the economy has).

Every (normalisation, imputation) pair is computed once (a (n economies x k components)
matrix); a batch of draws is then a (draws x components) weight matrix multiplied by it, one
pillar at a time. Ranks are competition ranks (ties share the best rank) on scores rounded to
1e-9, so floating-point noise does not split ties.

Uncertainty: the distribution of each economy's rank over ``draws`` draws (median, 5th and 95th
percentiles), kept as a rank histogram so that chunks can be summed in any order.
Sensitivity: first-order and total effects of each factor (weights taken as one group of
factors) by the Saltelli (2010) and Jansen (1999) estimators on matrices A, B and A_B^i —
A. Saltelli et al., "Variance based sensitivity analysis of model output. Design and estimator
for the total sensitivity index", Comput. Phys. Commun. 181 (2010) 259-270, Table 2 (b), (f) —
applied to each economy's rank and to the mean absolute rank shift from the nominal ranking,
the scalar output of M. Saisana, A. Saltelli, S. Tarantola, "Uncertainty and sensitivity
analysis techniques as tools for the quality assessment of composite indicators", J. R. Stat.
Soc. A 168 (2005) 307-323. See docs/methodology/robustness.md.

Draws are split into chunks of fixed size, chunk ``i`` seeded with the ``i``-th child of
``numpy.random.SeedSequence(seed)``; every chunk result is integer-valued, so the sum over
chunks is the same whether they run here or on a Dask cluster.
"""

from __future__ import annotations

import math
import warnings
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt

from humanict.errors import InvalidInputError
from humanict.indices.engine import combine_inputs, compute_scores, score_components
from humanict.indices.impute import impute_regression
from humanict.indices.normalise import transform
from humanict.indices.spec import IndexSpec

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]
BoolArray = npt.NDArray[np.bool_]

NORMALISATIONS = ("goalposts", "minmax", "zscore")
AGGREGATIONS = ("arithmetic", "geometric")
IMPUTATIONS = ("regression", "mean", "none")
FACTORS = ("weights", "normalisation", "aggregation", "imputation")
NOMINAL = {"normalisation": "goalposts", "aggregation": "arithmetic", "imputation": "regression"}
GEOMETRIC_FLOOR = 1.0
RANK_DECIMALS = 9
DEFAULT_CONCENTRATION = 100.0
DEFAULT_CHUNK = 1000


@dataclass(frozen=True)
class RobustnessConfig:
    """What to vary and how many draws.

    ``concentration`` is the Dirichlet concentration ``c`` of the weights (``math.inf`` for
    fixed nominal weights); each discrete factor is drawn uniformly from its listed options.
    """

    draws: int = 1000
    seed: int = 0
    concentration: float = DEFAULT_CONCENTRATION
    normalisations: tuple[str, ...] = NORMALISATIONS
    aggregations: tuple[str, ...] = AGGREGATIONS
    imputations: tuple[str, ...] = IMPUTATIONS
    chunk_size: int = DEFAULT_CHUNK
    sensitivity: bool = True

    def validate(self) -> None:
        if self.draws < 1:
            raise InvalidInputError(f"draws must be at least 1, not {self.draws}")
        if self.chunk_size < 1:
            raise InvalidInputError(f"chunk size must be at least 1, not {self.chunk_size}")
        if not self.concentration > 0:
            raise InvalidInputError(
                f"the weight concentration must be positive (inf for fixed weights), "
                f"not {self.concentration}"
            )
        for name, chosen, allowed in (
            ("normalisation", self.normalisations, NORMALISATIONS),
            ("aggregation", self.aggregations, AGGREGATIONS),
            ("imputation", self.imputations, IMPUTATIONS),
        ):
            if not chosen:
                raise InvalidInputError(f"give at least one {name} option")
            bad = [c for c in chosen if c not in allowed]
            if bad or len(set(chosen)) != len(chosen):
                raise InvalidInputError(
                    f"{name} options {', '.join(chosen)} are invalid or repeated; "
                    f"choose among {', '.join(allowed)}"
                )

    def options(self, factor: str) -> tuple[str, ...]:
        return {
            "normalisation": self.normalisations,
            "aggregation": self.aggregations,
            "imputation": self.imputations,
        }[factor]


@dataclass(frozen=True)
class RobustnessProblem:
    """Everything a chunk needs, precomputed once (picklable, shipped to Dask workers).

    ``scores[a, b]`` is the (n, k) score matrix for normalisation ``a`` and imputation ``b``
    (0 where ``masks[a, b]`` is False, i.e. missing and not imputed); ``logs`` the logarithm
    of the scores floored at ``GEOMETRIC_FLOOR``.
    """

    economies: tuple[str, ...]
    components: tuple[str, ...]
    pillar_of: IntArray
    component_weights: FloatArray
    pillar_weights: FloatArray
    normalisations: tuple[str, ...]
    imputations: tuple[str, ...]
    scores: FloatArray
    logs: FloatArray
    masks: BoolArray
    nominal_index: FloatArray = field(repr=False)
    nominal_rank: IntArray = field(repr=False)

    @property
    def n(self) -> int:
        return len(self.economies)


def competition_ranks(values: FloatArray) -> IntArray:
    """Rank each row descending (1 = highest); equal values (to 1e-9) share the best rank.

    Shape (m, n) -> (m, n) int64; a 1-d input is one row.
    """
    values = np.atleast_2d(np.asarray(values, dtype=np.float64))
    rounded = np.round(values, RANK_DECIMALS)
    order = np.argsort(-rounded, axis=1, kind="stable")
    ordered = np.take_along_axis(rounded, order, axis=1)
    new_group = np.ones(ordered.shape, dtype=bool)
    new_group[:, 1:] = ordered[:, 1:] != ordered[:, :-1]
    position = np.where(new_group, np.arange(ordered.shape[1]), 0)
    start = np.maximum.accumulate(position, axis=1)
    ranks = np.empty(values.shape, dtype=np.int64)
    np.put_along_axis(ranks, order, start + 1, axis=1)
    return ranks


def _direction(spec: IndexSpec) -> FloatArray:
    """+1 where higher is better, -1 where the threshold is above the goalpost (prices)."""
    return np.array([1.0 if c.goalpost > c.threshold else -1.0 for c in spec.components])


def normalise(spec: IndexSpec, combined: FloatArray, method: str) -> FloatArray:
    """Scores (n, k) of combined component values under one normalisation.

    ``goalposts``: the spec's (ITU IDI 2024 Annex 1); ``minmax``: 100 (f(x) - min) /
    (max - min) over the given economies, reversed for lower-is-better components;
    ``zscore``: 50 + 10 (f(x) - mean) / sd (population sd), sign-reversed likewise (OECD/JRC
    Handbook on Constructing Composite Indicators, 2008, section 5). f is the component's
    transform (ln(1 + x) for traffic) in all three.
    """
    if method == "goalposts":
        return score_components(spec, combined)
    log1p = np.array([c.transform == "log1p" for c in spec.components])
    f = transform(combined, log1p) * _direction(spec)
    with np.errstate(invalid="ignore", divide="ignore"):
        if method == "minmax":
            lo, hi = np.nanmin(f, axis=0), np.nanmax(f, axis=0)
            return 100.0 * (f - lo) / np.where(hi > lo, hi - lo, 1.0)
        if method == "zscore":
            mean, sd = np.nanmean(f, axis=0), np.nanstd(f, axis=0)
            return 50.0 + 10.0 * (f - mean) / np.where(sd > 0, sd, 1.0)
    raise InvalidInputError(f"unknown normalisation {method!r}; choose one of {NORMALISATIONS}")


def impute(scores: FloatArray, method: str) -> tuple[FloatArray, BoolArray]:
    """Fill missing scores: ``regression`` (the engine's), ``mean`` (component mean) or
    ``none``. Returns the scores (NaN where left missing) and the mask of usable cells."""
    observed = ~np.isnan(scores)
    if method == "regression":
        lo, hi = float(np.nanmin(scores)), float(np.nanmax(scores))
        filled, _ = impute_regression(scores, min(lo, 0.0), max(hi, 100.0))
    elif method == "mean":
        filled = np.where(observed, scores, np.nanmean(scores, axis=0))
    elif method == "none":
        filled = scores.copy()
    else:
        raise InvalidInputError(f"unknown imputation {method!r}; choose one of {IMPUTATIONS}")
    return filled, ~np.isnan(filled)


def build_problem(
    spec: IndexSpec,
    raw: FloatArray,
    economies: list[str],
    normalisations: tuple[str, ...] = NORMALISATIONS,
    imputations: tuple[str, ...] = IMPUTATIONS,
) -> RobustnessProblem:
    """Precompute the score matrices of an index for every normalisation x imputation.

    ``raw`` holds the spec's inputs (len(economies), len(spec.input_codes)). The economies
    kept are those the engine scores; the nominal index and ranks are the engine's.
    """
    if spec.aggregation != "mean" or any(p.aggregation != "mean" for p in spec.pillars):
        raise InvalidInputError(
            f"{spec.id} aggregates by sum; the robustness analysis covers mean-aggregated "
            "indices such as idi2024"
        )
    if any(c.normalisation != "goalposts" for c in spec.components):
        raise InvalidInputError(f"{spec.id} has components without goalposts to vary")
    raw = np.asarray(raw, dtype=np.float64)
    nominal = compute_scores(spec, raw, apply_coverage_rule=False)
    keep = nominal.eligible & ~np.isnan(nominal.index)
    if keep.sum() < 2:
        raise InvalidInputError(f"{spec.id}: fewer than two scored economies to rank")
    combined = combine_inputs(spec, raw)
    any_observed = ~np.isnan(combined).all(axis=1)
    # The engine imputes over every economy with any observed score; so do we.
    train = any_observed
    pillar_ids = [p.id for p in spec.pillars]
    pillar_of = np.array([pillar_ids.index(c.pillar) for c in spec.components])
    shape = (len(normalisations), len(imputations), int(keep.sum()), len(spec.components))
    scores = np.zeros(shape)
    masks = np.zeros(shape, dtype=bool)
    for a, norm in enumerate(normalisations):
        normalised = normalise(spec, combined[train], norm)
        regression = None
        for b, method in enumerate(imputations):
            filled, mask = impute(normalised, method)
            if method == "none":
                # A pillar with no observed component takes the regression estimates.
                if regression is None:
                    regression = impute(normalised, "regression")[0]
                for p in range(len(pillar_ids)):
                    cols = pillar_of == p
                    empty = ~mask[:, cols].any(axis=1)
                    block = filled[:, cols]
                    block[empty] = regression[np.ix_(empty, cols)]
                    filled[:, cols] = block
                mask = ~np.isnan(filled)
            rows = keep[train]
            scores[a, b] = np.where(mask[rows], filled[rows], 0.0)
            masks[a, b] = mask[rows]
    if not masks.any(axis=3).all():
        raise InvalidInputError(f"{spec.id}: an economy has no usable component")
    component_weights = np.array([c.weight for c in spec.components], dtype=np.float64)
    for p in range(len(pillar_ids)):
        cols = pillar_of == p
        component_weights[cols] /= component_weights[cols].sum()
    pillar_weights = np.array([p.weight for p in spec.pillars], dtype=np.float64)
    pillar_weights /= pillar_weights.sum()
    index = nominal.index[keep]
    with np.errstate(divide="ignore"):
        logs = np.log(np.maximum(scores, GEOMETRIC_FLOOR))
    return RobustnessProblem(
        economies=tuple(np.asarray(economies)[keep].tolist()),
        components=tuple(c.id for c in spec.components),
        pillar_of=pillar_of,
        component_weights=component_weights,
        pillar_weights=pillar_weights,
        normalisations=tuple(normalisations),
        imputations=tuple(imputations),
        scores=scores,
        logs=logs,
        masks=masks,
        nominal_index=index,
        nominal_rank=competition_ranks(index)[0],
    )


@dataclass(frozen=True)
class Design:
    """m draws: option indices into the problem's tables and the weights of each draw."""

    normalisation: IntArray
    imputation: IntArray
    aggregation: IntArray  # index into AGGREGATIONS
    component_weights: FloatArray  # (m, k), summing to 1 within each pillar
    pillar_weights: FloatArray  # (m, p), summing to 1

    def with_factor(self, factor: str, other: Design) -> Design:
        """This design with one factor's columns taken from ``other`` (the A_B^i matrix)."""
        if factor == "weights":
            return Design(
                self.normalisation,
                self.imputation,
                self.aggregation,
                other.component_weights,
                other.pillar_weights,
            )
        parts = {
            "normalisation": self.normalisation,
            "imputation": self.imputation,
            "aggregation": self.aggregation,
        }
        parts[factor] = getattr(other, factor)
        return Design(
            parts["normalisation"],
            parts["imputation"],
            parts["aggregation"],
            self.component_weights,
            self.pillar_weights,
        )


def nominal_design(problem: RobustnessProblem, m: int = 1) -> Design:
    """m copies of the nominal choice."""
    return Design(
        np.full(m, problem.normalisations.index(NOMINAL["normalisation"])),
        np.full(m, problem.imputations.index(NOMINAL["imputation"])),
        np.full(m, AGGREGATIONS.index(NOMINAL["aggregation"])),
        np.tile(problem.component_weights, (m, 1)),
        np.tile(problem.pillar_weights, (m, 1)),
    )


def sample_design(
    problem: RobustnessProblem, config: RobustnessConfig, rng: np.random.Generator, m: int
) -> Design:
    """m independent draws of every factor."""

    def pick(options: tuple[str, ...], table: tuple[str, ...]) -> IntArray:
        lookup = np.array([table.index(o) for o in options])
        return lookup[rng.integers(len(options), size=m)]

    normalisation = pick(config.normalisations, problem.normalisations)
    imputation = pick(config.imputations, problem.imputations)
    aggregation = pick(config.aggregations, AGGREGATIONS)
    if math.isinf(config.concentration):
        component_weights = np.tile(problem.component_weights, (m, 1))
        pillar_weights = np.tile(problem.pillar_weights, (m, 1))
    else:
        component_weights = np.empty((m, len(problem.components)))
        for p in range(len(problem.pillar_weights)):
            cols = problem.pillar_of == p
            alpha = config.concentration * problem.component_weights[cols]
            component_weights[:, cols] = rng.dirichlet(alpha, size=m) if cols.sum() > 1 else 1.0
        pillar_weights = (
            rng.dirichlet(config.concentration * problem.pillar_weights, size=m)
            if len(problem.pillar_weights) > 1
            else np.ones((m, 1))
        )
    return Design(normalisation, imputation, aggregation, component_weights, pillar_weights)


def evaluate(problem: RobustnessProblem, design: Design) -> FloatArray:
    """Index values (m draws, n economies) of a design."""
    m = len(design.normalisation)
    out = np.empty((m, problem.n))
    combos = np.stack([design.normalisation, design.imputation, design.aggregation], axis=1)
    for a, b, g in np.unique(combos, axis=0):
        rows = np.flatnonzero((combos == (a, b, g)).all(axis=1))
        geometric = AGGREGATIONS[g] == "geometric"
        values = problem.logs[a, b] if geometric else problem.scores[a, b]
        mask = problem.masks[a, b]
        total = np.zeros((len(rows), problem.n))
        for p in range(problem.pillar_weights.shape[0]):
            cols = problem.pillar_of == p
            w = design.component_weights[np.ix_(rows, cols)]
            block_mask = mask[:, cols].astype(np.float64)
            numerator = w @ (values[:, cols] * block_mask).T
            denominator = w @ block_mask.T
            total += design.pillar_weights[rows, p][:, None] * (numerator / denominator)
        out[rows] = np.exp(total) if geometric else total
    return out


@dataclass
class ChunkResult:
    """Integer-valued sums over a chunk of draws; chunks add up exactly in any order.

    ``rank_counts[e, r]``: draws of A in which economy e has rank r + 1. ``option_*``: per
    discrete factor and option, draws and summed total absolute rank shift in A.
    Sensitivity sums are over the outputs (each economy's rank, then the total absolute
    rank shift): ``sum_a``, ``sum_a2``, ``sum_b``, ``sum_b2`` (n + 1,) and per factor
    ``first[i] = sum f(B) (f(A_B^i) - f(A))``, ``total[i] = sum (f(A) - f(A_B^i))^2``.
    """

    draws: int
    rank_counts: IntArray
    option_draws: dict[str, IntArray]
    option_shift: dict[str, IntArray]
    sum_a: FloatArray | None = None
    sum_a2: FloatArray | None = None
    sum_b: FloatArray | None = None
    sum_b2: FloatArray | None = None
    first: FloatArray | None = None
    total: FloatArray | None = None
    # Each chunk's own estimates of the first-order and total effects on the rank shift
    # (chunks x factors), for a batch-means standard error; concatenated, not summed.
    batch_first: FloatArray | None = None
    batch_total: FloatArray | None = None

    def __add__(self, other: ChunkResult) -> ChunkResult:
        def add(x: FloatArray | None, y: FloatArray | None) -> FloatArray | None:
            return None if x is None or y is None else x + y

        def stack(x: FloatArray | None, y: FloatArray | None) -> FloatArray | None:
            return None if x is None or y is None else np.concatenate([x, y])

        return ChunkResult(
            self.draws + other.draws,
            self.rank_counts + other.rank_counts,
            {k: v + other.option_draws[k] for k, v in self.option_draws.items()},
            {k: v + other.option_shift[k] for k, v in self.option_shift.items()},
            add(self.sum_a, other.sum_a),
            add(self.sum_a2, other.sum_a2),
            add(self.sum_b, other.sum_b),
            add(self.sum_b2, other.sum_b2),
            add(self.first, other.first),
            add(self.total, other.total),
            stack(self.batch_first, other.batch_first),
            stack(self.batch_total, other.batch_total),
        )


def _outputs(problem: RobustnessProblem, design: Design) -> tuple[IntArray, FloatArray]:
    """Ranks (m, n) and the outputs (m, n + 1): ranks and total absolute rank shift."""
    ranks = competition_ranks(evaluate(problem, design))
    shift = np.abs(ranks - problem.nominal_rank).sum(axis=1)
    return ranks, np.column_stack([ranks, shift]).astype(np.float64)


def run_chunk(
    problem: RobustnessProblem,
    config: RobustnessConfig,
    seed: np.random.SeedSequence,
    size: int,
) -> ChunkResult:
    """Draw and evaluate one chunk of ``size`` draws (A; with B and A_B^i for sensitivity)."""
    rng = np.random.default_rng(seed)
    design_a = sample_design(problem, config, rng, size)
    ranks, out_a = _outputs(problem, design_a)
    n = problem.n
    flat = (np.arange(n) * n + (ranks - 1)).ravel()
    counts = np.bincount(flat, minlength=n * n).reshape(n, n).astype(np.int64)
    shift = out_a[:, -1].astype(np.int64)
    option_draws: dict[str, IntArray] = {}
    option_shift: dict[str, IntArray] = {}
    tables = {
        "normalisation": problem.normalisations,
        "imputation": problem.imputations,
        "aggregation": AGGREGATIONS,
    }
    for factor, table in tables.items():
        chosen = getattr(design_a, factor)
        option_draws[factor] = np.bincount(chosen, minlength=len(table)).astype(np.int64)
        option_shift[factor] = np.bincount(chosen, weights=shift, minlength=len(table)).astype(
            np.int64
        )
    result = ChunkResult(size, counts, option_draws, option_shift)
    if config.sensitivity:
        design_b = sample_design(problem, config, rng, size)
        _, out_b = _outputs(problem, design_b)
        first = np.empty((len(FACTORS), n + 1))
        total = np.empty((len(FACTORS), n + 1))
        for i, factor in enumerate(FACTORS):
            _, out_ab = _outputs(problem, design_a.with_factor(factor, design_b))
            first[i] = (out_b * (out_ab - out_a)).sum(axis=0)
            total[i] = ((out_a - out_ab) ** 2).sum(axis=0)
        result.sum_a, result.sum_a2 = out_a.sum(axis=0), (out_a**2).sum(axis=0)
        result.sum_b, result.sum_b2 = out_b.sum(axis=0), (out_b**2).sum(axis=0)
        result.first, result.total = first, total
        own = sensitivity_indices(result)
        result.batch_first = own.first[None, :, -1]
        result.batch_total = own.total[None, :, -1]
    return result


def plan_chunks(config: RobustnessConfig) -> list[tuple[np.random.SeedSequence, int]]:
    """(seed, size) of each chunk: fixed-size chunks, each with its own child seed."""
    sizes = [config.chunk_size] * (config.draws // config.chunk_size)
    if config.draws % config.chunk_size:
        sizes.append(config.draws % config.chunk_size)
    seeds = np.random.SeedSequence(config.seed).spawn(len(sizes))
    return list(zip(seeds, sizes, strict=True))


def run_local(
    problem: RobustnessProblem,
    config: RobustnessConfig,
    progress: Callable[[int], None] | None = None,
) -> ChunkResult:
    """All chunks in this process, summed in chunk order; ``progress(draws)`` after each."""
    config.validate()
    total: ChunkResult | None = None
    for seed, size in plan_chunks(config):
        part = run_chunk(problem, config, seed, size)
        total = part if total is None else total + part
        if progress is not None:
            progress(size)
    assert total is not None
    return total


def run_dask(
    problem: RobustnessProblem,
    config: RobustnessConfig,
    scheduler: str,
    timeout: str = "10s",
    progress: Callable[[int], None] | None = None,
) -> ChunkResult:
    """The same chunks on a Dask distributed cluster; identical to ``run_local``.

    The problem is scattered to every worker once; chunks are gathered in order."""
    config.validate()
    try:
        from distributed import Client, as_completed
    except ImportError as err:  # pragma: no cover - dask is a dependency
        raise InvalidInputError("dask[distributed] is not installed") from err
    try:
        client = Client(scheduler, timeout=timeout)
    except (OSError, TimeoutError, ValueError) as err:
        raise InvalidInputError(
            f"cannot reach the Dask scheduler at {scheduler!r} ({err}); start one with "
            "`dask scheduler` and workers with `dask worker <address>`, or omit --scheduler"
        ) from err
    with client:
        shared = client.scatter(problem, broadcast=True)
        chunks = plan_chunks(config)
        futures = [
            client.submit(run_chunk, shared, config, seed, size, pure=False)
            for seed, size in chunks
        ]
        if progress is not None:
            sizes = {future.key: size for future, (_, size) in zip(futures, chunks, strict=True)}
            for future in as_completed(futures):
                progress(sizes[future.key])
        parts = client.gather(futures)  # in chunk order, whatever order they finished in
    total = parts[0]
    for part in parts[1:]:
        total = total + part
    return total


def rank_quantile(counts: IntArray, q: float) -> IntArray:
    """The q-quantile rank of each economy from its rank histogram (inverted CDF)."""
    cumulative = np.cumsum(counts, axis=1)
    needed = np.ceil(q * cumulative[:, -1:] - 1e-9)
    needed = np.maximum(needed, 1)
    return (cumulative >= needed).argmax(axis=1) + 1


@dataclass(frozen=True)
class Sensitivity:
    """First-order (``first``) and total (``total``) effects, factors x outputs; NaN where an
    output never varies. The last output is the total absolute rank shift."""

    first: FloatArray
    total: FloatArray
    variance: FloatArray
    first_se: FloatArray | None = None
    total_se: FloatArray | None = None


def sensitivity_indices(result: ChunkResult) -> Sensitivity:
    """Saltelli (2010) first-order and Jansen (1999) total-effect estimates from the sums."""
    if result.first is None:
        raise InvalidInputError("the run was made without sensitivity analysis")
    assert result.sum_a is not None and result.sum_b is not None
    assert result.sum_a2 is not None and result.sum_b2 is not None and result.total is not None
    n = result.draws
    mean = (result.sum_a + result.sum_b) / (2 * n)
    variance = (result.sum_a2 + result.sum_b2) / (2 * n) - mean**2
    with np.errstate(invalid="ignore", divide="ignore"):
        safe = np.where(variance > 1e-12, variance, np.nan)
        first = result.first / n / safe
        total = result.total / (2 * n) / safe
    first_se = total_se = None
    if result.batch_first is not None and len(result.batch_first) >= 2:
        # Batch means: the spread of the chunks' own estimates, over sqrt(chunks).
        k = len(result.batch_first)
        with np.errstate(invalid="ignore"), warnings.catch_warnings():
            warnings.simplefilter("ignore", RuntimeWarning)
            first_se = np.nanstd(result.batch_first, axis=0, ddof=1) / np.sqrt(k)
            total_se = np.nanstd(result.batch_total, axis=0, ddof=1) / np.sqrt(k)
    return Sensitivity(first, total, np.maximum(variance, 0.0), first_se, total_se)
