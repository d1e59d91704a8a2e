"""`python -m toolkit.store.migrations revision "what changes"`: write the next revision
script after the head, for a developer in a checkout (then fill in upgrade(), change schema.py
to match and set migrate.HEAD to the new revision)."""

from __future__ import annotations

import sys

from alembic import command

from toolkit.store.migrate import HEAD, alembic_config


def new_revision(message: str) -> None:
    """A new empty script, named and numbered after the head: 0004_what_changes.py."""
    number = int(HEAD.split("_")[0]) + 1
    slug = "_".join(message.lower().split())[:24]
    command.revision(alembic_config(), message=message, rev_id=f"{number:04d}_{slug}")


if __name__ == "__main__":
    if len(sys.argv) != 3 or sys.argv[1] != "revision":
        sys.exit('usage: python -m toolkit.store.migrations revision "what changes"')
    new_revision(sys.argv[2])
