"""The published outcome of one round of the secret ballot, decided by ITU's rules in
:mod:`humanict.governance.election_rules` and written in the board's result format.

- Elected officials (kind ``official``, one seat): :func:`official_round_from_counts`, the
  ``BLANK`` option being the abstentions; a round without a majority (a tie included) is
  reported as "another round needed".
- Council and RRB regions (kind ``council``, several seats): :func:`regional_plurality`; a tie
  across the last seat is reported with the tied candidates and the seats left.

The format (keys and status words) is part of the board: the standalone verifier recomputes
it independently and compares, so it must not change for boards already published.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from humanict.governance.ballot.ballots import BLANK
from humanict.governance.election_rules import official_round_from_counts, regional_plurality


def round_outcome(kind: str, seats: int, counts: Mapping[str, int]) -> dict[str, Any]:
    """Who is elected in this round, or why another round (or a tie-break) is needed."""
    if kind == "official":
        result = official_round_from_counts(counts, blank_option=BLANK)
        return {
            "status": "elected" if result.elected else "another round needed",
            "elected": [result.elected] if result.elected else [],
            "valid_votes": result.valid,
            "abstentions": result.blank,
            "required_majority": result.required_majority,
        }
    regional = regional_plurality(kind, {c: n for c, n in counts.items() if c != BLANK}, seats)
    valid = sum(regional.votes.values())
    if not regional.tied:
        return {"status": "elected", "elected": list(regional.elected), "valid_votes": valid}
    return {
        "status": "tie",
        "elected": list(regional.elected),
        "tied": list(regional.tied),
        "seats_left": seats - len(regional.elected),
        "valid_votes": valid,
    }
