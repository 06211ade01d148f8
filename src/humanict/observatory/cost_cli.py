"""Commands of the cost model, added to `humanict observatory`."""

from __future__ import annotations

import json
from enum import StrEnum
from typing import Annotated

import pandas as pd
import typer

from humanict.cli_support import settings, user_errors
from humanict.data import Warehouse
from humanict.observatory.cost import ASSUMPTIONS_FILE, SCENARIOS, cost_report, load_assumptions
from humanict.output import Format, render

TABLE_COLUMNS = [
    "iso3",
    "economy",
    "scenario",
    "uncovered",
    "new_users",
    "network_usd",
    "total_usd",
]


class Scenario(StrEnum):
    low = "low"
    central = "central"
    high = "high"


class GroupBy(StrEnum):
    stat_region = "stat_region"
    income_group = "income_group"


def register(app: typer.Typer) -> None:
    """Add the cost commands to the observatory command group."""

    @app.command()
    @user_errors
    def cost(
        member: Annotated[
            str | None, typer.Option(help="ISO3 code of one economy (all three scenarios).")
        ] = None,
        scenario: Annotated[
            Scenario | None,
            typer.Option(help="low, central or high cost; default: central, with the range."),
        ] = None,
        by: Annotated[GroupBy | None, typer.Option(help="Also total per group.")] = None,
        fmt: Annotated[Format, typer.Option("--format", help="Output format.")] = Format.table,
    ) -> None:
        """Investment (USD) to reach universal broadband by 2030, per economy and world."""
        s = settings()
        report = cost_report(
            Warehouse(s.warehouse_path),
            s.data_dir,
            scenario.value if scenario else None,
            member,
            by.value if by else None,
        )
        if fmt is Format.json:
            typer.echo(json.dumps(report, indent=2, ensure_ascii=False))
            return
        economies = pd.DataFrame(report["economies"])
        if fmt is Format.csv:
            typer.echo(render(economies, fmt))
            return
        shown = economies if member else economies.dropna(subset=["total_usd"]).head(40)
        typer.echo(render(shown, fmt, columns=TABLE_COLUMNS))
        if not member:
            typer.echo(f"(the 40 largest of {len(economies)}; --format csv lists every economy)")
        world = pd.DataFrame(report["world"])
        typer.echo("\nWorld (modelled economies), USD:")
        typer.echo(
            render(
                world,
                fmt,
                float_digits=0,
                columns=["scenario", "network_usd", "devices", "total_usd", "economies"],
            )
        )
        if report["groups"]:
            typer.echo(f"\nBy {by}:")
            typer.echo(
                render(
                    pd.DataFrame(report["groups"]),
                    fmt,
                    float_digits=0,
                    columns=["scenario", "group", "total_usd", "economies"],
                )
            )

    @app.command("cost-assumptions")
    @user_errors
    def cost_assumptions(
        fmt: Annotated[Format, typer.Option("--format", help="Output format.")] = Format.table,
    ) -> None:
        """The parameters of the cost model with their scenario values and sources."""
        assumptions = load_assumptions(settings().data_dir / ASSUMPTIONS_FILE)
        frame = pd.DataFrame(
            [
                {
                    "parameter": p.name,
                    **p.values,
                    "unit": p.unit,
                    "kind": p.kind,
                    "source": p.source,
                }
                for p in assumptions.parameters.values()
            ]
        )
        typer.echo(render(frame, fmt, columns=["parameter", *SCENARIOS, "unit", "kind"]))
