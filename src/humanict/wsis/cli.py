"""`humanict wsis ...`: WSIS action lines, their SDG links and the indicators measuring them."""

from __future__ import annotations

from typing import Annotated

import typer

from humanict.cli_support import settings, user_errors
from humanict.data import Warehouse
from humanict.output import Format, render
from humanict.wsis.indicators import summarise_links
from humanict.wsis.matrix import action_lines, links_of, links_to_sdg, load_goals, load_matrix
from humanict.wsis.service import line_indicators

app = typer.Typer(
    help="WSIS action lines C1-C11 linked to SDG targets and to the ICT indicators.",
    no_args_is_help=True,
)

Fmt = Annotated[Format, typer.Option("--format", help="Output format.")]
Line = Annotated[str, typer.Argument(help="C1-C11, or a C7 sub-line such as C7.e-health.")]
ConfirmedOnly = Annotated[
    bool, typer.Option("--confirmed-only", help="Leave out the links the source disputes.")
]


@app.command()
@user_errors
def lines(
    sdg: Annotated[
        str | None,
        typer.Option(help="Only lines linked to this SDG goal (9) or target (9.c)."),
    ] = None,
    fmt: Fmt = Format.table,
) -> None:
    """List the action lines (C7 by sub-line) with their SDG goals and targets."""
    links = load_matrix(settings().data_dir)
    if sdg is not None:
        links = links_to_sdg(links, sdg)
    typer.echo(
        render(
            action_lines(links),
            fmt,
            columns=["line", "name", "goals", "links", "disputed"],
        )
    )


@app.command()
@user_errors
def show(line: Line, confirmed_only: ConfirmedOnly = False, fmt: Fmt = Format.table) -> None:
    """The SDG links of an action line, with the source's flags and the ICT indicators
    (and warehouse codes) that measure the linked targets."""
    s = settings()
    links = links_of(load_matrix(s.data_dir), line, confirmed_only=confirmed_only)
    reached = line_indicators(
        s.data_dir, Warehouse(s.warehouse_path), line, confirmed_only=confirmed_only
    )
    table = summarise_links(links, reached, load_goals(s.data_dir))
    typer.echo(
        render(
            table,
            fmt,
            columns=[
                "line",
                "goal",
                "goal_name",
                "target",
                "status",
                "sdg_indicators",
                "warehouse_codes",
            ],
        )
    )


@app.command()
@user_errors
def indicators(
    line: Annotated[
        str | None, typer.Argument(help="An action line (all lines if omitted).")
    ] = None,
    confirmed_only: ConfirmedOnly = False,
    fmt: Fmt = Format.table,
) -> None:
    """The SDG ICT indicators reached by each link, the series measuring them and their
    coverage in the warehouse: one row per (link, indicator, series)."""
    s = settings()
    table = line_indicators(
        s.data_dir, Warehouse(s.warehouse_path), line, confirmed_only=confirmed_only
    )
    typer.echo(
        render(
            table,
            fmt,
            columns=[
                "line",
                "target",
                "via",
                "sdg_indicator",
                "code",
                "database",
                "match",
                "in_warehouse",
                "economies",
                "last_year",
            ],
        )
    )
