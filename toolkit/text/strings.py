"""Per-language text: worksheet strings (plain or a {lang: text} map) and the app's own strings.

The app's strings are written here once, in English, each under a stable key (`NC_` marks them
for Babel's extraction: key as msgctxt, English as msgid); every other language's text lives in
its gettext catalog (toolkit/text/locale/<lang>/LC_MESSAGES/toolkit.po), read by
toolkit.text.catalogs. Code asks by key, `ui("join_button", lang)`, so call sites never carry
English, and a counted message is one plural entry, `ui_plural("join_wait", n, lang, ...)`,
whose forms come from the catalog's Plural-Forms (Spanish verbs agree with the number).
"""

from __future__ import annotations

from toolkit.text.catalogs import NC_, NCP_, translation
from toolkit.text.languages import DEFAULT_LANGUAGE

Text = str | dict[str, str]
"""A user-facing string: plain (the worksheet's first language) or one entry per language."""


def tr(text: Text | None, lang: str = DEFAULT_LANGUAGE, fallback: str = DEFAULT_LANGUAGE) -> str:
    """Resolve a worksheet string for `lang`, falling back to `fallback`, then to any entry."""
    if text is None:
        return ""
    if isinstance(text, str):
        return text
    for key in (lang, fallback):
        if key in text:
            return text[key]
    return next(iter(text.values()), "")


# Strings the app itself shows, in English. Every catalog must translate each one: many clients
# are Spanish-speaking, and the chrome around a worksheet must not switch language on them
# (tests/text/test_catalogs.py).
MESSAGES: dict[str, str] = dict((
    NC_("app_title", "My recovery workshop"),
    NC_("join_prompt", "Type the join code your counselor gave you."),
    NC_("join_placeholder", "for example ABC-DEF-GHJ"),
    NC_("join_button", "Join"),
    NC_("code_malformed",
        "That code doesn't look quite right. A code has 9 letters and numbers, like ABC-DEF-GHJ. "
        "Please check it and try again, or ask your counselor."),
    NC_("code_unknown",
        "We couldn't find that code. Please check it and try again, or ask your counselor for "
        "help. Your answers are safe."),
    NC_("join_locked",
        "Too many codes didn't work, so joining on this device is paused for a while. Please try "
        "again in about {minutes} minutes, or ask your counselor for help. Your answers are safe."),
    NC_("join_locked_soon",
        "Too many codes didn't work, so joining on this device is paused for a while. Please try "
        "again in a minute, or ask your counselor for help. Your answers are safe."),
    NC_("join_again", "You can try your code again now."),
    NC_("consent_agree", "I agree"),
    NC_("consent_decline", "Not now"),
    NC_("consent_hint", "Nothing is saved until you tap \"I agree\"."),
    NC_("consent_declined",
        "That's OK. Nothing was saved. You can talk with your counselor about it at any time. If "
        "you change your mind, type your code again."),
    NC_("welcome", "Welcome"),
    NC_("your_worksheets", "Your worksheets"),
    NC_("open", "Open"),
    NC_("back", "← All worksheets"),
    NC_("finished", "I'm finished"),
    NC_("finished_done",
        "Thank you. Your answers are saved. This screen is ready for the next person."),
    NC_("status_done", "Done"),
    NC_("status_in_progress", "In progress"),
    NC_("status_not_started", "Not started"),
    NC_("mark_done", "I'm done with this worksheet"),
    NC_("progress", "{answered} of {total} answered"),
    NC_("saved", "Saved"),
    NC_("saving", "Saving…"),
    NC_("retrying", "Not saved, retrying"),
    NC_("nothing_yet", "Your answers save by themselves"),
    NC_("add_row", "+ Add another"),
    NC_("remove_row", "Remove"),
    NC_("other_please_say", "Other, please say:"),
    NC_("other", "Other"),
    NC_("yes", "Yes"),
    NC_("no", "No"),
    NC_("unsure", "Not sure"),
    NC_("too_long",
        "That is longer than this space allows ({limit} characters). Please shorten it; what you "
        "wrote is still here."),
    NC_("not_a_number", "Please type a number."),
    NC_("out_of_range", "Please type a number from {low} to {high}."),
    NC_("error_shown",
        "Something went wrong on this screen. Your saved answers are safe. Please tell your "
        "counselor."),
    NC_("crisis_title", "Need help now?"),
    NC_("crisis_988", "988 Suicide & Crisis Lifeline: call or text 988 (US)"),
    NC_("crisis_samhsa",
        "SAMHSA National Helpline: 1-800-662-4357 (free, confidential, 24/7, English and Spanish)"),
    NC_("score_incomplete", "Answer every question to see this score."),
    NC_("scores_title", "Your scores"),
    NC_("scores_guide", "Scores are a guide for talking with your counselor, not a diagnosis."),
    # Shown with a measure whose wording in this language is a translation nobody validated.
    NC_("translation_not_validated",
        "Translation not validated: use it as a guide for talking with your counselor, not to "
        "compare with published scores."),
    NC_("source", "Source"),
    NC_("language_label", "Language"),
    NC_("print_card", "Print my card"),
    NC_("card_ready", "Your wallet card is ready: tap here to open or save it (PDF)."),
    # The support map and "pick someone from my map".
    NC_("ring_closest", "Closest"),
    NC_("ring_close", "Close"),
    NC_("ring_wider", "Wider circle"),
    NC_("ring_professional", "Professionals and groups"),
    NC_("support_yes", "supports my recovery"),
    NC_("support_unsure", "not sure"),
    NC_("support_no", "does not support my recovery"),
    NC_("support_unmarked", "support not marked"),
    NC_("map_list_title", "Move people without dragging:"),
    NC_("map_closer", "Move closer"),
    NC_("map_further", "Move further"),
    NC_("map_moved", "{name} is now in {ring}."),
    NC_("map_sheet", "My support map"),
    # The support map picture (toolkit/supportmap/svg.py) and the prompts under it.
    NC_("map_me", "Me"),
    NC_("map_entry_yes", "supports my recovery"),
    NC_("map_entry_unsure", "not sure if they support my recovery"),
    NC_("map_entry_no", "does not support my recovery"),
    NC_("map_entry_unknown", "support not marked yet"),
    NC_("map_no_one", "no one yet"),
    NC_("map_badge_safe", "✓ safe"),
    NC_("map_badge_unsure", "? unsure"),
    NC_("map_badge_not_safe", "! not safe"),
    NC_("map_safety_safe", "feels safe"),
    NC_("map_safety_unsure", "not sure if safe"),
    NC_("map_safety_not_safe", "feels not safe"),
    NC_("map_empty_hint", "Add people and groups to see them here"),
    NC_("map_no_name", "(no name yet)"),
    NC_("group_map_title", "Our group's support maps"),
    NC_("prompt_no_professional",
        "Your professionals and groups circle is empty. Could a support group, a counselor or a "
        "sponsor be part of your map?"),
    NC_("prompt_closer",
        "Is there someone who supports your recovery that you would like to be closer to?"),
    NC_("prompt_start", "Start with one person or group. Even one is a good start."),
    NC_("pick_empty",
        "Your support map is empty. Add people and groups on {sheet} first. They will show up "
        "here."),
    NC_("pick_check",
        "On your map, {name} is marked “{marked}”. That's okay. Are you sure you want them here?"),
    NC_("pick_keep", "Yes, keep {name}"),
    NC_("pick_other", "Choose someone else"),
    NC_("join_title", "Join your group"),
    NC_("consent_title", "Your privacy"),
    # The default consent and privacy notice (light markdown; a program may set its own).
    NC_("consent_notice", """\
## Before you start: your privacy

- This app keeps your answers to the worksheets.
- Only **you and your counselor** can see your answers.
- The group **never** sees your own answers. The group may see totals for everyone together,
  with no names.
- Your answers are part of your treatment record. A federal law (42 CFR Part 2) protects them.
  We do not share them without your written permission, except when the law allows it.
- Your answers are locked with a secret key on this program's computer.
- Some questions ask about people in your life. Use first names or nicknames only.
- **It is your choice.** You can say no. If you say no, your care stays the same.
- You can stop at any time. You can ask your counselor to delete your answers.
- Your join code opens your answers. Keep it private. On a shared phone or tablet,
  tap "I'm finished" when you are done.
- This app is not for emergencies. Need help now?
  {crisis_988}. {crisis_samhsa}.
"""),
    # The 42 CFR 2.32 notice that must accompany a disclosure of Part 2 records (the default
    # footer of filled printouts), and the short statement 2.32(a)(2) allows on later pages.
    NC_("part2_notice",
        "This information has been disclosed to you from records protected by federal "
        "confidentiality rules (42 CFR part 2). The federal rules prohibit you from making any "
        "further disclosure of information in this record that identifies a patient as having "
        "or having had a substance use disorder either directly, by reference to publicly "
        "available information, or through verification of such identification by another "
        "person unless further disclosure is expressly permitted by the written consent of the "
        "individual whose information is being disclosed or as otherwise permitted by 42 CFR "
        "part 2. A general authorization for the release of medical or other information is NOT "
        "sufficient for this purpose (see § 2.31). The federal rules restrict any use of the "
        "information to investigate or prosecute with regard to a crime any patient with a "
        "substance use disorder, except as provided at §§ 2.12(c)(5) and 2.65."),
    NC_("part2_short", "42 CFR part 2 prohibits unauthorized disclosure of these records."),
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
    NC_("print_packet", "Group packet (every participant)"),
    NC_("print_blank", "Blank worksheets to fill in by hand"),
    NC_("print_progress", "Printing"),
    NC_("print_private",
        "Printouts hold answers: files go to your exports folder, readable by you only."),
    NC_("print_written", "Written (readable by you only): {path}"),
    # The page that hands out the clinic authority's certificate (toolkit/serve/trust.py).
    NC_("trust_title", "Trust this clinic's connection"),
    NC_("trust_why",
        "Do this once on each phone or tablet. After that, the workshop app opens with no "
        "warning, and your answers travel locked (encrypted) over the clinic's Wi-Fi."),
    NC_("trust_download", "Download the clinic's certificate"),
    NC_("trust_android",
        "Android: open Settings and search for “CA certificate”. Tap it, tap “Install anyway”, "
        "then choose the file you just downloaded."),
    NC_("trust_apple",
        "iPhone or iPad: tap “Allow”. Open Settings, tap “Profile Downloaded”, then “Install”. "
        "Then go to Settings, General, About, Certificate Trust Settings, and switch on the "
        "clinic's certificate."),
    NC_("trust_check", "If your device shows a fingerprint (SHA-256), it should be this one:"),
    NC_("trust_open", "Then open the workshop app:"),
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
    NC_("studio_print", "The printed first page"),
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
    NC_("studio_save_refused", "Not saved: fix the problems first."),
    NC_("studio_watching", "Following the file: the studio updates each time it is saved."),
    NC_("studio_not_found", "No such file: {path}"),
    NC_("studio_reading_where", "Text"),
    NC_("studio_reading_lang", "Language"),
    NC_("studio_reading_score", "Formula"),
    NC_("studio_reading_grades", "School grade"),
))
"""Key -> English text of each of the app's own strings."""

PLURALS: dict[str, tuple[str, str]] = dict((
    NCP_("join_wait",
        "Please wait {seconds} second, then try again. If your code still doesn't work, ask your "
        "counselor.",
        "Please wait {seconds} seconds, then try again. If your code still doesn't work, ask "
        "your counselor."),
    NCP_("map_count_yes", "{n} supportive", "{n} supportive"),
    NCP_("map_count_unsure", "{n} not sure", "{n} not sure"),
    NCP_("map_count_no", "{n} not supportive", "{n} not supportive"),
    NCP_("map_count_unknown", "{n} not marked yet", "{n} not marked yet"),
    NCP_("prompt_ring", "{ring}: {n} supportive person.", "{ring}: {n} supportive people."),
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
    NCP_("print_blank_written", "{n} blank worksheet written: {path}",
         "{n} blank worksheets written: {path}"),
    NCP_("gate_idle_warning_minutes",
         "Still there? Without use, the dashboard logs off in {n} minute.",
         "Still there? Without use, the dashboard logs off in {n} minutes."),
    NCP_("gate_idle_warning_seconds",
         "Still there? Without use, the dashboard logs off in {n} second.",
         "Still there? Without use, the dashboard logs off in {n} seconds."),
    NCP_("gate_idle", "Logs off by itself after {n} minute without use.",
         "Logs off by itself after {n} minutes without use."),
))
"""Key -> English singular and plural of each counted string (placeholders in `{name}` style)."""


def ui(key: str, lang: str = DEFAULT_LANGUAGE, **fmt: object) -> str:
    """An app string in `lang` (English when the language is unknown), formatted with `fmt`."""
    text = translation(lang).pgettext(key, MESSAGES[key])
    return text.format(**fmt) if fmt else text


def ui_plural(key: str, n: int, lang: str = DEFAULT_LANGUAGE, **fmt: object) -> str:
    """A counted app string: the form `lang` uses for `n`, formatted with `n` and `fmt`."""
    singular, plural = PLURALS[key]
    return translation(lang).npgettext(key, singular, plural, n).format(**{"n": n, **fmt})
