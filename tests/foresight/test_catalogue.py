# ruff: noqa: E501
"""The unified catalogue: editions collapsed, withdrawn/superseded marked, all bodies present."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from humanict.config import PROJECT_ROOT
from humanict.foresight import sources, store

# Synthetic raw rows in the shape of the shared catalogues, to check the readers' rules.
ITU_T = """id,number,series,doctype,title,abstract,published,study_group,status,edition,url,source_file
ITU-T Y.9999 (01/2010),Y.9999,Y,recommendation,Old title,,2010-01-05,SG13,Withdrawal,1,,a
ITU-T Y.9999 (03/2015),Y.9999,Y,recommendation,New title,Abstract two,2015-03-01,SG13,Published,2,,b
ITU-T Y.9999 (2015) Amd. 1 (06/2016),Y.9999,Y,recommendation-amendment,,,2016-06-01,SG13,Published,2.1,,c
ITU-T Y Suppl. 9 (07/2016),,Y,recommendation-supplement,A supplement,,2016-07-01,SG13,Published,1,,d
ITU-T X.9998 (05/2001),X.9998,X,recommendation,Gone,,2001-05-01,SG17,Withdrawal,1,,e
"""
IEEE = """id,doctype,title,abstract,issued,published,committee,status,keywords,source_file
IEEE Std 9999-2005,standard,Widget,,2005-02-01,2005-03-01,C,Superseded,,a
IEEE Std 9999-2019,standard,Widget rev,,2019-02-01,2019-03-01,C,Active,,b
IEEE P9999/D-3-2018-07,standard,Widget draft,,2018-07-01,2018-07-01,C,Inactive,,c
"""
RFC = """rfc,number,title,authors,year,month,status,stream,obsoletes,obsoleted_by,updates,updated_by,also,doi,wg,area,keywords,fyi_level,fyi_status
RFC9990,9990,Old,A,2010,3,PROPOSED STANDARD,,,RFC9991,,,,,x,,,,
RFC9991,9991,New,A,2020,4,PROPOSED STANDARD,,RFC9990,,,,,,x,,,,
RFC9992,9992,Notes,A,2021,1,INFORMATIONAL,,,,,,,,x,,,,
"""


def _raw(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_itu_t_editions_collapse_and_status_follows_the_newest(tmp_path: Path) -> None:
    frame = sources.read_itu_t(_raw(tmp_path, "itu.csv", ITU_T)).set_index("identifier")
    assert sorted(frame.index) == ["ITU-T X.9998", "ITU-T Y Suppl. 9", "ITU-T Y.9999"]
    y = frame.loc["ITU-T Y.9999"]
    assert (y["date"], y["latest_date"], y["editions"]) == ("2010-01-05", "2015-03-01", 2)
    assert (y["title"], y["status"], y["edition"], bool(y["normative"])) == (
        "New title",
        "in force",
        "2",
        True,
    )
    assert frame.loc["ITU-T X.9998", "status"] == "withdrawn"
    assert not frame.loc["ITU-T Y Suppl. 9", "normative"]


def test_ieee_superseded_editions_and_drafts(tmp_path: Path) -> None:
    frame = sources.read_ieee(_raw(tmp_path, "ieee.csv", IEEE)).set_index("identifier")
    assert frame.loc["IEEE Std 9999", "editions"] == 2
    assert frame.loc["IEEE Std 9999", "status"] == "in force"
    assert frame.loc["IEEE Std 9999", "edition"] == "2019"
    assert frame.loc["IEEE P9999", "status"] == "draft"


def test_rfc_obsoleted_is_superseded_and_informational_not_normative(tmp_path: Path) -> None:
    frame = sources.read_ietf(_raw(tmp_path, "rfc.csv", RFC)).set_index("identifier")
    assert frame.loc["RFC 9990", "status"] == "superseded"
    assert frame.loc["RFC 9991", "status"] == "in force"
    assert not frame.loc["RFC 9992", "normative"]


def test_a_missing_column_names_the_file(tmp_path: Path) -> None:
    from humanict.errors import DataFileError

    with pytest.raises(DataFileError, match="field 'study_group'"):
        sources.read_itu_t(_raw(tmp_path, "itu.csv", "id,number,doctype,title,published,status\n"))


def test_shipped_snapshot_has_every_body_unique_ids_and_no_abstracts() -> None:
    catalogue = store.load_snapshot(PROJECT_ROOT / "data")
    assert set(catalogue["body"]) == set(sources.BODIES)
    assert catalogue["identifier"].is_unique
    assert catalogue["abstract"].isna().all()
    assert {"withdrawn", "superseded", "in force", "draft"} <= set(catalogue["status"])
    y3172 = catalogue.set_index("identifier").loc["ITU-T Y.3172"]
    assert y3172["date"].startswith("2019-06") and y3172["group"] == "SG13"


def test_abstracts_load_from_a_csv(tmp_path: Path, slice_dir: Path) -> None:
    catalogue = store.load_snapshot(slice_dir)
    ident = catalogue["identifier"].iloc[0]
    path = tmp_path / "abstracts.csv"
    pd.DataFrame({"identifier": [ident], "abstract": ["An abstract."]}).to_csv(path, index=False)
    report = store.build(slice_dir, tmp_path / "f.duckdb", abstracts=path)
    assert report.abstracts == 1
    standards, _ = store.load(tmp_path / "f.duckdb")
    assert standards.set_index("identifier").loc[ident, "abstract"] == "An abstract."


def test_a_rebuild_keeps_the_abstracts_of_the_previous_build(
    tmp_path: Path, slice_dir: Path
) -> None:
    from humanict.config import Settings
    from humanict.foresight import service

    catalogue = store.load_snapshot(slice_dir)
    path = tmp_path / "abstracts.csv"
    pd.DataFrame(
        {"identifier": catalogue["identifier"].iloc[:3], "abstract": ["One.", "Two.", "Three."]}
    ).to_csv(path, index=False)
    settings = Settings(
        data_dir=slice_dir, foresight_path=tmp_path / "f.duckdb", imports_dir=tmp_path / "imp"
    )
    assert service.rebuild(settings, path, None).abstracts == 3
    assert service.rebuild(settings, None, None).abstracts == 3
