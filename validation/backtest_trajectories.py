"""Backtest of the trajectory models: fit on data up to 2015, predict 2019-2023.

For every economy and indicator with at least ``MIN_TRAIN`` observations up to 2015 and at
least one observation in 2019-2023, each model is fitted to the training years and its
predictions are compared with the observed values. Errors are in percentage points (units of
the series). Every model is scored on the same series (those on which all models could be
fitted), so the rows compare like with like. The 90% interval coverage is the share of observed
values that fall inside the projected prediction interval.

Usage: ``python validation/backtest_trajectories.py [--warehouse var/warehouse.duckdb]``
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

import numpy as np
import pandas as pd

from humanict.config import Settings
from humanict.data import Warehouse
from humanict.observatory.batch_fit import fit_curves
from humanict.observatory.service import load_series
from humanict.observatory.trajectories import CURVE_MODELS, curve_settings, fit_series, project

TRAIN_END = 2015
TEST_YEARS = (2019, 2023)
MIN_TRAIN = 6
INDICATORS = ("i99H", "xHH6_IDI", "i911mw", "i992b", "i271G")
MODELS = ("anchored", "logistic", "gompertz", "bass", "linear", "last")


def backtest(frame: pd.DataFrame) -> pd.DataFrame:
    """One row per (indicator, economy, model, test year) with the prediction and the interval.

    The curves are fitted to all series of an indicator in one batch (:mod:`batch_fit`)."""
    rows = []
    for indicator, panel in frame.groupby("indicator"):
        cap, fixed = curve_settings(str(indicator))
        cases = []
        for economy, series in panel.groupby("economy"):
            train = series[series["year"] <= TRAIN_END]
            test = series[series["year"].between(*TEST_YEARS)]
            if len(train) >= MIN_TRAIN and not test.empty:
                cases.append((economy, train, test))
        train_years = [c[1]["year"].to_numpy(float) for c in cases]
        train_values = [c[1]["value"].to_numpy(float) for c in cases]
        for model in MODELS:
            if model in CURVE_MODELS:
                fits = fit_curves(train_years, train_values, model, cap, fixed)
            else:
                fits = [
                    fit_series(t, y, model, cap, fixed)
                    for t, y in zip(train_years, train_values, strict=True)
                ]
            for (economy, _, test), fit in zip(cases, fits, strict=True):
                years = test["year"].to_numpy(dtype=float)
                proj = project(fit, years, calibrated=True)
                raw = project(fit, years)
                for i, actual in enumerate(test["value"].to_numpy()):
                    rows.append(
                        (
                            indicator,
                            economy,
                            model,
                            int(years[i]),
                            float(actual),
                            float(proj.central[i]),
                            float(proj.lower[i]),
                            float(proj.upper[i]),
                            float(raw.half_width[i]),
                            float(years[i] - fit.last_year),
                        )
                    )
    return pd.DataFrame(
        rows,
        columns=[
            "indicator",
            "economy",
            "model",
            "year",
            "actual",
            "predicted",
            "lower",
            "upper",
            "raw_half_width",
            "horizon",
        ],
    )


def calibrate(results: pd.DataFrame) -> pd.DataFrame:
    """Interval growth per model: the 90th percentile of (|error| - raw half-width) / horizon
    over the economies of even position (sorted by code), so 90% of them fall inside the grown
    interval; its coverage is then measured on the other economies (held out)."""
    economies = sorted(results["economy"].unique())
    even = set(economies[::2])
    rows = []
    for model, part in results.groupby("model"):
        usable = part[part["horizon"] > 0]
        error = (usable["predicted"] - usable["actual"]).abs()
        excess = (error - usable["raw_half_width"]) / usable["horizon"]
        fit_half = usable["economy"].isin(even)
        growth = float(np.quantile(excess[fit_half], 0.9))
        held = excess[~fit_half]
        rows.append(
            {
                "model": model,
                "growth_per_year": growth,
                "coverage_raw_held_out": float(np.mean(held <= 0.0)),
                "coverage_grown_held_out": float(np.mean(held <= growth)),
            }
        )
    return pd.DataFrame(rows)


def summarise(results: pd.DataFrame, by: list[str]) -> pd.DataFrame:
    results = results.assign(
        error=results["predicted"] - results["actual"],
        inside=(results["actual"] >= results["lower"]) & (results["actual"] <= results["upper"]),
    )
    grouped = results.groupby(by)
    return pd.DataFrame(
        {
            "series": grouped["economy"].nunique(),
            "points": grouped.size(),
            "mae_pp": grouped["error"].apply(lambda e: float(np.mean(np.abs(e)))),
            "rmse_pp": grouped["error"].apply(lambda e: float(np.sqrt(np.mean(e**2)))),
            "bias_pp": grouped["error"].mean(),
            "coverage90": grouped["inside"].mean(),
        }
    ).reset_index()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--warehouse", type=Path, default=Settings().warehouse_path)
    args = parser.parse_args()
    started = time.perf_counter()
    frame = load_series(Warehouse(args.warehouse), list(INDICATORS))
    results = backtest(frame)
    overall = summarise(results, ["model"]).sort_values("mae_pp")
    pd.set_option("display.width", 140)
    print(f"Backtest: fit on years <= {TRAIN_END}, predict {TEST_YEARS[0]}-{TEST_YEARS[1]}")
    print(f"indicators: {', '.join(INDICATORS)}; errors in percentage points\n")
    print("All indicators:")
    print(overall.to_string(index=False, float_format=lambda x: f"{x:.2f}"))
    print("\nBy indicator:")
    by_indicator = summarise(results, ["indicator", "model"]).sort_values(["indicator", "mae_pp"])
    print(by_indicator.to_string(index=False, float_format=lambda x: f"{x:.2f}"))
    print("\nInterval calibration (90% level; growth fitted on half the economies):")
    print(calibrate(results).to_string(index=False, float_format=lambda x: f"{x:.2f}"))
    print(f"\nwinner over all series: {overall.iloc[0]['model']}")
    for label, fixed in (("shares with a 100% ceiling", True), ("subscriptions per 100", False)):
        subset = results[[curve_settings(i)[1] == fixed for i in results["indicator"]]]
        table = summarise(subset, ["model"]).sort_values("mae_pp")
        print(f"\n{label}:")
        print(table.to_string(index=False, float_format=lambda x: f"{x:.2f}"))
        print(f"winner for {label}: {table.iloc[0]['model']}")
    print(f"ran in {time.perf_counter() - started:.1f} s")


if __name__ == "__main__":
    main()
