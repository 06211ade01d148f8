"""Measure the IDI 2024 imputation error; prints the figures in docs/methodology/idi2024.md.

1. Against the published scores of the sample economies that lack inputs
   (data/ict/itu_idi2024_scores_sample.csv).
2. Leave one out: for each of the 109 economies with every input, mask each commonly missing
   input in turn, recompute and compare the IDI with the complete-data IDI.

Usage: python validation/idi2024_imputation.py (needs a built warehouse: `humanict data build`)
"""

from __future__ import annotations

import sys

import numpy as np
import pandas as pd

from humanict.config import Settings
from humanict.data import Warehouse
from humanict.indices import compute_index, compute_scores, load_inputs, load_spec

MASKED = ["i135tfb_subs", "i136mwi_subs", "xHH6_IDI", "xHH18_IDI", "i99H"]


def main() -> int:
    settings = Settings()
    warehouse = Warehouse(settings.warehouse_path)
    spec = load_spec("idi2024")

    scores = compute_index(spec, warehouse)
    sample = pd.read_csv(settings.data_dir / "ict" / "itu_idi2024_scores_sample.csv")
    merged = sample.merge(scores, on="iso3")
    for published, ours in [
        ("idi_2024", "idi"),
        ("universal_connectivity_2024", "universal"),
        ("meaningful_connectivity_2024", "meaningful"),
    ]:
        merged[f"d_{ours}"] = merged[ours] - merged[published]
    gaps = merged[merged["n_imputed"] > 0]
    print(f"sample economies with missing inputs: {len(gaps)}")
    print(
        gaps[["iso3", "imputed", "idi_2024", "idi", "d_idi", "d_universal", "d_meaningful"]]
        .round(2)
        .to_string(index=False)
    )
    print(gaps[["d_idi", "d_universal", "d_meaningful"]].abs().agg(["mean", "max"]).round(2))

    values = load_inputs(spec, warehouse, None).values
    raw = values.to_numpy()
    complete = ~np.isnan(raw).any(axis=1)
    truth = compute_scores(spec, raw, apply_coverage_rule=False).index[complete]
    print(f"\nleave one out over {complete.sum()} complete economies (IDI error):")
    errors = []
    for code in MASKED:
        column = spec.input_codes.index(code)
        deltas = []
        for row in np.flatnonzero(complete):
            masked = raw.copy()
            masked[row, column] = np.nan
            result = compute_scores(spec, masked, apply_coverage_rule=False)
            deltas.append(result.index[row] - truth[list(np.flatnonzero(complete)).index(row)])
        deltas_arr = np.abs(np.array(deltas))
        errors.append(deltas_arr)
        print(f"  {code:<14} mean {deltas_arr.mean():.2f}  max {deltas_arr.max():.2f}")
    print(f"  all            mean {np.concatenate(errors).mean():.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
