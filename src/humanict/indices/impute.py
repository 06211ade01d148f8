"""Imputation of missing component scores before aggregation (pure numpy).

``regression``: for each economy, each missing score is predicted by an ordinary least-squares
fit of that component on the components the economy does have (with an intercept), fitted on
every economy where all of those are observed; predictions are clipped to the score range.
Economies are grouped by their pattern of missing components, so one fit serves a pattern.
See docs/methodology/idi2024.md for its measured error.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

FloatArray = npt.NDArray[np.float64]
BoolArray = npt.NDArray[np.bool_]

MIN_TRAINING_ROWS = 10


def impute_regression(
    scores: FloatArray, lo: float = 0.0, hi: float = 100.0
) -> tuple[FloatArray, BoolArray]:
    """Fill NaN cells of ``scores`` (n economies, k components) by per-pattern OLS.

    Returns ``(filled, imputed)`` where ``imputed`` marks the filled cells. Rows with no
    observed component, and components observed nowhere, stay NaN. If fewer than
    ``MIN_TRAINING_ROWS`` economies can train a fit,
    the component's mean over observed economies is used instead.
    """
    scores = np.asarray(scores, dtype=np.float64)
    observed = ~np.isnan(scores)
    filled = scores.copy()
    imputed = np.zeros_like(observed)
    patterns, inverse = np.unique(observed, axis=0, return_inverse=True)
    inverse = inverse.reshape(-1)
    for p, pattern in enumerate(patterns):
        if pattern.all() or not pattern.any():
            continue
        rows = np.flatnonzero(inverse == p)
        available = np.flatnonzero(pattern)
        design = np.column_stack([np.ones(len(rows)), scores[np.ix_(rows, available)]])
        for target in np.flatnonzero(~pattern):
            train = observed[:, available].all(axis=1) & observed[:, target]
            if train.sum() >= max(MIN_TRAINING_ROWS, len(available) + 2):
                x = np.column_stack([np.ones(train.sum()), scores[np.ix_(train, available)]])
                coef, *_ = np.linalg.lstsq(x, scores[train, target], rcond=None)
                prediction = design @ coef
            elif observed[:, target].any():
                prediction = np.full(len(rows), scores[observed[:, target], target].mean())
            else:
                continue  # nothing to learn from: the cells stay missing
            filled[rows, target] = np.clip(prediction, lo, hi)
            imputed[rows, target] = True
    return filled, imputed
