"""The database engine: SQLite (pragmas, writers that take turns, owner-only files) or
PostgreSQL (psycopg 3, a small pool per process); any other database is refused."""

from __future__ import annotations

import os
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine, make_url
from sqlalchemy.engine.url import URL

from toolkit.settings.config import ConfigError
from toolkit.text.message import msg

try:
    import fcntl
except ImportError:  # Windows: SQLite's busy_timeout alone orders the writers
    fcntl = None  # type: ignore[assignment]

BUSY_TIMEOUT_MS = 30000
"""How long a writer waits for another one before SQLite gives up with "database is locked"."""

DIALECTS = ("sqlite", "postgresql")
"""The databases the toolkit is tested on; any other is refused rather than half-working."""
POOL_SIZE = 1
"""PostgreSQL connections a process keeps open: one per kernel, since a kernel saves one
thing at a time; a burst may open POOL_OVERFLOW more for a moment. Large sites put PgBouncer
(transaction pooling) in front, see the README."""
POOL_OVERFLOW = 4


class UnsupportedDatabase(ConfigError):
    """WORKSHOP_DB names a database the toolkit does not support, or whose driver is missing."""


def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
    # pysqlite's own BEGIN is deferred: a transaction that reads and then writes can fail
    # with "database is locked" at once, without waiting. We emit BEGIN ourselves (_begin).
    dbapi_conn.isolation_level = None
    cur = dbapi_conn.cursor()
    cur.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")  # first: the next ones may wait
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=NORMAL")  # WAL + NORMAL: durable across app crashes
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA secure_delete=ON")  # deleted rows are zeroed, not left in free pages
    cur.close()


def _sqlite_begin(conn: Connection) -> None:
    # A writer takes the write lock up front (BEGIN IMMEDIATE), so it waits its turn under
    # busy_timeout instead of failing half-way; readers stay deferred and never block.
    write = conn.get_execution_options().get("workshop_write", False)
    conn.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")


def database_url(url: str | URL) -> URL:
    """The URL as the toolkit connects to it: PostgreSQL always through psycopg 3 (a bare
    postgresql:// would pick psycopg2, which is not a dependency). Raises UnsupportedDatabase
    for any other kind of database, and for PostgreSQL without psycopg installed."""
    parsed = make_url(url)
    backend = parsed.get_backend_name()
    if backend not in DIALECTS:
        raise UnsupportedDatabase(msg("db_unsupported", backend=backend))
    if backend == "postgresql":
        if parsed.get_driver_name() not in ("psycopg", "postgresql", "psycopg2"):
            raise UnsupportedDatabase(msg("db_driver_unsupported",
                                          driver=parsed.get_driver_name()))
        parsed = parsed.set(drivername="postgresql+psycopg")
        try:
            import psycopg  # noqa: F401
        except ImportError:
            raise UnsupportedDatabase(msg("db_no_driver")) from None
    return parsed


def make_engine(url: str | URL) -> Engine:
    parsed = database_url(url)
    if parsed.get_backend_name() == "postgresql":
        # pre_ping: a server restarted (or a PgBouncer recycled) under a long-lived kernel
        # costs one reconnect, not a failed save.
        return sa.create_engine(parsed, pool_size=POOL_SIZE, max_overflow=POOL_OVERFLOW,
                                pool_pre_ping=True)
    engine = sa.create_engine(parsed)
    if engine.dialect.name == "sqlite":
        db = engine.url.database
        if db and db != ":memory:":
            path = Path(db)
            path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
            if not path.exists():  # health records: owner-only; SQLite gives -wal/-shm the same
                os.close(os.open(path, os.O_WRONLY | os.O_CREAT, 0o600))
        sa.event.listen(engine, "connect", _sqlite_pragmas)
        sa.event.listen(engine, "begin", _sqlite_begin)
    return engine


def upsert(conn: Connection, table: sa.Table) -> Any:
    """INSERT for the database `conn` is on, with its on_conflict_do_nothing() and
    on_conflict_do_update(): the one way a row two clients may both add is written, so the
    second one neither fails nor makes a duplicate."""
    if conn.dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert
    else:
        from sqlalchemy.dialects.sqlite import insert
    return insert(table)


def is_postgres(engine: Engine | Connection) -> bool:
    return engine.dialect.name == "postgresql"


_queue_held = threading.local()


@contextmanager
def writers_queue(database: Path | None) -> Iterator[None]:
    """Writers of one SQLite file take turns through an OS lock on `<file>.lock`, which the
    kernel hands on the moment it is let go. SQLite's own busy handler polls with sleeps of up
    to 100 ms, and with 30 writers some lost every race for seconds on end (measured before
    this: p99 2 s, max 21 s; benchmarks/store_concurrency.py). A process that dies releases
    it; every store transaction is bounded by busy_timeout, so the queue always moves."""
    held = _queue_held.__dict__.setdefault("paths", set())
    if database is None or fcntl is None or database in held:
        # Held already by this thread (a transaction inside a transaction): waiting on it
        # would never end; SQLite's busy_timeout then fails the inner one loudly instead.
        yield
        return
    # A new open file per turn: flock is per open file, so threads of one process queue too.
    fd = os.open(f"{database}.lock", os.O_RDWR | os.O_CREAT, 0o600)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        held.add(database)
        yield
    finally:
        held.discard(database)
        os.close(fd)  # lets the lock go


def sqlite_path(engine: Engine) -> Path | None:
    """The database file of a SQLite engine, or None (another database, or in memory)."""
    db = engine.url.database
    if engine.dialect.name != "sqlite" or not db or db == ":memory:":
        return None
    return Path(db)


def readonly_engine(path: Path) -> Engine:
    """An engine that reads a SQLite file and can change nothing in it (a backup being
    checked, a database whose key is in question): no pragmas, no WAL switch."""
    uri = path.resolve().as_uri() + "?mode=ro"
    return sa.create_engine("sqlite://", creator=lambda: sqlite3.connect(uri, uri=True),
                            poolclass=sa.pool.NullPool)
