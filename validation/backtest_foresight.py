"""Backtest the foresight gap report on past cut years and print precision at k and lead times.

    .venv/bin/python validation/backtest_foresight.py [--abstracts ../shared/data/standards]
        [--years 2010-2021] [--topics 40] [--window 10] [--coverage itu] [--horizon 4]

For each cut year Y the report sees only signals and standards dated up to Y. See
docs/foresight.md (Backtest) for the targets and the measures (humanict.foresight.backtest).
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from humanict.config import PROJECT_ROOT
from humanict.foresight import store
from humanict.foresight.backtest import TARGETS, precision_at_k, received, target_rank
from humanict.foresight.gaps import gap_report

KS = (5, 10)


def _years(text: str) -> list[int]:
    first, _, last = text.partition("-")
    return list(range(int(first), int(last or first) + 1))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    default_abstracts = PROJECT_ROOT.parent.parent / "shared" / "data" / "standards"
    parser.add_argument("--abstracts", type=Path, default=None)
    parser.add_argument("--years", default="2010-2021")
    parser.add_argument("--topics", type=int, default=40)
    parser.add_argument("--window", type=int, default=10)
    parser.add_argument("--coverage", default="itu", choices=["all", "itu"])
    parser.add_argument("--horizon", type=int, default=4)
    args = parser.parse_args()
    abstracts = args.abstracts
    if abstracts is None and default_abstracts.is_dir():
        abstracts = default_abstracts
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "foresight.duckdb"
        report = store.build(PROJECT_ROOT / "data", db, abstracts=abstracts)
        standards, signals = store.load(db)
    print(
        f"corpus: {report.standards:,} standards ({report.abstracts:,} with abstracts from "
        f"{abstracts or 'nowhere'}), {report.signals:,} signals; topics {args.topics}, window "
        f"{args.window}, coverage {args.coverage}, horizon {args.horizon} years\n"
    )
    ranks: dict[tuple[str, int], tuple[int | None, float, str | None]] = {}
    print("cut  signals  " + "  ".join(f"P@{k}" for k in KS) + "  base  seconds")
    for year in _years(args.years):
        started = time.perf_counter()
        cut = gap_report(
            standards,
            signals,
            year,
            window=args.window,
            n_topics=args.topics,
            coverage_scope=args.coverage,
        )
        got = received(cut, standards, args.horizon)
        precisions = [precision_at_k(cut, got, k) for k in KS]
        base = precisions[0][1]
        cells = "  ".join(f"{p:.2f}" for p, _ in precisions)
        print(
            f"{year}  {cut.n_signals:7,}  {cells}  {base:.2f}  {time.perf_counter() - started:7.1f}"
        )
        for target in TARGETS:
            ranks[(target.name, year)] = target_rank(cut, target)
    years = _years(args.years)
    print(f"\nrank of each target's topic among {args.topics} gaps before its ITU standard")
    print(f"{'target':38} {'standard':14} {'year':>4}  " + " ".join(f"{y % 100:>3}" for y in years))
    for target in TARGETS:
        cells = []
        for y in years:
            rank = ranks[(target.name, y)][0]
            if y >= target.year:
                cells.append("  .")
            else:
                cells.append("  -" if rank is None else f"{rank:3d}")
        print(f"{target.name:38} {target.standard:14} {target.year:4d}  " + " ".join(cells))
    print("\nhit = target's topic in the top k gaps at a cut year before the standard")
    print(f"{'target':38} " + "  ".join(f"first hit@{k} lead@{k}" for k in KS))
    hits = dict.fromkeys(KS, 0)
    leads: dict[int, list[int]] = {k: [] for k in KS}
    for target in TARGETS:
        cells = []
        for k in KS:
            before = [y for y in years if y < target.year]
            first = next(
                (y for y in before if (r := ranks[(target.name, y)][0]) is not None and r <= k),
                None,
            )
            if first is None:
                cells.append(f"{'-':>11} {'-':>7}")
            else:
                hits[k] += 1
                leads[k].append(target.year - first)
                cells.append(f"{first:11d} {target.year - first:7d}")
        print(f"{target.name:38} " + "  ".join(cells))
    print("\ntopic matched to each target at the last cut year before its standard (cosine)")
    for target in TARGETS:
        last = max((y for y in years if y < target.year), default=None)
        if last is None:
            continue
        rank, match, label = ranks[(target.name, last)]
        shown = f"#{rank} {label}" if label else "no topic above the match threshold"
        print(f"{target.name:38} {last}: {shown} ({match:.2f})")
    for k in KS:
        mean = sum(leads[k]) / len(leads[k]) if leads[k] else float("nan")
        print(
            f"top {k}: {hits[k]} of {len(TARGETS)} targets ranked as gaps beforehand; "
            f"mean lead time {mean:.1f} years"
        )


if __name__ == "__main__":
    main()
