"""Start and stop a real `workshop serve` on loopback, and ask it things over plain HTTP;
shared by tests and benchmarks."""

from __future__ import annotations

import http.client
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit


def free_port(span: int = 1) -> int:
    """A loopback port that is free, with the `span - 1` ports after it free too (a group's
    server wants port + 1 for its dashboard, as nginx's routes expect, and a server with
    its own certificate authority port + 2 for the page that hands it out).

    Taken below the kernel's ephemeral range, from this test worker's own slice of it: a
    server binds port + 1 only later, and a port from the ephemeral range could by then be
    the local end of any process's outgoing connection (CI once lost a dashboard's port so),
    or another worker's."""
    start, end = _slice()
    for port in range(start, end - span):
        ports = range(port, port + span)
        if not set(ports) & _handed_out and all(_free(p) for p in ports):
            _handed_out.update(range(port, port + max(span, 3)))
            return port
    raise RuntimeError(f"no {span} free ports in a row on 127.0.0.1 in {start}..{end}")


_handed_out: set[int] = set()
LOWEST = 10000
"""Ports from here up to the ephemeral range are shared out among the test workers."""


def _slice() -> tuple[int, int]:
    """This process's ports: its share (by pytest-xdist worker) of LOWEST up to the kernel's
    ephemeral range, which the kernel never hands out for outgoing connections."""
    try:
        with open("/proc/sys/net/ipv4/ip_local_port_range") as f:
            ephemeral = int(f.read().split()[0])
    except (OSError, ValueError, IndexError):
        ephemeral = 32768
    worker = os.environ.get("PYTEST_XDIST_WORKER", "")
    index = int(worker[2:]) if worker.startswith("gw") and worker[2:].isdigit() else 0
    workers = max(int(os.environ.get("PYTEST_XDIST_WORKER_COUNT", "1") or 1), index + 1)
    size = (max(ephemeral, LOWEST + 1000) - LOWEST) // workers
    return LOWEST + index * size, LOWEST + (index + 1) * size


def _free(port: int) -> bool:
    with socket.socket() as s:
        try:
            s.bind(("127.0.0.1", port))
        except OSError:
            return False
        return True


def wait_listening(port: int, server: Server | None = None, timeout: float = 60) -> None:
    """Wait until something accepts connections on 127.0.0.1:`port` (a dashboard, a
    server); fail when `server` exits meanwhile or the time runs out."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            if server is not None and server.proc.poll() is not None:
                log = server.log.read_text()[-2000:] if server.log else ""
                raise RuntimeError(f"server exited: {log}") from None
            if time.monotonic() > deadline:
                raise RuntimeError(f"nothing listens on port {port} after {timeout:.0f} s"
                                   ) from None
            time.sleep(0.2)


@dataclass
class Server:
    url: str
    home: Path
    proc: subprocess.Popen[bytes]
    codes: list[str] = field(default_factory=list)
    log: Path | None = None

    def kernel_pids(self) -> list[int]:
        """Live kernel processes of this server (a zombie is already dead)."""
        import psutil

        try:
            children = psutil.Process(self.proc.pid).children(recursive=True)
        except psutil.NoSuchProcess:
            return []
        pids = []
        for child in children:
            try:
                if (child.status() != psutil.STATUS_ZOMBIE
                        and "ipykernel" in " ".join(child.cmdline())):
                    pids.append(child.pid)
            except psutil.Error:  # exited while we looked
                continue
        return pids


PAGE_ENV = "WORKSHOP_TEST_PAGE"
"""Set to `voila` to run the browser tests against Voila's frontend (the default is the light
page)."""


def start_server(home: Path, *, notebook: str | None = None, command: str = "serve",
                 extra: tuple[str, ...] = (), env: dict[str, str] | None = None) -> Server:
    """Start `workshop serve` on a free loopback port and wait until it accepts connections
    (on the SQLite file in `home` unless `env` gives WORKSHOP_DB)."""
    port = free_port(span=3)  # and port + 1 for a group's dashboard, + 2 for the CA page
    given = env or {}
    env = {**os.environ, **given, "WORKSHOP_HOME": str(home)}
    if "WORKSHOP_DB" not in given:
        env.pop("WORKSHOP_DB", None)
    log = home / f"server-{port}.log"
    home.mkdir(parents=True, exist_ok=True)
    args = [sys.executable, "-m", "toolkit.cli", command, "--port", str(port)]
    if notebook:
        args += ["--notebook", notebook]
    args += list(extra)
    page = os.environ.get(PAGE_ENV)
    if page and command in ("serve", "demo") and "--page" not in extra:
        args += ["--page", page]
    proc = subprocess.Popen(args, env=env, stdout=log.open("wb"), stderr=subprocess.STDOUT)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"server exited: {log.read_text()[-2000:]}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return Server(f"http://127.0.0.1:{port}/", home, proc, log=log)
        except OSError:
            time.sleep(0.2)
    proc.kill()
    raise RuntimeError("server did not start within 60 s")


def wait_ready(server: Server, timeout: float = 300) -> str:
    """Wait for the server's "Ready:" line (every warm kernel waits for a join); return it."""
    from toolkit.cli.serving import READY

    assert server.log is not None
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for line in server.log.read_text(errors="replace").splitlines():
            if line.startswith(READY):
                return line
        if server.proc.poll() is not None:
            raise RuntimeError(f"server exited: {server.log.read_text()[-2000:]}")
        time.sleep(0.2)
    raise RuntimeError(f"no {READY!r} line within {timeout:.0f} s")


def serve_group(home: Path, worksheets: list[str], size: int, *,
                extra: tuple[str, ...] = ()) -> Iterator[Server]:
    """A new group of `size` in the store at `home`, served with `workshop serve --session`
    and its pool of warm kernels ready (the "Ready:" line); its join codes in `.codes`.
    For a module fixture: `yield from serve_group(...)`."""
    from toolkit.settings.config import Config
    from toolkit.store.store import Store

    store = Store.open(Config.from_env({"WORKSHOP_HOME": str(home)}))
    session = store.create_session("Group", worksheets, size)
    server = start_server(home, extra=("--session", session.id, *extra))
    try:
        wait_ready(server)
        server.codes = [p.code for p in store.participants(session.id)]
        yield server
    finally:
        stop_server(server)


def stop_server(server: Server) -> None:
    """Stop the server, then anything it started that outlived it (its facilitator server,
    kernels), so a failed test leaves no process behind."""
    import psutil

    try:
        children = psutil.Process(server.proc.pid).children(recursive=True)
    except psutil.NoSuchProcess:
        children = []
    server.proc.terminate()
    # `serve --session` stops its facilitator server only once its own kernels are down:
    # stopping both at once saves seconds a module (each still shuts its kernels down).
    for child in children:
        try:
            if "toolkit.cli" in child.cmdline():
                child.terminate()
        except psutil.Error:
            pass
    try:
        server.proc.wait(timeout=20)
    except subprocess.TimeoutExpired:
        server.proc.kill()
        server.proc.wait(timeout=20)
    _, alive = psutil.wait_procs(children, timeout=10)
    for child in alive:
        try:
            child.kill()
        except psutil.NoSuchProcess:
            pass


def request(server: Server, method: str, path: str,
            headers: dict[str, str] | None = None) -> tuple[int, Any, bytes]:
    """One HTTP request, redirects not followed."""
    url = urlsplit(server.url)
    conn = http.client.HTTPConnection(url.hostname, url.port, timeout=300)
    try:
        conn.request(method, path, body=b"{}" if method == "POST" else None,
                     headers=headers or {})
        resp = conn.getresponse()
        return resp.status, resp.headers, resp.read()
    finally:
        conn.close()
