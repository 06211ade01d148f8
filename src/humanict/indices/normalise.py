"""Transforms and goalpost normalisation (pure numpy; NaN means missing and propagates)."""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

FloatArray = npt.NDArray[np.float64]


def transform(values: FloatArray, log1p: npt.NDArray[np.bool_] | bool) -> FloatArray:
    """Apply ``ln(1 + x)`` where ``log1p`` is True (broadcast over the last axis), else identity.

    IDI 2024 applies it to the traffic indicators and to their goalposts (ITU, IDI 2024,
    Annex 1). Shapes: values (..., k), log1p (k,) or scalar.
    """
    values = np.asarray(values, dtype=np.float64)
    return np.where(log1p, np.log1p(np.where(log1p, values, 0.0)), values)


def score_to_goalposts(
    values: FloatArray,
    threshold: FloatArray | float,
    goalpost: FloatArray | float,
    *,
    log1p: npt.NDArray[np.bool_] | bool = False,
    scale_max: float = 100.0,
) -> FloatArray:
    """Distance-to-goalpost score, clipped to ``[0, scale_max]``.

    score = scale_max (f(x) - f(threshold)) / (f(goalpost) - f(threshold)), with f the
    transform (ITU, IDI 2024, Annex 1: "goalposts" min-max method). A threshold above the
    goalpost scores lower values higher (prices). Shapes: values (..., k), threshold and
    goalpost (k,) or scalars; the result has the shape of ``values``.

    >>> float(score_to_goalposts(np.array(47.5), 0.0, 95.0))
    50.0
    """
    x = transform(values, log1p)
    lo = transform(np.asarray(threshold, dtype=np.float64), log1p)
    hi = transform(np.asarray(goalpost, dtype=np.float64), log1p)
    return np.clip(scale_max * (x - lo) / (hi - lo), 0.0, scale_max)


def weighted_mean(scores: FloatArray, weights: FloatArray, axis: int = -1) -> FloatArray:
    """Weighted arithmetic mean along ``axis``; NaN if any term is NaN."""
    weights = np.asarray(weights, dtype=np.float64)
    return np.sum(scores * weights, axis=axis) / np.sum(weights)


def weighted_sum(scores: FloatArray, weights: FloatArray, axis: int = -1) -> FloatArray:
    """Weighted sum along ``axis`` (e.g. GCI: the sum of pillar points); NaN propagates."""
    return np.sum(scores * np.asarray(weights, dtype=np.float64), axis=axis)
