"""Several server processes on one port, each accepting on a listening socket of its own.

With one listening socket shared by all processes, the first process to wake accepts every
connection waiting at that moment (its event loop accepts in a loop until the queue is empty),
so when 193 delegations connect at once one process may get three quarters of them while the
other core idles. Here each process binds the same address with ``SO_REUSEPORT`` (Linux 3.9
and later) and the kernel spreads new connections across the processes' sockets by a hash of
the connection's addresses, so each process gets about its share.

The parent supervises: it starts the workers, starts a new one when one dies, and stops them
all on SIGINT or SIGTERM.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import signal
import socket
import threading
import time
from collections.abc import Callable
from multiprocessing.process import BaseProcess
from types import FrameType

from fastapi import FastAPI

from humanict.config import Settings
from humanict.errors import ConflictError
from humanict.web.app import create_app

BACKLOG = 2048  # pending connections per process (uvicorn's default)
STARTUP_S = 10.0  # a process that ends sooner after its start is not restarted
PARENT_CHECK_S = 1.0  # how often a server process checks that its supervisor still runs


def port_is_free(host: str, port: int) -> bool:
    """True when nothing listens on ``host:port`` (a plain bind, without SO_REUSEPORT, fails
    when any socket holds the address)."""
    with socket.socket(_family(host), socket.SOCK_STREAM) as probe:
        try:
            probe.bind((host, port))
        except OSError:
            return False
    return True


def reuseport_socket(host: str, port: int, backlog: int = BACKLOG) -> socket.socket:
    """A listening TCP socket on ``host:port`` that other processes may bind as well."""
    sock = socket.socket(_family(host), socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
    sock.bind((host, port))
    sock.listen(backlog)
    sock.set_inheritable(True)
    return sock


def _family(host: str) -> socket.AddressFamily:
    return socket.AF_INET6 if ":" in host else socket.AF_INET


def run_worker(host: str, port: int) -> None:
    """One server process: the app from the environment's settings on its own socket. It stops
    (as on SIGTERM) if the supervising process dies, whatever killed it."""
    import uvicorn

    parent = os.getppid()

    def watch_parent() -> None:
        while os.getppid() == parent:
            time.sleep(PARENT_CHECK_S)
        os.kill(os.getpid(), signal.SIGTERM)

    threading.Thread(target=watch_parent, name="watch-parent", daemon=True).start()
    config = uvicorn.Config(serving_app(), log_level="warning", backlog=BACKLOG)
    uvicorn.Server(config).run(sockets=[reuseport_socket(host, port)])


def serving_app(settings: Settings | None = None) -> FastAPI:
    """The app for a server process. The objects made while building it (the data model,
    templates, libraries: several hundred thousand) live as long as the process, so they are
    moved out of the garbage collector's reach (``gc.freeze``): otherwise every full collection
    walks them all, and under 193 casts at once that was a third of the event loop's time."""
    app = create_app(settings)
    gc.collect()
    gc.freeze()
    return app


def serve_workers(
    host: str, port: int, workers: int, echo: Callable[[str], object] = print
) -> None:
    """Run ``workers`` server processes on ``host:port`` until SIGINT or SIGTERM."""
    if not hasattr(socket, "SO_REUSEPORT"):
        raise ConflictError("several server processes need SO_REUSEPORT (Linux); use --workers 1")
    if not port_is_free(host, port):
        raise ConflictError(f"{host}:{port} is in use; stop what listens there or choose --port")
    context = multiprocessing.get_context("spawn")
    stopping = False

    def stop(signum: int, frame: FrameType | None) -> None:
        nonlocal stopping
        stopping = True

    started: dict[int, float] = {}

    def start() -> BaseProcess:
        process = context.Process(target=run_worker, args=(host, port), daemon=False)
        process.start()
        started[id(process)] = time.monotonic()
        return process

    previous = {sig: signal.signal(sig, stop) for sig in (signal.SIGINT, signal.SIGTERM)}
    processes = [start() for _ in range(workers)]
    try:
        while not stopping:
            time.sleep(0.5)
            for i, process in enumerate(processes):
                if process.is_alive() or stopping:
                    continue
                if time.monotonic() - started[id(process)] < STARTUP_S:
                    raise ConflictError(
                        f"server process {process.pid} stopped at start-up (exit code "
                        f"{process.exitcode}); its error is printed above"
                    )
                echo(f"server process {process.pid} ended ({process.exitcode}); restarting")
                processes[i] = start()
    finally:
        for process in processes:
            process.terminate()  # SIGTERM: uvicorn finishes the requests in flight
        for process in processes:
            process.join(timeout=30)
            if process.is_alive():
                process.kill()
        for sig, handler in previous.items():
            signal.signal(sig, handler)
