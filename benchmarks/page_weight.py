"""What a phone downloads to reach its first screen (the consent notice or the worksheet list),
and how long that takes: bytes on the wire (counted by a relay between Chromium and the
server: TLS, headers and websocket frames included), requests that reached the server, and
time to the first screen, for a first visit (empty cache) and a return visit (same browser),
with Chromium's network emulated as a busy clinic Wi-Fi (4 Mbit/s down, 1 up, 60 ms) and a slow
phone link (1.6 Mbit/s down, 150 ms). Ours is `workshop serve --session` over TLS with a warm
pool, with its service worker and with service workers blocked; beside it, in the same run,
stock Voila serving the same notebook with its defaults. Each profile's visits run in a browser
profile of their own on disk, as a phone's browser keeps its cache (and V8's code cache: an
in-memory context, Playwright's new_context(), keeps none). The return visit comes once the
first visit's page has loaded and its service worker is installed. "ours, light page" is the
same server on its default page (our own small frontend), "ours, Voila's page" on
`--page voila`, measured in the same run.

Time to the first screen is the page's own clock: from the start of the navigation to the
animation frame in which the first screen is visible (tests/support/meter.py,
`clock_first_screen`), not the time until Playwright's `wait_for` sees the screen: that looks
again only every 500 ms after its first tries, and added up to half a second (a screen drawn at
0.6 s was reported at 1.0 s) in the figures before December 2026.

    .venv/bin/python benchmarks/page_weight.py [--profiles clinic-wifi,slow-phone] [--skip-stock]
        [--skip-light] [--rounds N]

--rounds N repeats each profile's first and return visit in N fresh browser profiles and
prints the median; ours with and without its worker take turns round by round (the machine
may be busy: compare rows of the same run).

WORKSHOP_WS_COMPRESSION=0 in the environment turns the websocket's per-message compression
off in our server, to compare (a return visit: about 175 KB on the wire instead of 30 KB).

Targets: first visit at most 1.5 MB; a return visit at most 150 KB and 10 requests; first
screen on clinic Wi-Fi within 4 s (first visit) and 1 s (return); at least 3 times quicker
than stock Voila on the slow phone's first visit.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "benchmarks"))

from join_burst import start_stock  # noqa: E402
from support.browser import CHROMIUM_ARGS  # noqa: E402
from support.meter import (  # noqa: E402
    FIRST_SCREEN,
    PROFILES,
    CountingProxy,
    Meter,
    clock_first_screen,
    first_screen_seconds,
)
from support.servers import Server, stop_server, wait_ready  # noqa: E402
from support.tls import spki_pin, start_tls_server  # noqa: E402

TIMEOUT = 180_000  # ms: stock Voila over the slow profile takes a while
WORKER_READY = """() => !navigator.serviceWorker ? false : Promise.race([
  navigator.serviceWorker.ready.then(() => true),
  new Promise((done) => setTimeout(() => done(false), 30000))])"""
"""Whether the page's service worker is installed (waited for before the return visit)."""


@dataclass
class Visit:
    seconds: float
    wire: int
    requests: int


def _port(url: str) -> int:
    return int(url.rsplit(":", 1)[1].strip("/"))


def visit(context: Any, url: str, proxy: CountingProxy, profile: str) -> Visit:
    """Open `url` in a new tab of `context` and wait for the first screen."""
    page = context.new_page()
    clock_first_screen(page)
    meter = Meter.attach(page, profile)
    proxy.reset()
    page.goto(url, timeout=TIMEOUT)
    seconds = first_screen_seconds(page, TIMEOUT)
    page.wait_for_timeout(1000)  # what the page still loads after showing its first screen
    result = Visit(seconds, proxy.down + proxy.up, len(meter.reached))
    if page.locator(".ws-consent-agree").count():
        page.locator(".ws-consent-agree").click()  # so the return visit shows the list
        page.locator(".ws-open").first.wait_for(timeout=TIMEOUT)
    page.evaluate(WORKER_READY)
    page.close(run_before_unload=True)
    return result


def _median(visits: list[Visit]) -> Visit:
    def mid(values: list[Any]) -> Any:
        return sorted(values)[len(values) // 2]

    return Visit(mid([v.seconds for v in visits]), mid([v.wire for v in visits]),
                 mid([v.requests for v in visits]))


def measure(browser_args: list[str], server: Server, codes: Any, profiles: list[str],
            rounds: int = 1, variants: dict[str, str] | None = None
            ) -> dict[str, dict[str, tuple[Visit, Visit]]]:
    """For each variant (name: "allow" or "block" service workers) and profile, the median
    first and return visit of `rounds`, each round in a fresh browser profile on disk; the
    variants take turns round by round, so a machine that gets busier slows both alike."""
    from playwright.sync_api import sync_playwright

    variants = variants or {"": "allow"}
    proxy = CountingProxy(_port(server.url))
    url = proxy.url_for(server.url)
    runs: dict[tuple[str, str], list[tuple[Visit, Visit]]] = {}
    folder = Path(tempfile.mkdtemp())
    try:
        with sync_playwright() as pw:
            chromium = shutil.which("chromium") or shutil.which("chromium-browser")
            # Clinics are offline: a name outside this machine (stock Voila's CDN fonts) fails
            # at once. (Not a Playwright route: routing turns the HTTP cache off.)
            offline = "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"
            args = [*CHROMIUM_ARGS, offline, *browser_args]
            browser = pw.chromium.launch(executable_path=chromium, args=args)
            # One page first, unthrottled and not counted, as the counselor's own check
            # before the group arrives (a code of its own).
            warm = browser.new_context()
            warm.new_page().goto(f"{url}?code={next(codes)}", timeout=TIMEOUT)
            warm.pages[0].locator(FIRST_SCREEN).first.wait_for(timeout=TIMEOUT)
            warm.close()
            browser.close()
            for profile in profiles:
                for n in range(rounds):
                    for name, workers in variants.items():
                        context = pw.chromium.launch_persistent_context(
                            folder / f"{profile}-{n}-{workers}", executable_path=chromium,
                            args=args, viewport={"width": 360, "height": 780},
                            service_workers=workers)
                        link = f"{url}?code={next(codes)}"
                        first = visit(context, link, proxy, profile)
                        runs.setdefault((name, profile), []).append(
                            (first, visit(context, link, proxy, profile)))
                        context.close()
    finally:
        proxy.close()
        shutil.rmtree(folder, ignore_errors=True)
    out: dict[str, dict[str, tuple[Visit, Visit]]] = {}
    for (name, profile), pairs in runs.items():
        out.setdefault(name, {})[profile] = (_median([p[0] for p in pairs]),
                                             _median([p[1] for p in pairs]))
    return out


def _row(name: str, v: Visit) -> str:
    return (f"  {name:<30} {v.wire / 1000:9.0f} KB  {v.requests:4d} requests  "
            f"first screen {v.seconds:6.2f} s")


LIGHT_ROW = "ours, light page"
"""The default page (frontend/light-page)."""
VOILA_ROW = "ours, Voila's page"
"""`workshop serve --page voila`: Voila's own frontend."""


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--profiles", default=",".join(PROFILES),
                        help=f"network profiles, comma-separated (default {','.join(PROFILES)})")
    parser.add_argument("--skip-stock", action="store_true", help="ours only")
    parser.add_argument("--rounds", type=int, default=1,
                        help="fresh browser profiles per network profile (median printed)")
    parser.add_argument("--skip-no-worker", action="store_true",
                        help="leave out ours with service workers blocked")
    parser.add_argument("--skip-light", action="store_true",
                        help="leave out ours on the light page (--page light)")
    args = parser.parse_args()
    profiles = [p for p in args.profiles.split(",") if p]
    variants = 1 if args.skip_no_worker else 2
    light = 0 if args.skip_light else 1
    # A kernel for each visit (first and return), one for the counselor's check, one spare.
    kernels = 2 * variants * len(profiles) * args.rounds + 2
    from toolkit.settings.config import Config
    from toolkit.store.demo import WORKSHOP_ORDER
    from toolkit.store.store import Store

    folder = Path(tempfile.mkdtemp())
    home = folder / "home"
    store = Store.open(Config.from_env({"WORKSHOP_HOME": str(home)}))
    session = store.create_session("Bench", list(WORKSHOP_ORDER),
                                   (variants + light + 1) * len(profiles) * args.rounds
                                   + 2 + light)
    codes = iter([p.code for p in store.participants(session.id)])
    results: dict[str, dict[str, tuple[Visit, Visit]]] = {}
    try:
        ours, _ca = start_tls_server(home, extra=(
            "--session", session.id, "--pool", str(kernels), "--page", "voila"))
        try:
            wait_ready(ours)
            pin = [f"--ignore-certificate-errors-spki-list={spki_pin(home / 'tls' / 'server.crt')}"]
            ours_variants = {VOILA_ROW: "allow"}
            if not args.skip_no_worker:
                ours_variants["ours, Voila's page, no worker"] = "block"
            results.update(measure(pin, ours, codes, profiles, args.rounds, ours_variants))
        finally:
            stop_server(ours)
        if light:
            pool = 2 * len(profiles) * args.rounds + 2
            lighter, _ca = start_tls_server(home, extra=(
                "--session", session.id, "--pool", str(pool), "--page", "light"))
            try:
                wait_ready(lighter)
                pin = [f"--ignore-certificate-errors-spki-list="
                       f"{spki_pin(home / 'tls' / 'server.crt')}"]
                results.update(measure(pin, lighter, codes, profiles, args.rounds,
                                       {LIGHT_ROW: "allow"}))
            finally:
                stop_server(lighter)
        if not args.skip_stock:
            stock = start_stock(home)
            try:
                results["stock voila"] = measure([], stock, codes, profiles, args.rounds)[""]
            finally:
                stop_server(stock)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    for profile in profiles:
        down, up, rtt = PROFILES[profile]
        print(f"{profile} ({down / 1e6:g} Mbit/s down, {up / 1e6:g} up, {rtt} ms round trip):")
        for name, runs in results.items():
            first, again = runs[profile]
            print(_row(f"{name}, first visit", first))
            print(_row(f"{name}, return visit", again))
        if "stock voila" in results:
            ours = LIGHT_ROW if LIGHT_ROW in results else VOILA_ROW
            ratio = results["stock voila"][profile][0].seconds / results[ours][profile][0].seconds
            print(f"  first visit, stock / {ours}: {ratio:.1f}x quicker")
    return 0


if __name__ == "__main__":
    os.environ.pop("WORKSHOP_DB", None)
    sys.exit(main())
