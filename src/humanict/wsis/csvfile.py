"""Read the small CSV files of the WSIS view, with file and line in every error."""

from __future__ import annotations

import csv
from collections.abc import Sequence
from pathlib import Path

from humanict.errors import DataFileError


def read_rows(path: Path, columns: Sequence[str]) -> list[tuple[int, dict[str, str]]]:
    """(1-based line number, row with stripped values) for every data row of ``path``.

    Raises DataFileError when the file is missing or lacks one of ``columns``.
    """
    if not path.is_file():
        raise DataFileError(path, None, None, "file not found; it ships in data/ (see SOURCES.md)")
    with path.open(newline="", encoding="utf-8") as fh:
        reader = csv.DictReader(fh)
        missing = [c for c in columns if c not in (reader.fieldnames or [])]
        if missing:
            raise DataFileError(path, 1, missing[0], f"missing column(s) {', '.join(missing)}")
        return [
            (n, {k: (v or "").strip() for k, v in row.items()})
            for n, row in enumerate(reader, start=2)
        ]
