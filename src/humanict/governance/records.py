"""The governance record: ITU officials, Radio Regulations Board members and Council seats.

Read from ``data/governance`` (copied from the project's shared research snapshot, see
``data/SOURCES.md``). Every officials row keeps the source's ``verification`` flag
(verified / partial / UNVERIFIED) so that no figure hides how well it is sourced.
"""

from __future__ import annotations

import csv
from collections.abc import Collection
from dataclasses import asdict, dataclass
from functools import lru_cache
from pathlib import Path

from humanict.errors import DataFileError
from humanict.governance import record_fields as fields
from humanict.members import member_states

#: Post codes by the ``position`` text of officials.csv.
POST_BY_POSITION = {
    "Director of the Bureau (pre-1947 head of ITU)": "BUREAU",
    "Secretary-General": "SG",
    "Assistant Secretary-General": "ASG",
    "Deputy Secretary-General": "DSG",
    "Director CCIF": "CCIF",
    "Director CCIT": "CCIT",
    "Director CCITT": "CCITT",
    "Director CCIR": "CCIR",
    "Director BR": "BR",
    "Director TSB": "TSB",
    "Director BDT": "BDT",
}
POST_NAMES = {
    "BUREAU": "Director of the Bureau (before 1947)",
    "SG": "Secretary-General",
    "ASG": "Assistant Secretary-General",
    "DSG": "Deputy Secretary-General",
    "CCIF": "Director CCIF",
    "CCIT": "Director CCIT",
    "CCITT": "Director CCITT",
    "CCIR": "Director CCIR",
    "BR": "Director BR",
    "TSB": "Director TSB",
    "BDT": "Director BDT",
    "RRB": "Radio Regulations Board member",
}
#: The five posts the Constitution calls "elected officials" (CS No. 55, RULES.md section 1).
ELECTED_OFFICIAL_POSTS = ("SG", "DSG", "BR", "TSB", "BDT")
#: Predecessor posts: the CCIR Director became Director BR and the CCITT Director became
#: Director TSB on 1 March 1993 (officials.csv rows of Kirby and Irmer).
POST_LINEAGE = {"CCIR": "BR", "CCITT": "TSB"}
VERIFICATION_LEVELS = ("verified", "partial", "UNVERIFIED")


@dataclass(frozen=True, slots=True)
class Tenure:
    """One person in one post over whole calendar years; ``end`` None means in office."""

    post: str
    name: str
    country: str
    iso3: str
    start: int
    end: int | None
    elected_by: str
    verification: str
    source: str
    notes: str

    @property
    def elected_at_pp(self) -> bool:
        """True when the row says a Plenipotentiary Conference (PP) elected the holder."""
        text = self.elected_by
        return "PP" in text or "Plenipotentiary" in text

    def last_year(self, current_year: int) -> int:
        return self.end if self.end is not None else current_year

    def as_dict(self) -> dict[str, object]:
        return asdict(self) | {"post_name": POST_NAMES[self.post]}


@dataclass(frozen=True, slots=True)
class BoardSeat:
    """A Radio Regulations Board member for one term (e.g. 2023-2026), elected in a region."""

    term_start: int
    term_end: int
    conference: str
    region: str
    name: str
    country: str
    iso3: str
    votes: int | None
    source: str

    def as_dict(self) -> dict[str, object]:
        return asdict(self)


@dataclass(frozen=True, slots=True)
class CouncilSeat:
    """A Council candidacy at one conference: elected or not, with votes where recorded."""

    term_start: int
    term_end: int
    conference: str
    region: str
    region_seats: int
    country: str
    iso3: str
    elected: bool
    votes: int | None

    def as_dict(self) -> dict[str, object]:
        return asdict(self)


def _rows(path: Path, required: tuple[str, ...]) -> list[tuple[int, dict[str, str]]]:
    if not path.is_file():
        raise DataFileError(
            path, None, None, "file not found; the shipped data/governance is needed"
        )
    with path.open(newline="", encoding="utf-8") as fh:
        reader = csv.DictReader(fh)
        missing = [c for c in required if c not in (reader.fieldnames or [])]
        if missing:
            raise DataFileError(path, 1, missing[0], "column missing from the header")
        return [(line, row) for line, row in enumerate(reader, start=2)]


def _term(path: Path, line: int, text: str) -> tuple[int, int]:
    parts = text.strip().split("-")
    if len(parts) != 2 or not all(p.isdigit() for p in parts):
        raise DataFileError(path, line, "term", f"expected a term such as 2023-2026, got {text!r}")
    return int(parts[0]), int(parts[1])


def read_officials(path: Path, known_iso3: Collection[str] | None = None) -> tuple[Tenure, ...]:
    """officials.csv: one row per person and post (position, name, country, iso3, years...).

    Years may carry a remark (``1965 (approx.)``); a blank end year means in office."""
    required = ("position", "name", "country", "iso3", "start_year", "end_year", "verification")
    tenures = []
    for line, row in _rows(path, required):
        post = POST_BY_POSITION.get(row["position"].strip())
        if post is None:
            raise DataFileError(path, line, "position", f"unknown post {row['position']!r}")
        if row["verification"] not in VERIFICATION_LEVELS:
            raise DataFileError(
                path, line, "verification", f"expected one of {', '.join(VERIFICATION_LEVELS)}"
            )
        start = fields.year(path, line, "start_year", row["start_year"])
        if start is None:
            raise DataFileError(path, line, "start_year", "expected a year, got ''")
        end = fields.year(path, line, "end_year", row["end_year"])
        if end is not None and end < start:
            raise DataFileError(path, line, "end_year", f"ends ({end}) before it starts ({start})")
        tenures.append(
            Tenure(
                post=post,
                name=row["name"].strip(),
                country=row["country"].strip(),
                iso3=fields.iso3(path, line, row["iso3"], known_iso3),
                start=start,
                end=end,
                elected_by=row.get("elected_by", "").strip(),
                verification=row["verification"],
                source=row.get("source", "").strip(),
                notes=row.get("notes", "").strip(),
            )
        )
    return tuple(tenures)


def read_board(path: Path, known_iso3: Collection[str] | None = None) -> tuple[BoardSeat, ...]:
    """rrb_members.csv: term, conference, region, name, country, iso3, votes (blank: not
    recorded; a remark after the number is kept out of the count)."""
    seats = []
    for line, row in _rows(path, ("term", "conference", "region", "name", "iso3")):
        start, end = _term(path, line, row["term"])
        seats.append(
            BoardSeat(
                term_start=start,
                term_end=end,
                conference=row["conference"].strip(),
                region=row["region"].strip(),
                name=row["name"].strip(),
                country=row.get("country", "").strip(),
                iso3=fields.iso3(path, line, row["iso3"], known_iso3),
                votes=fields.count(path, line, "votes", row.get("votes")),
                source=row.get("source", "").strip(),
            )
        )
    return tuple(seats)


def read_council(path: Path, known_iso3: Collection[str] | None = None) -> tuple[CouncilSeat, ...]:
    """council_YYYY.csv: term, conference, region, region_seats, country, iso3, elected, votes
    (blank votes: not recorded)."""
    required = ("term", "conference", "region", "region_seats", "iso3", "elected")
    seats = []
    for line, row in _rows(path, required):
        start, end = _term(path, line, row["term"])
        if row["elected"].strip().upper() not in ("Y", "N"):
            raise DataFileError(path, line, "elected", "expected Y or N")
        region_seats = fields.count(path, line, "region_seats", row["region_seats"])
        if not region_seats:
            raise DataFileError(path, line, "region_seats", "expected a number of seats")
        seats.append(
            CouncilSeat(
                term_start=start,
                term_end=end,
                conference=row["conference"].strip(),
                region=row["region"].strip(),
                region_seats=region_seats,
                country=row.get("country", "").strip(),
                iso3=fields.iso3(path, line, row["iso3"], known_iso3),
                elected=row["elected"].strip().upper() == "Y",
                votes=fields.count(path, line, "votes", row.get("votes")),
            )
        )
    return tuple(seats)


@dataclass(frozen=True)
class Record:
    """Everything the governance package reads from ``data/governance``."""

    officials: tuple[Tenure, ...]
    board: tuple[BoardSeat, ...]
    council: tuple[CouncilSeat, ...]


@lru_cache(maxsize=4)
def load_record(data_dir: Path) -> Record:
    """The record of ``data_dir/governance``; every ISO3 code must be a Member State's."""
    folder = data_dir / "governance"
    known = frozenset(m.iso3 for m in member_states(data_dir))
    council: list[CouncilSeat] = []
    for path in sorted(folder.glob("council_*.csv")):
        council.extend(read_council(path, known))
    return Record(
        officials=read_officials(folder / "officials.csv", known),
        board=read_board(folder / "rrb_members.csv", known),
        council=tuple(council),
    )
