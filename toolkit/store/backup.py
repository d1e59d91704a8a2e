"""Backups and restores of the store: SQLite through its own backup API (VACUUM INTO),
PostgreSQL through pg_dump / pg_restore (pgdump.py), each backup checked before it counts. A
backup holds only sealed values: the key never goes into it, so it must be kept (separately)
to restore. Key rotation is in rotation.py."""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
from dataclasses import dataclass, replace
from pathlib import Path

import sqlalchemy as sa

from toolkit.settings.config import Config
from toolkit.store import pgdump
from toolkit.store.crypto import Cipher, CryptoKeyError, load_key
from toolkit.store.database import UnsupportedDatabase, database_url, make_engine, readonly_engine
from toolkit.store.files import fsync_dir
from toolkit.store.migrate import current_revision, newer_message
from toolkit.store.retention import scrub
from toolkit.store.sealing import read_key_check, verify_key_check
from toolkit.store.store import Store

TABLES = {"schema_version", "settings", "sessions", "participants", "answers"}


class BackupError(RuntimeError):
    """A file that is not a usable backup, or a database that cannot be backed up; the
    message says why and what to do."""


@dataclass(frozen=True)
class BackupInfo:
    """What a checked backup holds (counts only)."""

    path: Path
    schema: int
    sessions: int
    participants: int
    answer_versions: int
    revision: str | None = None  # the Alembic revision; None for one made before Alembic


def key_source(config: Config) -> str:
    """Where the key comes from, for messages (never the key itself)."""
    return "WORKSHOP_KEY (environment)" if config.key else f"the key file {config.key_file}"


PG_DUMP_MAGIC = b"PGDMP"  # how a pg_dump custom-format file starts


def is_postgres_store(config: Config) -> bool:
    """True for a PostgreSQL store, False for a SQLite file; BackupError for anything else
    (another database, or SQLite in memory)."""
    try:
        url = database_url(config.db_url)
    except UnsupportedDatabase as e:
        raise BackupError(str(e)) from None
    if url.get_backend_name() == "postgresql":
        return True
    if url.database in (None, "", ":memory:"):
        raise BackupError("backup, restore and rotate-key need a database that outlives "
                          "the process: a SQLite file or PostgreSQL (WORKSHOP_DB)")
    return False


def database_file(config: Config) -> Path:
    """The SQLite file of the configured store; BackupError for any other database."""
    if is_postgres_store(config):
        raise BackupError("this is a SQLite file operation; the store is PostgreSQL")
    return Path(database_url(config.db_url).database or "")


def _empty_private(path: Path) -> None:
    """A new empty file, 0600 from the start (VACUUM INTO fills an empty file in place)."""
    os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))


def _vacuum_into(raw: sqlite3.Connection, out: Path) -> None:
    _empty_private(out)
    try:
        raw.execute("VACUUM INTO ?", (str(out),))
        with open(out, "rb+") as f:
            os.fsync(f.fileno())
    except BaseException:
        out.unlink(missing_ok=True)
        raise


def check_backup(path: Path, cipher: Cipher, source: str = "the current key") -> BackupInfo:
    """Open a backup read-only and prove it is whole and opens with `cipher`. A backup made
    by an older toolkit passes: restoring it brings it up to date.

    Raises BackupError for anything that is not a sound workshop backup, CryptoKeyError for
    one sealed with another key. Never changes the file.
    """
    if not path.is_file():
        raise BackupError(f"no backup file {path}")
    if is_pg_dump(path):
        raise BackupError(f"{path} is a PostgreSQL backup (pg_dump); it is restored into a "
                          "PostgreSQL store (WORKSHOP_DB=postgresql://...)")
    engine = readonly_engine(path)
    try:
        return _examine(engine, path, cipher, source)
    finally:
        engine.dispose()


def is_pg_dump(path: Path) -> bool:
    with open(path, "rb") as f:
        return f.read(len(PG_DUMP_MAGIC)) == PG_DUMP_MAGIC


def check_pg_dump(path: Path, cipher: Cipher, config: Config,
                  source: str = "the current key") -> BackupInfo:
    """Restore a pg_dump file into a scratch database beside the store's and prove there it
    is whole and opens with `cipher` (as check_backup does for SQLite); the scratch database
    is dropped after."""
    if not path.is_file():
        raise BackupError(f"no backup file {path}")
    if not is_pg_dump(path):
        raise BackupError(f"{path} is not a PostgreSQL backup (pg_dump custom format); a "
                          "SQLite backup is restored into a SQLite store")
    try:
        with pgdump.scratch_database(config.db_url) as scratch:
            pgdump.restore_into(scratch.url, path)
            return _examine(scratch, path, cipher, source)
    except pgdump.PgToolError as e:
        raise BackupError(f"{path} could not be checked: {e}") from None


def _examine(engine: sa.Engine, path: Path, cipher: Cipher, source: str) -> BackupInfo:
    try:
        with engine.connect() as conn:
            names = set(sa.inspect(conn).get_table_names())
            if not TABLES <= names:
                raise BackupError(f"{path} is not a workshop backup (tables missing)")
            if conn.dialect.name == "sqlite":
                verdict = conn.exec_driver_sql("PRAGMA quick_check").scalar()
                if verdict != "ok":
                    raise BackupError(f"{path} is damaged ({verdict}); use another backup")
            schema = conn.exec_driver_sql("SELECT max(version) FROM schema_version").scalar()
            revision = current_revision(conn)
            check = read_key_check(conn)
            counts = [conn.exec_driver_sql(f"SELECT count(*) FROM {t}").scalar()
                      for t in ("sessions", "participants", "answers")]
    except sa.exc.DBAPIError as e:
        raise BackupError(f"{path} is not a workshop backup ({e.orig})") from None
    if schema is None:
        raise BackupError(f"{path} has no schema version; it is not a workshop backup")
    newer = newer_message(revision, schema)
    if newer:
        raise BackupError(f"{path} cannot be restored here: {newer} first")
    if check is None:
        raise BackupError(f"{path} has no key check; it is not a workshop backup")
    try:
        verify_key_check(cipher, check)
    except CryptoKeyError:
        raise CryptoKeyError(
            f"the backup {path} was sealed with another key than {source}; nothing was "
            "changed. Restore it with the key it was made with (put that key file in place "
            "or set WORKSHOP_KEY to it)") from None
    return BackupInfo(path, schema, *counts, revision=revision)


def backup(config: Config, out: Path) -> BackupInfo:
    """A consistent copy of the live database in `out` (0600), made while others write.

    SQLite's VACUUM INTO reads one snapshot and writes a compact file with no free pages
    (so nothing deleted earlier is carried along). On PostgreSQL, pg_dump in its custom
    format, checked by restoring it into a scratch database. The new file replaces `out`
    only once it is complete and checked.
    """
    if is_postgres_store(config):
        return _pg_backup(config, out.resolve())
    src = database_file(config).resolve()
    out = out.resolve()
    if out in {Path(str(src) + suffix) for suffix in ("", "-wal", "-shm", "-journal")}:
        raise BackupError(f"{out} is the database itself or one of its files; "
                          "choose another name")
    store = Store.open(config)
    out.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    partial = out.with_name(f".{out.name}.partial")
    partial.unlink(missing_ok=True)  # left by a backup that was stopped
    try:
        with store.engine.connect() as conn:
            _vacuum_into(conn.connection.dbapi_connection, partial)
        info = check_backup(partial, Cipher(load_key(config.key, config.key_file)))
        os.replace(partial, out)
        fsync_dir(out.parent)
    finally:
        partial.unlink(missing_ok=True)
    _audit_backup(store, info)
    return replace(info, path=out)


def _audit_backup(store: Store, info: BackupInfo) -> None:
    store.audit("backup", "database", f"online copy: {info.sessions} sessions, "
                f"{info.participants} participants, {info.answer_versions} answer versions; "
                "key not included", actor="cli")
    store.engine.dispose()


def _pg_dump_checked(config: Config, out: Path) -> BackupInfo:
    """pg_dump into `out` (0600), replacing it only once the dump is complete and checked."""
    out.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    partial = out.with_name(f".{out.name}.partial")
    partial.unlink(missing_ok=True)  # left by a backup that was stopped
    _empty_private(partial)
    try:
        try:
            pgdump.dump(config.db_url, partial)
        except pgdump.PgToolError as e:
            raise BackupError(str(e)) from None
        with open(partial, "rb+") as f:
            os.fsync(f.fileno())
        info = check_pg_dump(partial, Cipher(load_key(config.key, config.key_file)), config)
        os.replace(partial, out)
        fsync_dir(out.parent)
    finally:
        partial.unlink(missing_ok=True)
    return replace(info, path=out)


def _pg_backup(config: Config, out: Path) -> BackupInfo:
    store = Store.open(config)  # a wrong key fails here, before anything is written
    info = _pg_dump_checked(config, out)
    _audit_backup(store, info)
    return info


@dataclass(frozen=True)
class Restored:
    info: BackupInfo
    previous: Path | None  # where the database that was replaced now is


def _keep_aside(db: Path, stamp: str) -> Path | None:
    if not db.exists() or db.stat().st_size == 0:
        return None
    aside = db.with_name(f"{db.name}.before-restore-{stamp}")
    n = 1
    while aside.exists():  # two restores within one second
        n += 1
        aside = db.with_name(f"{db.name}.before-restore-{stamp}-{n}")
    try:
        con = sqlite3.connect(db, timeout=30, isolation_level=None)
        try:
            _vacuum_into(con, aside)
        finally:
            con.close()
    except sqlite3.DatabaseError:  # too damaged to copy by SQLite: keep its bytes as they are
        for suffix in ("", "-wal"):
            part = Path(str(db) + suffix)
            if part.exists():
                dest = Path(str(aside) + suffix)
                _empty_private(dest)
                dest.write_bytes(part.read_bytes())
    return aside


def _sound(db: Path) -> bool:
    try:
        con = sqlite3.connect(db, timeout=30)
        try:
            return con.execute("PRAGMA quick_check").fetchone()[0] == "ok"
        finally:
            con.close()
    except sqlite3.DatabaseError:
        return False


def restore(config: Config, path: Path, now: dt.datetime | None = None) -> Restored:
    """Replace the live database with a backup, after checking the backup opens with the
    current key; the database it replaces is kept aside, never deleted."""
    if is_postgres_store(config):
        return _pg_restore(config, path, now)
    db = database_file(config)
    cipher = Cipher(load_key(config.key, config.key_file))
    info = check_backup(path, cipher, key_source(config))
    if path.resolve() == db.resolve():
        raise BackupError(f"{path} is the live database itself")
    stamp = (now or dt.datetime.now()).strftime("%Y%m%d-%H%M%S")
    previous = _keep_aside(db, stamp)
    if db.exists() and not _sound(db):  # damaged (its bytes are kept aside): start afresh
        for suffix in ("", "-wal", "-shm"):
            Path(str(db) + suffix).unlink(missing_ok=True)
    engine = make_engine(config.db_url)
    source = readonly_engine(path)
    try:
        with source.connect() as src, engine.connect() as conn:
            # The online backup API copies page by page under the write lock, so a running
            # server sees either the old database or the restored one, never a mix.
            src.connection.dbapi_connection.backup(conn.connection.dbapi_connection)
    finally:
        source.dispose()
    _after_restore(engine, cipher, info)
    return Restored(info, previous)


def _after_restore(engine: sa.Engine, cipher: Cipher, info: BackupInfo) -> None:
    store = Store(engine, cipher)  # brings an older backup up to the current schema
    made = f"revision {info.revision}" if info.revision else f"schema {info.schema}"
    store.audit("restore", "database", f"restored a backup ({made}, "
                f"{info.answer_versions} answer versions); the replaced database was kept "
                "aside", actor="cli")
    scrub(store)
    engine.dispose()


def _pg_restore(config: Config, path: Path, now: dt.datetime | None) -> Restored:
    """Check the dump in a scratch database, keep the live database aside as a dump of its
    own in WORKSHOP_HOME (owner-only), then restore over it in one transaction: running
    servers wait, then see the restored data."""
    cipher = Cipher(load_key(config.key, config.key_file))
    info = check_pg_dump(path, cipher, config, key_source(config))
    stamp = (now or dt.datetime.now()).strftime("%Y%m%d-%H%M%S")
    aside = config.home / f"workshop-postgres.before-restore-{stamp}.dump"
    n = 1
    while aside.exists():  # two restores within one second
        n += 1
        aside = config.home / f"workshop-postgres.before-restore-{stamp}-{n}.dump"
    config.home.mkdir(parents=True, exist_ok=True, mode=0o700)
    engine = make_engine(config.db_url)
    try:
        with engine.connect() as conn:
            empty = not sa.inspect(conn).get_table_names()
        previous = None
        if not empty:
            _empty_private(aside)
            try:
                pgdump.dump(config.db_url, aside)
            except pgdump.PgToolError as e:
                aside.unlink(missing_ok=True)
                raise BackupError(f"the live database could not be kept aside, so nothing "
                                  f"was changed: {e}") from None
            previous = aside
        try:
            pgdump.restore_into(config.db_url, path, replace=True)
        except pgdump.PgToolError as e:
            raise BackupError(f"nothing was changed: {e}") from None
    finally:
        engine.dispose()
    _after_restore(make_engine(config.db_url), cipher, info)
    return Restored(info, previous)
