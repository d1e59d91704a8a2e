"""How long the facilitator's browser waits for a packet-sized file from the dashboard's
download route (a real `workshop facilitator` under /f/<id>/, its login cookie, a ticket of its
live kernel), beside reading the same file from disk in the same run.

    .venv/bin/python benchmarks/dashboard_download.py [--megabytes 30] [--rounds 5]
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

import psutil  # noqa: E402
from support.facilitator import start_facilitator  # noqa: E402
from support.servers import request, stop_server  # noqa: E402

from toolkit.access.downloads import DOWNLOADS_ENV, ROUTE, issue  # noqa: E402
from toolkit.settings.config import Config  # noqa: E402
from toolkit.store.files import write_private  # noqa: E402
from toolkit.store.store import Store  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--megabytes", type=int, default=30)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    size = args.megabytes * 1_000_000
    os.environ.pop("WORKSHOP_DB", None)
    home = Path(tempfile.mkdtemp()) / "home"
    store = Store.open(Config.from_env({"WORKSHOP_HOME": str(home)}))
    session = store.create_session("Bench", ["opening-up"], 2)
    server, url = start_facilitator(home, base_url=f"/f/{session.id}/")
    try:
        status, headers, _ = request(server, "GET", "/" + url.split("/", 3)[3])  # its kernel
        assert status == 200
        cookie = next(c.split(";")[0] for c in headers.get_all("Set-Cookie")
                      if c.startswith("username-"))
        kernel = psutil.Process(server.kernel_pids()[0])
        folder = Path(kernel.environ()[DOWNLOADS_ENV])
        found = re.search(r"kernel-([0-9a-f-]+)\.json", " ".join(kernel.cmdline()))
        assert found
        path = home / "exports" / "packet.pdf"
        store.record_export([path], session.id, [], kind="packet")
        write_private(path, os.urandom(size))
        token = issue(folder, path, session.id, found.group(1))
        waits = []
        for _ in range(args.rounds):
            started = time.perf_counter()
            status, _, body = request(server, "GET", f"/f/{session.id}/{ROUTE}/{token}",
                                      headers={"Cookie": cookie})
            waits.append(time.perf_counter() - started)
            assert status == 200 and len(body) == size
        started = time.perf_counter()
        path.read_bytes()
        disk = time.perf_counter() - started
        print(f"{args.megabytes} MB from the dashboard's download route, {args.rounds} rounds: "
              f"median {statistics.median(waits):.3f} s (min {min(waits):.3f}, max "
              f"{max(waits):.3f}); read from disk in the same run: {disk:.3f} s")
    finally:
        stop_server(server)


if __name__ == "__main__":
    main()
