"""Sizes for planning a network (deploy/README.md): one `workshop serve --session` of N on a
PostgreSQL store, N light clients joined at once (the page's HTTP and kernel websocket, no
browser). Prints the memory (USS) of each client kernel and of the server process, and the
PostgreSQL connections the server holds, warm and after the joins. A throw-away cluster and
data folder; skipped with a line saying so when PostgreSQL is not installed.

    .venv/bin/python benchmarks/server_sizes.py [--participants 10]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from support.lightclient import light_burst  # noqa: E402
from support.postgres import start_cluster, stop_cluster  # noqa: E402
from support.servers import Server, free_port, stop_server, wait_ready  # noqa: E402


def start(home: Path, db: str, session: str, pool: int) -> Server:
    """`workshop serve --session` on the PostgreSQL store (start_server keeps to SQLite)."""
    port = free_port()
    log = home / "server.log"
    env = {**os.environ, "WORKSHOP_HOME": str(home), "WORKSHOP_DB": db}
    proc = subprocess.Popen([sys.executable, "-m", "toolkit.cli", "serve", "--port", str(port),
                             "--session", session, "--pool", str(pool)],
                            env=env, stdout=log.open("wb"), stderr=subprocess.STDOUT)
    return Server(f"http://127.0.0.1:{port}/", home, proc, log=log)


def uss_mb(pid: int) -> float:
    import psutil

    return psutil.Process(pid).memory_full_info().uss / 2**20


def connections(db: str) -> int:
    import sqlalchemy as sa

    engine = sa.create_engine(db, poolclass=sa.pool.NullPool)
    with engine.connect() as conn:
        n = conn.exec_driver_sql("SELECT count(*) FROM pg_stat_activity WHERE datname = "
                                 "current_database() AND pid <> pg_backend_pid()").scalar()
    engine.dispose()
    return n


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--participants", type=int, default=10)
    args = parser.parse_args()
    try:
        cluster = start_cluster()
    except (RuntimeError, OSError) as e:
        print(f"PostgreSQL: skipped ({e})")
        return 0
    server = None
    try:
        db = cluster.fresh_database()
        home = Path(tempfile.mkdtemp(prefix="sizes-"))
        os.environ.update(WORKSHOP_HOME=str(home), WORKSHOP_DB=db)
        from toolkit.store.store import Store

        store = Store.open()
        session = store.create_session("Sizes", ["opening-up", "mspss"], args.participants)
        codes = [p.code for p in store.participants(session.id)]
        store.engine.dispose()
        pool = args.participants + 2
        server = start(home, db, session.id, pool)
        ready = wait_ready(server)
        print(ready)
        warm = [uss_mb(pid) for pid in server.kernel_pids()]
        print(f"{len(warm)} warm kernels: USS median {statistics.median(warm):.0f} MB, "
              f"max {max(warm):.0f} MB; server process {uss_mb(server.proc.pid):.0f} MB; "
              f"PostgreSQL connections {connections(db)}")
        started = time.monotonic()
        times, failures = light_burst(server.url, codes)
        print(f"{len(codes)} joins at once: {failures} failed, median "
              f"{statistics.median(times):.2f} s, in {time.monotonic() - started:.1f} s")
        time.sleep(3)
        used = [uss_mb(pid) for pid in server.kernel_pids()]
        print(f"after the joins, {len(used)} kernels: USS median "
              f"{statistics.median(used):.0f} MB, max {max(used):.0f} MB; server process "
              f"{uss_mb(server.proc.pid):.0f} MB; PostgreSQL connections {connections(db)}")
    finally:
        if server is not None:
            stop_server(server)
        stop_cluster(cluster)
    return 0


if __name__ == "__main__":
    sys.exit(main())
