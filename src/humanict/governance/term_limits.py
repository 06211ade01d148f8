"""Term-limit rule sets as pluggable, composable checks on a slate of candidates.

Three rule sets (docs/governance.md, data/governance/RULES.md section 3):

``current``
    ITU Convention Art. 2, No. 13: elected officials "are re-eligible once only" - at most two
    terms in the same post (ITU's 2022 explanation: "a maximum of two four-year terms in any
    elected post"; moving to a different post is allowed). RRB members likewise (older
    Convention No. 87; flagged unverified for the current Convention in RULES.md).
``reform``
    The programme's proposal: at most two terms in total, whatever the elected post; persons in
    an elected post when the reform is adopted (incumbents) are exempt.
``nationality``
    Constitution No. 62: the Secretary-General, Deputy, three Directors and the twelve RRB
    members "shall all be nationals of different Member States".

A rule sees the whole slate, so that slate-wide rules (nationality) and per-person rules
(term counts) share one interface; :class:`RuleSet` composes any of them.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Protocol

from humanict.errors import InvalidInputError
from humanict.governance.records import (
    ELECTED_OFFICIAL_POSTS,
    POST_LINEAGE,
    POST_NAMES,
    BoardSeat,
    Record,
    Tenure,
)

VERIFICATION_ORDER = ("verified", "partial", "UNVERIFIED")

#: Years in which the holders elected by a Plenipotentiary Conference (PP) took office, i.e.
#: where a term begins: 1 Jan 1960 (PP-1959 Geneva), 1 Jan 1966 (PP-1965 Montreux), 1 Jan 1974
#: (PP-1973 Malaga-Torremolinos), 1 Jan 1983 (PP-1982 Nairobi), 1 Nov 1989 (PP-1989 Nice),
#: then four-year terms from PP-1994 Kyoto on (dates in officials.csv notes; RULES.md 1 and 3).
TERM_STARTS: tuple[int, ...] = (1960, 1966, 1974, 1983, 1989, *range(1995, 2031, 4))
SLATE_POSTS = (*ELECTED_OFFICIAL_POSTS, "RRB")


def normalise_name(name: str) -> str:
    """Compare names without case, accents, punctuation or spacing differences."""
    text = unicodedata.normalize("NFKD", name)
    text = "".join(c for c in text if not unicodedata.combining(c))
    return " ".join("".join(c if c.isalnum() else " " for c in text.casefold()).split())


def term_starts_within(start: int, end: int) -> list[int]:
    """Term start years a stint [start, end] went through (both in whole calendar years).

    A stint counts one term for each term start it held the post at and kept it beyond that
    year, plus one for a start between term starts (a partial term: an interim appointment or
    a by-election, e.g. the first BDT Director elected in 1992).
    """
    starts = [y for y in TERM_STARTS if start <= y and (y < end or (y == end == start))]
    if start not in TERM_STARTS:  # entry between two term starts: a partial term
        starts = [start, *starts]
    return starts


def terms_served(start: int, end: int) -> int:
    """Number of terms (full or partial) in a stint; see :func:`term_starts_within`."""
    return len(term_starts_within(start, end))


@dataclass(frozen=True, slots=True)
class Candidate:
    """One candidacy on a slate: a person proposed by a Member State for a post."""

    name: str
    iso3: str
    post: str
    incumbent: bool | None = None  # None: decide from the record
    line: int | None = None

    def label(self) -> str:
        return f"{self.name} ({self.iso3}) for {POST_NAMES.get(self.post, self.post)}"


@dataclass(frozen=True, slots=True)
class PersonStint:
    """A person's continuous stint in one elected post (predecessor posts merged)."""

    name: str
    iso3: str
    post: str
    start: int
    end: int
    verification: str


def merged_stints(officials: Iterable[Tenure], *, current_year: int) -> list[PersonStint]:
    """Elected-official stints with predecessor posts mapped (CCIR -> BR, CCITT -> TSB) and
    touching stints of one person in one post joined (Kirby: CCIR 1974-93 then BR 1993-94 is
    one stint of 1974-94)."""
    rows = sorted(
        (
            (normalise_name(t.name), POST_LINEAGE.get(t.post, t.post), t)
            for t in officials
            if POST_LINEAGE.get(t.post, t.post) in ELECTED_OFFICIAL_POSTS
        ),
        key=lambda r: (r[0], r[1], r[2].start),
    )
    out: list[PersonStint] = []
    keys: list[tuple[str, str]] = []
    for key, post, t in rows:
        end = t.last_year(current_year)
        if out and keys[-1] == (key, post) and t.start <= out[-1].end + 1:
            last = out[-1]
            worst = max(last.verification, t.verification, key=VERIFICATION_ORDER.index)
            out[-1] = PersonStint(last.name, last.iso3, post, last.start, max(last.end, end), worst)
        else:
            out.append(PersonStint(t.name, t.iso3, post, t.start, end, t.verification))
            keys.append((key, post))
    return out


@dataclass(frozen=True, slots=True)
class Stint:
    """A past or ongoing stint of a person, as the rules see it (post after lineage)."""

    post: str
    start: int
    end: int
    terms: int


@dataclass(frozen=True)
class History:
    """Who served in which elected post, indexed by normalised name."""

    stints: dict[str, tuple[Stint, ...]]

    @classmethod
    def from_record(cls, record: Record, *, current_year: int) -> History:
        return cls.from_parts(record.officials, record.board, current_year=current_year)

    @classmethod
    def from_parts(
        cls, officials: Iterable[Tenure], board: Iterable[BoardSeat], *, current_year: int
    ) -> History:
        stints: dict[str, list[Stint]] = {}
        for m in merged_stints(officials, current_year=current_year):
            stints.setdefault(normalise_name(m.name), []).append(
                Stint(m.post, m.start, m.end, terms_served(m.start, m.end))
            )
        for s in board:
            if s.name.startswith("("):  # surname-only placeholders of the source
                continue
            stints.setdefault(normalise_name(s.name), []).append(
                Stint("RRB", s.term_start, s.term_end, 1)
            )
        return cls({k: tuple(sorted(v, key=lambda s: s.start)) for k, v in stints.items()})

    def of(self, name: str, *, before: int) -> tuple[Stint, ...]:
        """Stints of ``name`` that began before the year ``before`` (clipped to it)."""
        out = []
        for s in self.stints.get(normalise_name(name), ()):
            if s.start >= before:
                continue
            end = min(s.end, before - 1)
            out.append(Stint(s.post, s.start, end, terms_served(s.start, end)))
        return tuple(out)

    def holds_elected_post(self, name: str, year: int) -> bool:
        return any(
            s.start <= year <= s.end and s.post in ELECTED_OFFICIAL_POSTS
            for s in self.stints.get(normalise_name(name), ())
        )


@dataclass(frozen=True)
class Context:
    """``election_year``: the year of the PP; the new term starts the year after.
    ``adopted_year``: when the reform takes effect (incumbents in office then are exempt)."""

    election_year: int
    adopted_year: int | None = None

    @property
    def term_start(self) -> int:
        return self.election_year + 1

    @property
    def reform_year(self) -> int:
        return self.adopted_year if self.adopted_year is not None else self.election_year


@dataclass(frozen=True, slots=True)
class Finding:
    rule: str
    status: str  # eligible | ineligible | conditional
    reason: str


class Rule(Protocol):
    name: str
    summary: str

    def check(
        self, slate: Sequence[Candidate], history: History, context: Context
    ) -> list[Finding]: ...


def _describe(stints: Sequence[Stint]) -> str:
    if not stints:
        return "no previous term in an elected post on record"
    parts = [
        f"{s.post} {s.start}-{s.end} ({s.terms} term{'s' if s.terms != 1 else ''})" for s in stints
    ]
    return "; ".join(parts)


@dataclass(frozen=True)
class CurrentRule:
    """Convention No. 13: re-eligible once only, per post."""

    name: str = "current"
    summary: str = "re-eligible once per post: at most two terms in the same post (CV No. 13)"
    max_terms_per_post: int = 2

    def check(
        self, slate: Sequence[Candidate], history: History, context: Context
    ) -> list[Finding]:
        findings = []
        for c in slate:
            stints = [s for s in history.of(c.name, before=context.term_start) if s.post == c.post]
            served = sum(s.terms for s in stints)
            if served >= self.max_terms_per_post:
                findings.append(
                    Finding(
                        self.name,
                        "ineligible",
                        f"already {served} terms as {c.post} ({_describe(stints)}); "
                        f"re-eligible once only, so at most {self.max_terms_per_post}",
                    )
                )
            else:
                findings.append(
                    Finding(
                        self.name,
                        "eligible",
                        f"{served} previous term(s) as {c.post}"
                        + (f" ({_describe(stints)})" if stints else "")
                        + f"; limit {self.max_terms_per_post} in the same post",
                    )
                )
        return findings


@dataclass(frozen=True)
class ReformRule:
    """The programme's reform: two terms in total whatever the post, incumbents exempt."""

    name: str = "reform"
    summary: str = "two terms in total whatever the elected post; incumbents at adoption exempt"
    max_terms_total: int = 2

    def check(
        self, slate: Sequence[Candidate], history: History, context: Context
    ) -> list[Finding]:
        findings = []
        for c in slate:
            stints = history.of(c.name, before=context.term_start)
            relevant = [s for s in stints if (s.post == "RRB") == (c.post == "RRB")]
            served = sum(s.terms for s in relevant)
            incumbent = c.incumbent
            if incumbent is None:
                incumbent = history.holds_elected_post(c.name, context.reform_year)
            if c.post != "RRB" and incumbent and served >= self.max_terms_total:
                findings.append(
                    Finding(
                        self.name,
                        "eligible",
                        f"{served} terms in elected posts ({_describe(relevant)}), but in office "
                        f"when the reform took effect ({context.reform_year}): exempt",
                    )
                )
            elif served >= self.max_terms_total:
                findings.append(
                    Finding(
                        self.name,
                        "ineligible",
                        f"already {served} terms in total ({_describe(relevant)}); the reform "
                        f"allows {self.max_terms_total} whatever the post",
                    )
                )
            else:
                findings.append(
                    Finding(
                        self.name,
                        "eligible",
                        f"{served} previous term(s) in total"
                        + (f" ({_describe(relevant)})" if relevant else "")
                        + f"; limit {self.max_terms_total} whatever the post",
                    )
                )
        return findings


@dataclass(frozen=True)
class NationalityRule:
    """Constitution No. 62: officials and RRB members all of different nationalities.

    On a slate with several candidates per post the rule cannot reject anyone by itself: it
    marks candidates who share a nationality with a candidate for another post as
    ``conditional`` (both cannot be elected). Two candidates of one Member State for the
    RRB are refused outright (CS No. 63: one candidate per Member State)."""

    name: str = "nationality"
    summary: str = "SG, DSG, Directors and RRB members all of different nationalities (CS No. 62)"

    def check(
        self, slate: Sequence[Candidate], history: History, context: Context
    ) -> list[Finding]:
        findings = []
        for i, c in enumerate(slate):
            others = [o for j, o in enumerate(slate) if j != i and o.iso3 == c.iso3]
            same_post = [o for o in others if o.post == c.post]
            other_posts = [o for o in others if o.post != c.post]
            if c.post == "RRB" and same_post:
                findings.append(
                    Finding(
                        self.name,
                        "ineligible",
                        f"{c.iso3} proposes more than one RRB candidate "
                        f"({', '.join(o.name for o in same_post)}); "
                        "one per Member State (CS No. 63)",
                    )
                )
            elif other_posts:
                names = ", ".join(f"{o.name} ({o.post})" for o in other_posts)
                findings.append(
                    Finding(
                        self.name,
                        "conditional",
                        f"same nationality ({c.iso3}) as {names}: they cannot both be elected",
                    )
                )
            else:
                findings.append(
                    Finding(self.name, "eligible", f"no other post on the slate held by {c.iso3}")
                )
        return findings


RULES: dict[str, type] = {
    "current": CurrentRule,
    "reform": ReformRule,
    "nationality": NationalityRule,
}
_ORDER = {"ineligible": 0, "conditional": 1, "eligible": 2}


@dataclass
class Verdict:
    candidate: Candidate
    status: str
    findings: list[Finding] = field(default_factory=list)

    def explanation(self) -> str:
        return " | ".join(f"{f.rule}: {f.status} - {f.reason}" for f in self.findings)

    def as_dict(self) -> dict[str, object]:
        return {
            "name": self.candidate.name,
            "iso3": self.candidate.iso3,
            "post": self.candidate.post,
            "verdict": self.status,
            "explanation": self.explanation(),
            "findings": [
                {"rule": f.rule, "status": f.status, "reason": f.reason} for f in self.findings
            ],
        }


@dataclass(frozen=True)
class RuleSet:
    """Rules applied together: a candidate's verdict is the worst of the rules' findings."""

    rules: tuple[Rule, ...]

    @property
    def name(self) -> str:
        return "+".join(r.name for r in self.rules)

    def evaluate(
        self, slate: Sequence[Candidate], history: History, context: Context
    ) -> list[Verdict]:
        verdicts = [Verdict(c, "eligible") for c in slate]
        for rule in self.rules:
            for verdict, finding in zip(verdicts, rule.check(slate, history, context), strict=True):
                verdict.findings.append(finding)
                if _ORDER[finding.status] < _ORDER[verdict.status]:
                    verdict.status = finding.status
        return verdicts


def parse_rules(text: str) -> RuleSet:
    """``current``, ``reform``, ``nationality`` or a combination: ``reform,nationality``."""
    names = [n.strip().lower() for n in text.replace("+", ",").split(",") if n.strip()]
    if not names:
        raise InvalidInputError("no rule set given; choose from " + ", ".join(RULES))
    unknown = [n for n in names if n not in RULES]
    if unknown:
        raise InvalidInputError(
            f"unknown rule set {unknown[0]!r}; choose from {', '.join(RULES)} "
            "(combine with a comma, e.g. reform,nationality)"
        )
    return RuleSet(tuple(RULES[n]() for n in dict.fromkeys(names)))
