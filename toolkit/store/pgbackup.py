"""Backups and restores of a PostgreSQL store through pg_dump / pg_restore (pgdump.py): each
dump checked by restoring it into a scratch database and opening its key check, the database a
restore replaces kept aside as a dump of its own. Dispatched to by backup.py."""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import replace
from pathlib import Path

import sqlalchemy as sa

from toolkit.settings.config import Config
from toolkit.store import pgdump
from toolkit.store.backupinfo import (
    CURRENT_KEY,
    BackupError,
    BackupInfo,
    Restored,
    after_restore,
    audit_backup,
    empty_private,
    examine,
    is_pg_dump,
    key_source,
)
from toolkit.store.crypto import Cipher, load_key
from toolkit.store.database import make_engine
from toolkit.store.files import fsync_dir
from toolkit.store.store import Store
from toolkit.text.message import Message, msg


def check_pg_dump(path: Path, cipher: Cipher, config: Config,
                  source: Message = CURRENT_KEY) -> BackupInfo:
    """Restore a pg_dump file into a scratch database beside the store's and prove there it
    is whole and opens with `cipher` (as check_backup does for SQLite); the scratch database
    is dropped after."""
    if not path.is_file():
        raise BackupError(msg("backup_no_file", path=path))
    if not is_pg_dump(path):
        raise BackupError(msg("backup_not_pg_dump", path=path))
    try:
        with pgdump.scratch_database(config.db_url) as scratch:
            pgdump.restore_into(scratch.url, path)
            return examine(scratch, path, cipher, source)
    except pgdump.PgToolError as e:
        raise BackupError(msg("backup_not_checked", path=path,
                              error=e.message or str(e))) from None


def dump_checked(config: Config, out: Path) -> BackupInfo:
    """pg_dump into `out` (0600), replacing it only once the dump is complete and checked."""
    out.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    partial = out.with_name(f".{out.name}.partial")
    partial.unlink(missing_ok=True)  # left by a backup that was stopped
    empty_private(partial)
    try:
        try:
            pgdump.dump(config.db_url, partial)
        except pgdump.PgToolError as e:
            raise BackupError(e.message or str(e)) from None
        with open(partial, "rb+") as f:
            os.fsync(f.fileno())
        info = check_pg_dump(partial, Cipher(load_key(config.key, config.key_file)), config)
        os.replace(partial, out)
        fsync_dir(out.parent)
    finally:
        partial.unlink(missing_ok=True)
    return replace(info, path=out)


def pg_backup(config: Config, out: Path) -> BackupInfo:
    store = Store.open(config)  # a wrong key fails here, before anything is written
    info = dump_checked(config, out)
    audit_backup(store, info)
    return info


def pg_restore(config: Config, path: Path, now: dt.datetime | None) -> Restored:
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
            empty_private(aside)
            try:
                pgdump.dump(config.db_url, aside)
            except pgdump.PgToolError as e:
                aside.unlink(missing_ok=True)
                raise BackupError(msg("backup_not_kept_aside",
                                      error=e.message or str(e))) from None
            previous = aside
        try:
            pgdump.restore_into(config.db_url, path, replace=True)
        except pgdump.PgToolError as e:
            raise BackupError(msg("backup_nothing_changed",
                                  error=e.message or str(e))) from None
    finally:
        engine.dispose()
    after_restore(make_engine(config.db_url), cipher, info)
    return Restored(info, previous)
