"""What a phone downloads to reach its first screen (the consent notice or the worksheet list),
and how long that takes: bytes on the wire (counted by a relay between Chromium and the
server: TLS, headers and websocket frames included), requests that reached the server, and
time to the first screen, for a first visit (empty cache) and a return visit (same browser),
with Chromium's network emulated as a busy clinic Wi-Fi (4 Mbit/s down, 1 up, 60 ms) and a slow
phone link (1.6 Mbit/s down, 150 ms). Ours is `workshop serve --session` over TLS with a warm
pool; beside it, in the same run, stock Voila serving the same notebook with its defaults.

    .venv/bin/python benchmarks/page_weight.py [--profiles clinic-wifi,slow-phone] [--skip-stock]

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
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "benchmarks"))

from join_burst import start_stock  # noqa: E402
from support.browser import CHROMIUM_ARGS  # noqa: E402
from support.meter import PROFILES, CountingProxy, Meter  # noqa: E402
from support.servers import Server, stop_server, wait_ready  # noqa: E402
from support.tls import spki_pin, start_tls_server  # noqa: E402

FIRST_SCREEN = ".ws-consent-agree, .ws-open"
TIMEOUT = 180_000  # ms: stock Voila over the slow profile takes a while


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
    meter = Meter.attach(page, profile)
    proxy.reset()
    t0 = time.perf_counter()
    page.goto(url, timeout=TIMEOUT)
    page.locator(FIRST_SCREEN).first.wait_for(timeout=TIMEOUT)
    seconds = time.perf_counter() - t0
    page.wait_for_timeout(1000)  # what the page still loads after showing its first screen
    result = Visit(seconds, proxy.down + proxy.up, len(meter.reached))
    if page.locator(".ws-consent-agree").count():
        page.locator(".ws-consent-agree").click()  # so the return visit shows the list
        page.locator(".ws-open").first.wait_for(timeout=TIMEOUT)
    page.close(run_before_unload=True)
    return result


def measure(browser_args: list[str], server: Server, code_for: Any,
            profiles: list[str]) -> dict[str, tuple[Visit, Visit]]:
    """First and return visit for each profile, each profile in a fresh browser profile."""
    from playwright.sync_api import sync_playwright

    proxy = CountingProxy(_port(server.url))
    url = proxy.url_for(server.url)
    out = {}
    try:
        with sync_playwright() as pw:
            chromium = shutil.which("chromium") or shutil.which("chromium-browser")
            # Clinics are offline: a name outside this machine (stock Voila's CDN fonts) fails
            # at once. (Not a Playwright route: routing turns the HTTP cache off.)
            offline = "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"
            browser = pw.chromium.launch(executable_path=chromium,
                                         args=[*CHROMIUM_ARGS, offline, *browser_args])
            # One page first, unthrottled and not counted, as the counselor's own check
            # before the group arrives (code_for(None): a code of its own).
            warm = browser.new_context()
            warm.new_page().goto(f"{url}?code={code_for(None)}", timeout=TIMEOUT)
            warm.pages[0].locator(FIRST_SCREEN).first.wait_for(timeout=TIMEOUT)
            warm.close()
            for profile in profiles:
                context = browser.new_context(viewport={"width": 360, "height": 780})
                link = f"{url}?code={code_for(profile)}"
                out[profile] = (visit(context, link, proxy, profile),
                                visit(context, link, proxy, profile))
                context.close()
            browser.close()
    finally:
        proxy.close()
    return out


def _row(name: str, v: Visit) -> str:
    return (f"  {name:<22} {v.wire / 1000:9.0f} KB  {v.requests:4d} requests  "
            f"first screen {v.seconds:6.2f} s")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--profiles", default=",".join(PROFILES),
                        help=f"network profiles, comma-separated (default {','.join(PROFILES)})")
    parser.add_argument("--skip-stock", action="store_true", help="ours only")
    args = parser.parse_args()
    profiles = [p for p in args.profiles.split(",") if p]
    from toolkit.settings.config import Config
    from toolkit.store.demo import WORKSHOP_ORDER
    from toolkit.store.store import Store

    folder = Path(tempfile.mkdtemp())
    home = folder / "home"
    store = Store.open(Config.from_env({"WORKSHOP_HOME": str(home)}))
    session = store.create_session("Bench", list(WORKSHOP_ORDER), 2 * len(profiles) + 2)
    codes = [p.code for p in store.participants(session.id)]
    spare = {"ours": codes[-1], "stock": codes[-2]}
    results: dict[str, dict[str, tuple[Visit, Visit]]] = {}
    try:
        ours, _ca = start_tls_server(home, extra=(
            "--session", session.id, "--pool", str(2 * len(profiles) + 2)))
        try:
            wait_ready(ours)
            pin = spki_pin(home / "tls" / "server.crt")
            results["ours (TLS)"] = measure([f"--ignore-certificate-errors-spki-list={pin}"],
                                            ours, lambda p: codes[profiles.index(p)]
                                            if p else spare["ours"], profiles)
        finally:
            stop_server(ours)
        if not args.skip_stock:
            stock = start_stock(home)
            try:
                results["stock voila"] = measure(
                    [], stock, lambda p: codes[len(profiles) + profiles.index(p)]
                    if p else spare["stock"], profiles)
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
            ratio = results["stock voila"][profile][0].seconds / results[
                "ours (TLS)"][profile][0].seconds
            print(f"  first visit, stock / ours: {ratio:.1f}x quicker")
    return 0


if __name__ == "__main__":
    os.environ.pop("WORKSHOP_DB", None)
    sys.exit(main())
