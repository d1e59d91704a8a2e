"""The database layout: the tables, SCHEMA_VERSION and the migrations that bring an older
database up to date, and the plain records the store reads out of those tables."""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

SCHEMA_VERSION = 3  # 2: consents, audit, failed_joins; 3: exports, participant ids never reused

meta = sa.MetaData()

schema_version = sa.Table(
    "schema_version", meta,
    sa.Column("version", sa.Integer, primary_key=True),
    sa.Column("applied_at", sa.Float, nullable=False),
)
settings = sa.Table(
    "settings", meta,
    sa.Column("name", sa.String(64), primary_key=True),
    sa.Column("value", sa.LargeBinary, nullable=False),
)
sessions = sa.Table(
    "sessions", meta,
    sa.Column("id", sa.String(16), primary_key=True),
    sa.Column("name", sa.String(200), nullable=False),
    sa.Column("worksheets", sa.Text, nullable=False),  # JSON list of worksheet ids, in order
    sa.Column("created_at", sa.Float, nullable=False),
)
participants = sa.Table(
    "participants", meta,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("session_id", sa.String(16), sa.ForeignKey("sessions.id"), nullable=False),
    # Join codes open answers, so they are kept sealed, found by a keyed digest.
    sa.Column("code_digest", sa.String(64), nullable=False, unique=True),
    sa.Column("code", sa.LargeBinary, nullable=False),
    sa.Column("created_at", sa.Float, nullable=False),
    # A forgotten participant's id must never be handed out again: audit lines name it.
    sqlite_autoincrement=True,
)
answers = sa.Table(
    "answers", meta,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("session_id", sa.String(16), nullable=False),
    sa.Column("participant_id", sa.Integer, sa.ForeignKey("participants.id"), nullable=False),
    sa.Column("worksheet_id", sa.String(64), nullable=False),
    sa.Column("item_id", sa.String(80), nullable=False),
    sa.Column("worksheet_version", sa.String(16), nullable=False),
    sa.Column("value", sa.LargeBinary, nullable=False),  # sealed JSON; a clear seals `null`
    sa.Column("saved_at", sa.Float, nullable=False),
    sa.Index("ix_answers_key", "participant_id", "worksheet_id", "item_id", "id"),
)
meetings = sa.Table(
    "meetings", meta,
    sa.Column("session_id", sa.String(16), sa.ForeignKey("sessions.id"), primary_key=True),
    sa.Column("date", sa.Date, primary_key=True),  # the day the group met (local calendar)
)

consents = sa.Table(
    "consents", meta,
    sa.Column("participant_id", sa.Integer, sa.ForeignKey("participants.id"), primary_key=True),
    sa.Column("agreed_at", sa.Float, nullable=False),
    sa.Column("notice_digest", sa.String(64), nullable=False),  # which wording they agreed to
)
audit = sa.Table(  # append-only: the store has no call that changes or removes a line
    "audit", meta,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("at", sa.Float, nullable=False),
    sa.Column("actor", sa.String(64), nullable=False),
    sa.Column("action", sa.String(64), nullable=False),
    sa.Column("target", sa.String(200), nullable=False),  # ids only, never answers or names
    sa.Column("detail", sa.String(500), nullable=False),
)
failed_joins = sa.Table(
    "failed_joins", meta,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("client_digest", sa.String(64), nullable=False, index=True),
    sa.Column("at", sa.Float, nullable=False),
)

exports = sa.Table(  # files the toolkit wrote with participant data, so `forget` finds them
    "exports", meta,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("path", sa.Text, nullable=False),  # absolute
    sa.Column("session_id", sa.String(16), nullable=False, index=True),
    sa.Column("kind", sa.String(32), nullable=False),  # "export", "join cards", ...
    sa.Column("participant_ids", sa.Text, nullable=False),  # JSON list of ids the file holds
    sa.Column("made_at", sa.Float, nullable=False),
)

KEY_CHECK = "key-check"  # the settings row that tells whether the key opens this database

# The records the store hands out, one per row it reads.


@dataclass(frozen=True)
class AuditEntry:
    at: float
    actor: str
    action: str
    target: str
    detail: str


@dataclass(frozen=True)
class ExportFile:
    path: Path
    session_id: str
    kind: str
    participant_ids: tuple[int, ...]
    made_at: float


@dataclass(frozen=True)
class Session:
    id: str
    name: str
    worksheets: tuple[str, ...]
    created_at: float


@dataclass(frozen=True)
class Participant:
    id: int
    session_id: str
    code: str


@dataclass(frozen=True)
class AnswerVersion:
    value: Any
    saved_at: float
    worksheet_version: str


def upgrade(conn: Connection) -> None:
    """Make missing tables and record SCHEMA_VERSION; refuse a database made by a newer
    toolkit. Runs in the store's first transaction."""
    meta.create_all(conn)
    current = conn.execute(sa.select(sa.func.max(schema_version.c.version))).scalar()
    if current is None:
        conn.execute(schema_version.insert().values(
            version=SCHEMA_VERSION, applied_at=time.time()))
    elif current > SCHEMA_VERSION:
        raise RuntimeError(f"this database was made by a newer toolkit (schema "
                           f"{current}); upgrade the toolkit")
    elif current < SCHEMA_VERSION:  # new tables only: create_all above made them
        conn.execute(schema_version.insert().values(
            version=SCHEMA_VERSION, applied_at=time.time()))


def autoincrement_participants(engine: Engine) -> None:
    """Rebuild a schema-2 participants table with AUTOINCREMENT, so that the id of a
    forgotten participant is never given to someone new (SQLite's 12-step table change).
    Runs before the store's first transaction: it turns foreign keys off, which SQLite
    allows only outside one."""
    if engine.dialect.name != "sqlite":
        return
    find = "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'participants'"
    with engine.connect() as conn:
        made = conn.exec_driver_sql(find).scalar()
        if made is None or "AUTOINCREMENT" in made.upper():
            return
        conn.rollback()
        raw = conn.connection.dbapi_connection
        raw.execute("PRAGMA foreign_keys=OFF")  # only outside a transaction
        try:
            raw.execute("BEGIN IMMEDIATE")
            try:
                if "AUTOINCREMENT" not in raw.execute(find).fetchone()[0].upper():
                    copy = sa.MetaData()
                    sessions.to_metadata(copy)  # the table its foreign key names
                    new = participants.to_metadata(copy, name="participants_new")
                    raw.execute(str(sa.schema.CreateTable(new).compile(engine)))
                    raw.execute("INSERT INTO participants_new (id, session_id, code_digest,"
                                " code, created_at) SELECT id, session_id, code_digest, "
                                "code, created_at FROM participants")
                    raw.execute("DROP TABLE participants")
                    raw.execute("ALTER TABLE participants_new RENAME TO participants")
                    if raw.execute("PRAGMA foreign_key_check").fetchall():
                        raise RuntimeError("participants rebuild broke a foreign key")
                raw.execute("COMMIT")
            except BaseException:
                raw.execute("ROLLBACK")
                raise
        finally:
            raw.execute("PRAGMA foreign_keys=ON")
