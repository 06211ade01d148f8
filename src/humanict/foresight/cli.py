"""`humanict foresight ...`: standards catalogue, signals, topics and standardization gaps."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import pandas as pd
import typer

from humanict.cli_support import settings, user_errors
from humanict.foresight import service, store
from humanict.foresight.search import search as search_catalogue
from humanict.output import Format, render

app = typer.Typer(
    help="Foresight: standards catalogue, technology signals, emerging topics and gaps.",
    no_args_is_help=True,
)

AsOf = Annotated[int, typer.Option("--as-of", help="Last year of signals and standards used.")]
Window = Annotated[int, typer.Option(help="Years of signals up to --as-of (Porter: 10).")]
Topics = Annotated[int, typer.Option("--topics", help="Number of topics.")]
Backend = Annotated[str, typer.Option(help="Topic model: nmf (no download) or embeddings.")]
Scope = Annotated[
    str, typer.Option("--coverage", help="Standards that count as coverage: all bodies or itu.")
]
Scheduler = Annotated[
    str | None,
    typer.Option(help="Dask scheduler address (tcp://host:port); default: in-process."),
]
FormatOpt = Annotated[Format, typer.Option("--format", help="Output format.")]


def _progress(label: str, count: int) -> None:
    typer.echo(f"  {label}: {count:,}", err=True)


@app.command()
@user_errors
def build(
    abstracts: Annotated[
        Path | None,
        typer.Option(
            help="Abstracts: the raw catalogue folder or a CSV/JSONL (identifier, abstract)."
        ),
    ] = None,
) -> None:
    """Build the foresight database (catalogue and signals) from the shipped snapshot."""
    s = settings()
    steps = ["catalogue", "abstracts", "patents", "drafts and study items", "papers", "written"]
    with typer.progressbar(length=len(steps), label="building foresight", file=None) as bar:

        def progress(label: str, count: int) -> None:
            bar.update(1)
            typer.echo(f"  {label}: {count:,}", err=True)

        report = service.rebuild(s, abstracts, progress)
    typer.echo(
        f"built {s.foresight_path}: {report.standards:,} standards "
        f"({report.abstracts:,} with abstracts), {report.signals:,} signals "
        f"in {report.seconds:.1f} s"
    )


@app.command()
@user_errors
def snapshot(
    source: Annotated[Path, typer.Option(help="Folder of the raw catalogue CSVs.")],
) -> None:
    """Rewrite data/standards (catalogue without abstracts, patent sample) from raw catalogues."""
    s = settings()
    count = store.write_snapshot(source, s.data_dir, _progress)
    typer.echo(f"wrote {count:,} standards to {store.standards_dir(s.data_dir)}")


@app.command()
@user_errors
def search(
    query: Annotated[str, typer.Argument(help="Words to search for.")],
    limit: Annotated[int, typer.Option(help="Number of results.")] = 20,
    body: Annotated[
        list[str] | None, typer.Option(help="Only these bodies (repeat): ITU-T, ETSI, ...")
    ] = None,
    in_force: Annotated[bool, typer.Option(help="Leave out withdrawn and superseded.")] = False,
    fmt: FormatOpt = Format.table,
) -> None:
    """Find standards across all bodies, best match first (TF-IDF cosine)."""
    index = service.search_index(settings())
    result = search_catalogue(index, query, limit=limit, bodies=body, in_force=in_force)
    typer.echo(render(result, fmt, float_digits=3))


@app.command("import-papers")
@user_errors
def import_papers(
    file: Annotated[Path, typer.Argument(help="CSV or JSONL: id, date, title, abstract, source.")],
) -> None:
    """Add papers to the signals (kept for later builds) and rebuild the database."""
    s = settings()
    papers = store.import_papers(file, s.imports_dir)
    report = service.rebuild(s, None, None)
    typer.echo(f"imported {len(papers):,} papers; the database now has {report.signals:,} signals")


@app.command()
@user_errors
def signals(
    fmt: FormatOpt = Format.table,
) -> None:
    """Signals per source and year (patents, drafts and study items, papers)."""
    _, corpus = service.load(settings(), _progress)
    table = corpus.groupby(["source", "kind"]).agg(
        signals=("id", "size"), first=("year", "min"), last=("year", "max")
    )
    typer.echo(render(table.reset_index(), fmt))


@app.command()
@user_errors
def topics(
    as_of: AsOf = 2018,
    window: Window = 10,
    n_topics: Topics = 40,
    backend: Backend = "nmf",
    fmt: FormatOpt = Format.table,
) -> None:
    """Topics of the signals with their top terms and yearly counts."""
    report = service.report(
        settings(), as_of, window=window, n_topics=n_topics, backend=backend, progress=_progress
    )
    rows = [
        {
            "topic": t.topic,
            "label": t.label,
            "terms": "; ".join(t.terms),
            "records": t.records,
            "counts": " ".join(str(c) for c in t.counts),
            "growth": t.growth,
            "escore": t.escore,
            "burst_years": " ".join(str(y) for y in t.burst_years),
        }
        for t in sorted(report.topics, key=lambda t: t.topic)
    ]
    typer.echo(render(pd.DataFrame(rows), fmt))


@app.command()
@user_errors
def gaps(
    as_of: AsOf = 2018,
    window: Window = 10,
    n_topics: Topics = 40,
    backend: Backend = "nmf",
    coverage: Scope = "all",
    limit: Annotated[int, typer.Option(help="Number of gaps listed.")] = 20,
    scheduler: Scheduler = None,
    fmt: FormatOpt = Format.table,
) -> None:
    """Ranked standardization gaps: emerging topics no earlier standard covers."""
    report = service.report(
        settings(),
        as_of,
        window=window,
        n_topics=n_topics,
        backend=backend,
        scope=coverage,
        scheduler=scheduler,
        progress=_progress,
    )
    top = report.topics[:limit]
    if fmt is Format.json:
        typer.echo(json.dumps([t.as_dict() | {"rank": t.rank} for t in top], indent=2))
        return
    typer.echo(
        render(
            report.frame().head(limit),
            fmt,
            float_digits=3,
            columns=["rank", "label", "gap", "emergence", "coverage", "burst", "study_group"],
        )
    )


@app.command()
@user_errors
def topic(
    number: Annotated[int, typer.Argument(help="Topic number (from `gaps` or `topics`).")],
    as_of: AsOf = 2018,
    window: Window = 10,
    n_topics: Topics = 40,
    backend: Backend = "nmf",
    coverage: Scope = "all",
) -> None:
    """One topic with its evidence (JSON): signals driving it, nearest standards, study group."""
    from humanict.errors import NotFoundError

    report = service.report(
        settings(), as_of, window=window, n_topics=n_topics, backend=backend, scope=coverage
    )
    try:
        found = report.topic(number)
    except KeyError as err:
        raise NotFoundError(f"no topic {number}: topics are 0-{n_topics - 1}") from err
    typer.echo(json.dumps(found.as_dict(), indent=2))
