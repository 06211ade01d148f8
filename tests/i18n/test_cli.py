"""`humanict i18n coverage` reports each language and fails when a catalogue lacks a string."""

from __future__ import annotations

import json
import shutil

import pytest
from typer.testing import CliRunner

from humanict.cli import app
from humanict.i18n import catalogues
from humanict.i18n.catalogues import po_path
from humanict.i18n.languages import BY_CODE
from humanict.i18n.maintenance import read, write

runner = CliRunner()


def test_coverage_reports_every_language() -> None:
    result = runner.invoke(app, ["i18n", "coverage", "--format", "json"])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.output)
    assert [r["language"] for r in rows] == ["ar", "zh", "fr", "ru", "es"]
    for row in rows:
        assert row["strings"] == row["translated"] > 600
        assert row["not_in_catalogue"] == row["untranslated"] == 0


def test_coverage_fails_and_lists_a_string_a_catalogue_lacks(
    tmp_path, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    shutil.copytree(catalogues.LOCALE_DIR, tmp_path, dirs_exist_ok=True)
    monkeypatch.setattr(catalogues, "LOCALE_DIR", tmp_path)
    russian = BY_CODE["ru"]
    catalog = read(po_path(russian), russian.locale)
    catalog.delete("Download CSV")
    catalog.get("Targets").string = ""
    write(catalog, po_path(russian))
    result = runner.invoke(app, ["i18n", "coverage", "--missing"])
    assert result.exit_code == 1
    assert "ru\tnot in catalogue\tDownload CSV" in result.output
    assert "ru\tuntranslated\tTargets" in result.output
    assert "humanict i18n extract" in result.output
