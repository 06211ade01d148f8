"""Load benchmark of the secret ballot: 193 delegations cast encrypted ballots concurrently
through the HTTP API of a real uvicorn server on loopback (a separate process), on SQLite and
on PostgreSQL. Prints throughput, latency percentiles, the time to decrypt and tally, and the
time to verify the whole board.

Ballots are encrypted beforehand (as each delegation's own device would), in a process pool, so
the timed phase measures the server: authentication (argon2id), proof verification and the
board append. Group: RFC 5114 2048-bit MODP with a 256-bit subgroup; election of one official
with 4 candidates (5 options with BLANK); trustees 3 of 5.

Latency is measured per request from the client's send; with all 193 requests in flight at
once it includes the time queued behind the others (use --concurrency to limit them).

Usage: .venv/bin/python benchmarks/bench_ballot_load.py [--backends sqlite postgresql]
       [--concurrency 193]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import secrets
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

import httpx

from humanict.config import Settings
from humanict.governance.ballot import standalone_verifier
from humanict.governance.ballot.client import (
    entries_from_json,
    prepare_ballot,
    record_id,
    trustee_share,
)
from humanict.governance.ballot.group import RFC5114_2048_256
from humanict.governance.ballot.service import BallotService
from humanict.governance.ballot.trustees import run_ceremony
from humanict.governance.ballot.verify import verify_entries
from humanict.members.registry import member_states

CANDIDATES = ["Candidate 1", "Candidate 2", "Candidate 3", "Candidate 4"]
PG_ADMIN = "host=127.0.0.1 port=5432 user=postgres dbname=test"


def _gmp() -> bool:
    try:
        import gmpy2  # noqa: F401
    except ImportError:
        return False
    return True


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


def _pct(values: list[float], q: float) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[int(q) - 1]


async def _cast_all(base: str, eid: str, ballots: dict[str, dict[str, Any]], limit: int) -> Any:
    gate = asyncio.Semaphore(limit)
    latencies: list[float] = []
    statuses: list[int] = []

    async def one(client: httpx.AsyncClient, token: str, ballot: dict[str, Any]) -> None:
        async with gate:
            start = time.perf_counter()
            response = await client.post(
                f"/api/v1/elections/{eid}/ballots",
                json=ballot,
                headers={"Authorization": f"Bearer {token}"},
            )
            latencies.append(time.perf_counter() - start)
            statuses.append(response.status_code)

    limits = httpx.Limits(max_connections=limit, max_keepalive_connections=limit)
    async with httpx.AsyncClient(base_url=base, timeout=600, limits=limits) as client:
        start = time.perf_counter()
        await asyncio.gather(*(one(client, t, b) for t, b in ballots.items()))
        wall = time.perf_counter() - start
    return wall, latencies, statuses


def run(backend: str, concurrency: int) -> None:
    folder = Path(tempfile.mkdtemp(prefix="bench-ballot-"))
    url, pg = _registry(backend, folder)
    members = [e.iso3 for e in member_states(Settings().data_dir)]
    service = BallotService.from_url(url)
    start = time.perf_counter()
    tokens = service.issue_credentials(members)
    issue_s = time.perf_counter() - start
    public_record, shares = run_ceremony(RFC5114_2048_256, 5, 3)
    public = {"group": RFC5114_2048_256.as_dict(), "trustees": public_record}
    officer = service.authenticate(tokens["officer-1"])
    service.create_election(officer, "Load test", "official", 1, CANDIDATES, public, "load")
    service.open_round(officer, "load")
    board = service.board("load")
    choices = [[CANDIDATES[i % 4]] if i % 10 else [] for i in range(len(members))]
    start = time.perf_counter()
    with ProcessPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
        encrypted = list(pool.map(_encrypt, [(board, c) for c in choices], chunksize=8))
    encrypt_s = time.perf_counter() - start
    ballots = {tokens[iso3]: b for iso3, b in zip(members, encrypted, strict=True)}

    port = _free_port()
    env = {**os.environ, "HUMANICT_REGISTRY_URL": url}
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "uvicorn",
            "--factory",
            "humanict.web.app:create_app",
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--log-level",
            "warning",
        ],
        env=env,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                httpx.get(f"{base}/api/v1/elections", timeout=5).raise_for_status()
                break
            except httpx.HTTPError:
                if time.monotonic() > deadline or server.poll() is not None:
                    raise RuntimeError("the server did not start") from None
                time.sleep(0.2)
        wall, latencies, statuses = asyncio.run(_cast_all(base, "load", ballots, concurrency))
        accepted = statuses.count(201)
        auth = {"Authorization": f"Bearer {tokens['officer-1']}"}
        httpx.post(f"{base}/api/v1/elections/load/close", headers=auth, timeout=600)
        start = time.perf_counter()
        for index, secret in shares[:3]:
            rows = httpx.get(f"{base}/api/v1/elections/load/board", timeout=600).json()
            key = {"index": index, "secret": str(secret), "key_id": record_id(public_record)}
            share = trustee_share(entries_from_json(rows["entries"]), key)
            httpx.post(f"{base}/api/v1/elections/load/shares", json=share, timeout=600)
        shares_s = time.perf_counter() - start
        start = time.perf_counter()
        result = httpx.post(f"{base}/api/v1/elections/load/tally", headers=auth, timeout=600)
        tally_s = time.perf_counter() - start
        rows = httpx.get(f"{base}/api/v1/elections/load/board", timeout=600).json()
        start = time.perf_counter()
        report = verify_entries(entries_from_json(rows["entries"]))
        verify_s = time.perf_counter() - start
        exported = [
            {k: r[k] for k in ("height", "prev", "kind", "hash")} | {"payload": r["payload_text"]}
            for r in rows["entries"]
        ]
        start = time.perf_counter()
        standalone = standalone_verifier.verify_board(exported)
        standalone_s = time.perf_counter() - start
        assert standalone["rounds"][0]["result"]["counts"] == result.json()["counts"]
    finally:
        server.terminate()
        server.wait(timeout=30)
        service.engine.dispose()
        if pg:
            admin, name = pg
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            admin.close()

    ms = [x * 1000 for x in latencies]
    print(f"\n== {backend}: {len(ballots)} delegations, concurrency {concurrency} ==")
    print(f"credentials issued (argon2id hashes)  {issue_s:8.1f} s")
    print(f"ballots encrypted (client side, pool) {encrypt_s:8.1f} s")
    print(f"accepted ballots                      {accepted:8d} of {len(ballots)}")
    print(f"cast wall time                        {wall:8.1f} s")
    print(f"throughput                            {accepted / wall:8.2f} ballots/s")
    print(
        f"latency p50 / p95 / p99               {_pct(ms, 50):8.0f} / {_pct(ms, 95):.0f} / "
        f"{_pct(ms, 99):.0f} ms"
    )
    print(f"trustee shares (3 of 5, each verifies the board) {shares_s:6.1f} s")
    print(f"tally (combine shares, publish)       {tally_s:8.2f} s")
    print(
        f"verify whole board ({report['proofs_checked']} proofs)  {verify_s:8.1f} s "
        "(server-side verifier)"
    )
    print(
        f"verify whole board, standalone verifier {standalone_s:6.1f} s "
        "(`humanict governance verify`)"
    )
    print(
        f"gmpy2 in use: {'yes' if _gmp() else 'no (pip install -e .[fast])'}; "
        f"load average at end {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores"
    )
    print(
        f"result: {result.json()['counts']} -> {result.json()['outcome']['status']} "
        f"{result.json()['outcome']['elected']}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--backends", nargs="+", default=["sqlite", "postgresql"])
    parser.add_argument("--concurrency", type=int, default=193)
    args = parser.parse_args()
    for backend in args.backends:
        run(backend, args.concurrency)


if __name__ == "__main__":
    main()
