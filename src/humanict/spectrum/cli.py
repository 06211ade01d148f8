"""`humanict spectrum`: allocations, satellite filings, deadlines, coordination and EPFD."""

from __future__ import annotations

import json
from typing import Annotated, Any

import pandas as pd
import typer

from humanict.cli_support import settings, user_errors
from humanict.output import Format, render
from humanict.spectrum import service
from humanict.spectrum.engineering_cli import register as register_engineering

app = typer.Typer(
    help="Frequency allocations, satellite filings and deadlines, coordination and interference.",
    no_args_is_help=True,
)
register_engineering(app)

FormatOption = Annotated[Format, typer.Option("--format", help="Output format.")]


def _emit(rows: list[dict[str, Any]], fmt: Format, columns: list[str] | None = None) -> None:
    if not rows:
        typer.echo("[]" if fmt is Format.json else "nothing found")
        return
    frame = pd.DataFrame(rows)
    typer.echo(render(frame, fmt, columns=[c for c in columns or [] if c in frame] or None))


@app.command("allocations")
@user_errors
def allocations(
    freq: Annotated[
        str, typer.Option(help="Frequency or range with unit: 11.7GHz, 137 MHz, 10.7-12.75GHz.")
    ],
    region: Annotated[str | None, typer.Option(help="ITU Region 1, 2 or 3.")] = None,
    member: Annotated[
        str | None, typer.Option(help="Member State (ISO alpha-3), mapped to its Region.")
    ] = None,
    fmt: FormatOption = Format.table,
) -> None:
    """Services (primary/secondary) and footnotes of the Table of Frequency Allocations
    (RR Article 5). A frequency on a band edge is listed in both bands."""
    result = service.allocations(settings(), freq, region, member)
    if fmt is Format.json:
        typer.echo(json.dumps(result, indent=2, ensure_ascii=False))
        return
    rows = service.allocation_rows(result)
    _emit(rows, fmt)
    if fmt is Format.table:
        for band in result["bands"]:
            for note in band["footnotes"]:
                text = note["text"] or "(text not in the shipped transcription)"
                typer.echo(f"{note['ref']}: {text[:160]}{'...' if len(text) > 160 else ''}")


@app.command("import")
@user_errors
def import_registry() -> None:
    """Build the satellite-network registry from the Space Network List snapshot."""
    from humanict.spectrum.registry import build_registry

    s = settings()
    report = build_registry(s.data_dir, s.registry_url)
    typer.echo(
        f"registry {report.url}: {report.networks:,} GSO networks, {report.biu_records:,} "
        f"bringing-into-use records, {report.suspensions:,} suspensions, "
        f"{report.geo_objects:,} GEO objects"
    )


@app.command("filings")
@user_errors
def filings(
    name: Annotated[str | None, typer.Option(help="Part of a network name.")] = None,
    position: Annotated[str | None, typer.Option(help="Orbital position, e.g. 19.2E, 97W.")] = None,
    fmt: FormatOption = Format.table,
) -> None:
    """GSO satellite networks of the registry by name or orbital position."""
    rows = service.filings(settings(), name, position)
    _emit(
        rows,
        fmt,
        [
            "name",
            "longitude",
            "administration",
            "planned",
            "stage",
            "early_filing_date",
            "late_filing_date",
            "biu_date",
        ],
    )


@app.command("timeline")
@user_errors
def timeline(
    name: Annotated[str, typer.Argument(help="Exact network name, e.g. ASTRA-1KR.")],
    as_of: Annotated[str | None, typer.Option(help="Judge deadlines on this date.")] = None,
    fmt: FormatOption = Format.table,
) -> None:
    """The dated events and regulatory deadlines of one network."""
    result = service.filing_timeline(settings(), name, as_of)
    if fmt is Format.json:
        typer.echo(json.dumps(result, indent=2, ensure_ascii=False))
        return
    _emit(result["events"], fmt)


@app.command("deadlines")
@user_errors
def deadlines(
    as_of: Annotated[str | None, typer.Option(help="Date to judge on (YYYY-MM-DD).")] = None,
    horizon_days: Annotated[
        int, typer.Option(help="Also list deadlines due within this many days.")
    ] = 365,
    everything: Annotated[
        bool, typer.Option("--all", help="List every date, met and unknown ones too.")
    ] = False,
    fmt: FormatOption = Format.table,
) -> None:
    """Filings that lapse or miss a milestone (RR Nos. 11.44, 11.44B/C, 11.47, 11.49, Res. 35)."""
    rows = service.deadlines(settings(), as_of, horizon_days, everything)
    _emit(
        rows,
        fmt,
        ["due_on", "status", "rule", "name", "orbit", "longitude", "administration", "event"],
    )


@app.command("milestones")
@user_errors
def milestones(
    end_of_period: Annotated[
        str, typer.Option(help="End of the bringing-into-use period (YYYY-MM-DD).")
    ],
    total: Annotated[int, typer.Option(help="Satellites in the filed system.")],
    deployed: Annotated[int, typer.Option(help="Satellites deployed on the as-of date.")],
    as_of: Annotated[str | None, typer.Option(help="Date to judge on (YYYY-MM-DD).")] = None,
    fmt: FormatOption = Format.table,
) -> None:
    """Resolution 35 milestones (10 %, 50 %, 100 %) of a non-GSO system: met, missed or due."""
    _emit(service.milestones(end_of_period, total, deployed, as_of), fmt)


@app.command("coordination")
@user_errors
def coordination(
    position: Annotated[str, typer.Option(help="Orbital position of the proposed network.")],
    band: Annotated[str | None, typer.Option(help="Band name: C, Ku, Ku-13.4, Ka.")] = None,
    freq: Annotated[str | None, typer.Option(help="Or a frequency, e.g. 11.7GHz.")] = None,
    region: Annotated[str | None, typer.Option(help="ITU Region of the service.")] = None,
    include_unverified: Annotated[
        bool, typer.Option(help="Also use arc values not verified against RR text.")
    ] = False,
    fmt: FormatOption = Format.table,
) -> None:
    """Registry networks inside the coordination arc of RR Appendix 5 Table 5-1."""
    result = service.coordination(settings(), position, band, freq, region, include_unverified)
    if fmt is Format.json:
        typer.echo(json.dumps(result, indent=2, ensure_ascii=False))
        return
    _emit(
        result["networks"],
        fmt,
        [
            "band",
            "frequencies",
            "arc_deg",
            "network",
            "administration",
            "longitude",
            "separation_deg",
            "stage",
        ],
    )
    if fmt is Format.table:
        typer.echo(f"note: {result['condition']}")


@app.command("dtt")
@user_errors
def dtt(
    pe: Annotated[float, typer.Option(help="Interfering earth station power density, dB(W/Hz).")],
    g3: Annotated[float, typer.Option(help="Its antenna gain towards the wanted satellite, dBi.")],
    g4: Annotated[float, typer.Option(help="Wanted satellite receive gain towards it, dBi.")],
    lu: Annotated[float, typer.Option(help="Up-link free-space loss, dB.")],
    ps: Annotated[float, typer.Option(help="Interfering satellite power density, dB(W/Hz).")],
    g1: Annotated[float, typer.Option(help="Its antenna gain towards the wanted earth station.")],
    g2: Annotated[float, typer.Option(help="Wanted earth station gain towards it, dBi.")],
    ld: Annotated[float, typer.Option(help="Down-link free-space loss, dB.")],
    ts: Annotated[float, typer.Option(help="Wanted satellite noise temperature Ts, K.")],
    te: Annotated[float, typer.Option(help="Wanted earth station noise temperature Te, K.")],
    gamma: Annotated[float, typer.Option(help="Transmission gain γ of the wanted link, dB.")],
    fmt: FormatOption = Format.table,
) -> None:
    """Appendix 8 ΔT/T (Case I) of a pair of GSO networks against the 6 % threshold."""
    from humanict.spectrum.coordination import ap8_case1

    result = ap8_case1(
        settings().data_dir,
        pe_dbw_hz=pe, g3_dbi=g3, g4_dbi=g4, lu_db=lu,
        ps_dbw_hz=ps, g1_dbi=g1, g2_dbi=g2, ld_db=ld,
        ts_k=ts, te_k=te, gamma_db=gamma,
    )  # fmt: skip
    row = {
        "delta_ts_k": result.delta_ts_k,
        "delta_te_k": result.delta_te_k,
        "delta_t_k": result.delta_t_k,
        "t_k": result.t_k,
        "dt_over_t_percent": result.dt_over_t_percent,
        "threshold_percent": result.threshold_percent,
        "coordination_required": result.coordination_required,
        "rr_reference": "RR Appendix 8 Case I; threshold: AP5 Table 5-1 item 9)",
    }
    typer.echo(render(pd.DataFrame([row]), fmt, float_digits=3))
