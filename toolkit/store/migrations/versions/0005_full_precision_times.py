"""Times at full precision on every database: the Float columns (seconds since the epoch)
become Double. MySQL's FLOAT is 4 bytes (times rounded to about two minutes) and other
databases may differ; PostgreSQL's FLOAT already meant DOUBLE PRECISION and SQLite stores
every REAL in 8 bytes, so on those two nothing changes but the declared type, and SQLite's
tables are not rebuilt for it (SQLite keeps the declared name only as text; a rebuild of
every table would cost an upgrade minutes on a large store and buy nothing).

Revision ID: 0005_full_precision_times
Revises: 0004_participant_language
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005_full_precision_times"
down_revision = "0004_participant_language"
branch_labels = None
depends_on = None

TIMES = {  # table: its columns of seconds since the epoch
    "schema_version": ("applied_at",),
    "sessions": ("created_at",),
    "participants": ("created_at",),
    "answers": ("saved_at",),
    "consents": ("agreed_at",),
    "audit": ("at",),
    "failed_joins": ("at",),
    "exports": ("made_at",),
}


def upgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        return
    for table, columns in TIMES.items():
        for column in columns:
            op.alter_column(table, column, type_=sa.Double(), existing_type=sa.Float(),
                            existing_nullable=False)
