"""The election service on SQLite and PostgreSQL: a full election and every refusal the threat
model names, each leaving the board unchanged, and the verifier agreeing with the tally."""

from __future__ import annotations

import copy
import json
from typing import Any

import pytest

from humanict.errors import ConflictError, InvalidInputError, NotFoundError
from humanict.governance.ballot.auth import AuthenticationError, ForbiddenError
from humanict.governance.ballot.client import prepare_ballot, record_id, trustee_share
from humanict.governance.ballot.verify import VerificationError, verify_entries

CANDIDATES = ["Ana", "Bo", "Chen"]


def _key(ceremony: Any, index: int) -> dict[str, Any]:
    public, secrets_ = ceremony
    return {
        "index": index,
        "secret": str(dict(secrets_)[index]),
        "key_id": record_id(public["trustees"]),
    }


def _election(setup: Any, ceremony: Any, kind: str = "official", seats: int = 1) -> str:
    manifest = setup.service.create_election(
        setup.officer, "Test post", kind, seats, CANDIDATES, ceremony[0], election_id="t1"
    )
    setup.service.open_round(setup.officer, "t1")
    return str(manifest["id"])


def _cast(setup: Any, eid: str, iso3: str, choices: list[str]) -> dict[str, Any]:
    ballot = prepare_ballot(setup.service.board(eid), choices)
    return setup.service.cast(setup.voter(iso3), eid, ballot)


def _decrypt(setup: Any, ceremony: Any, eid: str, trustees: list[int]) -> None:
    for index in trustees:
        setup.service.submit_share(
            eid, trustee_share(setup.service.board(eid), _key(ceremony, index))
        )


def test_full_election_counts_verify_and_decide(setup: Any, ceremony: Any) -> None:
    eid = _election(setup, ceremony)
    votes = {"ARG": ["Ana"], "BRA": ["Ana"], "FRA": ["Bo"], "KEN": [], "IND": ["Ana"]}
    for iso3, choice in votes.items():
        receipt = _cast(setup, eid, iso3, choice)
        assert len(receipt["tracking_code"]) == 32
    closed = setup.service.close_round(setup.officer, eid)
    assert closed == {"round": 1, "ballots": 5, "voted": 5}
    _decrypt(setup, ceremony, eid, [5, 2, 4])  # any 3 of 5
    result = setup.service.tally(setup.officer, eid)
    assert result["counts"] == {"Ana": 3, "Bo": 1, "Chen": 0, "BLANK": 1}
    # 4 valid non-blank votes: majority 3; Ana has 3.
    assert result["outcome"]["required_majority"] == 3
    assert result["outcome"]["elected"] == ["Ana"]
    report = verify_entries(setup.service.board(eid))
    assert report["rounds"][0]["result"]["counts"] == result["counts"]
    # no board entry names a delegation
    text = " ".join(e.payload for e in setup.service.board(eid) if e.kind == "ballot")
    assert not any(iso3 in text for iso3 in votes)


def test_second_round_after_withdrawal(setup: Any, ceremony: Any) -> None:
    eid = _election(setup, ceremony)
    for iso3, choice in {"ARG": ["Ana"], "BRA": ["Bo"], "FRA": ["Chen"], "KEN": ["Bo"]}.items():
        _cast(setup, eid, iso3, choice)
    setup.service.close_round(setup.officer, eid)
    _decrypt(setup, ceremony, eid, [1, 2, 3])
    first = setup.service.tally(setup.officer, eid)
    assert first["outcome"]["status"] == "another round needed"  # Bo 2 of 4 < 3
    _refused(
        setup,
        eid,
        InvalidInputError,
        "did not stand",
        lambda: setup.service.open_round(setup.officer, eid, withdraw=["Zed"]),
    )
    _refused(
        setup,
        eid,
        InvalidInputError,
        "every candidate withdrew",
        lambda: setup.service.open_round(setup.officer, eid, withdraw=["Ana", "Bo", "Chen"]),
    )
    opened = setup.service.open_round(setup.officer, eid, withdraw=["Chen"])
    assert opened["options"] == ["Ana", "Bo", "BLANK"] and opened["round"] == 2
    for iso3, choice in {"ARG": ["Ana"], "BRA": ["Bo"], "FRA": ["Bo"], "KEN": ["Bo"]}.items():
        _cast(setup, eid, iso3, choice)
    setup.service.close_round(setup.officer, eid)
    _decrypt(setup, ceremony, eid, [3, 4, 5])
    assert setup.service.tally(setup.officer, eid)["outcome"]["elected"] == ["Bo"]
    assert len(verify_entries(setup.service.board(eid))["rounds"]) == 2
    with pytest.raises(ConflictError, match="decided"):
        setup.service.open_round(setup.officer, eid)


def test_council_ballot_marks_up_to_the_seats(setup: Any, ceremony: Any) -> None:
    eid = _election(setup, ceremony, kind="council", seats=2)
    _cast(setup, eid, "ARG", ["Ana", "Bo"])
    _cast(setup, eid, "BRA", ["Ana"])
    _cast(setup, eid, "FRA", [])
    with pytest.raises(InvalidInputError, match="0 to 2 marks"):
        prepare_ballot(setup.service.board(eid), CANDIDATES)
    setup.service.close_round(setup.officer, eid)
    _decrypt(setup, ceremony, eid, [1, 3, 5])
    result = setup.service.tally(setup.officer, eid)
    assert result["counts"] == {"Ana": 2, "Bo": 1, "Chen": 0}
    assert result["outcome"]["elected"] == ["Ana", "Bo"]


def _refused(setup: Any, eid: str, error: type[Exception], match: str, call: Any) -> None:
    """``call`` raises ``error`` and the board is exactly as before."""
    before = [e.hash for e in setup.service.board(eid)]
    with pytest.raises(error, match=match):
        call()
    assert [e.hash for e in setup.service.board(eid)] == before


def test_refusals_leave_the_board_unchanged(setup: Any, ceremony: Any) -> None:
    eid = _election(setup, ceremony)
    svc = setup.service
    board = svc.board(eid)
    ballot = prepare_ballot(board, ["Ana"])
    svc.cast(setup.voter("ARG"), eid, ballot)
    # double vote: a fresh ballot from a delegation that has voted
    _refused(
        setup,
        eid,
        ConflictError,
        "already voted",
        lambda: svc.cast(setup.voter("ARG"), eid, prepare_ballot(board, ["Bo"])),
    )
    # replayed ballot: another delegation resubmits the recorded ballot
    _refused(
        setup,
        eid,
        ConflictError,
        "repeats one already",
        lambda: svc.cast(setup.voter("BRA"), eid, copy.deepcopy(ballot)),
    )
    # ... and BRA can still vote afterwards: the refusal consumed nothing
    # unauthenticated and wrong credentials
    _refused(
        setup, eid, AuthenticationError, "authentication required", lambda: svc.authenticate(None)
    )
    _refused(
        setup,
        eid,
        AuthenticationError,
        "secret is wrong",
        lambda: svc.authenticate("BRA:not-the-secret"),
    )
    # wrong delegation: observer or officer credentials cannot cast; a suspended delegation
    _refused(
        setup,
        eid,
        ForbiddenError,
        "only delegations vote",
        lambda: svc.cast(setup.observer, eid, prepare_ballot(board, ["Ana"])),
    )
    svc.set_voting_rights("NOR", False)
    _refused(
        setup,
        eid,
        ForbiddenError,
        "no voting rights",
        lambda: svc.cast(setup.voter("NOR"), eid, prepare_ballot(board, ["Ana"])),
    )
    # malformed ballots
    bad = prepare_ballot(board, ["Bo"])
    bad["selections"][0]["a"] = "0"
    _refused(
        setup,
        eid,
        InvalidInputError,
        "outside the order-q subgroup",
        lambda: svc.cast(setup.voter("BRA"), eid, bad),
    )
    bad = prepare_ballot(board, ["Bo"])
    bad["selections"].pop()
    _refused(
        setup,
        eid,
        InvalidInputError,
        "must carry 4 selections",
        lambda: svc.cast(setup.voter("BRA"), eid, bad),
    )
    bad = prepare_ballot(board, ["Bo"])
    bad["selections"][1]["proof"][0][0] = str(int(bad["selections"][1]["proof"][0][0]) ^ 1)
    _refused(
        setup,
        eid,
        InvalidInputError,
        r"selection 1 \(Bo\): proof",
        lambda: svc.cast(setup.voter("BRA"), eid, bad),
    )
    # a ballot made for another election (same key, same candidates) fails its proofs there
    svc.create_election(setup.officer, "Twin", "official", 1, CANDIDATES, ceremony[0], "twin")
    svc.open_round(setup.officer, "twin")
    twin_ballot = prepare_ballot(svc.board("twin"), ["Ana"])
    _refused(
        setup,
        eid,
        InvalidInputError,
        "proof of 0 or 1 fails",
        lambda: svc.cast(setup.voter("BRA"), eid, twin_ballot),
    )
    _refused(
        setup,
        eid,
        InvalidInputError,
        "exactly the fields",
        lambda: svc.cast(setup.voter("BRA"), eid, {"round": 1}),
    )
    _refused(
        setup,
        eid,
        InvalidInputError,
        "for round 2",
        lambda: svc.cast(setup.voter("BRA"), eid, {**prepare_ballot(board, []), "round": 2}),
    )
    # a voter cannot run the election
    _refused(
        setup,
        eid,
        ForbiddenError,
        "needs officer",
        lambda: svc.close_round(setup.voter("BRA"), eid),
    )
    svc.cast(setup.voter("BRA"), eid, prepare_ballot(board, ["Bo"]))
    svc.close_round(setup.officer, eid)
    # vote after close
    _refused(
        setup,
        eid,
        ConflictError,
        "not open for voting",
        lambda: svc.cast(setup.voter("FRA"), eid, prepare_ballot(board, ["Ana"])),
    )
    # tally before a quorum of trustees: clear error, nothing published
    _decrypt(setup, ceremony, eid, [1, 4])
    _refused(
        setup,
        eid,
        ConflictError,
        "only 2 of the 3 trustee shares",
        lambda: svc.tally(setup.officer, eid),
    )
    # a share with a bad proof, or twice from the same trustee
    forged = trustee_share(svc.board(eid), _key(ceremony, 2))
    forged["shares"][0]["d"] = str(int(forged["shares"][1]["d"]))
    _refused(setup, eid, InvalidInputError, "invalid proof", lambda: svc.submit_share(eid, forged))
    again = trustee_share(svc.board(eid), _key(ceremony, 1))
    _refused(setup, eid, ConflictError, "already submitted", lambda: svc.submit_share(eid, again))
    _decrypt(setup, ceremony, eid, [2])
    assert svc.tally(setup.officer, eid)["counts"] == {"Ana": 1, "Bo": 1, "Chen": 0, "BLANK": 0}
    verify_entries(svc.board(eid))
    with pytest.raises(NotFoundError, match="no election 'nope'"):
        svc.board("nope")


def test_verifier_detects_a_tampered_entry(setup: Any, ceremony: Any) -> None:
    eid = _election(setup, ceremony)
    _cast(setup, eid, "ARG", ["Ana"])
    _cast(setup, eid, "BRA", ["Bo"])
    setup.service.close_round(setup.officer, eid)
    _decrypt(setup, ceremony, eid, [1, 2, 3])
    setup.service.tally(setup.officer, eid)
    board = setup.service.board(eid)
    verify_entries(board)
    # an operator edits a stored ballot in the database
    from sqlalchemy import update

    from humanict.governance.ballot import store

    target = next(e for e in board if e.kind == "ballot")
    payload = json.loads(target.payload)
    payload["selections"][0]["b"] = payload["selections"][1]["b"]
    with setup.service.sessions.begin() as session:
        session.execute(
            update(store.BoardEntry)
            .where(store.BoardEntry.election_id == eid, store.BoardEntry.height == target.height)
            .values(payload=json.dumps(payload, sort_keys=True, separators=(",", ":")))
        )
    with pytest.raises(VerificationError, match=f"entry {target.height} \\[hash\\]"):
        verify_entries(setup.service.board(eid))


def test_concurrent_casts_all_land_once(setup: Any, ceremony: Any) -> None:
    """Six delegations cast at the same moment from threads, each also trying a second time:
    six ballots on a consistent chain, six refusals, nothing lost."""
    from concurrent.futures import ThreadPoolExecutor

    from .conftest import ROLL

    eid = _election(setup, ceremony)
    board = setup.service.board(eid)
    ballots = [(iso3, prepare_ballot(board, [CANDIDATES[i % 3]])) for i, iso3 in enumerate(ROLL)]
    ballots += [(iso3, prepare_ballot(board, [])) for iso3 in ROLL]
    voters = {iso3: setup.voter(iso3) for iso3 in ROLL}

    def attempt(item: tuple[str, Any]) -> str:
        try:
            setup.service.cast(voters[item[0]], eid, item[1])
            return "ok"
        except ConflictError as err:
            return str(err)

    with ThreadPoolExecutor(max_workers=6) as pool:
        outcomes = list(pool.map(attempt, ballots))
    assert outcomes.count("ok") == 6
    assert all("already voted" in o for o in outcomes if o != "ok")
    assert setup.service.close_round(setup.officer, eid)["ballots"] == 6
    assert verify_entries(setup.service.board(eid))["rounds"][0]["ballots"] == 6


def test_two_server_processes_append_to_one_chain(setup: Any, ceremony: Any) -> None:
    """Two services on one registry (as two server processes are) take casts at the same time,
    with replays and second votes mixed in: every ballot lands once on one consistent chain
    (SQLite: the shared file lock; PostgreSQL: the row lock on the election)."""
    from concurrent.futures import ThreadPoolExecutor

    from humanict.governance.ballot.service import BallotService

    from .conftest import ROLL

    eid = _election(setup, ceremony)
    other = BallotService.from_url(setup.service.engine.url.render_as_string(hide_password=False))
    board = setup.service.board(eid)
    firsts = [(iso3, prepare_ballot(board, [CANDIDATES[i % 3]])) for i, iso3 in enumerate(ROLL)]
    attempts = [(svc, item) for item, svc in zip(firsts, [setup.service, other] * 3, strict=True)]
    attempts += [(other, (ROLL[0], firsts[1][1]))]  # a replay of BRA's ballot under ARG
    attempts += [(setup.service, (iso3, prepare_ballot(board, []))) for iso3 in ROLL[:3]]
    voters = {iso3: setup.voter(iso3) for iso3 in ROLL}

    def attempt(job: tuple[Any, tuple[str, Any]]) -> str:
        service, (iso3, ballot) = job
        try:
            service.cast(voters[iso3], eid, ballot)
            return "ok"
        except ConflictError as err:
            return str(err)

    try:
        with ThreadPoolExecutor(max_workers=len(attempts)) as pool:
            outcomes = list(pool.map(attempt, attempts))
    finally:
        other.engine.dispose()
    assert outcomes.count("ok") == 6, outcomes
    assert all("already voted" in o or "repeats" in o for o in outcomes if o != "ok")
    report = verify_entries(setup.service.board(eid))
    assert report["rounds"][0]["ballots"] == 6


def test_event_loop_casts_and_thread_casts_share_the_batches(setup: Any, ceremony: Any) -> None:
    """Casts awaited at once in an event loop (as the web server makes them) while other casts
    come from threads: second votes and a replay refused, a malformed ballot refused alone,
    every accepted ballot once on one consistent chain, receipts at distinct heights."""
    import asyncio
    from concurrent.futures import ThreadPoolExecutor

    from .conftest import ROLL

    eid = _election(setup, ceremony)
    board = setup.service.board(eid)
    firsts = {iso3: prepare_ballot(board, [CANDIDATES[i % 3]]) for i, iso3 in enumerate(ROLL)}
    voters = {iso3: setup.voter(iso3) for iso3 in ROLL}
    broken = copy.deepcopy(prepare_ballot(board, ["Ana"]))
    broken["selections"][0]["proof"][0][0] = "1"
    in_loop = [(iso3, firsts[iso3]) for iso3 in ROLL[:4]]
    in_loop += [(ROLL[4], firsts[ROLL[0]]), (ROLL[5], broken)]  # a replay; a bad proof
    in_loop += [(iso3, prepare_ballot(board, [])) for iso3 in ROLL[:2]]  # second votes
    in_threads = [(iso3, firsts[iso3]) for iso3 in ROLL[4:]]

    def outcome(error: BaseException | None) -> str:
        return "ok" if error is None else f"{type(error).__name__}: {error}"

    async def in_event_loop() -> list[str]:
        results = await asyncio.gather(
            *(setup.service.cast_async(voters[iso3], eid, b) for iso3, b in in_loop),
            return_exceptions=True,
        )
        return [outcome(r if isinstance(r, BaseException) else None) for r in results]

    def from_thread(item: tuple[str, Any]) -> str:
        try:
            setup.service.cast(voters[item[0]], eid, item[1])
            return "ok"
        except (ConflictError, InvalidInputError) as err:
            return outcome(err)

    with ThreadPoolExecutor(max_workers=3) as pool:
        threaded = pool.map(from_thread, in_threads)
        # a loop of its own in its own thread: the test process may already run one (Playwright's)
        looped = pool.submit(asyncio.run, in_event_loop()).result()
        threaded_outcomes = list(threaded)
    assert looped[:4] == ["ok"] * 4 and threaded_outcomes == ["ok", "ok"], looped
    assert "repeats one already on the board" in looped[4]
    assert looped[5].startswith("InvalidInputError") and "proof of 0 or 1 fails" in looped[5]
    assert all("already voted" in o for o in looped[6:]), looped
    entries = setup.service.board(eid)
    heights = [e.height for e in entries if e.kind == "ballot"]
    assert len(heights) == len(set(heights)) == 6
    report = verify_entries(entries)
    assert report["rounds"][0]["ballots"] == 6


def test_committer_waits_for_ballots_still_being_verified(
    setup: Any, ceremony: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """While a ballot is being verified, a verified one waits for it and both are appended in
    one transaction; when nothing is being verified, the committer takes the batch at once."""
    import threading

    from humanict.governance.ballot import service as service_module

    from .conftest import ROLL

    monkeypatch.setattr(service_module, "COMMIT_DELAY_S", 600.0)  # only the notice ends a wait

    service = setup.service
    eid = _election(setup, ceremony)
    board = service.board(eid)
    casts = [
        service_module._Cast(setup.voter(iso3), eid, prepare_ballot(board, ["Ana"]))
        for iso3 in ROLL[:2]
    ]
    service._verify(casts)
    first, second = (cast.outcome() for cast in casts)
    taken: list[tuple[str, list[Any]] | None] = []
    with service._queued:
        service._verifying = 1  # the second ballot is still being verified
        service._queue[eid] = [first]
    committer = threading.Thread(target=lambda: taken.append(service._next_batch()))
    committer.start()
    committer.join(timeout=0.2)
    assert committer.is_alive() and not taken  # waiting for the ballot being verified
    with service._queued:
        service._verifying = 0
        service._queue[eid].append(second)
        service._queued.notify()
    committer.join()
    assert taken == [(eid, [first, second])]
    # nothing queued and nothing being verified: the committer stops
    assert service._next_batch() is None and not service._committing


def test_a_session_token_from_another_server_process_is_known(setup: Any) -> None:
    """A token issued by one service (server process) is accepted by another on the same
    registry, which reads every principal once on its first unknown token."""
    from humanict.governance.ballot.service import BallotService

    from .conftest import ROLL

    token = setup.service.login(setup.tokens[ROLL[0]])["token"]
    other = BallotService.from_url(setup.service.engine.url.render_as_string(hide_password=False))
    try:
        assert other.known_principal(token) is None  # never seen by this process
        principal = other.authenticate(token)
        assert principal.id == ROLL[0] and principal.voting_rights
        assert other.known_principal(token) == principal
        another = setup.service.login(setup.tokens[ROLL[1]])["token"]
        assert other.known_principal(another) is not None  # read with the first one
        forged = token[:-1] + ("1" if token.endswith("0") else "0")
        with pytest.raises(AuthenticationError):
            other.authenticate(forged)
    finally:
        other.engine.dispose()


def test_voting_rights_restored_through_another_process_are_honoured(
    setup: Any, ceremony: Any
) -> None:
    """A server process that cached a delegation without voting rights lets it vote once the
    rights are restored through another process (the CLI, or another server process), without
    a restart; a round opened while they were withdrawn keeps it off its roll."""
    from humanict.governance.ballot.service import BallotService

    from .conftest import ROLL

    iso3 = ROLL[2]
    setup.service.set_voting_rights(iso3, False)
    eid = _election(setup, ceremony)  # the roll of this round leaves the delegation out
    token = setup.service.login(setup.tokens[iso3])["token"]
    server = BallotService.from_url(setup.service.engine.url.render_as_string(hide_password=False))
    try:
        stale = server.authenticate(token)  # cached here without voting rights
        assert not stale.voting_rights
        with pytest.raises(ForbiddenError, match="no voting rights"):
            server.cast(stale, eid, prepare_ballot(server.board(eid), ["Ana"]))
        setup.service.set_voting_rights(iso3, True)  # another process restores them
        with pytest.raises(ForbiddenError, match="not on the roll when round 1 opened"):
            server.cast(stale, eid, prepare_ballot(server.board(eid), ["Ana"]))
        assert server.known_principal(token).voting_rights  # the cache was brought up to date
        setup.service.create_election(
            setup.officer, "Later post", "official", 1, CANDIDATES, ceremony[0], election_id="t2"
        )
        setup.service.open_round(setup.officer, "t2")
        receipt = server.cast(stale, "t2", prepare_ballot(server.board("t2"), ["Ana"]))
        assert receipt["height"] == len(server.board("t2")) - 1
    finally:
        server.engine.dispose()
