"""The time-stamped signal corpus: patents, the bodies' own drafts and study items, user papers.

Every signal has ``id``, ``date`` (ISO, ``YYYY``/``YYYY-MM``/``YYYY-MM-DD``), ``year``, ``title``,
``text`` (what the topic model reads: title and abstract), ``source`` (who produced it, e.g.
``USPTO``, ``3GPP``, or the ``source`` field of an imported paper) and ``kind``.

Papers format (CSV with a header row, or JSON Lines with one object per line):

====== ======== ===========================================================
field  required  meaning
====== ======== ===========================================================
id     yes       unique within the file
date   yes       ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``
title  yes*      title of the paper
abstract yes*    abstract; at least one of title and abstract must be non-empty
source no        venue or database (``arXiv``, ``IEEE Xplore``...); default ``papers``
====== ======== ===========================================================
"""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path

import pandas as pd

from humanict.errors import DataFileError, NotFoundError

SIGNAL_COLUMNS = ["id", "date", "year", "title", "text", "source", "kind"]
PAPER_FIELDS = ["id", "date", "title", "abstract", "source"]

# CPC classes of information and communication technology kept from the patent sample:
# H04 electric communication, G06 computing, H01Q antennas, H03 electronic circuitry,
# G08 signalling, G09 (G09C ciphering), H01P waveguides.
ICT_CPC_PREFIXES = ("H04", "G06", "H01Q", "H03", "G08", "G09C", "H01P")

_DATE = re.compile(r"^(\d{4})(?:-(0[1-9]|1[0-2])(?:-(0[1-9]|[12]\d|3[01]))?)?$")


def read_patents(path: Path, ict_only: bool = True) -> pd.DataFrame:
    """The USPTO random sample as signals; ``ict_only`` keeps the ICT CPC classes above."""
    if not Path(path).is_file():
        raise NotFoundError(f"no patent file {path}")
    raw = pd.read_csv(path, dtype=str, keep_default_na=False)
    for column in ("patent_id", "abstract", "classifications_cpc", "publication_date"):
        if column not in raw.columns:
            raise DataFileError(path, 1, column, "missing column in the header row")
    if ict_only:
        codes = raw["classifications_cpc"].str.findall(r"[A-H]\d\d[A-Z]")
        keep = codes.map(lambda cs: any(c.startswith(ICT_CPC_PREFIXES) for c in cs))
        raw = raw[keep]
    return pd.DataFrame(
        {
            "id": raw["patent_id"],
            "date": raw["publication_date"].str[:10],
            "year": pd.to_numeric(raw["publication_date"].str[:4], errors="coerce"),
            "title": "",
            "text": raw["abstract"],
            "source": "USPTO",
            "kind": "patent",
        }
    ).reset_index(drop=True)


# IEEE drafts count as ICT signals only from these societies and committees (the others are
# power, industry, medical and nuclear engineering).
IEEE_ICT_COMMITTEES = (
    r"Communication|Computer|LAN/MAN|Broadcast|Vehicular|Antenna|Microwave|Signal Processing|"
    r"Consumer|Electromagnetic|Information|Software|Intelligent Transportation|Sensor|Photonics|"
    r"Blockchain|Quantum|Internet"
)


def catalogue_signals(catalogue: pd.DataFrame) -> pd.DataFrame:
    """The non-normative, dated catalogue items (study items, reports, drafts, notes, RFCs)."""
    items = catalogue[~catalogue["normative"].astype(bool) & catalogue["year"].notna()]
    items = items[~items["kind"].isin(["handbook", "resolution", "question", "supplement"])]
    ieee = items["body"] == "IEEE"
    ict = items["group"].fillna("").str.contains(IEEE_ICT_COMMITTEES, regex=True)
    items = items[~ieee | ict]
    abstract = items["abstract"].fillna("")
    return pd.DataFrame(
        {
            "id": items["identifier"],
            "date": items["date"],
            "year": items["year"].astype(int),
            "title": items["title"],
            "text": (items["title"] + ". " + abstract).str.strip(),
            "source": items["body"],
            "kind": items["kind"].astype(str),
        }
    ).reset_index(drop=True)


def _rows(path: Path) -> list[tuple[int, dict[str, object]]]:
    """(line number, record) pairs of a CSV (header on line 1) or JSON Lines file."""
    if path.suffix.lower() in {".jsonl", ".ndjson", ".json"}:
        rows = []
        with path.open(encoding="utf-8") as handle:
            for number, line in enumerate(handle, start=1):
                if not line.strip():
                    continue
                try:
                    record = json.loads(line)
                except json.JSONDecodeError as err:
                    raise DataFileError(path, number, None, f"not valid JSON ({err.msg})") from err
                if not isinstance(record, dict):
                    raise DataFileError(path, number, None, "each line must be a JSON object")
                rows.append((number, record))
        return rows
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        header = reader.fieldnames or []
        for field in ("id", "date"):
            if field not in header:
                raise DataFileError(path, 1, field, "missing column in the header row")
        if "title" not in header and "abstract" not in header:
            raise DataFileError(path, 1, "title", "need a title or an abstract column")
        return [(number, dict(row)) for number, row in enumerate(reader, start=2)]


def read_papers(path: Path) -> pd.DataFrame:
    """Validate a user file of papers and return it as signals (see the module docstring)."""
    path = Path(path)
    if not path.is_file():
        raise NotFoundError(f"no papers file {path}: give a CSV or JSON Lines file")
    records = []
    seen: dict[str, int] = {}
    for number, row in _rows(path):
        ident = str(row.get("id") or "").strip()
        if not ident:
            raise DataFileError(path, number, "id", "empty id; every paper needs one")
        if ident in seen:
            raise DataFileError(
                path, number, "id", f"duplicate id {ident!r} (first on line {seen[ident]})"
            )
        seen[ident] = number
        date = str(row.get("date") or "").strip()
        match = _DATE.match(date)
        if not match:
            raise DataFileError(
                path, number, "date", f"{date!r} is not a date: write YYYY, YYYY-MM or YYYY-MM-DD"
            )
        title = str(row.get("title") or "").strip()
        abstract = str(row.get("abstract") or "").strip()
        if not title and not abstract:
            raise DataFileError(path, number, "title", "both title and abstract are empty")
        source = str(row.get("source") or "").strip() or "papers"
        records.append(
            {
                "id": ident,
                "date": date,
                "year": int(match.group(1)),
                "title": title,
                "text": f"{title}. {abstract}".strip(". ").strip(),
                "source": source,
                "kind": "paper",
            }
        )
    if not records:
        raise DataFileError(path, None, None, "no papers in the file")
    return pd.DataFrame(records, columns=SIGNAL_COLUMNS)


def combine(*frames: pd.DataFrame) -> pd.DataFrame:
    """All signal frames as one, with an integer year and no duplicate ids."""
    signals = pd.concat([f[SIGNAL_COLUMNS] for f in frames if len(f)], ignore_index=True)
    signals = signals[signals["year"].notna()].copy()
    signals["year"] = signals["year"].astype(int)
    signals = signals.drop_duplicates(subset=["id"], keep="last")
    return signals.sort_values(["year", "id"], kind="stable").reset_index(drop=True)
