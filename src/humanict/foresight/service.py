"""What the CLI and the web share: the database built on first use, cached loads and reports."""

from __future__ import annotations

import threading
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path

import pandas as pd

from humanict.config import Settings
from humanict.foresight import store
from humanict.foresight.gaps import GapReport, gap_report
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


@lru_cache(maxsize=16)
def _report(
    path: str,
    stamp: float,
    as_of: int,
    window: int,
    n_topics: int,
    backend: str,
    scope: str,
) -> GapReport:
    standards, signals = _load(path, stamp)
    return gap_report(
        standards,
        signals,
        as_of,
        window=window,
        n_topics=n_topics,
        backend=backend,
        coverage_scope=scope,
    )


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
    """The gap report; in-process runs are cached (a Dask run is always computed afresh)."""
    path = ensure_built(settings, progress)
    if scheduler is not None:
        standards, signals = _load(str(path), _stamp(path))
        return gap_report(
            standards,
            signals,
            as_of,
            window=window,
            n_topics=n_topics,
            backend=backend,
            coverage_scope=scope,
            scheduler=scheduler,
        )
    return _report(str(path), _stamp(path), as_of, window, n_topics, backend, scope)


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
