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
from toolkit.text.staff import STAFF_MESSAGES, STAFF_PLURALS

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
    NC_("unreached", "Not saved yet: no connection. Keep this page open."),
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
))
"""Key -> English text of each of the app's own strings (the staff's words: text/staff.py)."""
MESSAGES |= STAFF_MESSAGES

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
))
"""Key -> English singular and plural of each counted string (placeholders in `{name}` style)."""
PLURALS |= STAFF_PLURALS


def ui(key: str, lang: str = DEFAULT_LANGUAGE, **fmt: object) -> str:
    """An app string in `lang` (English when the language is unknown), formatted with `fmt`."""
    text = translation(lang).pgettext(key, MESSAGES[key])
    return text.format(**fmt) if fmt else text


def ui_plural(key: str, n: int, lang: str = DEFAULT_LANGUAGE, **fmt: object) -> str:
    """A counted app string: the form `lang` uses for `n`, formatted with `n` and `fmt`."""
    singular, plural = PLURALS[key]
    return translation(lang).npgettext(key, singular, plural, n).format(**{"n": n, **fmt})
