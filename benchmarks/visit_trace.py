"""Where a visit's time goes until the first screen: a Chromium performance trace of a first and
a return visit (clinic Wi-Fi emulated) to `workshop serve --session` over TLS with a warm pool,
split into script compile, script run, style and layout, and what the page waited on (the
requests and the kernel's websocket messages, each with its time after the navigation).

    .venv/bin/python benchmarks/visit_trace.py [--profile clinic-wifi] [--visits 3] [-v]

-v lists every request and websocket message on the way to the first screen.
"""

from __future__ import annotations

import argparse
import base64
import json
import os
import shutil
import sys
import tempfile
from collections import defaultdict
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from support.browser import CHROMIUM_ARGS  # noqa: E402
from support.meter import (  # noqa: E402
    FIRST_SCREEN,
    PROFILES,
    clock_first_screen,
    first_screen_seconds,
)
from support.servers import stop_server, wait_ready  # noqa: E402
from support.tls import spki_pin, start_tls_server  # noqa: E402

TIMEOUT = 120_000
CATEGORIES = ",".join([
    "devtools.timeline", "disabled-by-default-devtools.timeline", "v8", "v8.execute",
    "disabled-by-default-v8.compile", "blink", "loading", "toplevel", "navigation",
    "blink.user_timing", "disabled-by-default-v8.runtime_stats"])
WORKER_READY = """navigator.serviceWorker ? Promise.race([
  navigator.serviceWorker.ready.then(() => true),
  new Promise((done) => setTimeout(() => done(false), 30000))]) : false"""
GROUPS = {
    "compile": ("v8.compile", "v8.compileModule", "V8.CompileCode", "v8.produceCache",
                "V8.ScriptCompiler", "v8.parseOnBackground"),
    "run script": ("EvaluateScript", "FunctionCall", "v8.evaluateModule", "TimerFire",
                   "EventDispatch", "FireAnimationFrame", "RunMicrotasks", "v8.run"),
    "style+layout": ("UpdateLayoutTree", "Layout", "ParseAuthorStyleSheet",
                     "ScheduleStyleRecalculation", "InvalidateLayout"),
    "paint": ("Paint", "PrePaint", "Layerize", "UpdateLayer", "CompositeLayers", "Commit"),
    "parse html": ("ParseHTML",),
    "gc": ("MajorGC", "MinorGC", "V8.GCScavenger", "V8.GCFinalizeMC", "BlinkGC.AtomicPhase"),
}


def _name_group(name: str) -> str | None:
    for group, names in GROUPS.items():
        if name in names:
            return group
    return None


def main_thread_breakdown(events: list[dict], start_us: float, end_us: float
                          ) -> tuple[dict[str, float], list[tuple[float, float, str]]]:
    """Milliseconds of the renderer's main thread in each group, counting the outermost
    grouped event only; and the compiles (start ms, duration ms, script)."""
    threads = {(e["pid"], e["tid"]) for e in events
               if e.get("name") == "thread_name"
               and e.get("args", {}).get("name") == "CrRendererMain"}
    busy: dict[str, float] = defaultdict(float)
    compiles: list[tuple[float, float, str]] = []
    spans: dict[tuple[int, int], list[tuple[float, float, str]]] = defaultdict(list)
    for e in events:
        if (e["pid"], e["tid"]) not in threads or e.get("ph") != "X":
            continue
        ts, dur = e["ts"], e.get("dur", 0)
        if ts + dur < start_us or ts > end_us:
            continue
        name = e["name"]
        if name in ("RunTask", "ThreadControllerImpl::RunTask"):
            busy["(all tasks)"] += dur / 1000
        group = _name_group(name)
        if group:
            spans[(e["pid"], e["tid"])].append((ts, ts + dur, group))
        if group == "run script":
            url = str(e.get("args", {}).get("data", {}).get("url", "")).split("?")[0]
            spans[(e["pid"], e["tid"])].append((ts, ts + dur, "script " + url.rsplit("/", 1)[-1]))
        stats = e.get("args", {}).get("runtime-call-stats")
        if stats:
            for counter, (_n, micros) in stats.items():
                kind = ("rcs compile+parse" if "Compile" in counter or "Pars" in counter
                        else "rcs gc" if "GC" in counter else "rcs other")
                busy[kind] += micros / 1000
        if name in ("v8.compile", "v8.compileModule"):
            data = e.get("args", {}).get("data", {})
            url = str(data.get("url", "")).split("?")[0].rsplit("/", 1)[-1]
            if data.get("consumedCacheSize"):
                url = url.split("?")[0] + f" (code cache {data['consumedCacheSize'] // 1024} KB)"
            compiles.append(((ts - start_us) / 1000, dur / 1000, url))
    for items in spans.values():
        items.sort()
        outer_end = -1.0
        script_end = -1.0
        for begin, end, group in items:
            if group.startswith("script "):
                if begin >= script_end:
                    busy[group] += (min(end, end_us) - max(begin, start_us)) / 1000
                    script_end = end
                continue
            if begin >= outer_end:  # outermost only: nested events count once
                busy[group] += (min(end, end_us) - max(begin, start_us)) / 1000
                outer_end = end
    return dict(busy), compiles


STATES: list[dict] = []
"""The widget states each update_states message carried (model names and sizes are shown)."""


def state_summary(states: dict) -> str:
    """How many widget models of each kind, and their share of the bytes (no values)."""
    count: dict[str, int] = defaultdict(int)
    size: dict[str, int] = defaultdict(int)
    for model in states.values():
        name = model.get("model_name", "?")
        count[name] += 1
        size[name] += len(json.dumps(model.get("state", {})))
    top = sorted(size, key=lambda n: -size[n])[:8]
    return f"{len(states)} models: " + ", ".join(
        f"{n} {count[n]}x {size[n] // 1024} KB" for n in top)


def ws_kind(frame: dict) -> str:
    """A websocket frame's channel, Jupyter message type and comm method (never its
    content), and its size: Jupyter's v1 websocket protocol (8-byte little-endian offsets)."""
    payload = frame["payloadData"]
    if frame.get("opcode") != 2:
        return f"text ({len(payload)} B)"
    raw = base64.b64decode(payload)
    count = int.from_bytes(raw[:8], "little")
    offsets = [int.from_bytes(raw[8 + 8 * i:16 + 8 * i], "little") for i in range(count)]
    parts = [raw[a:b] for a, b in zip(offsets, [*offsets[1:], len(raw)], strict=True)]
    try:
        channel = parts[0].decode()
        header, content = json.loads(parts[1]), json.loads(parts[4])
    except (IndexError, ValueError):
        return f"? ({len(raw)} B)"
    kind = f"{channel}:{header.get('msg_type', '?')}"
    data = content.get("data")
    if isinstance(data, dict) and "method" in data:
        kind += f":{data['method']}"
        if data["method"] == "update_states":
            STATES.append(data.get("states", {}))
    if "execution_state" in content:
        kind += f":{content['execution_state']}"
    return f"{kind} ({len(raw) // 1024} KB)" if len(raw) > 4096 else f"{kind} ({len(raw)} B)"


def one_visit(context: Any, url: str, profile: str, verbose: bool) -> None:
    page = context.new_page()
    clock_first_screen(page)
    cdp = context.new_cdp_session(page)
    log: list[tuple[float, str]] = []
    t0: list[float] = []

    def at(ts: float) -> float:
        return (ts - t0[0]) * 1000 if t0 else 0.0

    def sent(e: dict) -> None:
        if not t0 and e.get("type") == "Document":
            t0.append(e["timestamp"])
        log.append((at(e["timestamp"]), f"request  {e['request']['url'].split('?')[0][-60:]}"))

    def received(e: dict) -> None:
        r = e["response"]
        src = ("worker" if r.get("fromServiceWorker") else "cache" if r.get("fromDiskCache")
               else "net")
        log.append((at(e["timestamp"]), f"response {r['url'].split('?')[0][-60:]} [{src}]"))

    cdp.on("Network.requestWillBeSent", sent)
    cdp.on("Network.responseReceived", received)
    cdp.on("Network.webSocketCreated", lambda e: log.append((at(0) if not t0 else log[-1][0],
                                                             "ws created")))
    cdp.on("Network.webSocketFrameSent", lambda e: log.append(
        (at(e["timestamp"]), f"ws out  {ws_kind(e['response'])}")))
    cdp.on("Network.webSocketFrameReceived", lambda e: log.append(
        (at(e["timestamp"]), f"ws in   {ws_kind(e['response'])}")))
    cdp.send("Network.enable")
    if profile != "none":
        down, up, rtt = PROFILES[profile]
        cdp.send("Network.emulateNetworkConditions", {
            "offline": False, "latency": rtt, "downloadThroughput": down / 8,
            "uploadThroughput": up / 8})
    events: list[dict] = []
    complete: list[bool] = []
    cdp.on("Tracing.dataCollected", lambda e: events.extend(e["value"]))
    cdp.on("Tracing.tracingComplete", lambda e: complete.append(True))
    cdp.send("Tracing.start", {"categories": CATEGORIES, "transferMode": "ReportEvents"})
    page.goto(url, timeout=TIMEOUT)
    first = first_screen_seconds(page, TIMEOUT) * 1000
    cdp.send("Tracing.end")
    while not complete:
        page.wait_for_timeout(50)
    nav = [e for e in events if e.get("name") == "navigationStart"]
    start_us = nav[-1]["ts"] if nav else min(e["ts"] for e in events if e.get("ts"))
    busy, compiles = main_thread_breakdown(events, start_us, start_us + first * 1000)
    nav = page.evaluate("(() => { const n = performance.getEntriesByType('navigation')[0];"
                        " return [n.responseEnd, n.domContentLoadedEventEnd, n.loadEventEnd]; })()")
    print(f"  first screen at {first:7.0f} ms after navigation (page in {nav[0]:.0f} ms, "
          f"DOMContentLoaded {nav[1]:.0f} ms, load {nav[2]:.0f} ms: the app starts then)")
    for group in ("(all tasks)", *GROUPS, "rcs compile+parse", "rcs gc", "rcs other"):
        print(f"    main thread {group:<17} {busy.get(group, 0):7.0f} ms")
    scripts = sorted(((v, k) for k, v in busy.items() if k.startswith("script ")), reverse=True)
    print("    run script by file: " + ", ".join(f"{k[7:] or '(inline)'} {v:.0f}"
                                                   for v, k in scripts[:8]))
    cached = sum(1 for c in compiles if "code cache" in c[2])
    print(f"    {len(compiles)} scripts compiled, {cached} from a code cache")
    reqs = sum(1 for _, what in log if what.startswith("response") and "[net]" in what)
    kept = sum(1 for _, what in log if what.startswith("response") and "[worker]" in what)
    print(f"    {kept} responses from the service worker")
    frames = sum(1 for t, what in log if what.startswith("ws ") and t <= first)
    print(f"    {reqs} responses from the network, {frames} websocket frames before it")
    if verbose:
        for ts, what in sorted(log):
            if ts <= first + 1:
                print(f"      {ts:7.0f} ms  {what}")
        for ts, dur, name in sorted(compiles, key=lambda c: -c[1])[:12]:
            print(f"      compile {dur:6.1f} ms at {ts:7.0f} ms  {name}")
    if verbose and STATES:
        print("    widget state: " + state_summary(STATES[-1]))
    if page.locator(".ws-consent-agree").count():
        page.locator(".ws-consent-agree").click()
        page.locator(".ws-open").first.wait_for(timeout=TIMEOUT)
    print("    service worker active:", page.evaluate(WORKER_READY))
    page.close(run_before_unload=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--profile", default="clinic-wifi", choices=[*PROFILES, "none"],
                        help="network emulated (none: loopback as it is)")
    parser.add_argument("--visits", type=int, default=3, help="first visit, then returns")
    parser.add_argument("-v", "--verbose", action="store_true")
    parser.add_argument("--no-worker", action="store_true",
                        help="block service workers (to compare)")
    parser.add_argument("--incognito", action="store_true",
                        help="an in-memory browser context (no code cache), as Playwright's "
                             "new_context() gives")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    from toolkit.settings.config import Config
    from toolkit.store.demo import WORKSHOP_ORDER
    from toolkit.store.store import Store

    folder = Path(tempfile.mkdtemp())
    home = folder / "home"
    store = Store.open(Config.from_env({"WORKSHOP_HOME": str(home)}))
    session = store.create_session("Trace", list(WORKSHOP_ORDER), args.visits + 2)
    codes = [p.code for p in store.participants(session.id)]
    server, _ca = start_tls_server(home, extra=("--session", session.id,
                                                "--pool", str(args.visits + 2)))
    try:
        wait_ready(server)
        pin = spki_pin(home / "tls" / "server.crt")
        with sync_playwright() as pw:
            chromium = shutil.which("chromium") or shutil.which("chromium-browser")
            flags = [*CHROMIUM_ARGS, f"--ignore-certificate-errors-spki-list={pin}"]
            browser = pw.chromium.launch(executable_path=chromium, args=flags)
            warm = browser.new_context()  # the counselor's check, not traced
            warm.new_page().goto(f"{server.url}?code={codes[-1]}", timeout=TIMEOUT)
            warm.pages[0].locator(FIRST_SCREEN).first.wait_for(timeout=TIMEOUT)
            warm.close()
            if args.incognito:
                context = browser.new_context(viewport={"width": 360, "height": 780})
            else:  # a phone's browser: its cache (and V8's code cache) on disk
                context = pw.chromium.launch_persistent_context(
                    folder / "profile", executable_path=chromium, args=flags,
                    viewport={"width": 360, "height": 780},
                    service_workers="block" if args.no_worker else "allow")
            for n in range(args.visits):
                print("first visit:" if n == 0 else f"return visit {n}:")
                one_visit(context, f"{server.url}?code={codes[0]}", args.profile,
                          args.verbose)
            context.close()
            browser.close()
    finally:
        stop_server(server)
        shutil.rmtree(folder, ignore_errors=True)
    return 0


if __name__ == "__main__":
    os.environ.pop("WORKSHOP_DB", None)
    sys.exit(main())
