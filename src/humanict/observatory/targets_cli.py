"""`humanict targets`: the 2025/2030 targets, the ITU-custodian SDG indicators, and progress."""

from __future__ import annotations

import json
from typing import Annotated

import pandas as pd
import typer

from humanict.cli_support import settings, user_errors
from humanict.data import Warehouse
from humanict.errors import InvalidInputError
from humanict.observatory.analysis import group_progress, targets_progress
from humanict.observatory.targets import load_sdg_indicators, load_targets
from humanict.output import Format, records, render

app = typer.Typer(
    help="Broadband Commission 2025 and UMC 2030 targets, SDG ICT indicators, progress.",
    no_args_is_help=True,
)
Fmt = Annotated[Format, typer.Option("--format", help="Output format.")]


@app.command("list")
@user_errors
def list_targets(
    framework: Annotated[
        str | None, typer.Option(help="Only this framework, e.g. 'UMC 2030'.")
    ] = None,
    fmt: Fmt = Format.table,
) -> None:
    """List the targets with their indicator, threshold, year and source."""
    frame = pd.DataFrame([t.as_dict() for t in load_targets(settings().data_dir)])
    if framework is not None:
        frame = frame[frame["framework"].str.lower() == framework.lower()]
    typer.echo(
        render(
            frame,
            fmt,
            columns=["id", "indicator", "comparator", "met_at", "target_year", "applies_to"],
        )
    )


@app.command()
@user_errors
def sdg(fmt: Fmt = Format.table) -> None:
    """List the SDG indicators for which ITU is custodian, with definitions and series."""
    frame = pd.DataFrame([i.as_dict() for i in load_sdg_indicators(settings().data_dir)])
    typer.echo(render(frame, fmt, columns=["code", "un_series", "indicators", "name"]))


@app.command()
@user_errors
def progress(
    member: Annotated[str | None, typer.Option(help="ISO3 code of the economy, e.g. KEN.")] = None,
    group: Annotated[
        str | None, typer.Option(help="Instead of --member: world, developing or ldc.")
    ] = None,
    model: Annotated[str | None, typer.Option(help="Model (default: backtest winner).")] = None,
    fmt: Fmt = Format.table,
) -> None:
    """Where an economy or a group stands on each target: met, on track or off track."""
    s = settings()
    warehouse = Warehouse(s.warehouse_path)
    if (member is None) == (group is None):
        raise InvalidInputError("give either --member ISO3 or --group world|developing|ldc")
    if group is not None:
        frame = group_progress(s.data_dir, warehouse, group)
        payload = {"group": group, "targets": records(frame)}
    else:
        economy, frame = targets_progress(s.data_dir, warehouse, str(member), model)
        payload = {"iso3": economy.iso3, "economy": economy.name, "targets": records(frame)}
    if fmt is Format.json:
        typer.echo(json.dumps(payload, indent=2, ensure_ascii=False))
        return
    typer.echo(
        render(
            frame,
            fmt,
            columns=[
                "target",
                "indicator",
                "latest",
                "latest_year",
                "met_at",
                "target_year",
                "projected",
                "year_met",
                "status",
            ],
        )
    )
