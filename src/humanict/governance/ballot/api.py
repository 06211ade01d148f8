"""JSON API of the secret ballot under /api/v1/elections (credentials as
``Authorization: Bearer ID:SECRET``, or a session token from ``POST /session``)."""

from __future__ import annotations

import json
import threading
from typing import Annotated, Any

from fastapi import APIRouter, Body, Header, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field

from humanict.errors import InvalidInputError
from humanict.governance.ballot.auth import Principal
from humanict.governance.ballot.service import BallotService
from humanict.governance.ballot.verify import verify_entries
from humanict.web.schemas import ErrorPublic

router = APIRouter(
    prefix="/api/v1/elections",
    tags=["elections"],
    responses={
        401: {"model": ErrorPublic},
        403: {"model": ErrorPublic},
        404: {"model": ErrorPublic},
        409: {"model": ErrorPublic},
        422: {"model": ErrorPublic},
    },
)


_CREATE = threading.Lock()


def ballot_service(request: Request) -> BallotService:
    """The app's one service on ``settings.registry_url`` (created once, on first use: its lock
    serialises the board appends of all requests; it starts loading the open elections at
    once, see :meth:`BallotService.warm`)."""
    state = request.app.state
    with _CREATE:
        if getattr(state, "ballot_service", None) is None:
            state.ballot_service = BallotService.from_url(state.settings.registry_url)
            state.ballot_service.warm()
    service: BallotService = state.ballot_service
    return service


def _bearer(authorization: str | None) -> str | None:
    """The credential or session token of an ``Authorization: Bearer ...`` header."""
    return authorization.removeprefix("Bearer ").strip() if authorization else None


def _principal(request: Request, authorization: str | None) -> Principal:
    return ballot_service(request).authenticate(_bearer(authorization))


Auth = Annotated[str | None, Header(description="Bearer ID:SECRET, or Bearer SESSION-TOKEN")]


class ElectionIn(BaseModel):
    title: str = Field(min_length=1, max_length=300)
    kind: str = Field(description="official (one seat) or council (a region's seats)")
    seats: int = 1
    candidates: list[str]
    trustees: dict[str, Any] = Field(description="public.json of the trustees' key ceremony")
    id: str | None = None


class OpenIn(BaseModel):
    withdraw: list[str] = []


# The cast is the first route: routes are matched in order, and it is the one that must be
# fast when every delegation votes at once.
_CAST_DOCS: dict[str, Any] = {
    "parameters": [
        {"name": "eid", "in": "path", "required": True, "schema": {"type": "string"}},
        {
            "name": "authorization",
            "in": "header",
            "required": False,
            "schema": {"type": "string"},
            "description": "Bearer SESSION-TOKEN (from POST /session), or Bearer ID:SECRET",
        },
    ],
    "requestBody": {
        "required": True,
        "content": {
            "application/json": {
                "schema": {
                    "type": "object",
                    "description": "ballot encrypted by the client: round, tracking_code, "
                    "selections (a, b, proof) and total_proof, and optionally commitments "
                    "(the proofs' commitments, which let the server verify ballots in "
                    "batches; not stored on the board); see docs/ballot.md",
                }
            }
        },
    },
}


@router.post(
    "/{eid}/ballots",
    status_code=201,
    summary="Cast an encrypted ballot (delegation)",
    openapi_extra=_CAST_DOCS,
    responses={201: {"description": "the receipt: tracking_code, height and hash on the board"}},
)
async def cast(request: Request) -> JSONResponse:
    """Put a ballot encrypted by the client on the board; the answer is its receipt."""
    # Header and body are read from the request rather than declared as parameters: with 193
    # delegations casting at once, parameter resolution and response validation took a tenth
    # of the server's time per cast. A known session token is checked in the event loop; a
    # first sight of a token or ``ID:SECRET`` (a database read, argon2id) in a worker thread.
    service = ballot_service(request)
    token = _bearer(request.headers.get("authorization"))
    voter = service.known_principal(token) or await run_in_threadpool(service.authenticate, token)
    try:
        ballot = json.loads(await request.body())
    except ValueError as err:
        raise InvalidInputError(f"the body must be the encrypted ballot in JSON: {err}") from None
    receipt = await service.cast_async(voter, request.path_params["eid"], ballot)
    return JSONResponse(receipt, status_code=201)


@router.get("", summary="List elections")
def list_elections(request: Request) -> list[dict[str, Any]]:
    return ballot_service(request).elections()


@router.post("", status_code=201, summary="Create an election (election officer)")
def create_election(
    request: Request, body: ElectionIn, authorization: Auth = None
) -> dict[str, Any]:
    officer = _principal(request, authorization)
    return ballot_service(request).create_election(
        officer, body.title, body.kind, body.seats, body.candidates, body.trustees, body.id
    )


@router.post("/session", summary="Log in once: a session token for later requests")
def login(request: Request, authorization: Auth = None) -> dict[str, Any]:
    """Checks ``ID:SECRET`` (argon2id, slow on purpose) and returns a token that later requests
    send as ``Authorization: Bearer TOKEN`` (checked in microseconds); valid 12 hours."""
    return ballot_service(request).login(_bearer(authorization))


@router.get("/whoami", summary="The role of a credential")
def whoami(request: Request, authorization: Auth = None) -> dict[str, Any]:
    p = _principal(request, authorization)
    return {"id": p.id, "role": p.role.value, "voting_rights": p.voting_rights}


@router.get("/{eid}", summary="Status of an election")
def election_status(eid: str, request: Request) -> dict[str, Any]:
    return ballot_service(request).status(eid)


@router.post("/{eid}/open", summary="Open the next round (election officer)")
def open_round(
    eid: str, request: Request, body: OpenIn | None = None, authorization: Auth = None
) -> dict[str, Any]:
    officer = _principal(request, authorization)
    return ballot_service(request).open_round(officer, eid, (body or OpenIn()).withdraw)


@router.post("/{eid}/close", summary="Close the open round (election officer)")
def close_round(eid: str, request: Request, authorization: Auth = None) -> dict[str, Any]:
    return ballot_service(request).close_round(_principal(request, authorization), eid)


@router.get("/{eid}/voted", summary="Whether the calling delegation has voted this round")
def voted(eid: str, request: Request, authorization: Auth = None) -> dict[str, Any]:
    voter = _principal(request, authorization)
    return {
        "id": voter.id,
        "role": voter.role.value,
        "voted": ballot_service(request).has_voted(voter, eid),
    }


@router.get("/{eid}/board", summary="The public bulletin board")
def board(eid: str, request: Request) -> dict[str, Any]:
    entries = ballot_service(request).board(eid)
    return {
        "election": eid,
        "head": entries[-1].hash,
        "entries": [{**e.as_dict(), "payload_text": e.payload} for e in entries],
    }


@router.post("/{eid}/shares", status_code=201, summary="A trustee's decryption shares")
def submit_share(
    eid: str, request: Request, share: Annotated[dict[str, Any], Body()]
) -> dict[str, Any]:
    """No credential: the Chaum-Pedersen proofs bind each share to a trustee's key."""
    return ballot_service(request).submit_share(eid, share)


@router.post("/{eid}/tally", summary="Combine shares and publish counts (election officer)")
def tally(eid: str, request: Request, authorization: Auth = None) -> dict[str, Any]:
    return ballot_service(request).tally(_principal(request, authorization), eid)


@router.get("/{eid}/results", summary="Published results of every tallied round")
def results(eid: str, request: Request) -> list[dict[str, Any]]:
    return ballot_service(request).results(eid)


@router.get("/{eid}/verify", summary="Verify the whole board on the server")
def verify(eid: str, request: Request) -> dict[str, Any]:
    """The same checks as `humanict governance verify`; run that command yourself to avoid
    trusting this server."""
    report = verify_entries(ballot_service(request).board(eid))
    return json.loads(json.dumps(report))
