"""`humanict i18n ...`: keep the translation catalogues and report their coverage."""

from __future__ import annotations

from typing import Annotated

import pandas as pd
import typer

from humanict.cli_support import user_errors
from humanict.i18n import maintenance
from humanict.i18n.catalogues import TEMPLATE
from humanict.output import Format, render

app = typer.Typer(
    help="Translations of the pages and briefs: catalogues and their coverage.",
    no_args_is_help=True,
)


@app.command("extract")
@user_errors
def extract() -> None:
    """Extract the strings users see into messages.pot and bring every .po in line with it
    (new strings arrive untranslated, translations are kept, dropped strings are removed)."""
    template = maintenance.extract()
    maintenance.update(template)
    typer.echo(
        f"{len(template)} strings written to {TEMPLATE} and the catalogues of "
        + ", ".join(lang.code for lang in maintenance.TRANSLATED)
    )


@app.command("compile")
@user_errors
def compile_catalogues() -> None:
    """Compile every .po to its .mo (as `make install` does with `pybabel compile`)."""
    for path in maintenance.compile_all():
        typer.echo(f"wrote {path}")


@app.command("coverage")
@user_errors
def coverage(
    missing: Annotated[
        bool, typer.Option("--missing", help="List the strings each language lacks.")
    ] = False,
    fmt: Annotated[Format, typer.Option("--format", help="Output format.")] = Format.table,
) -> None:
    """Per language: strings in the pages and code, how many are translated, what is missing.

    Exits with status 1 when a catalogue lacks a string the code uses (run `humanict i18n
    extract`); untranslated strings show in English and are only reported."""
    template = maintenance.extract()
    reports = [maintenance.coverage(template, lang) for lang in maintenance.TRANSLATED]
    frame = pd.DataFrame(
        [
            {
                "language": r.language.code,
                "locale": r.language.locale,
                "strings": r.total,
                "translated": r.translated,
                "percent": round(r.percent, 1),
                "untranslated": len(r.untranslated),
                "not_in_catalogue": len(r.missing),
            }
            for r in reports
        ]
    )
    typer.echo(render(frame, fmt))
    if missing and fmt is Format.table:
        for r in reports:
            for text in r.missing:
                typer.echo(f"{r.language.code}\tnot in catalogue\t{text}")
            for text in r.untranslated:
                typer.echo(f"{r.language.code}\tuntranslated\t{text}")
    if any(r.missing for r in reports):
        typer.echo(
            "error: catalogues lack strings the code uses; run `humanict i18n extract`", err=True
        )
        raise typer.Exit(1)
