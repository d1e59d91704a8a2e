"""Alembic's entry point for the store's migrations: runs them on the connection that
toolkit.store.migrate hands over, inside its transaction and under its lock."""

from __future__ import annotations

from alembic import context

from toolkit.store.schema import meta

config = context.config
connection = config.attributes.get("connection")
if connection is None:  # only toolkit.store.migrate runs these: it holds the writers' lock
    raise RuntimeError("run the store's migrations with `workshop upgrade` (or "
                       "toolkit.store.migrate), not with the alembic command")
context.configure(
    connection=connection,
    target_metadata=meta,
    render_as_batch=True,  # SQLite changes most columns by rebuilding the table
    on_version_apply=config.attributes.get("on_version_apply", ()),
)
with context.begin_transaction():  # the caller's transaction: all revisions or none
    context.run_migrations()
