"""The application factory of the web observatory."""

from __future__ import annotations

from fastapi import FastAPI, Request
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import HTMLResponse, Response
from fastapi.staticfiles import StaticFiles

from humanict import __version__
from humanict.config import Settings
from humanict.data import Warehouse
from humanict.governance.ballot import api as ballot_api
from humanict.governance.ballot import pages as ballot_pages
from humanict.spectrum import engineering_web
from humanict.web import (
    api_compare,
    api_cost,
    api_foresight,
    api_governance,
    api_indicators,
    api_indices,
    api_members,
    api_observatory,
    api_security,
    api_sources,
    api_spectrum_registry,
    api_wsis,
    compare_pages,
    cost_pages,
    observatory_pages,
    pages,
    pages_governance,
    pages_security,
    pages_spectrum,
    robustness,
)
from humanict.web.cache import IndexCache
from humanict.web.errors import install_error_handlers
from humanict.web.language import LanguageMiddleware
from humanict.web.templating import (
    STATIC_DIR,
    VENDOR_URL,
    make_templates,
    missing_assets,
    vendor_urls,
)

DESCRIPTION = (
    "The humanict digital-development observatory: ITU Member States, ICT indicators with "
    "their provenance, and the ICT Development Index 2024 with its levels and trend. "
    'Errors have the shape `{"ok": false, "error": "...", "errors": [], "status": 404}`.'
)


def create_app(settings: Settings | None = None) -> FastAPI:
    """Build the app: JSON API under /api/v1, pages, local static files, offline API docs."""
    settings = settings or Settings()
    app = FastAPI(
        title="humanict observatory",
        version=__version__,
        description=DESCRIPTION,
        docs_url=None,
        redoc_url=None,
    )
    app.state.settings = settings
    app.state.warehouse = Warehouse(settings.warehouse_path)
    app.state.index_cache = IndexCache(app.state.warehouse)
    app.state.templates = make_templates()

    install_error_handlers(app)
    app.add_middleware(LanguageMiddleware)
    # The ballot API comes first: routes are matched in order, and with 193 delegations casting
    # at once the cast should not be tried against every other route first.
    for router in (
        ballot_api.router,
        api_members.router,
        api_indicators.router,
        api_indices.router,
        api_sources.router,
        api_security.router,
        api_wsis.router,
        ballot_pages.router,
        pages.router,
        pages_security.router,
        api_spectrum_registry.router,
        pages_spectrum.router,
        api_governance.router,
        pages_governance.router,
        api_cost.router,
        robustness.router,
        robustness.pages,
        cost_pages.router,
        engineering_web.api_router,
        engineering_web.page_router,
        api_observatory.router,
        observatory_pages.router,
        api_foresight.router,
        api_foresight.pages,
        api_compare.router,
        compare_pages.router,
    ):
        app.include_router(router)

    # The vendor mount comes first: /static would otherwise shadow it.
    if settings.assets_dir.is_dir():
        app.mount(VENDOR_URL, StaticFiles(directory=settings.assets_dir), name="vendor")
    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")

    @app.get("/docs", include_in_schema=False)
    def docs(request: Request) -> Response:
        """Swagger UI served from the locally installed swagger-ui-dist package."""
        missing = [p for p in missing_assets(settings.assets_dir) if "swagger" in p]
        if missing:
            return request.app.state.templates.TemplateResponse(  # type: ignore[no-any-return]
                request,
                "error.html",
                {
                    "status": 503,
                    "title": "API docs assets missing",
                    "message": f"swagger-ui is not installed ({', '.join(missing)} missing under "
                    f"{settings.assets_dir}); run `make assets`. The OpenAPI schema "
                    "is at /openapi.json.",
                },
                status_code=503,
            )
        urls = vendor_urls()
        page: HTMLResponse = get_swagger_ui_html(
            openapi_url=app.openapi_url or "/openapi.json",
            title=f"{app.title} - API docs",
            swagger_js_url=urls["swagger_js"],
            swagger_css_url=urls["swagger_css"],
            swagger_favicon_url="/static/favicon.svg",
            # Deep links put a link inside each operation's toggle button (nested controls).
            swagger_ui_parameters={"deepLinking": False},
        )
        return accessible_swagger(page)

    return app


def accessible_swagger(page: HTMLResponse) -> HTMLResponse:
    """Swagger UI's page with a language and the stylesheet that gives its text AA contrast."""
    html = bytes(page.body).decode()
    html = html.replace("<html>", '<html lang="en">', 1).replace(
        "</head>", '<link rel="stylesheet" href="/static/swagger.css">\n</head>', 1
    )
    return HTMLResponse(html)
