"""The Monte Carlo robustness analysis of IDI 2024: properties on the real edition."""

from __future__ import annotations

import math

import numpy as np
import pytest

from humanict.data import Warehouse
from humanict.errors import InvalidInputError
from humanict.indices import compute_index, compute_scores, load_inputs, load_spec
from humanict.indices.robustness import (
    FACTORS,
    RobustnessConfig,
    RobustnessProblem,
    build_problem,
    competition_ranks,
    evaluate,
    nominal_design,
    rank_quantile,
    run_local,
)
from humanict.indices.robustness_service import analyse_robustness, load_problem

NOMINAL_ONLY = {
    "normalisations": ("goalposts",),
    "aggregations": ("arithmetic",),
    "imputations": ("regression",),
}


@pytest.fixture(scope="module")
def problem(warehouse: Warehouse) -> RobustnessProblem:
    return load_problem(load_spec("idi2024"), warehouse)


def test_competition_ranks_share_the_best_rank_on_ties() -> None:
    ranks = competition_ranks(np.array([[3.0, 1.0, 3.0 + 1e-12, 2.0], [1.0, 2.0, 3.0, 4.0]]))
    assert ranks.tolist() == [[1, 4, 1, 3], [4, 3, 2, 1]]


def test_rank_quantile_reads_the_histogram() -> None:
    counts = np.array([[0, 10, 80, 10], [100, 0, 0, 0]])
    assert rank_quantile(counts, 0.05).tolist() == [2, 1]
    assert rank_quantile(counts, 0.5).tolist() == [3, 1]
    assert rank_quantile(counts, 0.95).tolist() == [4, 1]


def test_nominal_choice_reproduces_the_engine_ranks_exactly(
    warehouse: Warehouse, problem: RobustnessProblem
) -> None:
    idi = compute_index(load_spec("idi2024"), warehouse)
    engine = dict(zip(idi["iso3"], competition_ranks(idi["idi"].to_numpy())[0], strict=True))
    assert len(problem.economies) == len(idi) == 170
    ours = competition_ranks(evaluate(problem, nominal_design(problem)))[0]
    assert ours.tolist() == [engine[code] for code in problem.economies]
    assert problem.nominal_rank.tolist() == ours.tolist()
    values = dict(zip(idi["iso3"], idi["idi"], strict=True))
    index = evaluate(problem, nominal_design(problem))[0]
    assert np.allclose(index, [values[c] for c in problem.economies], atol=1e-9)


def test_nominal_score_matrix_is_the_engines(warehouse: Warehouse) -> None:
    spec = load_spec("idi2024")
    inputs = load_inputs(spec, warehouse, None)
    raw = inputs.values.to_numpy()
    problem = build_problem(spec, raw, list(inputs.values.index))
    engine = compute_scores(spec, raw, apply_coverage_rule=False)
    keep = engine.eligible & ~np.isnan(engine.index)
    nominal = problem.scores[problem.normalisations.index("goalposts"), 0]
    assert np.array_equal(nominal, engine.component_scores[keep])


def test_intervals_collapse_without_weight_noise_and_only_nominal_options(
    problem: RobustnessProblem,
) -> None:
    config = RobustnessConfig(draws=40, chunk_size=15, concentration=math.inf, **NOMINAL_ONLY)
    result = run_local(problem, config)
    for q in (0.05, 0.5, 0.95):
        assert np.array_equal(rank_quantile(result.rank_counts, q), problem.nominal_rank)
    assert result.rank_counts.sum() == 40 * problem.n


def test_intervals_contain_the_nominal_rank(warehouse: Warehouse) -> None:
    result = analyse_robustness(load_spec("idi2024"), warehouse, RobustnessConfig(draws=600))
    table = result.economies
    assert len(table) == 170
    assert (table["rank_p05"] <= table["nominal_rank"]).all()
    assert (table["nominal_rank"] <= table["rank_p95"]).all()
    assert (table["rank_p05"] <= table["median_rank"]).all()
    assert (table["median_rank"] <= table["rank_p95"]).all()
    # The alternatives do move ranks: some economy's interval is wide.
    assert table["interval_width"].max() >= 10
    assert set(result.sensitivity["factor"]) == set(FACTORS)
    # One batch estimate per chunk of 1 000 draws is too few here: 600 draws, one chunk.
    assert result.sensitivity["s1_shift_se"].isna().all()
    alone = result.options.set_index(["factor", "option"])["mean_abs_shift_alone"]
    assert alone[("normalisation", "goalposts")] == 0
    assert alone[("normalisation", "minmax")] > 0


def test_a_fixed_factor_has_no_effect_and_weights_explain_everything(
    problem: RobustnessProblem,
) -> None:
    from humanict.indices.robustness import sensitivity_indices

    config = RobustnessConfig(draws=300, chunk_size=100, concentration=20.0, **NOMINAL_ONLY)
    indices = sensitivity_indices(run_local(problem, config))
    assert indices.total_se is not None and indices.first_se is not None
    weights_se = indices.total_se[FACTORS.index("weights")]
    assert 0 < weights_se < 0.5
    weights = FACTORS.index("weights")
    for i, _factor in enumerate(FACTORS):
        if i != weights:
            assert np.all(np.nan_to_num(indices.first[i]) == 0)
            assert np.all(np.nan_to_num(indices.total[i]) == 0)
    # With one factor, its total effect is the whole variance (Jansen: E (fA - fB)^2 / 2V).
    assert indices.total[weights][-1] == pytest.approx(1.0, abs=0.25)


def test_same_seed_same_result_other_seed_differs(problem: RobustnessProblem) -> None:
    config = RobustnessConfig(draws=120, chunk_size=50, seed=7)
    one, two = run_local(problem, config), run_local(problem, config)
    assert np.array_equal(one.rank_counts, two.rank_counts)
    assert np.array_equal(one.first, two.first)
    other = run_local(problem, RobustnessConfig(draws=120, chunk_size=50, seed=8))
    assert not np.array_equal(one.rank_counts, other.rank_counts)


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"draws": 0}, "draws must be at least 1"),
        ({"concentration": 0.0}, "concentration must be positive"),
        ({"normalisations": ("goalposts", "rank")}, "choose among goalposts"),
        ({"imputations": ()}, "at least one imputation"),
        ({"chunk_size": 0}, "chunk size"),
    ],
)
def test_bad_configuration_is_refused(changes: dict[str, object], message: str) -> None:
    with pytest.raises(InvalidInputError, match=message):
        RobustnessConfig(**changes).validate()  # type: ignore[arg-type]


def test_sum_aggregated_index_is_refused(warehouse: Warehouse) -> None:
    with pytest.raises(InvalidInputError, match="aggregates by sum"):
        analyse_robustness(load_spec("gci2024"), warehouse, RobustnessConfig(draws=5))


def test_dirichlet_weights_are_centred_on_the_published_ones(problem: RobustnessProblem) -> None:
    from humanict.indices.robustness import sample_design

    rng = np.random.default_rng(3)
    design = sample_design(problem, RobustnessConfig(concentration=100.0), rng, 4000)
    assert np.allclose(design.component_weights.mean(axis=0), problem.component_weights, atol=0.01)
    assert np.allclose(design.pillar_weights.mean(axis=0), problem.pillar_weights, atol=0.01)
    for p in range(len(problem.pillar_weights)):
        sums = design.component_weights[:, problem.pillar_of == p].sum(axis=1)
        assert np.allclose(sums, 1.0)
    # Variance w (1 - w) / (c + 1) of the Dirichlet.
    w = problem.pillar_weights[0]
    assert design.pillar_weights[:, 0].var() == pytest.approx(w * (1 - w) / 101, rel=0.15)


def test_no_imputation_fills_an_empty_pillar_by_regression() -> None:
    """Synthetic, seeded inputs: economy 0 has no universal-connectivity input at all."""
    spec = load_spec("idi2024")
    rng = np.random.default_rng(12)
    n = 40
    raw = rng.uniform(5, 95, size=(n, len(spec.input_codes)))
    universal = [
        spec.input_codes.index(i.code)
        for c in spec.components
        if c.pillar == "universal"
        for i in c.inputs
    ]
    raw[0, universal] = np.nan
    raw[1, universal[0]] = np.nan  # an ordinary gap
    problem = build_problem(spec, raw, [f"S{i:02d}" for i in range(n)])
    none = problem.imputations.index("none")
    regression = problem.imputations.index("regression")
    cols = problem.pillar_of == 0
    for a in range(len(problem.normalisations)):
        assert problem.masks[a, none][0, cols].all()
        assert np.allclose(problem.scores[a, none][0, cols], problem.scores[a, regression][0, cols])
        # The ordinary gap stays a gap without imputation.
        assert not problem.masks[a, none][1, cols][0]
        assert problem.masks[a, regression][1, cols].all()
    index = evaluate(problem, nominal_design(problem))[0]
    assert np.isfinite(index).all()
