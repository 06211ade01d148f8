"""ITU's election rules as pure functions (data/governance/RULES.md sections 4 to 6).

Elected officials (SG, DSG, three Directors): secret ballot in successive rounds; a candidate
is elected with more than half of the valid votes, i.e. ``floor(V / 2) + 1`` where V counts
valid ballots that name a candidate - blank ballots are abstentions and invalid ballots are
not computed (PP-02 and PP-06 procedures, R18/R19; checked on every recorded round of
elections_results.csv). Candidates may withdraw between rounds; an optional elimination of
the last-placed candidate is a parameter (the General Rules' practice is unverified).

Council (48 seats) and RRB (12 seats): one ballot per administrative region; each ballot names
at most the region's number of seats; the candidates with the most votes fill the seats
(plurality, no majority needed). A tie at the last seat is reported, not broken (the tie-break
is unverified in RULES.md).

Electorate: only Member States with credentials and the right to vote cast a ballot, one each.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from humanict.errors import ConflictError, InvalidInputError

#: Council seats per administrative region since PP-10 (Resolution 164; RULES.md 4).
COUNCIL_SEATS = {"A": 9, "B": 8, "C": 5, "D": 13, "E": 13}
#: Radio Regulations Board seats per region (PP-10 distribution; RULES.md 5).
RRB_SEATS = {"A": 2, "B": 2, "C": 2, "D": 3, "E": 3}


def required_majority(valid_votes: int) -> int:
    """More than half of the valid votes: ``floor(V/2) + 1`` (V excludes blank and invalid)."""
    if valid_votes < 0:
        raise InvalidInputError("the number of valid votes cannot be negative")
    return valid_votes // 2 + 1


@dataclass(frozen=True)
class RoundResult:
    """The outcome of one round for a single-seat post."""

    votes: dict[str, int]
    valid: int
    blank: int
    invalid: int
    required_majority: int
    elected: str | None
    status: str  # elected | another round | tie
    leaders: tuple[str, ...] = ()

    @property
    def abstentions_exceed_half(self) -> bool:
        """Blank ballots above half the votes cast: the PP-98 procedure then applied the old
        Convention No. 416 (consideration postponed; its content is unverified, RULES.md 6),
        so the round is flagged, not decided differently."""
        return self.blank * 2 > self.valid + self.blank + self.invalid

    def as_dict(self) -> dict[str, object]:
        return {
            "valid_votes": self.valid,
            "blank": self.blank,
            "invalid": self.invalid,
            "required_majority": self.required_majority,
            "elected": self.elected,
            "status": self.status,
            "leaders": list(self.leaders),
            "abstentions_exceed_half": self.abstentions_exceed_half,
            "votes": dict(self.votes),
        }


def official_round(votes: Mapping[str, int], *, blank: int = 0, invalid: int = 0) -> RoundResult:
    """Decide one round for SG, DSG or a Director from the candidates' vote counts.

    With a single candidate the election is still by ballot (PP-14 SG): the majority rule
    applies unchanged. Two candidates level on exactly half the votes cannot both be
    elected: the status is ``tie`` and another round is needed.
    """
    if not votes:
        raise InvalidInputError("a round needs at least one candidate")
    if any(v < 0 for v in votes.values()) or blank < 0 or invalid < 0:
        raise InvalidInputError("vote counts cannot be negative")
    valid = sum(votes.values())
    majority = required_majority(valid)
    top = max(votes.values())
    leaders = tuple(sorted(c for c, v in votes.items() if v == top))
    if top >= majority and len(leaders) == 1:
        return RoundResult(
            dict(votes), valid, blank, invalid, majority, leaders[0], "elected", leaders
        )
    status = "tie" if len(leaders) > 1 else "another round"
    return RoundResult(dict(votes), valid, blank, invalid, majority, None, status, leaders)


def official_round_from_counts(
    counts: Mapping[str, int], *, blank_option: str = "BLANK", invalid: int = 0
) -> RoundResult:
    """Decide one round from a tally in which a blank ballot is an option of its own
    (``counts[blank_option]``, e.g. a decrypted secret ballot): blanks are abstentions and
    the rest are the candidates' votes for :func:`official_round`."""
    votes = {name: n for name, n in counts.items() if name != blank_option}
    return official_round(votes, blank=counts.get(blank_option, 0), invalid=invalid)


def remaining_candidates(standing: Sequence[str], withdrawn: Iterable[str]) -> list[str]:
    """The candidates of ``standing`` (order kept) less those who withdrew between rounds.

    A withdrawal must name a candidate who stood; at least one candidate must remain."""
    withdrawn = set(withdrawn)
    unknown = withdrawn - set(standing)
    if unknown:
        raise InvalidInputError(f"{sorted(unknown)[0]!r} did not stand in this round")
    remaining = [c for c in standing if c not in withdrawn]
    if not remaining:
        raise InvalidInputError("every candidate withdrew: the election must be reopened")
    return remaining


def next_round_candidates(
    result: RoundResult,
    *,
    withdrawn: Iterable[str] = (),
    eliminate_last: bool = False,
) -> list[str]:
    """The candidates standing in the next round: minus withdrawals and, if the rule applies,
    minus those in last place (never leaving fewer than two)."""
    if result.elected is not None:
        raise ConflictError(f"{result.elected} is elected: there is no further round")
    standing = {c: result.votes[c] for c in remaining_candidates(list(result.votes), withdrawn)}
    if eliminate_last and len(standing) > 2:
        low = min(standing.values())
        remaining = {c: v for c, v in standing.items() if v != low}
        if len(remaining) >= 2:
            standing = remaining
    return sorted(standing, key=lambda c: (-result.votes[c], c))


def count_ballots(
    ballots: Iterable[tuple[str, str | None]],
    candidates: Sequence[str],
    electorate: Iterable[str],
) -> tuple[dict[str, int], int, int]:
    """Tally single-choice ballots ``(member_state, choice)``; choice None is a blank ballot.

    Only Member States of ``electorate`` (credentials and voting rights) vote, one ballot
    each; a choice outside ``candidates`` is an invalid ballot. Returns (votes, blank, invalid).
    """
    allowed = set(electorate)
    seen: set[str] = set()
    votes = dict.fromkeys(candidates, 0)
    blank = invalid = 0
    for voter, choice in ballots:
        if voter not in allowed:
            raise ConflictError(f"{voter} has no right to vote in this election")
        if voter in seen:
            raise ConflictError(f"{voter} has already voted in this round")
        seen.add(voter)
        if choice is None:
            blank += 1
        elif choice in votes:
            votes[choice] += 1
        else:
            invalid += 1
    return votes, blank, invalid


@dataclass(frozen=True)
class Election:
    """A whole single-seat election: its rounds until someone is elected."""

    rounds: tuple[RoundResult, ...]
    elected: str | None


def run_official_election(
    rounds: Sequence[Mapping[str, int]],
    *,
    withdrawals: Mapping[int, Iterable[str]] | None = None,
    eliminate_last: bool = False,
) -> Election:
    """Play recorded or simulated rounds in order; each round's candidates must be those
    allowed to stand after the previous one (withdrawals keyed by the round after which they
    withdrew, 1-based)."""
    withdrawals = withdrawals or {}
    played: list[RoundResult] = []
    allowed: set[str] | None = None
    for number, votes in enumerate(rounds, start=1):
        if allowed is not None and not set(votes) <= allowed:
            extra = sorted(set(votes) - allowed)[0]
            raise InvalidInputError(f"round {number}: {extra!r} may not stand in this round")
        result = official_round(votes)
        played.append(result)
        if result.elected is not None:
            if number != len(rounds):
                raise InvalidInputError(f"round {number} elected {result.elected}; no later round")
            return Election(tuple(played), result.elected)
        allowed = set(
            next_round_candidates(
                result, withdrawn=withdrawals.get(number, ()), eliminate_last=eliminate_last
            )
        )
    return Election(tuple(played), None)


@dataclass(frozen=True)
class RegionalResult:
    region: str
    seats: int
    votes: dict[str, int]
    elected: tuple[str, ...]
    tied: tuple[str, ...] = field(default=())
    status: str = "complete"  # complete | tie for the last seat

    def as_dict(self) -> dict[str, object]:
        return {
            "region": self.region,
            "seats": self.seats,
            "elected": list(self.elected),
            "tied_for_last_seat": list(self.tied),
            "status": self.status,
            "votes": dict(self.votes),
        }


def validate_regional_ballot(choices: Sequence[str], candidates: Iterable[str], seats: int) -> None:
    """A regional ballot names at most ``seats`` distinct candidates of that region."""
    pool = set(candidates)
    if len(choices) > seats:
        raise InvalidInputError(f"the ballot names {len(choices)} candidates for {seats} seats")
    if len(set(choices)) != len(choices):
        raise InvalidInputError("the ballot names a candidate twice")
    outside = [c for c in choices if c not in pool]
    if outside:
        raise InvalidInputError(f"{outside[0]!r} is not a candidate of this region")


def tally_regional(
    ballots: Iterable[Sequence[str]], candidates: Sequence[str], seats: int
) -> dict[str, int]:
    """Count regional ballots (each validated by :func:`validate_regional_ballot`)."""
    votes = dict.fromkeys(candidates, 0)
    for ballot in ballots:
        validate_regional_ballot(ballot, candidates, seats)
        for c in ballot:
            votes[c] += 1
    return votes


def regional_plurality(region: str, votes: Mapping[str, int], seats: int) -> RegionalResult:
    """Fill ``seats`` with the most-voted candidates; a tie across the last seat is reported."""
    if seats < 1:
        raise InvalidInputError("a region needs at least one seat")
    ranked = sorted(votes, key=lambda c: (-votes[c], c))
    if len(ranked) <= seats:
        return RegionalResult(region, seats, dict(votes), tuple(ranked))
    cutoff = votes[ranked[seats - 1]]
    above = tuple(c for c in ranked if votes[c] > cutoff)
    at = tuple(c for c in ranked if votes[c] == cutoff)
    if len(above) + len(at) <= seats:
        return RegionalResult(region, seats, dict(votes), above + at)
    return RegionalResult(region, seats, dict(votes), above, at, "tie for the last seat")


def council_election(votes_by_region: Mapping[str, Mapping[str, int]]) -> list[RegionalResult]:
    """The Council: plurality within each region's seat quota (48 seats in all)."""
    return _regional(votes_by_region, COUNCIL_SEATS)


def board_election(votes_by_region: Mapping[str, Mapping[str, int]]) -> list[RegionalResult]:
    """The Radio Regulations Board: 12 members by region (A2 B2 C2 D3 E3)."""
    return _regional(votes_by_region, RRB_SEATS)


def _regional(
    votes_by_region: Mapping[str, Mapping[str, int]], seats: Mapping[str, int]
) -> list[RegionalResult]:
    unknown = set(votes_by_region) - set(seats)
    if unknown:
        raise InvalidInputError(f"unknown region {sorted(unknown)[0]!r}; regions are A-E")
    return [regional_plurality(r, votes_by_region[r], seats[r]) for r in sorted(votes_by_region)]
