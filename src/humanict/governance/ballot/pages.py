"""Pages of the secret ballot: the list of elections, the election officer's console, a
delegation's ballot page (encryption in the browser) and the public results with the audit
trail."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import FileResponse, HTMLResponse
from fastapi.templating import Jinja2Templates
from jinja2 import ChoiceLoader, FileSystemLoader

from humanict.governance.ballot.api import ballot_service
from humanict.web.templating import make_templates

HERE = Path(__file__).parent
router = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)
_templates: Jinja2Templates | None = None


def _render(request: Request, name: str, context: dict[str, Any]) -> HTMLResponse:
    global _templates
    if _templates is None:
        _templates = make_templates()
        assert _templates.env.loader is not None
        _templates.env.loader = ChoiceLoader(
            [FileSystemLoader(str(HERE / "templates")), _templates.env.loader]
        )
    response: HTMLResponse = _templates.TemplateResponse(request, name, context)
    return response


@router.get("/ballot-assets/ballot.js")
def ballot_js() -> FileResponse:
    return FileResponse(HERE / "static" / "ballot.js", media_type="text/javascript")


@router.get("/elections")
def elections_page(request: Request) -> HTMLResponse:
    return _render(request, "elections.html", {"elections": ballot_service(request).elections()})


@router.get("/elections/console")
def console_page(request: Request) -> HTMLResponse:
    service = ballot_service(request)
    rows = [service.status(e["id"]) for e in service.elections()]
    return _render(request, "election_console.html", {"elections": rows})


@router.get("/elections/{eid}/ballot")
def ballot_page(eid: str, request: Request) -> HTMLResponse:
    status = ballot_service(request).status(eid)
    return _render(request, "ballot.html", {"e": status})


@router.get("/elections/{eid}")
def results_page(eid: str, request: Request) -> HTMLResponse:
    service = ballot_service(request)
    entries = [e.as_dict() for e in service.board(eid)]
    options = {
        e["payload"]["round"]: e["payload"]["options"] for e in entries if e["kind"] == "open"
    }
    return _render(
        request,
        "election_results.html",
        {
            "e": service.status(eid),
            "results": service.results(eid),
            "entries": entries,
            "options": options,
        },
    )
