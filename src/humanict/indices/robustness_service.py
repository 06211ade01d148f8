"""The robustness analysis of an index on the warehouse: run it and tabulate the results."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from humanict.data import Warehouse
from humanict.errors import NotFoundError
from humanict.indices.robustness import (
    AGGREGATIONS,
    FACTORS,
    NOMINAL,
    ChunkResult,
    Design,
    RobustnessConfig,
    RobustnessProblem,
    build_problem,
    competition_ranks,
    evaluate,
    nominal_design,
    rank_quantile,
    run_dask,
    run_local,
    sensitivity_indices,
)
from humanict.indices.service import load_inputs, load_other_years
from humanict.indices.spec import IndexSpec
from humanict.output import records


@dataclass(frozen=True)
class RobustnessResult:
    """Per-economy rank intervals, the sensitivity table and the effect of each option."""

    index: str
    config: RobustnessConfig
    economies: pd.DataFrame
    sensitivity: pd.DataFrame
    options: pd.DataFrame
    meta: dict[str, Any] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        return {
            "index": self.index,
            "meta": self.meta,
            "economies": records(self.economies),
            "sensitivity": records(self.sensitivity),
            "options": records(self.options),
        }


def load_problem(spec: IndexSpec, warehouse: Warehouse) -> RobustnessProblem:
    """The precomputed score matrices of the index's published edition, for every option
    (cheap); a run's configuration decides which options are drawn."""
    inputs = load_inputs(spec, warehouse, None)
    if inputs.values.empty:
        raise NotFoundError(f"no inputs of {spec.id} in the warehouse; run `humanict data build`")
    raw = inputs.values.to_numpy(dtype=np.float64)
    if "other_year" in spec.imputation:
        # The economy's own values from other years come first, as in the engine; the
        # imputation options vary what remains missing.
        other, _ = load_other_years(spec, warehouse, inputs.values)
        raw = np.where(np.isnan(raw), other, raw)
    return build_problem(spec, raw, list(inputs.values.index))


def _one_at_a_time(problem: RobustnessProblem) -> dict[tuple[str, str], float]:
    """Mean absolute rank shift when one discrete option alone departs from the nominal."""
    shifts: dict[tuple[str, str], float] = {}
    tables = {
        "normalisation": problem.normalisations,
        "imputation": problem.imputations,
        "aggregation": AGGREGATIONS,
    }
    base = nominal_design(problem)
    for factor, table in tables.items():
        for k, option in enumerate(table):
            parts = {
                "normalisation": base.normalisation,
                "imputation": base.imputation,
                "aggregation": base.aggregation,
            }
            parts[factor] = np.array([k])
            design = Design(
                parts["normalisation"],
                parts["imputation"],
                parts["aggregation"],
                base.component_weights,
                base.pillar_weights,
            )
            ranks = competition_ranks(evaluate(problem, design))[0]
            shifts[(factor, option)] = float(np.abs(ranks - problem.nominal_rank).mean())
    return shifts


def summarise(
    spec: IndexSpec,
    problem: RobustnessProblem,
    result: ChunkResult,
    config: RobustnessConfig,
    names: dict[str, str],
) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """Tables of the economies, the factors' sensitivity indices and the options."""
    counts = result.rank_counts
    draws = counts.sum(axis=1)
    rank_values = np.arange(1, problem.n + 1)
    economies = pd.DataFrame(
        {
            "iso3": problem.economies,
            "economy": [names.get(code, code) for code in problem.economies],
            spec.column: problem.nominal_index,
            "nominal_rank": problem.nominal_rank,
            "median_rank": rank_quantile(counts, 0.5),
            "rank_p05": rank_quantile(counts, 0.05),
            "rank_p95": rank_quantile(counts, 0.95),
            "mean_rank": (counts @ rank_values) / draws,
        }
    )
    economies["interval_width"] = economies["rank_p95"] - economies["rank_p05"]
    economies["mean_abs_shift"] = (
        counts * np.abs(rank_values[None, :] - problem.nominal_rank[:, None])
    ).sum(axis=1) / draws
    rows = []
    if config.sensitivity:
        indices = sensitivity_indices(result)
        variance = indices.variance[:-1]
        for i, factor in enumerate(FACTORS):
            first = indices.first[i]
            total = indices.total[i]
            varying = ~np.isnan(first[:-1])
            economies[f"s1_{factor}"] = first[:-1]
            weight = variance[varying]
            rows.append(
                {
                    "factor": factor,
                    "s1_shift": first[-1],
                    "st_shift": total[-1],
                    "s1_shift_se": None if indices.first_se is None else indices.first_se[i],
                    "st_shift_se": None if indices.total_se is None else indices.total_se[i],
                    # Share of the economies' summed rank variance explained by the factor.
                    "s1_rank": float((first[:-1][varying] * weight).sum() / weight.sum())
                    if weight.sum() > 0
                    else None,
                    "st_rank": float((total[:-1][varying] * weight).sum() / weight.sum())
                    if weight.sum() > 0
                    else None,
                }
            )
    sensitivity = pd.DataFrame(
        rows,
        columns=[
            "factor",
            "s1_shift",
            "st_shift",
            "s1_rank",
            "st_rank",
            "s1_shift_se",
            "st_shift_se",
        ],
    )
    alone = _one_at_a_time(problem)
    option_rows = []
    tables = {
        "normalisation": problem.normalisations,
        "imputation": problem.imputations,
        "aggregation": AGGREGATIONS,
    }
    for factor, table in tables.items():
        drawn = result.option_draws[factor]
        shift = result.option_shift[factor]
        for k, option in enumerate(table):
            if option not in config.options(factor):
                continue
            option_rows.append(
                {
                    "factor": factor,
                    "option": option,
                    "nominal": NOMINAL[factor] == option,
                    "draws": int(drawn[k]),
                    "mean_abs_shift_drawn": float(shift[k] / drawn[k] / problem.n)
                    if drawn[k]
                    else None,
                    "mean_abs_shift_alone": alone[(factor, option)],
                }
            )
    economies = economies.sort_values(["nominal_rank", "iso3"]).reset_index(drop=True)
    return economies, sensitivity, pd.DataFrame(option_rows)


def analyse_robustness(
    spec: IndexSpec,
    warehouse: Warehouse,
    config: RobustnessConfig,
    scheduler: str | None = None,
    progress: Callable[[int], None] | None = None,
) -> RobustnessResult:
    """Run the Monte Carlo analysis of ``spec`` (here, or on the Dask ``scheduler``);
    ``progress(draws)`` is called as chunks finish."""
    config.validate()
    started = time.perf_counter()
    problem = load_problem(spec, warehouse)
    prepared = time.perf_counter()
    if scheduler is None:
        result = run_local(problem, config, progress)
    else:
        result = run_dask(problem, config, scheduler, progress=progress)
    finished = time.perf_counter()
    names = warehouse.query("SELECT iso3, name FROM economies").set_index("iso3")["name"]
    economies, sensitivity, options = summarise(spec, problem, result, config, names.to_dict())
    evaluations = config.draws * ((len(FACTORS) + 2) if config.sensitivity else 1)
    meta = {
        "draws": config.draws,
        "seed": config.seed,
        "concentration": None if np.isinf(config.concentration) else config.concentration,
        "normalisations": list(config.normalisations),
        "aggregations": list(config.aggregations),
        "imputations": list(config.imputations),
        "chunk_size": config.chunk_size,
        "economies": problem.n,
        "evaluations": evaluations,
        "runner": "dask" if scheduler else "local",
        "seconds_prepare": round(prepared - started, 3),
        "seconds_draws": round(finished - prepared, 3),
        "nominal": NOMINAL,
    }
    return RobustnessResult(spec.id, config, economies, sensitivity, options, meta)
