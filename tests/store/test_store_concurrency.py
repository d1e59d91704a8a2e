"""Thirty processes saving at once to one store (SQLite), and two servers' thirty each to one
PostgreSQL: nothing lost, never "locked".

A process here saves as a client's kernel does: its own Store, its own connections. Run
with `-s` to see the latency figures; benchmarks/store_concurrency.py gives more.
"""

from __future__ import annotations

import multiprocessing as mp
import statistics
import time
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa

from toolkit.store.crypto import Cipher, decode_key, new_key_text
from toolkit.store.store import Participant, Store, answers, make_engine

PROCESSES = 30
SAVES = 200
SERVERS = 2  # on PostgreSQL: two groups' servers (each its own session) writing at once
ITEMS = 10  # each process saves item0..item9 in turn, so every item gets 20 versions
START_TIMEOUT = 120.0
SAVING_TIMEOUT = 600.0
"""60 processes x 200 saves on two busy cores: 62-76 s measured, far more under load."""


def saver(url: str, key: str, who: tuple[int, str, str], saves: int, ready: Any, go: Any,
          results: Any) -> None:
    """One process: open the store, wait for the start signal, save `saves` answers one by
    one, and report each save's latency and any error text."""
    store = Store(make_engine(url), Cipher(decode_key(key, "test key")))
    p = Participant(*who)
    ready.put(p.id)
    go.wait()
    latencies, errors = [], []
    for n in range(saves):
        started = time.perf_counter()
        try:
            store.save_answer(p, "load", f"item{n % ITEMS}", {"n": n, "who": p.id}, "1.0")
        except Exception as e:  # reported to the parent, which fails the test
            errors.append(f"{type(e).__name__}: {e}")
        latencies.append(time.perf_counter() - started)
    store.engine.dispose()
    results.put((p.id, latencies, errors))


def run(folder: Path, processes: int = PROCESSES, url: str | None = None, saves: int = SAVES,
        servers: int = 1) -> tuple[Store, list[Participant], dict]:
    """Start `processes` savers for each of `servers` groups, all together (on a SQLite file
    in `folder`, or the database at `url`); returns the store, participants and reports."""
    key = new_key_text()
    url = url or f"sqlite:///{folder / 'load.sqlite'}"
    store = Store(make_engine(url), Cipher(decode_key(key, "test key")))
    people = [p for n in range(servers) for p in store.add_participants(
        store.create_session(f"Load {n}", ["load"]).id, processes)]
    for p in people:
        store.record_consent(p)
    # Each saver is a fresh process (no connection inherited across a fork), started from a
    # fork server that has imported the store, PostgreSQL's driver and this module once: 30
    # spawned interpreters each importing the store cost ~12 s of CPU before the saving began.
    ctx = mp.get_context("forkserver")
    ctx.set_forkserver_preload(["toolkit.store.store", "sqlalchemy.dialects.postgresql.psycopg",
                                saver.__module__])
    ready, results, go = ctx.Queue(), ctx.Queue(), ctx.Event()
    workers = [ctx.Process(target=saver, args=(url, key, (p.id, p.session_id, p.code), saves,
                                               ready, go, results)) for p in people]
    for w in workers:
        w.start()
    try:
        for _ in workers:  # every process has its store open before anyone saves
            ready.get(timeout=START_TIMEOUT)
        started = time.perf_counter()
        go.set()
        reports = {}
        for _ in workers:
            pid, latencies, errors = results.get(timeout=SAVING_TIMEOUT)
            reports[pid] = (latencies, errors)
        reports["_wall"] = time.perf_counter() - started
    finally:
        for w in workers:
            w.join(timeout=30)
            if w.is_alive():
                w.kill()
    return store, people, reports


def percentile(values: list[float], q: float) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[q - 1] if q < 100 \
        else max(values)


@pytest.mark.parametrize("kind", ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def test_thirty_processes_save_at_once_with_nothing_lost(tmp_path, kind, request):
    """30 processes x 200 saves on SQLite; on PostgreSQL two servers' groups of 30 processes
    (60 at once) x 200 saves: every row is there, each item's latest value is the last one
    saved, and no save failed ("database is locked" or any other error)."""
    url = request.getfixturevalue("pg_cluster").fresh_database() if kind == "postgres" else None
    saves, servers = SAVES, SERVERS if url else 1
    store, people, reports = run(tmp_path, url=url, saves=saves, servers=servers)
    wall = reports.pop("_wall")
    errors = [e for _, errs in reports.values() for e in errs]
    assert errors == [], f"{len(errors)} failed saves, e.g. {errors[:3]}"
    latencies = [t for lat, _ in reports.values() for t in lat]
    p50, p99 = percentile(latencies, 50), percentile(latencies, 99)
    print(f"\n{kind}: {servers} x {PROCESSES} processes x {saves} saves in {wall:.1f} s "
          f"({len(latencies) / wall:.0f} saves/s): save latency p50 {p50 * 1000:.1f} ms, "
          f"p99 {p99 * 1000:.1f} ms, max {max(latencies) * 1000:.1f} ms")
    with store.engine.connect() as conn:
        total = conn.execute(sa.select(sa.func.count()).select_from(answers)).scalar()
    assert total == servers * PROCESSES * saves
    last = {f"item{k}": {"n": saves - ITEMS + k} for k in range(ITEMS)}
    for p in people:
        got = store.latest_for(p, "load")
        assert got == {item: {**v, "who": p.id} for item, v in last.items()}
        assert len(store.history(p, "load", "item0")) == saves // ITEMS
