"""Shared fixtures: a private data folder, a real Voila server, and a real Chromium."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")
ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts"
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]


def unavailable(reason: str) -> None:
    """Skip on a developer machine; in CI a missing browser or server is a failure."""
    if IN_CI:
        pytest.fail(f"{reason} (required in CI)")
    pytest.skip(reason)


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh WORKSHOP_HOME for one test, so no test touches real data."""
    monkeypatch.setenv("WORKSHOP_HOME", str(tmp_path / "home"))
    monkeypatch.delenv("WORKSHOP_DB", raising=False)
    monkeypatch.delenv("WORKSHOP_KEY", raising=False)
    return tmp_path / "home"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class Server:
    url: str
    home: Path
    proc: subprocess.Popen[bytes]
    codes: list[str] = field(default_factory=list)
    log: Path | None = None

    def kernel_pids(self) -> list[int]:
        import psutil

        try:
            children = psutil.Process(self.proc.pid).children(recursive=True)
        except psutil.NoSuchProcess:
            return []
        return [c.pid for c in children if "ipykernel" in " ".join(c.cmdline())]


def start_server(home: Path, *, notebook: str | None = None, command: str = "serve") -> Server:
    """Start `workshop serve` on a free loopback port and wait until it accepts connections."""
    port = free_port()
    env = {**os.environ, "WORKSHOP_HOME": str(home)}
    env.pop("WORKSHOP_DB", None)
    log = home / f"server-{port}.log"
    home.mkdir(parents=True, exist_ok=True)
    args = [sys.executable, "-m", "toolkit.cli", command, "--port", str(port)]
    if notebook:
        args += ["--notebook", notebook]
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


def stop_server(server: Server) -> None:
    server.proc.terminate()
    try:
        server.proc.wait(timeout=20)
    except subprocess.TimeoutExpired:
        server.proc.kill()


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """A real client server over a store with one group session of three participants."""
    home = tmp_path_factory.mktemp("server") / "home"
    os.environ.pop("WORKSHOP_DB", None)
    from toolkit.config import Config
    from toolkit.demo import WORKSHOP_ORDER
    from toolkit.store import Store

    config = Config.from_env({"WORKSHOP_HOME": str(home)})
    store = Store.open(config)
    session = store.create_session("Test group", list(WORKSHOP_ORDER), 3)
    srv = start_server(home)
    srv.codes = [p.code for p in store.participants(session.id)]
    yield srv
    stop_server(srv)


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    """Debian's Chromium driven by Playwright (never a downloaded browser)."""
    path = shutil.which("chromium") or shutil.which("chromium-browser")
    if path is None:
        unavailable("chromium is not installed (apt-get install chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        unavailable("playwright is not installed")
    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=path, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser: object, request: pytest.FixtureRequest) -> Iterator[object]:
    """A phone-sized page that records every request, so tests can prove nothing left
    127.0.0.1."""
    context = browser.new_context(viewport={"width": 360, "height": 780})  # type: ignore[attr-defined]
    pg = context.new_page()
    pg.requested = []  # type: ignore[attr-defined]
    pg.on("request", lambda r: pg.requested.append(r.url))  # type: ignore[attr-defined]
    yield pg
    ARTIFACTS.mkdir(exist_ok=True)
    try:
        pg.screenshot(path=str(ARTIFACTS / f"{request.node.name}.png"), full_page=True)
    except Exception:
        pass
    context.close()
