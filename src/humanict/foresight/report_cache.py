"""Gap reports kept on disk beside the foresight database, keyed by parameters and build.

A report takes 30-90 s on the full snapshot, so the CLI and the web app both read and write
``<database>.reports/<build id>-<parameters>.joblib`` (e.g. ``var/foresight.reports/``). The
build identifier changes on every ``humanict foresight build``, so a rebuild makes every stored
report unreachable; writing a report removes those of other builds. Files are replaced
atomically, so a reader never sees half a report.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from humanict.foresight.gaps import GapReport


@dataclass(frozen=True)
class ReportParams:
    """What a gap report depends on besides the database."""

    as_of: int
    window: int = 10
    n_topics: int = 40
    backend: str = "nmf"
    scope: str = "all"

    def slug(self) -> str:
        return f"asof{self.as_of}-w{self.window}-t{self.n_topics}-{self.backend}-{self.scope}"


def reports_dir(db_path: Path) -> Path:
    return Path(db_path).with_suffix(".reports")


def report_path(db_path: Path, build: str, params: ReportParams) -> Path:
    return reports_dir(db_path) / f"{build}-{params.slug()}.joblib"


def read(db_path: Path, build: str, params: ReportParams) -> GapReport | None:
    """The stored report, or None when there is none (or it cannot be read)."""
    import joblib

    path = report_path(db_path, build, params)
    if not path.is_file():
        return None
    try:
        report = joblib.load(path)
    except Exception:  # a file from another library version: compute afresh
        return None
    return report if isinstance(report, GapReport) else None


def write(db_path: Path, build: str, params: ReportParams, report: GapReport) -> Path:
    """Store ``report`` and remove the reports of other builds."""
    import joblib

    path = report_path(db_path, build, params)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(f".{os.getpid()}.tmp")
    joblib.dump(report, tmp)
    tmp.replace(path)
    for other in path.parent.glob("*.joblib"):
        if not other.name.startswith(f"{build}-"):
            other.unlink(missing_ok=True)
    return path
