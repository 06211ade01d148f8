"""Render listings as a table, JSON or CSV (the ``--format`` option of every listing command)."""

from __future__ import annotations

import io
import json
import math
from collections.abc import Sequence
from enum import StrEnum
from typing import Any

import pandas as pd


class Format(StrEnum):
    table = "table"
    json = "json"
    csv = "csv"


def _clean(value: Any) -> Any:
    if isinstance(value, float) and math.isnan(value):
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
    view = frame[list(columns)] if columns else frame
    return view.to_string(index=False, float_format=lambda x: f"{x:.{float_digits}f}", na_rep="")
