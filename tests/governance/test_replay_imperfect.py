"""Replay of imperfect records: rounds named 'final' or with a remark, votes not recorded.

The fixture data/imperfect_records_parser_test.csv is a test of the parser made only of real
rows of data/governance/elections_results*.csv: some published vote counts are blanked and
PP-22 BDT round 3 is written 'final', as records gathered from press pages look. What each
round must give follows from ITU's rule (majority floor(V/2) + 1, RULES.md 6) applied to the
figures that remain in the row.
"""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from humanict.cli import app
from humanict.config import Settings
from humanict.errors import DataFileError
from humanict.governance.records import read_council, read_officials
from humanict.governance.replay import (
    BASIS_BALLOTS,
    BASIS_CANDIDATES,
    BASIS_PRESENT,
    read_rounds,
    replay,
    replay_regional,
)
from humanict.governance.service import member_codes, replay_file

from .conftest import GOV_DIR

runner = CliRunner()
IMPERFECT = Path(__file__).parent / "data" / "imperfect_records_parser_test.csv"
MEMBERS = member_codes(Settings().data_dir)


def _rows() -> dict[tuple[str, str, str], dict[str, object]]:
    rounds = read_rounds(IMPERFECT.read_text(), source=str(IMPERFECT), known_iso3=MEMBERS)
    return {(str(r["conference"]), str(r["post"]), str(r["round"])): r for r in replay(rounds)}


def test_every_round_of_the_file_gives_a_row() -> None:
    rows = _rows()
    assert len(rows) == 8  # 8 (conference, post, round) groups in the fixture, none dropped
    assert ("PP-22", "Director BDT", "final") in rows
    assert ("PP-18", "Director BDT", "1 (assumed)") in rows


def test_final_round_is_replayed_after_the_numbered_rounds() -> None:
    rows = list(_rows())
    bdt = [key[2] for key in rows if key[:2] == ("PP-22", "Director BDT")]
    assert bdt == ["1", "2", "final"]
    final = _rows()[("PP-22", "Director BDT", "final")]
    # Zavazava 101, Bereaux 63: V 164, majority 83 as recorded
    assert (final["valid_votes"], final["required_majority"]) == (164, 83)
    assert final["elected"] == "Cosmas Zavazava" and final["agrees"] is True
    assert final["basis"] == BASIS_CANDIDATES


def test_missing_votes_derive_valid_votes_from_present_and_voting() -> None:
    # PP-10 BR round 2: Leite's 67 blanked; 157 present and voting -> majority 79 (recorded 79)
    row = _rows()[("PP-10", "Director BR", "2")]
    assert row["basis"] == BASIS_PRESENT
    assert (row["valid_votes"], row["required_majority"], row["majority_agrees"]) == (157, 79, True)
    assert row["votes_of_unrecorded_candidates"] == 157 - 90
    assert row["elected"] == "Francois Rancy" and row["agrees"] is True


def test_present_and_voting_that_counts_blank_ballots_shows_as_a_disagreement() -> None:
    # PP-22 SG: ITU's headline '172 present and voting' includes blank ballots (RULES.md 6):
    # from it the majority would be 87, the record says 83; the winner is elected either way.
    row = _rows()[("PP-22", "Secretary-General", "1")]
    assert row["basis"] == BASIS_PRESENT
    assert (row["required_majority"], row["recorded_majority"]) == (87, 83)
    assert row["majority_agrees"] is False and row["elected_agrees"] is True
    assert row["agrees"] is False


def test_missing_votes_derive_valid_votes_from_ballots_cast() -> None:
    # PP-22 BDT round 2: Gambia's and Pakistan's candidates blanked; 181 ballots cast -> 91
    row = _rows()[("PP-22", "Director BDT", "2")]
    assert str(row["basis"]).startswith(BASIS_BALLOTS) and "taken as none" in str(row["basis"])
    assert (row["valid_votes"], row["required_majority"], row["majority_agrees"]) == (181, 91, True)
    # 181 - 81 - 59 = 41 votes for the two others: nobody can reach 91, another round
    assert row["votes_of_unrecorded_candidates"] == 41
    assert row["outcome"] == "another round needed" and row["agrees"] is True
    assert row["votes_not_recorded"] == "(candidate of Gambia),Anusha Rahman Ahmad Khan"


def test_rounds_that_cannot_be_decided_are_listed_with_the_reason() -> None:
    rows = _rows()
    dsg = rows[("PP-22", "Deputy Secretary-General", "1")]
    assert dsg["replayed"] is False and dsg["elected"] is None and dsg["agrees"] is None
    assert "votes of 3 candidates not recorded" in str(dsg["reason"])
    assert dsg["required_majority"] == 90  # from 179 present and voting; recorded 89
    pp98 = rows[("PP-98", "Deputy Secretary-General", "1")]
    assert pp98["replayed"] is False and pp98["valid_votes"] is None
    assert pp98["reason"].startswith("votes of 1 candidate not recorded, and no present-and")


def test_replay_file_summary_counts_every_round() -> None:
    report = replay_file(IMPERFECT.read_text(), Settings().data_dir, source="imperfect")
    assert report["rounds_in_file"] == 8
    assert report["rounds_replayed"] == 6
    assert report["agreeing"] == 5  # PP-22 SG disagrees on the majority only
    assert report["derived_valid_votes"] == 4  # three replayed, PP-22 DSG majority only
    assert [(r["post"], r["round"]) for r in report["not_replayed"]] == [
        ("Deputy Secretary-General", "1"),
        ("Deputy Secretary-General", "1"),
    ]


def test_cli_replay_lists_bases_and_rounds_not_replayed() -> None:
    result = runner.invoke(app, ["governance", "replay", str(IMPERFECT)])
    assert result.exit_code == 0, result.output
    assert "5 of 6 replayed rounds agree" in result.output
    assert "8 rounds in the file" in result.output
    assert "not replayed: PP-98 Deputy Secretary-General round 1" in result.output
    assert "V from ballots cast" in result.output
    data = json.loads(
        runner.invoke(app, ["governance", "replay", str(IMPERFECT), "--format", "json"]).output
    )
    assert len(data["rounds"]) == 8


# Counts a replay row carries (votes, ballots, majorities): whole numbers or missing.
COUNT_COLUMNS = (
    "candidates",
    "ballots_cast",
    "present_and_voting",
    "recorded_majority",
    "valid_votes",
    "required_majority",
    "leader_votes",
    "votes_of_unrecorded_candidates",
    "blank_implied",
)
DECIMAL = re.compile(r"\b\d+\.\d+\b")


def _replay_cli(path: Path, *options: str) -> str:
    result = runner.invoke(app, ["governance", "replay", str(path), *options])
    assert result.exit_code == 0, result.output
    return result.output


def test_cli_replay_table_prints_counts_whole_and_missing_ones_blank() -> None:
    # Rounds without figures used to turn the count columns to floats: "172.00".
    table = _replay_cli(IMPERFECT).splitlines()
    rows = [line for line in table if re.match(r"\s+PP-\d\d ", line)]  # not the notes
    assert len(rows) == 8 and not [r for r in rows if DECIMAL.search(r) or "<NA>" in r]
    sg = next(r for r in rows if "Secretary-General" in r and "Deputy" not in r).split()
    assert sg[3:6] == ["172", "87", "83"]  # V present and voting, floor(172/2) + 1, recorded
    pp98 = next(r for r in rows if r.lstrip().startswith("PP-98"))
    # a round that cannot be replayed neither agrees nor disagrees: blank, not "None"
    assert re.fullmatch(r"\s*PP-98 Deputy Secretary-General\s+1\s+not replayed\s*", pp98)
    shipped = _replay_cli(GOV_DIR / "elections_results.csv").splitlines()
    pp18 = next(line for line in shipped if "PP-18" in line and "Secretary-General" in line)
    assert pp18.split()[3:5] == ["176", "89"]  # no recorded majority: blank, not NaN
    assert not DECIMAL.search("\n".join(shipped))


def test_cli_replay_csv_and_json_keep_counts_whole() -> None:
    rows = list(csv.DictReader(io.StringIO(_replay_cli(IMPERFECT, "--format", "csv"))))
    assert len(rows) == 8
    for row in rows:
        for column in COUNT_COLUMNS:
            assert re.fullmatch(r"\d*", row[column]), (row["conference"], column, row[column])
    by_key = {(r["conference"], r["post"], r["round"]): r for r in rows}
    sg = by_key[("PP-22", "Secretary-General", "1")]
    assert (sg["present_and_voting"], sg["valid_votes"], sg["required_majority"]) == (
        "172",
        "172",
        "87",
    )
    assert by_key[("PP-22", "Director BDT", "2")]["ballots_cast"] == "181"
    assert by_key[("PP-98", "Deputy Secretary-General", "1")]["valid_votes"] == ""
    report = json.loads(_replay_cli(IMPERFECT, "--format", "json"))
    values = [r[c] for r in report["rounds"] for c in COUNT_COLUMNS if r.get(c) is not None]
    assert values and all(type(v) is int for v in values)


def test_other_governance_listings_keep_counts_whole() -> None:
    regional = runner.invoke(
        app, ["governance", "replay-regional", str(GOV_DIR / "council_2022.csv"), "--format", "csv"]
    ).output
    region_c = next(r for r in csv.DictReader(io.StringIO(regional)) if r["region"] == "C")
    assert (region_c["lowest_elected_votes"], region_c["highest_unelected_votes"]) == ("134", "73")
    officials = runner.invoke(app, ["governance", "officials", "--post", "BUREAU"]).output
    curchod = next(line for line in officials.splitlines() if "Louis Curchod" in line)
    assert curchod.split()[4:6] == ["1869", "1869"]  # start and end years, not "1869.00"
    assert not DECIMAL.search(officials)


HEADER = (
    "conference,year,post,round,candidate,country,iso3,votes,ballots_cast,"
    "abstentions_or_blank,invalid,present_and_voting_reported,required_majority,elected\n"
)


@pytest.mark.parametrize(
    ("row", "field", "words"),
    [
        ("PP-10,2010,Director BR,2,Francois Rancy,France,FRA,-90,,,,157,79,Y", "votes", "negative"),
        ("PP-10,2010,Director BR,2,Francois Rancy,France,FRX,90,,,,157,79,Y", "iso3", "unknown"),
        ("PP-10,2010,Director BR,2,Francois Rancy,France,FRA,many,,,,157,79,Y", "votes", "whole"),
        ("PP-10,2010,Director BR,last,Francois Rancy,France,FRA,90,,,,157,79,Y", "round", "final"),
        ("PP-10,2010,Director BR,2,Francois Rancy,France,FRA,90,,,,-157,79,Y", None, "negative"),
        ("PP-10,2010,Director BR,2,Francois Rancy,France,FRA,90,,,,157,79,Y,extra", None, "more"),
    ],
)
def test_truly_malformed_rows_are_refused_with_line_and_field(row, field, words) -> None:
    with pytest.raises(DataFileError) as caught:
        read_rounds(HEADER + row + "\n", source="records.csv", known_iso3=MEMBERS)
    assert caught.value.line == 2 and str(caught.value.path) == "records.csv"
    if field is not None:
        assert caught.value.field == field
    assert words in str(caught.value)


def test_wrong_columns_are_refused() -> None:
    with pytest.raises(DataFileError) as caught:
        read_rounds("conference,year,post,round,candidate,elected\nPP-10,2010,BR,2,A,Y\n")
    assert caught.value.line == 1 and caught.value.field == "votes"


def test_cli_refuses_a_malformed_file_with_file_line_and_field(tmp_path) -> None:
    bad = tmp_path / "records.csv"
    bad.write_text(HEADER + "PP-10,2010,Director BR,2,Francois Rancy,France,FRA,-90,,,,,,Y\n")
    result = runner.invoke(app, ["governance", "replay", str(bad)])
    assert result.exit_code == 1
    assert "records.csv" in result.output and "line 2" in result.output
    assert "'votes'" in result.output


def test_regional_replay_lists_regions_without_votes_with_the_reason() -> None:
    path = GOV_DIR / "council_2022.csv"
    rows = replay_regional(path.read_text(), source=str(path), known_iso3=MEMBERS)
    listed = [r for r in rows if r["agrees"] is None]
    assert listed and all(str(r["reason"]).startswith("votes of ") for r in listed)
    assert len(rows) == 5


def test_council_and_officials_importers_read_remarks_and_refuse_unknown_codes(tmp_path) -> None:
    council = tmp_path / "council_2022.csv"
    lines = (GOV_DIR / "council_2022.csv").read_text().splitlines()
    header, first = lines[0], lines[1]
    assert first.split(",")[3] == "9"  # Argentina, Region A, 9 seats
    remarked = first.replace(",9,", ",9 (Resolution 164),", 1)
    council.write_text(header + "\n" + remarked + "\n")
    (seat,) = read_council(council, MEMBERS)
    assert seat.region_seats == 9 and seat.iso3 == "ARG"
    council.write_text(header + "\n" + first.replace(",ARG,", ",ARX,", 1) + "\n")
    with pytest.raises(DataFileError) as caught:
        read_council(council, MEMBERS)
    assert (caught.value.line, caught.value.field) == (2, "iso3")
    officials = tmp_path / "officials.csv"
    rows = (GOV_DIR / "officials.csv").read_text().splitlines()
    row = next(r for r in rows[1:] if ",Houlin Zhao," in r and ",2015,2022," in r)
    remarked_year = row.replace(",2015,2022,", ",2015 (1 January),2022,")
    officials.write_text(rows[0] + "\n" + remarked_year + "\n")
    (tenure,) = read_officials(officials, MEMBERS)
    assert (tenure.start, tenure.end, tenure.iso3) == (2015, 2022, "CHN")
    officials.write_text(rows[0] + "\n" + row.replace(",2015,2022,", ",-2015,2022,") + "\n")
    with pytest.raises(DataFileError) as caught:
        read_officials(officials, MEMBERS)
    assert caught.value.field == "start_year"
