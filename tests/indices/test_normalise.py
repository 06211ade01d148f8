from __future__ import annotations

import numpy as np
import pytest

from humanict.indices.impute import impute_regression
from humanict.indices.normalise import score_to_goalposts, weighted_mean


@pytest.mark.parametrize("shape", [(), (5,), (4, 3)])
def test_scores_keep_the_shape_of_the_values(shape: tuple[int, ...]) -> None:
    values = np.full(shape, 47.5)
    assert score_to_goalposts(values, 0.0, 95.0).shape == shape


def test_goalposts_clip_and_reverse() -> None:
    # IDI 2024 Annex 1: prices are lower-is-better (threshold 21.35, goalpost 1).
    scores = score_to_goalposts(np.array([0.5, 1.0, 11.175, 21.35, 40.0]), 21.35, 1.0)
    np.testing.assert_allclose(scores, [100.0, 100.0, 50.0, 0.0, 0.0])


def test_log_transform_applies_to_goalposts_too() -> None:
    # Traffic: 100 ln(1 + x) / ln(1 + 500); x = sqrt(501) - 1 sits half way.
    x = np.sqrt(501.0) - 1.0
    assert score_to_goalposts(np.array([x]), 0.0, 500.0, log1p=True)[0] == pytest.approx(50.0)


def test_nan_propagates() -> None:
    assert np.isnan(score_to_goalposts(np.array([np.nan]), 0.0, 95.0)[0])
    assert np.isnan(weighted_mean(np.array([[1.0, np.nan]]), np.array([1.0, 1.0]), axis=1)[0])


def test_regression_imputation_recovers_a_linear_relation() -> None:
    rng = np.random.default_rng(42)  # synthetic data
    a = rng.uniform(0, 100, 200)
    b = rng.uniform(0, 100, 200)
    c = 0.3 * a + 0.5 * b + 5.0
    scores = np.column_stack([a, b, c])
    truth = scores.copy()
    scores[:20, 2] = np.nan
    scores[20:30, 0] = np.nan
    filled, imputed = impute_regression(scores)
    assert imputed.sum() == 30
    np.testing.assert_allclose(filled[:20, 2], truth[:20, 2], atol=1e-9)
    np.testing.assert_allclose(filled[20:30, 0], truth[20:30, 0], atol=1e-9)
    assert not np.isnan(filled).any()


def test_component_missing_everywhere_stays_missing() -> None:
    scores = np.array([[10.0, np.nan], [20.0, np.nan]])
    filled, imputed = impute_regression(scores)
    assert np.isnan(filled[:, 1]).all() and not imputed.any()
