"""Encrypted ballots: one 0/1 ciphertext per option, a proof for each, and a proof on the total.

A round offers ``options`` (the candidates, plus ``BLANK`` for single-seat posts). Each
selection encrypts 0 or 1 with a 0..1 range proof; the product of the selections encrypts the
number of marks, proven to lie in ``min_marks..max_marks`` (officials: exactly one mark, the
blank option included; Council or RRB regions: 0 to the region's seats). Every challenge hashes
the election hash, the round, the ballot's random tracking code and the option index, so a proof
cannot be moved to another election, round, ballot or option. No field names the voter.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from typing import Any

from humanict.errors import InvalidInputError
from humanict.governance.ballot.elgamal import Ciphertext, combine, encrypt, parse_ciphertext
from humanict.governance.ballot.group import Element, Group
from humanict.governance.ballot.hashing import canonical_json, sha256_hex
from humanict.governance.ballot.proofs import parse_pair, prove_range, verify_range

BLANK = "BLANK"
_BALLOT_KEYS = {"round", "tracking_code", "selections", "total_proof"}


@dataclass(frozen=True, slots=True)
class RoundSpec:
    """What a ballot of one round must look like (from the board's ``open`` entry)."""

    election_hash: str
    round: int
    options: tuple[str, ...]
    min_marks: int
    max_marks: int


def selection_context(spec: RoundSpec, tracking: str, index: int) -> str:
    return f"{spec.election_hash}|{spec.round}|{tracking}|selection|{index}"


def total_context(spec: RoundSpec, tracking: str) -> str:
    return f"{spec.election_hash}|{spec.round}|{tracking}|total"


def encrypt_ballot(group: Group, key: Element, spec: RoundSpec, marks: list[int]) -> dict[str, Any]:
    """The client side: encrypt 0/1 ``marks`` (one per option) with all proofs."""
    if len(marks) != len(spec.options) or any(m not in (0, 1) for m in marks):
        raise InvalidInputError(f"a ballot needs one 0/1 mark for each of {len(spec.options)}")
    if not spec.min_marks <= sum(marks) <= spec.max_marks:
        raise InvalidInputError(
            f"a ballot of this round needs {spec.min_marks} to {spec.max_marks} marks"
        )
    tracking = secrets.token_hex(16)
    nonces = [group.random_scalar() for _ in marks]
    cts = [encrypt(group, key, m, r) for m, r in zip(marks, nonces, strict=True)]
    selections = []
    for i, (ct, m, r) in enumerate(zip(cts, marks, nonces, strict=True)):
        proof = prove_range(group, key, ct, m, r, 0, 1, selection_context(spec, tracking, i))
        selections.append({**ct.encode(group), "proof": [[str(c), str(v)] for c, v in proof]})
    total = combine(group, cts)
    total_proof = prove_range(
        group,
        key,
        total,
        sum(marks),
        sum(nonces) % group.q,
        spec.min_marks,
        spec.max_marks,
        total_context(spec, tracking),
    )
    return {
        "round": spec.round,
        "tracking_code": tracking,
        "selections": selections,
        "total_proof": [[str(c), str(v)] for c, v in total_proof],
    }


def marks_for(spec: RoundSpec, choices: list[str]) -> list[int]:
    """0/1 marks from the names chosen; no choice on a single-seat ballot means BLANK."""
    unknown = [c for c in choices if c not in spec.options]
    if unknown:
        raise InvalidInputError(
            f"not on this round's ballot: {', '.join(unknown)}; options: {', '.join(spec.options)}"
        )
    if not choices and BLANK in spec.options:
        choices = [BLANK]
    return [1 if option in choices else 0 for option in spec.options]


def check_ballot(group: Group, key: Element, spec: RoundSpec, ballot: object) -> list[Ciphertext]:
    """Verify a ballot's shape and every proof; return its ciphertexts or raise with the reason."""
    if not isinstance(ballot, dict) or set(ballot) != _BALLOT_KEYS:
        raise InvalidInputError(f"a ballot must have exactly the fields {sorted(_BALLOT_KEYS)}")
    if ballot["round"] != spec.round:
        raise InvalidInputError(
            f"ballot is for round {ballot['round']!r} but round {spec.round} is open"
        )
    tracking = ballot["tracking_code"]
    if not (isinstance(tracking, str) and len(tracking) == 32 and _is_hex(tracking)):
        raise InvalidInputError("tracking_code must be 32 lowercase hexadecimal characters")
    selections = ballot["selections"]
    if not isinstance(selections, list) or len(selections) != len(spec.options):
        raise InvalidInputError(f"a ballot must carry {len(spec.options)} selections")
    cts: list[Ciphertext] = []
    for i, sel in enumerate(selections):
        if not isinstance(sel, dict) or set(sel) != {"a", "b", "proof"}:
            raise InvalidInputError(f"selection {i} must have exactly 'a', 'b' and 'proof'")
        ct = parse_ciphertext(group, {"a": sel["a"], "b": sel["b"]})
        proof = _parse_proof(group, sel["proof"], 2, f"selection {i} proof")
        if not verify_range(group, key, ct, proof, 0, 1, selection_context(spec, tracking, i)):
            raise InvalidInputError(f"selection {i} ({spec.options[i]}): proof of 0 or 1 fails")
        cts.append(ct)
    span = spec.max_marks - spec.min_marks + 1
    total_proof = _parse_proof(group, ballot["total_proof"], span, "total proof")
    total = combine(group, cts)
    if not verify_range(
        group,
        key,
        total,
        total_proof,
        spec.min_marks,
        spec.max_marks,
        total_context(spec, tracking),
    ):
        raise InvalidInputError(
            f"total proof fails: the ballot does not show {spec.min_marks}..{spec.max_marks} marks"
        )
    return cts


def _parse_proof(group: Group, data: object, length: int, what: str) -> list[tuple[int, int]]:
    if not isinstance(data, list) or len(data) != length:
        raise InvalidInputError(f"{what} must list {length} [c, v] pairs")
    return [parse_pair(group, pair, what) for pair in data]


def _is_hex(text: str) -> bool:
    return all(ch in "0123456789abcdef" for ch in text)


def fingerprint(ballot: dict[str, Any]) -> str:
    """SHA-256 of the ciphertexts alone: equal for a replayed or copied ballot."""
    return sha256_hex(canonical_json([[s["a"], s["b"]] for s in ballot["selections"]]))
