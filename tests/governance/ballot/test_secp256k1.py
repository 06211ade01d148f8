"""A whole election in the secp256k1 group on SQLite and PostgreSQL: the same service, proofs
and verifiers as in the MODP group; the standalone verifier agrees with and without its
optional libsecp256k1 speed-up, and names a tampered ballot."""

from __future__ import annotations

import json
from typing import Any

import pytest

from humanict.governance.ballot import standalone_verifier
from humanict.governance.ballot.board import make_entry
from humanict.governance.ballot.client import prepare_ballot, record_id, trustee_share
from humanict.governance.ballot.group import SECP256K1
from humanict.governance.ballot.trustees import run_ceremony
from humanict.governance.ballot.verify import VerificationError, verify_entries

from .conftest import Setup


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
