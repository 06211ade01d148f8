"""Load benchmark of the secret ballot: 193 delegations cast encrypted ballots at once through
the HTTP API of ``humanict serve`` on loopback (separate processes), on SQLite and on
PostgreSQL. Prints latency percentiles, throughput, the profile of one cast (credential check,
proof verification, database), where the CPU went during the casts (by server process, the
client, the whole machine), the time to decrypt and tally and to verify the whole board, and a
before/after table.

Two configurations, each run on each backend:

* ``before``: the design this benchmark first measured - RFC 5114 2048-bit MODP group, every
  request carries ``ID:SECRET`` (argon2id checked on a delegation's first request), one server
  process;
* ``after``: the secp256k1 group, one login per delegation before the vote (argon2id once,
  timed as its own phase) and a session token on the cast, ``--workers`` server processes
  (each verifies in one thread, in arrival order, and appends by group commit in another).

Everything a delegation's device does is done before the timed phase: its ballot is encrypted
(in a process pool), its HTTP request is written out and its connection is opened. The timed
phase then sends all 193 requests at once from one asyncio loop over raw sockets (the lightest
client, so that it takes little of the CPU the server needs); a request's latency runs from its
send to the end of its response, so with all in flight at once it includes the time queued
behind the others. Election: one official, 4 candidates (5 options with BLANK), 3-of-5
trustees. Every accepted ballot must be on the board and the tally must count them all.

The machine is shared: before the timed phase the benchmark waits for a second with the CPU
at least 90% idle (the set-up's encryption and logins finished), and it times a reference
operation (one secp256k1 scalar multiplication) so that runs at different machine speeds can
be told apart.

Usage: .venv/bin/python benchmarks/bench_ballot_load.py [--backends sqlite postgresql]
       [--configs before after] [--workers 2] [--repeat 1] [--cores N]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import secrets
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx

from humanict.config import Settings
from humanict.governance.ballot import standalone_verifier
from humanict.governance.ballot.ballots import check_ballot, check_ballots, split_commitments
from humanict.governance.ballot.client import (
    current_round,
    entries_from_json,
    prepare_ballot,
    record_id,
    trustee_share,
)
from humanict.governance.ballot.group import RFC5114_2048_256, SECP256K1, Group
from humanict.governance.ballot.service import BallotService
from humanict.governance.ballot.trustees import run_ceremony
from humanict.governance.ballot.verify import verify_entries
from humanict.members.registry import member_states

CANDIDATES = ["Candidate 1", "Candidate 2", "Candidate 3", "Candidate 4"]
PG_ADMIN = "host=127.0.0.1 port=5432 user=postgres dbname=test"
#: Earlier measurements, 193 casts at once on 2 cores with other work running (p99 ms,
#: ballots/s, note). "first": RFC 5114 group, argon2id per first request, one process, on the
#: code before the secp256k1 group and session tokens (load 2.8-3.4). "threads": the "after"
#: configuration when the cast ran in some 40 request threads sharing the interpreter, before
#: the event-loop cast with one verifier and one committer thread per process and before
#: httptools/uvloop (mean of two runs on 4 December 2026, load 7.4-9.2). "evloop": that
#: event-loop cast, with the server processes sharing one listening socket, ORM statements in
#: the batch append and the garbage collector walking the whole app (one run on an idle
#: machine, 4 December 2026, load 0.7 before it started). "onebyone": the "after"
#: configuration with a socket per process, gc.freeze and the batch statements built once, each
#: ballot's proofs still checked one by one (mean of two runs on an idle machine, 4 December
#: 2026, 35 us per scalar multiplication).
RECORDED = [
    ("sqlite", "first", 10_694, 17.9),
    ("postgresql", "first", 14_982, 12.8),
    ("sqlite", "threads", 1_927, 100.5),
    ("postgresql", "threads", 2_251, 89.2),
    ("sqlite", "evloop", 751, 250.7),
    ("postgresql", "evloop", 981, 191.5),
    ("sqlite", "onebyone", 294, 653.5),
    ("postgresql", "onebyone", 387, 505.4),
]


@dataclass(frozen=True)
class Config:
    name: str
    group: Group
    login: bool
    workers: int


@dataclass
class Figures:
    backend: str
    config: str
    accepted: int = 0
    sent: int = 0
    wall_s: float = 0.0
    latencies_ms: list[float] = field(default_factory=list)
    login_s: float | None = None
    tally_s: float = 0.0
    verify_s: float = 0.0
    standalone_s: float = 0.0
    shares_s: float = 0.0
    proofs: int = 0
    on_board: int = 0
    counted: int = 0
    load: float = 0.0
    server_cpu_s: float = 0.0
    cpu_by_process: list[float] = field(default_factory=list)
    client_cpu_s: float = 0.0
    load_before: float = 0.0
    idle_before: float = 0.0
    machine_busy_s: float = 0.0
    reference_us: float = 0.0
    cores: int = field(default_factory=lambda: len(os.sched_getaffinity(0)))
    refused: dict[int, int] = field(default_factory=dict)
    profile: dict[str, float] = field(default_factory=dict)

    def pct(self, q: int) -> float:
        return statistics.quantiles(self.latencies_ms, n=100, method="inclusive")[q - 1]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _registry(backend: str, folder: Path) -> tuple[str, Any]:
    if backend == "sqlite":
        return f"sqlite:///{folder / 'registry.sqlite'}", None
    import psycopg

    name = f"humanict_bench_{secrets.token_hex(4)}"
    admin = psycopg.connect(PG_ADMIN, autocommit=True)
    admin.execute(f'CREATE DATABASE "{name}"')
    return f"postgresql+psycopg://postgres@127.0.0.1:5432/{name}", (admin, name)


def _encrypt(args: tuple[list[Any], list[str]]) -> dict[str, Any]:
    return prepare_ballot(*args)


def _request(port: int, path: str, token: str, body: dict[str, Any]) -> bytes:
    """One HTTP/1.1 POST written out in full, as a delegation's device would hold it ready."""
    data = json.dumps(body, separators=(",", ":")).encode()
    head = (
        f"POST {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nAuthorization: Bearer {token}\r\n"
        f"Content-Type: application/json\r\nContent-Length: {len(data)}\r\n\r\n"
    )
    return head.encode() + data


async def _send_all(port: int, requests: list[bytes]) -> tuple[float, list[float], list[int]]:
    """Open every connection, then send every request at once; (wall s, latencies ms, codes)."""
    streams = [await asyncio.open_connection("127.0.0.1", port) for _ in requests]
    latencies: list[float] = []
    statuses: list[int] = []

    async def one(stream: tuple[asyncio.StreamReader, asyncio.StreamWriter], raw: bytes) -> None:
        reader, writer = stream
        start = time.perf_counter()
        writer.write(raw)
        first = (await reader.readline()).split()
        if len(first) < 2:  # the connection closed without an answer
            latencies.append((time.perf_counter() - start) * 1000)
            statuses.append(0)
            writer.close()
            return
        status = int(first[1])
        length = 0
        while (line := await reader.readline()) not in (b"\r\n", b""):
            name, _, value = line.decode().partition(":")
            if name.lower() == "content-length":
                length = int(value)
        await reader.readexactly(length)
        latencies.append((time.perf_counter() - start) * 1000)
        statuses.append(status)
        writer.close()

    start = time.perf_counter()
    await asyncio.gather(*(one(s, r) for s, r in zip(streams, requests, strict=True)))
    return time.perf_counter() - start, latencies, statuses


def _server_cpu_s(pid: int) -> dict[int, float]:
    """CPU time (user + system, s) of the server process and of each of its worker processes
    (Linux), by process id."""
    tick = os.sysconf("SC_CLK_TCK")
    found: dict[int, float] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if entry.name == str(pid) or fields[1] == str(pid):  # fields[1]: the parent's pid
            found[int(entry.name)] = (int(fields[11]) + int(fields[12])) / tick
    return found


def _cpu_times() -> tuple[int, int]:
    """The machine's idle (idle + iowait) and total CPU time so far, in clock ticks, all cores
    together (/proc/stat)."""
    fields = [int(v) for v in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    return fields[3] + fields[4], sum(fields)


def _idle_share(seconds: float) -> float:
    """Share of the machine's CPU time left idle over the next ``seconds``."""
    idle0, all0 = _cpu_times()
    time.sleep(seconds)
    idle1, all1 = _cpu_times()
    return (idle1 - idle0) / max(all1 - all0, 1)


def _settle(wanted: float = 0.9, longest_s: float = 60.0) -> float:
    """Wait (at most ``longest_s``) until the set-up's work (encryption, logins, the database's
    own) has died down: a second with at least ``wanted`` of the CPU idle. Returns that share."""
    deadline = time.monotonic() + longest_s
    while (idle := _idle_share(1.0)) < wanted and time.monotonic() < deadline:
        pass
    return idle


def _reference_us(count: int = 400) -> float:
    """The machine's speed just before the casts, for comparing runs on a shared host: the
    mean CPU time (microseconds) of one secp256k1 scalar multiplication (libsecp256k1's
    constant-time ``tweak_mul``), the operation a ballot's proofs are mostly made of."""
    point, start = SECP256K1.g, time.process_time()
    for e in range(1, count + 1):
        point = SECP256K1.exp(point, e + 2**200)
    return (time.process_time() - start) / count * 1e6


def _server(url: str, port: int, workers: int) -> subprocess.Popen[bytes]:
    """``humanict serve`` as a user runs it, on the benchmark's registry."""
    env = {**os.environ, "HUMANICT_REGISTRY_URL": url}
    command = [str(Path(sys.executable).with_name("humanict")), "serve", "--no-warm"]
    command += ["--host", "127.0.0.1", "--port", str(port), "--workers", str(workers)]
    server = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL)
    deadline = time.monotonic() + 90
    while True:
        try:
            httpx.get(f"http://127.0.0.1:{port}/api/v1/elections", timeout=5).raise_for_status()
            return server
        except httpx.HTTPError:
            if time.monotonic() > deadline or server.poll() is not None:
                server.kill()
                raise RuntimeError("the server did not start") from None
            time.sleep(0.2)


def profile_one_cast(
    url: str,
    tokens: dict[str, str],
    iso3: str,
    ballot: dict[str, Any],
    batch: list[dict[str, Any]],
) -> Any:
    """Where the server's time goes in one cast, measured in this process on the registry (in
    a second election, "profile", so that all 193 delegations still cast in "load"): the
    credential check (argon2id of ID:SECRET, and a session token), the ballot's proofs checked
    alone and in a batch test with ``batch`` (ballots of "load", as a server process checks
    them when many wait), and the database transaction (the cast less its proof check)."""
    service = BallotService.from_url(url)
    try:
        start = time.perf_counter()
        service.authenticate(tokens[iso3])
        argon2_ms = (time.perf_counter() - start) * 1000
        token = service.login(tokens[iso3])["token"]
        service._principals.clear()  # a process's first sight of the token: one DB read
        start = time.perf_counter()
        voter = service.authenticate(token)
        session_ms = (time.perf_counter() - start) * 1000
        ctx, spec = current_round(service.board("profile"))
        start = time.perf_counter()
        check_ballot(ctx.group, ctx.key, spec, *split_commitments(ballot))
        proofs_ms = (time.perf_counter() - start) * 1000
        load_ctx, load_spec = current_round(service.board("load"))
        start = time.perf_counter()
        sent = [split_commitments(b) for b in batch]
        check_ballots(load_ctx.group, load_ctx.key, load_spec, sent)
        batch_ms = (time.perf_counter() - start) * 1000 / max(len(batch), 1)
        service._context("profile")  # the per-election cache every server process holds
        start = time.perf_counter()
        service.cast(voter, "profile", ballot)
        cast_ms = (time.perf_counter() - start) * 1000
    finally:
        service.engine.dispose()
    return {
        "credential check, argon2id of ID:SECRET": argon2_ms,
        "credential check, session token": session_ms,
        "proof verification (6 range proofs), alone": proofs_ms,
        f"proof verification, per ballot of {len(batch)} at once": batch_ms,
        "database (status read, append, commit)": max(cast_ms - proofs_ms, 0.0),
        "whole cast after the credential check": cast_ms,
    }


def run(backend: str, config: Config) -> Figures:
    figures = Figures(backend, config.name)
    folder = Path(tempfile.mkdtemp(prefix="bench-ballot-"))
    url, pg = _registry(backend, folder)
    members = [e.iso3 for e in member_states(Settings().data_dir)]
    service = BallotService.from_url(url)
    tokens = service.issue_credentials(members)
    group = config.group
    public_record, shares = run_ceremony(group, 5, 3)
    public = {"group": group.as_dict(), "trustees": public_record}
    officer = service.authenticate(tokens["officer-1"])
    for eid in ("load", "profile"):
        service.create_election(officer, eid, "official", 1, CANDIDATES, public, eid)
        service.open_round(officer, eid)
    board = service.board("load")
    choices = [[CANDIDATES[i % 4]] if i % 10 else [] for i in range(len(members))]
    with ProcessPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
        encrypted = list(pool.map(_encrypt, [(board, c) for c in choices], chunksize=8))
    figures.profile = profile_one_cast(
        url,
        tokens,
        members[0],
        prepare_ballot(service.board("profile"), [CANDIDATES[0]]),
        encrypted[: len(encrypted) // config.workers],
    )
    service.engine.dispose()
    cast_by = members

    port = _free_port()
    server = _server(url, port, config.workers)
    base = f"http://127.0.0.1:{port}"
    try:
        credentials = {iso3: tokens[iso3] for iso3 in cast_by}
        if config.login:
            start = time.perf_counter()
            logins = [
                _request(port, "/api/v1/elections/session", tokens[iso3], {}) for iso3 in cast_by
            ]
            _, _, codes = asyncio.run(_send_all(port, logins))
            figures.login_s = time.perf_counter() - start
            assert codes.count(200) == len(cast_by), sorted(set(codes))
            with httpx.Client(base_url=base, timeout=600) as client:
                credentials = {
                    iso3: client.post(
                        "/api/v1/elections/session",
                        headers={"Authorization": f"Bearer {tokens[iso3]}"},
                    ).json()["token"]
                    for iso3 in cast_by
                }
        requests = [
            _request(port, "/api/v1/elections/load/ballots", credentials[iso3], ballot)
            for iso3, ballot in zip(cast_by, encrypted, strict=True)
        ]
        figures.idle_before = _settle()
        figures.reference_us = _reference_us()
        figures.load_before = os.getloadavg()[0]
        cpu_before = _server_cpu_s(server.pid)
        client_before = time.process_time()
        machine_before = _cpu_times()
        figures.wall_s, figures.latencies_ms, statuses = asyncio.run(_send_all(port, requests))
        now = _cpu_times()
        idle, total = (after - before for after, before in zip(now, machine_before, strict=True))
        figures.machine_busy_s = (total - idle) / os.sysconf("SC_CLK_TCK")
        figures.client_cpu_s = time.process_time() - client_before
        cpu_after = _server_cpu_s(server.pid)
        figures.cpu_by_process = sorted(
            (cpu_after[p] - cpu_before.get(p, 0.0) for p in cpu_after), reverse=True
        )
        figures.server_cpu_s = sum(figures.cpu_by_process)
        figures.sent, figures.accepted = len(requests), statuses.count(201)
        figures.refused = {code: statuses.count(code) for code in set(statuses) - {201}}
        auth = {"Authorization": f"Bearer {tokens['officer-1']}"}
        with httpx.Client(base_url=base + "/api/v1/elections/load", timeout=600) as client:
            client.post("/close", headers=auth).raise_for_status()
            start = time.perf_counter()
            for index, secret in shares[:3]:
                rows = client.get("/board").json()
                key = {"index": index, "secret": str(secret), "key_id": record_id(public_record)}
                share = trustee_share(entries_from_json(rows["entries"]), key)
                client.post("/shares", json=share).raise_for_status()
            figures.shares_s = time.perf_counter() - start
            start = time.perf_counter()
            result = client.post("/tally", headers=auth)
            figures.tally_s = time.perf_counter() - start
            rows = client.get("/board").json()
        entries = entries_from_json(rows["entries"])
        start = time.perf_counter()
        report = verify_entries(entries)
        figures.verify_s = time.perf_counter() - start
        figures.proofs = report["proofs_checked"]
        exported = [
            {k: r[k] for k in ("height", "prev", "kind", "hash")} | {"payload": r["payload_text"]}
            for r in rows["entries"]
        ]
        start = time.perf_counter()
        standalone = standalone_verifier.verify_board(exported)
        figures.standalone_s = time.perf_counter() - start
        counts = result.json()["counts"]
        assert standalone["rounds"][0]["result"]["counts"] == counts
        figures.on_board = sum(1 for e in entries if e.kind == "ballot")
        figures.counted = sum(counts.values())
        figures.load = os.getloadavg()[0]
    finally:
        server.terminate()
        server.wait(timeout=30)
        if pg:
            admin, name = pg
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            admin.close()
    return figures


def report(f: Figures, config: Config) -> None:
    print(f"\n== {f.backend}, {f.config}: group {config.group.name}, "
          f"{'login then session token' if config.login else 'ID:SECRET on the cast'}, "
          f"{config.workers} server process(es) ==")
    print("profile of one cast (ms, in-process):")
    for name, ms in f.profile.items():
        print(f"  {name:48s} {ms:8.2f}")
    if f.login_s is not None:
        print(f"login of {f.sent} delegations at once (argon2id each)  {f.login_s:6.1f} s")
    print(f"accepted ballots                      {f.accepted:8d} of {f.sent} sent at once")
    if f.refused:
        print(f"  not accepted, by HTTP status (0: connection closed): {f.refused}")
    print(f"cast wall time                        {f.wall_s:8.2f} s")
    print(f"throughput                            {f.accepted / f.wall_s:8.1f} ballots/s")
    print(
        f"server CPU for the casts              {f.server_cpu_s:8.2f} s "
        f"({f.server_cpu_s / f.sent * 1000:.1f} ms per cast, HTTP included)"
    )
    busiest = ", ".join(f"{cpu:.2f}" for cpu in f.cpu_by_process if cpu > 0)
    print(f"  by server process (s; the busiest sets the wall time): {busiest}")
    print(f"client CPU (this process, sending)    {f.client_cpu_s:8.2f} s")
    print(
        f"machine CPU busy during the casts     {f.machine_busy_s:8.2f} s of "
        f"{f.wall_s * (os.cpu_count() or 1):.2f} s (server, client, database, the rest)"
    )
    print(
        f"latency p50 / p95 / p99               {f.pct(50):8.0f} / {f.pct(95):.0f} / "
        f"{f.pct(99):.0f} ms"
    )
    print(f"ballots on the board / counted        {f.on_board:8d} / {f.counted}")
    print(f"trustee shares (3 of 5, each verifies the board) {f.shares_s:6.1f} s")
    print(f"tally (combine shares, publish)       {f.tally_s:8.2f} s")
    print(f"verify whole board ({f.proofs} proofs)  {f.verify_s:8.2f} s (server-side verifier)")
    print(f"verify whole board, standalone        {f.standalone_s:8.2f} s")
    print(f"tally + both verifications            {f.tally_s + f.verify_s + f.standalone_s:8.2f} s")
    print(f"machine speed before the casts: {f.reference_us:.0f} us per scalar multiplication")
    print(f"cores the benchmark and the server ran on: {f.cores} of {os.cpu_count()}")
    print(f"CPU idle in the second before the casts {f.idle_before:.0%}; load average then "
          f"{f.load_before:.1f}, at end {f.load:.1f}, on {os.cpu_count()} cores")
    lost = f.accepted - f.on_board
    assert lost == 0 and f.counted == f.on_board, "accepted ballots missing from the board"


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--backends", nargs="+", default=["sqlite", "postgresql"])
    parser.add_argument("--configs", nargs="+", default=["before", "after"])
    parser.add_argument("--workers", type=int, default=2, help="server processes (after)")
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument(
        "--cores",
        type=int,
        default=None,
        help="pin the benchmark, its client and the server processes to this many cores (the "
        "database's own processes are not pinned); 1 on a 2-core machine gives the server half "
        "the machine, as a host running it at half speed would",
    )
    args = parser.parse_args()
    if args.cores:
        os.sched_setaffinity(0, sorted(os.sched_getaffinity(0))[: args.cores])
    configs = {
        "before": Config("before", RFC5114_2048_256, login=False, workers=1),
        "after": Config("after", SECP256K1, login=True, workers=args.workers),
    }
    rows = []
    for _ in range(args.repeat):
        for backend in args.backends:
            for name in args.configs:
                figures = run(backend, configs[name])
                report(figures, configs[name])
                rows.append(figures)
    print("\nbefore/after (193 casts sent at once; p99 target 500 ms)")
    print(f"{'backend':10s} {'config':8s} {'p50 ms':>8s} {'p95 ms':>8s} {'p99 ms':>8s} "
          f"{'ballots/s':>9s} {'CPU ms/cast':>11s} {'tally+verify s':>14s} {'idle':>5s} "
          f"{'ref us':>6s} {'cores':>5s}")
    print("(idle: share of the CPU idle in the second before the casts; ref: the machine's "
          "speed then, microseconds per secp256k1 scalar multiplication; cores: those the "
          "benchmark and the server ran on)")
    for backend, label, p99, rate in RECORDED:
        print(f"{backend:10s} {label:8s} {'':>8s} {'':>8s} {p99:8.0f} {rate:9.1f} "
              f"{'':>11s} {'':>14s} {'':>5s}  (recorded earlier)")
    for f in rows:
        check = f.tally_s + f.verify_s + f.standalone_s
        print(f"{f.backend:10s} {f.config:8s} {f.pct(50):8.0f} {f.pct(95):8.0f} "
              f"{f.pct(99):8.0f} {f.accepted / f.wall_s:9.1f} "
              f"{f.server_cpu_s / f.sent * 1000:11.1f} {check:14.2f} {f.idle_before:5.0%} "
              f"{f.reference_us:6.0f} {f.cores:5d}")


if __name__ == "__main__":
    main()
