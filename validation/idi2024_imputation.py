"""Compare the IDI 2024 imputation methods; prints the tables in docs/methodology/idi2024.md.

1. Masking: the inputs of the economies with every input are masked in each missing
   pattern of the incomplete economies (weighted by how many incomplete economies have it),
   a chunk of economies at a time; each method imputes and the IDI and pillars are compared
   with the complete-data values. Also: the share of masked economies whose complete-data
   IDI lies in the method's 90% interval.
2. Published sample: the error against ITU's published scores
   (data/ict/itu_idi2024_scores_sample.csv) of the sample economies that lack inputs, and
   the largest error of those that lack none.

Usage: python validation/idi2024_imputation.py [--quick]
(needs a built warehouse: `humanict data build`; --quick masks fewer chunks).
"""

from __future__ import annotations

import sys
from dataclasses import replace

import numpy as np
import pandas as pd

from humanict.config import Settings
from humanict.data import Warehouse
from humanict.indices import compute_scores, load_inputs, load_spec
from humanict.indices.engine import imputation_inputs
from humanict.indices.service import load_other_years
from humanict.indices.spec import IndexSpec

CANDIDATES: list[tuple[str, ...]] = [
    ("none",),
    ("regression",),
    ("region_income",),
    ("knn",),
    ("iterative",),
    ("other_year", "regression"),
    ("other_year", "region_income"),
    ("other_year", "knn"),
    ("other_year", "iterative"),
]
CHUNK = 15
SEED = 2024
ITERATIVE_DRAWS = 5  # validation only: each draw is one IterativeImputer run
PUBLISHED = {
    "idi": "idi_2024",
    "universal": "universal_connectivity_2024",
    "meaningful": "meaningful_connectivity_2024",
}


def variant(spec: IndexSpec, methods: tuple[str, ...]) -> IndexSpec:
    """The spec with another imputation chain (``("none",)``: aggregate what is present)."""
    chain = () if methods == ("none",) else methods
    draws = ITERATIVE_DRAWS if "iterative" in methods else spec.imputation_draws
    return replace(spec, imputation=chain, imputation_draws=draws if chain else 0)


def scores_frame(spec: IndexSpec, raw: np.ndarray, extra, index: pd.Index) -> pd.DataFrame:
    """Scores of ``raw`` with other years' values and groups ``extra = (other, notes, groups)``."""
    context = imputation_inputs(spec, raw, *extra)
    result = compute_scores(spec, raw, apply_coverage_rule=False, context=context)
    frame = pd.DataFrame(result.pillar_scores, index=index, columns=[p.id for p in spec.pillars])
    frame["idi"] = result.index
    frame["low"], frame["high"] = result.index_low, result.index_high
    return frame


def masking(spec: IndexSpec, raw: np.ndarray, context, index: pd.Index, quick: bool) -> dict:
    """Weighted errors of one method over every (pattern, complete economy) pair."""
    missing = np.isnan(raw)
    complete = np.flatnonzero(~missing.any(axis=1))
    patterns, counts = np.unique(missing[missing.any(axis=1)], axis=0, return_counts=True)
    truth = scores_frame(spec, raw, context, index).iloc[complete]
    rng = np.random.default_rng(SEED)
    order = rng.permutation(complete)
    chunks = np.array_split(order, int(np.ceil(len(order) / CHUNK)))
    if quick:
        chunks = chunks[:2]
    errors, weights, covered = [], [], []
    for pattern, count in zip(patterns, counts, strict=True):
        for rows in chunks:
            masked = raw.copy()
            masked[np.ix_(rows, np.flatnonzero(pattern))] = np.nan
            got = scores_frame(spec, masked, context, index).iloc[rows]
            want = truth.loc[got.index]
            errors.append((got[["idi", "universal", "meaningful"]] - want[
                ["idi", "universal", "meaningful"]
            ]).abs())
            covered.append((got["low"] <= want["idi"]) & (want["idi"] <= got["high"]))
            weights.append(np.full(len(rows), count / len(rows)))
    err = pd.concat(errors)
    w = np.concatenate(weights)
    inside = pd.concat(covered).to_numpy()
    out = {f"mae_{c}": float(np.average(err[c], weights=w)) for c in err.columns}
    out["max_idi"] = float(err["idi"].max())
    out["within_1"] = float(np.average(err["idi"] <= 1.0, weights=w))
    out["within_0.1"] = float(np.average(err["idi"] <= 0.1, weights=w))
    out["covered"] = float(np.average(inside, weights=w))
    out["cases"] = len(err)
    return out


def published(spec: IndexSpec, raw: np.ndarray, context, index: pd.Index, sample: pd.DataFrame):
    frame = scores_frame(spec, raw, context, index)
    merged = sample.join(frame, how="inner")
    incomplete = np.isnan(raw[index.get_indexer(merged.index)]).any(axis=1)
    diffs = {c: (merged[c] - merged[p]) for c, p in PUBLISHED.items()}
    gaps = {c: d[incomplete].abs() for c, d in diffs.items()}
    return {
        "n_incomplete": int(incomplete.sum()),
        "mae_idi": float(gaps["idi"].mean()),
        "mae_universal": float(gaps["universal"].mean()),
        "mae_meaningful": float(gaps["meaningful"].mean()),
        "max_idi": float(gaps["idi"].max()),
        "within_1": int((gaps["idi"] <= 1.0).sum()),
        "within_0.1": int((gaps["idi"] <= 0.1).sum()),
        # Published scores are rounded to 0.1: within the interval up to that rounding.
        "inside": int(
            (
                (merged["low"] - 0.05 <= merged["idi_2024"])
                & (merged["idi_2024"] <= merged["high"] + 0.05)
            )[incomplete].sum()
        ),
        "complete_max": float(max(d[~incomplete].abs().max() for d in diffs.values())),
        "per_economy": diffs["idi"][incomplete].round(2),
    }


def main(argv: list[str]) -> int:
    quick = "--quick" in argv
    settings = Settings()
    warehouse = Warehouse(settings.warehouse_path)
    spec = load_spec("idi2024")
    values = load_inputs(spec, warehouse, None).values
    raw = values.to_numpy(dtype=np.float64)
    economies = warehouse.query("SELECT iso3, stat_region, income_group FROM economies")
    economies = economies.set_index("iso3").reindex(values.index).fillna("unknown")
    groups = {
        "region": economies["stat_region"].to_numpy(dtype=object),
        "income": economies["income_group"].to_numpy(dtype=object),
    }
    context = (*load_other_years(spec, warehouse, values), groups)
    sample = pd.read_csv(settings.data_dir / "ict" / "itu_idi2024_scores_sample.csv")
    sample = sample.set_index("iso3")
    complete = int((~np.isnan(raw).any(axis=1)).sum())
    incomplete = len(raw) - complete
    print(f"masking: {complete} complete economies x the missing patterns of {incomplete}")
    print(
        "| method | IDI MAE | Universal MAE | Meaningful MAE | IDI max | within 1 | "
        "within 0.1 | truth in 90% interval | sample IDI MAE (n) | sample U MAE | "
        "sample M MAE | sample IDI max | sample within 1 | published in interval |"
    )
    print("|---" * 14 + "|")
    details = {}
    for methods in CANDIDATES:
        candidate = variant(spec, methods)
        m = masking(candidate, raw, context, values.index, quick)
        p = published(candidate, raw, context, values.index, sample)
        details[" → ".join(methods)] = p["per_economy"]
        print(
            f"| {' → '.join(methods)} | {m['mae_idi']:.2f} | {m['mae_universal']:.2f} | "
            f"{m['mae_meaningful']:.2f} | {m['max_idi']:.1f} | {m['within_1']:.0%} | "
            f"{m['within_0.1']:.0%} | {m['covered']:.0%} | {p['mae_idi']:.2f} "
            f"({p['n_incomplete']}) | {p['mae_universal']:.2f} | {p['mae_meaningful']:.2f} | "
            f"{p['max_idi']:.1f} | {p['within_1']}/{p['n_incomplete']} | "
            f"{p['inside']}/{p['n_incomplete']} |",
            flush=True,
        )
        print(f"  (complete sample economies, largest IDI or pillar error {p['complete_max']:.3f})")
    print("\nIDI error (computed − published) per incomplete sample economy:")
    print(pd.DataFrame(details).to_string())
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
