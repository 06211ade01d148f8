"""Representation: whose nationals held ITU's elected posts, by region and period.

The programme says the nationals of only 24 countries have ever been ITU elected officials,
leaving 169 of the 193 Member States. :func:`programme_check` shows under which scope
(posts, start year, verification level, way of appointment) the record reproduces those
figures; docs/governance.md discusses the result.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from humanict.errors import InvalidInputError
from humanict.governance.records import (
    ELECTED_OFFICIAL_POSTS,
    POST_BY_POSITION,
    Record,
)
from humanict.members import Economy

PROGRAMME_REPRESENTED = 24
PROGRAMME_NEVER = 169

#: Named post selections of ``--posts`` (besides a comma list of post codes).
POST_GROUPS: dict[str, tuple[str, ...]] = {
    "elected-officials": ELECTED_OFFICIAL_POSTS,
    "all-officials": tuple(POST_BY_POSITION.values()),
    "rrb": ("RRB",),
    "council": ("COUNCIL",),
}
ALL_CODES = (*POST_BY_POSITION.values(), "RRB", "COUNCIL")


def parse_posts(text: str) -> tuple[str, ...]:
    """``elected-officials``, ``all-officials``, ``rrb``, ``council`` or codes like ``SG,DSG``."""
    posts: list[str] = []
    for part in (p.strip() for p in text.split(",")):
        if not part:
            continue
        if part.lower() in POST_GROUPS:
            posts.extend(POST_GROUPS[part.lower()])
        elif part.upper() in ALL_CODES:
            posts.append(part.upper())
        else:
            choices = ", ".join([*POST_GROUPS, *ALL_CODES])
            raise InvalidInputError(f"unknown post {part!r}; choose from {choices}")
    if not posts:
        raise InvalidInputError("no post selected; e.g. --posts elected-officials")
    return tuple(dict.fromkeys(posts))


@dataclass(frozen=True, slots=True)
class Holding:
    """One stint of a national of ``iso3`` in a post (officials, RRB seats, Council seats)."""

    iso3: str
    post: str
    name: str
    start: int
    end: int
    verification: str
    elected_at_pp: bool


def holdings(record: Record, posts: Sequence[str], *, current_year: int = 2026) -> list[Holding]:
    """Flatten the record into holdings of the selected posts."""
    out = [
        Holding(
            t.iso3,
            t.post,
            t.name,
            t.start,
            t.last_year(current_year),
            t.verification,
            t.elected_at_pp,
        )
        for t in record.officials
        if t.post in posts
    ]
    if "RRB" in posts:
        out += [
            Holding(s.iso3, "RRB", s.name, s.term_start, s.term_end, "verified", True)
            for s in record.board
        ]
    if "COUNCIL" in posts:
        out += [
            Holding(s.iso3, "COUNCIL", s.country, s.term_start, s.term_end, "verified", True)
            for s in record.council
            if s.elected
        ]
    return out


@dataclass(frozen=True)
class Scope:
    """What counts as "having held a post": posts, years and evidence."""

    posts: tuple[str, ...]
    since: int | None = None
    until: int | None = None
    verified_only: bool = False  # drop rows flagged partial / UNVERIFIED
    pp_elected_only: bool = False  # drop holders appointed or elected outside a PP

    def admits(self, h: Holding) -> bool:
        if h.post not in self.posts:
            return False
        if self.since is not None and h.end < self.since:
            return False
        if self.until is not None and h.start > self.until:
            return False
        if self.verified_only and h.verification != "verified":
            return False
        return not (self.pp_elected_only and not h.elected_at_pp)

    def describe(self) -> str:
        parts = [",".join(self.posts)]
        if self.since is not None:
            parts.append(f"in office in or after {self.since}")
        if self.until is not None:
            parts.append(f"until {self.until}")
        if self.verified_only:
            parts.append("verified rows only")
        if self.pp_elected_only:
            parts.append("elected by a Plenipotentiary Conference only")
        return "; ".join(parts)


@dataclass
class RepresentationReport:
    scope: Scope
    represented: list[dict[str, object]]
    never_represented: list[dict[str, object]]
    non_member_holders: list[str]
    by_region: list[dict[str, object]]
    by_post: list[dict[str, object]]
    member_states: int
    reproduces_programme: bool
    flags: dict[str, int] = field(default_factory=dict)

    def as_dict(self) -> dict[str, object]:
        return {
            "scope": self.scope.describe(),
            "member_states": self.member_states,
            "represented_count": len(self.represented),
            "never_represented_count": len(self.never_represented),
            "programme_figures": {
                "represented": PROGRAMME_REPRESENTED,
                "never_represented": PROGRAMME_NEVER,
            },
            "reproduces_programme": self.reproduces_programme,
            "verification_of_rows_used": self.flags,
            "by_region": self.by_region,
            "by_post": self.by_post,
            "represented": self.represented,
            "never_represented": self.never_represented,
            "holders_not_member_states": self.non_member_holders,
        }


def representation(
    record: Record, members: Iterable[Economy], scope: Scope, *, current_year: int = 2026
) -> RepresentationReport:
    """Which Member States' nationals held the posts of ``scope``; which never did."""
    members = list(members)
    by_iso = {m.iso3: m for m in members}
    chosen = [
        h for h in holdings(record, scope.posts, current_year=current_year) if scope.admits(h)
    ]
    per_country: dict[str, list[Holding]] = {}
    for h in chosen:
        per_country.setdefault(h.iso3, []).append(h)
    represented = []
    for iso3, hs in sorted(per_country.items()):
        if iso3 not in by_iso:
            continue
        economy = by_iso[iso3]
        represented.append(
            {
                "iso3": iso3,
                "name": economy.name,
                "region": economy.council_region.value if economy.council_region else None,
                "posts": sorted({h.post for h in hs}),
                "holders": sorted({h.name for h in hs}),
                "first_year": min(h.start for h in hs),
                "years_in_office": sum(h.end - h.start + 1 for h in hs),
                "best_verification": min(
                    (h.verification for h in hs), key=("verified", "partial", "UNVERIFIED").index
                ),
            }
        )
    never = [
        {
            "iso3": m.iso3,
            "name": m.name,
            "region": m.council_region.value if m.council_region else None,
        }
        for m in sorted(members, key=lambda m: m.iso3)
        if m.iso3 not in per_country
    ]
    regions = sorted({m.council_region.value for m in members if m.council_region})
    by_region = []
    for region in regions:
        total = sum(1 for m in members if m.council_region and m.council_region.value == region)
        count = sum(1 for r in represented if r["region"] == region)
        by_region.append(
            {
                "region": region,
                "member_states": total,
                "represented": count,
                "never_represented": total - count,
                "share_represented": round(count / total, 4) if total else None,
            }
        )
    region_of = {m.iso3: (m.council_region.value if m.council_region else None) for m in members}
    by_post = []
    for post in scope.posts:
        held = [h for h in chosen if h.post == post]
        if not held:
            continue
        countries = sorted({h.iso3 for h in held})
        per_region = {r: sorted(c for c in countries if region_of.get(c) == r) for r in regions}
        by_post.append(
            {
                "post": post,
                "countries": len(countries),
                **{f"region_{r}": ",".join(v) for r, v in per_region.items()},
                "holders": len({h.name for h in held}),
            }
        )
    flags: dict[str, int] = {}
    for h in chosen:
        flags[h.verification] = flags.get(h.verification, 0) + 1
    return RepresentationReport(
        scope=scope,
        represented=represented,
        never_represented=never,
        non_member_holders=sorted(set(per_country) - set(by_iso)),
        by_region=by_region,
        by_post=by_post,
        member_states=len(members),
        reproduces_programme=(
            len(represented) == PROGRAMME_REPRESENTED and len(never) == PROGRAMME_NEVER
        ),
        flags=flags,
    )


def by_period(
    record: Record,
    members: Iterable[Economy],
    posts: Sequence[str],
    *,
    step: int = 10,
    since: int = 1950,
    current_year: int = 2026,
) -> list[dict[str, object]]:
    """Per period of ``step`` years and per region: how many stints began and from how many
    distinct countries (a person serving across periods counts in each one)."""
    if step < 1:
        raise InvalidInputError("the period length must be at least one year")
    region_of = {m.iso3: (m.council_region.value if m.council_region else "?") for m in members}
    chosen = [h for h in holdings(record, posts, current_year=current_year) if h.end >= since]
    rows = []
    start = since
    while start <= current_year:
        end = start + step - 1
        active = [h for h in chosen if h.start <= end and h.end >= start]
        for region in sorted({region_of.get(h.iso3, "?") for h in active}):
            in_region = [h for h in active if region_of.get(h.iso3, "?") == region]
            rows.append(
                {
                    "period": f"{start}-{min(end, current_year)}",
                    "region": region,
                    "countries": len({h.iso3 for h in in_region}),
                    "iso3": ",".join(sorted({h.iso3 for h in in_region})),
                    "person_posts": len({(h.name, h.post) for h in in_region}),
                }
            )
        start = end + 1
    return rows


def programme_check(
    record: Record, members: Iterable[Economy], *, current_year: int = 2026
) -> list[dict[str, object]]:
    """The counts under several defensible scopes, and which reproduce 24 and 169."""
    members = list(members)
    elected = POST_GROUPS["elected-officials"]
    scopes = [
        Scope(elected, since=1950),
        Scope(elected),
        Scope(elected, since=1950, verified_only=True),
        Scope(elected, since=1950, pp_elected_only=True),
        Scope(elected, since=1995),
        Scope((*elected, "ASG", "CCIR", "CCITT", "CCIT", "CCIF"), since=1950),
        Scope(POST_GROUPS["all-officials"]),
        Scope((*elected, "RRB"), since=1950),
    ]
    rows = []
    for scope in scopes:
        report = representation(record, members, scope, current_year=current_year)
        rows.append(
            {
                "scope": scope.describe(),
                "represented": len(report.represented),
                "never_represented": len(report.never_represented),
                "reproduces_24_and_169": report.reproduces_programme,
            }
        )
    return rows
