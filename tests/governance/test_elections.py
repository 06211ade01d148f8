"""ITU election rules: recorded rounds replayed, and properties on synthetic rounds."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from humanict.cli import app
from humanict.errors import ConflictError, DataFileError, InvalidInputError
from humanict.governance.election_rules import (
    COUNCIL_SEATS,
    RRB_SEATS,
    board_election,
    council_election,
    count_ballots,
    next_round_candidates,
    official_round,
    official_round_from_counts,
    regional_plurality,
    remaining_candidates,
    required_majority,
    run_official_election,
    tally_regional,
    validate_regional_ballot,
)
from humanict.governance.replay import read_rounds, replay, replay_regional

from .conftest import GOV_DIR

runner = CliRunner()
RECORDED = GOV_DIR / "elections_results.csv"
OTHER = GOV_DIR / "elections_results_other.csv"


@pytest.mark.parametrize("path", [RECORDED, OTHER], ids=["PP-10/18/22", "PP-06"])
def test_replay_agrees_with_every_recorded_round(path) -> None:
    rows = replay(read_rounds(path.read_text(), source=str(path)))
    with path.open() as fh:
        recorded = {(r["conference"], r["post"], r["round"]) for r in csv.DictReader(fh)}
    assert len(rows) == len(recorded)
    for row in rows:
        assert row["elected_agrees"], row
        assert row["majority_agrees"] is not False, row


def test_replay_details_of_the_pp22_bdt_election() -> None:
    rows = [
        r
        for r in replay(read_rounds(RECORDED.read_text()))
        if r["post"] == "Director BDT" and r["conference"] == "PP-22"
    ]
    assert [r["required_majority"] for r in rows] == [91, 91, 83]
    assert [r["elected"] for r in rows] == [None, None, "Cosmas Zavazava"]
    assert rows[1]["withdrawn_before_round"] == "(candidate of Cameroon),(candidate of Congo)"
    assert rows[1]["blank_implied"] == 1  # 181 ballots cast, 180 valid votes


def test_required_majority_excludes_blank_ballots() -> None:
    # PP-22 SG: 172 present and voting, 139 + 25 = 164 valid -> 83 (RULES.md 6)
    result = official_round({"Bogdan-Martin": 139, "Ismailov": 25}, blank=8)
    assert result.required_majority == 83 and result.elected == "Bogdan-Martin"
    assert required_majority(0) == 1
    assert not result.abstentions_exceed_half
    assert official_round({"A": 10, "B": 5}, blank=16).abstentions_exceed_half


def test_tie_needs_another_round() -> None:
    result = official_round({"A": 50, "B": 50})
    assert result.status == "tie" and result.elected is None
    assert next_round_candidates(result) == ["A", "B"]


def test_withdrawals_and_elimination_between_rounds() -> None:
    first = official_round({"A": 59, "B": 47, "C": 35, "D": 20, "E": 11, "F": 8})
    assert next_round_candidates(first, withdrawn=["E", "F"]) == ["A", "B", "C", "D"]
    assert next_round_candidates(first, eliminate_last=True) == ["A", "B", "C", "D", "E"]
    with pytest.raises(InvalidInputError, match="did not stand"):
        next_round_candidates(first, withdrawn=["Z"])
    election = run_official_election(
        [
            {"A": 59, "B": 47, "C": 35, "D": 20, "E": 11, "F": 8},
            {"A": 81, "B": 59, "C": 25, "D": 15},
            {"A": 101, "B": 63},
        ],
        withdrawals={1: ["E", "F"], 2: ["C", "D"]},
    )
    assert election.elected == "A" and len(election.rounds) == 3
    with pytest.raises(InvalidInputError, match="may not stand"):
        run_official_election(
            [{"A": 10, "B": 9, "C": 8}, {"A": 10, "C": 9}], withdrawals={1: ["C"]}
        )
    with pytest.raises(ConflictError):
        next_round_candidates(official_round({"A": 3, "B": 1}))


def test_round_from_a_tally_with_a_blank_option() -> None:
    # PP-22 SG as a secret-ballot tally: BLANK is an option of its own, not a candidate
    counts = {"Bogdan-Martin": 139, "Ismailov": 25, "BLANK": 8}
    result = official_round_from_counts(counts)
    assert result == official_round({"Bogdan-Martin": 139, "Ismailov": 25}, blank=8)
    assert result.required_majority == 83 and result.blank == 8
    assert official_round_from_counts({"A": 2, "B": 2, "-": 9}, blank_option="-").status == "tie"
    with pytest.raises(InvalidInputError, match="at least one candidate"):
        official_round_from_counts({"BLANK": 5})


def test_remaining_candidates_keep_order_and_refuse_bad_withdrawals() -> None:
    assert remaining_candidates(["C", "A", "B"], ["A"]) == ["C", "B"]
    with pytest.raises(InvalidInputError, match="did not stand"):
        remaining_candidates(["A", "B"], ["Z"])
    with pytest.raises(InvalidInputError, match="every candidate withdrew"):
        remaining_candidates(["A", "B"], ["A", "B"])


def test_one_vote_per_member_state_with_voting_rights() -> None:
    votes, blank, invalid = count_ballots(
        [("FRA", "A"), ("KEN", None), ("JPN", "Z")], ["A", "B"], ["FRA", "KEN", "JPN"]
    )
    assert votes == {"A": 1, "B": 0} and blank == 1 and invalid == 1
    with pytest.raises(ConflictError, match="already voted"):
        count_ballots([("FRA", "A"), ("FRA", "B")], ["A", "B"], ["FRA"])
    with pytest.raises(ConflictError, match="no right to vote"):
        count_ballots([("XXX", "A")], ["A"], ["FRA"])


def _council_rows(name: str, region: str) -> dict[str, int]:
    with (GOV_DIR / name).open() as fh:
        return {
            r["iso3"]: int(r["votes"])
            for r in csv.DictReader(fh)
            if r["region"] == region and r["votes"]
        }


def test_council_region_c_reproduces_pp22_and_pp18() -> None:
    pp22 = _council_rows("council_2022.csv", "C")  # 7 candidates, all with votes
    result = regional_plurality("C", pp22, COUNCIL_SEATS["C"])
    assert set(result.elected) == {"ROU", "AZE", "POL", "BGR", "CZE"}
    pp18 = _council_rows("council_2018.csv", "C")
    result = regional_plurality("C", pp18, COUNCIL_SEATS["C"])
    assert set(result.elected) == {"AZE", "CZE", "POL", "ROU", "RUS"}  # not BGR 110, KGZ 95


def test_council_pp06_region_a_with_eight_seats() -> None:
    # PP-06 results page (RULES.md R14): 8 seats in Region A before PP-10
    votes = {
        "BRA": 143,
        "MEX": 131,
        "ARG": 129,
        "USA": 128,
        "CAN": 124,
        "CUB": 115,
        "TTO": 103,
        "VEN": 100,
        "DOM": 91,
        "SLV": 77,
        "ECU": 62,
    }
    result = regional_plurality("A", votes, 8)
    assert "VEN" in result.elected and "DOM" not in result.elected


def test_regional_ballots_and_ties() -> None:
    validate_regional_ballot(["A", "B"], ["A", "B", "C"], 2)
    with pytest.raises(InvalidInputError, match="3 candidates for 2 seats"):
        validate_regional_ballot(["A", "B", "C"], ["A", "B", "C"], 2)
    with pytest.raises(InvalidInputError, match="twice"):
        validate_regional_ballot(["A", "A"], ["A", "B"], 2)
    assert tally_regional([["A", "B"], ["A"]], ["A", "B", "C"], 2) == {"A": 2, "B": 1, "C": 0}
    tie = regional_plurality("B", {"A": 5, "B": 3, "C": 3}, 2)
    assert tie.elected == ("A",) and tie.tied == ("B", "C") and tie.status != "complete"
    assert sum(COUNCIL_SEATS.values()) == 48 and sum(RRB_SEATS.values()) == 12
    board = board_election({"D": {"KEN": 142, "MAR": 124, "CIV": 119, "X": 10}})
    assert set(board[0].elected) == {"KEN", "MAR", "CIV"}  # PP-10 RRB Region D
    with pytest.raises(InvalidInputError):
        council_election({"F": {"A": 1}})


# -- properties on synthetic rounds (seeded by hypothesis, named as such) --

synthetic_votes = st.dictionaries(
    st.sampled_from(["c1", "c2", "c3", "c4", "c5"]), st.integers(0, 200), min_size=1
)


@settings(max_examples=200, deadline=None)
@given(synthetic_votes, st.integers(0, 30))
def test_synthetic_rounds_majority_properties(votes: dict[str, int], blank: int) -> None:
    result = official_round(votes, blank=blank)
    valid = sum(votes.values())
    assert result.required_majority * 2 > valid >= (result.required_majority - 1) * 2
    assert result.required_majority == official_round(votes).required_majority  # blanks ignored
    if result.elected is not None:
        assert votes[result.elected] * 2 > valid
        assert sum(1 for v in votes.values() if v * 2 > valid) == 1
    else:
        assert all(v * 2 <= valid for v in votes.values()) or len(result.leaders) > 1


@settings(max_examples=100, deadline=None)
@given(synthetic_votes, st.integers(1, 13))
def test_synthetic_regional_plurality_properties(votes: dict[str, int], seats: int) -> None:
    result = regional_plurality("X", votes, seats)
    assert len(result.elected) <= seats
    assert len(result.elected) + len(result.tied) >= min(seats, len(votes))
    if result.elected:
        lowest_elected = min(votes[c] for c in result.elected)
        others = [votes[c] for c in votes if c not in result.elected and c not in result.tied]
        assert all(v < lowest_elected for v in others)


def test_cli_replay_json_and_bad_file(tmp_path) -> None:
    result = runner.invoke(app, ["governance", "replay", str(RECORDED), "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["agreeing"] == data["rounds_replayed"] == 10
    bad = tmp_path / "bad.csv"
    bad.write_text("conference,year,post,round,candidate,votes,elected\nPP,2022,SG,1,A,many,Y\n")
    result = runner.invoke(app, ["governance", "replay", str(bad)])
    assert result.exit_code == 1 and "line 2" in result.output and "votes" in result.output
    with pytest.raises(DataFileError):
        read_rounds("conference,year\n")


@pytest.mark.parametrize(
    "path",
    [
        GOV_DIR / "council_2022.csv",
        GOV_DIR / "council_2018.csv",
        Path(__file__).parent / "data" / "council_pp06_region_a.csv",
    ],
    ids=["PP-22", "PP-18", "PP-06 region A (ITU results page, 8 seats)"],
)
def test_regional_replay_agrees_where_votes_are_complete(path: Path) -> None:
    rows = replay_regional(path.read_text(), source=str(path))
    complete = [r for r in rows if r["agrees"] is not None]
    assert complete and all(r["agrees"] for r in complete)
    for r in complete:
        assert r["lowest_elected_votes"] > (r["highest_unelected_votes"] or -1)


def test_cli_replay_regional() -> None:
    result = runner.invoke(
        app,
        ["governance", "replay-regional", str(GOV_DIR / "council_2022.csv"), "--format", "json"],
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert (data["regions"], data["replayed"], data["agreeing"]) == (5, 1, 1)
