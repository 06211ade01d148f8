"""A whole election in the secp256k1 group on SQLite and PostgreSQL: the same service, proofs
and verifiers as in the MODP group; the standalone verifier agrees with and without its
optional libsecp256k1 speed-up, and names a tampered ballot."""

from __future__ import annotations

import json
import random
from typing import Any

import pytest

from humanict.errors import InvalidInputError
from humanict.governance.ballot import standalone_verifier
from humanict.governance.ballot.board import make_entry
from humanict.governance.ballot.client import prepare_ballot, record_id, trustee_share
from humanict.governance.ballot.group import SECP256K1, Group
from humanict.governance.ballot.trustees import run_ceremony
from humanict.governance.ballot.verify import VerificationError, verify_entries

from .conftest import Setup

#: The field prime of secp256k1 (SEC 2 version 2, section 2.4.1); P = 3 mod 4.
FIELD = 2**256 - 2**32 - 977


def _points_above_the_order(count: int) -> list[bytes]:
    """The compressed points (even y) with the smallest x coordinates n + k, k >= 0: x^3 + 7
    is a square mod P and y = (x^3 + 7)^((P + 1) / 4). P - n is about 2^128, so such x < P
    exist; public key recovery reaches them with bit 2 of the recovery id."""
    points, x = [], SECP256K1.q
    while len(points) < count:
        rhs = (x**3 + 7) % FIELD
        y = pow(rhs, (FIELD + 1) // 4, FIELD)
        if y * y % FIELD == rhs:
            even = y if y % 2 == 0 else FIELD - y
            points.append(bytes([2 + even % 2]) + x.to_bytes(32, "big"))
        x += 1
    return points


def _generic(e: int, x: bytes, f: int) -> bytes:
    return SECP256K1.mul(SECP256K1.gpow(e), SECP256K1.exp(x, f))


def test_gpow_mul_by_key_recovery_equals_the_generic_path(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Seeded random scalars, the edge cases, and points whose x coordinate is n or above."""
    G = SECP256K1  # noqa: N806
    rng = random.Random(29)
    at_n, above_n = _points_above_the_order(2)
    assert int.from_bytes(at_n[1:], "big") == G.q  # x = n is on the curve: r would be 0
    points = [G.gpow(rng.randrange(1, G.q)) for _ in range(10)]
    points += [at_n, G.inv(at_n), above_n, G.inv(above_n)]
    assert all(G.is_element(point) for point in points)
    cases = [(rng.randrange(G.q), x, rng.randrange(G.q)) for x in points for _ in range(3)]
    cases += [(0, x, rng.randrange(1, G.q)) for x in points]  # g^0 x^f
    cases += [(rng.randrange(1, G.q), x, 0) for x in points]  # g^e x^0
    cases += [(5, G.identity, 7), (0, G.identity, 0), (0, G.g, 0)]
    cases += [(e, G.g, -e) for e in (1, 12345, G.q - 1)]  # g^e g^-e: the identity
    cases += [(e, G.gpow(3), -rng.randrange(G.q)) for e in (3, -3)]
    expected = [_generic(*case) for case in cases]
    assert [G.gpow_mul(*case) for case in cases] == expected

    # the points above n (x = n excepted) go through key recovery, not the generic path
    def refuse(*args: object) -> bytes:
        raise AssertionError("generic path taken")

    monkeypatch.setattr(Group, "gpow_mul", refuse)
    for x in (points[0], above_n, G.inv(above_n)):
        e, f = rng.randrange(G.q), rng.randrange(1, G.q)
        assert G.gpow_mul(e, x, f) == _generic(e, x, f)


def test_decode_refuses_every_text_but_lowercase_hexadecimal() -> None:
    G = SECP256K1  # noqa: N806
    text = G.encode(G.gpow(777))
    assert G.decode(text, "p") == G.gpow(777)
    spaced = text[:2] + " " + text[2:-1]  # bytes.fromhex skips the space: still 66 characters
    for bad in [text.upper(), spaced, text[:-1] + "g", "0x" + text[2:], "\u0660" * 66]:
        with pytest.raises(InvalidInputError, match="lowercase hexadecimal"):
            G.decode(bad, "p")


def _open_election(setup: Setup) -> tuple[dict[str, Any], list[tuple[int, int]]]:
    record, secrets_ = run_ceremony(SECP256K1, 3, 2)
    public = {"group": SECP256K1.as_dict(), "trustees": record}
    setup.service.create_election(
        setup.officer, "EC post", "official", 1, ["Ana", "Bo"], public, election_id="ec"
    )
    setup.service.open_round(setup.officer, "ec")
    return record, secrets_


def _exported(setup: Setup, eid: str) -> list[dict[str, Any]]:
    return [
        {"height": e.height, "prev": e.prev, "kind": e.kind, "payload": e.payload, "hash": e.hash}
        for e in setup.service.board(eid)
    ]


def test_election_in_secp256k1_counts_and_verifies(
    registry_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    setup = Setup(registry_url)
    try:
        record, secrets_ = _open_election(setup)
        votes = {"ARG": ["Ana"], "BRA": ["Bo"], "FRA": ["Ana"], "KEN": [], "IND": ["Ana"]}
        for iso3, choice in votes.items():
            ballot = prepare_ballot(setup.service.board("ec"), choice)
            assert len(ballot["selections"][0]["a"]) == 66  # compressed points in hexadecimal
            setup.service.cast(setup.voter(iso3), "ec", ballot)
        setup.service.close_round(setup.officer, "ec")
        for index, secret in secrets_[1:]:
            key = {"index": index, "secret": str(secret), "key_id": record_id(record)}
            setup.service.submit_share("ec", trustee_share(setup.service.board("ec"), key))
        result = setup.service.tally(setup.officer, "ec")
        assert result["counts"] == {"Ana": 3, "Bo": 1, "BLANK": 1}
        assert result["outcome"]["elected"] == ["Ana"]  # 3 of 4 valid votes, majority 3
        report = verify_entries(setup.service.board("ec"))
        assert report["group"] == "secp256k1" and report["rounds"][0]["result"]["counts"] == {
            "Ana": 3,
            "Bo": 1,
            "BLANK": 1,
        }
        rows = _exported(setup, "ec")
        fast = standalone_verifier.verify_board(rows)
        monkeypatch.setattr(standalone_verifier, "_Point", None)  # standard library only
        slow = standalone_verifier.verify_board(rows)
        assert fast == slow and fast["rounds"][0]["result"]["counts"] == result["counts"]
        # a ballot whose ciphertext is changed and re-chained is named by both verifiers
        ballot_row = next(r for r in rows if r["kind"] == "ballot")
        payload = json.loads(ballot_row["payload"])
        payload["selections"][0]["b"] = SECP256K1.encode(SECP256K1.gpow(7))
        tampered, prev = [], "0" * 64
        for r in rows:
            body = payload if r is ballot_row else json.loads(r["payload"])
            entry = make_entry(r["height"], prev, r["kind"], body)
            tampered.append(
                {"height": entry.height, "prev": prev, "kind": entry.kind}
                | {"payload": entry.payload, "hash": entry.hash}
            )
            prev = entry.hash
        with pytest.raises(standalone_verifier.BoardInvalid, match=f"entry {ballot_row['height']}"):
            standalone_verifier.verify_board(tampered)
    finally:
        setup.dispose()


def test_ballot_with_a_point_off_the_curve_is_refused(registry_url: str) -> None:
    setup = Setup(registry_url)
    try:
        _open_election(setup)
        ballot = prepare_ballot(setup.service.board("ec"), ["Bo"])
        ballot["selections"][1]["a"] = "02" + format(5, "064x")  # x = 5 is not on the curve
        before = len(setup.service.board("ec"))
        with pytest.raises(Exception, match="not a point of secp256k1"):
            setup.service.cast(setup.voter("ARG"), "ec", ballot)
        assert len(setup.service.board("ec")) == before
        with pytest.raises(VerificationError):
            bad = make_entry(0, "0" * 64, "election", {"group": {"name": "secp256k1"}})
            verify_entries([bad])
    finally:
        setup.dispose()
