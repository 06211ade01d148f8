"""Two to five economies side by side on one warehouse indicator over time.

One value per economy and year: where several datasets carry the indicator for the same year,
the value of the latest vintage is kept (ties broken by dataset id), and its dataset, vintage,
source and flag travel with it.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable

import pandas as pd

from humanict.data import Warehouse
from humanict.errors import InvalidInputError

MIN_ECONOMIES = 2
MAX_ECONOMIES = 5
DEFAULT_INDICATOR = "IT_USE_ii99"

_SERIES_SQL = """
SELECT economy, year, value, unit, dataset, vintage, source, flag
FROM observations
WHERE indicator = ? AND economy IN ({marks})
QUALIFY row_number() OVER (PARTITION BY economy, year ORDER BY vintage DESC, dataset) = 1
ORDER BY economy, year
"""


def parse_economies(text: str | None) -> list[str]:
    """ISO3 codes from "KEN, nga,GHA": upper-cased, blanks and repeats dropped, order kept."""
    codes = [code.strip().upper() for code in (text or "").split(",")]
    return list(dict.fromkeys(code for code in codes if code))


def check_economies(codes: list[str], known: Iterable[str]) -> None:
    """Refuse fewer than two or more than five codes, or codes that name no economy."""
    if not MIN_ECONOMIES <= len(codes) <= MAX_ECONOMIES:
        raise InvalidInputError(
            f"compare takes {MIN_ECONOMIES} to {MAX_ECONOMIES} economies, got {len(codes)}"
            f"{' (' + ', '.join(codes) + ')' if codes else ''}; give ISO3 codes separated by "
            "commas, e.g. economies=KEN,NGA,GHA"
        )
    unknown = [code for code in codes if code not in set(known)]
    if unknown:
        raise InvalidInputError(
            f"unknown economy {', '.join(repr(c) for c in unknown)}; use ISO 3166-1 alpha-3 "
            "codes such as 'KEN' (GET /api/v1/members?all=true lists every economy)"
        )


def unknown_indicator_message(code: str, known: list[str]) -> str:
    """What to say about an indicator code the warehouse does not hold."""
    close = difflib.get_close_matches(code, known, n=3, cutoff=0.5)
    hint = f"did you mean {', '.join(close)}? " if close else ""
    return (
        f"unknown indicator {code!r}; {hint}GET /api/v1/indicators lists the "
        f"{len(known)} known codes"
    )


def check_indicator(warehouse: Warehouse, code: str) -> None:
    known = warehouse.query("SELECT code FROM indicators ORDER BY code")["code"].tolist()
    if code not in known:
        raise InvalidInputError(unknown_indicator_message(code, known))


def series(warehouse: Warehouse, indicator: str, economies: list[str]) -> pd.DataFrame:
    """The indicator's values for ``economies``: one row per economy and year (long format),
    columns economy, year, value, unit, dataset, vintage, source, flag."""
    marks = ", ".join("?" for _ in economies)
    return warehouse.query(_SERIES_SQL.format(marks=marks), [indicator, *economies])


def wide(frame: pd.DataFrame, economies: list[str]) -> pd.DataFrame:
    """Years as rows and ``economies`` as columns (NaN where an economy has no value)."""
    table = frame.pivot(index="year", columns="economy", values="value")
    return table.reindex(columns=economies).sort_index()
