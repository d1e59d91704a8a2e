"""Deletion and retention: forget one participant, purge a group or every group gone quiet.

What goes: every answer version, the consent, the participant row (sealed code and digest),
rows of any other table that points at the participant, and the files the toolkit wrote
with their data (recorded by `Store.record_export`). Such files are deleted whole, never
rewritten: a rewrite that missed a copy would leave the data behind while claiming it gone.
What stays: one audit line with ids and counts only, and wrong-code counts (kept per browser,
not per participant). Backups made before the deletion still hold the sealed data.

The participant's rows are locked first (SELECT ... FOR UPDATE on PostgreSQL; SQLite's write
lock does the same), so a save under way finishes first and is deleted too, and a save that
comes later waits and then fails with ParticipantGone. Afterwards the freed space is cleared:
SQLite's -wal file emptied; PostgreSQL's touched tables rewritten by VACUUM FULL (a plain
VACUUM only marks the space free: the deleted bytes stay in the table's pages until they are
reused, measured). What may remain on PostgreSQL is said to the counselor by the
message `cli_postgres_remains` (toolkit/text/cli_words.py).
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from toolkit.store.database import is_postgres
from toolkit.store.store import (
    Participant,
    Session,
    Store,
    answers,
    consents,
    exports,
    meetings,
    participants,
    sessions,
    sqlite_path,
)

DAY = 24 * 3600.0
CHECKPOINT_TRIES = 50
"""Tries of a WAL checkpoint while a reader (a running server) holds an old snapshot."""
TOUCHED = ("answers", "consents", "participants", "exports", "meetings", "sessions")
"""The tables forget and purge delete from (and tables pointing at participants, found at
run time), rewritten afterwards on PostgreSQL. Saves wait while the answers table is
rewritten (measured: a forget took 0.25 s in all with 20,000 answers, 7 MB)."""


@dataclass
class Removed:
    """What one forget or purge removed (counts and files, never content)."""

    participants: int = 0
    answer_versions: int = 0
    files_removed: list[Path] = field(default_factory=list)
    files_missing: list[Path] = field(default_factory=list)
    wal_cleared: bool = True
    vacuumed: list[str] = field(default_factory=list)  # PostgreSQL: the tables vacuumed

    def files_text(self) -> str:
        text = f"{len(self.files_removed)} export files removed (deleted whole)"
        if self.files_missing:
            text += f", {len(self.files_missing)} already gone"
        return text


def participant_label(p: Participant) -> str:
    """How audit lines and messages name a participant: by number, never by code."""
    return f"participant {p.id}"


def _files_of(store: Store, session_id: str, ids: set[int]) -> list[Path]:
    found = [f.path for f in store.export_files(session_id)
             if ids & set(f.participant_ids)]
    return list(dict.fromkeys(found))


def _count_answers(store: Store, ids: Iterable[int]) -> int:
    with store.transaction(write=False) as conn:
        return conn.execute(sa.select(sa.func.count()).select_from(answers).where(
            answers.c.participant_id.in_(list(ids)))).scalar() or 0


def plan_forget(store: Store, people: list[Participant]) -> Removed:
    """What forgetting these participants would remove (nothing is changed)."""
    ids = {p.id for p in people}
    files: list[Path] = []
    for sid in dict.fromkeys(p.session_id for p in people):
        files += _files_of(store, sid, ids)
    return Removed(len(people), _count_answers(store, ids), files)


def _delete_files(paths: list[Path], removed: Removed) -> None:
    # Files first: if one cannot be deleted, nothing in the database is touched yet and the
    # counselor sees which file to deal with.
    for path in paths:
        try:
            path.unlink()
        except FileNotFoundError:
            removed.files_missing.append(path)
        else:
            removed.files_removed.append(path)


def _referencing(conn: Connection, table: str) -> list[tuple[str, str]]:
    """(table, column) of every foreign key onto `table`.id, including tables that other
    modules add later: their rows about a participant go too, or the delete fails loudly."""
    inspector = sa.inspect(conn)
    found = []
    for name in inspector.get_table_names():
        for fk in inspector.get_foreign_keys(name):
            if fk["referred_table"] == table and fk["referred_columns"] == ["id"]:
                found += [(name, col) for col in fk["constrained_columns"]]
    return found


def _lock_participants(conn: Connection, ids: list[int]) -> None:
    """Hold these participants' rows until the transaction ends: saves under way (which hold
    them shared) finish first, later ones wait and then find them gone."""
    conn.execute(sa.select(participants.c.id).where(participants.c.id.in_(ids))
                 .with_for_update())


def _delete_participants(conn: Connection, ids: list[int]) -> int:
    _lock_participants(conn, ids)
    versions = conn.execute(answers.delete().where(answers.c.participant_id.in_(ids))).rowcount
    for table, column in _referencing(conn, "participants"):
        conn.execute(sa.table(table, sa.column(column)).delete().where(
            sa.column(column).in_(ids)))
    conn.execute(participants.delete().where(participants.c.id.in_(ids)))
    return versions


def _drop_export_rows(conn: Connection, paths: list[Path]) -> None:
    if paths:
        conn.execute(exports.delete().where(exports.c.path.in_([str(p) for p in paths])))


def vacuum(store: Store, tables: Iterable[str] = TOUCHED) -> list[str]:
    """PostgreSQL: rewrite these tables (and those pointing at participants) without the
    deleted rows, VACUUM FULL; returns the tables rewritten (none on SQLite)."""
    if not is_postgres(store.engine):
        return []
    with store.engine.connect() as conn:
        names = list(dict.fromkeys([*tables, *(t for t, _ in _referencing(conn,
                                                                          "participants"))]))
        conn.rollback()  # the look-up's transaction: VACUUM runs outside any
        quote = conn.dialect.identifier_preparer.quote
        auto = conn.execution_options(isolation_level="AUTOCOMMIT")
        for name in names:
            auto.exec_driver_sql(f"VACUUM (FULL) {quote(name)}")
    return names


def scrub(store: Store) -> bool:
    """Move every committed change into the database file and empty the -wal file, so old
    page versions holding deleted ciphertext are gone too. False if a reader kept it busy.
    Nothing to do on PostgreSQL (see vacuum)."""
    if sqlite_path(store.engine) is None:
        return True
    with store.engine.connect() as conn:
        raw = conn.connection.dbapi_connection
        for n in range(CHECKPOINT_TRIES):
            busy, _, _ = raw.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
            if not busy:
                return True
            time.sleep(min(0.5, 0.02 * (n + 1)))
    return False


def forget(store: Store, p: Participant, actor: str = "cli") -> Removed:
    """Remove every trace of one participant; one audit line with ids and counts remains."""
    removed = plan_forget(store, [p])
    paths = removed.files_removed
    removed.files_removed = []
    _delete_files(paths, removed)
    with store.transaction() as conn:
        removed.answer_versions = _delete_participants(conn, [p.id])
        _drop_export_rows(conn, paths)
    store.audit("forget", participant_label(p),
                f"forgot {participant_label(p)} of session {p.session_id}, "
                f"{removed.answer_versions} answer versions, {removed.files_text()}",
                actor=actor)
    removed.wal_cleared = scrub(store)
    removed.vacuumed = vacuum(store)
    return removed


def plan_purge(store: Store, session_id: str) -> Removed:
    """What purging a session would remove (nothing is changed)."""
    people = store.participants(session_id)
    ids = {p.id for p in people}
    files = [f.path for f in store.export_files(session_id)]
    return Removed(len(people), _count_answers(store, ids), list(dict.fromkeys(files)))


def purge(store: Store, session_id: str, actor: str = "cli") -> Removed:
    """Remove a whole group: its participants as `forget` does, its meetings, its export
    files and the session itself."""
    removed = plan_purge(store, session_id)
    paths = removed.files_removed
    removed.files_removed = []
    _delete_files(paths, removed)
    with store.transaction() as conn:
        ids = list(conn.execute(sa.select(participants.c.id).where(
            participants.c.session_id == session_id)).scalars())
        removed.participants = len(ids)
        removed.answer_versions = _delete_participants(conn, ids)
        conn.execute(answers.delete().where(answers.c.session_id == session_id))
        conn.execute(exports.delete().where(exports.c.session_id == session_id))
        conn.execute(meetings.delete().where(meetings.c.session_id == session_id))
        for table, column in _referencing(conn, "sessions"):
            conn.execute(sa.table(table, sa.column(column)).delete().where(
                sa.column(column) == session_id))
        conn.execute(sessions.delete().where(sessions.c.id == session_id))
    store.audit("purge", f"session {session_id}",
                f"purged session {session_id}, {removed.participants} participants, "
                f"{removed.answer_versions} answer versions, {removed.files_text()}",
                actor=actor)
    removed.wal_cleared = scrub(store)
    removed.vacuumed = vacuum(store)
    return removed


def last_activity(store: Store, session: Session) -> float:
    """The latest of: made, a participant added, a consent, an answer saved, a meeting."""
    with store.transaction(write=False) as conn:
        ids = sa.select(participants.c.id).where(participants.c.session_id == session.id)
        times = [session.created_at,
                 conn.execute(sa.select(sa.func.max(participants.c.created_at)).where(
                     participants.c.session_id == session.id)).scalar(),
                 conn.execute(sa.select(sa.func.max(answers.c.saved_at)).where(
                     answers.c.participant_id.in_(ids))).scalar()]
        met = conn.execute(sa.select(sa.func.max(meetings.c.date)).where(
            meetings.c.session_id == session.id)).scalar()
        times.append(conn.execute(sa.select(sa.func.max(consents.c.agreed_at)).where(
            consents.c.participant_id.in_(ids))).scalar())
    if met is not None:  # a meeting day counts until its end
        end = dt.datetime.combine(met + dt.timedelta(days=1), dt.time())
        times.append(end.timestamp())
    return max(t for t in times if t is not None)


def quiet_sessions(store: Store, days: float, now: float | None = None,
                   ) -> list[tuple[Session, float]]:
    """Sessions with no activity in the last `days` days, with their last activity."""
    cutoff = (time.time() if now is None else now) - days * DAY
    found = [(s, last_activity(store, s)) for s in store.sessions()]
    return [(s, at) for s, at in found if at < cutoff]
