"""What the CLI and the web share: the database built on first use, cached loads and reports."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from concurrent.futures import Future
from functools import lru_cache
from pathlib import Path

import pandas as pd

from humanict.config import Settings
from humanict.foresight import report_cache, store
from humanict.foresight.gaps import GapReport, gap_report
from humanict.foresight.report_cache import ReportParams
from humanict.foresight.search import SearchIndex, index_catalogue

_lock = threading.Lock()


def ensure_built(settings: Settings, progress: store.Progress | None = None) -> Path:
    """The foresight database path, building it from the snapshot first if it is missing."""
    path = Path(settings.foresight_path)
    with _lock:
        if not path.is_file():
            store.build(
                settings.data_dir,
                path,
                abstracts=settings.foresight_abstracts,
                imports_dir=settings.imports_dir,
                progress=progress,
            )
    return path


def _stamp(path: Path) -> float:
    return path.stat().st_mtime


@lru_cache(maxsize=4)
def _load(path: str, stamp: float) -> tuple[pd.DataFrame, pd.DataFrame]:
    return store.load(Path(path))


def load(
    settings: Settings, progress: store.Progress | None = None
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(standards, signals), cached until the database file changes."""
    path = ensure_built(settings, progress)
    return _load(str(path), _stamp(path))


@lru_cache(maxsize=2)
def _index(path: str, stamp: float) -> SearchIndex:
    """The search index, kept on disk beside the database until the database changes."""
    import joblib

    cache = Path(path).with_suffix(".search.joblib")
    if cache.is_file():
        saved_stamp, index = joblib.load(cache)
        if saved_stamp == stamp:
            return index  # type: ignore[no-any-return]
    standards, _ = _load(path, stamp)
    index = index_catalogue(standards)
    joblib.dump((stamp, index), cache)
    return index


def search_index(settings: Settings) -> SearchIndex:
    path = ensure_built(settings)
    return _index(str(path), _stamp(path))


@lru_cache(maxsize=4)
def _build(path: str, stamp: float) -> str:
    return store.build_id(Path(path))


DEFAULT = ReportParams(as_of=2018)
_memory: dict[tuple[str, str, ReportParams], GapReport] = {}
_MEMORY_SIZE = 16


_memory_lock = threading.Lock()


def _remember(key: tuple[str, str, ReportParams], value: GapReport) -> None:
    """Keep ``value``, dropping the oldest reports beyond ``_MEMORY_SIZE``."""
    with _memory_lock:
        _memory.pop(key, None)
        _memory[key] = value
        while len(_memory) > _MEMORY_SIZE:
            _memory.pop(next(iter(_memory)))


def stored_report(settings: Settings, params: ReportParams) -> GapReport | None:
    """The report if it is in memory or on disk for the current build, without computing."""
    path = Path(settings.foresight_path)
    if not path.is_file():
        return None
    build = _build(str(path), _stamp(path))
    key = (str(path), build, params)
    with _memory_lock:
        if key in _memory:
            return _memory[key]
    found = report_cache.read(path, build, params)
    if found is not None:
        _remember(key, found)
    return found


def report(
    settings: Settings,
    as_of: int,
    *,
    window: int = 10,
    n_topics: int = 40,
    backend: str = "nmf",
    scope: str = "all",
    scheduler: str | None = None,
    progress: store.Progress | None = None,
) -> GapReport:
    """The gap report, read from the report cache or computed and stored there.

    The cache (memory, then ``<database>.reports/`` on disk) is keyed by the parameters and
    the database build, so the CLI and the web app share it and a rebuild invalidates it.
    A Dask run (``scheduler``) computes the same result and is stored the same way; a stored
    report is returned without contacting the scheduler.
    """
    params = ReportParams(as_of, window, n_topics, backend, scope)
    path = ensure_built(settings, progress)
    found = stored_report(settings, params)
    if found is not None:
        return found
    stamp = _stamp(path)
    standards, signals = _load(str(path), stamp)
    result = gap_report(
        standards,
        signals,
        as_of,
        window=window,
        n_topics=n_topics,
        backend=backend,
        coverage_scope=scope,
        scheduler=scheduler,
    )
    build = _build(str(path), stamp)
    report_cache.write(path, build, params, result)
    _remember((str(path), build, params), result)
    return result


_jobs: dict[tuple[str, ReportParams], Future[GapReport]] = {}
_jobs_lock = threading.Lock()


def _run(job: Future[GapReport], settings: Settings, params: ReportParams) -> None:
    job.set_running_or_notify_cancel()
    try:
        job.set_result(
            report(
                settings,
                params.as_of,
                window=params.window,
                n_topics=params.n_topics,
                backend=params.backend,
                scope=params.scope,
            )
        )
    except BaseException as error:  # handed to whoever asks for the report
        job.set_exception(error)


def start_report(settings: Settings, params: ReportParams) -> Future[GapReport]:
    """Compute the report (building the database first if needed) in a daemon thread, so a
    stopped server does not wait for it; a report already under way returns the running job."""
    key = (str(settings.foresight_path), params)
    with _jobs_lock:
        job = _jobs.get(key)
        if job is None or job.done():
            job = Future()
            _jobs[key] = job
            name = f"foresight-report-{params.slug()}"
            threading.Thread(
                target=_run, args=(job, settings, params), name=name, daemon=True
            ).start()
        return job


def report_if_ready(settings: Settings, params: ReportParams) -> GapReport | None:
    """The report if it is cached; otherwise start (or keep) computing it and return None.

    A computation that failed raises its error here once, and the next call starts afresh.
    """
    found = stored_report(settings, params)
    if found is not None:
        return found
    key = (str(settings.foresight_path), params)
    with _jobs_lock:
        job = _jobs.get(key)
        if job is not None and job.done():
            del _jobs[key]
            error = job.exception()
            if error is not None:
                raise error
            return job.result()
    start_report(settings, params)
    return None


def warm(settings: Settings, log: Callable[[str], None], params: ReportParams = DEFAULT) -> None:
    """Compute ``params`` (the default report) in the background and log when it is ready."""
    started = time.perf_counter()
    job = start_report(settings, params)

    def done(finished: Future[GapReport]) -> None:
        error = finished.exception()
        if error is not None:
            log(f"foresight report as of {params.as_of} failed: {error}")
        else:
            log(
                f"foresight report ready (as of {params.as_of}, {params.n_topics} topics) "
                f"after {time.perf_counter() - started:.1f} s"
            )

    job.add_done_callback(done)


def rebuild(
    settings: Settings, abstracts: Path | None, progress: Callable[[str, int], None] | None
) -> store.BuildReport:
    """Rebuild; without ``abstracts`` keep those the database was built with, if any."""
    previous = store.built_with_abstracts(settings.foresight_path)
    if previous is not None and not previous.exists():
        previous = None
    with _lock:
        return store.build(
            settings.data_dir,
            settings.foresight_path,
            abstracts=abstracts or settings.foresight_abstracts or previous,
            imports_dir=settings.imports_dir,
            progress=progress,
        )
