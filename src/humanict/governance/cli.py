"""`humanict governance`: officials, representation, term limits, elections and staffing."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import pandas as pd
import typer

from humanict.cli_support import settings, user_errors
from humanict.errors import InvalidInputError
from humanict.governance.ballot.cli import register as register_ballot
from humanict.governance.replay import BASIS_CANDIDATES
from humanict.governance.selection import Constraints
from humanict.governance.service import (
    counterfactual_report,
    eligibility_report,
    officials_table,
    replay_file,
    replay_regional_file,
    representation_report,
    scenarios_report,
    staffing_gender,
    staffing_ranges,
    staffing_select,
)
from humanict.governance.staffing import RangeWeights
from humanict.output import Format, frame_of, render

app = typer.Typer(
    help="Officials, representation, term-limit rules, elections and staffing balance.",
    no_args_is_help=True,
)
register_ballot(app)

CURRENT_YEAR = 2026


def _emit(payload: object, fmt: Format, frame: pd.DataFrame, columns: list[str] | None) -> None:
    if fmt is Format.json:
        typer.echo(json.dumps(payload, indent=2, ensure_ascii=False))
    else:
        typer.echo(render(frame, fmt, columns=columns))


def _read_text(path: Path) -> str:
    if str(path) == "-":
        return typer.get_text_stream("stdin").read()
    if not path.is_file():
        raise InvalidInputError(f"no file {path}; give the path of a CSV file (or - for stdin)")
    return path.read_text(encoding="utf-8")


@app.command("officials")
@user_errors
def officials(
    post: Annotated[
        str | None, typer.Option(help="A post code: SG, DSG, BR, TSB, BDT, CCIR, ...")
    ] = None,
    verification: Annotated[
        str | None, typer.Option(help="Only rows flagged verified, partial or UNVERIFIED.")
    ] = None,
    fmt: Annotated[Format, typer.Option("--format", help="Output format.")] = Format.table,
) -> None:
    """The officials registry, with each row's verification flag and source."""
    rows = officials_table(settings().data_dir, post=post, verification=verification)
    frame = frame_of(rows)
    _emit(rows, fmt, frame, ["post", "name", "iso3", "start", "end", "verification"])


@app.command("representation")
@user_errors
def representation(
    posts: Annotated[
        str,
        typer.Option(
            help="elected-officials (SG, DSG, BR, TSB, BDT), all-officials, rrb, council, "
            "or post codes separated by commas."
        ),
    ] = "elected-officials",
    since: Annotated[int | None, typer.Option(help="Count holders in office in or after.")] = None,
    until: Annotated[int | None, typer.Option(help="... and in office by this year.")] = None,
    verified_only: Annotated[
        bool, typer.Option(help="Ignore rows flagged partial or UNVERIFIED.")
    ] = False,
    pp_elected_only: Annotated[
        bool, typer.Option(help="Ignore holders not elected by a Plenipotentiary Conference.")
    ] = False,
    period: Annotated[int, typer.Option(help="Years per period in the period table.")] = 10,
    fmt: Annotated[Format, typer.Option("--format", help="Output format.")] = Format.table,
) -> None:
    """Whose nationals held the posts; Member States never represented; whether the record
    reproduces the programme's 24 and 169, and under which scope."""
    report = representation_report(
        settings().data_dir,
        posts=posts,
        since=since,
        until=until,
        verified_only=verified_only,
        pp_elected_only=pp_elected_only,
        period=period,
    )
    if fmt is Format.json:
        typer.echo(json.dumps(report, indent=2, ensure_ascii=False))
        return
    frame = frame_of(report["represented"])
    if fmt is Format.csv:
        for column in ("posts", "holders"):
            frame[column] = frame[column].map(";".join)
        typer.echo(render(frame, fmt))
        return
    typer.echo(f"scope: {report['scope']}")
    typer.echo(
        f"represented: {report['represented_count']} countries; never represented: "
        f"{report['never_represented_count']} of {report['member_states']} Member States "
        f"(programme: 24 and 169; reproduced: {'yes' if report['reproduces_programme'] else 'no'})"
    )
    typer.echo(render(frame, fmt, columns=["iso3", "name", "region", "posts", "first_year"]))
    typer.echo("\nby region:")
    typer.echo(render(frame_of(report["by_region"]), fmt))
    typer.echo("\nby post (Member States per region):")
    typer.echo(render(frame_of(report["by_post"]), fmt))
    typer.echo(f"\nby period ({period} years):")
    typer.echo(
        render(
            frame_of(report["by_period"]),
            fmt,
            columns=["period", "region", "countries", "iso3"],
        )
    )
    typer.echo("\nscopes compared:")
    typer.echo(render(frame_of(report["scopes_compared"]), fmt))


@app.command("eligibility")
@user_errors
def eligibility(
    slate: Annotated[
        Path, typer.Argument(help="Slate CSV: name,iso3,post[,incumbent] (- for stdin).")
    ],
    rules: Annotated[
        str,
        typer.Option(help="current, reform, nationality, or several joined by commas."),
    ] = "current",
    election_year: Annotated[
        int, typer.Option(help="Year of the Plenipotentiary Conference.")
    ] = CURRENT_YEAR,
    adopted_year: Annotated[
        int | None,
        typer.Option(help="Year the reform takes effect (default: the election year)."),
    ] = None,
    fmt: Annotated[Format, typer.Option("--format", help="Output format.")] = Format.table,
) -> None:
    """Check a slate of candidates against a rule set and explain each verdict."""
    report = eligibility_report(
        settings().data_dir,
        _read_text(slate),
        rules=rules,
        election_year=election_year,
        adopted_year=adopted_year,
        source=str(slate),
    )
    verdicts = report["verdicts"]
    frame = frame_of([{k: v for k, v in r.items() if k != "findings"} for r in verdicts])
    if fmt is Format.table:
        typer.echo(f"rules: {report['rules']} - election {election_year}")
        for v in verdicts:
            typer.echo(f"{v['verdict'].upper():<12} {v['name']} ({v['iso3']}) for {v['post']}")
            for f in v["findings"]:
                typer.echo(f"    {f['rule']}: {f['status']} - {f['reason']}")
        return
    _emit(report, fmt, frame, None)


@app.command("counterfactual")
@user_errors
def counterfactual(
    rules: Annotated[
        str, typer.Option(help="current, reform, nationality, or several joined by commas.")
    ] = "reform",
    since: Annotated[
        int, typer.Option(help="Year the rules are taken to apply from (incumbents then exempt).")
    ] = 1995,
    fmt: Annotated[Format, typer.Option("--format", help="Output format.")] = Format.table,
) -> None:
    """Apply a rule set to history: who could not have served, whose turn it would have been."""
    report = counterfactual_report(settings().data_dir, rules=rules, since=since)
    frame = frame_of(report["blocked"])
    if fmt is Format.table:
        typer.echo(
            f"rules {report['rules']} from {report['adopted']}: {report['terms_not_allowed']} of "
            f"{report['terms_examined']} terms could not have been served"
        )
        typer.echo(f"persons: {', '.join(report['persons_not_allowed']) or 'none'}")
        typer.echo(f"terms lost by country: {report['terms_lost_by_country']}")
        typer.echo(
            "countries whose recorded runner-up would have had a turn: "
            f"{', '.join(report['countries_with_a_turn_by_recorded_runner_up']) or 'none recorded'}"
        )
        if len(frame):
            typer.echo(
                render(frame, fmt, columns=["term_start", "post", "name", "iso3", "runner_up_iso3"])
            )
        return
    _emit(report, fmt, frame, None)


@app.command("replay")
@user_errors
def replay(
    rounds: Annotated[
        Path,
        typer.Argument(
            help="Round tallies in the format of data/governance/elections_results.csv."
        ),
    ],
    fmt: Annotated[Format, typer.Option("--format", help="Output format.")] = Format.table,
) -> None:
    """Replay recorded rounds by ITU's rules: required majority, who is elected or that
    another round is needed, and agreement with the record. Rounds may be numbered, remarked
    ('1 (assumed)') or 'final'; where candidates' votes are missing, the valid votes come from
    present-and-voting or ballots cast (the basis is shown); rounds that cannot be decided are
    listed with the reason."""
    report = replay_file(_read_text(rounds), settings().data_dir, source=str(rounds))
    rows = report["rounds"]
    frame = frame_of([{k: v for k, v in r.items() if k != "votes"} for r in rows])
    if fmt is Format.table:
        typer.echo(
            f"{report['agreeing']} of {report['rounds_replayed']} replayed rounds agree with the "
            f"record ({report['rounds_in_file']} rounds in the file; valid votes derived from "
            f"present-and-voting or ballots cast in {report['derived_valid_votes']})"
        )
        typer.echo(
            render(
                frame,
                fmt,
                columns=[
                    "conference",
                    "post",
                    "round",
                    "valid_votes",
                    "required_majority",
                    "recorded_majority",
                    "outcome",
                    "agrees",
                ],
            )
        )
        derived = [r for r in rows if r["replayed"] and r["basis"] != BASIS_CANDIDATES]
        for r in derived:
            typer.echo(f"{r['conference']} {r['post']} round {r['round']}: V from {r['basis']}")
        for r in report["not_replayed"]:
            typer.echo(
                f"not replayed: {r['conference']} {r['post']} round {r['round']} "
                f"(lines {r['lines']}): {r['reason']}"
            )
        return
    _emit(report, fmt, frame, None)


@app.command("replay-regional")
@user_errors
def replay_regional_cmd(
    results: Annotated[
        Path,
        typer.Argument(help="Regional results in the format of data/governance/council_2022.csv."),
    ],
    fmt: Annotated[Format, typer.Option("--format", help="Output format.")] = Format.table,
) -> None:
    """Replay Council or RRB elections by region (plurality within each region's seats) where
    every candidate's votes are recorded, and compare with who was elected."""
    report = replay_regional_file(_read_text(results), settings().data_dir, source=str(results))
    frame = frame_of(report["results"])
    if fmt is Format.table:
        typer.echo(
            f"{report['agreeing']} of {report['replayed']} regions with complete votes agree "
            f"({report['regions']} regions in the file)"
        )
        typer.echo(
            render(frame, fmt, columns=["conference", "region", "seats", "status", "agrees"])
        )
        for r in report["not_replayed"]:
            typer.echo(f"not replayed: {r['conference']} region {r['region']}: {r['reason']}")
        return
    _emit(report, fmt, frame, None)


@app.command("scenarios")
@user_errors
def scenarios(
    rules: Annotated[
        str,
        typer.Option(
            help="Scenarios, comma-separated: current, reform, current+rotation, reform+rotation."
        ),
    ] = "current,reform,current+rotation,reform+rotation",
    cycles: Annotated[int, typer.Option(help="Plenipotentiary cycles (4 years each).")] = 25,
    runs: Annotated[int, typer.Option(help="Monte Carlo runs per scenario.")] = 500,
    seed: Annotated[int, typer.Option(help="Random seed (same seed, same figures).")] = 0,
    p_incumbent: Annotated[
        float | None, typer.Option(help="Chance an eligible holder wins again (default: record).")
    ] = None,
    p_move: Annotated[
        float | None,
        typer.Option(help="Chance an open post goes to another post's official (default: record)."),
    ] = None,
    prior_weight: Annotated[
        float | None,
        typer.Option(help="Weight of already-represented states for newcomers (default: record)."),
    ] = None,
    fmt: Annotated[Format, typer.Option("--format", help="Output format.")] = Format.table,
) -> None:
    """Simulate future conference cycles under a rule set: how many cycles until every
    region, and how many Member States, have held an elected post."""
    report = scenarios_report(
        settings().data_dir,
        scenarios=rules,
        cycles=cycles,
        runs=runs,
        seed=seed,
        p_incumbent=p_incumbent,
        p_move=p_move,
        prior_weight=prior_weight,
    )
    rows = [
        {k: v for k, v in r.items() if k not in ("represented_by_cycle_mean", "first_run_holders")}
        for r in report["scenarios"]
    ]
    frame = frame_of(rows)
    if fmt is Format.table:
        typer.echo(f"assumptions: {report['assumptions']} (calibrated from the record unless set)")
        typer.echo(
            render(
                frame,
                fmt,
                columns=[
                    "scenario",
                    "represented_at_start",
                    "represented_at_horizon_mean",
                    "represented_at_horizon_p5",
                    "represented_at_horizon_p95",
                    "cycles_until_every_region_holds_a_post_median",
                    "share_runs_all_member_states_within_horizon",
                ],
            )
        )
        return
    _emit(report, fmt, frame, None)


staffing_app = typer.Typer(
    help="Staffing balance: desirable ranges, gender by grade, intern/YP selection.",
    no_args_is_help=True,
)
app.add_typer(staffing_app, name="staffing")

StaffArg = Annotated[Path, typer.Argument(help="Staff CSV: staff_id,iso3,grade,gender,geographic.")]


@staffing_app.command("ranges")
@user_errors
def staffing_ranges_cmd(
    staff: StaffArg,
    contributions: Annotated[
        Path, typer.Option(help="Contributions CSV: iso3,share (normalised).")
    ],
    base: Annotated[
        float | None,
        typer.Option(help="Base figure; default: the posts subject to distribution in STAFF."),
    ] = None,
    membership: Annotated[float, typer.Option(help="Membership factor weight.")] = 0.40,
    population: Annotated[float, typer.Option(help="Population factor weight.")] = 0.05,
    contribution: Annotated[float, typer.Option(help="Contribution factor weight.")] = 0.55,
    flexibility: Annotated[float, typer.Option(help="Range: mid-point -/+ this share.")] = 0.15,
    min_half_width: Annotated[
        float, typer.Option(help="Range at least this many posts each way (UN: 4.8).")
    ] = 0.0,
    min_upper: Annotated[
        float, typer.Option(help="Upper limit at least this many posts (UN: 14).")
    ] = 0.0,
    status: Annotated[
        str | None,
        typer.Option(
            help="Only: unrepresented, under-represented, within range, over-represented."
        ),
    ] = None,
    fmt: Annotated[Format, typer.Option("--format", help="Output format.")] = Format.table,
) -> None:
    """Each Member State's desirable range (UN common-system method) and its status."""
    table = staffing_ranges(
        settings().data_dir,
        _read_text(staff),
        _read_text(contributions),
        base=base,
        weights=RangeWeights(
            membership, population, contribution, flexibility, min_half_width, min_upper
        ),
        source=str(staff),
    )
    if status is not None:
        table = table[table["status"] == status]
    typer.echo(
        render(
            table,
            fmt,
            columns=["iso3", "region", "staff", "lower", "midpoint", "upper", "status"],
        )
    )


@staffing_app.command("gender")
@user_errors
def staffing_gender_cmd(
    staff: StaffArg,
    fmt: Annotated[Format, typer.Option("--format", help="Output format.")] = Format.table,
) -> None:
    """Women and men by grade, the share of women and the gap to parity."""
    typer.echo(
        render(staffing_gender(settings().data_dir, _read_text(staff), source=str(staff)), fmt)
    )


@staffing_app.command("select")
@user_errors
def staffing_select_cmd(
    applicants: Annotated[
        Path, typer.Argument(help="Applicants CSV: applicant_id,iso3,gender,merit.")
    ],
    slots: Annotated[int, typer.Option(help="How many to select.")],
    max_per_country: Annotated[int, typer.Option(help="At most this many per country.")] = 1,
    min_per_region: Annotated[int, typer.Option(help="At least this many per region.")] = 1,
    gender_tolerance: Annotated[
        int, typer.Option(help="Largest allowed difference between women and men.")
    ] = 1,
    staff: Annotated[
        Path | None, typer.Option(help="Staff CSV: its under-represented states get priority.")
    ] = None,
    contributions: Annotated[
        Path | None, typer.Option(help="Contributions CSV for the staff ranges.")
    ] = None,
    min_priority: Annotated[
        int, typer.Option(help="At least this many from unrepresented/under-represented states.")
    ] = 0,
    fmt: Annotated[Format, typer.Option("--format", help="Output format.")] = Format.table,
) -> None:
    """Select interns or young professionals with OR-Tools CP-SAT: the most merit under
    country, region and gender constraints, explained against the merit-only choice."""
    if (staff is None) != (contributions is None):
        raise InvalidInputError("give both --staff and --contributions, or neither")
    if min_priority and staff is None:
        raise InvalidInputError("--min-priority needs --staff and --contributions")
    report = staffing_select(
        settings().data_dir,
        _read_text(applicants),
        Constraints(
            slots, max_per_country, min_per_region, gender_tolerance, min_priority=min_priority
        ),
        staff_text=_read_text(staff) if staff else None,
        contributions_text=_read_text(contributions) if contributions else None,
        source=str(applicants),
    )
    frame = frame_of(report["selected"])
    if fmt is Format.table:
        typer.echo(report["explanation"])
        typer.echo(render(frame, fmt))
        return
    _emit(report, fmt, frame, None)
