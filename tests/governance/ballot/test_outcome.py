"""Round outcomes: absolute majority of valid non-blank votes for officials, plurality with
ties reported for regional seats."""

from __future__ import annotations

from humanict.governance.ballot.outcome import required_majority, round_outcome


def test_required_majority_is_more_than_half() -> None:
    # PP-22 SG: 139 + 25 = 164 valid votes -> 83 (RULES.md section 6)
    assert required_majority(164) == 83
    assert required_majority(158) == 80  # PP-06 BR: 160 ballots less 2 abstentions
    for v in range(0, 200):
        need = required_majority(v)
        assert need > v / 2 and need - 1 <= v / 2


def test_official_blank_is_an_abstention() -> None:
    out = round_outcome("official", 1, {"A": 83, "B": 81, "BLANK": 10})
    assert out["valid_votes"] == 164 and out["abstentions"] == 10
    assert out["elected"] == ["A"]
    out = round_outcome("official", 1, {"A": 82, "B": 82, "BLANK": 0})
    assert out["status"] == "another round needed" and out["elected"] == []
    assert round_outcome("official", 1, {"A": 0, "BLANK": 5})["status"] == "another round needed"


def test_council_plurality_and_ties() -> None:
    out = round_outcome("council", 2, {"A": 5, "B": 3, "C": 1})
    assert out == {"status": "elected", "elected": ["A", "B"], "valid_votes": 9}
    tie = round_outcome("council", 2, {"A": 5, "B": 3, "C": 3})
    assert tie["status"] == "tie" and tie["elected"] == ["A"] and tie["tied"] == ["B", "C"]
    assert round_outcome("council", 3, {"A": 1})["elected"] == ["A"]
