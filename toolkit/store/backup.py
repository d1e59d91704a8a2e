"""Backups, restores and key rotation of the SQLite store. A backup holds only sealed values:
the key never goes into it, so it must be kept (separately) to restore."""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
from dataclasses import dataclass
from pathlib import Path

import sqlalchemy as sa

from toolkit.settings.config import Config
from toolkit.store.crypto import (
    Cipher,
    CryptoKeyError,
    decode_key,
    load_key,
    new_key_text,
    write_key_file,
)
from toolkit.store.retention import scrub
from toolkit.store.store import (
    KEY_CHECK,
    SCHEMA_VERSION,
    Participant,
    Store,
    answers,
    failed_joins,
    make_engine,
    participants,
    settings,
)

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


def key_source(config: Config) -> str:
    """Where the key comes from, for messages (never the key itself)."""
    return "WORKSHOP_KEY (environment)" if config.key else f"the key file {config.key_file}"


def database_file(config: Config) -> Path:
    """The SQLite file of the configured store; BackupError for any other database."""
    url = sa.engine.make_url(config.db_url)
    if url.get_backend_name() != "sqlite" or url.database in (None, "", ":memory:"):
        raise BackupError("backup, restore and rotate-key work on the SQLite store; for "
                          "another database (WORKSHOP_DB) use its own tools, e.g. pg_dump")
    return Path(url.database)


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


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


def _readonly(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(path.resolve().as_uri() + "?mode=ro", uri=True)


def check_backup(path: Path, cipher: Cipher, source: str = "the current key") -> BackupInfo:
    """Open a backup read-only and prove it is whole and opens with `cipher`.

    Raises BackupError for anything that is not a sound workshop backup, CryptoKeyError for
    one sealed with another key. Never changes the file.
    """
    if not path.is_file():
        raise BackupError(f"no backup file {path}")
    try:
        con = _readonly(path)
        try:
            names = {r[0] for r in con.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table'")}
            if not TABLES <= names:
                raise BackupError(f"{path} is not a workshop backup (tables missing)")
            verdict = con.execute("PRAGMA quick_check").fetchone()[0]
            if verdict != "ok":
                raise BackupError(f"{path} is damaged ({verdict}); use another backup")
            schema = con.execute("SELECT max(version) FROM schema_version").fetchone()[0]
            check = con.execute("SELECT value FROM settings WHERE name = ?",
                                (KEY_CHECK,)).fetchone()
            counts = [con.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
                      for t in ("sessions", "participants", "answers")]
        finally:
            con.close()
    except sqlite3.DatabaseError as e:
        raise BackupError(f"{path} is not a workshop backup ({e})") from None
    if schema is None or schema > SCHEMA_VERSION:
        raise BackupError(f"{path} was made by a newer toolkit (schema {schema}); upgrade the "
                          "toolkit first")
    if check is None:
        raise BackupError(f"{path} has no key check; it is not a workshop backup")
    try:
        cipher.open(check[0], KEY_CHECK)
    except CryptoKeyError:
        raise CryptoKeyError(
            f"the backup {path} was sealed with another key than {source}; nothing was "
            "changed. Restore it with the key it was made with (put that key file in place "
            "or set WORKSHOP_KEY to it)") from None
    return BackupInfo(path, schema, *counts)


def backup(config: Config, out: Path) -> BackupInfo:
    """A consistent copy of the live database in `out` (0600), made while others write.

    SQLite's VACUUM INTO reads one snapshot and writes a compact file with no free pages
    (so nothing deleted earlier is carried along). The new file replaces `out` only once it
    is complete and checked.
    """
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
        _fsync_dir(out.parent)
    finally:
        partial.unlink(missing_ok=True)
    store.audit("backup", "database", f"online copy: {info.sessions} sessions, "
                f"{info.participants} participants, {info.answer_versions} answer versions; "
                "key not included", actor="cli")
    store.engine.dispose()
    return BackupInfo(out, info.schema, info.sessions, info.participants, info.answer_versions)


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
    src = _readonly(path)
    try:
        with engine.connect() as conn:
            # The online backup API copies page by page under the write lock, so a running
            # server sees either the old database or the restored one, never a mix.
            src.backup(conn.connection.dbapi_connection)
    finally:
        src.close()
    store = Store(engine, cipher)  # brings an older backup up to the current schema
    store.audit("restore", "database", f"restored a backup (schema {info.schema}, "
                f"{info.answer_versions} answer versions); the replaced database was kept "
                "aside", actor="cli")
    scrub(store)
    engine.dispose()
    return Restored(info, previous)


# --- key rotation -----------------------------------------------------------------------------


class RotationIncomplete(RuntimeError):
    """The data is sealed under the new key, but a step after that failed; the message says
    where the new key is."""


@dataclass(frozen=True)
class Rotated:
    answer_versions: int
    codes: int
    sealed_settings: int
    failed_joins_cleared: int
    new_key: str | None  # only when the key comes from WORKSHOP_KEY: the one to set now


def _pending(config: Config) -> Path:
    return config.key_file.with_name(config.key_file.name + ".new")


def _aside(config: Config) -> Path:
    return config.key_file.with_name(config.key_file.name + ".old")


def _reseal(store: Store, old: Cipher, new: Cipher) -> tuple[int, int, int, int]:
    """Every sealed value opened with `old` and sealed with `new`, and every digest made
    again, in one transaction: either all of it is under the new key or none of it."""
    with store.transaction() as conn:
        sealed = 0
        for name, value in conn.execute(sa.select(settings.c.name, settings.c.value)).all():
            try:
                clear = old.open(value, name)
            except CryptoKeyError:  # not sealed (e.g. a salted passphrase hash): kept as is
                continue
            conn.execute(settings.update().where(settings.c.name == name).values(
                value=new.seal(clear, name)))
            sealed += 1
        rows = conn.execute(sa.select(participants.c.id, participants.c.code_digest,
                                      participants.c.code)).all()
        for r in rows:
            code = old.open(r.code, f"code/{r.code_digest}")
            digest = new.digest(code)
            conn.execute(participants.update().where(participants.c.id == r.id).values(
                code_digest=digest, code=new.seal(code, f"code/{digest}")))
        updates = []
        for r in conn.execute(sa.select(answers.c.id, answers.c.session_id,
                                        answers.c.participant_id, answers.c.worksheet_id,
                                        answers.c.item_id, answers.c.value)):
            aad = Store._aad(Participant(r.participant_id, r.session_id, ""), r.worksheet_id,
                             r.item_id)
            updates.append({"row": r.id, "sealed": new.seal(old.open(r.value, aad), aad)})
        if updates:
            conn.execute(answers.update().where(answers.c.id == sa.bindparam("row")).values(
                value=sa.bindparam("sealed")), updates)
        # Wrong-code counts are digests of browser keys that are never stored, so they
        # cannot be made again under the new key; they only ever last minutes.
        cleared = conn.execute(failed_joins.delete()).rowcount
    return len(updates), len(rows), sealed, cleared


def _finish_interrupted(config: Config) -> bool:
    """Install the new key of a rotation that committed but stopped before replacing the key
    file; drop one that never committed. True when a rotation was finished."""
    pending, aside = _pending(config), _aside(config)
    if not pending.exists():
        aside.unlink(missing_ok=True)
        return False
    db = database_file(config)
    con = _readonly(db)
    try:
        check = con.execute("SELECT value FROM settings WHERE name = ?", (KEY_CHECK,)).fetchone()
    finally:
        con.close()
    try:
        Cipher(decode_key(pending.read_text(), str(pending))).open(check[0], KEY_CHECK)
    except CryptoKeyError:  # the database is still under the old key
        pending.unlink()
        aside.unlink(missing_ok=True)
        return False
    os.replace(pending, config.key_file)
    _fsync_dir(config.key_file.parent)
    aside.unlink(missing_ok=True)
    return True


def rotate_key(config: Config, announce: object = None) -> Rotated | None:
    """Seal everything with a new key. Returns None when it only finished an interrupted
    rotation. With a key file: the new key is written (0600) beside it before the change and
    moved in place after the commit; the old one is kept aside until then. With WORKSHOP_KEY:
    the new key is returned (and given to `announce` before the commit) to be set by hand.
    """
    if not config.key and _finish_interrupted(config):
        return None
    database_file(config)  # SQLite only
    old_key = load_key(config.key, config.key_file)
    old = Cipher(old_key)
    store = Store(make_engine(config.db_url), old)  # a wrong key fails here, loudly
    new_text = new_key_text()
    new = Cipher(decode_key(new_text, "new key"))
    pending, aside = _pending(config), _aside(config)
    if config.key:
        if callable(announce):  # before the commit: a crash after it must not lose the key
            announce(new_text)
    else:
        write_key_file(aside, config.key_file.read_text())
        write_key_file(pending, new_text)
    try:
        counts = _reseal(store, old, new)
    except BaseException:
        pending.unlink(missing_ok=True)
        aside.unlink(missing_ok=True)
        raise
    finally:
        store.engine.dispose()
    try:
        if not config.key:
            os.replace(pending, config.key_file)
            _fsync_dir(config.key_file.parent)
            aside.unlink()
        after = Store(make_engine(config.db_url), new)  # proves the new key opens it
        after.audit("rotate-key", "database", f"re-sealed {counts[0]} answer versions, "
                    f"{counts[1]} join codes, {counts[2]} settings; {counts[3]} wrong-code "
                    "counts cleared", actor="cli")
        scrub(after)
        after.engine.dispose()
    except Exception as e:
        where = "given above" if config.key else f"in {pending} or {config.key_file}"
        raise RotationIncomplete(f"the data is now sealed with the new key ({where}), but "
                                 f"finishing failed: {e}") from e
    return Rotated(*counts, new_key=new_text if config.key else None)
