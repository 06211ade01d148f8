"""The operational registry database: one SQLAlchemy engine per URL (SQLite or PostgreSQL).

Every registry (elections, satellite networks) keeps its tables in the database named by the
``registry_url`` setting (``HUMANICT_REGISTRY_URL``). On SQLite the engine waits up to 30 s for
a lock and turns on foreign keys and, for a file, write-ahead logging (readers are not blocked
by a writer); the driver opens a transaction at the first write, so a transaction of writes
(DDL aside) is atomic. On PostgreSQL it keeps a pool of 10 connections (20 more on demand),
checked before use.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event

SQLITE_TIMEOUT_S = 30

_shared: dict[str, Engine] = {}
_shared_lock = threading.Lock()


def _sqlite_file(url: str) -> Path | None:
    if not url.startswith("sqlite:///"):
        return None
    name = url.removeprefix("sqlite:///").split("?", 1)[0]
    return None if name in ("", ":memory:") else Path(name)


def make_engine(url: str) -> Engine:
    """A new engine for ``url``; a SQLite file's folder is created first."""
    if url.startswith("sqlite"):
        path = _sqlite_file(url)
        if path is not None:
            path.parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, connect_args={"timeout": SQLITE_TIMEOUT_S})

        @event.listens_for(engine, "connect")
        def _on_connect(dbapi_connection: Any, _record: Any) -> None:
            cursor = dbapi_connection.cursor()
            cursor.execute("PRAGMA foreign_keys = ON")
            if path is not None:
                cursor.execute("PRAGMA journal_mode = WAL")
            cursor.close()

        return engine
    return create_engine(url, pool_size=10, max_overflow=20, pool_pre_ping=True)


def shared_engine(url: str) -> Engine:
    """The process's one engine for ``url`` (made on first use), for request-per-call readers."""
    with _shared_lock:
        engine = _shared.get(url)
        if engine is None:
            engine = _shared[url] = make_engine(url)
        return engine


def dispose_shared(url: str) -> None:
    """Close and forget the shared engine of ``url`` (e.g. before its database is dropped)."""
    with _shared_lock:
        engine = _shared.pop(url, None)
    if engine is not None:
        engine.dispose()


def is_postgresql(engine: Engine) -> bool:
    return engine.dialect.name == "postgresql"
