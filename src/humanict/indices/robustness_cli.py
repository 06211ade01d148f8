"""`humanict index robustness`: Monte Carlo rank intervals and sensitivity of an index."""

from __future__ import annotations

import json
import sys
from typing import Annotated

import typer

from humanict.cli_support import settings, user_errors
from humanict.data import Warehouse
from humanict.indices.robustness import (
    AGGREGATIONS,
    DEFAULT_CHUNK,
    DEFAULT_CONCENTRATION,
    IMPUTATIONS,
    NORMALISATIONS,
    RobustnessConfig,
)
from humanict.indices.robustness_service import analyse_robustness
from humanict.indices.spec import load_spec
from humanict.output import Format, render


def _options(value: str, allowed: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(v.strip() for v in value.split(",") if v.strip()) if value else allowed


def register(app: typer.Typer) -> None:
    """Add the ``robustness`` command to the index command group."""

    @app.command()
    @user_errors
    def robustness(
        name: Annotated[str, typer.Argument(help="A shipped index (e.g. idi2024).")],
        draws: Annotated[int, typer.Option(help="Monte Carlo draws.")] = 10_000,
        seed: Annotated[int, typer.Option(help="Seed of the random draws.")] = 0,
        concentration: Annotated[
            float,
            typer.Option(
                help="Dirichlet concentration of the weights around the nominal ones "
                "(larger = less noise; inf = nominal weights)."
            ),
        ] = DEFAULT_CONCENTRATION,
        normalisations: Annotated[
            str, typer.Option(help=f"Comma-separated, from {','.join(NORMALISATIONS)}.")
        ] = ",".join(NORMALISATIONS),
        aggregations: Annotated[
            str, typer.Option(help=f"Comma-separated, from {','.join(AGGREGATIONS)}.")
        ] = ",".join(AGGREGATIONS),
        imputations: Annotated[
            str, typer.Option(help=f"Comma-separated, from {','.join(IMPUTATIONS)}.")
        ] = ",".join(IMPUTATIONS),
        scheduler: Annotated[
            str | None,
            typer.Option(help="Dask scheduler address (tcp://host:port); default: run here."),
        ] = None,
        chunk_size: Annotated[int, typer.Option(help="Draws per task.")] = DEFAULT_CHUNK,
        sensitivity: Annotated[
            bool, typer.Option(help="Also estimate the sensitivity indices (6x the work).")
        ] = True,
        fmt: Annotated[
            Format,
            typer.Option(
                "--format",
                help="table: economies then factors; json: everything; csv: economies.",
            ),
        ] = Format.table,
    ) -> None:
        """Rank intervals (5th-95th percentile) of every economy under alternative weights,
        normalisations, aggregations and imputations, and which choice moves ranks most."""
        config = RobustnessConfig(
            draws=draws,
            seed=seed,
            concentration=concentration,
            normalisations=_options(normalisations, NORMALISATIONS),
            aggregations=_options(aggregations, AGGREGATIONS),
            imputations=_options(imputations, IMPUTATIONS),
            chunk_size=chunk_size,
            sensitivity=sensitivity,
        )
        spec, warehouse = load_spec(name), Warehouse(settings().warehouse_path)
        if sys.stderr.isatty():
            with typer.progressbar(length=draws, label="draws", file=sys.stderr) as bar:
                result = analyse_robustness(spec, warehouse, config, scheduler, bar.update)
        else:
            result = analyse_robustness(spec, warehouse, config, scheduler)
        if fmt is Format.json:
            typer.echo(json.dumps(result.as_dict(), indent=2, ensure_ascii=False))
            return
        if fmt is Format.csv:
            typer.echo(render(result.economies, fmt))
            return
        columns = ["iso3", "economy", "nominal_rank", "median_rank", "rank_p05", "rank_p95"]
        typer.echo(render(result.economies, fmt, columns=columns))
        if sensitivity:
            typer.echo(
                "\nSensitivity (first-order s1 and total st; on the rank shift and the ranks):"
            )
            typer.echo(render(result.sensitivity, fmt, float_digits=3))
        typer.echo("\nOptions (mean absolute rank shift, when drawn and alone):")
        typer.echo(render(result.options, fmt, float_digits=2))
        typer.echo(
            f"\n{result.meta['draws']:,} draws, {result.meta['evaluations']:,} evaluations over "
            f"{result.meta['economies']} economies in {result.meta['seconds_draws']:.2f} s "
            f"({result.meta['runner']})"
        )
