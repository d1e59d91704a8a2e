"""A throw-away PostgreSQL cluster on loopback for the tests and the store benchmark, and a
fresh database in it per test; shared by tests and benchmarks.

The cluster is made with the server binaries of Debian's `postgresql` package (initdb refuses
root, so as root it runs as the `postgres` user), durability switched off (nothing in it
outlives the run), and removed when the run ends. With WORKSHOP_TEST_PG_URL set (a role that
may CREATE DATABASE), that server is used instead and nothing is started.
"""

from __future__ import annotations

import glob
import os
import shutil
import subprocess
import tempfile
import time
from dataclasses import dataclass, field
from itertools import count
from pathlib import Path

from support.servers import free_port

START_TIMEOUT = 60
TEMPLATE = "workshop_template"
"""A database at the current schema (no key check yet): fresh test databases copy it."""
SETTINGS = {
    "listen_addresses": "127.0.0.1",
    "fsync": "off",  # a throw-away cluster: speed over durability
    "synchronous_commit": "off",
    "full_page_writes": "off",
    "max_connections": "200",  # 30 savers and 20 openers at once, with room to spare
    "shared_buffers": "32MB",
}


def bindir() -> Path | None:
    """Where initdb and friends are: PATH (PG_BINDIR first), else Debian's newest version."""
    wanted = os.environ.get("PG_BINDIR")
    if wanted and (Path(wanted) / "initdb").exists():
        return Path(wanted)
    found = shutil.which("initdb")
    if found:
        return Path(found).parent
    versions = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"),
                      key=lambda p: int(Path(p).parts[-3]) if Path(p).parts[-3].isdigit() else 0)
    return Path(versions[-1]).parent if versions else None


def _as_owner(args: list[str]) -> list[str]:
    """The command, run as `postgres` when we are root (the server refuses to run as root)."""
    return ["runuser", "-u", "postgres", "--", *args] if os.geteuid() == 0 else args


@dataclass
class Cluster:
    """A running PostgreSQL; `url` is an admin URL (SQLAlchemy form, psycopg driver)."""

    url: str
    data: Path | None = None  # None: a server we did not start
    bindir: Path | None = None
    _n: count = field(default_factory=count)
    _reused: bool = False

    def database_url(self, name: str) -> str:
        return self.url.rsplit("/", 1)[0] + f"/{name}"

    def admin(self, sql: str) -> None:
        """Run one statement outside a transaction (CREATE/DROP DATABASE need that)."""
        import psycopg

        with psycopg.connect(_libpq(self.url), autocommit=True) as conn:
            conn.execute(sql)

    def reused_database(self) -> str:
        """The URL of this process's own test database, emptied: every table of the schema
        truncated (ids start again at 1), tables a test added dropped, connections left by
        earlier tests closed. Ten times cheaper than a new database (each copy writes 7 MB),
        and the cluster stays small."""
        import sqlalchemy as sa

        from toolkit.store.schema import meta

        name = f"r{os.getpid()}"
        url = self.database_url(name)
        if not self._reused:
            self.admin(f"CREATE DATABASE {name} TEMPLATE {TEMPLATE}")
            self._reused = True
            return url
        engine = sa.create_engine(url, poolclass=sa.pool.NullPool)
        try:
            with engine.begin() as conn:
                conn.exec_driver_sql(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE "
                    "datname = current_database() AND pid <> pg_backend_pid()")
                kept = {"alembic_version", "schema_version"}
                tables = set(sa.inspect(conn).get_table_names())
                for extra in sorted(tables - set(meta.tables) - kept):
                    conn.exec_driver_sql(f'DROP TABLE "{extra}" CASCADE')
                emptied = ", ".join(sorted(set(meta.tables) - kept))
                conn.exec_driver_sql(f"TRUNCATE {emptied} RESTART IDENTITY CASCADE")
        finally:
            engine.dispose()
        return url

    def fresh_database(self, empty: bool = False) -> str:
        """The URL of a new database: a copy of the one at the current schema, or an empty
        one. Never dropped: the cluster goes at the end of the run."""
        name = f"t{os.getpid()}_{next(self._n)}"
        self.admin(f"CREATE DATABASE {name} TEMPLATE {'template0' if empty else TEMPLATE}")
        return self.database_url(name)


def _libpq(url: str) -> str:
    return url.replace("postgresql+psycopg://", "postgresql://", 1)


def start_cluster() -> Cluster:
    """A new cluster in a temporary folder, started and with the template database made.
    Raises RuntimeError when PostgreSQL's server binaries are missing or it fails to start."""
    given = os.environ.get("WORKSHOP_TEST_PG_URL")
    if given:
        cluster = Cluster(given.replace("postgresql://", "postgresql+psycopg://", 1))
    else:
        where = bindir()
        if where is None:
            raise RuntimeError("PostgreSQL's server is not installed (apt-get install "
                               "postgresql)")
        data = Path(tempfile.mkdtemp(prefix="workshop-pg-"))
        if os.geteuid() == 0:
            shutil.chown(data, "postgres", "postgres")
        subprocess.run(_as_owner([str(where / "initdb"), "-D", str(data / "db"), "-U",
                                  "postgres", "--auth=trust", "--no-sync", "-E", "UTF8",
                                  "--locale=C"]),
                       check=True, capture_output=True)
        port = free_port()
        options = " ".join(f"-c {k}={v}" for k, v in
                           {**SETTINGS, "port": port, "unix_socket_directories": data}.items())
        done = subprocess.run(_as_owner([str(where / "pg_ctl"), "-D", str(data / "db"), "-o",
                                         options, "-l", str(data / "log"), "-w", "-t",
                                         str(START_TIMEOUT), "start"]),
                              capture_output=True, text=True)
        if done.returncode != 0:
            log = (data / "log").read_text() if (data / "log").exists() else ""
            shutil.rmtree(data, ignore_errors=True)
            raise RuntimeError(f"PostgreSQL did not start: {done.stderr}{log[-2000:]}")
        cluster = Cluster(f"postgresql+psycopg://postgres@127.0.0.1:{port}/postgres", data,
                          where)
    _make_template(cluster)
    return cluster


def _make_template(cluster: Cluster) -> None:
    import sqlalchemy as sa

    from toolkit.store.database import make_engine
    from toolkit.store.migrate import upgrade_engine

    deadline = time.monotonic() + START_TIMEOUT
    while True:
        try:
            cluster.admin(f"DROP DATABASE IF EXISTS {TEMPLATE}")
            cluster.admin(f"CREATE DATABASE {TEMPLATE} TEMPLATE template0")
            break
        except Exception:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)
    engine = make_engine(cluster.database_url(TEMPLATE))
    try:
        upgrade_engine(engine)
    finally:
        engine.dispose()
    assert sa.engine.make_url(cluster.url).get_backend_name() == "postgresql"


def stop_cluster(cluster: Cluster) -> None:
    """Stop a cluster we started (at once: nothing in it is kept) and remove its folder."""
    if cluster.data is None or cluster.bindir is None:
        return
    subprocess.run(_as_owner([str(cluster.bindir / "pg_ctl"), "-D", str(cluster.data / "db"),
                              "-m", "immediate", "-w", "stop"]), capture_output=True)
    shutil.rmtree(cluster.data, ignore_errors=True)
