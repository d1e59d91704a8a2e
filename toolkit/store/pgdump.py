"""PostgreSQL's own tools for backups: pg_dump (custom format) and pg_restore, run as child
processes with the store's URL. The password goes in the environment (PGPASSWORD), never on
a command line that `ps` shows; the URL's other settings (sslmode, ...) are kept."""

from __future__ import annotations

import glob
import os
import secrets
import shutil
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.engine import Engine
from sqlalchemy.engine.url import URL

from toolkit.store.database import database_url, make_engine

TIMEOUT = 3600  # a large network's dump takes minutes; a stuck one should still end


class PgToolError(RuntimeError):
    """pg_dump or pg_restore is missing or failed; the message says what it printed."""


def tool(name: str) -> str:
    """The path of pg_dump or pg_restore: on PATH (Debian's wrapper picks the right version),
    else the newest in /usr/lib/postgresql/*/bin."""
    found = shutil.which(name)
    if found:
        return found
    versions = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"),
                      key=lambda p: int(p.split("/")[4]) if p.split("/")[4].isdigit() else 0)
    if not versions:
        raise PgToolError(f"{name} is not installed; install PostgreSQL's client tools "
                          "(apt-get install postgresql-client), the same major version as "
                          "the server or newer")
    return versions[-1]


def libpq(url: str | URL) -> tuple[str, dict[str, str]]:
    """The libpq connection URI of a store URL (no password in it) and the environment that
    carries the password."""
    parsed = database_url(url)
    env = dict(os.environ)
    if parsed.password:
        env["PGPASSWORD"] = str(parsed.password)
    uri = parsed.set(drivername="postgresql", password=None)
    return uri.render_as_string(hide_password=False), env


def _run(args: list[str], env: dict[str, str]) -> None:
    done = subprocess.run(args, env=env, capture_output=True, text=True, timeout=TIMEOUT)
    if done.returncode != 0:
        said = (done.stderr or done.stdout).strip().splitlines()
        raise PgToolError(f"{Path(args[0]).name} failed: {' / '.join(said[-3:])}")


def dump(url: str | URL, out: Path) -> None:
    """pg_dump of the database into `out` (custom format, one consistent snapshot taken while
    others write), which must exist already (made owner-only by the caller)."""
    uri, env = libpq(url)
    _run([tool("pg_dump"), "--format=custom", "--file", str(out), "--dbname", uri], env)


def restore_into(url: str | URL, dump_file: Path, replace: bool = False) -> None:
    """pg_restore a dump into the database at `url`, in one transaction: all of it or
    nothing. `replace`: drop the dump's tables first (a running server waits, then sees the
    restored tables)."""
    uri, env = libpq(url)
    args = [tool("pg_restore"), "--single-transaction", "--exit-on-error", "--no-owner",
            "--no-privileges", "--dbname", uri]
    if replace:
        args += ["--clean", "--if-exists"]
    _run([*args, str(dump_file)], env)


@contextmanager
def scratch_database(url: str | URL) -> Iterator[Engine]:
    """A new empty database beside the store's (its role needs CREATEDB), dropped after."""
    parsed = database_url(url)
    name = f"workshop_check_{secrets.token_hex(6)}"
    admin = make_engine(parsed)
    try:
        with admin.connect() as conn:
            auto = conn.execution_options(isolation_level="AUTOCOMMIT")
            try:
                auto.exec_driver_sql(f"CREATE DATABASE {name}")
            except sa.exc.DBAPIError as e:
                raise PgToolError(
                    "checking a backup restores it into a scratch database, which this "
                    f"database role may not create ({e.orig}); give it the right with "
                    f"ALTER ROLE {parsed.username or 'the_role'} CREATEDB") from None
        engine = make_engine(parsed.set(database=name))
        try:
            yield engine
        finally:
            engine.dispose()
            with admin.connect() as conn:
                conn.execution_options(isolation_level="AUTOCOMMIT").exec_driver_sql(
                    f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
    finally:
        admin.dispose()
