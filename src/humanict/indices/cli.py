"""`humanict index ...`"""

from __future__ import annotations

from typing import Annotated

import pandas as pd
import typer

from humanict.cli_support import settings, user_errors
from humanict.data import Warehouse
from humanict.indices.levels import level_counts
from humanict.indices.robustness_cli import register as register_robustness
from humanict.indices.service import compute_index, compute_trend
from humanict.indices.spec import available_specs, load_spec
from humanict.output import Format, render

app = typer.Typer(
    help="Composite indices computed from the warehouse (IDI 2024, ...).", no_args_is_help=True
)

Name = Annotated[str, typer.Argument(help="A shipped index (e.g. idi2024) or a spec .toml path.")]
Fmt = Annotated[Format, typer.Option("--format", help="Output format.")]


@app.command("list")
@user_errors
def list_indices(fmt: Fmt = Format.table) -> None:
    """List the shipped index specs."""
    rows = []
    for name in available_specs():
        spec = load_spec(name)
        rows.append(
            {
                "id": spec.id,
                "name": spec.name,
                "publisher": spec.publisher,
                "pillars": ";".join(p.id for p in spec.pillars),
                "components": len(spec.components),
            }
        )
    typer.echo(render(pd.DataFrame(rows), fmt))


@app.command()
@user_errors
def compute(
    name: Name,
    year: Annotated[
        int | None, typer.Option(help="Recompute for this year from the latest series.")
    ] = None,
    fmt: Fmt = Format.table,
) -> None:
    """Compute an index: the published edition, or --year for a recomputed year.

    Imputed components are listed in ``imputed``; CSV and JSON add ``imputation`` (for each
    imputed component: the method and the inputs it used) and the rank interval
    ``rank_low``-``rank_high`` that the imputation draws leave."""
    spec = load_spec(name)
    frame = compute_index(spec, Warehouse(settings().warehouse_path), year)
    typer.echo(
        render(
            frame,
            fmt,
            columns=[
                "iso3",
                "economy",
                "year",
                "kind",
                spec.column,
                f"{spec.column}_low",
                f"{spec.column}_high",
                "rank",
                *[p.id for p in spec.pillars],
                "level",
                "n_imputed",
                "imputed",
            ],
        )
    )


@app.command()
@user_errors
def trend(
    name: Name,
    member: Annotated[str | None, typer.Option(help="ISO3 code of one economy.")] = None,
    fmt: Fmt = Format.table,
) -> None:
    """The edition and every recomputed year, for trend charts."""
    spec = load_spec(name)
    frame = compute_trend(spec, Warehouse(settings().warehouse_path))
    if member:
        frame = frame[frame["iso3"] == member.strip().upper()]
    frame = frame.sort_values(["iso3", "year", "kind"])
    typer.echo(
        render(
            frame,
            fmt,
            columns=["iso3", "economy", "year", "kind", spec.column, "level", "n_imputed"],
        )
    )


@app.command()
@user_errors
def levels(
    name: Name,
    by: Annotated[
        str, typer.Option(help="Group by: stat_region, council_region or income_group.")
    ] = "stat_region",
    fmt: Fmt = Format.table,
) -> None:
    """Counts of economies per level, overall and per region."""
    spec = load_spec(name)
    warehouse = Warehouse(settings().warehouse_path)
    frame = level_counts(spec, compute_index(spec, warehouse), warehouse, by)
    typer.echo(render(frame, fmt))


register_robustness(app)
