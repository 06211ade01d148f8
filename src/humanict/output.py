"""Render listings as a table, JSON or CSV (the ``--format`` option of every listing command)."""

from __future__ import annotations

import io
import json
import math
import numbers
from collections.abc import Mapping, Sequence
from enum import StrEnum
from typing import Any

import pandas as pd


class Format(StrEnum):
    table = "table"
    json = "json"
    csv = "csv"


def frame_of(rows: Sequence[Mapping[str, Any]]) -> pd.DataFrame:
    """A frame of records in which a field holding only whole numbers (and missing values)
    stays whole: pandas would store ``[172, None]`` as ``[172.0, nan]`` and print ``172.00``;
    here it is a nullable integer column (``Int64``), so counts print as ``172`` in every
    format and missing ones as blanks. A field of yes/no answers with some missing (a round
    that could not be decided) becomes a nullable boolean column in the same way."""
    frame = pd.DataFrame(list(rows))
    for column in frame.columns:
        present = [row[column] for row in rows if row.get(column) is not None]
        if not present or not frame[column].isna().any():
            continue
        if all(isinstance(v, bool) for v in present):
            frame[column] = frame[column].astype("boolean")
        elif all(isinstance(v, numbers.Integral) and not isinstance(v, bool) for v in present):
            frame[column] = frame[column].astype("Int64")
    return frame


def _clean(value: Any) -> Any:
    if value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        return None
    if hasattr(value, "item"):  # numpy scalars
        return _clean(value.item())
    return value


def records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    """JSON-ready records: NaN becomes null, numpy scalars become Python numbers."""
    return [{k: _clean(v) for k, v in row.items()} for row in frame.to_dict(orient="records")]


def render(
    frame: pd.DataFrame, fmt: Format, *, float_digits: int = 2, columns: Sequence[str] | None = None
) -> str:
    """Render a frame; ``columns`` limits the table view (JSON and CSV keep every column)."""
    if fmt is Format.json:
        return json.dumps(records(frame), indent=2, ensure_ascii=False)
    if fmt is Format.csv:
        buffer = io.StringIO()
        frame.to_csv(buffer, index=False, float_format=f"%.{max(float_digits, 4)}f")
        return buffer.getvalue().rstrip("\n")
    view = _blank_missing(frame[list(columns)] if columns else frame)
    return view.to_string(index=False, float_format=lambda x: f"{x:.{float_digits}f}", na_rep="")


def _blank_missing(frame: pd.DataFrame) -> pd.DataFrame:
    """Nullable integer and boolean columns as text, missing values blank as in float columns
    (pandas prints ``<NA>`` there whatever ``na_rep`` says)."""
    nullable = [
        c for c in frame.columns if isinstance(frame[c].dtype, pd.Int64Dtype | pd.BooleanDtype)
    ]
    if not nullable:
        return frame
    return frame.assign(**{c: ["" if v is pd.NA else str(v) for v in frame[c]] for c in nullable})
