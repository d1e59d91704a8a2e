"""A burst of N simultaneous joins against `workshop serve --session` and, in the same run,
against a stock `voila` serving the same notebook with default settings.

Our server is started first and the burst waits for its "Ready:" line, as a counselor starts
the server before the group arrives; stock Voila has no pool to wait for.
(b) server side: N light clients (HTTP + kernel websocket in the v1 protocol the page
    uses, no browser) join at the same instant; each loads the page, opens its kernel's
    websocket, asks for the widget states (as the page's widget manager does), and stops
    the clock when the kernel has sent the widgets of the joined screen (consent notice or
    worksheet list). Anything else is a failure: an HTTP error, no widgets, the join screen,
    a timeout.
(a) end to end: N Chromium pages open their links at the same instant; the time until every
    page's first screen after the join is interactive. Reported, not targeted: 20 tabs on
    the same 2 cores measure the browsers as much as the server.
Also the memory (USS) of each client kernel after the burst.

    .venv/bin/python benchmarks/join_burst.py [-n 20] [--skip-browser] [--skip-stock]
"""

from __future__ import annotations

import argparse
import asyncio
import http.client
import itertools
import json
import os
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from serverutil import (  # noqa: E402
    CHROMIUM_ARGS,
    Server,
    free_port,
    start_server,
    stop_server,
    wait_ready,
)

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


V1 = "v1.kernel.websocket.jupyter.org"


def ws_v1(channel: str, *parts: dict) -> bytes:
    """A kernel message in the v1 websocket protocol: a count and offsets (8-byte little
    endian), then the channel name and the JSON parts."""
    frames = [channel.encode(), *(json.dumps(p).encode() for p in parts)]
    offsets = [8 * (len(frames) + 2)]
    for frame in frames:
        offsets.append(offsets[-1] + len(frame))
    head = b"".join(n.to_bytes(8, "little") for n in [len(offsets), *offsets])
    return head + b"".join(frames)


def from_ws_v1(message: bytes | str) -> list[bytes]:
    """channel, header, parent header, metadata, content and buffers of a v1 message."""
    assert isinstance(message, bytes), "v1 messages are binary"
    count = int.from_bytes(message[:8], "little")
    offsets = [int.from_bytes(message[8 * (i + 1):8 * (i + 2)], "little") for i in range(count)]
    return [message[a:b] for a, b in itertools.pairwise(offsets)]


JOINED = re.compile(r"ws-consent|ws-sheet")  # classes of the first screens after a join


def light_join(url: str, code: str, timeout: float = 300) -> float | None:
    """One light client: seconds until the kernel has sent the joined screen's widgets."""
    from websockets.sync.client import connect

    t0 = time.perf_counter()
    host, port = url.split("//")[1].strip("/").split(":")
    conn = http.client.HTTPConnection(host, int(port), timeout=timeout)
    try:
        conn.request("GET", f"/?code={code}")
        resp = conn.getresponse()
        body = resp.read()
        cookies = "; ".join(c.split(";")[0] for c in resp.headers.get_all("Set-Cookie") or [])
    finally:
        conn.close()
    kernel = re.search(rb'"kernelId": *"([0-9a-f-]{36})"', body)
    if resp.status != 200 or WIDGET_MARK not in body or not kernel:
        return None
    session, comm = uuid.uuid4().hex, uuid.uuid4().hex

    def msg(msg_type: str, content: dict, metadata: dict | None = None) -> bytes:
        header = {"msg_id": uuid.uuid4().hex, "msg_type": msg_type, "session": session,
                  "username": "", "version": "5.3", "date": ""}
        return ws_v1("shell", header, {}, metadata or {}, content)

    ws_url = f"{url.replace('http', 'ws', 1)}api/kernels/{kernel.group(1).decode()}/channels"
    # The page's kernel connection (@jupyterlab/services) asks for the v1 protocol, in which
    # the server passes kernel messages through without decoding them: so do we.
    with connect(f"{ws_url}?session_id={session}", additional_headers={"Cookie": cookies},
                 subprotocols=[V1], open_timeout=timeout, ping_interval=None,
                 max_size=None) as ws:
        if ws.subprotocol != V1:
            return None
        # What the page's widget manager does: open the control comm, ask for every state.
        ws.send(msg("comm_open", {"comm_id": comm, "target_name": "jupyter.widget.control",
                                  "data": {}}, {"version": "1.0.0"}))
        ws.send(msg("comm_msg", {"comm_id": comm, "data": {"method": "request_states"}}))
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            parts = from_ws_v1(ws.recv(timeout=deadline - time.monotonic()))
            header, content = json.loads(parts[1]), json.loads(parts[4])
            data = content.get("data", {})
            if header["msg_type"] == "comm_msg" and data.get("method") == "update_states":
                states = json.dumps(data.get("states", {}))
                ok = JOINED.search(states) and "couldn" not in states
                return time.perf_counter() - t0 if ok else None
    return None


def light_burst(url: str, codes: list[str]) -> tuple[list[float], int]:
    """N light clients at once; seconds until each kernel sent its joined screen."""
    barrier = threading.Barrier(len(codes) + 1)
    results: list[float | None] = []
    lock = threading.Lock()

    def one(code: str) -> None:
        barrier.wait()
        try:
            result = light_join(url, code)
        except Exception:  # any error is a failed join, counted below
            result = None
        with lock:
            results.append(result)

    threads = [threading.Thread(target=one, args=(c,)) for c in codes]
    for t in threads:
        t.start()
    barrier.wait()
    for t in threads:
        t.join()
    times = [r for r in results if r is not None]
    return times, len(results) - len(times)


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
    from toolkit.config import Config
    from toolkit.demo import WORKSHOP_ORDER
    from toolkit.store import Store

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
    ours_b = light_burst(ours.url, codes)
    say(report("(b) workshop serve", *ours_b))
    memory = kernel_memory_mb(ours)
    if memory:
        say(f"memory per client kernel (USS): median {statistics.median(memory):.0f} MB, "
            f"max {max(memory):.0f} MB over {len(memory)} kernels")
    stop_server(ours)
    if not args.skip_stock:
        stock = start_stock(home)
        stock_b = light_burst(stock.url, codes)
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
