"""Round outcomes on the board: ITU's rules (election_rules) in the board's result format, and
the standalone verifier's own check agreeing with them on synthetic counts."""

from __future__ import annotations

from hypothesis import given, seed, settings
from hypothesis import strategies as st

from humanict.governance.ballot import standalone_verifier
from humanict.governance.ballot.outcome import BLANK, round_outcome
from humanict.governance.election_rules import official_round_from_counts, regional_plurality

SEED = 2026  # hypothesis seed of the synthetic counts


def test_official_blank_is_an_abstention() -> None:
    # PP-22 SG shape: 83 + 81 = 164 valid non-blank votes -> majority 83 (RULES.md section 6)
    out = round_outcome("official", 1, {"A": 83, "B": 81, "BLANK": 10})
    assert out == {
        "status": "elected",
        "elected": ["A"],
        "valid_votes": 164,
        "abstentions": 10,
        "required_majority": 83,
    }
    out = round_outcome("official", 1, {"A": 82, "B": 82, "BLANK": 0})
    assert out["status"] == "another round needed" and out["elected"] == []
    assert round_outcome("official", 1, {"A": 0, "BLANK": 5})["status"] == "another round needed"
    # PP-06 BR: 160 ballots less 2 abstentions -> 158 valid, majority 80
    assert round_outcome("official", 1, {"A": 80, "B": 78, "BLANK": 2})["elected"] == ["A"]
    assert round_outcome("official", 1, {"A": 79, "B": 79, "BLANK": 2})["elected"] == []


def test_council_plurality_and_ties() -> None:
    out = round_outcome("council", 2, {"A": 5, "B": 3, "C": 1})
    assert out == {"status": "elected", "elected": ["A", "B"], "valid_votes": 9}
    tie = round_outcome("council", 2, {"A": 5, "B": 3, "C": 3})
    assert tie == {
        "status": "tie",
        "elected": ["A"],
        "tied": ["B", "C"],
        "seats_left": 1,
        "valid_votes": 11,
    }
    assert round_outcome("council", 3, {"A": 1})["elected"] == ["A"]


# -- the standalone verifier against election_rules, on synthetic counts (seeded) --

NAMES = ["c1", "c2", "c3", "c4", "c5", "c6"]
# small counts make ties frequent, large ones cover real conference sizes (up to 193 voters)
synthetic_count = st.one_of(st.integers(0, 4), st.integers(0, 193))
synthetic_candidates = st.dictionaries(st.sampled_from(NAMES), synthetic_count, min_size=1)


@seed(SEED)
@settings(max_examples=400, deadline=None)
@given(synthetic_candidates, synthetic_count)
def test_synthetic_official_counts_standalone_agrees_with_election_rules(
    votes: dict[str, int], blank: int
) -> None:
    counts = {**votes, BLANK: blank}
    independent = standalone_verifier._outcome("official", 1, counts)
    rules = official_round_from_counts(counts, blank_option=BLANK)
    assert independent["elected"] == ([rules.elected] if rules.elected else [])
    assert independent["required_majority"] == rules.required_majority
    assert independent["valid_votes"] == rules.valid == sum(votes.values())
    assert independent["abstentions"] == rules.blank == blank
    assert (independent["status"] == "elected") == (rules.status == "elected")
    assert independent == round_outcome("official", 1, counts)


@seed(SEED)
@settings(max_examples=400, deadline=None)
@given(synthetic_candidates, st.integers(1, 13))
def test_synthetic_regional_counts_standalone_agrees_with_election_rules(
    votes: dict[str, int], seats: int
) -> None:
    independent = standalone_verifier._outcome("council", seats, votes)
    rules = regional_plurality("synthetic", votes, seats)
    assert independent["elected"] == list(rules.elected)
    assert independent.get("tied", []) == list(rules.tied)
    assert (independent["status"] == "tie") == bool(rules.tied)
    if rules.tied:
        assert independent["seats_left"] == seats - len(rules.elected)
    assert independent == round_outcome("council", seats, votes)
