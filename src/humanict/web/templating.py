"""The Jinja2 environment of the pages and the checks on the locally installed assets."""

from __future__ import annotations

from pathlib import Path

from fastapi import Request
from fastapi.templating import Jinja2Templates

from humanict import i18n
from humanict.i18n import N_
from humanict.i18n.countries import country_name
from humanict.web.js_messages import page_messages
from humanict.web.language import language_links
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


# Values shown as data and translated with `|t`: input flags and the source's confidence in a
# Council region (the other flags and statuses are marked where they are defined).
DATA_LABELS = (N_("filled"), N_("imputed"), N_("high"), N_("medium"), N_("low"))


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
    if value is None:
        return i18n.gettext("unknown")
    return i18n.gettext("yes") if value else i18n.gettext("no")


def _translated(value: object) -> str:
    """``value`` in the current language, or as it is when it is empty or not text."""
    return i18n.gettext(value) if isinstance(value, str) and value else str(value or "")


def site_nav(request: Request) -> list[NavSection]:
    """The navigation of the page ``request`` asks for, with only the paths the app serves."""
    return build(request.url.path, served_by(request.app.routes))


def make_templates() -> Jinja2Templates:
    templates = Jinja2Templates(directory=str(TEMPLATE_DIR))
    templates.env.add_extension("jinja2.ext.i18n")
    # Page strings are written as {{ _("...") }}, translated into the language of the request
    # (humanict.web.language); a string with no translation shows as written (English).
    # {% trans %} blocks spanning lines are one message with whitespace collapsed.
    templates.env.policies["ext.i18n.trimmed"] = True
    templates.env.install_gettext_callables(  # type: ignore[attr-defined]
        i18n.gettext, i18n.ngettext, newstyle=True
    )
    templates.env.globals["languages"] = i18n.LANGUAGES
    templates.env.globals["current_language"] = i18n.current
    templates.env.globals["language_links"] = language_links
    templates.env.globals["page_messages"] = page_messages
    templates.env.filters["country"] = lambda name, iso3: country_name(iso3, name)
    # Names that come as data (index and level names, statuses, flags) are translated with
    # `name|t`: a plain lookup, where `_()` would read "%" in them as a placeholder.
    templates.env.filters["t"] = _translated
    templates.env.filters["num"] = _number
    templates.env.filters["yes_no"] = _yes_no
    templates.env.globals["vendor"] = vendor_urls()
    templates.env.globals["install_hint"] = INSTALL_HINT
    templates.env.globals["site_nav"] = site_nav
    return templates
