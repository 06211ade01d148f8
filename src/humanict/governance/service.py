"""What the CLI and the web API ask of the governance package: plain dicts from the record."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pandas as pd

from humanict.errors import InvalidInputError
from humanict.governance.eligibility import Runner, check_slate, counterfactual, read_slate
from humanict.governance.records import POST_BY_POSITION, VERIFICATION_LEVELS, load_record
from humanict.governance.replay import BASIS_CANDIDATES, read_rounds, replay, replay_regional
from humanict.governance.representation import (
    POST_GROUPS,
    Scope,
    by_period,
    parse_posts,
    programme_check,
    representation,
)
from humanict.governance.scenarios import (
    Assumptions,
    calibrate,
    parse_scenarios,
    run_scenarios,
    start_from_record,
)
from humanict.governance.selection import Constraints, read_applicants, select
from humanict.governance.staffing import (
    RangeWeights,
    desirable_ranges,
    gender_by_grade,
    latest_population,
    read_shares,
    read_staff,
    representation_status,
)
from humanict.governance.term_limits import Context, parse_rules
from humanict.members import member_states

CURRENT_YEAR = 2026


def officials_table(
    data_dir: Path, *, post: str | None = None, verification: str | None = None
) -> list[dict[str, object]]:
    record = load_record(data_dir)
    rows = list(record.officials)
    if post is not None:
        code = post.strip().upper()
        codes = list(POST_BY_POSITION.values())
        if code not in codes:
            raise InvalidInputError(f"unknown post {post!r}; choose from {', '.join(codes)}")
        rows = [t for t in rows if t.post == code]
    if verification is not None:
        if verification not in VERIFICATION_LEVELS:
            raise InvalidInputError(
                f"unknown verification flag {verification!r}; use {', '.join(VERIFICATION_LEVELS)}"
            )
        rows = [t for t in rows if t.verification == verification]
    return [t.as_dict() for t in rows]


def representation_report(
    data_dir: Path,
    *,
    posts: str = "elected-officials",
    since: int | None = None,
    until: int | None = None,
    verified_only: bool = False,
    pp_elected_only: bool = False,
    period: int = 10,
) -> dict[str, object]:
    record = load_record(data_dir)
    members = member_states(data_dir)
    scope = Scope(parse_posts(posts), since, until, verified_only, pp_elected_only)
    report = representation(record, members, scope, current_year=CURRENT_YEAR).as_dict()
    report["by_period"] = by_period(
        record, members, scope.posts, step=period, since=since or 1950, current_year=CURRENT_YEAR
    )
    report["scopes_compared"] = programme_check(record, members, current_year=CURRENT_YEAR)
    return report


def representation_map(data_dir: Path) -> list[dict[str, object]]:
    """Per Member State: elected-official posts held since 1950, RRB and Council seats."""
    record = load_record(data_dir)
    members = member_states(data_dir)
    officials = representation(record, members, Scope(POST_GROUPS["elected-officials"], since=1950))
    held = {r["iso3"]: r for r in officials.represented}
    rrb = {s.iso3 for s in record.board}
    council = {s.iso3 for s in record.council if s.elected}
    out = []
    for m in members:
        row = held.get(m.iso3)
        out.append(
            {
                "iso3": m.iso3,
                "name": m.name,
                "region": m.council_region.value if m.council_region else None,
                "region_confidence": m.region_confidence,
                "official_posts": row["posts"] if row else [],
                "holders": row["holders"] if row else [],
                "rrb_seat_on_record": m.iso3 in rrb,
                "council_seat_on_record": m.iso3 in council,
                "category": "official"
                if row
                else ("rrb-or-council" if (m.iso3 in rrb or m.iso3 in council) else "none"),
            }
        )
    return out


def eligibility_report(
    data_dir: Path,
    slate_text: str,
    *,
    rules: str = "current",
    election_year: int = CURRENT_YEAR,
    adopted_year: int | None = None,
    source: str = "slate",
) -> dict[str, object]:
    rule_set = parse_rules(rules)
    record = load_record(data_dir)
    members = {m.iso3 for m in member_states(data_dir)}
    slate = read_slate(slate_text, source=source, member_iso3=members)
    context = Context(election_year=election_year, adopted_year=adopted_year)
    return {
        "rules": rule_set.name,
        "rule_summaries": {r.name: r.summary for r in rule_set.rules},
        "election_year": election_year,
        "reform_takes_effect": context.reform_year,
        "verdicts": check_slate(slate, record, rule_set, context),
    }


def _runners_up(data_dir: Path) -> dict[tuple[int, str], Runner]:
    """The best-placed non-elected candidate of the last recorded round per PP and post."""
    post_codes = {
        "Secretary-General": "SG",
        "Deputy Secretary-General": "DSG",
        "Director BR": "BR",
        "Director TSB": "TSB",
        "Director BDT": "BDT",
    }
    rounds = []
    for path in sorted((data_dir / "governance").glob("elections_results*.csv")):
        rounds += read_rounds(path.read_text(encoding="utf-8"), source=str(path))
    last = {}
    for rnd in rounds:
        last[(rnd.year, rnd.post)] = rnd
    out = {}
    for (year, post), rnd in last.items():
        losers = [(v, c) for c, v in rnd.recorded_votes.items() if c not in rnd.recorded_elected]
        if losers and post in post_codes:
            votes, name = max(losers)
            out[(year, post_codes[post])] = Runner(name, rnd.iso3.get(name, ""), votes)
    return out


def counterfactual_report(
    data_dir: Path, *, rules: str = "reform", since: int = 1995
) -> dict[str, object]:
    rule_set = parse_rules(rules)
    record = load_record(data_dir)
    members = member_states(data_dir)
    ever = representation(record, members, Scope(POST_GROUPS["elected-officials"])).represented
    return counterfactual(
        record,
        rule_set,
        since=since,
        runners_up=_runners_up(data_dir),
        represented_before={str(r["iso3"]) for r in ever},
        current_year=CURRENT_YEAR,
    )


def member_codes(data_dir: Path) -> frozenset[str]:
    """ISO3 codes of the Member States: the codes a governance record may name."""
    return frozenset(m.iso3 for m in member_states(data_dir))


def replay_file(text: str, data_dir: Path, *, source: str = "rounds") -> dict[str, object]:
    """Replay every round of a records file; rounds that cannot be decided are listed with
    their reason (docs/governance.md 3)."""
    rows = replay(read_rounds(text, source=source, known_iso3=member_codes(data_dir)))
    replayed = [r for r in rows if r["replayed"]]
    return {
        "rounds_in_file": len(rows),
        "rounds_replayed": len(replayed),
        "agreeing": sum(1 for r in replayed if r["agrees"]),
        "majorities_checked": sum(1 for r in rows if r["majority_agrees"] is not None),
        "majorities_agreeing": sum(1 for r in rows if r["majority_agrees"]),
        "derived_valid_votes": sum(
            1 for r in rows if r["basis"] not in (None, BASIS_CANDIDATES)
        ),
        "not_replayed": [
            {k: r[k] for k in ("conference", "post", "round", "lines", "reason")}
            for r in rows
            if not r["replayed"]
        ],
        "rounds": rows,
    }


def staffing_ranges(
    data_dir: Path,
    staff_text: str,
    contributions_text: str,
    *,
    base: float | None = None,
    weights: RangeWeights | None = None,
    source: str = "staff",
) -> pd.DataFrame:
    """Desirable range and status per Member State for a staff table."""
    members = member_states(data_dir)
    codes = sorted(m.iso3 for m in members)
    staff = read_staff(staff_text, source=source, members=codes)
    shares = read_shares(contributions_text)
    population = latest_population(data_dir / "ict" / "wdi_population.csv", codes)
    geographic = sum(1 for s in staff if s.geographic)
    ranges = desirable_ranges(codes, population, shares, base or geographic, weights)
    table = representation_status(ranges, staff)
    region = {m.iso3: (m.council_region.value if m.council_region else None) for m in members}
    table.insert(1, "region", table["iso3"].map(region))
    return table


def staffing_gender(data_dir: Path, staff_text: str, *, source: str = "staff") -> pd.DataFrame:
    codes = [m.iso3 for m in member_states(data_dir)]
    return gender_by_grade(read_staff(staff_text, source=source, members=codes))


def staffing_select(
    data_dir: Path,
    applicants_text: str,
    constraints: Constraints,
    *,
    staff_text: str | None = None,
    contributions_text: str | None = None,
    source: str = "applicants",
) -> dict[str, object]:
    """Select applicants; with a staff table and contributions, Member States that are
    unrepresented or under-represented in it become the priority countries."""
    members = member_states(data_dir)
    region = {m.iso3: (m.council_region.value if m.council_region else "?") for m in members}
    applicants = read_applicants(applicants_text, source=source, members=region)
    if staff_text is not None and contributions_text is not None:
        table = staffing_ranges(data_dir, staff_text, contributions_text)
        priority = frozenset(
            table.loc[table["status"].isin(["unrepresented", "under-represented"]), "iso3"]
        )
        constraints = replace(constraints, priority=priority)
    return select(applicants, region, constraints)


def scenarios_report(
    data_dir: Path,
    *,
    scenarios: str = "current,reform,current+rotation,reform+rotation",
    cycles: int = 25,
    runs: int = 500,
    seed: int = 0,
    p_incumbent: float | None = None,
    p_move: float | None = None,
    prior_weight: float | None = None,
) -> dict[str, object]:
    """Simulated future cycles; unset assumptions are calibrated from the record."""
    record = load_record(data_dir)
    members = member_states(data_dir)
    region = {m.iso3: m.council_region.value for m in members if m.council_region}
    calibration = calibrate(record)
    assumptions = Assumptions(
        p_incumbent if p_incumbent is not None else float(calibration["p_incumbent"]),
        p_move if p_move is not None else float(calibration["p_move"]),
        prior_weight if prior_weight is not None else float(calibration["prior_weight"]),
    )
    ever = representation(record, members, Scope(POST_GROUPS["elected-officials"])).represented
    start = start_from_record(record, {str(r["iso3"]) for r in ever}, year=CURRENT_YEAR)
    results = run_scenarios(
        start,
        region,
        parse_scenarios(scenarios),
        assumptions,
        cycles=cycles,
        runs=runs,
        seed=seed,
    )
    return {
        "assumptions": {
            "p_incumbent": assumptions.p_incumbent,
            "p_move": assumptions.p_move,
            "prior_weight": assumptions.prior_weight,
        },
        "calibration_from_record": calibration,
        "start": {
            "year": CURRENT_YEAR,
            "holders": {p: h.iso3 for p, h in start.holders.items()},
            "represented": len(start.represented),
        },
        "scenarios": results,
    }


def replay_regional_file(
    text: str, data_dir: Path, *, source: str = "regional results"
) -> dict[str, object]:
    rows = replay_regional(text, source=source, known_iso3=member_codes(data_dir))
    replayed = [r for r in rows if r["agrees"] is not None]
    return {
        "regions": len(rows),
        "replayed": len(replayed),
        "agreeing": sum(1 for r in replayed if r["agrees"]),
        "not_replayed": [
            {k: r[k] for k in ("conference", "region", "reason")}
            for r in rows
            if r["agrees"] is None
        ],
        "results": rows,
    }
