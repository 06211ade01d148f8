"""Documentation stays true: every setting and every CLI command is documented."""

from __future__ import annotations

import importlib.util
import re

from humanict.config import PROJECT_ROOT, Settings
from humanict.web import create_app
from humanict.web.navigation import SECTIONS

DOCS = PROJECT_ROOT / "docs"


def test_every_setting_is_documented() -> None:
    text = (DOCS / "settings.md").read_text()
    for name in Settings.model_fields:
        assert f"HUMANICT_{name.upper()}" in text, name


def test_every_command_is_in_the_cli_reference() -> None:
    spec = importlib.util.spec_from_file_location("generate_cli", DOCS / "generate_cli.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    text = (DOCS / "cli.md").read_text()
    for path in module.commands():
        assert f"## humanict {' '.join(path)}\n" in text, path


def test_every_page_and_api_group_is_in_the_web_reference() -> None:
    text = (DOCS / "web.md").read_text()
    for section in SECTIONS:
        for link in section.links:
            assert re.search(rf"`{re.escape(link.path)}[`?]", text), link.path
    for path in create_app().openapi()["paths"]:
        group = "/".join(path.split("/")[:4])
        assert group in text, path
