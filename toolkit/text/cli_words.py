"""The words of the `workshop` command's lines: what a counselor reads in the terminal after
`session`, `cards`, `export`, `tls` and the other commands, with every error. Written here once
in English, keyed and marked for Babel like toolkit.text.staff (which merges them in); every
other language's text is in its catalog. Ids, paths, URLs, join codes, command and option names
fill the {placeholders} or sit in `backticks`, and are never translated."""

from __future__ import annotations

from toolkit.text.catalogs import NC_, NCP_

CLI_MESSAGES: dict[str, str] = dict((
    # `workshop session`, `cards` and `export` (toolkit/cli/session.py).
    NC_("cli_no_session", "no session '{id}'; `workshop session list` shows the sessions"),
    NC_("cli_name_length", "a session name is 1 to {most} characters, e.g. \"Tuesday group\""),
    NC_("cli_participants_range",
        "--participants must be 1 to {most} (got {got}); for a bigger group make two sessions"),
    NC_("cli_fix_worksheets", "fix the worksheets first (`workshop check` lists the problems)"),
    NC_("cli_worksheets_empty",
        "--worksheets is empty; name at least one, e.g. --worksheets mspss"),
    NC_("cli_unknown_worksheet", "unknown worksheet '{id}'; known worksheets: {known}"),
    NC_("cli_session_worksheets", "worksheets: {ids}"),
    NC_("cli_join_codes", "join codes:"),
    NC_("cli_print_cards_with", "print join cards with: {command}"),
    NC_("cli_no_sessions",
        "no sessions yet; make one with `workshop session new NAME --participants N`"),
    # The columns of `workshop session list`.
    NC_("cli_col_id", "id"),
    NC_("cli_col_name", "name"),
    NC_("cli_col_created", "created"),
    NC_("cli_col_participants", "participants"),
    NC_("cli_col_worksheets", "worksheets"),
    # The labels of `workshop session show` (each followed by its value).
    NC_("cli_show_session", "session:"),
    NC_("cli_show_name", "name:"),
    NC_("cli_show_created", "created:"),
    NC_("cli_show_meetings", "meetings:"),
    NC_("cli_show_no_meetings", "none recorded"),
    NC_("cli_show_worksheets", "worksheets:"),
    NC_("cli_show_participants", "participants:"),
    NC_("cli_date_format", "--date must look like 2026-01-31 (got '{got}')"),
    NC_("cli_meeting_recorded", "meeting on {date} recorded for session {id}"),
    NC_("cli_no_participants", "session {id} has no participants"),
    NC_("cli_cards_this_computer",
        "note: the cards link to {url}, which opens only on this computer; for phones give "
        "--url https://<this computer's network address>:8866/ (the URL `workshop serve` "
        "prints)"),
    NC_("cli_exported",
        "exported session {id} (sensitive fields left out); these files hold client answers: "
        "keep them as safe as the database"),
    NC_("cli_exported_sensitive",
        "exported session {id} (including names and phone numbers of other people); these "
        "files hold client answers: keep them as safe as the database"),
    # `workshop tls init` and `workshop tls show` (toolkit/cli/tls.py).
    NC_("cli_trust_intro",
        "Each tablet and phone trusts this clinic's authority once (then the app opens with no "
        "warning):"),
    NC_("cli_trust_step_open",
        "  1. On the device, on the clinic Wi-Fi, scan this code or open {url} and tap "
        "Download."),
    NC_("cli_trust_step_android",
        "  2. Android: Settings > Security > Encryption & credentials > Install a certificate > "
        "CA certificate > Install anyway, and pick the file just downloaded."),
    NC_("cli_trust_step_apple",
        "     iPhone or iPad: tap Allow; Settings > Profile Downloaded > Install; then Settings > "
        "General > About > Certificate Trust Settings: switch the clinic's authority on."),
    NC_("cli_trust_step_check",
        "  3. If the device shows a fingerprint (SHA-256), check it is {fingerprint}."),
    NC_("cli_cert_subject", "subject:"),
    NC_("cli_cert_names", "names:"),
    NC_("cli_cert_valid", "valid:"),
    NC_("cli_cert_key", "key:"),
    NC_("cli_cert_authority", "Authority"),
    NC_("cli_cert_authority_init", "Authority (devices trust this once)"),
    NC_("cli_cert_server", "Server certificate"),
    NC_("cli_cert_given", "Certificate"),
    NC_("cli_cert_authority_key", "{path} (owner only; keep it on this computer)"),
    NC_("cli_cert_server_key", "{path} (owner only)"),
    NC_("cli_cert_covers", "Covers: {names}"),
    NC_("cli_cert_this_address", "<this computer's address>"),
    NC_("cli_cert_serve_with", "Serve with it:"),
    NC_("cli_cert_download_page",
        "(The download page runs while the server does, on its port + {offset}.)"),
    NC_("cli_no_certificate", "no certificate in {folder}; make one with `workshop tls init`"),
    # `workshop audit`, `forget`, `purge`, `backup`, `restore`, `rotate-key`, `upgrade`
    # (toolkit/cli/admin.py).
    NC_("cli_yes_no", "{question} [y/N] "),
    NC_("cli_audit_empty", "the audit log is empty"),
    # The columns of `workshop audit`'s table (its lines are stored ids, as they were logged).
    NC_("cli_audit_time", "time"),
    NC_("cli_audit_actor", "actor"),
    NC_("cli_audit_action", "action"),
    NC_("cli_audit_target", "target"),
    NC_("cli_audit_detail", "detail"),
    NC_("cli_participant", "participant {id}"),
    NC_("cli_files_deleted_whole",
        "export files deleted whole (they also held others' answers; make a new export for "
        "them with `workshop export`):"),
    NC_("cli_backups_still_hold",
        "backups made before now still hold these answers, sealed; they come back if such a "
        "backup is restored (delete old backups you no longer need)"),
    NC_("cli_postgres_remains",
        "note: on PostgreSQL the rows are deleted and the tables rewritten without them (VACUUM "
        "FULL), but the deleted values (still sealed) may remain in PostgreSQL's write-ahead log "
        "until it is recycled, in disk blocks the old table files used, and for as long as you "
        "keep them in a WAL archive, on a standby, in base backups and in pg_dump files made "
        "before now"),
    NC_("cli_wal_kept",
        "note: a running server kept SQLite from clearing its -wal file now; it is cleared at "
        "its next checkpoint, or run the command again once it is stopped"),
    NC_("cli_no_participant_code",
        "no participant with that join code; check it (`workshop session show ID` lists a "
        "session's codes)"),
    NC_("cli_forget_question", "forget {who}?"),
    NC_("cli_nothing_removed", "nothing removed (add --yes to skip this question)"),
    NC_("cli_no_session_purge", "no session '{id}'; `workshop session list` shows them"),
    NC_("cli_older_than", "--older-than must be a number of days above 0 (got {got})"),
    NC_("cli_nothing_to_purge",
        "no session has been quiet for more than {days} days; nothing to purge"),
    NC_("cli_purge_one_question", "remove this session for good?"),
    NC_("cli_key_not_in_backup",
        "the key is NOT in the backup: it is {where}. Keep a copy of it somewhere safe and apart "
        "from the backup; without it the backup cannot be opened, and with it anyone holding "
        "the backup can"),
    NC_("cli_replaced_kept",
        "the database it replaced is kept at {path} (owner-only); delete it once you are sure it "
        "is not needed"),
    NC_("cli_restart_serve", "restart `workshop serve` if it is running"),
    NC_("cli_new_key", "new key (applied only if this finishes; set it before you start the "
        "toolkit again):"),
    NC_("cli_key_not_changed", "the key was not changed"),
    NC_("cli_key_not_changed_keep", "the key was NOT changed: keep using the old one"),
    NC_("cli_rotation_finished",
        "finished an interrupted key rotation: {path} now holds the new key"),
    NC_("cli_set_new_key",
        "set WORKSHOP_KEY to the new key above wherever it is set (the service's environment "
        "file, your shell profile) before starting the toolkit again; the old key no longer "
        "opens anything"),
    NC_("cli_new_key_in", "the new key is in {path} (owner-only); the old key is gone"),
    NC_("cli_old_backups_old_key",
        "backups made before now need the old key: make a new backup now (`workshop backup -o "
        "FILE`) and keep the new key with it, apart"),
    NC_("cli_restart_serve_refuses",
        "restart `workshop serve` if it is running (until then it refuses to save)"),
    NC_("cli_nothing_changed", "{error}; nothing was changed"),
    NC_("cli_forget_plan",
        "this removes {who} of session {id} for good: {versions}, their consent and join code, "
        "and {files}"),
    NC_("cli_forgot", "forgot {who} of session {id}: {versions}, {files}"),
    NC_("cli_purge_plan",
        "session {id} \"{name}\" (last activity {date}): {participants}, {versions}, {files}"),
    NC_("cli_purged", "purged session {id}: {participants}, {versions}, {files}"),
    NC_("cli_backup_written",
        "backup written to {path} (owner-only): {sessions}, {participants}, {versions}, all "
        "sealed"),
    NC_("cli_restored", "restored {path}: {sessions}, {participants}, {versions}"),
    NC_("cli_resealed",
        "every value sealed again with a new key: {versions}, {codes}, {settings}; {cleared}"),
    NC_("cli_upgraded",
        "database upgraded ({steps}); every answer is kept. Make a backup now (`workshop backup "
        "-o FILE`): an older toolkit cannot open it any more"),
    NC_("cli_up_to_date", "the database is up to date; nothing to do"),
    # `workshop --version` run from a checkout that was never installed (toolkit/cli/main.py).
    NC_("cli_version_unknown", "unknown (not installed)"),
    # `workshop facilitator set-passphrase` (toolkit/cli/facilitator.py).
    NC_("cli_passphrase_intro",
        "The passphrase opens the facilitator dashboard: at least {least} characters; a few "
        "ordinary words with spaces make a good one."),
    NC_("cli_passphrase_new", "New facilitator passphrase: "),
    NC_("cli_passphrase_again", "Type it again: "),
    NC_("cli_passphrases_differ", "the two passphrases differ; nothing was changed"),
    NC_("cli_passphrase_changed", "facilitator passphrase changed for {home}"),
    NC_("cli_passphrase_set", "facilitator passphrase set for {home}"),
    # `workshop pdf`, `packet` and `card` (toolkit/cli/printing.py).
    NC_("cli_no_worksheet", "no worksheet '{id}'; known worksheets: {known}"),
    NC_("cli_no_participant_with_code",
        "no participant with join code '{code}'; check the code (`workshop demo` prints the "
        "demo codes)"),
    NC_("cli_one_or_all", "give one WORKSHEET_ID, or --all for every worksheet"),
    NC_("cli_blank_written", "blank worksheet written to {path}"),
    NC_("cli_filled_written", "filled worksheet written to {path}"),
    NC_("cli_output_is_file", "{path} is a file; with --all, -o names a folder"),
    NC_("cli_none_yet", "none yet"),
    NC_("cli_no_session_known", "no session '{id}'; sessions: {known}"),
    NC_("cli_progress_unit", "participant"),
    NC_("cli_progress_printing", "Printing"),
    NC_("cli_packet_one_each", "one PDF each"),
    NC_("cli_packet_written", "packet for {participants} ({what}) written to {path}"),
    NC_("cli_wallet_card_written", "wallet card written to {path}"),
    # `workshop deploy nginx` (toolkit/cli/deploy.py).
    NC_("cli_upstream_form",
        "--upstream '{given}': write SESSION_ID=HOST:PORT, such as s-1a2b3c4d=10.0.0.5:8866"),
    NC_("cli_cert_and_key",
        "give --cert and --key together (the certificate and its private key)"),
    NC_("cli_upstream_unknown",
        "--upstream for unknown session '{id}' (see `workshop session list`)"),
    NC_("cli_nginx_no_sessions",
        "no sessions in the store yet: every route will be a 404 (make one with `workshop "
        "session new`)"),
    # `workshop serve`, `facilitator` and `demo` (toolkit/cli/serving.py). The line with the
    # client app's address starts `Client app: ` in every language (serving.CLIENT_APP).
    NC_("cli_public_url_error", "--public-url: {error}"),
    NC_("cli_public_url_plain",
        "--public-url {url} is plain http: phones would send join codes and answers unencrypted. "
        "Give the https address of the proxy (or add --allow-plain-http)"),
    NC_("cli_serve_no_session",
        "no session '{id}' (known: {known}); make one with `workshop session new`"),
    NC_("cli_serve_group", "Group '{name}' ({id}), {participants}"),
    NC_("cli_serve_join_cards", "Join cards: {command}"),
    NC_("cli_serve_behind_proxy",
        "  Behind a proxy, add --public-url with the address phones open (such as "
        "https://NAME/g/<session id>/): links and cards use it."),
    NC_("cli_dashboard_port_used",
        "the dashboard's port {port} on 127.0.0.1 is in use (is this group already served?); "
        "choose another with --facilitator-port, or another --port (the dashboard takes --port "
        "+ 1, where nginx's routes expect it)"),
    NC_("cli_serve_dashboard", "Facilitator dashboard (this computer only): {url}"),
    NC_("cli_serve_set_passphrase",
        "  It opens with the facilitator passphrase: set one first with `workshop facilitator "
        "set-passphrase`."),
    NC_("cli_data_folder", "Data folder: {path}"),
    NC_("cli_press_ctrl_c", "Press Ctrl+C to stop."),
    NC_("cli_plain_http_warning",
        "Warning: serving plain HTTP to the network (--allow-plain-http): join codes and "
        "answers cross it unencrypted. Use --certfile and --keyfile."),
    NC_("cli_facilitator_banner", "Facilitator dashboard: {url}"),
    # `workshop studio` (toolkit/cli/studio.py).
    NC_("cli_no_worksheet_file", "{path}: no such worksheet file"),
    NC_("cli_studio_running", "Worksheet studio in {folder} on {url} (Ctrl-C to stop)"),
    NC_("cli_studio_killed", "JupyterLab did not stop in time; ending it and its kernels."),
))
"""Key -> English text of each of the command's lines."""


CLI_PLURALS: dict[str, tuple[str, str]] = dict((
    NCP_("cli_session_made",
         "session {id} \"{name}\": {n} participant, first meeting {date}",
         "session {id} \"{name}\": {n} participants, first meeting {date}"),
    NCP_("cli_cards_pages", "{n} page, {per} a page", "{n} pages, {per} a page"),
    NCP_("cli_cards_written", "{n} join card ({pages}) written to {path}",
         "{n} join cards ({pages}) written to {path}"),
    NCP_("cli_cert_expiring",
         "Warning: the server's certificate {path} expires in {n} day ({date}); make a new one "
         "with `workshop tls init` before then.",
         "Warning: the server's certificate {path} expires in {n} days ({date}); make a new one "
         "with `workshop tls init` before then."),
    NCP_("cli_cert_dates", "{start} to {end} ({n} day left)", "{start} to {end} ({n} days left)"),
    NCP_("cli_audit_written", "{n} audit line written to {path}",
         "{n} audit lines written to {path}"),
    NCP_("cli_files_holding", "{n} export file that holds their answers",
         "{n} export files that hold their answers"),
    NCP_("cli_files_removed", "{n} export file removed (deleted whole)",
         "{n} export files removed (deleted whole)"),
    NCP_("cli_files_gone", "{n} already gone", "{n} already gone"),
    NCP_("cli_participants_count", "{n} participant", "{n} participants"),
    NCP_("cli_answer_versions", "{n} answer version", "{n} answer versions"),
    NCP_("cli_export_files", "{n} export file", "{n} export files"),
    NCP_("cli_sessions_count", "{n} session", "{n} sessions"),
    # Asked for two or more only (one session: cli_purge_one_question).
    NCP_("cli_purge_question", "remove these {n} sessions for good?",
         "remove these {n} sessions for good?"),
    NCP_("cli_join_codes_count", "{n} join code", "{n} join codes"),
    NCP_("cli_settings_count", "{n} setting", "{n} settings"),
    NCP_("cli_wrong_code_counts", "{n} wrong-code count cleared",
         "{n} wrong-code counts cleared"),
    NCP_("cli_blanks_written", "{n} blank worksheet written to {path}",
         "{n} blank worksheets written to {path}"),
    NCP_("cli_filleds_written", "{n} filled worksheet written to {path}",
         "{n} filled worksheets written to {path}"),
    NCP_("cli_packet_pages", "{n} page and a cover", "{n} pages and a cover"),
    NCP_("cli_nginx_written",
         "Wrote {path}: {n} group. Check it with `nginx -t`, then reload nginx; start its "
         "server with the line in the file.",
         "Wrote {path}: {n} groups. Check it with `nginx -t`, then reload nginx; start each "
         "group's server with the line in the file."),
    NCP_("cli_serve_warming",
         "Warming {n} kernel: wait for the '{ready}' line before people join.",
         "Warming {n} kernels: wait for the '{ready}' line before people join."),
    NCP_("cli_demo_group", "Demo group '{name}' ({id}), {n} join code:",
         "Demo group '{name}' ({id}), {n} join codes:"),
))
"""Key -> English singular and plural of each counted line."""
