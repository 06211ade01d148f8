"""Engineering commands (propagation, antennas, link budgets, EPFD), added to `humanict spectrum`."""

from __future__ import annotations

import typer


def register(app: typer.Typer) -> None:
    """Add the engineering commands to the spectrum command group."""
