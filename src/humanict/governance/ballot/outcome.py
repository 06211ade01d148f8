"""The outcome of one round from verified counts (kept small; ITU round rules in full live in
``humanict.governance.election_rules``).

- Elected officials (one seat): elected with more than half of the valid votes, i.e. at least
  floor(V/2) + 1 where V counts valid non-blank votes; blank ballots are abstentions and left out
  of V (PP-02 and PP-06 procedures, RULES.md section 6). Otherwise another round is needed.
- Council and RRB regions (several seats): the ``seats`` candidates with the most votes are
  elected (plurality within the region, RULES.md sections 4-5); equal votes across the last seat
  are reported as a tie, since the tie-break rule is not established.
"""

from __future__ import annotations

from typing import Any

BLANK = "BLANK"


def required_majority(valid_votes: int) -> int:
    """More than half of the valid votes: floor(V/2) + 1."""
    return valid_votes // 2 + 1


def round_outcome(kind: str, seats: int, counts: dict[str, int]) -> dict[str, Any]:
    """Who is elected in this round, or why another round (or a tie-break) is needed."""
    blank = counts.get(BLANK, 0)
    votes = {name: n for name, n in counts.items() if name != BLANK}
    valid = sum(votes.values())
    ranked = sorted(votes.items(), key=lambda item: (-item[1], item[0]))
    if kind == "official":
        need = required_majority(valid)
        elected = [name for name, n in ranked if n >= need and valid > 0]
        status = "elected" if elected else "another round needed"
        return {
            "status": status,
            "elected": elected,
            "valid_votes": valid,
            "abstentions": blank,
            "required_majority": need,
        }
    if len(ranked) <= seats:
        return {"status": "elected", "elected": [n for n, _ in ranked], "valid_votes": valid}
    boundary = ranked[seats - 1][1]
    above = [name for name, n in ranked if n > boundary]
    at = [name for name, n in ranked if n == boundary]
    if len(above) + len(at) == seats:
        return {"status": "elected", "elected": above + at, "valid_votes": valid}
    return {
        "status": "tie",
        "elected": above,
        "tied": at,
        "seats_left": seats - len(above),
        "valid_votes": valid,
    }
