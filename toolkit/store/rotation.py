"""Key rotation: every sealed value opened with the old key and sealed with a new one in one
transaction, then the key file replaced; a rotation stopped half-way is finished by running it
again. The key file's temporary names and every sealing label come from sealing.py."""

from __future__ import annotations

import os
from dataclasses import dataclass

import sqlalchemy as sa

from toolkit.settings.config import Config
from toolkit.store.backup import database_file, is_postgres_store
from toolkit.store.crypto import (
    Cipher,
    CryptoKeyError,
    decode_key,
    load_key,
    new_key_text,
    write_key_file,
)
from toolkit.store.database import make_engine, readonly_engine
from toolkit.store.files import fsync_dir
from toolkit.store.retention import scrub
from toolkit.store.sealing import (
    answer_aad,
    aside_key_file,
    code_aad,
    code_digest,
    lock_key_check,
    pending_key_file,
    read_key_check,
    setting_aad,
    verify_key_check,
)
from toolkit.store.store import Store, answers, failed_joins, participants, settings
from toolkit.text.message import MessageError, msg


class RotationIncomplete(MessageError, RuntimeError):
    """The data is sealed under the new key, but a step after that failed; the message says
    where the new key is."""


@dataclass(frozen=True)
class Rotated:
    answer_versions: int
    codes: int
    sealed_settings: int
    failed_joins_cleared: int
    new_key: str | None  # only when the key comes from WORKSHOP_KEY: the one to set now


def reseal(store: Store, old: Cipher, new: Cipher) -> tuple[int, int, int, int]:
    """Every sealed value opened with `old` and sealed with `new`, and every digest made
    again, in one transaction: either all of it is under the new key or none of it. Returns
    the counts: answer versions, join codes, sealed settings, wrong-code counts cleared.
    The key check is locked first: saves under way finish before, later ones wait and then
    find the new key check, which their old key cannot open, and refuse to save."""
    with store.transaction() as conn:
        lock_key_check(conn)
        sealed = 0
        for name, value in conn.execute(sa.select(settings.c.name, settings.c.value)).all():
            try:
                clear = old.open(value, setting_aad(name))
            except CryptoKeyError:  # not sealed (e.g. a salted passphrase hash): kept as is
                continue
            conn.execute(settings.update().where(settings.c.name == name).values(
                value=new.seal(clear, setting_aad(name))))
            sealed += 1
        rows = conn.execute(sa.select(participants.c.id, participants.c.code_digest,
                                      participants.c.code)).all()
        for r in rows:
            code = old.open(r.code, code_aad(r.code_digest))
            digest = code_digest(new, code)
            conn.execute(participants.update().where(participants.c.id == r.id).values(
                code_digest=digest, code=new.seal(code, code_aad(digest))))
        updates = []
        for r in conn.execute(sa.select(answers.c.id, answers.c.session_id,
                                        answers.c.participant_id, answers.c.worksheet_id,
                                        answers.c.item_id, answers.c.value)):
            aad = answer_aad(r.session_id, r.participant_id, r.worksheet_id, r.item_id)
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
    pending, aside = pending_key_file(config.key_file), aside_key_file(config.key_file)
    if not pending.exists():
        aside.unlink(missing_ok=True)
        return False
    if is_postgres_store(config):
        engine = make_engine(config.db_url)
    else:
        engine = readonly_engine(database_file(config))
    try:
        with engine.connect() as conn:
            check = read_key_check(conn)
    finally:
        engine.dispose()
    try:
        verify_key_check(Cipher(decode_key(pending.read_text(), str(pending))), check)
    except CryptoKeyError:  # the database is still under the old key
        pending.unlink()
        aside.unlink(missing_ok=True)
        return False
    os.replace(pending, config.key_file)
    fsync_dir(config.key_file.parent)
    aside.unlink(missing_ok=True)
    return True


def _what_failed(e: Exception) -> object:
    """What a step after the commit failed with, to say after the rotation's own sentence:
    a keyed error's message (said in the reader's language), a database error's own words
    (SQLAlchemy's text adds the statement and its parameters), else the error's text."""
    if isinstance(e, MessageError):
        return e.message or str(e)
    if isinstance(e, sa.exc.DBAPIError):
        return str(e.orig)
    return str(e)


def rotate_key(config: Config, announce: object = None) -> Rotated | None:
    """Seal everything with a new key. Returns None when it only finished an interrupted
    rotation. With a key file: the new key is written (0600) beside it before the change and
    moved in place after the commit; the old one is kept aside until then. With WORKSHOP_KEY:
    the new key is returned (and given to `announce` before the commit) to be set by hand.
    """
    if not config.key and _finish_interrupted(config):
        return None
    is_postgres_store(config)  # refuses any other database
    old_key = load_key(config.key, config.key_file)
    old = Cipher(old_key)
    store = Store(make_engine(config.db_url), old)  # a wrong key fails here, loudly
    new_text = new_key_text()
    new = Cipher(decode_key(new_text, "new key"))
    pending, aside = pending_key_file(config.key_file), aside_key_file(config.key_file)
    if config.key:
        if callable(announce):  # before the commit: a crash after it must not lose the key
            announce(new_text)
    else:
        write_key_file(aside, config.key_file.read_text())
        write_key_file(pending, new_text)
    try:
        counts = reseal(store, old, new)
    except BaseException:
        pending.unlink(missing_ok=True)
        aside.unlink(missing_ok=True)
        raise
    finally:
        store.engine.dispose()
    try:
        if not config.key:
            os.replace(pending, config.key_file)
            fsync_dir(config.key_file.parent)
            aside.unlink()
        after = Store(make_engine(config.db_url), new)  # proves the new key opens it
        after.audit("rotate-key", "database", f"re-sealed {counts[0]} answer versions, "
                    f"{counts[1]} join codes, {counts[2]} settings; {counts[3]} wrong-code "
                    "counts cleared", actor="cli")
        scrub(after)
        after.engine.dispose()
    except Exception as e:
        error = _what_failed(e)
        if config.key:
            raise RotationIncomplete(msg("rotation_incomplete_env", error=error)) from e
        raise RotationIncomplete(msg("rotation_incomplete_file", pending=pending,
                                     key_file=config.key_file, error=error)) from e
    return Rotated(*counts, new_key=new_text if config.key else None)
