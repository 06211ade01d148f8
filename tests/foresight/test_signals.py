"""Papers imported as signals, and the errors a bad file gets (file, line, field)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from humanict.errors import DataFileError, NotFoundError
from humanict.foresight.signals import read_papers

HEADER = "id,date,title,abstract,source\n"


def _write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_csv_and_jsonl_papers_become_signals(tmp_path: Path) -> None:
    csv_path = _write(
        tmp_path,
        "papers.csv",
        HEADER + "p1,2017-05,Quantum key distribution networks,Trusted nodes,arXiv\n"
        "p2,2016,,Federated learning at the network edge,\n",
    )
    papers = read_papers(csv_path)
    assert papers["year"].tolist() == [2017, 2016]
    assert papers["source"].tolist() == ["arXiv", "papers"]
    assert "Trusted nodes" in papers["text"].iloc[0]
    lines = [{"id": "a", "date": "2015-01-02", "title": "Network slicing", "abstract": ""}]
    jsonl = _write(tmp_path, "papers.jsonl", "\n".join(json.dumps(x) for x in lines) + "\n")
    assert read_papers(jsonl)["kind"].tolist() == ["paper"]


@pytest.mark.parametrize(
    ("body", "line", "field"),
    [
        ("p1,2017-13,Title,Abstract,x\n", 2, "date"),
        ("p1,2017,Title,Abstract,x\np1,2018,Other,Abstract,x\n", 3, "id"),
        ("p1,2017,,,x\n", 2, "title"),
        (",2017,Title,,x\n", 2, "id"),
    ],
)
def test_bad_rows_name_file_line_and_field(
    tmp_path: Path, body: str, line: int, field: str
) -> None:
    path = _write(tmp_path, "bad.csv", HEADER + body)
    with pytest.raises(DataFileError) as info:
        read_papers(path)
    assert (info.value.line, info.value.field) == (line, field)
    assert str(path) in str(info.value)


def test_missing_column_and_bad_json_are_reported(tmp_path: Path) -> None:
    with pytest.raises(DataFileError, match="line 1, field 'date'"):
        read_papers(_write(tmp_path, "nodate.csv", "id,title\np1,T\n"))
    with pytest.raises(DataFileError, match="line 2"):
        read_papers(
            _write(tmp_path, "bad.jsonl", '{"id": "a", "date": "2015", "title": "x"}\n{oops\n')
        )
    with pytest.raises(NotFoundError):
        read_papers(tmp_path / "absent.csv")
