"""Batch verification of ballots in secp256k1: the multi-scalar multiplication against separate
multiplications, the proofs' relations against the one-by-one check, and a batch of ballots
(some bad in each way a client can get it wrong) against checking each ballot alone."""

from __future__ import annotations

import asyncio
import copy
import random
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest

from humanict.errors import InvalidInputError
from humanict.governance.ballot import ballots as ballots_module
from humanict.governance.ballot import multiexp
from humanict.governance.ballot.ballots import (
    RoundSpec,
    check_ballot,
    check_ballots,
    encrypt_ballot,
    split_commitments,
)
from humanict.governance.ballot.client import prepare_ballot
from humanict.governance.ballot.elgamal import encrypt
from humanict.governance.ballot.group import SECP256K1, Group
from humanict.governance.ballot.proofs import prove_range_committed, range_relations, verify_range
from humanict.governance.ballot.verify import verify_entries

from .conftest import ROLL, Setup
from .test_secp256k1 import _open_election

G = SECP256K1
SPEC = RoundSpec("0" * 64, 1, ("A", "B", "C", "BLANK"), 1, 1)


@pytest.mark.parametrize("count", [1, 2, 7, 60, 450])  # 450: past the wider window
def test_multi_exp_equals_separate_multiplications(count: int) -> None:
    """Seeded random points and scalars (synthetic), with zero, small negative and full-size
    scalars, a repeated point and a pair that cancels."""
    rng = random.Random(count)
    points = [G.gpow(rng.randrange(1, G.q)) for _ in range(count)]
    terms = [(x, rng.choice([rng.randrange(G.q), -rng.getrandbits(128), 0])) for x in points]
    terms += [(points[0], 5), (G.inv(points[-1]), 9), (points[-1], 9), (G.identity, 3)]
    assert G.multi_exp(terms) == Group.multi_exp(G, terms)
    assert G.multi_exp([(points[0], 4), (points[0], -4)]) == G.identity
    assert multiexp.multi_exp([], []) is None


def test_relations_hold_exactly_when_the_proof_verifies() -> None:
    key = G.gpow(G.random_scalar())
    r = G.random_scalar()
    ct = encrypt(G, key, 1, r)
    proof, commitments = prove_range_committed(G, key, ct, 1, r, 0, 1, "ctx")
    assert verify_range(G, key, ct, proof, 0, 1, "ctx", commitments)
    relations = range_relations(G, key, ct, proof, commitments, 0, 1, "ctx")
    assert relations is not None and len(relations) == 4
    assert all(G.multi_exp(relation) == G.identity for relation in relations)
    # a changed response keeps the challenges but breaks a relation
    bent = [proof[0], (proof[1][0], (proof[1][1] + 1) % G.q)]
    relations = range_relations(G, key, ct, bent, commitments, 0, 1, "ctx")
    assert relations is not None
    assert [G.multi_exp(rel) == G.identity for rel in relations] == [True, True, False, False]
    assert not verify_range(G, key, ct, bent, 0, 1, "ctx")
    # commitments other than the proof's fail its challenge
    swapped = [commitments[2], commitments[1], commitments[0], commitments[3]]
    assert range_relations(G, key, ct, proof, swapped, 0, 1, "ctx") is None
    assert range_relations(G, key, ct, proof, commitments, 0, 1, "other ballot") is None


def _sent(key: Any, count: int) -> list[tuple[object, object]]:
    rng = random.Random(11)
    sent = []
    for _ in range(count):
        marks = [0] * len(SPEC.options)
        marks[rng.randrange(len(marks))] = 1
        sent.append(split_commitments(encrypt_ballot(G, key, SPEC, marks, commitments=True)))
    return sent


def _alone(key: Any, ballot: object, commitments: object) -> str:
    try:
        check_ballot(G, key, SPEC, ballot, commitments)
        return "ok"
    except InvalidInputError as err:
        return str(err)


def test_a_batch_gives_each_ballot_the_answer_it_gets_alone(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    key = G.gpow(G.random_scalar())
    sent = _sent(key, 48)
    bad_proof = copy.deepcopy(sent[3][0])
    assert isinstance(bad_proof, dict)
    pair = bad_proof["selections"][1]["proof"][0]
    pair[1] = str((int(pair[1]) + 1) % G.q)
    sent[3] = (bad_proof, sent[3][1])
    swapped = copy.deepcopy(sent[11][1])
    assert isinstance(swapped, dict)
    row = swapped["selections"][2]
    row[0], row[2] = row[2], row[0]
    sent[11] = (sent[11][0], swapped)
    sent[15] = (sent[15][0], {"selections": [], "total": []})  # malformed
    sent[17] = (sent[17][0], None)  # none sent: checked alone
    bad_total = copy.deepcopy(sent[20][0])
    assert isinstance(bad_total, dict)
    bad_total["total_proof"][0][0] = "1"
    sent[20] = (bad_total, sent[20][1])

    alone_calls = []
    real_check = ballots_module.check_ballot

    def counted(*args: Any) -> Any:
        alone_calls.append(args)
        return real_check(*args)

    monkeypatch.setattr(ballots_module, "check_ballot", counted)
    results = check_ballots(G, key, SPEC, sent)
    monkeypatch.undo()

    answers = ["ok" if isinstance(r, list) else str(r) for r in results]
    assert answers == [_alone(key, *item) for item in sent]
    refused = {i: a for i, a in enumerate(answers) if a != "ok"}
    assert set(refused) == {3, 11, 15, 20}
    assert "selection 1 (B): proof of 0 or 1 fails" == refused[3]
    assert "not those of its proofs" in refused[11]
    assert "'commitments' must be" in refused[15]
    assert "total proof fails" in refused[20]
    # the good ballots were checked in the batch test, not one by one
    assert len(alone_calls) < len(sent) // 2
    for result, (ballot, _) in zip(results, sent, strict=True):
        if isinstance(result, list):
            assert result == check_ballot(G, key, SPEC, ballot)


def test_small_batches_and_groups_without_batching_check_one_by_one() -> None:
    key = G.gpow(G.random_scalar())
    sent = _sent(key, ballots_module.BATCH_MIN - 1)
    assert all(isinstance(r, list) for r in check_ballots(G, key, SPEC, sent))
    with pytest.raises(InvalidInputError, match="exactly the fields"):
        check_ballot(G, key, SPEC, encrypt_ballot(G, key, SPEC, [1, 0, 0, 0], commitments=True))


def test_casts_in_an_event_loop_are_checked_together_and_stored_without_commitments(
    registry_url: str,
) -> None:
    """Every delegation casts at once through the service's event-loop path, with one bad
    proof among them: the others are on the board, stored without their commitments, and the
    board verifies."""
    setup = Setup(registry_url)
    try:
        _open_election(setup)
        board = setup.service.board("ec")
        sent = {iso3: prepare_ballot(board, [["Ana", "Bo"][i % 2]]) for i, iso3 in enumerate(ROLL)}
        assert all("commitments" in ballot for ballot in sent.values())
        pair = sent[ROLL[2]]["selections"][0]["proof"][1]
        pair[1] = str((int(pair[1]) + 1) % G.q)
        voters = {iso3: setup.voter(iso3) for iso3 in ROLL}

        async def all_at_once() -> list[Any]:
            return await asyncio.gather(
                *(setup.service.cast_async(voters[iso3], "ec", sent[iso3]) for iso3 in ROLL),
                return_exceptions=True,
            )

        # a loop of its own in its own thread: the test process may already run one (Playwright's)
        with ThreadPoolExecutor(max_workers=1) as pool:
            results = pool.submit(asyncio.run, all_at_once()).result()
        refused = [i for i, r in enumerate(results) if isinstance(r, BaseException)]
        assert refused == [2] and "proof of 0 or 1 fails" in str(results[2])
        entries = setup.service.board("ec")
        ballots = [e for e in entries if e.kind == "ballot"]
        assert len(ballots) == len(ROLL) - 1
        assert all('"commitments"' not in e.payload for e in ballots)
        assert verify_entries(entries)["rounds"][0]["ballots"] == len(ROLL) - 1
    finally:
        setup.dispose()


def test_warm_loads_the_open_elections_before_any_cast(registry_url: str) -> None:
    """What a server process's first casts would wait for is loaded when the service starts:
    every principal, the open election's context and round, and nothing for an election not
    open."""
    setup = Setup(registry_url)
    try:
        _open_election(setup)
        fresh = type(setup.service)(setup.service.engine)  # another server process's service
        token = setup.service.login(setup.tokens[ROLL[0]])["token"]
        fresh.warm().result(timeout=60)
        assert fresh.known_principal(token) == setup.voter(ROLL[0])  # no read on first sight
        assert set(fresh._cache) == {"ec"}
        cached = fresh._cache["ec"].spec
        assert cached is not None and cached.round == 1 and "Ana" in cached.options
        assert cached == setup.service._round_for(setup.voter(ROLL[0]), "ec", {"round": 1})
    finally:
        setup.dispose()
