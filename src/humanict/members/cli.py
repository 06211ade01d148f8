"""`humanict members ...`"""

from __future__ import annotations

from typing import Annotated

import pandas as pd
import typer

from humanict.cli_support import settings, user_errors
from humanict.members.registry import filter_economies, get_economy, load_economies
from humanict.output import Format, render

app = typer.Typer(
    help="The ITU Member States and the other economies of ICT data.", no_args_is_help=True
)


@app.command("list")
@user_errors
def list_members(
    region: Annotated[str | None, typer.Option(help="ITU Council region A-E.")] = None,
    stat_region: Annotated[
        str | None, typer.Option(help="ITU-D region: AFR, AMS, ARB, ASP, CIS or EUR.")
    ] = None,
    all_economies: Annotated[
        bool, typer.Option("--all", help="Include territories that are not Member States.")
    ] = False,
    fmt: Annotated[Format, typer.Option("--format", help="Output format.")] = Format.table,
) -> None:
    """List Member States (or every economy with --all)."""
    economies = filter_economies(
        load_economies(settings().data_dir),
        council_region=region,
        stat_region=stat_region,
        members_only=not all_economies,
    )
    frame = pd.DataFrame([e.as_dict() for e in economies])
    typer.echo(
        render(
            frame,
            fmt,
            columns=[
                "iso3",
                "name",
                "council_region",
                "region_confidence",
                "stat_region",
                "income_group",
                "ldc",
                "lldc",
                "sids",
                "member",
            ],
        )
    )


@app.command("show")
@user_errors
def show(
    iso3: Annotated[str, typer.Argument(help="ISO 3166-1 alpha-3 code, e.g. KEN.")],
    fmt: Annotated[Format, typer.Option("--format")] = Format.table,
) -> None:
    """Show one economy."""
    economy = get_economy(settings().data_dir, iso3)
    typer.echo(render(pd.DataFrame([economy.as_dict()]), fmt))
