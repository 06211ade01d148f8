"""The Jinja2 environment of the pages and the checks on the locally installed assets."""

from __future__ import annotations

from pathlib import Path

from fastapi import Request
from fastapi.templating import Jinja2Templates

from humanict.web.navigation import NavSection, build, served_by

TEMPLATE_DIR = Path(__file__).with_name("templates")
STATIC_DIR = Path(__file__).with_name("static")
VENDOR_URL = "/static/vendor"
INSTALL_HINT = "run `make assets` (npm install in src/humanict/web/assets)"

# Files the pages load from the npm packages, relative to the assets folder.
VENDOR_FILES = {
    "d3": "d3/dist/d3.min.js",
    "topojson": "topojson-client/dist/topojson-client.min.js",
    "countries": "world-atlas/countries-110m.json",
    "swagger_js": "swagger-ui-dist/swagger-ui-bundle.js",
    "swagger_css": "swagger-ui-dist/swagger-ui.css",
    "axe": "axe-core/axe.min.js",
}


def vendor_urls() -> dict[str, str]:
    return {name: f"{VENDOR_URL}/{path}" for name, path in VENDOR_FILES.items()}


def missing_assets(assets_dir: Path) -> list[str]:
    """The vendor files not installed under ``assets_dir`` (empty when all are there)."""
    return [path for path in VENDOR_FILES.values() if not (assets_dir / path).is_file()]


def _number(value: object, digits: int = 1) -> str:
    if value is None:
        return "–"
    if isinstance(value, float):
        if value != value:  # NaN
            return "–"
        return f"{value:,.{digits}f}"
    return str(value)


def _yes_no(value: bool | None) -> str:
    return "unknown" if value is None else ("yes" if value else "no")


def site_nav(request: Request) -> list[NavSection]:
    """The navigation of the page ``request`` asks for, with only the paths the app serves."""
    return build(request.url.path, served_by(request.app.routes))


def make_templates() -> Jinja2Templates:
    templates = Jinja2Templates(directory=str(TEMPLATE_DIR))
    templates.env.add_extension("jinja2.ext.i18n")
    # Page strings are written as {{ _("...") }}; until catalogues are installed they show as
    # written (English).
    templates.env.install_null_translations(newstyle=True)
    templates.env.filters["num"] = _number
    templates.env.filters["yes_no"] = _yes_no
    templates.env.globals["vendor"] = vendor_urls()
    templates.env.globals["install_hint"] = INSTALL_HINT
    templates.env.globals["site_nav"] = site_nav
    return templates
