"""The store's Alembic migrations: env.py and one script per schema change in versions/.

They are run by toolkit.store.migrate (on open and by `workshop upgrade`), never through an
alembic.ini. To add a change: `python -m toolkit.store.migrations revision "what changes"`,
fill in upgrade(), change schema.py to match and set migrate.HEAD to the new revision (tests
check all three agree). There are no downgrades: going back means restoring a backup. A change
that toolkits from before Alembic could not live with also records a higher SCHEMA_VERSION in
the schema_version table, so that they refuse the database instead of damaging it.
"""
