"""A burst of N simultaneous joins against `workshop serve --session` and, in the same run,
against a stock `voila` serving the same notebook with default settings.

(b) server side: N light clients (plain HTTP, no browser) request their join links at the
    same instant; the time until each page has arrived with the kernel's worksheet widgets
    (the widget view is in the HTML only once the kernel has built the app for that code).
(a) end to end: N Chromium pages open their links at the same instant; the time until every
    page's first worksheet list is interactive. Reported, not targeted: 20 tabs on the same
    2 cores measure the browsers as much as the server.
Also the memory (USS) of each client kernel. A page with no widgets counts as a failure.

    .venv/bin/python benchmarks/join_burst.py [-n 20] [--skip-browser]
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
import threading
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from serverutil import CHROMIUM_ARGS, Server, free_port, start_server, stop_server  # noqa: E402

WIDGET_MARK = b"application/vnd.jupyter.widget-view+json"


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


def wait_for_pool(server: Server, size: int, timeout: float = 300) -> None:
    """Wait until `size` preheated kernels exist and have gone quiet."""
    import psutil

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        pids = server.kernel_pids()
        if len(pids) >= size:
            procs = [psutil.Process(p) for p in pids]
            for p in procs:
                p.cpu_percent(None)
            time.sleep(1.0)
            if sum(p.cpu_percent(None) for p in procs) < 5 * len(procs):
                return
        time.sleep(0.5)
    raise RuntimeError("the kernel pool did not fill in time")


def light_burst(url: str, codes: list[str]) -> tuple[list[float], int]:
    """N plain HTTP clients at once; seconds until each page held its widgets."""
    barrier = threading.Barrier(len(codes) + 1)
    times: list[float] = []
    failures = 0
    lock = threading.Lock()

    def one(code: str) -> None:
        nonlocal failures
        barrier.wait()
        t0 = time.perf_counter()
        try:
            body = urllib.request.urlopen(f"{url}?code={code}", timeout=300).read()
            ok = WIDGET_MARK in body and b"couldn" not in body
        except OSError:
            ok = False
        with lock:
            if ok:
                times.append(time.perf_counter() - t0)
            else:
                failures += 1

    threads = [threading.Thread(target=one, args=(c,)) for c in codes]
    for t in threads:
        t.start()
    barrier.wait()
    for t in threads:
        t.join()
    return times, failures


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
                await page.wait_for_selector(".ws-open", timeout=300_000)  # type: ignore[attr-defined]
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
    args = parser.parse_args()
    from toolkit.config import Config
    from toolkit.demo import WORKSHOP_ORDER
    from toolkit.store import Store

    home = Path(tempfile.mkdtemp()) / "home"
    store = Store.open(Config.from_env({"WORKSHOP_HOME": str(home)}))
    session = store.create_session("Burst", list(WORKSHOP_ORDER), args.n)
    codes = [p.code for p in store.participants(session.id)]
    pool = ("--session", session.id, "--pool", str(args.n + 2))
    print(f"burst of {args.n} simultaneous joins on {os.cpu_count()} cores", flush=True)

    def say(*lines: str) -> None:
        print("\n".join(lines), flush=True)

    ours = start_server(home, extra=pool)
    RUNNING.append(ours)
    wait_for_pool(ours, args.n + 2)
    ours_b = light_burst(ours.url, codes)
    memory = kernel_memory_mb(ours)
    stop_server(ours)
    stock = start_stock(home)
    stock_b = light_burst(stock.url, codes)
    stop_server(stock)
    say(report("(b) workshop serve", *ours_b), report("(b) stock voila   ", *stock_b))
    if ours_b[0] and stock_b[0]:
        say(f"(b) speed-up, all-done time: {max(stock_b[0]) / max(ours_b[0]):.1f}x")
    if memory:
        say(f"memory per client kernel (USS): median {statistics.median(memory):.0f} MB, "
            f"max {max(memory):.0f} MB over {len(memory)} kernels")

    if not args.skip_browser:
        ours = start_server(home, extra=pool)
        RUNNING.append(ours)
        wait_for_pool(ours, args.n + 2)
        ours_a = asyncio.run(_browser_burst(ours.url, codes))
        stop_server(ours)
        say(report("(a) workshop serve", *ours_a))
        stock = start_stock(home)
        stock_a = asyncio.run(_browser_burst(stock.url, codes))
        stop_server(stock)
        say(report("(a) stock voila   ", *stock_a))
    return 0


if __name__ == "__main__":
    sys.exit(main())
