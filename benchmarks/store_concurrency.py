"""Answer saves under contention: N spawned processes each saving M answers at once to one
SQLite store (p50/p99/max latency, throughput), against the same-run baseline of one process
saving alone; `--no-queue` repeats the crowd with SQLite's busy handler as the only order (the
writers' queue switched off) to show what the queue buys. Then the same on PostgreSQL, and
`--servers` groups' servers of N processes each saving at once (each group its own session,
as two groups' kernels are): a throw-away cluster started for the run
(tests/support/postgres.py; or the server at WORKSHOP_TEST_PG_URL), skipped with a line
saying so when PostgreSQL is not installed. A process saves as a client's kernel does (its
own Store and connections). A throw-away folder; a few minutes on a 2-core machine.

    .venv/bin/python benchmarks/store_concurrency.py [--processes 30] [--saves 200] [--no-queue]
        [--servers 2] [--no-postgres]
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

import sqlalchemy as sa  # noqa: E402

from toolkit.store.crypto import Cipher, decode_key, new_key_text  # noqa: E402
from toolkit.store.store import Participant, Store, answers, make_engine  # noqa: E402


def saver(url: str, key: str, who: tuple[int, str, str], saves: int, queue: bool,
          ready: Any, go: Any, results: Any) -> None:
    if not queue:
        import toolkit.store.database

        toolkit.store.database.fcntl = None  # SQLite's busy handler alone decides who writes next
    store = Store(make_engine(url), Cipher(decode_key(key, "benchmark key")))
    p = Participant(*who)
    ready.put(p.id)
    go.wait()
    latencies, errors = [], 0
    for n in range(saves):
        t0 = time.perf_counter()
        try:
            store.save_answer(p, "load", f"item{n % 10}", {"n": n}, "1.0")
        except Exception as e:
            errors += 1
            print(f"save failed: {type(e).__name__}: {e}", file=sys.stderr)
        latencies.append(time.perf_counter() - t0)
    store.engine.dispose()
    results.put((latencies, errors))


def crowd(folder: Path, processes: int, saves: int, queue: bool = True,
          url: str | None = None, servers: int = 1) -> dict[str, float]:
    """Start `processes` savers for each of `servers` groups, all together (on a new SQLite
    file in `folder`, or the database at `url`); latency figures in ms, throughput in
    saves/s."""
    key = new_key_text()
    url = url or f"sqlite:///{folder / f'bench-{processes}-{queue}.sqlite'}"
    store = Store(make_engine(url), Cipher(decode_key(key, "benchmark key")))
    people = [p for n in range(servers) for p in store.add_participants(
        store.create_session(f"Load {n}", ["load"]).id, processes)]
    for p in people:
        store.record_consent(p)
    # Fresh processes (no connection inherited) forked from a server that imported the store
    # and the driver once: 60 spawned interpreters importing them took minutes of CPU.
    ctx = mp.get_context("forkserver")
    ctx.set_forkserver_preload(["__main__", "toolkit.store.store",
                                "sqlalchemy.dialects.postgresql.psycopg"])
    ready, results, go = ctx.Queue(), ctx.Queue(), ctx.Event()
    workers = [ctx.Process(target=saver, args=(url, key, (p.id, p.session_id, p.code), saves,
                                               queue, ready, go, results)) for p in people]
    for w in workers:
        w.start()
    for _ in workers:
        ready.get(timeout=300)
    t0 = time.perf_counter()
    go.set()
    done = [results.get(timeout=600) for _ in workers]
    wall = time.perf_counter() - t0
    for w in workers:
        w.join()
    latencies = sorted(t for lat, _ in done for t in lat)
    cuts = statistics.quantiles(latencies, n=100, method="inclusive")
    with store.engine.connect() as conn:  # every save that did not fail is a row
        rows = conn.execute(sa.select(sa.func.count()).select_from(answers)).scalar() or 0
    errors = sum(e for _, e in done)
    store.engine.dispose()
    return {"p50": 1000 * cuts[49], "p99": 1000 * cuts[98], "max": 1000 * latencies[-1],
            "throughput": len(latencies) / wall, "errors": errors,
            "lost": len(latencies) - errors - rows, "wall": wall}


def _line(name: str, r: dict[str, float]) -> str:
    return (f"{name:<34} p50 {r['p50']:7.1f} ms  p99 {r['p99']:7.1f} ms  max {r['max']:7.1f} ms"
            f"  {r['throughput']:6.0f} saves/s  errors {r['errors']:.0f}  lost {r['lost']:.0f}"
            f"  ({r['wall']:.1f} s)")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--processes", type=int, default=30)
    parser.add_argument("--saves", type=int, default=200)
    parser.add_argument("--no-queue", action="store_true",
                        help="also run the crowd without the writers' queue")
    parser.add_argument("--servers", type=int, default=2,
                        help="PostgreSQL: also this many groups' servers of --processes each")
    parser.add_argument("--no-postgres", action="store_true", help="SQLite only")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="store-bench-") as tmp:
        folder = Path(tmp)
        alone = crowd(folder, 1, args.saves)
        print(_line("baseline: 1 process alone", alone), flush=True)
        many = crowd(folder, args.processes, args.saves)
        print(_line(f"{args.processes} processes at once", many), flush=True)
        print(f"{'':<34} p99 x{many['p99'] / alone['p99']:.1f} of the baseline, throughput "
              f"x{many['throughput'] / alone['throughput']:.2f}", flush=True)
        if args.no_queue:
            bare = crowd(folder, args.processes, args.saves, queue=False)
            print(_line(f"{args.processes} at once, busy handler only", bare), flush=True)
        if not args.no_postgres:
            postgres(folder, args.processes, args.saves, args.servers)
    return 0


def postgres(folder: Path, processes: int, saves: int, servers: int) -> None:
    """The same two runs on a throw-away PostgreSQL, then `servers` groups' crowds at once;
    or one line saying why not."""
    from support.postgres import start_cluster, stop_cluster

    try:
        cluster = start_cluster()
    except (RuntimeError, OSError) as e:
        print(f"PostgreSQL: skipped ({e})", flush=True)
        return
    try:
        alone = crowd(folder, 1, saves, url=cluster.fresh_database())
        print(_line("PostgreSQL: 1 process alone", alone), flush=True)
        many = crowd(folder, processes, saves, url=cluster.fresh_database())
        print(_line(f"PostgreSQL: {processes} processes at once", many), flush=True)
        print(f"{'':<34} p99 x{many['p99'] / alone['p99']:.1f} of the baseline, throughput "
              f"x{many['throughput'] / alone['throughput']:.2f}", flush=True)
        if servers > 1:
            both = crowd(folder, processes, saves, url=cluster.fresh_database(),
                         servers=servers)
            print(_line(f"PostgreSQL: {servers} servers x {processes} at once", both),
                  flush=True)
    finally:
        stop_cluster(cluster)


if __name__ == "__main__":
    sys.exit(main())
