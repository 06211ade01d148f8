"""The `humanict` command: one sub-command group per package, plus `serve`."""

from __future__ import annotations

from typing import Annotated

import typer

from humanict.cli_support import settings, user_errors
from humanict.data.cli import app as data_app
from humanict.foresight.cli import app as foresight_app
from humanict.governance.cli import app as governance_app
from humanict.i18n.cli import app as i18n_app
from humanict.indices.cli import app as index_app
from humanict.members.cli import app as members_app
from humanict.observatory.cli import app as observatory_app
from humanict.observatory.targets_cli import app as targets_app
from humanict.security.cli import app as security_app
from humanict.spectrum.cli import app as spectrum_app
from humanict.wsis.cli import app as wsis_app

app = typer.Typer(
    help="humanict: the digital-development observatory of the Five Steps to ICT Humanization.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)
app.add_typer(members_app, name="members")
app.add_typer(data_app, name="data")
app.add_typer(index_app, name="index")
app.add_typer(observatory_app, name="observatory")
app.add_typer(targets_app, name="targets")
app.add_typer(governance_app, name="governance")
app.add_typer(spectrum_app, name="spectrum")
app.add_typer(security_app, name="security")
app.add_typer(wsis_app, name="wsis")
app.add_typer(foresight_app, name="foresight")
app.add_typer(i18n_app, name="i18n")


@app.command()
@user_errors
def serve(
    host: Annotated[str | None, typer.Option(help="Address to listen on.")] = None,
    port: Annotated[int | None, typer.Option(help="Port to listen on.")] = None,
    warm: Annotated[
        bool, typer.Option(help="Compute the default foresight gap report in the background.")
    ] = True,
    workers: Annotated[
        int,
        typer.Option(
            help="Server processes (e.g. 2 on 2 cores while 193 delegations vote); each reads "
            "its settings from the environment."
        ),
    ] = 1,
) -> None:
    """Serve the web observatory (builds the warehouse first if it is missing or stale).

    The default foresight gap report is computed in a background thread (or read from its
    cache); /foresight says it is being prepared until it is ready.
    """
    import uvicorn

    from humanict.data import build_warehouse, is_stale
    from humanict.web.workers import serve_workers, serving_app

    s = settings()
    if is_stale(s.data_dir, s.warehouse_path, s.imports_dir):
        typer.echo(f"building the warehouse {s.warehouse_path} from {s.data_dir} ...")
        report = build_warehouse(s.data_dir, s.warehouse_path, s.imports_dir)
        typer.echo(f"built: {report.observations:,} observations in {report.seconds:.1f} s")
    host = host or s.host
    port = port or s.port
    typer.echo(f"humanict observatory on http://{host}:{port}/ (API docs at /docs)")
    if warm:
        from humanict.foresight import service as foresight_service

        foresight_service.warm(s, typer.echo)
    if workers > 1:
        serve_workers(host, port, workers, typer.echo)
        return
    uvicorn.run(serving_app(s), host=host, port=port, log_level="warning")
