"""The database layout as it is now (the head migration makes exactly these tables) and the
plain records the store reads out of them. Changes go through a migration (migrate.py)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import sqlalchemy as sa

from toolkit.text.languages import DEFAULT_LANGUAGE

SCHEMA_VERSION = 3  # 2: consents, audit, failed_joins; 3: exports, participant ids never reused
"""The number toolkits from before Alembic read in `schema_version` to refuse a database newer
than theirs. Migrations now go by Alembic revision; one that such a toolkit could not live with
also records a higher number here, so that they refuse it rather than damage it."""

meta = sa.MetaData()

schema_version = sa.Table(
    "schema_version", meta,
    sa.Column("version", sa.Integer, primary_key=True),
    sa.Column("applied_at", sa.Double, nullable=False),
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
    sa.Column("created_at", sa.Double, nullable=False),
)
participants = sa.Table(
    "participants", meta,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("session_id", sa.String(16), sa.ForeignKey("sessions.id"), nullable=False),
    # Join codes open answers, so they are kept sealed, found by a keyed digest.
    sa.Column("code_digest", sa.String(64), nullable=False, unique=True),
    sa.Column("code", sa.LargeBinary, nullable=False),
    sa.Column("created_at", sa.Double, nullable=False),
    sa.Column("lang", sa.String(8), nullable=True),  # the language they chose; NULL: not yet
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
    sa.Column("saved_at", sa.Double, nullable=False),
    # The language the question was shown in; NULL on rows saved before languages were
    # recorded, when every worksheet was English-only (read as English).
    sa.Column("lang", sa.String(8), nullable=True),
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
    sa.Column("agreed_at", sa.Double, nullable=False),
    sa.Column("notice_digest", sa.String(64), nullable=False),  # which wording they agreed to
)
audit = sa.Table(  # append-only: the store has no call that changes or removes a line
    "audit", meta,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("at", sa.Double, nullable=False),
    sa.Column("actor", sa.String(64), nullable=False),
    sa.Column("action", sa.String(64), nullable=False),
    sa.Column("target", sa.String(200), nullable=False),  # ids only, never answers or names
    sa.Column("detail", sa.String(500), nullable=False),
)
failed_joins = sa.Table(
    "failed_joins", meta,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("client_digest", sa.String(64), nullable=False, index=True),
    sa.Column("at", sa.Double, nullable=False),
)

exports = sa.Table(  # files the toolkit wrote with participant data, so `forget` finds them
    "exports", meta,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("path", sa.Text, nullable=False),  # absolute
    sa.Column("session_id", sa.String(16), nullable=False, index=True),
    sa.Column("kind", sa.String(32), nullable=False),  # "export", "join cards", ...
    sa.Column("participant_ids", sa.Text, nullable=False),  # JSON list of ids the file holds
    sa.Column("made_at", sa.Double, nullable=False),
)

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
    # Who someone is does not change with their language: records compare by id and code.
    lang: str | None = field(default=None, compare=False)
    """The language the participant chose (a code of LANGUAGES), or None: not chosen yet."""


@dataclass(frozen=True)
class AnswerVersion:
    value: Any
    saved_at: float
    worksheet_version: str
    lang: str = DEFAULT_LANGUAGE
    """The language the question was shown in when this version was saved."""
