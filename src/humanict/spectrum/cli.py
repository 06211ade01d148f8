"""`humanict spectrum`: allocations, satellite filings, deadlines, coordination and EPFD."""

from __future__ import annotations

import typer

from humanict.spectrum.engineering_cli import register as register_engineering

app = typer.Typer(
    help="Frequency allocations, satellite filings and deadlines, coordination and interference.",
    no_args_is_help=True,
)
register_engineering(app)
