"""Check a slate of candidates against a rule set, and replay history under a rule set.

Slate CSV (docs/governance.md): a header row, then one candidacy per row.

==========  ========  ===========================================================
column      required  meaning
==========  ========  ===========================================================
name        yes       the candidate's name as the record spells it (matching ignores
                      case, accents and punctuation)
iso3        yes       ISO 3166-1 alpha-3 code of the proposing Member State
post        yes       SG, DSG, BR, TSB, BDT or RRB
incumbent   no        yes / no; left empty, the record decides (in an elected post
                      in the year the reform takes effect)
==========  ========  ===========================================================
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from dataclasses import dataclass

from humanict.errors import DataFileError, InvalidInputError
from humanict.governance.records import Record
from humanict.governance.term_limits import (
    SLATE_POSTS,
    TERM_STARTS,
    Candidate,
    Context,
    History,
    RuleSet,
    merged_stints,
    term_starts_within,
)

_YES = {"yes": True, "y": True, "true": True, "1": True}
_NO = {"no": False, "n": False, "false": False, "0": False, "": None}


def read_slate(
    text: str, *, source: str = "slate", member_iso3: Iterable[str] = ()
) -> list[Candidate]:
    """Parse a slate CSV (see the module docstring); errors name the line and the field."""
    members = set(member_iso3)
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
    header = [h.strip().lower() for h in (reader.fieldnames or [])]
    for column in ("name", "iso3", "post"):
        if column not in header:
            raise DataFileError(
                source, 1, column, "column missing; the header must have name,iso3,post"
            )
    slate = []
    for line, raw in enumerate(reader, start=2):
        row = {k.strip().lower(): (v or "").strip() for k, v in raw.items() if k}
        if not any(row.values()):
            continue
        name, iso3, post = row["name"], row["iso3"].upper(), row["post"].upper()
        if not name:
            raise DataFileError(source, line, "name", "empty name")
        if members and iso3 not in members:
            raise DataFileError(
                source, line, "iso3", f"{iso3!r} is not an ITU Member State's ISO3 code"
            )
        if post not in SLATE_POSTS:
            raise DataFileError(
                source, line, "post", f"unknown post {post!r}; use one of {', '.join(SLATE_POSTS)}"
            )
        flag = row.get("incumbent", "").lower()
        if flag not in _YES and flag not in _NO:
            raise DataFileError(source, line, "incumbent", "expected yes, no or empty")
        slate.append(Candidate(name, iso3, post, _YES.get(flag, _NO.get(flag)), line))
    if not slate:
        raise InvalidInputError(f"{source}: the slate has no candidates")
    return slate


def check_slate(
    slate: list[Candidate], record: Record, rules: RuleSet, context: Context
) -> list[dict[str, object]]:
    history = History.from_record(record, current_year=context.election_year)
    return [v.as_dict() for v in rules.evaluate(slate, history, context)]


#: The Plenipotentiary Conference whose elections start each term (term start -> PP year).
PP_YEAR_OF_TERM = {1960: 1959, 1966: 1965, 1974: 1973, 1983: 1982, 1989: 1989} | {
    y: y - 1 for y in range(1995, 2031, 4)
}


@dataclass(frozen=True)
class Runner:
    name: str
    iso3: str
    votes: int


def counterfactual(
    record: Record,
    rules: RuleSet,
    *,
    since: int = 1995,
    runners_up: dict[tuple[int, str], Runner] | None = None,
    represented_before: set[str] | None = None,
    current_year: int = 2026,
) -> dict[str, object]:
    """Apply ``rules`` (adopted at ``since``) to every term that began in or after ``since``.

    Returns the terms that could not have been served, the countries that lose those terms,
    and, where the recorded election results name a runner-up for that post at that
    conference, the runner-up's country (who would have had a turn if the holder had not
    stood). ``represented_before`` (ISO3 codes) marks runners-up whose country never held an
    elected post.
    """
    runners_up = runners_up or {}
    history = History.from_record(record, current_year=current_year)
    # every (term start, person, post) served, officials after lineage and RRB members
    served: dict[int, list[Candidate]] = {}
    flags: dict[str, str] = {}
    for m in merged_stints(record.officials, current_year=current_year):
        flags[m.name] = m.verification
        for y in term_starts_within(m.start, m.end):
            if y >= since:
                served.setdefault(_term_of(y), []).append(Candidate(m.name, m.iso3, m.post))
    for s in record.board:  # surname-only rows count for nationality, not for terms
        if s.term_start >= since:
            served.setdefault(_term_of(s.term_start), []).append(Candidate(s.name, s.iso3, "RRB"))
    blocked = []
    for term in sorted(served):
        slate = served[term]
        context = Context(election_year=term - 1, adopted_year=since)
        for verdict in rules.evaluate(slate, history, context):
            if verdict.status == "eligible":
                continue
            c = verdict.candidate
            pp_year = PP_YEAR_OF_TERM.get(term)
            runner = runners_up.get((pp_year, c.post)) if pp_year else None
            blocked.append(
                {
                    "term_start": term,
                    "post": c.post,
                    "name": c.name,
                    "iso3": c.iso3,
                    "verdict": verdict.status,
                    "verification": flags.get(c.name, "verified"),
                    "explanation": verdict.explanation(),
                    "runner_up": runner.name if runner else None,
                    "runner_up_iso3": runner.iso3 if runner else None,
                    "runner_up_never_represented": (
                        runner.iso3 not in represented_before
                        if runner and represented_before is not None
                        else None
                    ),
                }
            )
    losing: dict[str, int] = {}
    for b in blocked:
        losing[str(b["iso3"])] = losing.get(str(b["iso3"]), 0) + 1
    turns = sorted({str(b["runner_up_iso3"]) for b in blocked if b["runner_up_iso3"]})
    return {
        "rules": rules.name,
        "adopted": since,
        "terms_examined": sum(len(v) for v in served.values()),
        "terms_not_allowed": len(blocked),
        "persons_not_allowed": sorted({str(b["name"]) for b in blocked}),
        "terms_lost_by_country": dict(sorted(losing.items())),
        "countries_with_a_turn_by_recorded_runner_up": turns,
        "open_seats_without_recorded_runner_up": sum(1 for b in blocked if not b["runner_up"]),
        "blocked": blocked,
    }


def _term_of(year: int) -> int:
    """The term start a stint's entry year belongs to (partial terms join their term)."""
    earlier = [y for y in TERM_STARTS if y <= year]
    return earlier[-1] if earlier else year
