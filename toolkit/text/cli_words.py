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
))
"""Key -> English singular and plural of each counted line."""
