"""Compute a composite index from raw input values (pure: arrays in, arrays out)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from humanict.indices.impute import impute_regression
from humanict.indices.normalise import score_to_goalposts, weighted_mean, weighted_sum
from humanict.indices.spec import IndexSpec

FloatArray = npt.NDArray[np.float64]
BoolArray = npt.NDArray[np.bool_]


@dataclass(frozen=True)
class IndexScores:
    """Scores of n economies. Arrays: component (n, k), pillars (n, p), index (n,)."""

    component_scores: FloatArray
    imputed: BoolArray
    pillar_scores: FloatArray
    index: FloatArray
    eligible: BoolArray


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


def compute_scores(spec: IndexSpec, raw: FloatArray, *, apply_coverage_rule: bool) -> IndexScores:
    """Component, pillar and index scores for raw inputs (n, len(spec.input_codes)).

    With ``apply_coverage_rule`` an economy below the spec's ``min_observed_share`` in any
    pillar gets NaN everywhere (not enough data to score it).
    """
    scores = score_components(spec, combine_inputs(spec, raw))
    observed = ~np.isnan(scores)
    eligible = observed_share_ok(spec, observed) if apply_coverage_rule else observed.any(axis=1)
    if spec.imputation == "regression":
        # Fit on eligible economies only, so that nearly empty rows do not train the model.
        filled = np.full_like(scores, np.nan)
        imputed = np.zeros_like(observed)
        filled[eligible], imputed[eligible] = impute_regression(
            scores[eligible], 0.0, spec.scale_max
        )
    else:
        filled, imputed = scores.copy(), np.zeros_like(observed)
    eligible &= ~np.isnan(filled).any(axis=1) | (spec.imputation == "none")
    filled[~eligible] = np.nan

    pillar_scores = np.empty((scores.shape[0], len(spec.pillars)))
    for p, pillar in enumerate(spec.pillars):
        columns = [j for j, c in enumerate(spec.components) if c.pillar == pillar.id]
        weights = np.array([spec.components[j].weight for j in columns])
        block = filled[:, columns]
        if spec.imputation == "none":
            # Without imputation a pillar is the (weighted) aggregate of what is available.
            present = ~np.isnan(block)
            w = np.where(present, weights, 0.0)
            total = np.nansum(np.where(present, block, 0.0) * w, axis=1)
            wsum = w.sum(axis=1)
            with np.errstate(invalid="ignore", divide="ignore"):
                pillar_scores[:, p] = total / wsum if pillar.aggregation == "mean" else total
            pillar_scores[wsum == 0, p] = np.nan
        else:
            aggregate = weighted_mean if pillar.aggregation == "mean" else weighted_sum
            pillar_scores[:, p] = aggregate(block, weights, axis=1)
    pillar_weights = np.array([p.weight for p in spec.pillars])
    aggregate = weighted_mean if spec.aggregation == "mean" else weighted_sum
    index = aggregate(pillar_scores, pillar_weights, axis=1)
    index[~eligible] = np.nan
    return IndexScores(filled, imputed, pillar_scores, index, eligible)


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
