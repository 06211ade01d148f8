"""Compute indices from the warehouse: the published edition and recomputed years."""

from __future__ import annotations

import fnmatch
from dataclasses import dataclass

import numpy as np
import pandas as pd

from humanict.data import Warehouse
from humanict.errors import NotFoundError
from humanict.indices.engine import classify_levels, compute_scores
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

    ``flags`` holds the source's flag, ``filled`` (taken from the spec's fill dataset) or
    ``other_year``; ``datasets`` the warehouse dataset each value comes from.
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
        if spec.edition_fill_dataset and spec.edition_fill_codes:
            # Inputs the edition lacks, taken from another dataset at the same year.
            fill_marks = ", ".join("?" for _ in spec.edition_fill_codes)
            fill = warehouse.query(
                f"SELECT economy, indicator, value, 'filled' AS flag, note, dataset "
                f"FROM observations WHERE dataset = ? AND year = ? "
                f"AND indicator IN ({fill_marks}) AND economy IN (SELECT economy FROM "
                f"observations WHERE dataset = ? AND year = ?)",
                [
                    spec.edition_fill_dataset,
                    spec.edition_year,
                    *spec.edition_fill_codes,
                    spec.edition_dataset,
                    spec.edition_year,
                ],
            )
            fill["from_year"] = spec.edition_year
            frame = pd.concat([frame, fill], ignore_index=True).drop_duplicates(
                ["economy", "indicator"]
            )
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


def _components_of(spec: IndexSpec, by_input: np.ndarray) -> np.ndarray:
    """Map a (n, inputs) boolean mask to (n, components): True if any input of it is."""
    codes = spec.input_codes
    out = np.zeros((by_input.shape[0], len(spec.components)), dtype=bool)
    for j, component in enumerate(spec.components):
        for item in component.inputs:
            out[:, j] |= by_input[:, codes.index(item.code)]
    return out


def compute_index(spec: IndexSpec, warehouse: Warehouse, year: int | None = None) -> pd.DataFrame:
    """One row per scored economy: index, pillars, component scores, level and provenance.

    Columns: ``iso3, economy, member, year, kind, <index>, <pillars...>, level,
    score_<component>..., imputed, n_imputed, filled_from_<dataset>, estimates, other_year``.
    ``imputed`` lists the components whose score was imputed, by regression or from inputs
    filled from another dataset (listed in ``filled_from_<dataset>``); ``estimates`` the
    inputs that the source flags as
    estimates; ``other_year`` the inputs taken from a year other than the row's.
    """
    inputs = load_inputs(spec, warehouse, year)
    values, flags, kind = inputs.values, inputs.flags, inputs.kind
    if values.empty:
        when = f"year {year}" if year is not None else f"the edition ({spec.edition_dataset})"
        raise NotFoundError(
            f"no inputs of {spec.id} in the warehouse for {when}; "
            "years with data: see `humanict index trend " + spec.id + "`"
        )
    result = compute_scores(spec, values.to_numpy(), apply_coverage_rule=kind == RECOMPUTED)
    economies = warehouse.query("SELECT iso3, name, member FROM economies").set_index("iso3")

    out = pd.DataFrame(index=values.index)
    out.index.name = "iso3"
    out["economy"] = economies["name"].reindex(out.index)
    out["member"] = economies["member"].reindex(out.index)
    out["year"] = spec.edition_year if year is None else year
    out["kind"] = kind
    out[spec.column] = result.index
    for p, pillar in enumerate(spec.pillars):
        out[pillar.id] = result.pillar_scores[:, p]
    out["level"] = classify_levels(spec, result.index)
    for j, component in enumerate(spec.components):
        out[f"score_{component.id}"] = result.component_scores[:, j]
    ids = np.array([c.id for c in spec.components])
    codes = np.array(spec.input_codes)
    filled = flags.to_numpy() == "filled"
    imputed = result.imputed | _components_of(spec, filled)
    out["imputed"] = [";".join(ids[row]) for row in imputed]
    out["n_imputed"] = imputed.sum(axis=1)
    out["filled_from_" + (spec.edition_fill_dataset or "none")] = [
        ";".join(codes[row]) for row in filled
    ]
    out["estimates"] = [";".join(codes[row]) for row in (flags.to_numpy() == "estimate")]
    out["other_year"] = [";".join(codes[row]) for row in (flags.to_numpy() == "other_year")]
    keep = result.eligible
    if kind == RECOMPUTED:
        # A recomputed row must rest mostly on its own year's data.
        same_year = (flags.to_numpy() != "other_year") & ~np.isnan(values.to_numpy())
        keep = keep & (same_year.sum(axis=1) >= MIN_SAME_YEAR_SHARE * len(codes))
    out = out[keep].reset_index()
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
