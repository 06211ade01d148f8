"""`humanict observatory`: people offline, gaps, priorities and the cost of connecting everyone."""

from __future__ import annotations

import typer

from humanict.observatory.cost_cli import register as register_cost

app = typer.Typer(
    help="People offline, gender, urban/rural and affordability gaps, priorities and costs.",
    no_args_is_help=True,
)
register_cost(app)
