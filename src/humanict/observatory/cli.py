"""`humanict observatory`: people offline, gaps, priorities and the cost of connecting everyone."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from humanict.cli_support import settings, user_errors
from humanict.data import Warehouse
from humanict.errors import InvalidInputError
from humanict.observatory import analysis
from humanict.observatory.cost_cli import register as register_cost
from humanict.observatory.reports import offline_report
from humanict.output import Format, render

app = typer.Typer(
    help="People offline, gender, urban/rural and affordability gaps, priorities and costs.",
    no_args_is_help=True,
)
register_cost(app)

Fmt = Annotated[Format, typer.Option("--format", help="Output format.")]
Year = Annotated[int, typer.Option(help="Calendar year of the estimate.")]
DEFAULT_YEAR = 2024


@app.command()
@user_errors
def offline(
    year: Year = DEFAULT_YEAR,
    model: Annotated[
        str | None, typer.Option(help="Trajectory model for years past the last value.")
    ] = None,
    fmt: Fmt = Format.table,
) -> None:
    """People offline per economy, ITU-D region and world, with ITU's published figures."""
    s = settings()
    result = analysis.offline(s.data_dir, Warehouse(s.warehouse_path), year, model)
    if fmt is Format.json:
        typer.echo(json.dumps(offline_report(result, s.data_dir), indent=2, ensure_ascii=False))
        return
    if fmt is Format.csv:
        typer.echo(render(result.economies, fmt))
        return
    world = result.regions[result.regions["region"] == "World"].iloc[0]
    typer.echo(
        f"{year}: {world['offline'] / 1e9:.2f} billion people offline "
        f"({world['offline_pct']:.1f}% of {world['population_covered'] / 1e9:.2f} billion in "
        f"{world['economies_covered']} economies; {world['population_not_covered'] / 1e6:.1f} "
        "million in economies without data)"
    )
    typer.echo(render(result.regions, fmt, float_digits=1))
    typer.echo("")
    typer.echo(
        render(
            result.economies.head(25),
            fmt,
            float_digits=1,
            columns=["iso3", "economy", "population", "internet_pct", "internet_basis", "offline"],
        )
    )


@app.command()
@user_errors
def gaps(
    kind: Annotated[str, typer.Argument(help="gender, urban-rural or affordability.")] = "gender",
    member: Annotated[str | None, typer.Option(help="ISO3 code of one economy.")] = None,
    fmt: Fmt = Format.table,
) -> None:
    """Gender parity scores, urban/rural gaps or affordability against 2% of GNI p.c."""
    s = settings()
    table = analysis.gap_table(kind, s.data_dir, Warehouse(s.warehouse_path))
    if member is not None:
        table = table[table["iso3"] == analysis.find_economy(s.data_dir, member).iso3]
    typer.echo(render(table, fmt))


@app.command()
@user_errors
def priorities(
    region: Annotated[
        str | None, typer.Option(help="ITU-D region: AFR, AMS, ARB, ASP, CIS or EUR.")
    ] = None,
    year: Year = DEFAULT_YEAR,
    limit: Annotated[int | None, typer.Option(help="Show only the first N.")] = None,
    fmt: Fmt = Format.table,
) -> None:
    """Economies calling for attention, ranked, with the reason for each."""
    s = settings()
    table = analysis.priorities(s.data_dir, Warehouse(s.warehouse_path), year, region)
    if limit is not None:
        table = table.head(limit)
    typer.echo(
        render(table, fmt, columns=["rank", "iso3", "economy", "stat_region", "flags", "reasons"])
    )


@app.command()
@user_errors
def trajectory(
    member: Annotated[str, typer.Argument(help="ISO3 code of the economy.")],
    indicator: Annotated[str, typer.Option(help="Warehouse indicator code.")] = "i99H",
    model: Annotated[str | None, typer.Option(help="Model (default: backtest winner).")] = None,
    until: Annotated[int, typer.Option(help="Last year of the projection.")] = 2030,
    fmt: Fmt = Format.table,
) -> None:
    """An economy's observed series and its projection with a 90% prediction interval."""
    s = settings()
    traj = analysis.trajectory(
        Warehouse(s.warehouse_path), s.data_dir, member, indicator, model, until
    )
    if fmt is Format.json:
        typer.echo(json.dumps(traj.as_dict(), indent=2))
        return
    typer.echo(f"{traj.iso3} {traj.indicator}: model {traj.model}")
    typer.echo(render(traj.projection, fmt))


@app.command()
@user_errors
def brief(
    member: Annotated[str, typer.Argument(help="ISO3 code of the economy.")],
    pdf: Annotated[Path | None, typer.Option(help="Write the brief as PDF to this file.")] = None,
    html: Annotated[Path | None, typer.Option(help="Write the brief as HTML to this file.")] = None,
    lang: Annotated[str, typer.Option(help="Language: ar, zh, en, fr, ru or es.")] = "en",
) -> None:
    """A country brief: trends with projections and targets, gaps, level and priority."""
    from humanict.i18n import BY_CODE, using
    from humanict.observatory.brief import build_brief, render_html, render_pdf

    if lang not in BY_CODE:
        raise InvalidInputError(f"--lang {lang!r}: choose one of {', '.join(BY_CODE)}")
    s = settings()
    data = build_brief(s.data_dir, Warehouse(s.warehouse_path), member)
    if pdf is None and html is None:
        pdf = Path(f"{data.iso3}-brief.pdf")
    with using(BY_CODE[lang]):
        if pdf is not None:
            pdf.write_bytes(render_pdf(data))
            typer.echo(f"wrote {pdf}")
        if html is not None:
            html.write_text(render_html(data), encoding="utf-8")
            typer.echo(f"wrote {html}")
