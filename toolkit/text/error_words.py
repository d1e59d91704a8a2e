"""The words of errors raised below the `workshop` command, which it prints in the terminal's
language after `workshop: `: a certificate or key that cannot be used (toolkit.serve.certs), a
setting that cannot be used (toolkit.settings.config, toolkit.text.consent), an encryption key
that cannot be used (toolkit.store.crypto, sealing, store), a database the toolkit does not
support (toolkit.store.database), a backup that cannot be used (toolkit.store.backupinfo,
backup, pgbackup), a database from a newer toolkit (toolkit.store.migrate), a key rotation
that did not finish (toolkit.store.rotation), PostgreSQL's tools (toolkit.store.pgdump), a
facilitator passphrase (toolkit.access.passphrase), a join URL (toolkit.render.joincards), a
base URL (toolkit.serve.routes), how answers travel (toolkit.serve.transport), a value nginx
cannot take (toolkit.serve.nginx), `tls init` with no name (toolkit.serve.tls). Written here
once in English, keyed and marked for Babel like toolkit.text.staff (which merges them in);
every other language's text is in its catalog. Paths, variables, options, commands and dates
fill the {placeholders} or sit in `backticks`, and are never translated."""

from __future__ import annotations

from toolkit.text.catalogs import NC_

ERROR_MESSAGES: dict[str, str] = dict((
    # A certificate or key `workshop serve` and `workshop tls show` cannot use: the file first.
    NC_("tls_what_certificate", "certificate"),
    NC_("tls_what_key", "key"),
    NC_("tls_no_file", "{what} {path}: no such file; make one with `workshop tls init`"),
    NC_("tls_permission_denied",
        "{what} {path}: cannot be read (permission denied); run as the user who owns it"),
    NC_("tls_is_folder", "{what} {path}: is a folder, not a file"),
    NC_("tls_cannot_read", "{what} {path}: cannot be read ({reason})"),
    NC_("tls_not_pem_certificate",
        "certificate {path}: not a PEM certificate (it should start with "
        "-----BEGIN CERTIFICATE-----)"),
    NC_("tls_key_passphrase",
        "key {path}: protected by a passphrase; give a key without one (keep it owner-only "
        "instead)"),
    NC_("tls_not_pem_key",
        "key {path}: not a PEM private key (it should start with "
        "-----BEGIN ... PRIVATE KEY-----)"),
    NC_("tls_key_mismatch",
        "key {keyfile} does not match certificate {certfile}; give the key that was made with "
        "that certificate"),
    NC_("tls_expired",
        "certificate {path}: expired on {date}; make a new one with `workshop tls init`"),
    NC_("tls_not_yet_valid",
        "certificate {path}: not valid until {date}; check this computer's clock"),
    NC_("tls_cannot_use", "certificate {certfile} with key {keyfile}: cannot be used ({reason})"),
    # A setting that cannot be used (Config.from_env): the variable first, then the fix.
    NC_("config_home_is_file", "WORKSHOP_HOME={home} is a file; point it at a folder"),
    NC_("config_db_url",
        "WORKSHOP_DB must be a SQLAlchemy URL such as sqlite:///path/to/file.sqlite (got {got})"),
    NC_("config_no_worksheets", "worksheets folder {path} not found; set WORKSHOP_WORKSHEETS"),
    NC_("config_consent_both", "set WORKSHOP_CONSENT_NOTICE or WORKSHOP_CONSENT_FILE, not both"),
    NC_("config_consent_missing",
        "WORKSHOP_CONSENT_FILE: {path} not found; write the notice there or unset the variable "
        "to use the built-in notice"),
    NC_("config_consent_not_utf8",
        "WORKSHOP_CONSENT_FILE: {path} is not UTF-8 text; save it as UTF-8"),
    NC_("config_consent_empty", "WORKSHOP_CONSENT_FILE: {path} is empty; write the notice there"),
    # A key the store cannot use (toolkit.store.crypto): where it comes from, then the fix.
    NC_("crypto_key_file", "key file {path}"),
    NC_("crypto_bad_key", "{source} must hold a base64 AES-256 key (32 bytes); make one with: "
        "{command}"),
    NC_("crypto_key_file_open",
        "key file {path} can be read by other users; run: chmod 600 {path}"),
    NC_("crypto_no_key",
        "no key: neither WORKSHOP_KEY nor the key file {path} is there; copy the key file the "
        "data was sealed with to that place (mode 0600) or set WORKSHOP_KEY"),
    NC_("crypto_cannot_open",
        "stored answers cannot be opened with this key: check WORKSHOP_KEY or the key file "
        "(they must be the ones the data was saved with)"),
    NC_("crypto_key_check_failed", "key check failed"),
    NC_("crypto_rotation_interrupted",
        "{error}; a `workshop rotate-key` was interrupted and left the new key in {path}: run "
        "`workshop rotate-key` again to finish it"),
    # Where the key comes from, as a backup's errors name it (toolkit.store.backupinfo).
    NC_("key_source_env", "WORKSHOP_KEY (environment)"),
    NC_("key_source_file", "the key file {path}"),
    NC_("key_source_current", "the current key"),
    # A database the toolkit does not support (toolkit.store.database).
    NC_("db_unsupported",
        "WORKSHOP_DB: {backend} is not supported; the toolkit is tested on SQLite "
        "(sqlite:///path/to/file.sqlite) and PostgreSQL 15 or later "
        "(postgresql://user@host/dbname)"),
    NC_("db_driver_unsupported",
        "WORKSHOP_DB: the {driver} driver is not supported; use postgresql://... (psycopg 3)"),
    NC_("db_no_driver",
        "WORKSHOP_DB is a PostgreSQL database but its driver is not installed: pip install "
        "'workshop-toolkit[postgres]'"),
    # A backup that cannot be made, checked or restored (toolkit.store.backupinfo).
    NC_("backup_needs_lasting_database",
        "backup, restore and rotate-key need a database that outlives the process: a SQLite "
        "file or PostgreSQL (WORKSHOP_DB)"),
    NC_("backup_sqlite_only", "this is a SQLite file operation; the store is PostgreSQL"),
    NC_("backup_tables_missing", "{path} is not a workshop backup (tables missing)"),
    NC_("backup_damaged", "{path} is damaged ({verdict}); use another backup"),
    NC_("backup_not_a_backup", "{path} is not a workshop backup ({reason})"),
    NC_("backup_no_schema", "{path} has no schema version; it is not a workshop backup"),
    NC_("backup_no_key_check", "{path} has no key check; it is not a workshop backup"),
    NC_("backup_newer", "{path} cannot be restored here: {reason} first"),
    NC_("backup_other_key",
        "the backup {path} was sealed with another key than {source}; nothing was changed. "
        "Restore it with the key it was made with (put that key file in place or set "
        "WORKSHOP_KEY to it)"),
    # (toolkit.store.backup and toolkit.store.pgbackup: the file first, then the fix.)
    NC_("backup_no_file", "no backup file {path}"),
    NC_("backup_is_pg_dump",
        "{path} is a PostgreSQL backup (pg_dump); it is restored into a PostgreSQL store "
        "(WORKSHOP_DB=postgresql://...)"),
    NC_("backup_not_pg_dump",
        "{path} is not a PostgreSQL backup (pg_dump custom format); a SQLite backup is "
        "restored into a SQLite store"),
    NC_("backup_is_database",
        "{path} is the database itself or one of its files; choose another name"),
    NC_("backup_is_live", "{path} is the live database itself"),
    NC_("backup_not_checked", "{path} could not be checked: {error}"),
    NC_("backup_not_kept_aside",
        "the live database could not be kept aside, so nothing was changed: {error}"),
    NC_("backup_nothing_changed", "nothing was changed: {error}"),
    # A database made by a newer toolkit, and an upgrade that would break it
    # (toolkit.store.migrate); the first two also go into backup_newer's {reason}.
    NC_("migrate_newer_revision",
        "this database was made by a newer toolkit (revision {revision}, this toolkit knows up "
        "to {head}); upgrade the toolkit"),
    NC_("migrate_newer_schema",
        "this database was made by a newer toolkit (schema {schema}); upgrade the toolkit"),
    NC_("migrate_broke_foreign_key", "the upgrade broke a foreign key; nothing was changed"),
    # A key rotation that sealed the data under the new key but did not finish
    # (toolkit.store.rotation); {error} is what failed.
    NC_("rotation_incomplete_env",
        "the data is now sealed with the new key (given above), but finishing failed: {error}"),
    NC_("rotation_incomplete_file",
        "the data is now sealed with the new key (in {pending} or {key_file}), but finishing "
        "failed: {error}"),
    # PostgreSQL's own tools (toolkit.store.pgdump): {output} is what the tool printed, in its
    # own words and language; {error} is the server's.
    NC_("pg_tool_missing",
        "{name} is not installed; install PostgreSQL's client tools (apt-get install "
        "postgresql-client), the same major version as the server or newer"),
    NC_("pg_tool_failed", "{name} failed: {output}"),
    NC_("pg_no_createdb",
        "checking a backup restores it into a scratch database, which this database role may "
        "not create ({error}); give it the right with ALTER ROLE {role} CREATEDB"),
    # A facilitator passphrase that cannot be used, and the dashboard's idle setting
    # (toolkit.access.passphrase).
    NC_("passphrase_too_short",
        "the passphrase must be at least {least} characters (got {got}); a few ordinary words "
        "with spaces make a good one, e.g. 'blue kettle on sunday'"),
    NC_("passphrase_too_long", "the passphrase must be at most {most} characters"),
    NC_("passphrase_unknown_scheme",
        "unknown passphrase scheme {scheme}; set the passphrase again with `workshop "
        "facilitator set-passphrase`"),
    NC_("config_idle_minutes",
        "{variable} must be a number of minutes above 0, such as 10 or 0.5 (got {got})"),
    # An address phones open that cannot be used: `workshop cards --url`, `workshop serve
    # --public-url` (toolkit.render.joincards); {url} is what was typed, quoted.
    NC_("join_url_form", "the join URL must look like http://HOST:PORT/ (got {url})"),
    NC_("join_url_query",
        "give the join URL without ?... or #... (got {url}); the card adds ?code="),
    # A route that cannot be a URL path (toolkit.serve.routes): what was typed, quoted.
    NC_("route_base_url",
        "--base-url {text}: use a path such as /g/<session id>/ (letters, digits, '-', '_', '.' "
        "and '~' between slashes)"),
    NC_("route_session_id", "session id {id} cannot be part of a URL path"),
    # How answers travel (toolkit.serve.transport): the options, then the fix.
    NC_("transport_cert_and_key",
        "give --certfile and --keyfile together (the certificate and its private key)"),
    NC_("transport_plain_http",
        "refusing to serve plain HTTP on {host}: anyone on that network could read join codes "
        "and answers. Turn on TLS: run `workshop tls init --host <this computer's address>`, "
        "then add the --certfile and --keyfile it prints (or pass your own certificate). To "
        "serve unencrypted anyway, add --allow-plain-http."),
    # A value `workshop deploy nginx` cannot write into nginx's configuration
    # (toolkit.serve.nginx); {what} is one of the nginx_what_ words (a language whose article
    # depends on the word puts it in the word: "the {what}" is English's).
    NC_("nginx_address", "{host}:{port} is not a host and port nginx can use"),
    NC_("nginx_key_too", "give the certificate's key file too"),
    NC_("nginx_bad_word",
        "the {what} {value} cannot go in an nginx configuration (no spaces, quotes, ';', '{{', "
        "'}}', '#', '$' or '\\')"),
    NC_("nginx_what_server_name", "server name"),
    NC_("nginx_what_listen", "listen"),
    NC_("nginx_what_certificate", "certificate"),
    NC_("nginx_what_key", "key"),
    NC_("nginx_what_network", "network"),
    # `workshop tls init` with no name or address to certify (toolkit.serve.tls).
    NC_("tls_no_host", "give at least one name or address with --host"),
))
"""Key -> English text of each error's sentence."""
