"""The participant's language: `participants.lang` (the language they chose; NULL = not
chosen yet) and `answers.lang` (the language a question was shown in when that version was
saved). Old answers keep NULL, which the store reads as English: every worksheet was
English-only before this revision. No row is rewritten, and sealed values are not touched.

Revision ID: 0004_participant_language
Revises: 0003_baseline
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004_participant_language"
down_revision = "0003_baseline"
branch_labels = None
depends_on = None

LANG = 8  # "en", "es", room for a region ("pt-BR")


def upgrade() -> None:
    conn = op.get_bind()
    for table in ("participants", "answers"):
        # A database stamped back to before Alembic may have the column already; adding it
        # twice would stop the upgrade.
        if "lang" not in {c["name"] for c in sa.inspect(conn).get_columns(table)}:
            op.add_column(table, sa.Column("lang", sa.String(LANG), nullable=True))
