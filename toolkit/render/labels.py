"""The printed worksheets' own words (headers, hints, conditions, cover), in the print's language.

Written here once in English (`NC_`: key as msgctxt, English as msgid); every other language's
words live in its gettext catalog, like the app's screen strings (toolkit.text.strings).
"""

from __future__ import annotations

from toolkit.text.catalogs import NC_, words_in

_PREFIX = "print."
_WORDS: dict[str, str] = dict((
    NC_("print.name_or_code", "Name or code"),
    NC_("print.date", "Date"),
    NC_("print.code", "Code"),
    NC_("print.answers_saved", "Answers last saved"),
    NC_("print.no_answers", "No answers saved yet"),
    NC_("print.notice_first_page", "The full notice is on the first page of this worksheet."),
    NC_("print.page", "Page"),
    NC_("print.of", "of"),
    NC_("print.pick_one", "Pick one."),
    NC_("print.pick_all", "Pick all that fit."),
    NC_("print.pick_up_to", "Pick up to {n}."),
    NC_("print.other_please_say", "Other, please say:"),
    NC_("print.person_hint", "a person or group from your support map"),
    NC_("print.not_on_map", "(no longer on the support map)"),
    NC_("print.date_hint", "month / day / year"),
    NC_("print.answer", "Answer"),
    NC_("print.picked", "picked"),
    NC_("print.map_hint",
        "Write names in the circles: the people closest to you nearest the middle."),
    NC_("print.row", "Row"),
    NC_("print.scores_blank", "Scoring (for the counselor)"),
    NC_("print.mean", "Average of questions {items}"),
    NC_("print.sum", "Sum of questions {items}"),
    NC_("print.score_guide", "Guide"),
    NC_("print.source", "Source"),
    NC_("print.if_answered", "If you answered “{q}” above"),
    NC_("print.if_not_answered", "If you left “{q}” blank above"),
    NC_("print.if_equals", "If you answered {values} to “{q}” above"),
    NC_("print.if_other_than", "If you picked anything other than {values} for “{q}” above"),
    NC_("print.range_to_under", "{low} to under {high}"),
    NC_("print.range_and_up", "{low} and up"),
    NC_("print.cover_title", "Group packet"),
    NC_("print.cover_session", "Group"),
    NC_("print.cover_printed", "Printed"),
    NC_("print.cover_worksheets", "Worksheets in this packet"),
    NC_("print.cover_code", "Join code"),
    NC_("print.cover_pages", "Pages"),
    NC_("print.cover_starts", "First page"),
    NC_("print.map_words_me", "Me in the middle."),
    NC_("print.map_words_blank",
        "Empty rings to write names in. From the middle out: {rings}."),
    NC_("print.cover_note",
        "Each participant's worksheets start on a new page. This cover lists join codes only, "
        "never names. Keep this packet private."),
))


def labels(lang: str) -> dict[str, str]:
    """The print words for `lang` (English for a language we have no catalog for)."""
    return words_in(lang, _WORDS, _PREFIX)
