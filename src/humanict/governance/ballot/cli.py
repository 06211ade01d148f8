"""Commands of the verifiable secret ballot, added to `humanict governance`."""

from __future__ import annotations

import typer


def register(app: typer.Typer) -> None:
    """Add the ballot commands to the governance command group."""
