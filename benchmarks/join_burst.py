"""A burst of N simultaneous joins against `workshop serve --session` and, in the same run,
against a stock `voila` serving the same notebook with default settings.

Our server is started first and the burst waits for its "Ready:" line, as a counselor starts
the server before the group arrives; stock Voila has no pool to wait for.
(b) server side: N light clients (HTTP + kernel websocket in the v1 protocol the page
    uses, no browser) join at the same instant; each loads the page, opens its kernel's
    websocket, asks for the widget states (as the page's widget manager does), and stops
    the clock when the kernel has sent the widgets of the joined screen (consent notice or
    worksheet list). Anything else is a failure: an HTTP error, no widgets, the join screen,
    a step (page, websocket, widgets) still waiting after STEP_TIMEOUT seconds.
(a) end to end: N Chromium pages open their links at the same instant; the time until every
    page's first screen after the join is interactive. Reported, not targeted: 20 tabs on
    the same 2 cores measure the browsers as much as the server.
Also the memory (USS) of each client kernel after the burst.

    .venv/bin/python benchmarks/join_burst.py [-n 20] [--skip-browser] [--skip-stock]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from support.browser import CHROMIUM_ARGS  # noqa: E402
from support.lightclient import light_burst  # noqa: E402
from support.servers import (  # noqa: E402
    Server,
    free_port,
    start_server,
    stop_server,
    wait_ready,
)

STEP_TIMEOUT = 120.0
"""Seconds a light client waits at each step before it counts as failed (a stock Voila
join once hung for good, and the run with it)."""


def start_stock(home: Path) -> Server:
    """Stock Voila, default settings, same notebook and data folder."""
    port = free_port()
    log = home / f"stock-{port}.log"
    env = {**os.environ, "WORKSHOP_HOME": str(home)}
    proc = subprocess.Popen([sys.executable, "-m", "voila", str(ROOT / "notebooks/client.ipynb"),
                             "--no-browser", f"--port={port}", "--Voila.ip=127.0.0.1"],
                            env=env, stdout=log.open("wb"), stderr=subprocess.STDOUT)
    server = Server(f"http://127.0.0.1:{port}/", home, proc, log=log)
    RUNNING.append(server)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(server.url + "voila/static/voila.js", timeout=2)
            return server
        except OSError:
            time.sleep(0.3)
    raise RuntimeError("stock voila did not start")


async def _browser_burst(url: str, codes: list[str]) -> tuple[list[float], int]:
    from playwright.async_api import async_playwright

    async with async_playwright() as pw:
        browser = await pw.chromium.launch(executable_path=shutil.which("chromium"),
                                           args=CHROMIUM_ARGS)
        pages = [await (await browser.new_context()).new_page() for _ in codes]

        async def one(page: object, code: str) -> float | None:
            t0 = time.perf_counter()
            try:
                await page.goto(f"{url}?code={code}", timeout=300_000)  # type: ignore[attr-defined]
                await page.wait_for_selector(  # type: ignore[attr-defined]
                    ".ws-consent-agree, .ws-open", timeout=300_000)
            except Exception:
                return None
            return time.perf_counter() - t0

        results = await asyncio.gather(*(one(p, c) for p, c in zip(pages, codes, strict=True)))
        await browser.close()
    done = [r for r in results if r is not None]
    return done, len(results) - len(done)


def kernel_memory_mb(server: Server) -> list[float]:
    import psutil

    out = []
    for pid in server.kernel_pids():
        try:
            out.append(psutil.Process(pid).memory_full_info().uss / 2**20)
        except psutil.Error:
            pass
    return out


def report(name: str, times: list[float], failures: int) -> str:
    if not times:
        return f"{name}: all {failures} failed"
    return (f"{name}: all done in {max(times):.2f} s (median {statistics.median(times):.2f} s), "
            f"{failures} failures")


RUNNING: list[Server] = []


def main() -> int:
    # Stop every server we started, even when interrupted or killed by a time limit.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(1))
    try:
        return run()
    finally:
        for server in RUNNING:
            if server.proc.poll() is None:
                stop_server(server)


def run() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("-n", type=int, default=20)
    parser.add_argument("--skip-browser", action="store_true")
    parser.add_argument("--skip-stock", action="store_true")
    args = parser.parse_args()
    from toolkit.settings.config import Config
    from toolkit.store.demo import WORKSHOP_ORDER
    from toolkit.store.store import Store

    home = Path(tempfile.mkdtemp()) / "home"
    store = Store.open(Config.from_env({"WORKSHOP_HOME": str(home)}))
    session = store.create_session("Burst", list(WORKSHOP_ORDER), args.n)
    codes = [p.code for p in store.participants(session.id)]
    group = ("--session", session.id)  # the pool is sized to the group by default
    print(f"burst of {args.n} simultaneous joins on {os.cpu_count()} cores", flush=True)

    def say(*lines: str) -> None:
        print("\n".join(lines), flush=True)

    def start_ours() -> Server:
        t0 = time.monotonic()
        server = start_server(home, extra=group)
        RUNNING.append(server)
        line = wait_ready(server)
        say(f"workshop serve: {line} (waited {time.monotonic() - t0:.0f} s)")
        return server

    ours = start_ours()
    ours_b = light_burst(ours.url, codes, STEP_TIMEOUT)
    say(report("(b) workshop serve", *ours_b))
    memory = kernel_memory_mb(ours)
    if memory:
        say(f"memory per client kernel (USS): median {statistics.median(memory):.0f} MB, "
            f"max {max(memory):.0f} MB over {len(memory)} kernels")
    stop_server(ours)
    if not args.skip_stock:
        stock = start_stock(home)
        stock_b = light_burst(stock.url, codes, STEP_TIMEOUT)
        stop_server(stock)
        say(report("(b) stock voila   ", *stock_b))
        if ours_b[0] and stock_b[0]:
            say(f"(b) speed-up, all-done time: {max(stock_b[0]) / max(ours_b[0]):.1f}x")

    if not args.skip_browser:
        ours = start_ours()
        ours_a = asyncio.run(_browser_burst(ours.url, codes))
        stop_server(ours)
        say(report("(a) workshop serve", *ours_a))
        if not args.skip_stock:
            stock = start_stock(home)
            stock_a = asyncio.run(_browser_burst(stock.url, codes))
            stop_server(stock)
            say(report("(a) stock voila   ", *stock_a))
    return 0


if __name__ == "__main__":
    sys.exit(main())
