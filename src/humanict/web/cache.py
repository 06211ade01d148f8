"""Index results computed once per app and kept until the warehouse file changes."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any, TypeVar

import pandas as pd

from humanict.data import Warehouse
from humanict.errors import NotFoundError
from humanict.indices import (
    IndexInputs,
    IndexSpec,
    available_specs,
    compute_index,
    compute_trend,
    load_inputs,
    load_spec,
)

T = TypeVar("T")


class IndexCache:
    """Scores and trends per index, invalidated when the warehouse file's mtime changes.

    Computing IDI 2024 takes about 0.4 s (20 imputation draws) and its trend about 3 s;
    pages and the API read the cached frames (never mutate them).
    """

    def __init__(self, warehouse: Warehouse) -> None:
        self.warehouse = warehouse
        self._lock = threading.Lock()
        self._stamp: float | None = None
        self._frames: dict[tuple[str, str, int | None], Any] = {}
        self._specs: dict[str, IndexSpec] = {}

    def _current_stamp(self) -> float | None:
        try:
            return self.warehouse.path.stat().st_mtime
        except FileNotFoundError:
            return None

    def _get(self, key: tuple[str, str, int | None], compute: Callable[[], T]) -> T:
        with self._lock:
            stamp = self._current_stamp()
            if stamp != self._stamp:
                self._frames.clear()
                self._stamp = stamp
            if key not in self._frames:
                self._frames[key] = compute()
            value: T = self._frames[key]
            return value

    def spec(self, index_id: str) -> IndexSpec:
        """The spec of a shipped index (raises NotFoundError for an unknown id).

        Only shipped specs are served: a spec path from a URL is never read.
        """
        if index_id not in self._specs:
            shipped = available_specs()
            if index_id not in shipped:
                raise NotFoundError(
                    f"unknown index {index_id!r}; choose one of {', '.join(shipped)} "
                    "(GET /api/v1/indices lists them)"
                )
            self._specs[index_id] = load_spec(index_id)
        return self._specs[index_id]

    def scores(self, index_id: str, year: int | None = None) -> pd.DataFrame:
        """One row per scored economy, for the edition (``year=None``) or a recomputed year."""
        spec = self.spec(index_id)
        return self._get(
            (index_id, "scores", year), lambda: compute_index(spec, self.warehouse, year)
        )

    def trend(self, index_id: str) -> pd.DataFrame:
        """The edition and every recomputable year, stacked."""
        spec = self.spec(index_id)
        return self._get((index_id, "trend", None), lambda: compute_trend(spec, self.warehouse))

    def inputs(self, index_id: str) -> IndexInputs:
        """The edition's raw input values, flags and datasets (economies x input codes)."""
        spec = self.spec(index_id)
        return self._get(
            (index_id, "inputs", None), lambda: load_inputs(spec, self.warehouse, None)
        )
