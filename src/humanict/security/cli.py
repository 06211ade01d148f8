"""`humanict security ...`: the GCI table and readiness beside connectivity."""

from __future__ import annotations

from typing import Annotated

import typer

from humanict.cli_support import settings, user_errors
from humanict.data import Warehouse
from humanict.output import Format, render
from humanict.security.readiness import DEFAULT_GAP, ReadinessRule
from humanict.security.service import load_gci_table, load_readiness, select_readiness

app = typer.Typer(
    help="Cybersecurity commitment (GCI) beside connectivity (IDI).", no_args_is_help=True
)

Fmt = Annotated[Format, typer.Option("--format", help="Output format.")]


@app.command()
@user_errors
def readiness(
    region: Annotated[str | None, typer.Option(help="ITU Council region A-E.")] = None,
    stat_region: Annotated[
        str | None, typer.Option(help="ITU-D region: AFR, AMS, ARB, ASP, CIS or EUR.")
    ] = None,
    ahead_only: Annotated[
        bool,
        typer.Option(
            "--ahead-only", help="Only Member States whose connectivity runs ahead of security."
        ),
    ] = False,
    gap: Annotated[
        float, typer.Option(help="Percentile points the IDI rank must lead the GCI rank by.")
    ] = DEFAULT_GAP,
    fmt: Fmt = Format.table,
) -> None:
    """IDI 2024 level and GCI 2024 tier of each Member State, and the balance between them
    (rule: docs/methodology/readiness.md)."""
    s = settings()
    table = load_readiness(Warehouse(s.warehouse_path), s.data_dir, ReadinessRule(gap=gap))
    table = select_readiness(table, region=region, stat_region=stat_region, ahead_only=ahead_only)
    typer.echo(
        render(
            table,
            fmt,
            columns=[
                "iso3",
                "economy",
                "council_region",
                "idi",
                "idi_level",
                "gci",
                "gci_tier",
                "idi_percentile",
                "gci_percentile",
                "gap",
                "balance",
            ],
        )
    )


@app.command()
@user_errors
def gci(
    tier: Annotated[int | None, typer.Option(min=1, max=5, help="Only this tier (1-5).")] = None,
    fmt: Fmt = Format.table,
) -> None:
    """GCI 2024 score, tier and pillars beside GCI 2020 and the change, with the 2020 notes."""
    table = load_gci_table(Warehouse(settings().warehouse_path))
    if tier is not None:
        table = table[table["tier"] == tier]
    typer.echo(
        render(
            table,
            fmt,
            columns=["iso3", "economy", "gci", "tier", "gci2020", "change", "flag2020"],
        )
    )
