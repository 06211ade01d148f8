"""What every CLI sub-app shares: settings, user-error handling and output."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import ParamSpec, TypeVar

import typer

from humanict.config import Settings
from humanict.errors import HumanictError

P = ParamSpec("P")
R = TypeVar("R")


def settings() -> Settings:
    return Settings()


def user_errors(command: Callable[P, R]) -> Callable[P, R]:
    """Turn a HumanictError into one line on stderr and exit status 1 (no traceback)."""

    @functools.wraps(command)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return command(*args, **kwargs)
        except HumanictError as err:
            typer.echo(f"error: {err}", err=True)
            raise typer.Exit(1) from err

    return wrapper
