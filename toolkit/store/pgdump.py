"""PostgreSQL's own tools for backups: pg_dump (custom format) and pg_restore, run as child
processes with the store's URL. The password goes in the environment (PGPASSWORD), never on
a command line that `ps` shows; the URL's other settings (sslmode, ...) are kept."""

from __future__ import annotations

import glob
import os
import re
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
from toolkit.text.message import MessageError, msg

TIMEOUT = 3600  # a large network's dump takes minutes; a stuck one should still end


class PgToolError(MessageError, RuntimeError):
    """pg_dump or pg_restore is missing or failed; the message says what it printed (its own
    words, without the values it quotes: see tool_said)."""


TOOL_LINES = 3
"""How many of the tool's own lines an error repeats: the last ones, where it says why."""
_VALUE = re.compile(r'(:|\bnear) +".*$|(:) +0x[0-9A-Fa-f].*$')
"""Where a PostgreSQL error quotes a value from the data (`invalid input syntax for type
bytea: "..."`, `at or near "..."`, `for encoding "UTF8": 0xff`): from there to the line's end."""
_SERVER_LINES = ("DETAIL:", "CONTEXT:", "HINT:", "QUERY:", "WHERE:", "LINE ", "Command was:")
"""How the lines PostgreSQL adds under an error start; left out even when the tool printed
none of its own (a wrapper's error)."""


def tool(name: str) -> str:
    """The path of pg_dump or pg_restore: on PATH (Debian's wrapper picks the right version),
    else the newest in /usr/lib/postgresql/*/bin."""
    found = shutil.which(name)
    if found:
        return found
    versions = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"),
                      key=lambda p: int(p.split("/")[4]) if p.split("/")[4].isdigit() else 0)
    if not versions:
        raise PgToolError(msg("pg_tool_missing", name=name))
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


def tool_said(name: str, output: str) -> str:
    """What pg_dump or pg_restore (`name`) printed, as an error repeats it: only its own
    `name: ...` lines (any others when it printed none), since the server's DETAIL, CONTEXT and
    `Command was:` lines under them quote rows of the dump (client data), and in those lines a
    quoted value cut off."""
    lines = output.strip().splitlines()
    own = ([line for line in lines if line.startswith(f"{name}:")]
           or [line for line in lines if not line.lstrip().startswith(_SERVER_LINES)])
    kept = [_VALUE.sub(lambda m: f"{m.group(1) or m.group(2)} ...", line) for line in own]
    return " / ".join(kept[-TOOL_LINES:])


def _run(args: list[str], env: dict[str, str]) -> None:
    done = subprocess.run(args, env=env, capture_output=True, text=True, timeout=TIMEOUT)
    if done.returncode != 0:
        name = Path(args[0]).name
        raise PgToolError(msg("pg_tool_failed", name=name,
                              output=tool_said(name, done.stderr or done.stdout)))


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
                raise PgToolError(msg("pg_no_createdb", error=e.orig,
                                      role=parsed.username or "the_role")) from None
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
