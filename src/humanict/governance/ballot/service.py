"""The election service: credentials, elections, rounds, casting, shares and the tally, on the
registry. Every change is one database transaction that appends to the board; a refusal rolls
back, so the board is unchanged. Appends are serialised per process by a lock and, on
PostgreSQL, by a row lock on the election; ballots are verified outside the lock and appended
by group commit (several verified ballots in one transaction). Under a server's event loop one
thread per process verifies the ballots waiting, together, and one committer thread appends
whatever is verified and waiting, so receipts come back in about the order the casts came in."""

from __future__ import annotations

import asyncio
import fcntl
import json
import os
import re
import secrets
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session, sessionmaker

from humanict.errors import ConflictError, InvalidInputError, NotFoundError
from humanict.governance.ballot import batch_sql, store
from humanict.governance.ballot.auth import (
    AuthenticationError,
    ForbiddenError,
    Principal,
    Role,
    cache_key,
    hash_secret,
    is_session_token,
    new_secret,
    require,
    secret_matches,
    session_identity,
    session_token,
    split_credential,
)
from humanict.governance.ballot.ballots import (
    BLANK,
    RoundSpec,
    check_ballots,
    fingerprint,
    split_commitments,
)
from humanict.governance.ballot.board import GENESIS, Entry, make_entry
from humanict.governance.ballot.elgamal import Ciphertext, stored_ciphertext
from humanict.governance.ballot.group import Element, group_from_dict
from humanict.governance.ballot.hashing import canonical_json
from humanict.governance.ballot.outcome import round_outcome
from humanict.governance.ballot.tally import aggregate, check_share, combine_counts
from humanict.governance.ballot.trustees import check_public_record
from humanict.governance.ballot.verify import ElectionContext, election_context, round_spec
from humanict.governance.election_rules import remaining_candidates

KINDS = ("official", "council")
COMMIT_DELAY_S = 0.010  # longest wait of a verified ballot for others to share its commit
BATCH_MAX = 64  # ballots that make a batch worth committing without waiting longer
VERIFY_MAX = 128  # ballots verified in one batch test at most (about 0.1 s of CPU)


class _AppendLock:
    """One board append at a time: a thread lock within this process (``local``) and, on a
    SQLite file, an advisory file lock (flock) shared by every process serving the same
    registry, so that several server processes never interleave appends to a hash chain. On
    PostgreSQL the row lock on the election (SELECT ... FOR UPDATE) serialises processes."""

    def __init__(self, engine: Engine) -> None:
        self.local = threading.Lock()
        database = engine.url.database if engine.dialect.name == "sqlite" else None
        self._path = f"{database}.append-lock" if database not in (None, "", ":memory:") else None

    @contextmanager
    def across_processes(self) -> Iterator[None]:
        """The file lock (a no-op without a SQLite file); take it while holding ``local``."""
        if self._path is None:
            yield
            return
        fd = os.open(self._path, os.O_CREAT | os.O_RDWR, 0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)
            yield
        finally:
            os.close(fd)  # closing the descriptor releases the flock

    def __enter__(self) -> None:
        self.local.acquire()
        self._held = self.across_processes()
        try:
            self._held.__enter__()
        except BaseException:
            self.local.release()
            raise

    def __exit__(self, *exc: object) -> None:
        try:
            self._held.__exit__(None, None, None)
        finally:
            self.local.release()


@dataclass
class _Pending:
    """A verified ballot waiting for the group commit, and what became of it."""

    voter: str
    ballot: dict[str, Any]
    round: int
    fingerprint: str
    payload: str  # the ballot's canonical JSON, as the board stores and hashes it
    done: bool = False
    receipt: dict[str, Any] | None = None
    error: Exception | None = None
    notify: Callable[[], None] | None = None  # called once done (from the committing thread)

    def finish(self, error: Exception | None = None) -> None:
        if self.done:
            return
        if error is not None:
            self.receipt, self.error = None, self.error or error
        self.done = True
        if self.notify is not None:
            self.notify()

    def outcome(self) -> dict[str, Any]:
        if self.error is not None:
            raise self.error
        assert self.receipt is not None
        return self.receipt


def _refusal(
    eid: str,
    status: str,
    open_round: int,
    item: _Pending,
    taken_codes: set[str],
    taken_prints: set[str],
    markers: dict[str, bool],
) -> Exception | None:
    """Why a verified ballot cannot go on the board now (None: it can)."""
    if status != "open":
        return ConflictError(_not_open(eid, status))
    if open_round != item.round:
        return ConflictError(
            f"round {item.round} of election {eid!r} is no longer open (round {open_round} "
            "is); the ballot was not recorded"
        )
    if item.ballot["tracking_code"] in taken_codes or item.fingerprint in taken_prints:
        return ConflictError(
            "this ballot repeats one already on the board (replayed tracking code or "
            "ciphertexts); encrypt a fresh ballot"
        )
    if item.voter not in markers:
        return ForbiddenError(f"{item.voter} was not on the roll when round {item.round} opened")
    if markers[item.voter]:
        return ConflictError(f"{item.voter} has already voted in round {item.round}")
    return None


def _principal_of(cred: store.Credential) -> Principal:
    return Principal(cred.id, Role(cred.role), cred.member_iso3, cred.voting_rights)


def _no_election(eid: str) -> str:
    return f"no election {eid!r}; `humanict governance ballot list` lists them"


def _not_open(eid: str, status: str) -> str:
    return f"election {eid!r} is {status}, not open for voting; the ballot was not recorded"


@dataclass
class _Cast:
    """A ballot as a delegation sent it, and what became of it: a :class:`_Pending` once its
    proofs are checked, or the error that refused it."""

    voter: Principal
    eid: str
    sent: Any
    notify: Callable[[], None] | None = None  # called once refused, or once done as _Pending
    result: _Pending | Exception | None = None

    def outcome(self) -> _Pending:
        if isinstance(self.result, Exception):
            raise self.result
        assert self.result is not None
        return self.result


@dataclass
class _Cache:
    context: ElectionContext
    spec: RoundSpec | None = None


class BallotService:
    """All operations on elections; callers pass the authenticated :class:`Principal`."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.sessions = sessionmaker(engine, expire_on_commit=False)
        self._lock = _AppendLock(engine)
        self._queued = threading.Condition()  # guards the queue; notified when one changes
        self._queue: dict[str, list[_Pending]] = {}
        self._committing = False  # the committer thread is draining the queue
        self._verifying = 0  # casts of the event loop being verified (they will queue soon)
        self._unverified: list[_Cast] = []  # casts of the event loop waiting for the verifier
        self._checking = False  # the verifier thread is draining them
        self._committer = ThreadPoolExecutor(max_workers=1, thread_name_prefix="ballot-commit")
        self._verifier = ThreadPoolExecutor(max_workers=1, thread_name_prefix="ballot-verify")
        self._auth: dict[str, Principal] = {}
        self._principals: dict[str, Principal] = {}
        self._principals_loading = threading.Lock()
        self._key: bytes | None = None
        self._cache: dict[str, _Cache] = {}

    @classmethod
    def from_url(cls, url: str) -> BallotService:
        return cls(store.open_registry(url))

    # -- credentials ---------------------------------------------------------------------------

    def issue_credentials(
        self,
        members: list[str],
        officers: int = 1,
        observers: int = 1,
        no_vote: set[str] = frozenset(),
    ) -> dict[str, str]:
        """New credentials (ID -> ID:SECRET, shown once); refuses IDs that already exist."""
        wanted = [(iso3, Role.VOTER, iso3) for iso3 in members]
        wanted += [(f"officer-{i}", Role.OFFICER, None) for i in range(1, officers + 1)]
        wanted += [(f"observer-{i}", Role.OBSERVER, None) for i in range(1, observers + 1)]
        issued: dict[str, str] = {}
        with self.sessions.begin() as session:
            existing = set(session.scalars(select(store.Credential.id)))
            clash = sorted(existing & {w[0] for w in wanted})
            if clash:
                raise ConflictError(
                    f"credentials already issued for {', '.join(clash[:5])}"
                    f"{' ...' if len(clash) > 5 else ''}; use a fresh registry to reissue"
                )
            for ident, role, iso3 in wanted:
                secret = new_secret()
                session.add(
                    store.Credential(
                        id=ident,
                        role=role.value,
                        member_iso3=iso3,
                        secret_hash=hash_secret(secret),
                        voting_rights=role == Role.VOTER and ident not in no_vote,
                    )
                )
                issued[ident] = f"{ident}:{secret}"
        return issued

    def set_voting_rights(self, iso3: str, allowed: bool) -> None:
        with self.sessions.begin() as session:
            cred = session.get(store.Credential, iso3)
            if cred is None or cred.role != Role.VOTER:
                raise NotFoundError(f"no delegation credential for {iso3!r}")
            cred.voting_rights = allowed
        self._auth.clear()
        self._principals.clear()

    def login(self, token: str | None) -> dict[str, Any]:
        """Check ``ID:SECRET`` once (argon2id) and return a session token for later requests."""
        principal = self.authenticate(token)
        self._principals[principal.id] = principal  # the token's first use needs no read
        session_token_, expires = session_token(self._session_key(), principal.id, time.time())
        return {
            "token": session_token_,
            "id": principal.id,
            "role": principal.role.value,
            "expires": expires,
        }

    def _session_key(self) -> bytes:
        if self._key is None:
            self._key = store.server_key(self.engine, "session")
        return self._key

    def known_principal(self, token: str | None) -> Principal | None:
        """The principal of a valid session token already seen by this process (no database
        read, no password hash), or None: then call :meth:`authenticate`."""
        if not is_session_token(token) or self._key is None:
            return None
        assert token is not None
        return self._principals.get(session_identity(self._key, token, time.time()))

    def _load_principals(self) -> None:
        """Every credential's principal, read at once: a token logged in through another
        server process is then known here without a read of its own (193 delegations voting at
        once, each process sees most tokens for the first time)."""
        with self.sessions() as session:
            creds = session.scalars(select(store.Credential)).all()
            self._principals.update((c.id, _principal_of(c)) for c in creds)

    def _voting_rights_now(self, ident: str) -> bool:
        """Whether the registry gives ``ident`` voting rights now, the principals cached here
        brought up to date. Rights restored through another process (or the CLI) would
        otherwise stay refused here until a restart; rights withdrawn are enforced anyway by
        the roll taken when a round opens."""
        with self.sessions() as session:
            cred = session.get(store.Credential, ident)
        if cred is None or not cred.voting_rights:
            return False
        self._principals[ident] = _principal_of(cred)
        self._auth = {k: p for k, p in self._auth.items() if p.id != ident}
        return True

    def authenticate(self, token: str | None) -> Principal:
        """The principal of a session token or of ``ID:SECRET``, or an authentication error."""
        if is_session_token(token):
            assert token is not None
            ident = session_identity(self._session_key(), token, time.time())
            if ident not in self._principals:
                with self._principals_loading:  # one read, however many casts wait for it
                    if ident not in self._principals:
                        self._load_principals()
            principal = self._principals.get(ident)
            if principal is None:
                raise AuthenticationError(f"credential {ident!r} no longer exists")
            return principal
        ident, secret = split_credential(token)
        key = cache_key(f"{ident}:{secret}")
        if key in self._auth:
            return self._auth[key]
        with self.sessions() as session:  # read, then check outside: argon2id takes a while
            cred = session.get(store.Credential, ident)
        if cred is None or not secret_matches(cred.secret_hash, secret):
            raise AuthenticationError(f"credential {ident!r} is unknown or its secret is wrong")
        principal = _principal_of(cred)
        self._auth[key] = principal
        return principal

    # -- elections -----------------------------------------------------------------------------

    def create_election(
        self,
        officer: Principal,
        title: str,
        kind: str,
        seats: int,
        candidates: list[str],
        trustees_public: dict[str, Any],
        election_id: str | None = None,
    ) -> dict[str, Any]:
        """A new election: its manifest (with the trustees' public key record) is entry 0."""
        require(officer, Role.OFFICER)
        if kind not in KINDS:
            raise InvalidInputError(f"kind must be one of {', '.join(KINDS)}, got {kind!r}")
        names = [c.strip() for c in candidates if c.strip()]
        if len(names) < 1 or len(set(names)) != len(names) or BLANK in names:
            raise InvalidInputError("candidates must be distinct, non-empty names (not BLANK)")
        if kind == "official" and seats != 1:
            raise InvalidInputError("an election of an official has exactly one seat")
        if not 1 <= seats <= len(names):
            raise InvalidInputError(f"seats must be 1..{len(names)} (the number of candidates)")
        if not isinstance(trustees_public, dict) or set(trustees_public) != {"group", "trustees"}:
            raise InvalidInputError(
                "trustees must be the public record of a key ceremony: {'group', 'trustees'} "
                "(see `humanict governance ballot trustees`)"
            )
        group = group_from_dict(trustees_public["group"])
        key_set = check_public_record(group, trustees_public["trustees"])
        ident = election_id or f"{_slug(title)}-{secrets.token_hex(3)}"
        if not re.fullmatch(r"[a-z0-9][a-z0-9-]{0,63}", ident):
            raise InvalidInputError(f"election id {ident!r}: use lowercase letters, digits, '-'")
        manifest = {
            "id": ident,
            "title": title,
            "kind": kind,
            "seats": seats,
            "candidates": names,
            "group": group.as_dict(),
            "trustees": trustees_public["trustees"],
            "key": group.encode(key_set.key),
        }
        entry = make_entry(0, GENESIS, "election", manifest)
        with self._lock, self.sessions.begin() as session:
            if session.get(store.Election, ident) is not None:
                raise ConflictError(f"election {ident!r} exists; choose another id")
            session.add(
                store.Election(
                    id=ident, title=title, status="created", round=0, height=0, head=entry.hash
                )
            )
            session.flush()
            session.add(_row(ident, entry))
        return manifest

    def open_round(self, officer: Principal, eid: str, withdraw: list[str] = ()) -> dict[str, Any]:
        """Open the next round; round r > 1 offers the last round's candidates less withdrawals."""
        require(officer, Role.OFFICER)
        cache = self._context(eid)
        manifest = cache.context.manifest
        with self._lock, self.sessions.begin() as session:
            election = self._election(session, eid, lock=True)
            if election.status not in ("created", "tallied"):
                raise ConflictError(
                    f"election {eid!r} is {election.status}; a round opens only before the "
                    "first round or after the last round's tally"
                )
            if election.round == 0:
                names = list(manifest["candidates"])
            else:
                last = self._last_payload(session, eid, "open")
                result = self._last_payload(session, eid, "result")
                if result["outcome"]["status"] == "elected":
                    raise ConflictError(f"election {eid!r} is decided; no further round")
                names = [o for o in last["options"] if o != BLANK]
            names = remaining_candidates(names, withdraw)
            official = manifest["kind"] == "official"
            options = names + [BLANK] if official else names
            voters = session.scalars(
                select(store.Credential.id).where(
                    store.Credential.role == Role.VOTER.value,
                    store.Credential.voting_rights.is_(True),
                )
            ).all()
            number = election.round + 1
            payload = {
                "round": number,
                "options": options,
                "min_marks": 1 if official else 0,
                "max_marks": 1 if official else min(manifest["seats"], len(names)),
                "eligible": len(voters),
                "withdrawn": sorted(withdraw),
            }
            session.add_all(
                store.VotedMarker(election_id=eid, round=number, credential_id=v, voted=False)
                for v in sorted(voters)
            )
            self._append(session, election, "open", payload)
            election.status, election.round = "open", number
        cache.spec = round_spec(cache.context, payload)
        return payload

    def cast(self, voter: Principal, eid: str, sent: Any) -> dict[str, Any]:
        """Verify an encrypted ballot and put it on the board; mark the delegation as voted.

        ``sent`` is the ballot as the client sent it, possibly with its proofs' commitments
        (which the board does not keep). The proofs are checked outside any lock. The append is
        a group commit: a cast that finds the board free appends every ballot verified and
        waiting at that moment in one transaction (one commit for all, each still checked on
        its own: round open, no repeated tracking code or ciphertexts, delegation on the roll
        and not yet voted); a ballot refused there gets its own error and does not affect the
        others."""
        cast = _Cast(voter, eid, sent)
        self._verify([cast])
        item = cast.outcome()
        with self._queued:
            self._queue.setdefault(eid, []).append(item)
        with self._lock.local:
            if not item.done:  # else a batch already took it: no file lock for nothing
                with self._queued:
                    batch = self._queue.pop(eid, [])
                self._commit(eid, batch)
        return item.outcome()

    async def cast_async(self, voter: Principal, eid: str, sent: Any) -> dict[str, Any]:
        """:meth:`cast` for an event loop. One verifier thread per process checks the ballots
        waiting, all at once (:meth:`_check_waiting`: a batch test of their proofs), so the
        loop stays free to read the next casts and send receipts; a verified ballot then waits
        for the committer thread, which appends in one transaction every ballot verified while
        the previous batch was written (see :meth:`_next_batch` for when it waits for more)."""
        loop = asyncio.get_running_loop()
        future: asyncio.Future[None] = loop.create_future()
        cast = _Cast(voter, eid, sent, lambda: loop.call_soon_threadsafe(_resolve, future))
        with self._queued:
            self._verifying += 1
            self._unverified.append(cast)
            start, self._checking = not self._checking, True
        if start:
            self._verifier.submit(self._check_waiting)
        await future
        return cast.outcome().outcome()

    def warm(self) -> Future[None]:
        """Load, in the verifier thread, what the first casts would otherwise load before their
        proofs are checked: the session key and every principal (so that a session token issued
        by another process is known without a read in a worker thread of its own) and, for each
        open election, its context (its trustees' record checked, each trustee's key derived)
        and the open round (about 50 ms for a 5-trustee secp256k1 election, measured). A server
        process calls this when it creates the service, so a burst of casts finds them ready."""
        return self._verifier.submit(self._load_ahead)

    def _load_ahead(self) -> None:
        self._session_key()
        with self._principals_loading:
            self._load_principals()
        with self.sessions() as session:
            query = select(store.Election).where(store.Election.status == "open")
            for election in session.scalars(query).all():
                self._spec(session, self._context(election.id), election)

    def _check_waiting(self) -> None:
        """The verifier thread: verify the casts waiting (up to ``VERIFY_MAX`` at once), queue
        the good ballots for the committer and answer the others, until none wait."""
        while True:
            with self._queued:
                taken = self._unverified[:VERIFY_MAX]
                del self._unverified[:VERIFY_MAX]
                if not taken:
                    self._checking = False
                    return
            try:
                self._verify(taken)
            except Exception as err:  # a fault here must not leave a cast waiting forever
                for cast in taken:
                    cast.result = err
            with self._queued:
                self._verifying -= len(taken)
                for cast in taken:
                    if isinstance(cast.result, _Pending):
                        cast.result.notify = cast.notify
                        self._queue.setdefault(cast.eid, []).append(cast.result)
                self._queued.notify()
                start = bool(self._queue) and not self._committing
                self._committing = self._committing or start
            if start:
                self._committer.submit(self._drain)
            for cast in taken:
                if not isinstance(cast.result, _Pending) and cast.notify is not None:
                    cast.notify()

    def _verify(self, casts: list[_Cast]) -> None:
        """Set each cast's result: a ballot whose shape and proofs are checked, ready for the
        append (which checks the round's status, the roll and repeats under the lock), or the
        error that refuses it. The ballots of one election and round are checked together
        (:func:`.ballots.check_ballots`)."""
        rounds: dict[tuple[str, RoundSpec], list[tuple[_Cast, object, object]]] = {}
        for cast in casts:
            try:
                ballot, commitments = split_commitments(cast.sent)
                spec = self._round_for(cast.voter, cast.eid, ballot)
                rounds.setdefault((cast.eid, spec), []).append((cast, ballot, commitments))
            except Exception as err:  # refused before its proofs: this cast alone
                cast.result = err
        for (eid, spec), group in rounds.items():
            try:
                ctx = self._cache[eid].context
                checked = check_ballots(ctx.group, ctx.key, spec, [(b, c) for _, b, c in group])
            except Exception as err:  # unexpected: every cast of the batch learns of it
                for cast, _, _ in group:
                    cast.result = err
                continue
            for (cast, ballot, _), result in zip(group, checked, strict=True):
                cast.result = (
                    result
                    if isinstance(result, Exception)
                    else _Pending(
                        cast.voter.id,
                        ballot,
                        spec.round,
                        fingerprint(ballot),
                        canonical_json(ballot),
                    )
                )

    def _round_for(self, voter: Principal, eid: str, ballot: Any) -> RoundSpec:
        """The open round a ballot of ``voter`` is checked against (it must be for that round)."""
        if voter.role != Role.VOTER:
            raise ForbiddenError(f"credential {voter.id!r} is {voter.role}; only delegations vote")
        if not voter.voting_rights and not self._voting_rights_now(voter.id):
            raise ForbiddenError(f"the delegation of {voter.id} has no voting rights")
        cache = self._context(eid)
        spec = cache.spec
        if spec is None or not isinstance(ballot, dict) or ballot.get("round") != spec.round:
            with self.sessions() as session:  # else the append checks status and round
                election = self._election(session, eid)
                if election.status != "open":
                    raise ConflictError(_not_open(eid, election.status))
                spec = self._spec(session, cache, election)
        return spec

    def _drain(self) -> None:
        """The committer thread: append the waiting ballots, batch after batch, until none wait.
        A batch is taken from the queue only under the local lock (as in :meth:`cast`), so a
        cast that holds that lock finds its ballot either finished or still queued."""
        while True:
            with self._lock.local:
                taken = self._next_batch()
                if taken is None:
                    return
                self._commit(*taken)

    def _next_batch(self) -> tuple[str, list[_Pending]] | None:
        """The next election's queued ballots, or None (and the committer stops) when none wait.

        Group commit with a short delay: a transaction costs about as much as verifying a ballot
        (1-4 ms of CPU), so while ballots are still being verified the committer waits up to
        ``COMMIT_DELAY_S`` for them to join the batch, unless ``BATCH_MAX`` already wait; when
        nothing is being verified it commits at once, so the last ballot of a burst never waits.
        """
        with self._queued:
            deadline = time.monotonic() + COMMIT_DELAY_S
            while self._queue:
                waiting = sum(len(items) for items in self._queue.values())
                left = deadline - time.monotonic()
                if not self._verifying or waiting >= BATCH_MAX or left <= 0:
                    eid = next(iter(self._queue))
                    return eid, self._queue.pop(eid)
                self._queued.wait(left)
            self._committing = False
            return None

    def _commit(self, eid: str, batch: list[_Pending]) -> None:
        """Append ``batch`` under the file lock (caller holds the local lock); every item of the
        batch is finished, with its receipt or its error, whatever happens."""
        try:
            with self._lock.across_processes():
                self._append_ballots(eid, batch)
        except Exception as err:
            for item in batch:
                item.finish(err)

    def _append_ballots(self, eid: str, batch: list[_Pending]) -> None:
        """One transaction for a batch of verified ballots (caller holds the append lock), by
        statements built once (:mod:`.batch_sql`): at the end of a burst a batch is often one
        ballot, and building and compiling ORM statements cost more than the ballot's proofs."""
        accepted: list[tuple[_Pending, Entry]] = []
        try:
            with self.engine.begin() as conn:
                row = conn.execute(batch_sql.ELECTION, {"eid": eid}).one_or_none()
                if row is None:
                    raise NotFoundError(_no_election(eid))
                status, open_round, height, head = row
                taken = conn.execute(
                    batch_sql.TAKEN,
                    {
                        "eid": eid,
                        "codes": [item.ballot["tracking_code"] for item in batch],
                        "prints": [item.fingerprint for item in batch],
                    },
                ).all()
                taken_codes = {code for code, _ in taken}
                taken_prints = {print_ for _, print_ in taken}
                voters = {"eid": eid, "open_round": open_round, "voters": [i.voter for i in batch]}
                markers = dict(conn.execute(batch_sql.MARKERS, voters).all())
                for item in batch:
                    item.error = _refusal(
                        eid, status, open_round, item, taken_codes, taken_prints, markers
                    )
                    if item.error is not None:
                        continue
                    taken_codes.add(item.ballot["tracking_code"])
                    taken_prints.add(item.fingerprint)
                    markers[item.voter] = True
                    entry = make_entry(height + 1, head, "ballot", item.payload)
                    height, head = entry.height, entry.hash
                    accepted.append((item, entry))
                if accepted:
                    conn.execute(
                        batch_sql.INDEX,
                        [
                            {
                                "election_id": eid,
                                "tracking_code": item.ballot["tracking_code"],
                                "fingerprint": item.fingerprint,
                            }
                            for item, _ in accepted
                        ],
                    )
                    conn.execute(batch_sql.ENTRIES, [_row_values(eid, e) for _, e in accepted])
                    voters["voters"] = [item.voter for item, _ in accepted]
                    conn.execute(batch_sql.VOTED, voters)
                    conn.execute(
                        batch_sql.HEAD, {"eid": eid, "new_height": height, "new_head": head}
                    )
            for item, entry in accepted:
                item.receipt = {
                    "tracking_code": item.ballot["tracking_code"],
                    "height": entry.height,
                    "hash": entry.hash,
                }
        except Exception as err:  # the transaction rolled back: no ballot of the batch is in
            for item in batch:
                item.finish(err)
        finally:
            for item in batch:
                item.finish()

    def close_round(self, officer: Principal, eid: str) -> dict[str, Any]:
        require(officer, Role.OFFICER)
        with self._lock, self.sessions.begin() as session:
            election = self._election(session, eid, lock=True)
            if election.status != "open":
                raise ConflictError(f"election {eid!r} is {election.status}, not open")
            ballots = self._ballot_payloads(session, eid, election.round)
            voted = session.scalar(
                select(func.count())
                .select_from(store.VotedMarker)
                .where(
                    store.VotedMarker.election_id == eid,
                    store.VotedMarker.round == election.round,
                    store.VotedMarker.voted.is_(True),
                )
            )
            payload = {"round": election.round, "ballots": len(ballots), "voted": voted}
            self._append(session, election, "close", payload)
            election.status = "closed"
        return payload

    def submit_share(self, eid: str, payload: Any) -> dict[str, Any]:
        """A trustee's decryption shares; accepted only with valid proofs for this aggregate."""
        cache = self._context(eid)
        with self._lock, self.sessions.begin() as session:
            election = self._election(session, eid, lock=True)
            if election.status != "closed":
                raise ConflictError(
                    f"election {eid!r} is {election.status}; shares are taken after close and "
                    "before the tally"
                )
            spec, aggregates, shares = self._tally_state(session, cache, election)
            index, values = check_share(
                cache.context.group, cache.context.trustees, spec, aggregates, payload
            )
            if index in shares:
                raise ConflictError(f"trustee {index} has already submitted its share")
            entry = self._append(session, election, "share", payload)
        del values
        return {"trustee": index, "height": entry.height}

    def tally(self, officer: Principal, eid: str) -> dict[str, Any]:
        """Combine k shares, publish counts and the round's outcome."""
        require(officer, Role.OFFICER)
        cache = self._context(eid)
        with self._lock, self.sessions.begin() as session:
            election = self._election(session, eid, lock=True)
            if election.status != "closed":
                raise ConflictError(f"election {eid!r} is {election.status}; close it first")
            spec, aggregates, shares = self._tally_state(session, cache, election)
            n_ballots = len(self._ballot_payloads(session, eid, election.round))
            counts, used = combine_counts(
                cache.context.group, cache.context.trustees, aggregates, shares, n_ballots
            )
            by_option = dict(zip(spec.options, counts, strict=True))
            manifest = cache.context.manifest
            payload = {
                "round": spec.round,
                "counts": by_option,
                "ballots": n_ballots,
                "trustees": used,
                "outcome": round_outcome(manifest["kind"], manifest["seats"], by_option),
            }
            self._append(session, election, "result", payload)
            election.status = "tallied"
        return payload

    # -- reading -------------------------------------------------------------------------------

    def elections(self) -> list[dict[str, Any]]:
        with self.sessions() as session:
            rows = session.scalars(select(store.Election).order_by(store.Election.id)).all()
            return [
                {
                    "id": e.id,
                    "title": e.title,
                    "status": e.status,
                    "round": e.round,
                    "entries": e.height + 1,
                    "head": e.head,
                }
                for e in rows
            ]

    def status(self, eid: str) -> dict[str, Any]:
        cache = self._context(eid)
        with self.sessions() as session:
            election = self._election(session, eid)
            info = {
                "id": eid,
                "title": election.title,
                "status": election.status,
                "round": election.round,
                "entries": election.height + 1,
                "head": election.head,
                "kind": cache.context.manifest["kind"],
                "seats": cache.context.manifest["seats"],
                "trustees": {"n": cache.context.trustees.n, "k": cache.context.trustees.k},
            }
            if election.round:
                info["open"] = self._last_payload(session, eid, "open")
                info["voted"] = session.scalar(
                    select(func.count())
                    .select_from(store.VotedMarker)
                    .where(
                        store.VotedMarker.election_id == eid,
                        store.VotedMarker.round == election.round,
                        store.VotedMarker.voted.is_(True),
                    )
                )
                info["shares"] = sorted(
                    p["trustee"]
                    for p in self._payloads(session, eid, "share")
                    if p["round"] == election.round
                )
            return info

    def has_voted(self, voter: Principal, eid: str) -> bool:
        with self.sessions() as session:
            election = self._election(session, eid)
            marker = session.get(store.VotedMarker, (eid, election.round, voter.id))
            return bool(marker and marker.voted)

    def board(self, eid: str) -> list[Entry]:
        with self.sessions() as session:
            self._election(session, eid)
            rows = session.scalars(
                select(store.BoardEntry)
                .where(store.BoardEntry.election_id == eid)
                .order_by(store.BoardEntry.height)
            ).all()
            return [Entry(r.height, r.prev, r.kind, r.payload, r.hash) for r in rows]

    def results(self, eid: str) -> list[dict[str, Any]]:
        return [json.loads(e.payload) for e in self.board(eid) if e.kind == "result"]

    # -- internals -----------------------------------------------------------------------------

    def _context(self, eid: str) -> _Cache:
        if eid not in self._cache:
            with self.sessions() as session:
                self._election(session, eid)
                first = session.get(store.BoardEntry, (eid, 0))
                assert first is not None
                cache = _Cache(
                    election_context(Entry(0, first.prev, first.kind, first.payload, first.hash))
                )
            self._cache[eid] = cache
        return self._cache[eid]

    def _tally_state(
        self, session: Session, cache: _Cache, election: store.Election
    ) -> tuple[RoundSpec, list[Ciphertext], dict[int, list[Element]]]:
        """The closed round's spec, aggregates (recomputed from the board) and accepted shares
        (their proofs were checked when they were submitted)."""
        spec = self._spec(session, cache, election)
        ballots = self._ballot_payloads(session, election.id, election.round)
        group = cache.context.group
        cts = [[stored_ciphertext(group, s) for s in b["selections"]] for b in ballots]
        aggregates = aggregate(group, len(spec.options), cts)
        shares = {
            p["trustee"]: [group.load(item["d"]) for item in p["shares"]]
            for p in self._payloads(session, election.id, "share")
            if p["round"] == election.round
        }
        return spec, aggregates, shares

    def _spec(self, session: Session, cache: _Cache, election: store.Election) -> RoundSpec:
        """The current round's spec, reloaded when another process opened a round."""
        if election.round == 0:
            raise ConflictError(f"election {election.id!r} has no round yet; open one first")
        if cache.spec is None or cache.spec.round != election.round:
            cache.spec = round_spec(cache.context, self._last_payload(session, election.id, "open"))
        return cache.spec

    def _election(self, session: Session, eid: str, lock: bool = False) -> store.Election:
        query = select(store.Election).where(store.Election.id == eid)
        if lock:
            query = query.with_for_update()
        election = session.scalars(query).one_or_none()
        if election is None:
            raise NotFoundError(_no_election(eid))
        return election

    def _append(
        self, session: Session, election: store.Election, kind: str, payload: dict[str, Any]
    ) -> Entry:
        entry = make_entry(election.height + 1, election.head, kind, payload)
        session.add(_row(election.id, entry))
        election.height, election.head = entry.height, entry.hash
        return entry

    def _payloads(self, session: Session, eid: str, kind: str) -> list[dict[str, Any]]:
        rows = session.scalars(
            select(store.BoardEntry.payload)
            .where(store.BoardEntry.election_id == eid, store.BoardEntry.kind == kind)
            .order_by(store.BoardEntry.height)
        ).all()
        return [json.loads(r) for r in rows]

    def _last_payload(self, session: Session, eid: str, kind: str) -> dict[str, Any]:
        return self._payloads(session, eid, kind)[-1]

    def _ballot_payloads(self, session: Session, eid: str, number: int) -> list[dict[str, Any]]:
        return [b for b in self._payloads(session, eid, "ballot") if b["round"] == number]


def _resolve(future: asyncio.Future[None]) -> None:
    if not future.done():  # a cancelled request leaves its future cancelled
        future.set_result(None)


def _row_values(eid: str, entry: Entry) -> dict[str, Any]:
    return {
        "election_id": eid,
        "height": entry.height,
        "prev": entry.prev,
        "kind": entry.kind,
        "payload": entry.payload,
        "hash": entry.hash,
    }


def _row(eid: str, entry: Entry) -> store.BoardEntry:
    return store.BoardEntry(**_row_values(eid, entry))


def _slug(title: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")
    return (slug or "election")[:50]
