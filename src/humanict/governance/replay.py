"""Replay recorded election rounds (the format of data/governance/elections_results.csv).

One row per candidate and round, columns::

    conference,year,post,round,candidate,country,iso3,votes,ballots_cast,
    abstentions_or_blank,invalid,present_and_voting_reported,required_majority,elected,...

Real records are imperfect, and the replay reads them as they are (fields by
:mod:`humanict.governance.record_fields`): ``round`` is a number, a number with a remark
(``1 (assumed)``) or ``final``; a candidate's ``votes`` may be blank (not published). Each
round is decided again by ITU's rule (required majority floor(V/2) + 1 of the valid votes V,
:func:`humanict.governance.election_rules.required_majority`) and compared with the record.
V is the sum of the candidates' votes when all are recorded; otherwise it is derived from the
round's present-and-voting figure or from ballots cast less blank and invalid ballots, and the
row says which (``basis``). A round without any such figure, or whose figures contradict each
other, is listed with the reason and not decided: no round is dropped (docs/governance.md 3).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Collection
from dataclasses import dataclass, field

from humanict.errors import DataFileError, InvalidInputError
from humanict.governance import record_fields as fields
from humanict.governance.election_rules import official_round, regional_plurality, required_majority

REQUIRED_COLUMNS = ("conference", "year", "post", "round", "candidate", "votes", "elected")
BASIS_CANDIDATES = "candidate votes (all recorded)"
BASIS_PRESENT = "present and voting as recorded (blank and invalid ballots not computed)"
BASIS_BALLOTS = "ballots cast less blank and invalid ballots"


@dataclass
class RecordedRound:
    conference: str
    year: int
    post: str
    label: fields.RoundLabel
    votes: dict[str, int | None]
    iso3: dict[str, str]
    recorded_elected: list[str]
    recorded_majority: int | None = None
    ballots_cast: int | None = None
    blank: int | None = None
    invalid: int | None = None
    present_and_voting: int | None = None
    lines: list[int] = field(default_factory=list)

    @property
    def number(self) -> int | None:
        return self.label.number

    @property
    def recorded_votes(self) -> dict[str, int]:
        return {c: v for c, v in self.votes.items() if v is not None}

    @property
    def missing_votes(self) -> list[str]:
        return [c for c, v in self.votes.items() if v is None]


_ROUND_FIGURES = (
    ("recorded_majority", "required_majority"),
    ("ballots_cast", "ballots_cast"),
    ("blank", "abstentions_or_blank"),
    ("invalid", "invalid"),
    ("present_and_voting", "present_and_voting_reported"),
)


def read_rounds(
    text: str, *, source: str = "rounds", known_iso3: Collection[str] | None = None
) -> list[RecordedRound]:
    """Parse the rows into rounds, in file order of (conference, post) and round order
    (numbered rounds, then ``final``). With ``known_iso3`` an unknown code is refused."""
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
    header = reader.fieldnames or []
    for column in REQUIRED_COLUMNS:
        if column not in header:
            raise DataFileError(source, 1, column, "column missing from the header")
    rounds: dict[tuple[str, str, int | None], RecordedRound] = {}
    for line, row in enumerate(reader, start=2):
        if None in row:
            raise DataFileError(source, line, None, f"more fields than the {len(header)} columns")
        label = fields.round_label(source, line, row["round"])
        votes = fields.count(source, line, "votes", row["votes"])
        year = fields.year(source, line, "year", row["year"])
        if year is None:
            raise DataFileError(source, line, "year", "expected a year, got ''")
        flag = (row["elected"] or "").strip().upper()
        if flag not in ("Y", "N"):
            raise DataFileError(source, line, "elected", "expected Y or N")
        candidate = (row["candidate"] or "").strip()
        if not candidate:
            raise DataFileError(source, line, "candidate", "empty candidate name")
        code = fields.iso3(source, line, row.get("iso3"), known_iso3)
        key = ((row["conference"] or "").strip(), (row["post"] or "").strip(), label.number)
        rnd = rounds.get(key)
        if rnd is None:
            rnd = rounds[key] = RecordedRound(key[0], year, key[1], label, {}, {}, [])
        if candidate in rnd.votes:
            raise DataFileError(source, line, "candidate", f"{candidate!r} twice in one round")
        rnd.votes[candidate] = votes
        rnd.iso3[candidate] = code
        if flag == "Y":
            rnd.recorded_elected.append(candidate)
        for attr, column in _ROUND_FIGURES:
            value = fields.count(source, line, column, row.get(column))
            if value is not None:
                setattr(rnd, attr, value)
        rnd.lines.append(line)
    if not rounds:
        raise InvalidInputError(f"{source}: no rounds in the file")
    order: dict[tuple[str, str], int] = {}
    for conference, post, _ in rounds:
        order.setdefault((conference, post), len(order))
    return sorted(
        rounds.values(), key=lambda r: (order[(r.conference, r.post)], r.label.order)
    )


@dataclass(frozen=True)
class ValidVotes:
    """The valid votes V of a round and where they come from; ``reason`` when V is unknown."""

    valid: int | None
    basis: str | None
    reason: str | None = None


def valid_votes(rnd: RecordedRound) -> ValidVotes:
    """V from the candidates' votes when all are recorded; else from present and voting, else
    from ballots cast less blank and invalid ballots (those not recorded are taken as none,
    and the basis says so); else unknown, with the reason."""
    recorded = sum(rnd.recorded_votes.values())
    missing = rnd.missing_votes
    if not missing:
        return ValidVotes(recorded, BASIS_CANDIDATES)
    if rnd.present_and_voting is not None:
        valid, basis = rnd.present_and_voting, BASIS_PRESENT
    elif rnd.ballots_cast is not None:
        valid = rnd.ballots_cast - (rnd.blank or 0) - (rnd.invalid or 0)
        unrecorded = [n for n, v in (("blank", rnd.blank), ("invalid", rnd.invalid)) if v is None]
        basis = BASIS_BALLOTS + (
            f" ({' and '.join(unrecorded)} not recorded: taken as none)" if unrecorded else ""
        )
    else:
        return ValidVotes(
            None,
            None,
            f"votes of {_candidates(len(missing))} not recorded, and no present-and-voting or "
            "ballots-cast figure to derive the valid votes from",
        )
    if valid < recorded:
        return ValidVotes(
            None,
            basis,
            f"the recorded candidate votes ({recorded}) exceed the valid votes derived from "
            f"the record ({valid})",
        )
    return ValidVotes(valid, basis)


def _candidates(n: int) -> str:
    return f"{n} candidate{'s' if n != 1 else ''}"


def replay(rounds: list[RecordedRound]) -> list[dict[str, object]]:
    """Decide each round again and compare with the record (majority and who was elected).

    Every round gives a row: ``replayed`` False with a ``reason`` when it cannot be decided."""
    out = []
    previous: dict[tuple[str, str], RecordedRound] = {}
    for rnd in rounds:
        prior = previous.get((rnd.conference, rnd.post))
        previous[(rnd.conference, rnd.post)] = rnd
        consecutive = (
            prior is not None
            and rnd.number is not None
            and prior.number is not None
            and prior.number == rnd.number - 1
        )
        withdrawn = sorted(set(prior.votes) - set(rnd.votes)) if consecutive and prior else []
        new = sorted(set(rnd.votes) - set(prior.votes)) if prior is not None else []
        row: dict[str, object] = {
            "conference": rnd.conference,
            "year": rnd.year,
            "post": rnd.post,
            "round": rnd.label.text,
            "candidates": len(rnd.votes),
            "votes_not_recorded": ",".join(rnd.missing_votes) or None,
            "ballots_cast": rnd.ballots_cast,
            "present_and_voting": rnd.present_and_voting,
            "recorded_majority": rnd.recorded_majority,
            "recorded_elected": rnd.recorded_elected[0] if rnd.recorded_elected else None,
            "withdrawn_before_round": ",".join(withdrawn) or None,
            "new_in_round": ",".join(new) if prior is not None and new else None,
            "lines": ",".join(map(str, rnd.lines)),
        }
        out.append(row | _decide(rnd) | {"votes": rnd.votes})
    return out


def _decide(rnd: RecordedRound) -> dict[str, object]:
    """The replayed decision of one round, or the reason it cannot be replayed."""
    found = valid_votes(rnd)
    if found.valid is None:
        return {
            "replayed": False,
            "reason": found.reason,
            "basis": found.basis,
            "valid_votes": None,
            "required_majority": None,
            "majority_agrees": None,
            "elected": None,
            "elected_agrees": None,
            "outcome": "not replayed",
            "agrees": None,
        }
    recorded = rnd.recorded_votes
    majority = required_majority(found.valid)
    majority_agrees = None if rnd.recorded_majority is None else rnd.recorded_majority == majority
    base = {
        "basis": found.basis,
        "valid_votes": found.valid,
        "required_majority": majority,
        "majority_agrees": majority_agrees,
    }
    if not rnd.missing_votes:
        result = official_round(recorded, blank=rnd.blank or 0, invalid=rnd.invalid or 0)
        elected = result.elected
        outcome = _outcome(elected, result.status)
        implied = (
            rnd.ballots_cast - found.valid - (rnd.invalid or 0)
            if rnd.ballots_cast is not None
            else None
        )
        extra = {
            "leader": result.leaders[0] if result.leaders else None,
            "leader_votes": max(recorded.values()),
            "blank_implied": implied,
            "abstentions_exceed_half": result.abstentions_exceed_half,
        }
    else:
        unrecorded = found.valid - sum(recorded.values())
        leader = max(recorded, key=lambda c: (recorded[c], c)) if recorded else None
        extra = {
            "leader": leader,
            "leader_votes": recorded[leader] if leader else None,
            "votes_of_unrecorded_candidates": unrecorded,
        }
        if leader is not None and recorded[leader] >= majority:
            elected, outcome = leader, f"{leader} elected"
        elif unrecorded < majority:
            elected, outcome = None, _outcome(None, "another round")
        else:
            reason = (
                f"votes of {_candidates(len(rnd.missing_votes))} not recorded: together they "
                f"hold {unrecorded} votes, enough for the majority of {majority}, so who was "
                "elected cannot be decided"
            )
            return base | extra | {
                "replayed": False,
                "reason": reason,
                "elected": None,
                "elected_agrees": None,
                "outcome": "majority only",
                "agrees": None,
            }
    elected_agrees = rnd.recorded_elected == ([elected] if elected else [])
    return base | extra | {
        "replayed": True,
        "reason": None,
        "elected": elected,
        "elected_iso3": rnd.iso3.get(elected) if elected else None,
        "elected_agrees": elected_agrees,
        "outcome": outcome,
        "agrees": elected_agrees and majority_agrees is not False,
    }


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


def replay_regional(
    text: str, *, source: str = "regional results", known_iso3: Collection[str] | None = None
) -> list[dict[str, object]]:
    """Replay Council (or RRB) regional results in the format of council_2022.csv
    (conference, region, region_seats, country, iso3, elected Y/N, votes): where every
    candidate of a region has votes, fill the seats by plurality and compare with the record;
    other regions are listed with the reason."""
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
    for column in ("conference", "region", "region_seats", "iso3", "elected", "votes"):
        if column not in (reader.fieldnames or []):
            raise DataFileError(source, 1, column, "column missing from the header")
    groups: dict[tuple[str, str], _Region] = {}
    for line, row in enumerate(reader, start=2):
        seats = fields.count(source, line, "region_seats", row["region_seats"])
        if seats is None or seats < 1:
            raise DataFileError(source, line, "region_seats", "expected a number of seats")
        flag = (row["elected"] or "").strip().upper()
        if flag not in ("Y", "N"):
            raise DataFileError(source, line, "elected", "expected Y or N")
        votes = fields.count(source, line, "votes", row["votes"])
        key = ((row["conference"] or "").strip(), (row["region"] or "").strip())
        group = groups.setdefault(key, _Region(seats))
        code = fields.iso3(source, line, row["iso3"], known_iso3)
        if votes is not None:
            group.votes[code] = votes
        else:
            group.missing += 1
        if flag == "Y":
            group.elected.add(code)
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
            row_out |= {
                "status": "not replayed",
                "reason": f"votes of {_candidates(group.missing)} not recorded",
                "elected": None,
                "agrees": None,
            }
        else:
            result = regional_plurality(region, group.votes, group.seats)
            unelected = [v for c, v in group.votes.items() if c not in result.elected]
            row_out |= {
                "status": result.status,
                "reason": None,
                "elected": ",".join(sorted(result.elected)),
                "lowest_elected_votes": min(group.votes[c] for c in result.elected),
                "highest_unelected_votes": max(unelected, default=None),
                "agrees": set(result.elected) == group.elected,
            }
        out.append(row_out)
    return out
