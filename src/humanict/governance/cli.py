"""`humanict governance`: officials, representation, term limits, elections and staffing."""

from __future__ import annotations

import typer

from humanict.governance.ballot.cli import register as register_ballot

app = typer.Typer(
    help="Officials, representation, term-limit rules, elections and staffing balance.",
    no_args_is_help=True,
)
register_ballot(app)
