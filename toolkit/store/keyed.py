"""What the store keeps by name rather than by participant: settings rows (the facilitator's
passphrase hash, the key check) and wrong join codes counted per browser (under a keyed
digest of the browser's key, never the key itself). A part of Store (toolkit.store.store)."""

from __future__ import annotations

import time
from contextlib import AbstractContextManager
from typing import TYPE_CHECKING

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from toolkit.store import sealing
from toolkit.store.crypto import Cipher
from toolkit.store.database import upsert
from toolkit.store.schema import failed_joins, settings


class Keyed:
    """Settings rows and wrong-code counts; Store gives `transaction` and the cipher."""

    if TYPE_CHECKING:
        _cipher: Cipher

        def transaction(self, write: bool = True) -> AbstractContextManager[Connection]:
            ...

    # --- settings -------------------------------------------------------------------------

    def put_setting(self, name: str, value: bytes) -> bool:
        """Set one row of the settings (a passphrase hash, ...); True when it replaced one.
        Two writers at once both succeed: the last one's value stays."""
        with self.transaction() as conn:
            found = conn.execute(sa.select(settings.c.name).where(
                settings.c.name == name)).first() is not None
            insert = upsert(conn, settings).values(name=name, value=value)
            conn.execute(insert.on_conflict_do_update(
                index_elements=[settings.c.name], set_={"value": insert.excluded.value}))
        return found

    def setting(self, name: str) -> bytes | None:
        """One row of the settings, or None."""
        with self.transaction(write=False) as conn:
            return conn.execute(sa.select(settings.c.value).where(
                settings.c.name == name)).scalar()

    # --- wrong join codes -----------------------------------------------------------------

    def record_failed_join(self, client: str, at: float | None = None) -> None:
        """Note one wrong join code typed by `client` (an opaque browser key) at time `at`
        (default now; callers with their own clock pass it, so counts and checks agree)."""
        with self.transaction() as conn:
            conn.execute(failed_joins.insert().values(
                client_digest=sealing.client_digest(self._cipher, client),
                at=time.time() if at is None else at))

    def failed_joins(self, client: str, since: float) -> list[float]:
        """When `client` typed a wrong code since `since`, oldest first."""
        with self.transaction(write=False) as conn:
            return list(conn.execute(sa.select(failed_joins.c.at).where(
                failed_joins.c.client_digest == sealing.client_digest(self._cipher, client),
                failed_joins.c.at >= since).order_by(failed_joins.c.at)).scalars())

    def clear_failed_joins(self, client: str) -> None:
        """Forget `client`'s wrong codes (after a right one)."""
        with self.transaction() as conn:
            conn.execute(failed_joins.delete().where(
                failed_joins.c.client_digest == sealing.client_digest(self._cipher, client)))
