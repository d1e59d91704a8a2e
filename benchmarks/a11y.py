"""axe-core findings on every client screen of a served group, in English and Spanish at 360
and 1280 px: per screen, the serious or critical findings and the structure rules (landmarks,
headings) that the accessibility test keeps at zero, counted by element; then the total.

    .venv/bin/python benchmarks/a11y.py [--langs en,es] [--widths 360,1280] [-v]
"""

from __future__ import annotations

import argparse
import collections
import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from support.axe import findings  # noqa: E402
from support.browser import CHROMIUM_ARGS  # noqa: E402
from support.screens import client_screens  # noqa: E402
from support.servers import start_server, stop_server  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--langs", default="en,es")
    parser.add_argument("--widths", default="360,1280")
    parser.add_argument("-v", "--verbose", action="store_true", help="print every finding")
    args = parser.parse_args()
    langs, widths = args.langs.split(","), [int(x) for x in args.widths.split(",")]
    from playwright.sync_api import sync_playwright

    from toolkit.settings.config import Config
    from toolkit.store.demo import WORKSHOP_ORDER
    from toolkit.store.store import Store

    tmp = Path(tempfile.mkdtemp(prefix="a11y-"))
    home = tmp / "home"
    store = Store.open(Config.from_env({"WORKSHOP_HOME": str(home)}))
    session = store.create_session("A11y", list(WORKSHOP_ORDER), len(langs) * len(widths))
    codes = [p.code for p in store.participants(session.id)]
    server = start_server(home)
    total, screens, rules = 0, 0, collections.Counter()
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=shutil.which("chromium"),
                                         args=CHROMIUM_ARGS)
            for i, (lang, width) in enumerate((la, wi) for la in langs for wi in widths):
                context = browser.new_context(viewport={"width": width, "height": 800})
                page = context.new_page()
                for screen in client_screens(page, server.url, codes[i], lang, store):
                    found = findings(page)
                    screens += 1
                    total += len(found)
                    rules.update(f.rule for f in found)
                    print(f"{lang} {width:>4} {screen:<20} {len(found):>3}", flush=True)
                    if args.verbose:
                        for f in found:
                            print(f"      {f}")
                context.close()
            browser.close()
    finally:
        stop_server(server)
        shutil.rmtree(tmp, ignore_errors=True)
    print(f"{total} findings on {screens} screens; by rule: {dict(rules.most_common())}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
