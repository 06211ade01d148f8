"""Turn errors into one JSON shape under ``/api`` and an HTML error page elsewhere."""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from humanict.errors import HumanictError
from humanict.i18n import N_, gettext
from humanict.web.schemas import ErrorPublic

_TITLES = {404: N_("Not found"), 409: N_("Conflict"), 422: N_("Invalid input")}


def error_response(
    request: Request, status: int, message: str, errors: list[dict[str, Any]] | None = None
) -> Response:
    """The JSON error shape for API paths, the error page for everything else."""
    if request.url.path.startswith("/api"):
        body = ErrorPublic(error=message, errors=errors or [], status=status)
        return JSONResponse(body.model_dump(), status_code=status)
    templates = request.app.state.templates
    response: HTMLResponse = templates.TemplateResponse(
        request,
        "error.html",
        {"status": status, "title": gettext(_TITLES.get(status, N_("Error"))), "message": message},
        status_code=status,
    )
    return response


async def _humanict_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HumanictError)
    return error_response(request, exc.status, str(exc))


async def _http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, StarletteHTTPException)
    message = str(exc.detail)
    if exc.status_code == 404 and request.url.path.startswith("/api"):
        message = f"no endpoint at {request.url.path!r}; /docs lists the API endpoints"
    elif exc.status_code == 404:
        message = gettext("no page at %(path)r; the observatory starts at /") % {
            "path": request.url.path
        }
    return error_response(request, exc.status_code, message)


async def _validation_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, RequestValidationError)
    details = [
        {"loc": list(e.get("loc", ())), "msg": e.get("msg", ""), "input": e.get("input")}
        for e in exc.errors()
    ]
    where = "; ".join(f"{'.'.join(map(str, d['loc']))}: {d['msg']}" for d in details)
    # The API answers in English (stable messages); pages in the request's language.
    message = f"invalid request: {where}"
    if not request.url.path.startswith("/api"):
        message = gettext("invalid request: %(where)s") % {"where": where}
    return error_response(request, 422, message, details)


def install_error_handlers(app: FastAPI) -> None:
    app.add_exception_handler(HumanictError, _humanict_error)
    app.add_exception_handler(StarletteHTTPException, _http_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
