"""The hash-chained public bulletin board: each entry hashes its height, the previous entry's
hash, its kind and its canonical payload (SHA-256), so changing, dropping or reordering any entry
changes every later hash."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from humanict.errors import DataFileError
from humanict.governance.ballot.hashing import canonical_json, sha256_hex

GENESIS = "0" * 64
KINDS = ("election", "open", "ballot", "close", "share", "result")


@dataclass(frozen=True, slots=True)
class Entry:
    height: int
    prev: str
    kind: str
    payload: str  # canonical JSON, hashed as stored
    hash: str

    def as_dict(self) -> dict[str, Any]:
        return {
            "height": self.height,
            "prev": self.prev,
            "kind": self.kind,
            "payload": json.loads(self.payload),
            "hash": self.hash,
        }


def entry_hash(height: int, prev: str, kind: str, payload: str) -> str:
    return sha256_hex(f"{height}|{prev}|{kind}|{payload}")


def make_entry(height: int, prev: str, kind: str, payload: dict[str, Any] | str) -> Entry:
    """The entry at ``height`` after ``prev``; ``payload`` is a value or its canonical JSON."""
    text = payload if isinstance(payload, str) else canonical_json(payload)
    return Entry(height, prev, kind, text, entry_hash(height, prev, kind, text))


def write_board(entries: list[Entry], path: Path) -> None:
    """Export a board as JSON lines, one entry per line, payload as stored text."""
    with path.open("w", encoding="utf-8") as fh:
        for e in entries:
            fh.write(
                canonical_json(
                    {
                        "height": e.height,
                        "prev": e.prev,
                        "kind": e.kind,
                        "payload": e.payload,
                        "hash": e.hash,
                    }
                )
                + "\n"
            )


def read_board(path: Path) -> list[Entry]:
    """Read an exported board; structure only (hashes are checked by the verifier)."""
    entries = []
    with path.open(encoding="utf-8") as fh:
        for line_no, line in enumerate(fh, start=1):
            try:
                row = json.loads(line)
                entries.append(
                    Entry(
                        int(row["height"]),
                        str(row["prev"]),
                        str(row["kind"]),
                        str(row["payload"]),
                        str(row["hash"]),
                    )
                )
            except (ValueError, KeyError, TypeError) as err:
                raise DataFileError(path, line_no, None, f"not a board entry: {err}") from err
    return entries
