"""`humanict data ...`"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, TextColumn
from rich.progress import Progress as ProgressBar

from humanict.cli_support import settings, user_errors
from humanict.data.warehouse import (
    BuildReport,
    Progress,
    Warehouse,
    build_warehouse,
    import_datahub_export,
)
from humanict.output import Format, render

_STDERR = Console(stderr=True)
app = typer.Typer(help="The dataset catalogue and the DuckDB warehouse.", no_args_is_help=True)


def _with_progress(run: Callable[[Progress], BuildReport]) -> BuildReport:
    """Run a build with a progress bar on stderr, one step per dataset."""
    with ProgressBar(
        TextColumn("{task.description}"),
        BarColumn(),
        TextColumn("{task.completed}/{task.total} datasets"),
        transient=True,
        console=_STDERR,
    ) as bar:
        task = bar.add_task("loading", total=None)

        def progress(dataset: str, number: int, total: int) -> None:
            bar.update(task, description=f"loading {dataset}", completed=number - 1, total=total)

        report: BuildReport = run(progress)
        bar.update(task, completed=report.datasets)
    return report


@app.command()
@user_errors
def build() -> None:
    """Build the warehouse from the shipped snapshot (and files imported before)."""
    s = settings()
    report = _with_progress(
        lambda progress: build_warehouse(s.data_dir, s.warehouse_path, s.imports_dir, progress)
    )
    typer.echo(
        f"built {report.path}: {report.observations:,} observations from {report.datasets} "
        f"datasets, {report.economies} economies, in {report.seconds:.1f} s"
    )


@app.command("import")
@user_errors
def import_file(
    file: Annotated[Path, typer.Argument(help="A CSV exported from ITU DataHub.")],
) -> None:
    """Import a newer ITU DataHub CSV export; the warehouse is rebuilt with it, atomically."""
    s = settings()
    report = _with_progress(
        lambda progress: import_datahub_export(
            s.data_dir, file, s.warehouse_path, s.imports_dir, progress
        )
    )
    typer.echo(f"imported {file}; warehouse now holds {report.observations:,} observations")


@app.command()
@user_errors
def sources(fmt: Annotated[Format, typer.Option("--format")] = Format.table) -> None:
    """List the datasets in the warehouse with publisher, licence and vintage."""
    frame = Warehouse(settings().warehouse_path).query("SELECT * FROM datasets ORDER BY id")
    typer.echo(render(frame, fmt, columns=["id", "publisher", "licence", "vintage", "rows"]))


@app.command()
@user_errors
def indicators(fmt: Annotated[Format, typer.Option("--format")] = Format.table) -> None:
    """List the indicators in the warehouse with their unit and coverage."""
    frame = Warehouse(settings().warehouse_path).query(
        "SELECT i.code, i.name, i.unit, count(DISTINCT o.economy) AS economies, "
        "min(o.year) AS first_year, max(o.year) AS last_year "
        "FROM indicators i JOIN observations o ON o.indicator = i.code "
        "GROUP BY ALL ORDER BY i.code"
    )
    typer.echo(render(frame, fmt))
