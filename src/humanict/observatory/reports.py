"""JSON-ready reports shared by the CLI and the API."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

from humanict.observatory.offline import OfflineResult
from humanict.output import records

PUBLISHED_FILE = Path("targets") / "itu_published_offline.csv"


def published_offline(data_dir: Path, year: int | None = None) -> list[dict[str, Any]]:
    """ITU's published world figures of people online and offline (Facts and Figures)."""
    with (data_dir / PUBLISHED_FILE).open(newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    out = []
    for row in rows:
        if year is not None and int(row["year"]) != year:
            continue
        out.append(
            {
                "edition": row["edition"],
                "year": int(row["year"]),
                "online_bn": float(row["online_bn"]) if row["online_bn"] else None,
                "offline_bn": float(row["offline_bn"]) if row["offline_bn"] else None,
                "online_pct": float(row["online_pct"]) if row["online_pct"] else None,
                "source": row["source"],
                "url": row["url"],
            }
        )
    return out


def offline_report(result: OfflineResult, data_dir: Path) -> dict[str, Any]:
    """World total, regions, per-economy rows and ITU's published figures for the year."""
    regions = records(result.regions)
    world = next(r for r in regions if r["region"] == "World")
    published = published_offline(data_dir, result.year)
    for item in published:
        if item["offline_bn"] is not None:
            item["difference_bn"] = round(world["offline"] / 1e9 - item["offline_bn"], 3)
    return {
        "year": result.year,
        "model": result.model,
        "world": world,
        "regions": [r for r in regions if r["region"] != "World"],
        "published": published,
        "economies": records(result.economies),
        "method": (
            "population (World Bank WDI SP.POP.TOTL) x (100 - % of individuals using the "
            "Internet, ITU i99H) / 100; years without a value are interpolated or projected "
            "with the trajectory model (internet_basis says which)"
        ),
    }
