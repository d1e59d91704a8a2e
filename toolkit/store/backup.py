"""Backups and restores of the store: SQLite through its own backup API (VACUUM INTO),
PostgreSQL through pg_dump / pg_restore (pgdump.py), each backup checked before it counts. A
backup holds only sealed values: the key never goes into it, so it must be kept (separately)
to restore. Key rotation is in rotation.py."""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
from dataclasses import replace
from pathlib import Path

from toolkit.settings.config import Config
from toolkit.store.backupinfo import (
    CURRENT_KEY,
    BackupError,
    BackupInfo,
    Restored,
    after_restore,
    audit_backup,
    database_file,
    empty_private,
    examine,
    is_pg_dump,
    is_postgres_store,
    key_source,
)
from toolkit.store.crypto import Cipher, load_key
from toolkit.store.database import make_engine, readonly_engine
from toolkit.store.files import fsync_dir
from toolkit.store.pgbackup import pg_backup, pg_restore
from toolkit.store.store import Store
from toolkit.text.message import Message, msg

__all__ = [  # the backup names other modules import from here
    "BackupError", "BackupInfo", "Restored", "backup", "check_backup", "database_file",
    "is_postgres_store", "key_source", "restore",
]

def _vacuum_into(raw: sqlite3.Connection, out: Path) -> None:
    empty_private(out)
    try:
        raw.execute("VACUUM INTO ?", (str(out),))
        with open(out, "rb+") as f:
            os.fsync(f.fileno())
    except BaseException:
        out.unlink(missing_ok=True)
        raise


def check_backup(path: Path, cipher: Cipher, source: Message = CURRENT_KEY) -> BackupInfo:
    """Open a backup read-only and prove it is whole and opens with `cipher`. A backup made
    by an older toolkit passes: restoring it brings it up to date.

    Raises BackupError for anything that is not a sound workshop backup, CryptoKeyError for
    one sealed with another key. Never changes the file.
    """
    if not path.is_file():
        raise BackupError(msg("backup_no_file", path=path))
    if is_pg_dump(path):
        raise BackupError(msg("backup_is_pg_dump", path=path))
    engine = readonly_engine(path)
    try:
        return examine(engine, path, cipher, source)
    finally:
        engine.dispose()


def backup(config: Config, out: Path) -> BackupInfo:
    """A consistent copy of the live database in `out` (0600), made while others write.

    SQLite's VACUUM INTO reads one snapshot and writes a compact file with no free pages
    (so nothing deleted earlier is carried along). On PostgreSQL, pg_dump in its custom
    format, checked by restoring it into a scratch database. The new file replaces `out`
    only once it is complete and checked.
    """
    if is_postgres_store(config):
        return pg_backup(config, out.resolve())
    src = database_file(config).resolve()
    out = out.resolve()
    if out in {Path(str(src) + suffix) for suffix in ("", "-wal", "-shm", "-journal")}:
        raise BackupError(msg("backup_is_database", path=out))
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
    audit_backup(store, info)
    return replace(info, path=out)


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
                empty_private(dest)
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
        return pg_restore(config, path, now)
    db = database_file(config)
    cipher = Cipher(load_key(config.key, config.key_file))
    info = check_backup(path, cipher, key_source(config))
    if path.resolve() == db.resolve():
        raise BackupError(msg("backup_is_live", path=path))
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
    after_restore(engine, cipher, info)
    return Restored(info, previous)
