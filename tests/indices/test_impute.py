"""The imputation methods (humanict.indices.impute) on seeded synthetic score matrices."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest

from humanict.indices import compute_scores, load_spec
from humanict.indices.engine import imputation_inputs
from humanict.indices.impute import METHODS, ImputeContext, impute

DRAWS = 8
CHAINS = [(name,) for name in METHODS] + [("other_year", "regression"), ("other_year", "knn")]


def synthetic(seed: int = 7, n: int = 120, k: int = 6) -> tuple[np.ndarray, ImputeContext]:
    """Synthetic correlated scores in [0, 100] with 12% of cells missing, two groupings and
    other-year scores for half of the missing cells."""
    rng = np.random.default_rng(seed)
    level = rng.uniform(10, 90, n)
    scores = np.clip(level[:, None] + rng.normal(0, 8, (n, k)), 0, 100)
    missing = rng.random((n, k)) < 0.12
    missing[:, 0] = False  # every row keeps one observed component
    scores[missing] = np.nan
    # Other years: the economy's level plus noise (sd 3), for every cell of half the rows.
    other = np.clip(level[:, None] + rng.normal(0, 3, (n, k)), 0, 100)
    other[rng.random(n) < 0.5] = np.nan
    notes = np.where(missing & ~np.isnan(other), "code 2021 synthetic", "").astype(object)
    groups = {
        "region": rng.choice(np.array(["A", "B", "C"], dtype=object), n),
        "income": np.where(level > 50, "HI", "LI").astype(object),
    }
    ctx = ImputeContext(
        names=tuple(f"c{j}" for j in range(k)),
        groups=groups,
        other_year=other,
        other_year_notes=notes,
        draws=DRAWS,
        seed=11,
    )
    return scores, ctx


@pytest.mark.parametrize("chain", CHAINS, ids=" → ".join)
def test_observed_cells_never_change(chain: tuple[str, ...]) -> None:
    scores, ctx = synthetic()
    result = impute(scores, chain, ctx)
    observed = ~np.isnan(scores)
    np.testing.assert_array_equal(result.filled[observed], scores[observed])
    for draw in result.draws:
        np.testing.assert_array_equal(draw[observed], scores[observed])


@pytest.mark.parametrize("chain", CHAINS, ids=" → ".join)
def test_imputed_values_stay_in_the_score_range(chain: tuple[str, ...]) -> None:
    scores, ctx = synthetic()
    result = impute(scores, chain, ctx)
    imputed = result.imputed
    assert imputed.any()
    assert (result.filled[imputed] >= ctx.lo).all() and (result.filled[imputed] <= ctx.hi).all()
    assert np.nanmin(result.draws) >= ctx.lo and np.nanmax(result.draws) <= ctx.hi


@pytest.mark.parametrize("chain", CHAINS, ids=" → ".join)
def test_flags_mark_exactly_the_imputed_cells(chain: tuple[str, ...]) -> None:
    scores, ctx = synthetic()
    result = impute(scores, chain, ctx)
    missing = np.isnan(scores)
    # A flag where and only where a missing cell received a value.
    np.testing.assert_array_equal(result.imputed, missing & ~np.isnan(result.filled))
    assert set(result.method[result.imputed]) <= set(chain)
    assert (result.inputs[result.imputed] != "").all()
    assert (result.method[~missing] == "").all() and (result.inputs[~missing] == "").all()


def test_a_chain_takes_other_years_first_and_models_the_rest() -> None:
    scores, ctx = synthetic()
    result = impute(scores, ("other_year", "regression"), ctx)
    missing = np.isnan(scores)
    assert ctx.other_year is not None and ctx.other_year_notes is not None
    from_other = missing & ~np.isnan(ctx.other_year)
    np.testing.assert_array_equal(result.method == "other_year", from_other)
    np.testing.assert_array_equal(result.filled[from_other], ctx.other_year[from_other])
    np.testing.assert_array_equal(result.inputs[from_other], ctx.other_year_notes[from_other])
    np.testing.assert_array_equal(result.method == "regression", missing & ~from_other)
    # Draws of values from another year spread as far as other years stray from observed
    # values (root mean square of the differences where both exist).
    both = ~missing & ~np.isnan(ctx.other_year)
    rms = np.sqrt(np.mean((ctx.other_year[both] - scores[both]) ** 2, axis=0))
    spread = (result.draws[:, from_other] - result.filled[from_other]).std()
    assert spread == pytest.approx(rms, rel=0.25)


def test_region_income_names_the_groupings_among_its_predictors() -> None:
    scores, ctx = synthetic()
    result = impute(scores, ("region_income",), ctx)
    assert all("region" in s and "income" in s for s in result.inputs[result.imputed])


@pytest.mark.parametrize("chain", [("regression",), ("region_income",), ("iterative",)])
def test_draws_are_deterministic_with_the_seed(chain: tuple[str, ...]) -> None:
    scores, ctx = synthetic()
    first, again = impute(scores, chain, ctx), impute(scores, chain, ctx)
    np.testing.assert_array_equal(first.draws, again.draws)
    np.testing.assert_array_equal(first.filled, again.filled)
    other = impute(scores, chain, replace(ctx, seed=ctx.seed + 1))
    imputed = first.imputed
    assert not np.array_equal(first.draws[:, imputed], other.draws[:, imputed])
    assert first.draws.shape == (DRAWS, *scores.shape)
    # Draws spread around the point: not all equal.
    assert first.draws[:, imputed].std(axis=0).mean() > 0


def test_iterative_point_is_the_mean_of_its_draws() -> None:
    scores, ctx = synthetic()
    result = impute(scores, ("iterative",), ctx)
    imputed = result.imputed
    np.testing.assert_allclose(result.filled[imputed], result.draws.mean(axis=0)[imputed])


def test_regression_draws_centre_on_the_least_squares_prediction() -> None:
    # Synthetic exact linear relation plus noise of known spread: the draws' spread
    # around the prediction is near the residual spread (Rubin's normal model).
    rng = np.random.default_rng(3)
    n = 400
    a = rng.uniform(20, 80, n)
    b = np.clip(0.5 * a + 20 + rng.normal(0, 4, n), 0, 100)
    scores = np.column_stack([a, b])
    scores[:40, 1] = np.nan
    result = impute(scores, ("regression",), ImputeContext(draws=400, seed=5))
    spread = (result.draws[:, :40, 1] - result.filled[:40, 1]).std()
    assert spread == pytest.approx(4.0, rel=0.15)


def test_engine_intervals_contain_the_point_and_are_seeded() -> None:
    spec = replace(load_spec("idi2024"), imputation=("regression",), imputation_draws=DRAWS)
    rng = np.random.default_rng(21)  # synthetic raw inputs within each indicator's range
    n = 80
    level = rng.uniform(0.1, 0.9, n)[:, None]
    high = np.array([100, 100, 150, 100, 100, 500, 10000, 21, 33, 100], dtype=float)
    raw = level * high * rng.uniform(0.8, 1.2, (n, len(high)))
    raw[:, 7:9] = (1 - level) * high[7:9]  # prices: lower is better
    raw[rng.random(raw.shape) < 0.1] = np.nan
    raw[:, 2:5] = np.abs(raw[:, 2:5]) + 1  # subscriptions and coverage always present
    context = imputation_inputs(spec, raw, None, None, {})
    result = compute_scores(spec, raw, apply_coverage_rule=False, context=context)
    scored = ~np.isnan(result.index)
    assert scored.all()
    assert (result.index_low[scored] <= result.index[scored]).all()
    assert (result.index[scored] <= result.index_high[scored]).all()
    complete = ~result.imputed.any(axis=1)
    np.testing.assert_array_equal(result.index_low[complete], result.index[complete])
    assert (result.index_high - result.index_low)[~complete].max() > 0
    again = compute_scores(spec, raw, apply_coverage_rule=False, context=context)
    np.testing.assert_array_equal(result.index_draws, again.index_draws)
