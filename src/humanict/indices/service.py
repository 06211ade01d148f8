"""Compute indices from the warehouse: the published edition and recomputed years."""

from __future__ import annotations

import fnmatch
from dataclasses import dataclass

import numpy as np
import pandas as pd

from humanict.data import Warehouse
from humanict.errors import NotFoundError
from humanict.indices.engine import (
    classify_levels,
    compute_scores,
    imputation_inputs,
    interval,
)
from humanict.indices.impute import ImputeContext
from humanict.indices.robustness import competition_ranks
from humanict.indices.spec import IndexSpec

EDITION = "edition"
MIN_SAME_YEAR_SHARE = 0.5
RECOMPUTED = "recomputed"


def _dataset_rank(spec: IndexSpec, datasets: list[str]) -> dict[str, int]:
    ranks: dict[str, int] = {}
    for rank, pattern in enumerate(spec.recompute_datasets):
        for dataset in datasets:
            if dataset not in ranks and fnmatch.fnmatchcase(dataset, pattern):
                ranks[dataset] = rank
    return ranks


@dataclass(frozen=True)
class IndexInputs:
    """Raw inputs of an index: frames of economies x input codes, and the kind of run.

    ``flags`` holds the source's flag or ``other_year``; ``datasets`` the warehouse dataset
    each value comes from.
    """

    values: pd.DataFrame
    flags: pd.DataFrame
    datasets: pd.DataFrame
    kind: str


def load_inputs(spec: IndexSpec, warehouse: Warehouse, year: int | None) -> IndexInputs:
    """Raw input values (economies x input codes) with flags and datasets, for the edition or a
    year.

    ``year=None`` reads the edition dataset at the edition's reference year. Any other year
    reads, for each input, the value of that year or else of the closest year within
    ``recompute_max_year_gap`` (earlier before later, as ITU uses the latest available data),
    from the first dataset in ``recompute_datasets`` that has one. Flags are the source's,
    or ``other_year`` where the value comes from another year.
    """
    codes = spec.input_codes
    marks = ", ".join("?" for _ in codes)
    if year is None:
        frame = warehouse.query(
            f"SELECT economy, indicator, value, flag, note, dataset FROM observations "
            f"WHERE dataset = ? AND year = ? AND indicator IN ({marks})",
            [spec.edition_dataset, spec.edition_year, *codes],
        )
        kind = EDITION
        frame["from_year"] = spec.edition_year
    else:
        gap = spec.recompute_max_year_gap
        frame = warehouse.query(
            f"SELECT economy, indicator, value, flag, note, dataset, year AS from_year "
            f"FROM observations WHERE year BETWEEN ? AND ? AND indicator IN ({marks})",
            [year - gap, year + gap, *codes],
        )
        ranks = _dataset_rank(spec, sorted(frame["dataset"].unique()))
        frame = frame[frame["dataset"].isin(ranks)].copy()
        frame["rank"] = frame["dataset"].map(ranks)
        # Same year first, then the closest earlier year, then the closest later year.
        frame["distance"] = (frame["from_year"] - year).abs()
        frame["later"] = frame["from_year"] > year
        frame = frame.sort_values(["distance", "later", "rank"]).drop_duplicates(
            ["economy", "indicator"]
        )
        kind = RECOMPUTED
    values = frame.pivot(index="economy", columns="indicator", values="value")
    values = values.reindex(columns=codes)
    flags = frame.pivot(index="economy", columns="indicator", values="flag").reindex(
        index=values.index, columns=codes
    )
    from_year = frame.pivot(index="economy", columns="indicator", values="from_year").reindex(
        index=values.index, columns=codes
    )
    flags = flags.where(from_year.isna() | (from_year == (year or spec.edition_year)), "other_year")
    datasets = frame.pivot(index="economy", columns="indicator", values="dataset").reindex(
        index=values.index, columns=codes
    )
    return IndexInputs(values, flags, datasets, kind)


def load_other_years(
    spec: IndexSpec, warehouse: Warehouse, values: pd.DataFrame
) -> tuple[np.ndarray, np.ndarray]:
    """For each economy and input of ``values``: the value from the spec's
    ``other_year_datasets`` at the nearest year within ``other_year_window`` of the edition's
    year (the same year from another dataset first, then earlier before later, then dataset
    order). Returns values and notes ("code year dataset"), both shaped like ``values``; the
    engine uses them only where the edition lacks a value.

    A price (a lower-is-better component) of zero or less is not a price: DataHub writes 0
    where no basket was collected, so such values are skipped.
    """
    codes = spec.input_codes
    other = np.full(values.shape, np.nan)
    notes = np.full(values.shape, "", dtype=object)
    if not spec.other_year_datasets or values.empty:
        return other, notes
    year, window = spec.edition_year, spec.other_year_window
    frame = warehouse.query(
        f"SELECT economy, indicator, year, value, dataset FROM observations "
        f"WHERE dataset IN ({', '.join('?' for _ in spec.other_year_datasets)}) "
        f"AND indicator IN ({', '.join('?' for _ in codes)}) AND year BETWEEN ? AND ?",
        [*spec.other_year_datasets, *codes, year - window, year + window],
    )
    prices = {
        i.code for c in spec.components if c.threshold > c.goalpost for i in c.inputs
    }
    frame = frame[~(frame["indicator"].isin(prices) & (frame["value"] <= 0))].copy()
    frame["distance"] = (frame["year"] - year).abs()
    frame["later"] = frame["year"] > year
    frame["rank"] = frame["dataset"].map({d: r for r, d in enumerate(spec.other_year_datasets)})
    frame = frame.sort_values(["distance", "later", "rank"]).drop_duplicates(
        ["economy", "indicator"]
    )
    rows = {iso: r for r, iso in enumerate(values.index)}
    for item in frame.itertuples(index=False):
        r, c = rows.get(item.economy), codes.index(item.indicator)
        if r is not None:
            other[r, c] = item.value
            notes[r, c] = f"{item.indicator} {item.year} {item.dataset}"
    return other, notes


def imputation_context(
    spec: IndexSpec, warehouse: Warehouse, values: pd.DataFrame, kind: str
) -> ImputeContext:
    """The economies' region and income group and, for the edition, other years' values."""
    economies = warehouse.query("SELECT iso3, stat_region, income_group FROM economies")
    economies = economies.set_index("iso3").reindex(values.index)
    columns = {"region": "stat_region", "income": "income_group"}
    groups = {
        g: economies[columns[g]].fillna("unknown").astype(str).to_numpy(dtype=object)
        for g in spec.imputation_groups
    }
    raw = values.to_numpy(dtype=np.float64)
    if kind != EDITION:
        return imputation_inputs(spec, raw, None, None, groups)
    other, notes = load_other_years(spec, warehouse, values)
    return imputation_inputs(spec, raw, other, notes, groups)


def describe_imputation(methods: np.ndarray, inputs: np.ndarray, ids: list[str]) -> list[str]:
    """One string per economy: ``component=method[inputs]`` joined by `` | ``."""
    return [
        " | ".join(f"{ids[j]}={m[j]}[{i[j]}]" for j in np.flatnonzero(m != ""))
        for m, i in zip(methods, inputs, strict=True)
    ]


def compute_index(spec: IndexSpec, warehouse: Warehouse, year: int | None = None) -> pd.DataFrame:
    """One row per scored economy: index, pillars, component scores, level and provenance.

    Columns: ``iso3, economy, member, year, kind, <index>, <index>_low, <index>_high, rank,
    rank_low, rank_high, <pillars...>, level, level_depends_on_imputation,
    score_<component>..., imputed, n_imputed,
    imputation, estimates, other_year``. ``imputed`` lists the components whose score was
    imputed and ``imputation`` how (``component=method[inputs]``, see
    ``humanict.indices.impute``); ``<index>_low``/``_high`` and ``rank_low``/``rank_high``
    bound the central 90% of the imputation draws (the point where nothing is imputed);
    ``estimates`` lists the inputs the source flags as estimates; ``other_year`` the inputs
    a recomputed year takes from another year.
    """
    inputs = load_inputs(spec, warehouse, year)
    values, flags, kind = inputs.values, inputs.flags, inputs.kind
    if values.empty:
        when = f"year {year}" if year is not None else f"the edition ({spec.edition_dataset})"
        raise NotFoundError(
            f"no inputs of {spec.id} in the warehouse for {when}; "
            "years with data: see `humanict index trend " + spec.id + "`"
        )
    context = imputation_context(spec, warehouse, values, kind)
    result = compute_scores(
        spec, values.to_numpy(), apply_coverage_rule=kind == RECOMPUTED, context=context
    )
    economies = warehouse.query("SELECT iso3, name, member FROM economies").set_index("iso3")

    out = pd.DataFrame(index=values.index)
    out.index.name = "iso3"
    out["economy"] = economies["name"].reindex(out.index)
    out["member"] = economies["member"].reindex(out.index)
    out["year"] = spec.edition_year if year is None else year
    out["kind"] = kind
    out[spec.column] = result.index
    out[f"{spec.column}_low"] = result.index_low
    out[f"{spec.column}_high"] = result.index_high
    for p, pillar in enumerate(spec.pillars):
        out[pillar.id] = result.pillar_scores[:, p]
    out["level"] = classify_levels(spec, result.index)
    # The level rests on imputed values where the score interval crosses a level boundary.
    out["level_depends_on_imputation"] = (result.imputed.any(axis=1)) & (
        np.array(classify_levels(spec, result.index_low), dtype=object)
        != np.array(classify_levels(spec, result.index_high), dtype=object)
    )
    for j, component in enumerate(spec.components):
        out[f"score_{component.id}"] = result.component_scores[:, j]
    ids = [c.id for c in spec.components]
    codes = np.array(spec.input_codes)
    out["imputed"] = [";".join(np.array(ids)[row]) for row in result.imputed]
    out["n_imputed"] = result.imputed.sum(axis=1)
    out["imputation"] = describe_imputation(result.method, result.inputs, ids)
    out["estimates"] = [";".join(codes[row]) for row in (flags.to_numpy() == "estimate")]
    out["other_year"] = [";".join(codes[row]) for row in (flags.to_numpy() == "other_year")]
    keep = result.eligible
    if kind == RECOMPUTED:
        # A recomputed row must rest mostly on its own year's data.
        same_year = (flags.to_numpy() != "other_year") & ~np.isnan(values.to_numpy())
        keep = keep & (same_year.sum(axis=1) >= MIN_SAME_YEAR_SHARE * len(codes))
    out = out[keep].reset_index()
    # Ranks among the rows kept, with the interval the imputation draws leave.
    ranks = competition_ranks(result.index[keep])[0].astype(np.float64)
    draw_ranks = competition_ranks(result.index_draws[:, keep]).astype(np.float64)
    rank_low, rank_high = interval(ranks, draw_ranks)
    out["rank"] = ranks.astype(np.int64)
    out["rank_low"] = np.floor(rank_low).astype(np.int64)
    out["rank_high"] = np.ceil(rank_high).astype(np.int64)
    return out.sort_values(spec.column, ascending=False, kind="stable").reset_index(drop=True)


def recomputable_years(spec: IndexSpec, warehouse: Warehouse) -> list[int]:
    """Years in which the warehouse holds values of at least half of the input codes."""
    codes = list(spec.input_codes)
    marks = ", ".join("?" for _ in codes)
    frame = warehouse.query(
        f"SELECT year, count(DISTINCT indicator) AS n FROM observations "
        f"WHERE indicator IN ({marks}) GROUP BY year ORDER BY year",
        codes,
    )
    return [int(y) for y in frame.loc[frame["n"] >= len(codes) * 0.5, "year"]]


def compute_trend(
    spec: IndexSpec, warehouse: Warehouse, years: list[int] | None = None
) -> pd.DataFrame:
    """The edition and every recomputable year stacked (for trend charts)."""
    frames = [compute_index(spec, warehouse)]
    for year in years or recomputable_years(spec, warehouse):
        try:
            frames.append(compute_index(spec, warehouse, year))
        except NotFoundError:
            continue
    return pd.concat(frames, ignore_index=True)
