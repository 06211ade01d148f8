"""The WSIS-SDG Matrix: WSIS action lines C1-C11 (C7 in eight sub-lines) linked to SDGs.

Source: data/ict/wsis_sdg_matrix.csv (data/ict/SOURCES.md section 15), a transcription of the
ITU / UN Action Line Facilitators' matrix "Linking WSIS Action Lines with Sustainable
Development Goals". One row per (action line, SDG goal, target); a link without a target is a
goal-level link. The source's flags on disputed links are kept and classified (``status``).
"""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from humanict.errors import DataFileError, InvalidInputError, NotFoundError
from humanict.wsis.csvfile import read_rows

MATRIX_FILE = Path("ict") / "wsis_sdg_matrix.csv"
GOALS_FILE = Path("wsis") / "sdg_goals.csv"

CONFIRMED = "confirmed"
GOAL_FROM_TARGET = "goal_from_target"
NOT_IN_REVERSE_INDEX = "not_in_reverse_index"
REVERSE_INDEX_ONLY = "reverse_index_only"
PROBABLE_ERROR = "probable_error"
DISPUTED = frozenset({NOT_IN_REVERSE_INDEX, REVERSE_INDEX_ONLY, PROBABLE_ERROR})

# How each flag of the source reads (start of the flag text) -> status of the link.
FLAG_STATUS = (
    ("target list filed under another SDG record", GOAL_FROM_TARGET),
    ("not confirmed by reverse", NOT_IN_REVERSE_INDEX),
    ("only in reverse", REVERSE_INDEX_ONLY),
    ("probable transcription error", PROBABLE_ERROR),
)

_LINE = re.compile(r"^C([1-9]|1[01])$")
_TARGET = re.compile(r"^([1-9]|1[0-7])\.([1-9][0-9]?|[a-z])$")
_COLUMNS = (
    "action_line",
    "action_line_sub",
    "action_line_name",
    "sdg_goal",
    "sdg_target",
    "link_level",
    "listed_in_reverse_index",
    "flag",
    "rationale",
)


def status_of_flag(flag: str) -> str | None:
    """The status of a link from the source's flag ('' is confirmed); None if unknown."""
    if not flag:
        return CONFIRMED
    for start, status in FLAG_STATUS:
        if flag.startswith(start):
            return status
    return None


def line_id(action_line: str, sub_line: str) -> str:
    """The id of an action line or sub-line: 'C5', or 'C7.e-health' for a C7 sub-line."""
    return f"{action_line}.{sub_line}" if sub_line else action_line


def _check_row(path: Path, line: int, row: dict[str, str]) -> dict[str, object]:
    def fail(field: str, problem: str) -> DataFileError:
        return DataFileError(path, line, field, problem)

    action = row["action_line"].strip()
    if not _LINE.match(action):
        raise fail("action_line", f"{action!r} is not an action line C1-C11")
    sub = row["action_line_sub"].strip()
    if (action == "C7") != bool(sub):
        raise fail("action_line_sub", "C7 rows need a sub-line (e.g. e-health), other rows none")
    try:
        goal = int(row["sdg_goal"])
    except ValueError:
        raise fail("sdg_goal", f"{row['sdg_goal']!r} is not a goal number 1-17") from None
    if not 1 <= goal <= 17:
        raise fail("sdg_goal", f"{goal} is not a goal number 1-17")
    target = row["sdg_target"].strip()
    level = row["link_level"].strip()
    if target:
        match = _TARGET.match(target)
        if match is None or int(match.group(1)) != goal:
            raise fail("sdg_target", f"{target!r} is not a target of SDG {goal} (e.g. {goal}.1)")
    if level != ("target" if target else "goal"):
        raise fail("link_level", f"{level!r} does not fit target {target!r} (target or goal)")
    reverse = row["listed_in_reverse_index"].strip()
    if reverse not in ("yes", "no"):
        raise fail("listed_in_reverse_index", f"{reverse!r} is not yes or no")
    flag = row["flag"].strip()
    status = status_of_flag(flag)
    if status is None:
        raise fail("flag", f"unknown flag {flag!r}; add it to FLAG_STATUS in humanict.wsis")
    return {
        "line": line_id(action, sub),
        "action_line": action,
        "sub_line": sub or None,
        "line_name": row["action_line_name"].strip(),
        "goal": goal,
        "target": target or None,
        "link_level": level,
        "status": status,
        "disputed": status in DISPUTED,
        "listed_in_reverse_index": reverse == "yes",
        "flag": flag,
        "rationale": row["rationale"].strip(),
    }


def load_matrix(data_dir: Path) -> pd.DataFrame:
    """Every link of the matrix, checked, in source order.

    Columns: ``line, action_line, sub_line, line_name, goal, target, link_level, status,
    disputed, listed_in_reverse_index, flag, rationale``. Raises DataFileError naming the line
    and field at fault.
    """
    path = data_dir / MATRIX_FILE
    rows = [_check_row(path, n, row) for n, row in read_rows(path, _COLUMNS)]
    if not rows:
        raise DataFileError(path, None, None, "no links in the file")
    return pd.DataFrame(rows)


def load_goals(data_dir: Path) -> dict[int, str]:
    """SDG goal number -> short name (data/wsis/sdg_goals.csv)."""
    path = data_dir / GOALS_FILE
    goals: dict[int, str] = {}
    for n, row in read_rows(path, ("goal", "name")):
        try:
            goals[int(row["goal"])] = row["name"]
        except ValueError:
            raise DataFileError(path, n, "goal", "expected a goal number 1-17") from None
    if sorted(goals) != list(range(1, 18)):
        raise DataFileError(path, None, "goal", "expected the 17 goals, each once")
    return goals


def action_lines(links: pd.DataFrame) -> pd.DataFrame:
    """One row per action line or C7 sub-line: its SDG goals and targets and link counts.

    Columns: ``line, action_line, sub_line, name, goals (';'-joined), targets (';'-joined),
    links, disputed``. Goals and targets count every link, disputed ones included.
    """
    rows = []
    for line, group in links.groupby("line", sort=False):
        first = group.iloc[0]
        targets = [t for t in group["target"] if isinstance(t, str)]
        rows.append(
            {
                "line": line,
                "action_line": first["action_line"],
                "sub_line": first["sub_line"],
                "name": first["line_name"],
                "goals": ";".join(str(g) for g in sorted(set(group["goal"]))),
                "targets": ";".join(sorted(set(targets), key=target_key)),
                "links": len(group),
                "disputed": int(group["disputed"].sum()),
            }
        )
    frame = pd.DataFrame(rows)
    # C1..C11 by number; C7's sub-lines in the source's order (e-government first).
    number = frame["action_line"].str[1:].astype(int)
    return frame.iloc[number.argsort(kind="stable")].reset_index(drop=True)


def target_key(target: str) -> tuple[int, int, str]:
    """Sort key of an SDG target: numbered targets (9.1) before lettered ones (9.a)."""
    goal, _, part = target.partition(".")
    return (int(goal), 0, f"{int(part):03d}") if part.isdigit() else (int(goal), 1, part)


def resolve_line(links: pd.DataFrame, query: str) -> list[str]:
    """The line ids a query names: 'C7' (all its sub-lines), 'C7.e-health', 'e-health', 'c5'."""
    text = query.strip()
    known = list(dict.fromkeys(links["line"]))
    by_lower = {k.lower(): k for k in known}
    if text.lower() in by_lower:
        return [by_lower[text.lower()]]
    subs = [k for k in known if k.lower().endswith("." + text.lower())]
    if subs:
        return subs
    prefix = [k for k in known if k.lower().startswith(text.lower() + ".")]
    if prefix:
        return prefix
    raise NotFoundError(
        f"unknown action line {query!r}; choose one of C1-C11 or a C7 sub-line such as "
        "C7.e-health (`humanict wsis lines` lists them)"
    )


def links_of(links: pd.DataFrame, query: str, *, confirmed_only: bool = False) -> pd.DataFrame:
    """The links of an action line (all sub-lines of C7 for 'C7'), disputed ones optional."""
    lines = resolve_line(links, query)
    out = links[links["line"].isin(lines)]
    if confirmed_only:
        out = out[~out["disputed"]]
    return out.reset_index(drop=True)


def parse_sdg(sdg: str) -> tuple[int, str | None]:
    """'9' -> (9, None); '9.c' -> (9, '9.c'); anything else is an InvalidInputError."""
    text = sdg.strip().lower()
    if text.isdigit() and 1 <= int(text) <= 17:
        return int(text), None
    match = _TARGET.match(text)
    if match is None:
        raise InvalidInputError(
            f"{sdg!r} is neither an SDG goal (1-17) nor a target such as 9.c or 17.8"
        )
    return int(match.group(1)), text


def links_to_sdg(links: pd.DataFrame, sdg: str) -> pd.DataFrame:
    """Links to an SDG goal ('9': every link to goal 9) or target ('9.c': the links to 9.c and
    the goal-level links to goal 9, which cover every target of the goal)."""
    goal, target = parse_sdg(sdg)
    same_goal = links["goal"] == goal
    if target is None:
        return links[same_goal].reset_index(drop=True)
    chosen = same_goal & ((links["target"] == target) | (links["link_level"] == "goal"))
    return links[chosen].reset_index(drop=True)
