"""The client side: encrypt a delegation's choice from the public board, compute a trustee's
decryption share after verifying the board, and talk to the HTTP API (used by the CLI and the
load benchmark). The plain choice never leaves the client."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import httpx

from humanict.errors import ConflictError, HumanictError, InvalidInputError
from humanict.governance.ballot.ballots import RoundSpec, encrypt_ballot, marks_for
from humanict.governance.ballot.board import Entry
from humanict.governance.ballot.elgamal import stored_ciphertext
from humanict.governance.ballot.hashing import canonical_json, parse_canonical, sha256_hex
from humanict.governance.ballot.tally import aggregate, make_share
from humanict.governance.ballot.verify import (
    ElectionContext,
    election_context,
    round_spec,
    verify_entries,
)


def current_round(entries: list[Entry]) -> tuple[ElectionContext, RoundSpec]:
    """The election context and the spec of the latest round opened on the board."""
    ctx = election_context(entries[0])
    opens = [e for e in entries if e.kind == "open"]
    if not opens:
        raise ConflictError("no round has been opened on this board yet")
    return ctx, round_spec(ctx, parse_canonical(opens[-1].payload))


def prepare_ballot(entries: list[Entry], choices: list[str]) -> dict[str, Any]:
    """Encrypt ``choices`` (candidate names; none means blank) for the current round, with the
    proofs' commitments where the server checks ballots in batches with them."""
    ctx, spec = current_round(entries)
    marks = marks_for(spec, choices)
    return encrypt_ballot(ctx.group, ctx.key, spec, marks, commitments=ctx.group.batch_verifies)


def read_trustee_key(path: Path) -> dict[str, Any]:
    try:
        data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
        int(data["secret"]), int(data["index"])
    except (OSError, ValueError, KeyError) as err:
        raise InvalidInputError(f"{path}: not a trustee key file ({err})") from err
    return data


def trustee_share(entries: list[Entry], key: dict[str, Any]) -> dict[str, Any]:
    """Verify the whole board, recompute the closed round's aggregates from all its ballots and
    return this trustee's decryption shares (a trustee never decrypts an aggregate it was given)."""
    report = verify_entries(entries)
    ctx, spec = current_round(entries)
    if key.get("key_id") != record_id(ctx.manifest["trustees"]):
        raise InvalidInputError(
            f"trustee key {key.get('index')} belongs to another election (key_id mismatch)"
        )
    last = report["rounds"][-1]
    if not last["closed"] or last["result"] is not None:
        raise ConflictError("the current round is not closed and awaiting its tally")
    ballots = [
        [stored_ciphertext(ctx.group, s) for s in parse_canonical(e.payload)["selections"]]
        for e in entries
        if e.kind == "ballot" and parse_canonical(e.payload)["round"] == spec.round
    ]
    aggregates = aggregate(ctx.group, len(spec.options), ballots)
    return make_share(ctx.group, spec, int(key["index"]), int(key["secret"]), aggregates)


def record_id(trustees_record: Any) -> str:
    """The identifier of a trustee record, written into each trustee's key file."""
    return sha256_hex(canonical_json(trustees_record))


def entries_from_json(rows: list[dict[str, Any]]) -> list[Entry]:
    """Board entries from the API's JSON (payload given as the stored canonical text)."""
    return [
        Entry(int(r["height"]), r["prev"], r["kind"], r["payload_text"], r["hash"]) for r in rows
    ]


class ApiClient:
    """A thin synchronous client of /api/v1/elections."""

    def __init__(self, base_url: str, credential: str | None = None) -> None:
        headers = {"Authorization": f"Bearer {credential}"} if credential else {}
        self.http = httpx.Client(base_url=base_url.rstrip("/"), headers=headers, timeout=120)

    def _call(self, method: str, path: str, body: Any = None) -> Any:
        response = self.http.request(method, f"/api/v1/elections{path}", json=body)
        if response.status_code >= 400:
            try:
                message = response.json().get("error", response.text)
            except ValueError:
                message = response.text
            error = HumanictError(f"{response.status_code}: {message}")
            error.status = response.status_code
            raise error
        return response.json()

    def board(self, eid: str) -> list[Entry]:
        return entries_from_json(self._call("GET", f"/{eid}/board")["entries"])

    def cast(self, eid: str, choices: list[str]) -> dict[str, Any]:
        ballot = prepare_ballot(self.board(eid), choices)
        result: dict[str, Any] = self._call("POST", f"/{eid}/ballots", ballot)
        return result

    def submit_share(self, eid: str, share: dict[str, Any]) -> dict[str, Any]:
        result: dict[str, Any] = self._call("POST", f"/{eid}/shares", share)
        return result
