"""Baseline: the tables of release 3 (SCHEMA_VERSION 3), the last release before Alembic.

On a database made before Alembic (schema 1, 2 or 3) it does what release 3 did on open: makes
the tables it lacks, rebuilds a schema-2 participants table so that ids are never reused, and
records schema 3. On an empty database it makes every table. The tables below are a frozen copy
of release 3's, so that later revisions always start from the same place: never edit them.

Revision ID: 0003_baseline
Revises: none
"""

from __future__ import annotations

import time

import sqlalchemy as sa
from alembic import op

revision = "0003_baseline"
down_revision = None
branch_labels = None
depends_on = None

release3 = sa.MetaData()

sa.Table(
    "schema_version", release3,
    sa.Column("version", sa.Integer, primary_key=True),
    sa.Column("applied_at", sa.Float, nullable=False),
)
sa.Table(
    "settings", release3,
    sa.Column("name", sa.String(64), primary_key=True),
    sa.Column("value", sa.LargeBinary, nullable=False),
)
sa.Table(
    "sessions", release3,
    sa.Column("id", sa.String(16), primary_key=True),
    sa.Column("name", sa.String(200), nullable=False),
    sa.Column("worksheets", sa.Text, nullable=False),
    sa.Column("created_at", sa.Float, nullable=False),
)
sa.Table(
    "participants", release3,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("session_id", sa.String(16), sa.ForeignKey("sessions.id"), nullable=False),
    sa.Column("code_digest", sa.String(64), nullable=False, unique=True),
    sa.Column("code", sa.LargeBinary, nullable=False),
    sa.Column("created_at", sa.Float, nullable=False),
    sqlite_autoincrement=True,
)
sa.Table(
    "answers", release3,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("session_id", sa.String(16), nullable=False),
    sa.Column("participant_id", sa.Integer, sa.ForeignKey("participants.id"), nullable=False),
    sa.Column("worksheet_id", sa.String(64), nullable=False),
    sa.Column("item_id", sa.String(80), nullable=False),
    sa.Column("worksheet_version", sa.String(16), nullable=False),
    sa.Column("value", sa.LargeBinary, nullable=False),
    sa.Column("saved_at", sa.Float, nullable=False),
    sa.Index("ix_answers_key", "participant_id", "worksheet_id", "item_id", "id"),
)
sa.Table(
    "meetings", release3,
    sa.Column("session_id", sa.String(16), sa.ForeignKey("sessions.id"), primary_key=True),
    sa.Column("date", sa.Date, primary_key=True),
)
sa.Table(
    "consents", release3,
    sa.Column("participant_id", sa.Integer, sa.ForeignKey("participants.id"), primary_key=True),
    sa.Column("agreed_at", sa.Float, nullable=False),
    sa.Column("notice_digest", sa.String(64), nullable=False),
)
sa.Table(
    "audit", release3,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("at", sa.Float, nullable=False),
    sa.Column("actor", sa.String(64), nullable=False),
    sa.Column("action", sa.String(64), nullable=False),
    sa.Column("target", sa.String(200), nullable=False),
    sa.Column("detail", sa.String(500), nullable=False),
)
sa.Table(
    "failed_joins", release3,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("client_digest", sa.String(64), nullable=False, index=True),
    sa.Column("at", sa.Float, nullable=False),
)
sa.Table(
    "exports", release3,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("path", sa.Text, nullable=False),
    sa.Column("session_id", sa.String(16), nullable=False, index=True),
    sa.Column("kind", sa.String(32), nullable=False),
    sa.Column("participant_ids", sa.Text, nullable=False),
    sa.Column("made_at", sa.Float, nullable=False),
)


def _participants_autoincrement(conn: sa.Connection) -> None:
    """Rebuild a schema-2 participants table with AUTOINCREMENT, so that the id of a forgotten
    participant is never given to someone new (SQLite's table rebuild: make, copy, drop,
    rename). The dropped table is still named by other tables' foreign keys, so this needs
    SQLite's foreign keys off, which toolkit.store.migrate arranges and checks after."""
    if conn.dialect.name != "sqlite":
        return
    made = conn.exec_driver_sql("SELECT sql FROM sqlite_master WHERE type = 'table' "
                                "AND name = 'participants'").scalar()
    if "AUTOINCREMENT" in made.upper():
        return
    copy = sa.MetaData()
    release3.tables["sessions"].to_metadata(copy)  # the table its foreign key names
    new = release3.tables["participants"].to_metadata(copy, name="participants_new")
    conn.execute(sa.schema.CreateTable(new))
    conn.exec_driver_sql("INSERT INTO participants_new (id, session_id, code_digest, code, "
                         "created_at) SELECT id, session_id, code_digest, code, created_at "
                         "FROM participants")
    conn.exec_driver_sql("DROP TABLE participants")
    conn.exec_driver_sql("ALTER TABLE participants_new RENAME TO participants")


def upgrade() -> None:
    conn = op.get_bind()
    release3.create_all(conn)  # only the tables this database lacks
    _participants_autoincrement(conn)
    versions = release3.tables["schema_version"]
    current = conn.execute(sa.select(sa.func.max(versions.c.version))).scalar()
    if current is None or current < 3:
        conn.execute(versions.insert().values(version=3, applied_at=time.time()))
