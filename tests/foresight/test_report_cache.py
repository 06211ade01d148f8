"""Gap reports are stored beside the database, shared by CLI and web, and reset by a rebuild;
the web app answers at once while a report is being computed."""

from __future__ import annotations

import shutil
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from humanict.cli import app
from humanict.config import Settings
from humanict.foresight import report_cache, service, store
from humanict.foresight.report_cache import ReportParams
from humanict.web import create_app


@pytest.fixture
def settings(foresight_settings: Settings, foresight_db: Path, tmp_path: Path) -> Settings:
    copy = tmp_path / "foresight.duckdb"
    shutil.copy(foresight_db, copy)
    return foresight_settings.model_copy(update={"foresight_path": copy})


@pytest.fixture
def computed(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[int]]:
    """The as-of years of every report actually computed (not read from a cache)."""
    calls: list[int] = []
    real = service.gap_report

    def counting(*args: object, **kwargs: object) -> object:
        calls.append(int(args[2]))  # type: ignore[call-overload]
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(service, "gap_report", counting)
    service._memory.clear()
    yield calls
    service._memory.clear()


def test_second_call_reads_the_stored_report(settings: Settings, computed: list[int]) -> None:
    path = Path(settings.foresight_path)
    first = service.report(settings, 2018, n_topics=4)
    assert computed == [2018]
    build = store.build_id(path)
    stored = report_cache.report_path(path, build, ReportParams(2018, n_topics=4))
    assert stored.is_file() and stored.parent == path.with_suffix(".reports")
    service._memory.clear()  # a new process: only the file remains
    second = service.report(settings, 2018, n_topics=4)
    assert computed == [2018]
    assert second.frame().equals(first.frame())
    env = {"HUMANICT_FORESIGHT_PATH": str(path), "HUMANICT_IMPORTS_DIR": str(settings.imports_dir)}
    result = CliRunner().invoke(
        app, ["foresight", "gaps", "--as-of", "2018", "--topics", "4", "--format", "json"], env=env
    )
    assert result.exit_code == 0, result.output
    assert computed == [2018]  # the CLI read the report the library stored


def test_parameters_do_not_collide(settings: Settings, computed: list[int]) -> None:
    four = service.report(settings, 2018, n_topics=4)
    five = service.report(settings, 2018, n_topics=5)
    itu = service.report(settings, 2018, n_topics=4, scope="itu")
    earlier = service.report(settings, 2016, n_topics=4)
    assert computed == [2018, 2018, 2018, 2016]
    assert (len(four.topics), len(five.topics)) == (4, 5)
    assert (itu.coverage_scope, earlier.as_of) == ("itu", 2016)
    files = list(report_cache.reports_dir(Path(settings.foresight_path)).glob("*.joblib"))
    assert len(files) == 4
    service._memory.clear()
    assert len(service.report(settings, 2018, n_topics=5).topics) == 5
    assert service.report(settings, 2016, n_topics=4).as_of == 2016
    assert computed == [2018, 2018, 2018, 2016]


def test_a_rebuild_invalidates_stored_reports(
    settings: Settings, slice_dir: Path, computed: list[int]
) -> None:
    path = Path(settings.foresight_path)
    service.report(settings, 2018, n_topics=4)
    old_build = store.build_id(path)
    store.build(slice_dir, path)
    assert store.build_id(path) != old_build
    assert service.stored_report(settings, ReportParams(2018, n_topics=4)) is None
    service.report(settings, 2018, n_topics=4)
    assert computed == [2018, 2018]
    names = [p.name for p in report_cache.reports_dir(path).glob("*.joblib")]
    assert names == [f"{store.build_id(path)}-asof2018-w10-t4-nmf-all.joblib"]


def test_pages_and_api_answer_at_once_while_the_report_is_prepared(
    settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    release = threading.Event()
    real = service.gap_report

    def held(*args: object, **kwargs: object) -> object:
        assert release.wait(120)
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(service, "gap_report", held)
    service._memory.clear()
    params = {"as_of": 2017, "topics": 4}
    with TestClient(create_app(settings)) as client:
        page = client.get("/foresight", params=params)
        assert page.status_code == 200 and page.headers["Retry-After"] == "10"
        assert 'id="foresight-preparing" data-reload-when-ready="10"' in page.text
        assert 'id="radar"' not in page.text
        api = client.get("/api/v1/foresight/gaps", params=params)
        assert api.status_code == 503 and api.headers["Retry-After"] == "10"
        assert api.json() == {
            "ok": False,
            "error": api.json()["error"],
            "errors": [],
            "status": 503,
        }
        assert "being prepared" in api.json()["error"]
        topic = client.get("/api/v1/foresight/topics/0", params=params)
        assert topic.status_code == 503
        job = service.start_report(settings, ReportParams(2017, n_topics=4))
        release.set()
        job.result(timeout=300)
        ready = client.get("/foresight", params=params)
        assert ready.status_code == 200 and 'id="radar"' in ready.text
        assert client.get("/api/v1/foresight/gaps", params=params).json()["as_of"] == 2017
    service._memory.clear()


def test_warm_logs_when_the_default_report_is_ready(
    settings: Settings, computed: list[int]
) -> None:
    lines: list[str] = []
    done = threading.Event()

    def log(line: str) -> None:
        lines.append(line)
        done.set()

    params = ReportParams(2018, n_topics=4)
    service.warm(settings, log, params)
    assert done.wait(300)
    assert lines and lines[0].startswith("foresight report ready (as of 2018, 4 topics)")
    assert service.stored_report(settings, params) is not None
    assert computed == [2018]
