"""Replay recorded election rounds (the format of data/governance/elections_results.csv).

One row per candidate and round, columns::

    conference,year,post,round,candidate,country,iso3,votes,ballots_cast,
    abstentions_or_blank,invalid,present_and_voting_reported,required_majority,elected,...

``round`` may carry a note ("1 (assumed)"), ``required_majority`` too ("91 (derived: ...)"):
the leading number is used. ``elected`` is Y or N. Each round is decided again by
:func:`humanict.governance.election_rules.official_round` and compared with the record.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field

from humanict.errors import DataFileError, InvalidInputError
from humanict.governance.election_rules import official_round, regional_plurality

REQUIRED_COLUMNS = ("conference", "year", "post", "round", "candidate", "votes", "elected")
_LEADING_INT = re.compile(r"\s*(\d+)")


def _leading_int(text: str) -> int | None:
    match = _LEADING_INT.match(text or "")
    return int(match.group(1)) if match else None


@dataclass
class RecordedRound:
    conference: str
    year: int
    post: str
    number: int
    votes: dict[str, int]
    iso3: dict[str, str]
    recorded_elected: list[str]
    recorded_majority: int | None
    ballots_cast: int | None
    blank: int | None
    invalid: int | None
    lines: list[int]


def read_rounds(text: str, *, source: str = "rounds") -> list[RecordedRound]:
    """Parse the rows into rounds, in file order of (conference, post) and round number."""
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
    fields = reader.fieldnames or []
    for column in REQUIRED_COLUMNS:
        if column not in fields:
            raise DataFileError(source, 1, column, "column missing from the header")
    rounds: dict[tuple[str, str, int], RecordedRound] = {}
    for line, row in enumerate(reader, start=2):
        number = _leading_int(row["round"])
        if number is None or number < 1:
            raise DataFileError(
                source, line, "round", f"expected a round number, got {row['round']!r}"
            )
        votes_text = (row["votes"] or "").strip()
        if not votes_text.isdigit():
            raise DataFileError(
                source, line, "votes", f"expected a whole number, got {votes_text!r}"
            )
        year = _leading_int(row["year"])
        if year is None:
            raise DataFileError(source, line, "year", f"expected a year, got {row['year']!r}")
        flag = (row["elected"] or "").strip().upper()
        if flag not in ("Y", "N"):
            raise DataFileError(source, line, "elected", "expected Y or N")
        key = (row["conference"].strip(), row["post"].strip(), number)
        rnd = rounds.get(key)
        if rnd is None:
            rnd = rounds[key] = RecordedRound(
                key[0], year, key[1], number, {}, {}, [], None, None, None, None, []
            )
        candidate = row["candidate"].strip()
        if not candidate:
            raise DataFileError(source, line, "candidate", "empty candidate name")
        if candidate in rnd.votes:
            raise DataFileError(source, line, "candidate", f"{candidate!r} twice in one round")
        rnd.votes[candidate] = int(votes_text)
        rnd.iso3[candidate] = (row.get("iso3") or "").strip()
        if flag == "Y":
            rnd.recorded_elected.append(candidate)
        for attr, column in (
            ("recorded_majority", "required_majority"),
            ("ballots_cast", "ballots_cast"),
            ("blank", "abstentions_or_blank"),
            ("invalid", "invalid"),
        ):
            value = _leading_int(row.get(column) or "")
            if value is not None:
                setattr(rnd, attr, value)
        rnd.lines.append(line)
    if not rounds:
        raise InvalidInputError(f"{source}: no rounds in the file")
    order = {}
    for conference, post, _ in rounds:
        order.setdefault((conference, post), len(order))
    return sorted(rounds.values(), key=lambda r: (order[(r.conference, r.post)], r.number))


def replay(rounds: list[RecordedRound]) -> list[dict[str, object]]:
    """Decide each round again and compare with the record (majority and who was elected)."""
    out = []
    previous: dict[tuple[str, str], RecordedRound] = {}
    for rnd in rounds:
        result = official_round(rnd.votes, blank=rnd.blank or 0, invalid=rnd.invalid or 0)
        prior = previous.get((rnd.conference, rnd.post))
        withdrawn = (
            sorted(set(prior.votes) - set(rnd.votes))
            if prior is not None and prior.number == rnd.number - 1
            else []
        )
        new = sorted(set(rnd.votes) - set(prior.votes)) if prior is not None else []
        previous[(rnd.conference, rnd.post)] = rnd
        majority_agrees = (
            None
            if rnd.recorded_majority is None
            else rnd.recorded_majority == result.required_majority
        )
        elected_agrees = rnd.recorded_elected == ([result.elected] if result.elected else [])
        implied = (
            rnd.ballots_cast - result.valid - (rnd.invalid or 0)
            if rnd.ballots_cast is not None
            else None
        )
        out.append(
            {
                "conference": rnd.conference,
                "year": rnd.year,
                "post": rnd.post,
                "round": rnd.number,
                "candidates": len(rnd.votes),
                "valid_votes": result.valid,
                "ballots_cast": rnd.ballots_cast,
                "blank_implied": implied,
                "required_majority": result.required_majority,
                "recorded_majority": rnd.recorded_majority,
                "majority_agrees": majority_agrees,
                "leader": result.leaders[0] if result.leaders else None,
                "leader_votes": max(rnd.votes.values()),
                "elected": result.elected,
                "elected_iso3": rnd.iso3.get(result.elected) if result.elected else None,
                "recorded_elected": rnd.recorded_elected[0] if rnd.recorded_elected else None,
                "elected_agrees": elected_agrees,
                "outcome": _outcome(result.elected, result.status),
                "abstentions_exceed_half": result.abstentions_exceed_half,
                "withdrawn_before_round": ",".join(withdrawn) or None,
                "new_in_round": ",".join(new) if prior is not None and new else None,
                "agrees": elected_agrees and majority_agrees is not False,
                "votes": rnd.votes,
            }
        )
    return out


def _outcome(elected: str | None, status: str) -> str:
    if elected:
        return f"{elected} elected"
    return "another round needed" if status == "another round" else "tie: another round needed"


@dataclass
class _Region:
    seats: int
    votes: dict[str, int] = field(default_factory=dict)
    elected: set[str] = field(default_factory=set)
    missing: int = 0


def replay_regional(text: str, *, source: str = "regional results") -> list[dict[str, object]]:
    """Replay Council (or RRB) regional results in the format of council_2022.csv
    (conference, region, region_seats, country, iso3, elected Y/N, votes): where every
    candidate of a region has votes, fill the seats by plurality and compare with the record."""
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
    for column in ("conference", "region", "region_seats", "iso3", "elected", "votes"):
        if column not in (reader.fieldnames or []):
            raise DataFileError(source, 1, column, "column missing from the header")
    groups: dict[tuple[str, str], _Region] = {}
    for line, row in enumerate(reader, start=2):
        seats = _leading_int(row["region_seats"])
        if seats is None or seats < 1:
            raise DataFileError(source, line, "region_seats", "expected a number of seats")
        flag = (row["elected"] or "").strip().upper()
        if flag not in ("Y", "N"):
            raise DataFileError(source, line, "elected", "expected Y or N")
        votes_text = (row["votes"] or "").strip()
        if votes_text and not votes_text.isdigit():
            raise DataFileError(
                source, line, "votes", f"expected a whole number, got {votes_text!r}"
            )
        key = (row["conference"].strip(), row["region"].strip())
        group = groups.setdefault(key, _Region(seats))
        iso3 = row["iso3"].strip()
        if votes_text:
            group.votes[iso3] = int(votes_text)
        else:
            group.missing += 1
        if flag == "Y":
            group.elected.add(iso3)
    out = []
    for (conference, region), group in groups.items():
        row_out: dict[str, object] = {
            "conference": conference,
            "region": region,
            "seats": group.seats,
            "candidates": len(group.votes) + group.missing,
            "recorded_elected": ",".join(sorted(group.elected)),
        }
        if group.missing:
            row_out |= {"status": "votes incomplete: not replayed", "elected": None, "agrees": None}
        else:
            result = regional_plurality(region, group.votes, group.seats)
            unelected = [v for c, v in group.votes.items() if c not in result.elected]
            row_out |= {
                "status": result.status,
                "elected": ",".join(sorted(result.elected)),
                "lowest_elected_votes": min(group.votes[c] for c in result.elected),
                "highest_unelected_votes": max(unelected, default=None),
                "agrees": set(result.elected) == group.elected,
            }
        out.append(row_out)
    return out
