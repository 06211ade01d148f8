"""The shipped snapshot (data/standards) and the foresight DuckDB database built from it.

``data/standards/standards_catalogue.csv.gz`` holds the unified catalogue *without* abstracts
(the publishers keep copyright in them); ``uspto_patent_abstracts_random10k.csv.gz`` the patent
sample. :func:`build` writes ``standards`` and ``signals`` tables (and ``meta``) into the
foresight database, joining abstracts when the user gives a path to them, and papers imported
with ``humanict foresight import-papers``. The build is atomic: a new file replaces the old one
only when complete.
"""

from __future__ import annotations

import json
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pandas as pd

from humanict.errors import DataFileError, NotFoundError
from humanict.foresight import signals as sig
from humanict.foresight.sources import COLUMNS, FILES, read_raw_catalogues

CATALOGUE_FILE = "standards_catalogue.csv.gz"
PATENTS_FILE = "uspto_patent_abstracts_random10k.csv.gz"
SNAPSHOT_COLUMNS = [c for c in COLUMNS if c != "abstract"]
Progress = Callable[[str, int], None]


def standards_dir(data_dir: Path) -> Path:
    return Path(data_dir) / "standards"


def write_snapshot(source: Path, data_dir: Path, progress: Progress | None = None) -> int:
    """Write the unified catalogue (no abstracts) and the patent sample into data/standards."""
    catalogue, _ = read_raw_catalogues(source, progress)
    out = standards_dir(data_dir)
    out.mkdir(parents=True, exist_ok=True)
    catalogue[SNAPSHOT_COLUMNS].to_csv(out / CATALOGUE_FILE, index=False, compression="gzip")
    patents = Path(source) / "uspto_patent_abstracts_random10k.csv"
    if not patents.is_file():
        raise NotFoundError(f"no patent sample {patents}")
    pd.read_csv(patents, dtype=str, keep_default_na=False).to_csv(
        out / PATENTS_FILE, index=False, compression="gzip"
    )
    return len(catalogue)


def load_snapshot(data_dir: Path) -> pd.DataFrame:
    path = standards_dir(data_dir) / CATALOGUE_FILE
    if not path.is_file():
        raise NotFoundError(
            f"no standards catalogue {path}: run `humanict foresight snapshot --source DIR`"
        )
    frame = pd.read_csv(path, dtype={"edition": str, "group": str, "date": str})
    frame["abstract"] = None
    frame["year"] = frame["year"].astype("Int64")
    frame["normative"] = frame["normative"].astype(bool)
    return frame[COLUMNS]


def read_abstracts(path: Path) -> pd.DataFrame:
    """Abstracts by identifier: from the raw catalogue folder or a CSV/JSONL file."""
    path = Path(path)
    if path.is_dir():
        if not any((path / name).is_file() for name in FILES.values()):
            raise NotFoundError(
                f"{path} holds none of the catalogue files {sorted(FILES.values())}"
            )
        present = {b: n for b, n in FILES.items() if (path / n).is_file()}
        frames = []
        from humanict.foresight.sources import READERS

        for body, name in present.items():
            frames.append(READERS[body](path / name)[["identifier", "abstract"]])
        table = pd.concat(frames, ignore_index=True)
    elif path.is_file():
        if path.suffix.lower() in {".jsonl", ".ndjson"}:
            table = pd.read_json(path, lines=True, dtype=str)
        else:
            table = pd.read_csv(path, dtype=str, keep_default_na=False)
        for column in ("identifier", "abstract"):
            if column not in table.columns:
                raise DataFileError(path, 1, column, "missing column (need identifier, abstract)")
    else:
        raise NotFoundError(f"no abstracts at {path}: give the catalogue folder or a CSV file")
    table = table.replace({"": None}).dropna(subset=["abstract"])
    return table.drop_duplicates("identifier", keep="last")


def papers_dir(imports_dir: Path) -> Path:
    return Path(imports_dir) / "foresight_papers"


def import_papers(path: Path, imports_dir: Path) -> pd.DataFrame:
    """Validate a papers file and keep a normalised copy so every later build includes it."""
    papers = sig.read_papers(path)
    folder = papers_dir(imports_dir)
    folder.mkdir(parents=True, exist_ok=True)
    papers.to_csv(folder / f"{Path(path).stem}.csv", index=False)
    return papers


def _imported_papers(imports_dir: Path | None) -> list[pd.DataFrame]:
    if imports_dir is None or not papers_dir(imports_dir).is_dir():
        return []
    frames = []
    for path in sorted(papers_dir(imports_dir).glob("*.csv")):
        frame = pd.read_csv(path, dtype={"id": str, "date": str, "title": str, "source": str})
        frames.append(frame.fillna({"title": "", "text": ""}))
    return frames


@dataclass
class BuildReport:
    standards: int
    signals: int
    abstracts: int
    seconds: float


def build(
    data_dir: Path,
    db_path: Path,
    *,
    abstracts: Path | None = None,
    imports_dir: Path | None = None,
    progress: Progress | None = None,
) -> BuildReport:
    """Build the foresight database from the snapshot (see the module docstring)."""
    started = time.perf_counter()
    step = progress or (lambda _name, _n: None)
    catalogue = load_snapshot(data_dir)
    step("catalogue", len(catalogue))
    n_abstracts = 0
    if abstracts is not None:
        table = read_abstracts(abstracts).set_index("identifier")["abstract"]
        catalogue["abstract"] = catalogue["identifier"].map(table)
        n_abstracts = int(catalogue["abstract"].notna().sum())
        step("abstracts", n_abstracts)
    patents = sig.read_patents(standards_dir(data_dir) / PATENTS_FILE)
    step("patents", len(patents))
    own = sig.catalogue_signals(catalogue)
    step("drafts and study items", len(own))
    papers = _imported_papers(imports_dir)
    if papers:
        step("papers", sum(len(p) for p in papers))
    signals = sig.combine(patents, own, *papers)
    db_path = Path(db_path)
    db_path.parent.mkdir(parents=True, exist_ok=True)
    tmp = db_path.with_suffix(".tmp")
    tmp.unlink(missing_ok=True)
    with duckdb.connect(str(tmp)) as con:
        con.register("catalogue_df", catalogue)
        con.execute("CREATE TABLE standards AS SELECT * FROM catalogue_df")
        con.register("signals_df", signals)
        con.execute("CREATE TABLE signals AS SELECT * FROM signals_df")
        meta = {
            "data_dir": str(data_dir),
            "abstracts": str(abstracts) if abstracts else None,
            "built": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
            "build_id": uuid.uuid4().hex,
        }
        con.execute("CREATE TABLE meta (key VARCHAR, value VARCHAR)")
        con.executemany(
            "INSERT INTO meta VALUES (?, ?)", [(k, json.dumps(v)) for k, v in meta.items()]
        )
    tmp.replace(db_path)
    step("written", len(catalogue) + len(signals))
    return BuildReport(len(catalogue), len(signals), n_abstracts, time.perf_counter() - started)


def built_with_abstracts(db_path: Path) -> Path | None:
    """The abstracts path an existing database was built with (None if none or no database)."""
    if not Path(db_path).is_file():
        return None
    with duckdb.connect(str(db_path), read_only=True) as con:
        row = con.execute("SELECT value FROM meta WHERE key = 'abstracts'").fetchone()
    value = json.loads(row[0]) if row else None
    return Path(value) if value else None


def build_id(db_path: Path) -> str:
    """The identifier of the build that wrote ``db_path`` (new on every build).

    Databases written before builds carried one are identified by their modification time.
    """
    path = Path(db_path)
    if not path.is_file():
        raise NotFoundError(f"no foresight database {path}: run `humanict foresight build`")
    with duckdb.connect(str(path), read_only=True) as con:
        row = con.execute("SELECT value FROM meta WHERE key = 'build_id'").fetchone()
    return str(json.loads(row[0])) if row else f"mtime{path.stat().st_mtime_ns}"


def load(db_path: Path) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(standards, signals) from a built foresight database."""
    if not Path(db_path).is_file():
        raise NotFoundError(f"no foresight database {db_path}: run `humanict foresight build`")
    with duckdb.connect(str(db_path), read_only=True) as con:
        standards = con.execute("SELECT * FROM standards").df()
        signals = con.execute("SELECT * FROM signals").df()
    standards["normative"] = standards["normative"].astype(bool)
    standards["year"] = standards["year"].astype("Int64")
    signals["year"] = signals["year"].astype(int)
    for column in ("title", "text"):
        signals[column] = signals[column].fillna("")
    return standards, signals


def write_slice(data_dir: Path, out_dir: Path, step: int = 6) -> Path:
    """A small real slice of the snapshot (every ``step``-th catalogue item and patent) for
    quick demonstrations and tests; returns the data folder to build from."""
    if step < 1:
        raise ValueError("step must be at least 1")
    source = standards_dir(data_dir)
    target = standards_dir(out_dir)
    target.mkdir(parents=True, exist_ok=True)
    for name in (CATALOGUE_FILE, PATENTS_FILE):
        frame = pd.read_csv(source / name, dtype=str, keep_default_na=False)
        frame.iloc[::step].to_csv(target / name, index=False, compression="gzip")
    return Path(out_dir)
