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
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from humanict.errors import InvalidInputError
from humanict.governance.ballot.batch_check import Weighted, failing, weigh
from humanict.governance.ballot.elgamal import Ciphertext, combine, encrypt, parse_ciphertext
from humanict.governance.ballot.group import Element, Group
from humanict.governance.ballot.hashing import canonical_json, sha256_hex
from humanict.governance.ballot.proofs import (
    Relation,
    parse_pair,
    prove_range_committed,
    range_relations,
    verify_range,
)

BLANK = "BLANK"
_BALLOT_KEYS = {"round", "tracking_code", "selections", "total_proof"}
#: The optional field of a ballot as sent that carries its proofs' commitments.
COMMITMENTS = "commitments"
#: The fewest ballots worth a batch test: below, one by one is faster (measured in
#: ``benchmarks/bench_ballot_proofs.py``).
BATCH_MIN = 7
_WRONG_COMMITMENTS = (
    "the commitments sent with the ballot are not those of its proofs; send the ballot as the "
    "client encrypted it, or without 'commitments'"
)


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


def encrypt_ballot(
    group: Group, key: Element, spec: RoundSpec, marks: list[int], commitments: bool = False
) -> dict[str, Any]:
    """The client side: encrypt 0/1 ``marks`` (one per option) with all proofs; with
    ``commitments``, also the proofs' commitments under ``"commitments"``, which let the server
    verify ballots in batches (:func:`check_ballots`; the board stores the ballot without them)."""
    if len(marks) != len(spec.options) or any(m not in (0, 1) for m in marks):
        raise InvalidInputError(f"a ballot needs one 0/1 mark for each of {len(spec.options)}")
    if not spec.min_marks <= sum(marks) <= spec.max_marks:
        raise InvalidInputError(
            f"a ballot of this round needs {spec.min_marks} to {spec.max_marks} marks"
        )
    tracking = secrets.token_hex(16)
    nonces = [group.random_scalar() for _ in marks]
    cts = [encrypt(group, key, m, r) for m, r in zip(marks, nonces, strict=True)]
    selections, hints = [], []
    for i, (ct, m, r) in enumerate(zip(cts, marks, nonces, strict=True)):
        context = selection_context(spec, tracking, i)
        proof, points = prove_range_committed(group, key, ct, m, r, 0, 1, context)
        selections.append({**ct.encode(group), "proof": [[str(c), str(v)] for c, v in proof]})
        hints.append([group.encode(x) for x in points])
    total_proof, total_points = prove_range_committed(
        group,
        key,
        combine(group, cts),
        sum(marks),
        sum(nonces) % group.q,
        spec.min_marks,
        spec.max_marks,
        total_context(spec, tracking),
    )
    ballot: dict[str, Any] = {
        "round": spec.round,
        "tracking_code": tracking,
        "selections": selections,
        "total_proof": [[str(c), str(v)] for c, v in total_proof],
    }
    if commitments:
        total_hints = [group.encode(x) for x in total_points]
        ballot[COMMITMENTS] = {"selections": hints, "total": total_hints}
    return ballot


def split_commitments(sent: object) -> tuple[object, object]:
    """(the ballot as the board stores it, the commitments sent with it or None)."""
    if isinstance(sent, dict) and COMMITMENTS in sent:
        return {k: v for k, v in sent.items() if k != COMMITMENTS}, sent[COMMITMENTS]
    return sent, None


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


@dataclass(frozen=True, slots=True)
class _Parsed:
    """A ballot whose shape is checked and whose numbers are parsed, before its proofs."""

    cts: list[Ciphertext]
    proofs: list[list[tuple[int, int]]]  # one per selection
    total: Ciphertext
    total_proof: list[tuple[int, int]]
    tracking: str


def _parse_ballot(group: Group, spec: RoundSpec, ballot: object) -> _Parsed:
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
    cts, proofs = [], []
    for i, sel in enumerate(selections):
        if not isinstance(sel, dict) or set(sel) != {"a", "b", "proof"}:
            raise InvalidInputError(f"selection {i} must have exactly 'a', 'b' and 'proof'")
        cts.append(parse_ciphertext(group, {"a": sel["a"], "b": sel["b"]}))
        proofs.append(_parse_proof(group, sel["proof"], 2, f"selection {i} proof"))
    span = spec.max_marks - spec.min_marks + 1
    total_proof = _parse_proof(group, ballot["total_proof"], span, "total proof")
    return _Parsed(cts, proofs, combine(group, cts), total_proof, tracking)


def _parse_commitments(
    group: Group, spec: RoundSpec, data: object
) -> tuple[list[list[Element]], list[Element]]:
    """The commitments a client sent: two per branch of each selection's proof and of the
    total proof, as canonical element texts."""
    span = spec.max_marks - spec.min_marks + 1
    shape = f"'commitments' must be {{'selections': {len(spec.options)} lists of 4 elements, "
    shape += f"'total': {2 * span} elements}}"
    if not isinstance(data, dict) or set(data) != {"selections", "total"}:
        raise InvalidInputError(shape)
    rows, total = data["selections"], data["total"]
    if not isinstance(rows, list) or len(rows) != len(spec.options):
        raise InvalidInputError(shape)
    if any(not isinstance(row, list) or len(row) != 4 for row in rows):
        raise InvalidInputError(shape)
    if not isinstance(total, list) or len(total) != 2 * span:
        raise InvalidInputError(shape)
    selections = [[group.decode(x, "a commitment") for x in row] for row in rows]
    return selections, [group.decode(x, "a commitment") for x in total]


def check_ballot(
    group: Group, key: Element, spec: RoundSpec, ballot: object, commitments: object = None
) -> list[Ciphertext]:
    """Verify a ballot's shape and every proof; return its ciphertexts or raise with the reason.
    ``commitments``, if the client sent them, must be those of the proofs."""
    parsed = _parse_ballot(group, spec, ballot)
    hints = None if commitments is None else _parse_commitments(group, spec, commitments)
    for i, (ct, proof) in enumerate(zip(parsed.cts, parsed.proofs, strict=True)):
        _check_range(
            group,
            key,
            ct,
            proof,
            (0, 1),
            selection_context(spec, parsed.tracking, i),
            None if hints is None else hints[0][i],
            f"selection {i} ({spec.options[i]}): proof of 0 or 1 fails",
        )
    _check_range(
        group,
        key,
        parsed.total,
        parsed.total_proof,
        (spec.min_marks, spec.max_marks),
        total_context(spec, parsed.tracking),
        None if hints is None else hints[1],
        f"total proof fails: the ballot does not show {spec.min_marks}..{spec.max_marks} marks",
    )
    return parsed.cts


def _check_range(
    group: Group,
    key: Element,
    ct: Ciphertext,
    proof: list[tuple[int, int]],
    bounds: tuple[int, int],
    context: str,
    sent: list[Element] | None,
    failure: str,
) -> None:
    """Raise ``failure`` unless the range proof verifies; raise the commitments' own error when
    the proof verifies but the commitments sent with it are not its own."""
    lo, hi = bounds
    if verify_range(group, key, ct, proof, lo, hi, context, sent):
        return
    if sent is not None and verify_range(group, key, ct, proof, lo, hi, context):
        raise InvalidInputError(_WRONG_COMMITMENTS)
    raise InvalidInputError(failure)


def check_ballots(
    group: Group, key: Element, spec: RoundSpec, sent: Sequence[tuple[object, object]]
) -> list[list[Ciphertext] | InvalidInputError]:
    """:func:`check_ballot` for many ballots at once, each given with the commitments sent with
    it (or None): for each, its ciphertexts or the error that refuses it.

    Ballots with commitments, in a group where it pays, are verified together by one batch
    test of all their proofs' relations (:mod:`.batch_check`), about twice as fast per ballot
    as one by one from a few dozen ballots; the others, and any ballot of a batch that fails,
    are checked one by one, which also gives the reason for a refusal."""
    results: list[list[Ciphertext] | InvalidInputError] = []
    batched: list[int] = []
    weighted: list[Weighted] = []
    for index, (ballot, commitments) in enumerate(sent):
        try:
            if commitments is None or not group.batch_verifies or len(sent) < BATCH_MIN:
                results.append(check_ballot(group, key, spec, ballot, commitments))
                continue
            parsed = _parse_ballot(group, spec, ballot)
            relations = _relations(group, key, spec, parsed, commitments)
        except InvalidInputError as err:
            results.append(err)
            continue
        if relations is None:  # a challenge fails: one by one says why
            results.append(_checked_alone(group, key, spec, ballot, commitments))
            continue
        results.append(parsed.cts)
        batched.append(index)
        weighted.append(weigh(group, relations))

    def alone(k: int) -> bool:
        index = batched[k]
        results[index] = _checked_alone(group, key, spec, *sent[index])
        return not isinstance(results[index], InvalidInputError)

    failing(group, weighted, alone, BATCH_MIN)
    return results


def _checked_alone(
    group: Group, key: Element, spec: RoundSpec, ballot: object, commitments: object
) -> list[Ciphertext] | InvalidInputError:
    try:
        return check_ballot(group, key, spec, ballot, commitments)
    except InvalidInputError as err:
        return err


def _relations(
    group: Group, key: Element, spec: RoundSpec, parsed: _Parsed, commitments: object
) -> list[Relation] | None:
    """Every relation of the ballot's proofs (:func:`.proofs.range_relations`), or None when a
    challenge fails. The total's a and b enter as the products of the selections' a and b, so a
    batch adds no points for them."""
    hints, total_hints = _parse_commitments(group, spec, commitments)
    relations: list[Relation] = []
    for i, (ct, proof) in enumerate(zip(parsed.cts, parsed.proofs, strict=True)):
        context = selection_context(spec, parsed.tracking, i)
        found = range_relations(group, key, ct, proof, hints[i], 0, 1, context)
        if found is None:
            return None
        relations += found
    found = range_relations(
        group,
        key,
        parsed.total,
        parsed.total_proof,
        total_hints,
        spec.min_marks,
        spec.max_marks,
        total_context(spec, parsed.tracking),
    )
    if found is None:
        return None
    # any list of points summing to the element may stand for it, even if two coincide
    parts = {
        parsed.total.a: [ct.a for ct in parsed.cts],
        parsed.total.b: [ct.b for ct in parsed.cts],
    }
    for relation in found:
        relations.append([(x, e) for y, e in relation for x in parts.get(y, [y])])
    return relations


def _parse_proof(group: Group, data: object, length: int, what: str) -> list[tuple[int, int]]:
    if not isinstance(data, list) or len(data) != length:
        raise InvalidInputError(f"{what} must list {length} [c, v] pairs")
    return [parse_pair(group, pair, what) for pair in data]


def _is_hex(text: str) -> bool:
    return all(ch in "0123456789abcdef" for ch in text)


def fingerprint(ballot: dict[str, Any]) -> str:
    """SHA-256 of the ciphertexts alone: equal for a replayed or copied ballot."""
    return sha256_hex(canonical_json([[s["a"], s["b"]] for s in ballot["selections"]]))
