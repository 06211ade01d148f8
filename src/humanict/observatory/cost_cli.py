"""Commands of the cost model, added to `humanict observatory`."""

from __future__ import annotations

import typer


def register(app: typer.Typer) -> None:
    """Add the cost commands to the observatory command group."""
