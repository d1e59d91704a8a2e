"""What a backup is, for both kinds of store: the errors, the counts a checked backup
holds, the check of one open copy (tables, schema, key check), and what follows a restore."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import sqlalchemy as sa

from toolkit.settings.config import Config
from toolkit.store.crypto import Cipher, CryptoKeyError
from toolkit.store.database import UnsupportedDatabase, database_url
from toolkit.store.migrate import current_revision, newer_message
from toolkit.store.retention import scrub
from toolkit.store.sealing import read_key_check, verify_key_check
from toolkit.store.store import Store
from toolkit.text.message import Message, MessageError, msg

TABLES = {"schema_version", "settings", "sessions", "participants", "answers"}


class BackupError(MessageError, RuntimeError):
    """A file that is not a usable backup, or a database that cannot be backed up; the
    message says why and what to do (str(error) in English, error.message in any language)."""


@dataclass(frozen=True)
class BackupInfo:
    """What a checked backup holds (counts only)."""

    path: Path
    schema: int
    sessions: int
    participants: int
    answer_versions: int
    revision: str | None = None  # the Alembic revision; None for one made before Alembic


CURRENT_KEY = msg("key_source_current")
"""Where the key comes from when a caller does not say: the one the store was opened with."""


def key_source(config: Config) -> Message:
    """Where the key comes from, for messages (never the key itself), said in the reader's
    language like the error it goes into."""
    return (msg("key_source_env") if config.key
            else msg("key_source_file", path=config.key_file))


PG_DUMP_MAGIC = b"PGDMP"  # how a pg_dump custom-format file starts


def is_postgres_store(config: Config) -> bool:
    """True for a PostgreSQL store, False for a SQLite file; BackupError for anything else
    (another database, or SQLite in memory)."""
    try:
        url = database_url(config.db_url)
    except UnsupportedDatabase as e:
        raise BackupError(e.message or str(e)) from None
    if url.get_backend_name() == "postgresql":
        return True
    if url.database in (None, "", ":memory:"):
        raise BackupError(msg("backup_needs_lasting_database"))
    return False


def database_file(config: Config) -> Path:
    """The SQLite file of the configured store; BackupError for any other database."""
    if is_postgres_store(config):
        raise BackupError(msg("backup_sqlite_only"))
    return Path(database_url(config.db_url).database or "")


def empty_private(path: Path) -> None:
    """A new empty file, 0600 from the start (VACUUM INTO fills an empty file in place)."""
    os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))


def is_pg_dump(path: Path) -> bool:
    with open(path, "rb") as f:
        return f.read(len(PG_DUMP_MAGIC)) == PG_DUMP_MAGIC


def examine(engine: sa.Engine, path: Path, cipher: Cipher, source: Message) -> BackupInfo:
    """Prove the copy open on `engine` (made from `path`) is a whole workshop database that
    `cipher` opens; its counts. BackupError or CryptoKeyError (naming `source`) if not."""
    try:
        with engine.connect() as conn:
            names = set(sa.inspect(conn).get_table_names())
            if not TABLES <= names:
                raise BackupError(msg("backup_tables_missing", path=path))
            if conn.dialect.name == "sqlite":
                verdict = conn.exec_driver_sql("PRAGMA quick_check").scalar()
                if verdict != "ok":
                    raise BackupError(msg("backup_damaged", path=path, verdict=verdict))
            schema = conn.exec_driver_sql("SELECT max(version) FROM schema_version").scalar()
            revision = current_revision(conn)
            check = read_key_check(conn)
            counts = [conn.exec_driver_sql(f"SELECT count(*) FROM {t}").scalar()
                      for t in ("sessions", "participants", "answers")]
    except sa.exc.DBAPIError as e:
        raise BackupError(msg("backup_not_a_backup", path=path, reason=e.orig)) from None
    if schema is None:
        raise BackupError(msg("backup_no_schema", path=path))
    newer = newer_message(revision, schema)
    if newer:
        raise BackupError(msg("backup_newer", path=path, reason=newer))
    if check is None:
        raise BackupError(msg("backup_no_key_check", path=path))
    try:
        verify_key_check(cipher, check)
    except CryptoKeyError:
        raise CryptoKeyError(msg("backup_other_key", path=path, source=source)) from None
    return BackupInfo(path, schema, *counts, revision=revision)


def audit_backup(store: Store, info: BackupInfo) -> None:
    """The audit line of a backup made (counts only); closes the store."""
    store.audit("backup", "database", f"online copy: {info.sessions} sessions, "
                f"{info.participants} participants, {info.answer_versions} answer versions; "
                "key not included", actor="cli")
    store.engine.dispose()


@dataclass(frozen=True)
class Restored:
    info: BackupInfo
    previous: Path | None  # where the database that was replaced now is


def after_restore(engine: sa.Engine, cipher: Cipher, info: BackupInfo) -> None:
    """Open the restored database (bringing an older backup up to date), audit, tidy."""
    store = Store(engine, cipher)  # brings an older backup up to the current schema
    made = f"revision {info.revision}" if info.revision else f"schema {info.schema}"
    store.audit("restore", "database", f"restored a backup ({made}, "
                f"{info.answer_versions} answer versions); the replaced database was kept "
                "aside", actor="cli")
    scrub(store)
    engine.dispose()
