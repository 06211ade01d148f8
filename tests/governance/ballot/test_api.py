"""The HTTP API: roles and credentials enforced, a ballot encrypted by the client goes in, the
board and results come out, errors in the project's JSON shape."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from humanict.config import Settings
from humanict.governance.ballot.client import (
    entries_from_json,
    prepare_ballot,
    record_id,
    trustee_share,
)
from humanict.governance.ballot.service import BallotService
from humanict.web import create_app

from .conftest import ROLL


@pytest.fixture
def api(settings: Settings, registry_url: str) -> Any:
    tokens = BallotService.from_url(registry_url).issue_credentials(ROLL)
    app = create_app(settings.model_copy(update={"registry_url": registry_url}))
    with TestClient(app) as client:
        yield client, tokens
    app.state.ballot_service.engine.dispose()


def _auth(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def test_election_through_the_api(api: Any, ceremony: Any) -> None:
    client, tokens = api
    public, secrets_ = ceremony
    body = {
        "title": "Test DSG",
        "kind": "official",
        "candidates": ["X", "Y"],
        "trustees": public,
        "id": "dsg",
    }
    refused = client.post("/api/v1/elections", json=body)
    assert refused.status_code == 401
    assert refused.json()["ok"] is False and "authentication required" in refused.json()["error"]
    assert (
        client.post("/api/v1/elections", json=body, headers=_auth(tokens["ARG"])).status_code == 403
    )
    made = client.post("/api/v1/elections", json=body, headers=_auth(tokens["officer-1"]))
    assert made.status_code == 201, made.text
    assert (
        client.post("/api/v1/elections/dsg/open", headers=_auth(tokens["officer-1"])).status_code
        == 200
    )

    def board() -> list[Any]:
        return entries_from_json(client.get("/api/v1/elections/dsg/board").json()["entries"])

    ballot = prepare_ballot(board(), ["Y"])
    assert client.post("/api/v1/elections/dsg/ballots", json=ballot).status_code == 401
    cast = client.post("/api/v1/elections/dsg/ballots", json=ballot, headers=_auth(tokens["ARG"]))
    assert cast.status_code == 201 and cast.json()["tracking_code"] == ballot["tracking_code"]
    again = client.post(
        "/api/v1/elections/dsg/ballots",
        json=prepare_ballot(board(), ["X"]),
        headers=_auth(tokens["ARG"]),
    )
    assert again.status_code == 409 and "already voted" in again.json()["error"]
    assert client.get("/api/v1/elections/dsg/voted", headers=_auth(tokens["ARG"])).json()["voted"]
    bad = client.post(
        "/api/v1/elections/dsg/ballots", json={"round": 1}, headers=_auth(tokens["BRA"])
    )
    assert bad.status_code == 422
    truncated = client.post(
        "/api/v1/elections/dsg/ballots",
        content=json.dumps(ballot)[:-5],
        headers={**_auth(tokens["BRA"]), "Content-Type": "application/json"},
    )
    assert truncated.status_code == 422 and truncated.json()["ok"] is False
    assert "encrypted ballot in JSON" in truncated.json()["error"]
    # BRA logs in once and casts with its session token; forged or wrong tokens are refused
    assert client.post("/api/v1/elections/session").status_code == 401
    wrong = _auth("BRA:" + tokens["ARG"].split(":", 1)[1])
    assert client.post("/api/v1/elections/session", headers=wrong).status_code == 401
    session = client.post("/api/v1/elections/session", headers=_auth(tokens["BRA"])).json()
    assert session["id"] == "BRA" and session["role"] == "voter"
    token = session["token"]
    ident, expires, mac = token.removeprefix("session.").rsplit(".", 2)
    for forged in (
        f"session.ARG.{expires}.{mac}",  # another delegation under BRA's MAC
        f"session.BRA.{int(expires) + 86400}.{mac}",  # a later expiry
        f"session.BRA.{expires}.{mac[:-1]}{'1' if mac.endswith('0') else '0'}",  # a wrong MAC
    ):
        whoami = client.get("/api/v1/elections/whoami", headers=_auth(forged))
        assert whoami.status_code == 401, forged
    assert client.get("/api/v1/elections/whoami", headers=_auth(token)).json()["id"] == "BRA"
    cast = client.post(
        "/api/v1/elections/dsg/ballots", json=prepare_ballot(board(), []), headers=_auth(token)
    )
    assert cast.status_code == 201, cast.text
    assert client.post(
        "/api/v1/elections/dsg/close", headers=_auth(tokens["officer-1"])
    ).json() == {"round": 1, "ballots": 2, "voted": 2}
    for index in (2, 3, 4):
        key = {
            "index": index,
            "secret": str(dict(secrets_)[index]),
            "key_id": record_id(public["trustees"]),
        }
        answer = client.post("/api/v1/elections/dsg/shares", json=trustee_share(board(), key))
        assert answer.status_code == 201, answer.text
    result = client.post("/api/v1/elections/dsg/tally", headers=_auth(tokens["officer-1"])).json()
    assert result["counts"] == {"X": 0, "Y": 1, "BLANK": 1}
    assert result["outcome"]["elected"] == ["Y"]  # 1 valid vote, majority 1
    assert client.get("/api/v1/elections/dsg/results").json() == [result]
    assert client.get("/api/v1/elections/dsg/verify").json()["proofs_checked"] > 0
    page = client.get("/elections/dsg")
    assert page.status_code == 200 and ballot["tracking_code"] in page.text
    assert client.get("/api/v1/elections/nope/board").status_code == 404


def test_registry_url_is_a_setting(tmp_path: Path) -> None:
    assert Settings().registry_url.startswith("sqlite:///")
    assert Settings(registry_url=f"sqlite:///{tmp_path}/r.sqlite").registry_url.endswith("r.sqlite")


def test_session_tokens_expire_and_belong_to_their_key() -> None:
    from humanict.governance.ballot.auth import (
        SESSION_LIFETIME_S,
        AuthenticationError,
        session_identity,
        session_token,
    )

    key, other = b"k" * 32, b"o" * 32
    token, expires = session_token(key, "KEN", now=1_000.0)
    assert expires == 1_000 + SESSION_LIFETIME_S
    assert session_identity(key, token, now=expires) == "KEN"
    with pytest.raises(AuthenticationError, match="expired"):
        session_identity(key, token, now=expires + 1)
    with pytest.raises(AuthenticationError, match="not issued by this registry"):
        session_identity(other, token, now=1_000.0)
    with pytest.raises(AuthenticationError, match="malformed"):
        session_identity(key, "session.KEN", now=1_000.0)


def test_a_secp256k1_ballot_with_its_commitments_through_the_api(api: Any) -> None:
    """The client sends its proofs' commitments with the ballot; the board keeps the ballot
    without them, and commitments that are not the proofs' are refused with the reason."""
    from humanict.governance.ballot.group import SECP256K1
    from humanict.governance.ballot.trustees import run_ceremony

    client, tokens = api
    record, _ = run_ceremony(SECP256K1, 3, 2)
    body = {
        "title": "EC post",
        "kind": "official",
        "candidates": ["X", "Y"],
        "trustees": {"group": SECP256K1.as_dict(), "trustees": record},
        "id": "ec",
    }
    officer = _auth(tokens["officer-1"])
    assert client.post("/api/v1/elections", json=body, headers=officer).status_code == 201
    assert client.post("/api/v1/elections/ec/open", headers=officer).status_code == 200

    def board() -> list[Any]:
        return entries_from_json(client.get("/api/v1/elections/ec/board").json()["entries"])

    ballot = prepare_ballot(board(), ["X"])
    assert set(ballot["commitments"]) == {"selections", "total"}
    bent = json.loads(json.dumps(ballot))
    row = bent["commitments"]["selections"][0]
    row[0], row[2] = row[2], row[0]
    refused = client.post("/api/v1/elections/ec/ballots", json=bent, headers=_auth(tokens["BRA"]))
    assert refused.status_code == 422 and "not those of its proofs" in refused.json()["error"]
    cast = client.post("/api/v1/elections/ec/ballots", json=ballot, headers=_auth(tokens["ARG"]))
    assert cast.status_code == 201, cast.text
    stored = json.loads(board()[-1].payload)
    assert stored == {k: v for k, v in ballot.items() if k != "commitments"}
