"""`humanict serve --workers N`: N processes on one port, each with its own listening socket, so
connections that arrive together are spread across them; a clean stop on SIGTERM; a clear
refusal when the port is taken."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import httpx
import pytest

from humanict.config import Settings
from humanict.web.workers import port_is_free, reuseport_socket

DEADLINE_S = 120  # bounds a wait on a loaded machine; a passing test does not wait for it


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _until(condition: Callable[[], bool], what: str) -> None:
    deadline = time.monotonic() + DEADLINE_S
    while not condition():
        if time.monotonic() > deadline:
            pytest.fail(f"timed out waiting for {what}")
        time.sleep(0.1)


def _children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if stat[1] == str(pid):
                found.append(int(entry.name))
    return found


def _sockets(pid: int) -> int:
    count = 0
    for fd in Path(f"/proc/{pid}/fd").iterdir():
        try:
            count += os.readlink(fd).startswith("socket:")
        except OSError:
            continue
    return count


def _humanict(settings: Settings, *args: str) -> subprocess.Popen[str]:
    env = {
        **os.environ,
        "HUMANICT_DATA_DIR": str(settings.data_dir),
        "HUMANICT_WAREHOUSE_PATH": str(settings.warehouse_path),
        "HUMANICT_IMPORTS_DIR": str(settings.imports_dir),
        "HUMANICT_REGISTRY_URL": settings.registry_url,
    }
    command = [str(Path(sys.executable).with_name("humanict")), *args]
    return subprocess.Popen(
        command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )


@pytest.fixture
def two_workers(settings: Settings) -> Iterator[tuple[subprocess.Popen[str], int]]:
    port = _free_port()
    server = _humanict(
        settings, "serve", "--no-warm", "--host", "127.0.0.1", "--port", str(port), "--workers", "2"
    )

    def answers() -> bool:
        assert server.poll() is None, server.communicate()
        try:
            return httpx.get(f"http://127.0.0.1:{port}/api/v1/elections", timeout=5).is_success
        except httpx.HTTPError:
            return False

    try:
        listening = lambda: [p for p in _children(server.pid) if _sockets(p) > 0]  # noqa: E731
        _until(lambda: answers() and len(listening()) == 2, "two server processes listening")
        yield server, port
    finally:
        if server.poll() is None:
            server.kill()
            server.wait()


def test_sockets_with_reuseport_share_a_port() -> None:
    first = reuseport_socket("127.0.0.1", 0)
    port = first.getsockname()[1]
    second = reuseport_socket("127.0.0.1", port)
    try:
        assert second.getsockname()[1] == port
        assert not port_is_free("127.0.0.1", port)
    finally:
        first.close()
        second.close()
    assert port_is_free("127.0.0.1", port)


def test_connections_arriving_together_reach_every_process(
    two_workers: tuple[subprocess.Popen[str], int],
) -> None:
    server, port = two_workers
    workers = [pid for pid in _children(server.pid) if _sockets(pid) > 0]
    assert len(workers) == 2
    before = {pid: _sockets(pid) for pid in workers}
    for pid in workers:  # paused, so that all 64 connections wait to be accepted at once
        os.kill(pid, signal.SIGSTOP)
    try:
        held = [socket.create_connection(("127.0.0.1", port)) for _ in range(64)]
    finally:
        for pid in workers:
            os.kill(pid, signal.SIGCONT)
    try:
        accepted = lambda: {pid: _sockets(pid) - before[pid] for pid in workers}  # noqa: E731
        _until(lambda: sum(accepted().values()) >= len(held), "64 connections accepted")
        # With one shared socket, the first process to wake accepts the whole burst; with a
        # socket per process the kernel spreads it (both get some, with probability 1 - 2^-63).
        assert all(n > 0 for n in accepted().values()), accepted()
        with httpx.Client(base_url=f"http://127.0.0.1:{port}") as client:
            assert client.get("/api/v1/elections").json() == []
    finally:
        for sock in held:
            sock.close()
    server.send_signal(signal.SIGTERM)
    assert server.wait(timeout=DEADLINE_S) == 0
    _until(lambda: port_is_free("127.0.0.1", port), "the port to be released")
    assert all(not Path(f"/proc/{pid}").exists() for pid in workers)


def test_a_taken_port_is_refused_with_a_clear_error(settings: Settings) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        server = _humanict(settings, "serve", "--no-warm", "--port", str(port), "--workers", "2")
        _, err = server.communicate(timeout=DEADLINE_S)
    assert server.returncode == 1
    assert f"127.0.0.1:{port} is in use" in err and "--port" in err


def test_server_processes_stop_when_their_supervisor_is_killed(
    two_workers: tuple[subprocess.Popen[str], int],
) -> None:
    server, port = two_workers
    workers = _children(server.pid)
    server.kill()  # SIGKILL: the supervisor cannot stop its processes itself
    server.wait()
    _until(lambda: not any(Path(f"/proc/{pid}").exists() for pid in workers), "orphans to stop")
    _until(lambda: port_is_free("127.0.0.1", port), "the port to be released")
