"""The words counselors and facilitators read: the dashboard, its passphrase gate and Print tab,
the outcomes notebook and the worksheet studio (with `workshop check`'s problems, from
toolkit.text.check_words), the `workshop` command's lines (toolkit.text.cli_words), the errors
it prints (toolkit.text.error_words) and its help (toolkit.text.help_words). Written here once
in English, keyed and marked for Babel like toolkit.text.strings (which merges them into
MESSAGES and PLURALS); every other language's text is in its catalog."""

from __future__ import annotations

from toolkit.text.catalogs import NC_, NCP_
from toolkit.text.check_words import CHECK_MESSAGES, CHECK_PLURALS
from toolkit.text.cli_words import CLI_MESSAGES, CLI_PLURALS
from toolkit.text.error_words import ERROR_MESSAGES
from toolkit.text.help_words import ARGPARSE_MESSAGES, ARGPARSE_PLURALS, HELP_MESSAGES

STAFF_MESSAGES: dict[str, str] = dict((
    # The facilitator dashboard (toolkit/widgets/facilitator/).
    NC_("dash_title", "Facilitator dashboard"),
    NC_("dash_error", "Something went wrong ({kind}). Data is safe."),
    NC_("dash_tab_progress", "Progress"),
    NC_("dash_tab_group", "Group view"),
    NC_("dash_tab_person", "One participant"),
    NC_("dash_tab_prepost", "Pre/post"),
    NC_("dash_tab_export", "Export"),
    NC_("dash_tab_print", "Print"),
    NC_("dash_tab_audit", "Audit log"),
    NC_("dash_mark_done", "✓ done"),
    NC_("dash_mark_in_progress", "… in progress"),
    NC_("dash_code", "Code"),
    NC_("dash_worksheet", "Worksheet"),
    NC_("dash_show_person", "Show this participant's answers"),
    NC_("dash_hide", "Hide"),
    NC_("dash_private",
        "Answers are private. Show them only with the participant, never on a shared screen."),
    NC_("dash_pick_code", "Pick a participant's code first."),
    NC_("dash_incomplete", "incomplete"),
    NC_("dash_show_prepost", "Show pre/post change"),
    NC_("dash_prepost_title", "Group mean, first and latest meeting"),
    NC_("dash_prepost_none", "No one has completed a measure at two meetings yet."),
    NC_("dash_prepost_first", "First"),
    NC_("dash_prepost_latest", "Latest"),
    NC_("dash_prepost_head",
        "{measure} {label} (n={n}, scale {low} to {high}): change {change}"),
    NC_("dash_prepost_guide",
        "Means of participants who completed the measure at two meetings. A guide for "
        "conversation, not a diagnosis."),
    NC_("dash_col_participant", "Code"),
    NC_("dash_col_measure", "Measure"),
    NC_("dash_col_score", "Score"),
    NC_("dash_col_first_date", "First date"),
    NC_("dash_col_first", "First"),
    NC_("dash_col_first_lang", "First in"),
    NC_("dash_col_latest_date", "Latest date"),
    NC_("dash_col_latest", "Latest"),
    NC_("dash_col_latest_lang", "Latest in"),
    NC_("dash_col_change", "Change"),
    NC_("dash_col_not_validated", "Translation not validated"),
    NC_("dash_include_sensitive", "Include names and phone numbers (sensitive)"),
    NC_("dash_export", "Export CSV and Excel"),
    NC_("dash_written", "Written (readable by you only):"),
    NC_("dash_show_audit", "Show the audit log"),
    NC_("dash_save_audit", "Save the audit log as CSV"),
    NC_("dash_col_time", "Time"),
    NC_("dash_col_actor", "Who"),
    NC_("dash_col_action", "What"),
    NC_("dash_col_target", "On"),
    NC_("dash_col_detail", "Detail"),
    NC_("audit.facilitator", "facilitator"),
    NC_("audit.cli", "command line"),
    NC_("audit.client", "participant"),
    NC_("audit.viewed participant", "viewed a participant's answers"),
    NC_("audit.viewed pre/post", "viewed pre/post change"),
    NC_("audit.exported", "exported"),
    NC_("audit.export", "exported"),
    NC_("audit.audit export", "exported the audit log"),
    NC_("audit.printed", "printed"),
    NC_("audit.card", "printed a wallet card"),
    NC_("audit.cards", "printed join cards"),
    NC_("audit.downloaded", "downloaded a file"),
    NC_("audit.logged in", "logged in"),
    NC_("audit.failed log in", "wrong passphrase"),
    NC_("audit.logged off", "logged off"),
    NC_("audit.consented", "agreed to the notice"),
    NC_("audit.session new", "made a group session"),
    NC_("audit.changed settings", "changed settings"),
    NC_("audit.backup", "made a backup"),
    NC_("audit.restore", "restored a backup"),
    NC_("audit.rotate-key", "changed the key"),
    NC_("audit.forget", "deleted a participant"),
    NC_("audit.purge", "deleted old data"),
    # The passphrase box in front of the dashboard, and idle log-off.
    NC_("gate_no_passphrase",
        "No facilitator passphrase has been set yet. In a terminal on this computer, run "
        "`{command}`, then press Check again."),
    NC_("gate_check_again", "Check again"),
    NC_("gate_passphrase", "Passphrase"),
    NC_("gate_open", "Open the dashboard"),
    NC_("gate_prompt", "Type the facilitator passphrase to see the group's progress."),
    NC_("gate_wrong", "That passphrase is not right. Please try again."),
    NC_("gate_too_many",
        "Too many wrong tries: please wait {seconds} seconds, then try again (that try was not "
        "checked)."),
    NC_("gate_no_session",
        "Logged in, but there is no group session {session}: make one with `workshop session "
        "new` (or check WORKSHOP_SESSION), then reload this page."),
    NC_("gate_no_sessions",
        "Logged in, but there are no group sessions yet: make one with `workshop session new`, "
        "then reload this page."),
    NC_("gate_log_off", "Log off"),
    NC_("dash_plain_http",
        "Warning: this server was started with --allow-plain-http, so answers travel over the "
        "network unencrypted. Anyone on the same Wi-Fi could read them. Run `workshop tls init` "
        "and serve with TLS."),
    NC_("gate_idle_stay", "Stay logged in"),
    NC_("gate_logged_off", "Logged off. Type the passphrase to open the dashboard again."),
    # The dashboard's Print tab.
    NC_("print_own_language", "Participant's own"),
    NC_("print_paper", "Paper"),
    NC_("print_letter", "Letter (US)"),
    NC_("print_a4", "A4"),
    NC_("print_one", "Filled PDF for this participant"),
    NC_("print_wallet_card", "Wallet card for this participant"),
    NC_("print_packet", "Group packet (every participant)"),
    NC_("print_blank", "Blank worksheets to fill in by hand"),
    NC_("print_progress", "Printing"),
    NC_("print_private",
        "Printouts hold answers: files go to your exports folder, readable by you only, and a "
        "link here downloads them to this computer. Keep downloaded copies safe."),
    NC_("print_written", "Written (readable by you only): {path}"),
    NC_("print_cards_url", "Link on the cards"),
    NC_("print_cards", "Join cards (every code)"),
    NC_("print_cards_bad_url",
        "The link on the cards must look like https://HOST:PORT/ (the address of the "
        "participants' app)."),
    # Download links for the files the dashboard makes, and the download route's pages.
    NC_("download_link", "Download {name} ({size})"),
    NC_("download_size_kb", "{n} KB"),
    NC_("download_size_mb", "{n} MB"),
    NC_("download_gone",
        "{name} is gone: it was deleted (for example when a participant asked to be "
        "forgotten). Make it again if you still need it."),
    NC_("download_gone_page",
        "This file is no longer here: it was deleted (for example when a participant asked "
        "to be forgotten), or the dashboard logged off. Go back to the dashboard and make it "
        "again if you still need it."),
    NC_("download_refused_page",
        "This download opens only from the facilitator dashboard. Open the dashboard with its "
        "link, then try again."),
    # The program's outcomes (notebooks/outcomes.ipynb) and the worksheet studio.
    NC_("outcomes_attendance_title", "Attendance by meeting (saved an answer that day)"),
    NC_("outcomes_no_meetings", "No meetings recorded yet."),
    NC_("outcomes_meeting_label", "{name}, meeting {n} ({date})"),
    NC_("studio_title", "Worksheet studio"),
    NC_("studio_file", "Worksheet file"),
    NC_("studio_new", "Start a new worksheet"),
    NC_("studio_new_name", "New worksheet id"),
    NC_("studio_reload", "Reload"),
    NC_("studio_client", "What a client sees"),
    NC_("studio_print", "The printed pages"),
    NC_("studio_page", "Page {page} of {total}"),
    NC_("studio_page_alt", "{which}, page {page} of {total}, on {paper} paper: {title}"),
    NC_("studio_blank", "Blank"),
    NC_("studio_filled", "With sample answers"),
    NC_("studio_paper", "Paper"),
    NC_("studio_problems", "Problems"),
    NC_("studio_no_problems", "No problems: `workshop check` passes."),
    NC_("studio_stale",
        "The previews show the last version without problems. Fix the problems to update them."),
    NC_("studio_coverage", "Translations"),
    NC_("studio_coverage_line", "{language}: {have} of {total} texts"),
    NC_("studio_reading", "Reading level"),
    NC_("studio_reading_exempt",
        "A validated measure keeps its published wording: its reading level is not flagged."),
    NC_("studio_reading_hard", "above grade 8: make it simpler"),
    NC_("studio_save", "Save as new version"),
    NC_("studio_saved", "Saved as version {version}."),
    NC_("studio_offered",
        "New sessions can use it: workshop session new NAME --participants N --worksheets {id}"),
    NC_("studio_not_offered",
        "New sessions take worksheets from {folder}, not from this folder: set "
        "WORKSHOP_WORKSHEETS to this folder to offer it to them."),
    NC_("studio_save_refused", "Not saved: fix the problems first."),
    NC_("studio_watching",
        "Edit the worksheet file and save it (Ctrl+S in JupyterLab's editor): the studio "
        "follows the file and updates each time it is saved."),
    NC_("studio_not_found", "No such file: {path}"),
    NC_("studio_reading_where", "Text"),
    NC_("studio_reading_lang", "Language"),
    NC_("studio_reading_score", "Formula"),
    NC_("studio_reading_grades", "School grade"),
    NC_("studio_formula_fk", "Flesch-Kincaid grade"),
    NC_("studio_bad_id", "'{id}': use lower-case letters, digits and dashes"),
    NC_("studio_exists", "{path} is already there"),
))
"""Key -> English text of each of the staff's strings."""
STAFF_MESSAGES |= CHECK_MESSAGES  # `workshop check` and the studio's problems
STAFF_MESSAGES |= CLI_MESSAGES  # the other `workshop` commands' lines
STAFF_MESSAGES |= ERROR_MESSAGES  # errors from below the command it prints (certificates, settings)
STAFF_MESSAGES |= HELP_MESSAGES  # `workshop --help` and each command's
STAFF_MESSAGES |= ARGPARSE_MESSAGES  # argparse's own words around them


STAFF_PLURALS: dict[str, tuple[str, str]] = dict((
    NCP_("dash_participants", "{n} participant.", "{n} participants."),
    NCP_("dash_maps", "{n} has started a support map.", "{n} have started a support map."),
    NCP_("dash_more_chars", "… ({n} more character; see the export)",
         "… ({n} more characters; see the export)"),
    NCP_("dash_not_validated_count",
         "{n} score was taken in a translation that is not validated.",
         "{n} scores were taken in a translation that is not validated."),
    NCP_("gate_wrong_wait",
         "That passphrase is not right. Please wait {n} second, then try again.",
         "That passphrase is not right. Please wait {n} seconds, then try again."),
    NCP_("print_packet_written",
         "Packet of {n} participant written (readable by you only): {path}",
         "Packet of {n} participants written (readable by you only): {path}"),
    NCP_("studio_more_pages", "{n} more page is not shown here.",
         "{n} more pages are not shown here."),
    NCP_("print_blank_written", "{n} blank worksheet written: {path}",
         "{n} blank worksheets written: {path}"),
    NCP_("print_cards_written", "{n} join card written (readable by you only): {path}",
         "{n} join cards written (readable by you only): {path}"),
    NCP_("gate_idle_warning_minutes",
         "Still there? Without use, the dashboard logs off in {n} minute.",
         "Still there? Without use, the dashboard logs off in {n} minutes."),
    NCP_("gate_idle_warning_seconds",
         "Still there? Without use, the dashboard logs off in {n} second.",
         "Still there? Without use, the dashboard logs off in {n} seconds."),
    NCP_("gate_idle", "Logs off by itself after {n} minute without use.",
         "Logs off by itself after {n} minutes without use."),
))
"""Key -> English singular and plural of each counted staff string."""
STAFF_PLURALS |= CHECK_PLURALS
STAFF_PLURALS |= CLI_PLURALS
STAFF_PLURALS |= ARGPARSE_PLURALS
