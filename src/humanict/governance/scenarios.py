"""Scenarios: future Plenipotentiary cycles played under a rule set (seeded Monte Carlo).

Each cycle (a PP every four years) fills the five elected-official posts in ITU's order (SG,
DSG, then the three Directors; RULES.md section 6). For each post:

1. the holder stands again, if the rule set allows, and wins with probability
   ``p_incumbent``;
2. otherwise the post is open: with probability ``p_move`` a sitting official of a post not
   yet filled this cycle, eligible for this post, takes it (their own post then falls open),
   as Zhao, Johnson, Toure and Bogdan-Martin did;
3. otherwise a newcomer wins; the newcomer's Member State is drawn with weight
   ``prior_weight`` if its nationals already held an elected post and 1 if not; with
   ``rotation`` the newcomer must come from the region after the outgoing holder's region
   (A -> B -> C -> D -> E -> A).

Constitution No. 62 always applies: the five holders are of five different nationalities.
Rule sets: ``current`` (at most two terms in the same post) and ``reform`` (at most two terms
in total; the holders in office when the reform is adopted - the start - are exempt and stay
under the current rule). :func:`calibrate` estimates the three probabilities from the record
of the terms since 1995; docs/governance.md discusses the assumptions.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

import numpy as np

from humanict.errors import InvalidInputError
from humanict.governance.records import ELECTED_OFFICIAL_POSTS, Record
from humanict.governance.term_limits import merged_stints, term_starts_within

REGIONS = ("A", "B", "C", "D", "E")
ORDER = ELECTED_OFFICIAL_POSTS  # SG, DSG, BR, TSB, BDT


@dataclass(frozen=True)
class Assumptions:
    p_incumbent: float = 0.79
    p_move: float = 0.25
    prior_weight: float = 3.0

    def __post_init__(self) -> None:
        if not (0 <= self.p_incumbent <= 1 and 0 <= self.p_move <= 1):
            raise InvalidInputError("probabilities must lie between 0 and 1")
        if self.prior_weight <= 0:
            raise InvalidInputError("the prior weight must be > 0")


@dataclass(frozen=True)
class Scenario:
    rules: str  # current | reform
    rotation: bool = False

    @property
    def name(self) -> str:
        return self.rules + ("+rotation" if self.rotation else "")


def parse_scenarios(text: str) -> list[Scenario]:
    """e.g. ``current,reform,reform+rotation``."""
    out = []
    for part in (p.strip().lower() for p in text.split(",") if p.strip()):
        rules, _, extra = part.partition("+")
        if rules not in ("current", "reform") or extra not in ("", "rotation"):
            raise InvalidInputError(
                f"unknown scenario {part!r}; use current, reform, current+rotation or "
                "reform+rotation (comma-separated)"
            )
        out.append(Scenario(rules, extra == "rotation"))
    if not out:
        raise InvalidInputError("no scenario given")
    return out


@dataclass
class Person:
    iso3: str
    terms: dict[str, int] = field(default_factory=dict)
    exempt: bool = False

    @property
    def total(self) -> int:
        return sum(self.terms.values())


def _may_stand(person: Person, post: str, rules: str) -> bool:
    if person.terms.get(post, 0) >= 2:  # current rule: re-eligible once per post
        return False
    return not (rules == "reform" and not person.exempt and person.total >= 2)


@dataclass(frozen=True)
class Start:
    """The state at the start: holders per post with their terms, and who has been
    represented (ISO3), from the record."""

    holders: dict[str, Person]
    represented: frozenset[str]
    year: int


def start_from_record(record: Record, represented: Iterable[str], *, year: int = 2026) -> Start:
    people: dict[str, Person] = {}
    holders: dict[str, Person] = {}
    for s in merged_stints(record.officials, current_year=year):
        person = people.setdefault(s.name, Person(s.iso3))
        person.terms[s.post] = person.terms.get(s.post, 0) + len(term_starts_within(s.start, s.end))
        if s.end >= year:
            holders[s.post] = person
    missing = [p for p in ORDER if p not in holders]
    if missing:
        raise InvalidInputError(f"the record has no holder in {year} for {', '.join(missing)}")
    for person in holders.values():
        person.exempt = True  # in office when the reform is adopted
    return Start(holders, frozenset(represented), year)


def calibrate(record: Record, *, since: int = 1995, until: int = 2023) -> dict[str, float]:
    """Estimate the assumptions from the terms that began in [since, until]:

    * ``p_incumbent``: share of holders who, after their first term in a post, served a second;
    * ``p_move``: share of open posts won by an official of another elected post;
    * ``prior_weight``: odds ratio of a newcomer coming from an already-represented Member
      State (against a never-represented one), given how many of each there were.
    """
    stints = list(merged_stints(record.officials, current_year=2026))
    first = [s for s in stints if s.start >= since and s.start + 4 <= until]
    second = sum(1 for s in first if len(term_starts_within(s.start, s.end)) >= 2)
    opens = [s for s in stints if since <= s.start <= until]
    moves = 0
    prior_hits = new_hits = 0
    prior_pool = new_pool = 0.0
    for s in sorted(opens, key=lambda s: s.start):
        earlier = [t for t in stints if t.start < s.start]
        if any(t.name == s.name for t in earlier):
            moves += 1
            continue
        represented = {t.iso3 for t in earlier}
        n_prior = len(represented)
        prior_pool += n_prior
        new_pool += 193 - n_prior
        if s.iso3 in represented:
            prior_hits += 1
        else:
            new_hits += 1
    newcomers = prior_hits + new_hits
    weight = (
        (prior_hits / prior_pool) / (new_hits / new_pool)
        if prior_hits and new_hits and prior_pool and new_pool
        else 1.0
    )
    return {
        "p_incumbent": round(second / len(first), 3) if first else 0.0,
        "p_move": round(moves / len(opens), 3) if opens else 0.0,
        "prior_weight": round(weight, 2),
        "first_terms": len(first),
        "second_terms": second,
        "open_posts": len(opens),
        "moves": moves,
        "newcomers": newcomers,
        "newcomers_from_represented": prior_hits,
    }


def simulate(
    start: Start,
    region_of: dict[str, str],
    scenario: Scenario,
    assumptions: Assumptions,
    *,
    cycles: int = 25,
    runs: int = 500,
    seed: int = 0,
) -> dict[str, object]:
    """Play ``runs`` futures of ``cycles`` PPs; report regional and Member-State coverage."""
    if cycles < 1 or runs < 1:
        raise InvalidInputError("cycles and runs must be at least 1")
    rng = np.random.default_rng(seed)
    members = sorted(region_of)
    by_region = {r: [m for m in members if region_of[m] == r] for r in REGIONS}
    count = np.zeros((runs, cycles), dtype=int)  # represented Member States after each cycle
    all_regions_at = np.full(runs, -1)  # cycle when every region had held a post again
    all_members_at = np.full(runs, -1)
    half_at = np.full(runs, -1)
    trace: list[dict[str, str]] = []  # holders per cycle in the first run
    new_by_region = np.zeros((runs, len(REGIONS)), dtype=int)
    a = assumptions
    for run in range(runs):
        holders = {p: Person(h.iso3, dict(h.terms), h.exempt) for p, h in start.holders.items()}
        represented = set(start.represented)
        regions_since = set()
        for cycle in range(cycles):
            filled: dict[str, Person] = {}
            vacated: set[str] = set()
            for i, post in enumerate(ORDER):
                holder = holders[post]
                if (
                    post not in vacated
                    and _may_stand(holder, post, scenario.rules)
                    and rng.random() < a.p_incumbent
                ):
                    filled[post] = holder
                    continue
                taken = {p.iso3 for p in filled.values()}
                winner = None
                if rng.random() < a.p_move:
                    movers = [
                        q
                        for q in ORDER[i + 1 :]
                        if q not in vacated
                        and holders[q] is not holder
                        and holders[q].iso3 not in taken
                        and _may_stand(holders[q], post, scenario.rules)
                    ]
                    if movers:
                        q = movers[int(rng.integers(len(movers)))]
                        winner = holders[q]
                        vacated.add(q)
                if winner is None:
                    pool_region = None
                    if scenario.rotation:
                        outgoing = region_of.get(holder.iso3, "A")
                        pool_region = REGIONS[(REGIONS.index(outgoing) + 1) % len(REGIONS)]
                    pool = [
                        m
                        for m in (by_region[pool_region] if pool_region else members)
                        if m not in taken
                    ]
                    weights = np.array([a.prior_weight if m in represented else 1.0 for m in pool])
                    iso3 = pool[int(rng.choice(len(pool), p=weights / weights.sum()))]
                    winner = Person(iso3)
                    if iso3 not in represented:
                        new_by_region[run, REGIONS.index(region_of[iso3])] += 1
                filled[post] = winner
            for post, person in filled.items():
                person.terms[post] = person.terms.get(post, 0) + 1
                represented.add(person.iso3)
                regions_since.add(region_of.get(person.iso3))
            holders = filled
            if run == 0:
                trace.append({p: holders[p].iso3 for p in ORDER})
            count[run, cycle] = len(represented & set(members))
            if half_at[run] < 0 and count[run, cycle] * 2 >= len(members):
                half_at[run] = cycle + 1
            if all_regions_at[run] < 0 and regions_since >= set(REGIONS):
                all_regions_at[run] = cycle + 1
            if all_members_at[run] < 0 and count[run, cycle] == len(members):
                all_members_at[run] = cycle + 1
    final = count[:, -1]
    reached = all_regions_at[all_regions_at > 0]
    return {
        "scenario": scenario.name,
        "runs": runs,
        "cycles": cycles,
        "horizon_year": start.year + 4 * cycles,
        "seed": seed,
        "represented_at_start": len(start.represented & set(members)),
        "represented_at_horizon_mean": round(float(final.mean()), 1),
        "represented_at_horizon_p5": int(np.percentile(final, 5)),
        "represented_at_horizon_p95": int(np.percentile(final, 95)),
        "new_member_states_per_cycle": round(
            float((final - len(start.represented & set(members))).mean() / cycles), 2
        ),
        "cycles_until_every_region_holds_a_post_median": (
            float(np.median(reached)) if len(reached) else None
        ),
        "share_runs_every_region_within_horizon": round(float((all_regions_at > 0).mean()), 3),
        "share_runs_all_member_states_within_horizon": round(float((all_members_at > 0).mean()), 3),
        "cycles_until_all_member_states_median": (
            float(np.median(all_members_at[all_members_at > 0]))
            if (all_members_at > 0).any()
            else None
        ),
        "share_runs_half_member_states_within_horizon": round(float((half_at > 0).mean()), 3),
        "cycles_until_half_member_states_median": (
            float(np.median(half_at[half_at > 0])) if (half_at > 0).any() else None
        ),
        "new_states_by_region_mean": {
            r: round(float(new_by_region[:, j].mean()), 2) for j, r in enumerate(REGIONS)
        },
        "represented_by_cycle_mean": [round(float(v), 1) for v in count.mean(axis=0)],
        "first_run_holders": trace,
    }


def run_scenarios(
    start: Start,
    region_of: dict[str, str],
    scenarios: Sequence[Scenario],
    assumptions: Assumptions,
    **kwargs: int,
) -> list[dict[str, object]]:
    """Each scenario with the same seed (common random numbers for a fair comparison)."""
    return [simulate(start, region_of, s, assumptions, **kwargs) for s in scenarios]
