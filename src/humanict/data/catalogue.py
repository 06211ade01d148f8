"""The catalogue of datasets the warehouse is built from (``data/datasets.toml``)."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path

from humanict.data.readers import READERS
from humanict.errors import DataFileError


@dataclass(frozen=True, slots=True)
class DatasetInfo:
    """A dataset and its provenance."""

    id: str
    title: str
    file: Path
    reader: str
    publisher: str
    licence: str
    vintage: str
    url: str = ""


@dataclass(frozen=True, slots=True)
class Catalogue:
    datasets: tuple[DatasetInfo, ...]
    indicator_overrides: dict[str, dict[str, str]]


def load_catalogue(data_dir: Path) -> Catalogue:
    """Read ``datasets.toml``; every entry must name an existing file and a known reader."""
    path = data_dir / "datasets.toml"
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise DataFileError(path, None, None, "dataset catalogue not found") from None
    except tomllib.TOMLDecodeError as err:
        raise DataFileError(path, None, None, f"invalid TOML: {err}") from err
    datasets = []
    for number, entry in enumerate(raw.get("dataset", []), start=1):
        missing = [
            k
            for k in ("id", "title", "file", "reader", "publisher", "licence", "vintage")
            if k not in entry
        ]
        if missing:
            raise DataFileError(path, None, f"dataset[{number}]", f"missing keys {missing}")
        if entry["reader"] not in READERS:
            raise DataFileError(
                path,
                None,
                f"dataset[{number}].reader",
                f"unknown reader {entry['reader']!r}; known readers: {', '.join(READERS)}",
            )
        datasets.append(
            DatasetInfo(
                id=entry["id"],
                title=entry["title"],
                file=data_dir / entry["file"],
                reader=entry["reader"],
                publisher=entry["publisher"],
                licence=entry["licence"],
                vintage=entry["vintage"],
                url=entry.get("url", ""),
            )
        )
    return Catalogue(tuple(datasets), dict(raw.get("indicator", {})))
