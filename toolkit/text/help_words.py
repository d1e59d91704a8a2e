"""The words of `workshop --help` and each command's help: the tool's description and what
each command, argument and option is for (toolkit.cli.helptext resolves them as the parser is
built), and argparse's own words around them ("usage:", "options", its errors), which argparse
looks up by their English text. Written here once in English, keyed and marked for Babel like
toolkit.text.staff (which merges them in); every other language's text is in its catalog.
Commands, options, metavars, paths and ids sit in the text as typed and are never translated.
No help text holds a `%`: argparse would read it as a placeholder."""

from __future__ import annotations

from toolkit.text.catalogs import NC_, NCP_

HELP_MESSAGES: dict[str, str] = dict((
    # The tool itself (toolkit/cli/main.py).
    NC_("help_workshop",
        "Recovery-support worksheets for group workshops: sessions, app, print, data."),
    NC_("help_version", "show program's version number and exit"),
    # Shared by several commands.
    NC_("help_session_id", "the session id"),
    NC_("help_join_code", "their join code"),
    NC_("help_yes", "do not ask for confirmation"),
    NC_("help_pdf_file", "PDF file to write"),
    # `workshop check` (toolkit/cli/checking.py).
    NC_("help_check", "check worksheet files (each problem: file:line and a fix)"),
    NC_("help_check_paths", "files or folders (default: the worksheets)"),
    NC_("help_check_lang",
        "also list every text still missing this language (e.g. fr), by file:line, without "
        "failing; repeat for more"),
    # `workshop session`, `cards` and `export` (toolkit/cli/session.py).
    NC_("help_session", "make, list and show group sessions"),
    NC_("help_session_new", "make a group session with join codes"),
    NC_("help_session_name", "a name for the counselor, e.g. \"Tuesday group\""),
    NC_("help_session_participants", "how many join codes to make (1 to {most})"),
    NC_("help_session_worksheets", "worksheet ids in order (default: the whole workshop)"),
    NC_("help_session_list", "list the sessions"),
    NC_("help_session_show", "a session's details and join codes"),
    NC_("help_session_show_id", "the session id, e.g. s-1a2b3c4d"),
    NC_("help_session_meeting", "record that the group met (default today)"),
    NC_("help_meeting_date", "the day it met"),
    NC_("help_cards", "print join cards, one per participant"),
    NC_("help_cards_url",
        "the address phones open (default http://127.0.0.1:8866/, this computer only)"),
    NC_("help_cards_lang", "card language"),
    NC_("help_export", "a session's answers as CSV and Excel files"),
    NC_("help_export_output",
        "folder to write long.csv, wide.csv, dictionary.csv and workshop-export.xlsx"),
    NC_("help_export_sensitive", "also export names and phone numbers of other people"),
    # `workshop audit`, `forget`, `purge`, `backup`, `restore`, `rotate-key`, `upgrade`
    # (toolkit/cli/admin.py).
    NC_("help_audit", "show the audit log (who did what, when; ids only)"),
    NC_("help_audit_csv", "write it to a CSV file (owner-only)"),
    NC_("help_forget", "remove every trace of one participant"),
    NC_("help_purge", "remove a whole group, or every quiet group"),
    NC_("help_purge_older_than", "sessions with no activity in the last DAYS days"),
    NC_("help_backup", "a consistent, still-encrypted copy of the data"),
    NC_("help_backup_output", "file to write"),
    NC_("help_restore", "restore a backup; the data it replaces is kept aside"),
    NC_("help_restore_file", "a file made by `workshop backup`"),
    NC_("help_rotate_key", "seal everything again with a new key"),
    NC_("help_upgrade", "bring the database up to this toolkit's schema"),
    # `workshop pdf`, `packet` and `card` (toolkit/cli/printing.py).
    NC_("help_print_lang",
        "printed language (default: the participant's own, the one they chose in the app; "
        "{default} when blank or not chosen)"),
    NC_("help_paper", "paper size (default letter)"),
    NC_("help_pdf", "print a worksheet, blank or with a participant's answers"),
    NC_("help_pdf_worksheet", "e.g. mspss"),
    NC_("help_pdf_all", "every worksheet, one PDF each"),
    NC_("help_pdf_blank", "blank, to fill in by hand"),
    NC_("help_pdf_participant", "filled with this join code's answers"),
    NC_("help_pdf_output", "PDF file (with --all: a folder)"),
    NC_("help_packet", "every participant's filled worksheets for a group"),
    NC_("help_packet_session", "the group session id"),
    NC_("help_packet_worksheets", "worksheet ids (default: the session's)"),
    NC_("help_packet_zip", "a zip of one PDF per participant"),
    NC_("help_packet_output", "PDF (or zip) file to write"),
    NC_("help_card", "print a participant's reach-out plan as a wallet card"),
    # `workshop facilitator`, `demo` and `serve` (toolkit/cli/serving.py, facilitator.py).
    NC_("help_facilitator", "serve the facilitator dashboard on 127.0.0.1 only"),
    NC_("help_set_passphrase",
        "set or change the passphrase that opens the facilitator dashboard"),
    NC_("help_passphrase_stdin",
        "read the passphrase from one line of standard input (for scripts)"),
    NC_("help_demo", "create a demo group session and serve the client app"),
    NC_("help_serve", "serve the client app for the sessions in the store"),
    NC_("help_host",
        "address to listen on (default 127.0.0.1; the clinic's LAN address to let phones and "
        "tablets join)"),
    NC_("help_page",
        "the client app's frontend: the light page (default), a small one of our own that "
        "shows the first screen sooner, or Voila's"),
    NC_("help_serve_session", "serve this group session only (its codes)"),
    NC_("help_base_url",
        "serve everything under PATH, such as /g/<session id>/ behind nginx (`workshop deploy "
        "nginx`); the dashboard then answers under /f/<session id>/"),
    NC_("help_facilitator_port", "dashboard port on 127.0.0.1 (default: --port + 1)"),
    NC_("help_pool",
        "warm kernels kept ready (default with --session: the group's size + {spare}, so all "
        "can join at once; else none)"),
    NC_("help_certfile",
        "the server's certificate (PEM), to serve HTTPS: answers cross the network encrypted "
        "(make one with `workshop tls init`)"),
    NC_("help_keyfile", "the certificate's private key (PEM)"),
    NC_("help_allow_plain_http",
        "serve plain HTTP on a network address anyway (unencrypted: not for real client data)"),
    NC_("help_behind_proxy",
        "a reverse proxy at ADDRESS does TLS in front of this server: trust its "
        "X-Forwarded-Proto and X-Forwarded-For (repeat for several)"),
    NC_("help_public_url",
        "the address phones open when it is not this server's own (behind a proxy: "
        "https://NAME/g/<session id>/); printed links, the join cards line and the dashboard's "
        "cards use it"),
    # `workshop studio` (toolkit/cli/studio.py).
    NC_("help_studio", "write worksheets in JupyterLab (local, offline)"),
    NC_("help_studio_file",
        "a worksheet file to open (default: the first in the worksheets folder)"),
    NC_("help_studio_port", "default {port}"),
    NC_("help_no_browser", "do not open a browser"),
    NC_("help_studio_lang", "the studio's language (default: English; it has a chooser too)"),
    # `workshop tls` (toolkit/cli/tls.py).
    NC_("help_tls", "the clinic's certificate for HTTPS: make it, show it"),
    NC_("help_tls_init", "make a local authority and a server certificate"),
    NC_("help_tls_host",
        "a name or LAN address phones use to reach this computer (repeat; this computer's name "
        "and loopback are always included)"),
    NC_("help_tls_port", "the port you serve on, for the download link (default {port})"),
    NC_("help_tls_new_authority",
        "replace the authority too (every device must trust the new one)"),
    NC_("help_tls_show", "expiry dates and fingerprints"),
    NC_("help_tls_certfile", "show this certificate instead"),
    # `workshop deploy nginx` (toolkit/cli/deploy.py).
    NC_("help_deploy", "nginx in front of several groups' servers"),
    NC_("help_deploy_nginx", "nginx routes /g/<session id>/ to each group's server"),
    NC_("help_deploy_out", "write here (default: print it)"),
    NC_("help_server_name", "the name clients use, such as workshop.clinic.org"),
    NC_("help_listen", "where nginx listens (default 443 with --cert, else 80)"),
    NC_("help_deploy_cert", "certificate (PEM) for nginx to do TLS"),
    NC_("help_deploy_key", "its private key (PEM)"),
    NC_("help_upstream",
        "where a group's server listens (repeat); other groups follow the convention: "
        "--app-host, and --first-port + 10 for each group in `workshop session list` order"),
    NC_("help_app_host", "the groups' machine by convention (default 127.0.0.1)"),
    NC_("help_proxy_address",
        "nginx's address as the groups' servers see it, for their --behind-proxy (default "
        "127.0.0.1)"),
    NC_("help_no_dashboards", "no /f/<session id>/ routes to the facilitator dashboards"),
    NC_("help_dashboard_from", "reach the dashboards only from these networks (repeat)"),
))
"""Key -> English text of each help line."""


ARGPARSE_MESSAGES: dict[str, str] = dict((
    # argparse's own words, each msgid exactly as argparse writes it (Python 3.11 to 3.13),
    # %-placeholders and all: the translation keeps every one of them.
    NC_("argparse_usage", "usage: "),
    NC_("argparse_positionals", "positional arguments"),
    NC_("argparse_options", "options"),
    NC_("argparse_help", "show this help message and exit"),
    NC_("argparse_error", "%(prog)s: error: %(message)s\n"),
    NC_("argparse_argument", "argument %(argument_name)s: %(message)s"),
    NC_("argparse_required", "the following arguments are required: %s"),
    NC_("argparse_one_required", "one of the arguments %s is required"),
    NC_("argparse_unrecognized", "unrecognized arguments: %s"),
    NC_("argparse_not_allowed", "not allowed with argument %s"),
    NC_("argparse_invalid_choice", "invalid choice: %(value)r (choose from %(choices)s)"),
    NC_("argparse_invalid_value", "invalid %(type)s value: %(value)r"),
    NC_("argparse_expected_one", "expected one argument"),
    NC_("argparse_expected_at_most_one", "expected at most one argument"),
    NC_("argparse_expected_at_least_one", "expected at least one argument"),
    NC_("argparse_ambiguous", "ambiguous option: %(option)s could match %(matches)s"),
    NC_("argparse_ignored", "ignored explicit argument %r"),
))
"""Key -> argparse's English text of each of its words that the CLI can show."""

ARGPARSE_PLURALS: dict[str, tuple[str, str]] = dict((
    NCP_("argparse_expected_n", "expected %s argument", "expected %s arguments"),
))
"""Key -> argparse's English singular and plural of its counted words."""
