"""From SDG targets to the ICT indicators that measure them, and to the warehouse codes.

Data: data/wsis/sdg_ict_indicators.csv (the SDG indicators on ICT, their target and
custodian, from the UN SDG metadata) and data/wsis/sdg_indicator_codes.csv (which series of
ITU DataHub or of the UN SDG Global Database measures each one, and how closely); sources in
data/wsis/SOURCES.md. Pure functions apart from the two loaders.
"""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from humanict.errors import DataFileError
from humanict.wsis.csvfile import read_rows

INDICATORS_FILE = Path("wsis") / "sdg_ict_indicators.csv"
CODES_FILE = Path("wsis") / "sdg_indicator_codes.csv"

# How a series measures its SDG indicator.
MATCHES = {
    "same": "the indicator itself",
    "total": "the indicator without the breakdown the SDG asks for",
    "component": "one technology of the indicator",
    "subset": "one part of a broader indicator",
}

_INDICATOR = re.compile(r"^([1-9]|1[0-7])\.([1-9][0-9]?|[a-z])\.([1-9])$")


def load_sdg_indicators(data_dir: Path) -> pd.DataFrame:
    """The SDG indicators on ICT: ``sdg_indicator, sdg_target, name, custodian, metadata_url``."""
    path = data_dir / INDICATORS_FILE
    columns = ("sdg_indicator", "sdg_target", "name", "custodian", "metadata_url")
    rows = []
    for n, row in read_rows(path, columns):
        match = _INDICATOR.match(row["sdg_indicator"])
        if match is None:
            raise DataFileError(path, n, "sdg_indicator", "expected an indicator such as 9.c.1")
        if row["sdg_indicator"].rsplit(".", 1)[0] != row["sdg_target"]:
            raise DataFileError(
                path,
                n,
                "sdg_target",
                f"{row['sdg_indicator']} is not an indicator of target {row['sdg_target']!r}",
            )
        if not row["name"]:
            raise DataFileError(path, n, "name", "empty")
        rows.append({c: row[c] for c in columns})
    return pd.DataFrame(rows, columns=list(columns))


def load_indicator_codes(data_dir: Path, indicators: pd.DataFrame) -> pd.DataFrame:
    """Series measuring each SDG indicator: ``sdg_indicator, code, database, match, note``."""
    path = data_dir / CODES_FILE
    columns = ("sdg_indicator", "code", "database", "match", "note")
    known = set(indicators["sdg_indicator"])
    rows = []
    for n, row in read_rows(path, columns):
        if row["sdg_indicator"] not in known:
            raise DataFileError(
                path,
                n,
                "sdg_indicator",
                f"{row['sdg_indicator']!r} is not listed in {INDICATORS_FILE}",
            )
        if not row["code"]:
            raise DataFileError(path, n, "code", "empty")
        if row["match"] not in MATCHES:
            raise DataFileError(path, n, "match", f"expected one of {', '.join(MATCHES)}")
        rows.append({c: row[c] for c in columns})
    return pd.DataFrame(rows, columns=list(columns))


def goal_of(target: str) -> int:
    return int(target.split(".", 1)[0])


def indicators_of_links(links: pd.DataFrame, indicators: pd.DataFrame) -> pd.DataFrame:
    """The SDG ICT indicators each link reaches: one row per (link, indicator).

    A target-level link reaches the indicators of its target (``via`` = 'target'); a
    goal-level link covers every target of the goal, so it reaches every indicator of the
    goal (``via`` = 'goal'). Columns: the link's ``line, goal, target, link_level, status,
    disputed`` and ``via, sdg_indicator, sdg_target, name, custodian``.
    """
    keep = ["line", "goal", "target", "link_level", "status", "disputed"]
    table = indicators.assign(goal=[goal_of(t) for t in indicators["sdg_target"]])
    by_target = links[links["link_level"] == "target"][keep].merge(
        table, left_on="target", right_on="sdg_target", suffixes=("", "_i")
    )
    by_target["via"] = "target"
    by_goal = links[links["link_level"] == "goal"][keep].merge(table, on="goal")
    by_goal["via"] = "goal"
    out = pd.concat([by_target, by_goal], ignore_index=True)
    columns = [*keep, "via", "sdg_indicator", "sdg_target", "name", "custodian"]
    return out.reindex(columns=columns)


def codes_of_indicators(reached: pd.DataFrame, codes: pd.DataFrame) -> pd.DataFrame:
    """Add the series measuring each reached indicator: one row per (link, indicator, code)."""
    return reached.merge(codes, on="sdg_indicator", how="left")


def summarise_links(
    links: pd.DataFrame, reached: pd.DataFrame, goals: dict[int, str]
) -> pd.DataFrame:
    """One row per link with its goal name, the SDG ICT indicators it reaches and the
    warehouse codes measuring them (';'-joined; ``reached`` needs the ``in_warehouse`` column
    of humanict.wsis.code_coverage)."""
    out = links.copy()
    out.insert(out.columns.get_loc("goal") + 1, "goal_name", out["goal"].map(goals))
    key = ["line", "goal", "target", "link_level"]
    joined = {}
    held = {}
    for values, group in reached.groupby(key, dropna=False, sort=False):
        k = tuple(None if pd.isna(v) else v for v in values)
        joined[k] = ";".join(dict.fromkeys(group["sdg_indicator"]))
        inside = group[group["in_warehouse"].fillna(False).astype(bool)]
        held[k] = ";".join(dict.fromkeys(inside["code"]))
    keys = [
        tuple(None if pd.isna(v) else v for v in row)
        for row in out[key].itertuples(index=False, name=None)
    ]
    out["sdg_indicators"] = [joined.get(k, "") for k in keys]
    out["warehouse_codes"] = [held.get(k, "") for k in keys]
    return out
