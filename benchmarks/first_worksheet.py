"""Time from opening the client link to the first interactive worksheet, against a one-widget
hello-world notebook served the same way (same `workshop serve`, template and settings), in
the same run. Each round is a new participant, who agrees to the consent notice on the way,
as everyone does on their first visit. Prints medians and the ratio; the machine is shared,
so only the ratio travels.

    .venv/bin/python benchmarks/first_worksheet.py [--rounds 5]
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from support.browser import CHROMIUM_ARGS, join  # noqa: E402
from support.servers import start_server, stop_server  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=5,
                        help="timed rounds, after one warm-up round (default 5)")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    from toolkit.settings.config import Config
    from toolkit.store.demo import WORKSHOP_ORDER
    from toolkit.store.store import Store

    folder = Path(tempfile.mkdtemp())
    home = folder / "home"
    store = Store.open(Config.from_env({"WORKSHOP_HOME": str(home)}))
    session = store.create_session("Bench", list(WORKSHOP_ORDER), args.rounds + 1)
    codes = [p.code for p in store.participants(session.id)]
    client = start_server(home)
    hello = start_server(home, notebook=str(ROOT / "benchmarks" / "hello.ipynb"))
    times: dict[str, list[float]] = {"client": [], "hello": []}
    try:
        with sync_playwright() as pw:
            chromium = shutil.which("chromium") or shutil.which("chromium-browser")
            browser = pw.chromium.launch(executable_path=chromium,
                                         args=CHROMIUM_ARGS)
            for i in range(args.rounds + 1):  # round 0 warms caches and is not counted
                for name in ("hello", "client"):
                    page = browser.new_page(viewport={"width": 360, "height": 780})
                    t0 = time.perf_counter()
                    if name == "hello":
                        page.goto(hello.url, timeout=120_000)
                        page.wait_for_selector(".widget-button", timeout=120_000)
                    else:
                        join(page, client.url, codes[i])  # through the consent notice
                        page.locator(f".ws-sheet-{WORKSHOP_ORDER[0]} .ws-open").click(
                            timeout=120_000)
                        page.wait_for_selector(".ws-form .ws-choice", timeout=120_000)
                    elapsed = time.perf_counter() - t0
                    page.close(run_before_unload=True)
                    if i:
                        times[name].append(elapsed)
            browser.close()
    finally:
        stop_server(client)
        stop_server(hello)
        shutil.rmtree(folder, ignore_errors=True)
    c, h = statistics.median(times["client"]), statistics.median(times["hello"])
    print(f"rounds: {args.rounds} (after one warm-up)")
    print(f"hello-world notebook, link to interactive widget: median {h * 1000:.0f} ms "
          f"(min {min(times['hello']) * 1000:.0f})")
    print(f"client app, link to first interactive worksheet:   median {c * 1000:.0f} ms "
          f"(min {min(times['client']) * 1000:.0f})")
    print(f"ratio client / hello: {c / h:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
