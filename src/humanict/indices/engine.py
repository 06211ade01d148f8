"""Compute a composite index from raw input values (pure: arrays in, arrays out)."""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np
import numpy.typing as npt

from humanict.indices.impute import ImputeContext, StrArray, impute
from humanict.indices.normalise import score_to_goalposts, weighted_mean, weighted_sum
from humanict.indices.spec import IndexSpec

FloatArray = npt.NDArray[np.float64]
BoolArray = npt.NDArray[np.bool_]


@dataclass(frozen=True)
class IndexScores:
    """Scores of n economies. Arrays: component (n, k), pillars (n, p), index (n,).

    ``method`` and ``inputs`` (n, k) say how each imputed component score was imputed ("" if
    observed); ``index_draws`` (d, n) is the index under each imputation draw (d = 0 without
    draws); ``index_low``/``index_high`` (n,) bound the central 90% of the draws (equal to
    the point where nothing is imputed or there are no draws).
    """

    component_scores: FloatArray
    imputed: BoolArray
    pillar_scores: FloatArray
    index: FloatArray
    eligible: BoolArray
    method: StrArray
    inputs: StrArray
    index_draws: FloatArray
    index_low: FloatArray
    index_high: FloatArray


def combine_inputs(spec: IndexSpec, raw: FloatArray) -> FloatArray:
    """Weighted sums of each component's inputs: raw (n, len(spec.input_codes)) -> (n, k).

    A component is missing (NaN) if any of its inputs is.
    """
    raw = np.asarray(raw, dtype=np.float64)
    codes = spec.input_codes
    out = np.empty((raw.shape[0], len(spec.components)))
    for j, component in enumerate(spec.components):
        columns = [codes.index(i.code) for i in component.inputs]
        weights = np.array([i.weight for i in component.inputs])
        out[:, j] = raw[:, columns] @ weights
    return out


def score_components(spec: IndexSpec, combined: FloatArray) -> FloatArray:
    """Normalise combined component values to scores (n, k)."""
    goalposts = np.array([c.normalisation == "goalposts" for c in spec.components])
    threshold = np.array([c.threshold for c in spec.components])
    goalpost = np.array([c.goalpost for c in spec.components])
    log1p = np.array([c.transform == "log1p" for c in spec.components])
    normalised = score_to_goalposts(
        np.where(goalposts, combined, 0.0),
        threshold,
        np.where(goalposts, goalpost, 1.0),
        log1p=log1p,
        scale_max=spec.scale_max,
    )
    return np.where(goalposts, normalised, combined)


def observed_share_ok(spec: IndexSpec, observed: BoolArray) -> BoolArray:
    """True where every pillar has at least ``min_observed_share`` of its components."""
    ok = np.ones(observed.shape[0], dtype=bool)
    for pillar in spec.pillars:
        columns = [j for j, c in enumerate(spec.components) if c.pillar == pillar.id]
        share = observed[:, columns].mean(axis=1)
        ok &= share >= spec.min_observed_share - 1e-12
    return ok


def imputation_inputs(
    spec: IndexSpec,
    raw: FloatArray,
    other_raw: FloatArray | None,
    other_notes: StrArray | None,
    groups: dict[str, StrArray],
) -> ImputeContext:
    """The imputation context for raw inputs (n, inputs): the groups, and other years' scores
    (n, k). Where ``raw`` lacks a component, its score completed with other years' values
    ``other_raw`` (same shape as ``raw``), with a note (the notes of the inputs taken, joined
    by "; "); where ``raw`` has it, the score of the other years' values alone, so that the
    ``other_year`` method can measure how far they stray from the edition's."""
    if other_raw is None:
        return ImputeContext(groups=groups)
    present = combine_inputs(spec, raw)
    completed = combine_inputs(spec, np.where(np.isnan(raw), other_raw, raw))
    alone = combine_inputs(spec, other_raw)
    scores = score_components(spec, np.where(np.isnan(present), completed, alone))
    notes = np.full(scores.shape, "", dtype=object)
    codes = spec.input_codes
    notes_in = other_notes if other_notes is not None else np.full(raw.shape, "", dtype=object)
    for j, component in enumerate(spec.components):
        columns = [codes.index(i.code) for i in component.inputs]
        for r in np.flatnonzero(np.isnan(present[:, j]) & ~np.isnan(scores[:, j])):
            notes[r, j] = "; ".join(
                str(notes_in[r, c]) for c in columns if np.isnan(raw[r, c]) and notes_in[r, c]
            )
    return ImputeContext(groups=groups, other_year=scores, other_year_notes=notes)


def aggregate_pillars(spec: IndexSpec, filled: FloatArray) -> tuple[FloatArray, FloatArray]:
    """Pillar scores (..., p) and index (...) of complete component scores (..., k)."""
    pillars = np.empty((*filled.shape[:-1], len(spec.pillars)))
    for p, pillar in enumerate(spec.pillars):
        columns = [j for j, c in enumerate(spec.components) if c.pillar == pillar.id]
        weights = np.array([spec.components[j].weight for j in columns])
        aggregate = weighted_mean if pillar.aggregation == "mean" else weighted_sum
        pillars[..., p] = aggregate(filled[..., columns], weights, axis=-1)
    pillar_weights = np.array([p.weight for p in spec.pillars])
    aggregate = weighted_mean if spec.aggregation == "mean" else weighted_sum
    return pillars, aggregate(pillars, pillar_weights, axis=-1)


def _aggregate_available(spec: IndexSpec, scores: FloatArray) -> FloatArray:
    """Pillar scores (n, p) as the weighted aggregate of the components present (no imputation)."""
    pillars = np.empty((scores.shape[0], len(spec.pillars)))
    for p, pillar in enumerate(spec.pillars):
        columns = [j for j, c in enumerate(spec.components) if c.pillar == pillar.id]
        weights = np.array([spec.components[j].weight for j in columns])
        block = scores[:, columns]
        present = ~np.isnan(block)
        w = np.where(present, weights, 0.0)
        total = np.nansum(np.where(present, block, 0.0) * w, axis=1)
        wsum = w.sum(axis=1)
        with np.errstate(invalid="ignore", divide="ignore"):
            pillars[:, p] = total / wsum if pillar.aggregation == "mean" else total
        pillars[wsum == 0, p] = np.nan
    return pillars


def interval(
    point: FloatArray, draws: FloatArray, coverage: float = 0.9
) -> tuple[FloatArray, FloatArray]:
    """Central ``coverage`` interval of ``draws`` (d, n) widened to contain ``point`` (n,).

    With no draws the interval is the point itself.
    """
    if draws.shape[0] == 0:
        return point.copy(), point.copy()
    tail = 100.0 * (1.0 - coverage) / 2.0
    with np.errstate(invalid="ignore"):
        low, high = np.percentile(draws, [tail, 100.0 - tail], axis=0)
    return np.fmin(low, point), np.fmax(high, point)


def compute_scores(
    spec: IndexSpec,
    raw: FloatArray,
    *,
    apply_coverage_rule: bool,
    context: ImputeContext | None = None,
) -> IndexScores:
    """Component, pillar and index scores for raw inputs (n, len(spec.input_codes)).

    Missing component scores are imputed by the spec's chain of methods
    (``humanict.indices.impute``), with ``context`` giving groups and other years' scores;
    the engine sets the score range, component names, draws and seed from the spec. With
    ``apply_coverage_rule`` an economy below the spec's ``min_observed_share`` in any pillar
    gets NaN everywhere (not enough data to score it).
    """
    scores = score_components(spec, combine_inputs(spec, raw))
    n, k = scores.shape
    observed = ~np.isnan(scores)
    eligible = observed_share_ok(spec, observed) if apply_coverage_rule else observed.any(axis=1)
    base = context or ImputeContext()
    ctx = replace(
        base,
        lo=0.0,
        hi=spec.scale_max,
        names=tuple(c.id for c in spec.components),
        draws=spec.imputation_draws if spec.imputation else 0,
        seed=spec.imputation_seed,
        groups={g: np.asarray(v)[eligible] for g, v in base.groups.items()},
        other_year=None if base.other_year is None else base.other_year[eligible],
        other_year_notes=None if base.other_year_notes is None else base.other_year_notes[eligible],
    )
    # Fit on eligible economies only, so that nearly empty rows do not train the model.
    result = impute(scores[eligible], spec.imputation, ctx)
    filled = np.full_like(scores, np.nan)
    filled[eligible] = result.filled
    method, inputs = np.full((n, k), "", dtype=object), np.full((n, k), "", dtype=object)
    method[eligible], inputs[eligible] = result.method, result.inputs
    draws = np.full((ctx.draws, n, k), np.nan)
    draws[:, eligible] = result.draws
    if spec.imputation:
        eligible &= ~np.isnan(filled).any(axis=1)
        filled[~eligible] = np.nan
        pillar_scores, index = aggregate_pillars(spec, filled)
    else:
        filled[~eligible] = np.nan
        pillar_scores = _aggregate_available(spec, filled)
        aggregate = weighted_mean if spec.aggregation == "mean" else weighted_sum
        index = aggregate(pillar_scores, np.array([p.weight for p in spec.pillars]), axis=1)
    index[~eligible] = np.nan
    index_draws = aggregate_pillars(spec, draws)[1]
    index_draws[:, ~eligible] = np.nan
    low, high = interval(index, index_draws)
    imputed = np.asarray(method != "", dtype=bool)
    return IndexScores(
        filled, imputed, pillar_scores, index, eligible, method, inputs, index_draws, low, high
    )


def classify_levels(spec: IndexSpec, index: FloatArray) -> list[str | None]:
    """The level id of each score: the highest band whose ``min`` the score reaches.

    Bands are compared on the score rounded to ``spec.level_round_digits`` (one decimal, as
    the IDI is published) or on the unrounded score if that is None.
    """
    rounded = np.asarray(index, dtype=np.float64)
    if spec.level_round_digits is not None:
        rounded = np.round(rounded, spec.level_round_digits)
    labels: list[str | None] = []
    for value in rounded:
        label = None
        if not np.isnan(value):
            for level in spec.levels:  # sorted by descending min
                if value >= level.min:
                    label = level.id
                    break
        labels.append(label)
    return labels
