"""Universal verification of an election from its public board alone.

Recomputes, in order: the hash chain (height, previous hash, entry hash, canonical payload), the
group and the trustees' proofs of knowledge (hence the election key and each trustee's
verification key), the lifecycle (ballots only between ``open`` and ``close`` of their round),
every ballot proof, uniqueness of tracking codes and ciphertexts, the ballot count at close, the
per-option aggregates, every trustee decryption proof against those aggregates, the counts from
k shares and the outcome. The first failure raises :class:`VerificationError` naming the entry.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from humanict.errors import HumanictError, InvalidInputError
from humanict.governance.ballot.ballots import RoundSpec, check_ballot, fingerprint
from humanict.governance.ballot.board import GENESIS, Entry, entry_hash
from humanict.governance.ballot.elgamal import Ciphertext
from humanict.governance.ballot.group import Element, Group, group_from_dict
from humanict.governance.ballot.hashing import parse_canonical
from humanict.governance.ballot.outcome import round_outcome
from humanict.governance.ballot.tally import aggregate, check_share, combine_counts
from humanict.governance.ballot.trustees import TrusteeSet, check_public_record


class VerificationError(InvalidInputError):
    """The board fails a check; ``height`` is the entry at fault (None for the board as a whole)."""

    def __init__(self, height: int | None, check: str, problem: str) -> None:
        self.height, self.check, self.problem = height, check, problem
        where = "board" if height is None else f"entry {height}"
        super().__init__(f"verification failed at {where} [{check}]: {problem}")


@dataclass
class ElectionContext:
    """What the election entry fixes: group, key material and the manifest."""

    election_hash: str
    manifest: dict[str, Any]
    group: Group
    trustees: TrusteeSet

    @property
    def key(self) -> Element:
        return self.trustees.key


def election_context(entry: Entry) -> ElectionContext:
    """Parse and check the first entry of a board (the manifest with the trustee record)."""
    manifest = parse_canonical(entry.payload)
    group = group_from_dict(manifest["group"])
    trustees = check_public_record(group, manifest["trustees"])
    if group.decode(manifest.get("key"), "election key") != trustees.key:
        raise InvalidInputError("the published election key is not the trustees' joint key")
    return ElectionContext(entry.hash, manifest, group, trustees)


def round_spec(context: ElectionContext, payload: dict[str, Any]) -> RoundSpec:
    return RoundSpec(
        context.election_hash,
        int(payload["round"]),
        tuple(payload["options"]),
        int(payload["min_marks"]),
        int(payload["max_marks"]),
    )


@dataclass
class _Round:
    spec: RoundSpec
    ballots: list[list[Ciphertext]] = field(default_factory=list)
    closed: bool = False
    aggregates: list[Ciphertext] | None = None
    shares: dict[int, list[Element]] = field(default_factory=dict)
    result: dict[str, Any] | None = None


def verify_entries(entries: list[Entry]) -> dict[str, Any]:
    """Verify a whole board; return a summary of what was checked and the verified results."""
    if not entries:
        raise VerificationError(None, "empty", "the board has no entries")
    prev = GENESIS
    for expected, e in enumerate(entries):
        if e.height != expected:
            raise VerificationError(e.height, "order", f"expected height {expected}")
        if e.prev != prev:
            raise VerificationError(e.height, "chain", "previous hash does not match")
        if entry_hash(e.height, e.prev, e.kind, e.payload) != e.hash:
            raise VerificationError(e.height, "hash", "entry hash does not match its content")
        prev = e.hash
    if entries[0].kind != "election":
        raise VerificationError(0, "lifecycle", "the first entry must be the election")
    try:
        ctx = election_context(entries[0])
    except (HumanictError, KeyError, TypeError) as err:
        raise VerificationError(0, "manifest", str(err)) from err
    rounds: list[_Round] = []
    tracking: set[str] = set()
    prints: set[str] = set()
    n_proofs = 0
    for e in entries[1:]:
        try:
            payload = parse_canonical(e.payload)
            n_proofs += _apply(ctx, rounds, tracking, prints, e, payload)
        except VerificationError:
            raise
        except (HumanictError, KeyError, TypeError, ValueError) as err:
            raise VerificationError(e.height, e.kind, str(err)) from err
    return {
        "election": ctx.manifest["id"],
        "title": ctx.manifest["title"],
        "entries": len(entries),
        "head": entries[-1].hash,
        "group": ctx.group.name,
        "trustees": f"{ctx.trustees.k} of {ctx.trustees.n}",
        "proofs_checked": n_proofs,
        "rounds": [
            {
                "round": r.spec.round,
                "ballots": len(r.ballots),
                "closed": r.closed,
                "shares": sorted(r.shares),
                "result": r.result,
            }
            for r in rounds
        ],
    }


def _apply(
    ctx: ElectionContext,
    rounds: list[_Round],
    tracking: set[str],
    prints: set[str],
    e: Entry,
    payload: dict[str, Any],
) -> int:
    """Apply one entry to the replayed state; return the number of proofs it checked."""
    current = rounds[-1] if rounds else None
    if e.kind == "open":
        if current is not None and current.result is None:
            raise VerificationError(e.height, "lifecycle", "round opened before the last tally")
        spec = round_spec(ctx, payload)
        if spec.round != len(rounds) + 1:
            raise VerificationError(e.height, "lifecycle", f"round {spec.round} out of sequence")
        rounds.append(_Round(spec))
        return 0
    if current is None:
        raise VerificationError(e.height, "lifecycle", f"{e.kind} before any round opened")
    if e.kind == "ballot":
        if current.closed:
            raise VerificationError(e.height, "lifecycle", "ballot after the round closed")
        cts = check_ballot(ctx.group, ctx.key, current.spec, payload)
        code, fp = payload["tracking_code"], fingerprint(payload)
        if code in tracking or fp in prints:
            raise VerificationError(e.height, "duplicate", "ballot repeats an earlier ballot")
        tracking.add(code)
        prints.add(fp)
        current.ballots.append(cts)
        return len(cts) + 1
    if e.kind == "close":
        if current.closed:
            raise VerificationError(e.height, "lifecycle", "round closed twice")
        if payload["ballots"] != len(current.ballots) or payload["round"] != current.spec.round:
            raise VerificationError(
                e.height,
                "count",
                f"close says {payload['ballots']} ballots, board has {len(current.ballots)}",
            )
        if payload["voted"] != len(current.ballots):
            raise VerificationError(
                e.height,
                "count",
                f"{payload['voted']} delegations marked as voted but "
                f"{len(current.ballots)} ballots on the board",
            )
        current.closed = True
        current.aggregates = aggregate(ctx.group, len(current.spec.options), current.ballots)
        return 0
    if current.aggregates is None or current.result is not None:
        raise VerificationError(e.height, "lifecycle", f"{e.kind} outside a closed, open tally")
    if e.kind == "share":
        index, values = check_share(
            ctx.group, ctx.trustees, current.spec, current.aggregates, payload
        )
        if index in current.shares:
            raise VerificationError(e.height, "duplicate", f"second share of trustee {index}")
        current.shares[index] = values
        return len(values)
    if e.kind == "result":
        counts, used = combine_counts(
            ctx.group, ctx.trustees, current.aggregates, current.shares, len(current.ballots)
        )
        by_option = dict(zip(current.spec.options, counts, strict=True))
        if payload["counts"] != by_option or payload["trustees"] != used:
            raise VerificationError(
                e.height,
                "counts",
                f"published counts {payload['counts']} differ from the "
                f"decrypted counts {by_option}",
            )
        expected = round_outcome(ctx.manifest["kind"], ctx.manifest["seats"], by_option)
        if payload["outcome"] != expected or payload["ballots"] != len(current.ballots):
            raise VerificationError(e.height, "outcome", "published outcome differs")
        current.result = {"counts": by_option, "outcome": expected, "trustees": used}
        return 0
    raise VerificationError(e.height, "kind", f"unknown entry kind {e.kind!r}")
