"""Fields of real election and office records, read tolerantly but never guessed.

Records gathered from ITU pages and news reports carry remarks in numeric fields
(``1 (assumed)``, ``91 (derived: floor(180/2)+1)``), name a round ``final`` when its number was
not published, and leave a count blank when it was not published. These readers accept exactly
that and nothing looser: a number followed by a remark keeps the number and the remark, a blank
is "not recorded" (None), ``final`` is a round without a number. Anything else - a word instead
of a count, a negative count, an ISO3 code that names no economy - is refused with the file,
line and field (:class:`~humanict.errors.DataFileError`).
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass
from pathlib import Path

from humanict.errors import DataFileError

# A whole number, then nothing, a remark after a space, or a remark in parentheses.
_NUMBER = re.compile(r"\s*([+-]?\d+)(?:\s*\((?P<paren>.*)\)|\s+(?P<text>\S.*))?\s*$", re.DOTALL)
FINAL = "final"


@dataclass(frozen=True, slots=True)
class Remarked:
    """A number read from a field, with the remark written after it (empty when none)."""

    value: int
    remark: str = ""


def remarked_number(source: Path | str, line: int, field: str, text: str | None) -> Remarked | None:
    """``134``, ``134 (reported)`` or ``91 (derived: ...)`` -> the number and its remark;
    blank -> None (not recorded); a negative number or other text -> DataFileError."""
    text = (text or "").strip()
    if not text:
        return None
    match = _NUMBER.match(text)
    if match is None:
        raise DataFileError(source, line, field, f"expected a whole number, got {text!r}")
    value = int(match.group(1))
    if value < 0:
        raise DataFileError(source, line, field, f"a count cannot be negative, got {text!r}")
    remark = (match.group("paren") or match.group("text") or "").strip()
    return Remarked(value, remark)


def count(source: Path | str, line: int, field: str, text: str | None) -> int | None:
    """A count of votes, ballots or seats: the number of :func:`remarked_number`, or None."""
    number = remarked_number(source, line, field, text)
    return None if number is None else number.value


def year(source: Path | str, line: int, field: str, text: str | None) -> int | None:
    """A calendar year (``1965``, ``1965 (approx.)``); blank -> None."""
    number = remarked_number(source, line, field, text)
    if number is None:
        return None
    if not 1800 <= number.value <= 2200:
        raise DataFileError(source, line, field, f"expected a year, got {text!r}")
    return number.value


@dataclass(frozen=True, slots=True)
class RoundLabel:
    """A round as recorded: its number (None for ``final``), whether it was the final round,
    and the remark (``assumed`` in ``1 (assumed)``)."""

    number: int | None
    final: bool
    remark: str

    @property
    def text(self) -> str:
        label = FINAL if self.number is None else str(self.number)
        return f"{label} ({self.remark})" if self.remark else label

    @property
    def order(self) -> int:
        """Sort key within one election: numbered rounds in order, ``final`` after them."""
        return self.number if self.number is not None else 10**6


def round_label(source: Path | str, line: int, text: str | None) -> RoundLabel:
    """``3``, ``1 (assumed)``, ``final`` or ``final (3rd round)``; anything else is refused."""
    raw = (text or "").strip()
    head = raw.lower()
    if head == FINAL or head.startswith(FINAL + " ") or head.startswith(FINAL + "("):
        rest = raw[len(FINAL) :].strip()
        return RoundLabel(None, True, rest.removeprefix("(").removesuffix(")").strip())
    try:
        number = remarked_number(source, line, "round", raw)
    except DataFileError:
        number = None
    if number is None or number.value < 1:
        raise DataFileError(
            source, line, "round", f"expected a round number or 'final', got {raw!r}"
        )
    return RoundLabel(number.value, False, number.remark)


def iso3(source: Path | str, line: int, text: str | None, known: Collection[str] | None) -> str:
    """An ISO 3166-1 alpha-3 code, upper-cased; with ``known``, one of those codes.
    Blank stays blank (the record does not say)."""
    code = (text or "").strip().upper()
    if code and known is not None and code not in known:
        raise DataFileError(
            source,
            line,
            "iso3",
            f"unknown ISO3 code {code!r}; use a Member State's ISO 3166-1 alpha-3 code "
            "(`humanict members list` shows them)",
        )
    return code
