"""Read the seven raw standards catalogues into one schema, one row per document.

The raw files are the flattened Relaton / RFC-index CSVs described in
``shared/data/standards/SOURCES.md`` (ITU-T, ITU-R, ETSI, IEEE, 3GPP, W3C, IETF). Each reader
returns the unified columns :data:`COLUMNS`; editions of one document collapse into one row whose
``date`` is the first publication, ``latest_date`` the newest edition, ``edition`` the newest
edition's label and ``editions`` their count.

``status`` is one of ``in force``, ``withdrawn``, ``superseded``, ``draft`` or ``published``
(``published`` where the source does not say whether the item is still in force).
``normative`` marks items that count as a standard for coverage (Recommendations, ETSI
EN/ES/TS/GS, IEEE Std, 3GPP TS, W3C REC, standards-track RFCs); the others (reports, study items,
drafts, notes, informational RFCs) are the bodies' own technology signals.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pandas as pd

from humanict.errors import DataFileError, NotFoundError

COLUMNS = [
    "body",
    "identifier",
    "title",
    "abstract",
    "date",
    "latest_date",
    "year",
    "group",
    "status",
    "edition",
    "editions",
    "kind",
    "normative",
    "url",
]
BODIES = ("ITU-T", "ITU-R", "ETSI", "IEEE", "3GPP", "W3C", "IETF")

# ITU-R Recommendation/Report series -> the study group responsible for it (ITU-R Resolution 4
# and the study-group pages of ITU-R: SG 1 spectrum management, SG 3 propagation, SG 4
# satellite services, SG 5 terrestrial services, SG 6 broadcasting, SG 7 science services).
ITU_R_SERIES_GROUP = {
    "SM": "SG1",
    "SF": "SG1",
    "V": "SG1",
    "P": "SG3",
    "S": "SG4",
    "SNG": "SG4",
    "BO": "SG4",
    "M": "SG5",
    "F": "SG5",
    "BT": "SG6",
    "BS": "SG6",
    "BR": "SG6",
    "RA": "SG7",
    "RS": "SG7",
    "SA": "SG7",
    "TF": "SG7",
}

FILES = {
    "ITU-T": "itu_t_recommendations.csv",
    "ITU-R": "itu_r_publications.csv",
    "ETSI": "etsi_deliverables.csv",
    "IEEE": "ieee_standards.csv",
    "3GPP": "3gpp_specs.csv",
    "W3C": "w3c_technical_reports.csv",
    "IETF": "ietf_rfc_index.csv",
}


def _read(path: Path, required: list[str]) -> pd.DataFrame:
    if not path.is_file():
        raise NotFoundError(f"no catalogue file {path}: point --source at the standards folder")
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    for column in required:
        if column not in frame.columns:
            raise DataFileError(path, 1, column, "missing column in the header row")
    return frame.replace({"": None})


def _collapse(frame: pd.DataFrame, key: str, order: str) -> pd.DataFrame:
    """One row per ``key``: the newest edition (by ``order``) with first date and edition count."""
    frame = frame.sort_values([key, order], na_position="first", kind="stable")
    first = frame.groupby(key, sort=False)["date"].min()
    count = frame.groupby(key, sort=False).size()
    # Titles and abstracts: newest non-empty.
    title = frame.dropna(subset=["title"]).groupby(key, sort=False)["title"].last()
    abstract = frame.dropna(subset=["abstract"]).groupby(key, sort=False)["abstract"].last()
    last = frame.groupby(key, sort=False).tail(1).set_index(key)
    last["latest_date"] = last["date"]
    last["date"] = first
    last["editions"] = count
    last["title"] = title.reindex(last.index)
    last["abstract"] = abstract.reindex(last.index)
    return last.reset_index()


def _finish(frame: pd.DataFrame, body: str) -> pd.DataFrame:
    frame = frame.copy()
    frame["body"] = body
    for column in COLUMNS:
        if column not in frame.columns:
            frame[column] = None
    frame["year"] = pd.to_numeric(frame["date"].str[:4], errors="coerce").astype("Int64")
    frame["editions"] = frame["editions"].astype("Int64")
    frame["normative"] = frame["normative"].astype(bool)
    frame = frame[frame["title"].notna()]
    return frame[COLUMNS].reset_index(drop=True)


def read_itu_t(path: Path) -> pd.DataFrame:
    """ITU-T Recommendations and Supplements; amendments, corrigenda and annexes are folded in."""
    raw = _read(path, ["id", "number", "doctype", "title", "published", "study_group", "status"])
    supplement = raw["doctype"] == "recommendation-supplement"
    base = raw["id"].str.replace(r"^ITU-T\s+", "", regex=True)
    # "E Suppl. 1 (12/1972)" -> "E Suppl. 1"; amendments/corrigenda belong to their number.
    suppl_key = base.str.replace(r"\s*\(\d{2}/\d{4}\)$", "", regex=True)
    raw["key"] = raw["number"].where(~supplement, suppl_key)
    raw = raw[raw["key"].notna()].copy()
    raw["date"] = raw["published"]
    main = raw[raw["doctype"].isin(["recommendation", "recommendation-supplement"])]
    out = _collapse(main, "key", "date")
    out["identifier"] = "ITU-T " + out["key"]
    out["group"] = out["study_group"]
    out["status"] = out["status"].map({"Withdrawal": "withdrawn", "Published": "in force"})
    out["status"] = out["status"].fillna("published")
    out["kind"] = out["doctype"].str.replace("recommendation-", "", regex=False)
    out["normative"] = out["doctype"] == "recommendation"
    return _finish(out, "ITU-T")


def read_itu_r(path: Path) -> pd.DataFrame:
    """ITU-R Recommendations, Reports, Questions, Resolutions, Handbooks; revisions collapsed."""
    raw = _read(path, ["id", "series", "doctype", "title", "published"])
    key = raw["id"].str.replace(r"-\d+$", "", regex=True)  # ITU-R F.593-0 -> ITU-R F.593
    key = key.str.replace(r"^(ITU-R \d+)(?:-\d+)?(/\d+):?$", r"\1\2", regex=True)  # Questions
    raw["key"] = key
    raw["rev"] = pd.to_numeric(raw["id"].str.extract(r"-(\d+)(?:/\d+:)?$")[0], errors="coerce")
    raw["date"] = raw["published"]
    raw["abstract"] = None
    out = _collapse(raw, "key", "date")
    out["identifier"] = out["key"]
    out["edition"] = out["rev"].map(lambda r: None if pd.isna(r) else str(int(r)))
    series = out["series"].fillna(out["key"].str.extract(r"/(\d+)$")[0].radd("SG"))
    out["group"] = series.map(lambda s: ITU_R_SERIES_GROUP.get(s, s) if s else None)
    out["status"] = "published"
    out["kind"] = out["doctype"]
    out["normative"] = out["doctype"] == "recommendation"
    return _finish(out, "ITU-R")


ETSI_NORMATIVE = {"EN", "ES", "TS", "GS", "ETS", "I-ETS", "TBR", "EG"}


def read_etsi(path: Path) -> pd.DataFrame:
    """ETSI deliverables; version rows grouped by deliverable number."""
    raw = _read(path, ["id", "deliverable", "title", "abstract", "published", "technical_body"])
    fallback = raw["id"].str.replace(r"^ETSI\s+", "", regex=True)
    fallback = fallback.str.replace(r"\s+(ed\.\d+|V[\d.]+)\s*\(.*\)$", "", regex=True)
    raw["key"] = raw["deliverable"].fillna(fallback)
    raw["date"] = raw["published"].fillna(raw["id"].str.extract(r"\((\d{4}-\d{2})\)$")[0])
    raw["edition"] = raw["version"].fillna(raw["id"].str.extract(r"ed\.(\d+)")[0])
    out = _collapse(raw, "key", "date")
    out["identifier"] = "ETSI " + out["key"]
    out["group"] = out["technical_body"]
    out["status"] = "published"
    out["kind"] = out["key"].str.split().str[0]
    out["normative"] = out["kind"].isin(ETSI_NORMATIVE)
    out["url"] = out["url"]
    return _finish(out, "ETSI")


def read_ieee(path: Path) -> pd.DataFrame:
    """IEEE standards (editions by year collapsed) and drafts (one row per project)."""
    raw = _read(path, ["id", "doctype", "title", "abstract", "issued", "committee", "status"])
    raw = raw[raw["doctype"] != "redline"].copy()
    draft = raw["id"].str.contains(r"(?:^|\s|/)P[\w.]*/D", regex=True)
    key = raw["id"].str.replace(r"/D[-\w.]*(?:-\d{4}(?:-\d{2})?)?$", "", regex=True)
    key = key.str.replace(r"-\d{4}$", "", regex=True)
    raw["key"] = key
    raw["date"] = raw["issued"].fillna(raw["published"])
    raw["edition"] = raw["id"].str.extract(r"-(\d{4})$")[0]
    raw["draft"] = draft
    out = _collapse(raw, "key", "date")
    out["identifier"] = out["key"]
    out["group"] = out["committee"]
    status = (
        out["status"]
        .str.lower()
        .map({"active": "in force", "inactive": "withdrawn", "superseded": "superseded"})
    )
    out["status"] = status.fillna("published").where(~out["draft"], "draft")
    out["kind"] = out["draft"].map({True: "draft", False: "standard"})
    out["normative"] = ~out["draft"]
    return _finish(out, "IEEE")


def read_3gpp(path: Path) -> pd.DataFrame:
    """3GPP specifications, already one row per spec; TRs are study items (not normative)."""
    raw = _read(path, ["spec", "type", "title", "wg", "first_published", "latest_published"])
    out = raw.copy()
    out["identifier"] = "3GPP " + out["spec"]
    out["date"] = out["first_published"]
    out["latest_date"] = out["latest_published"]
    out["group"] = out["wg"]
    out["edition"] = out["latest_version"]
    out["editions"] = pd.to_numeric(out["n_versions"], errors="coerce")
    out["status"] = "published"
    out["kind"] = out["type"]
    out["normative"] = out["type"] == "TS"
    return _finish(out, "3GPP")


W3C_DRAFT = {"WD", "FPWD", "LCWD", "CR", "CRD", "PR", "PER", "DNOTE", "DRY"}


def read_w3c(path: Path) -> pd.DataFrame:
    """W3C technical reports grouped by shortname; the newest dated maturity decides the status."""
    raw = _read(path, ["shortname", "maturity", "title", "published", "group"])
    latest = raw[raw["maturity"] == "latest"].drop_duplicates("shortname").set_index("shortname")
    dated = raw[raw["maturity"] != "latest"].copy()
    dated["key"] = dated["shortname"]
    dated["date"] = dated["published"]
    dated["abstract"] = None
    out = _collapse(dated, "key", "date")
    out["identifier"] = "W3C " + out["key"]
    out["edition"] = out["maturity"]
    retired = out["status"].fillna("").str.contains("Retired") | (out["maturity"] == "OBSL")
    draft = out["maturity"].isin(W3C_DRAFT)
    out["status"] = "published"
    out.loc[out["maturity"] == "REC", "status"] = "in force"
    out.loc[draft, "status"] = "draft"
    out.loc[retired, "status"] = "withdrawn"
    out["kind"] = out["maturity"]
    out["normative"] = out["maturity"] == "REC"
    out["url"] = latest["url"].reindex(out["key"]).to_numpy()
    return _finish(out, "W3C")


IETF_STANDARDS_TRACK = {
    "PROPOSED STANDARD",
    "DRAFT STANDARD",
    "INTERNET STANDARD",
    "BEST CURRENT PRACTICE",
}


def read_ietf(path: Path) -> pd.DataFrame:
    """RFCs; ``obsoleted_by`` marks superseded RFCs and HISTORIC withdrawn ones."""
    raw = _read(path, ["rfc", "number", "title", "year", "month", "status", "obsoleted_by"])
    out = raw.copy()
    out["identifier"] = "RFC " + out["number"]
    month = pd.to_numeric(out["month"], errors="coerce")
    out["date"] = out["year"] + month.map(lambda m: "" if pd.isna(m) else f"-{int(m):02d}")
    out["latest_date"] = out["date"]
    out["group"] = out["wg"]
    out["edition"] = None
    out["editions"] = 1
    status = pd.Series("published", index=out.index)
    status[out["status"].isin(IETF_STANDARDS_TRACK)] = "in force"
    status[out["obsoleted_by"].notna()] = "superseded"
    status[out["status"] == "HISTORIC"] = "withdrawn"
    out["status"] = status
    out["kind"] = raw["status"].str.lower()
    out["normative"] = raw["status"].isin(IETF_STANDARDS_TRACK)
    out["abstract"] = raw["keywords"].str.replace(";", ", ", regex=False)
    out["url"] = "https://www.rfc-editor.org/rfc/rfc" + out["number"]
    return _finish(out, "IETF")


READERS: dict[str, Callable[[Path], pd.DataFrame]] = {
    "ITU-T": read_itu_t,
    "ITU-R": read_itu_r,
    "ETSI": read_etsi,
    "IEEE": read_ieee,
    "3GPP": read_3gpp,
    "W3C": read_w3c,
    "IETF": read_ietf,
}


def read_raw_catalogues(
    folder: Path, progress: Callable[[str, int], None] | None = None
) -> tuple[pd.DataFrame, int]:
    """Every body's catalogue in ``folder`` as one frame; returns it and the raw record count."""
    frames = []
    raw_records = 0
    for body, name in FILES.items():
        path = Path(folder) / name
        frame = READERS[body](path)
        with path.open(encoding="utf-8") as handle:
            rows = sum(1 for _ in handle) - 1
        raw_records += rows
        if progress:
            progress(body, rows)
        frames.append(frame)
    catalogue = pd.concat(frames, ignore_index=True)
    catalogue = catalogue.drop_duplicates(subset=["identifier"], keep="last")
    return catalogue.reset_index(drop=True), raw_records


_SPACE = re.compile(r"\s+")


def clean_text(value: object) -> str:
    return "" if value is None or value != value else _SPACE.sub(" ", str(value)).strip()
