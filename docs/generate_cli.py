"""Write docs/cli.md from the commands' --help (run: python docs/generate_cli.py)."""

from __future__ import annotations

from pathlib import Path

import typer
from typer.testing import CliRunner

from humanict.cli import app


def commands(group: typer.Typer = app, prefix: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    """Every command path of the CLI, groups first."""
    found = [prefix]
    for info in group.registered_commands:
        found.append((*prefix, info.name or info.callback.__name__))  # type: ignore[union-attr]
    for sub in group.registered_groups:
        found.extend(commands(sub.typer_instance, (*prefix, sub.name)))  # type: ignore[arg-type]
    return found


def main() -> None:
    runner = CliRunner()
    parts = ["# CLI reference\n\nGenerated from `--help` by `python docs/generate_cli.py`.\n"]
    for path in commands():
        result = runner.invoke(
            app,
            [*path, "--help"],
            prog_name="humanict",
            env={"COLUMNS": "100", "NO_COLOR": "1", "TERM": "dumb"},
        )
        parts.append(f"## humanict {' '.join(path)}\n\n```\n{result.output.rstrip()}\n```\n")
    Path(__file__).with_name("cli.md").write_text("\n".join(parts), encoding="utf-8")


if __name__ == "__main__":
    main()
