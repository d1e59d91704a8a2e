"""Every format that sealed data depends on, in one place: the labels (AAD) that bind each
sealed value to where it is stored, the look-up digests, the key check, and the key file's
temporary names. Existing databases are sealed with these exact strings: change one and
they stop opening, so a change here needs a migration that seals everything again."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from toolkit.store.crypto import Cipher, CryptoKeyError
from toolkit.store.schema import settings
from toolkit.text.message import msg

KEY_CHECK = "key-check"
"""The settings row (and the value sealed in it) that tells whether a key opens a database."""
KEY_LOCK = 0x6B65792D636B  # "key-ck": PostgreSQL's advisory lock between sealing and rotation


def code_aad(digest: str) -> str:
    """The label of a sealed join code, bound to its look-up digest."""
    return f"code/{digest}"


def answer_aad(session_id: str, participant_id: int, worksheet_id: str, item_id: str) -> str:
    """The label of one sealed answer version, bound to whose answer to which item it is."""
    return f"{session_id}/{participant_id}/{worksheet_id}/{item_id}"


def setting_aad(name: str) -> str:
    """The label of a sealed settings row: its own name."""
    return name


def code_digest(cipher: Cipher, code: str) -> str:
    """The keyed digest a join code (canonical form) is found by."""
    return cipher.digest(code)


def client_digest(cipher: Cipher, client: str) -> str:
    """The keyed digest wrong join codes are counted under, per browser key."""
    return cipher.digest("client/" + client)


def seal_key_check(cipher: Cipher) -> bytes:
    """The value of the key-check row for a database sealed with `cipher`."""
    return cipher.seal(KEY_CHECK, setting_aad(KEY_CHECK))


def key_lock(conn: Connection) -> sa.ColumnElement[Any] | None:
    """What takes KEY_LOCK shared until the transaction ends when it is selected
    (PostgreSQL), so that it can ride along a statement the transaction runs anyway; None on
    SQLite, whose write lock covers it. Key rotation takes it exclusively: it waits for the
    saves under way, and they for it. An advisory lock, not a row lock: savers sharing a
    lock on the key-check row would rewrite that row's header on every save."""
    if conn.dialect.name != "postgresql":
        return None
    return sa.func.pg_advisory_xact_lock_shared(KEY_LOCK)


def read_key_check(conn: Connection, lock: bool = False) -> bytes | None:
    """The sealed key-check row of the database `conn` is open on, or None. `lock`: take
    KEY_LOCK shared first (key_lock); a caller that took it already reads without."""
    shared = key_lock(conn) if lock else None
    if shared is not None:
        conn.execute(sa.select(shared))
    return conn.execute(sa.select(settings.c.value).where(settings.c.name == KEY_CHECK)).scalar()


def lock_key_check(conn: Connection) -> bytes | None:
    """The key check, with KEY_LOCK held exclusively until the transaction ends: no save can
    seal with the old key meanwhile, nor after (it then finds a key check it cannot open)."""
    if conn.dialect.name == "postgresql":
        conn.execute(sa.select(sa.func.pg_advisory_xact_lock(KEY_LOCK)))
    return read_key_check(conn)


def verify_key_check(cipher: Cipher, sealed: bytes | None) -> None:
    """Raise CryptoKeyError unless `sealed` is a key check that `cipher` opens."""
    if sealed is None or cipher.open(sealed, setting_aad(KEY_CHECK)) != KEY_CHECK:
        raise CryptoKeyError(msg("crypto_key_check_failed"))


def pending_key_file(key_file: Path) -> Path:
    """Where key rotation writes the new key until the database is sealed with it."""
    return key_file.with_name(key_file.name + ".new")


def aside_key_file(key_file: Path) -> Path:
    """Where key rotation keeps the old key until the new one is in place."""
    return key_file.with_name(key_file.name + ".old")
