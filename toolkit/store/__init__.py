"""Where answers live: the database and its schema and migrations, sealing (every AAD,
digest and key-check format), join codes, owner-only files, autosave, backup, key rotation,
retention. Imports the layers below it (text, settings, worksheet, supportmap), never widgets,
serving or the CLI.
"""
