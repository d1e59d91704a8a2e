"""Bring a database up to the current schema with the Alembic revisions in migrations/, once,
under the writers' lock (PostgreSQL: an advisory lock); refuse one made by a newer toolkit.
Alembic is imported only when there is something to do, so opening a store that is up to
date stays cheap."""

from __future__ import annotations

import functools
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from toolkit.settings.config import Config
from toolkit.store.database import is_postgres, make_engine, sqlite_path, writers_queue
from toolkit.store.schema import SCHEMA_VERSION, audit, meta, schema_version
from toolkit.text.message import Message, MessageError, msg

if TYPE_CHECKING:
    from alembic.script import ScriptDirectory

HEAD = "0005_full_precision_times"
"""The newest revision in migrations/versions (a test checks they agree): a database stamped
with it needs nothing, and is opened without importing Alembic."""

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
VERSION_TABLE = "alembic_version"  # Alembic's default, named here to look it up cheaply
SCHEMA_LOCK = 0x776F726B73686F70  # "workshop": PostgreSQL's advisory lock for schema changes


class NewerDatabaseError(MessageError, RuntimeError):
    """The database was made by a newer toolkit than this one."""


class UpgradeError(MessageError, RuntimeError):
    """An upgrade that would leave the database inconsistent; it was rolled back."""


def current_revision(conn: Connection) -> str | None:
    """The Alembic revision the database is stamped with; None before Alembic (or empty)."""
    if not sa.inspect(conn).has_table(VERSION_TABLE):
        return None
    return conn.execute(sa.text(f"SELECT version_num FROM {VERSION_TABLE}")).scalar()


def _legacy_schema(conn: Connection) -> int | None:
    """The schema number recorded by toolkits from before Alembic, or None (an empty one)."""
    if not sa.inspect(conn).has_table(schema_version.name):
        return None
    return conn.execute(sa.select(sa.func.max(schema_version.c.version))).scalar()


def alembic_config(conn: Connection | None = None, applied: list[str] | None = None) -> Any:
    """Alembic's settings for the scripts in migrations/ (no alembic.ini): the connection
    to run on, and a list that collects the revisions as they are applied."""
    from alembic.config import Config as AlembicConfig

    cfg = AlembicConfig()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.attributes["connection"] = conn
    cfg.set_main_option("file_template", "%%(rev)s")  # new scripts are named by revision
    if applied is not None:
        cfg.attributes["on_version_apply"] = [
            lambda step, **_: applied.extend(step.up_revision_ids)]
    return cfg


@functools.cache
def scripts() -> ScriptDirectory:
    """The revision scripts that ship with this toolkit (read once per process)."""
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(alembic_config())


def known_revisions() -> set[str]:
    """Every revision this toolkit knows, the baseline to the head."""
    return {s.revision for s in scripts().walk_revisions()}


def newer_message(revision: str | None, schema: int | None) -> Message | None:
    """Why a database with this stamp cannot be opened by this toolkit, or None if it can."""
    if revision is not None and revision not in known_revisions():
        return msg("migrate_newer_revision", revision=revision, head=HEAD)
    if revision is None and schema is not None and schema > SCHEMA_VERSION:
        return msg("migrate_newer_schema", schema=schema)
    return None


@contextmanager
def _locked(engine: Engine) -> Iterator[Connection]:
    """One writing transaction as the store takes it (writers_queue, then BEGIN IMMEDIATE),
    with SQLite's foreign keys off: a table rebuild drops a table others point at, and SQLite
    allows turning them off only outside a transaction. They are checked before the commit.
    On PostgreSQL the transaction first takes an advisory lock, so that of many processes
    opening an empty database at once one makes the tables and the others wait and find
    them (without it, two CREATE TABLEs race and one fails with a UniqueViolation)."""
    sqlite = engine.dialect.name == "sqlite"
    with writers_queue(sqlite_path(engine)), engine.connect() as conn:
        conn.execution_options(workshop_write=True)
        raw = conn.connection.dbapi_connection
        if sqlite:
            raw.execute("PRAGMA foreign_keys=OFF")
        try:
            with conn.begin():
                if is_postgres(conn):
                    conn.execute(sa.select(sa.func.pg_advisory_xact_lock(SCHEMA_LOCK)))
                yield conn
                if sqlite and conn.exec_driver_sql("PRAGMA foreign_key_check").first():
                    raise UpgradeError(msg("migrate_broke_foreign_key"))
        finally:
            if sqlite:
                raw.execute("PRAGMA foreign_keys=ON")


def upgrade_engine(engine: Engine) -> list[str]:
    """Bring the database up to HEAD; returns the revisions applied, oldest first (none for a
    database already there, or a new one, which is made at HEAD). Safe to call from many
    processes at once: the first one upgrades, the others then find nothing to do."""
    with _locked(engine) as conn:
        revision = current_revision(conn)
        if revision == HEAD:
            return []
        schema = _legacy_schema(conn)
        refused = newer_message(revision, schema)
        if refused:
            raise NewerDatabaseError(refused)
        from alembic import command
        from alembic.runtime.migration import MigrationContext

        if revision is None and schema is None:  # a new database: today's tables, stamped
            meta.create_all(conn)
            conn.execute(schema_version.insert().values(
                version=SCHEMA_VERSION, applied_at=time.time()))
            MigrationContext.configure(conn).stamp(scripts(), HEAD)
            return []
        applied: list[str] = []
        command.upgrade(alembic_config(conn, applied), "head")
        since = f"revision {revision}" if revision else f"schema {schema} (before Alembic)"
        conn.execute(audit.insert().values(
            at=time.time(), actor="toolkit", action="upgrade", target="database",
            detail=f"upgraded from {since}: {', '.join(applied)}"[:500]))
        return applied


def upgrade_database(config: Config | None = None) -> list[str]:
    """`workshop upgrade`: bring the configured database up to date; returns the revisions
    applied (empty when it already was). Needs no key: sealed values are not touched."""
    config = config or Config.from_env()
    engine = make_engine(config.db_url)
    try:
        return upgrade_engine(engine)
    finally:
        engine.dispose()
