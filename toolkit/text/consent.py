"""The consent and privacy notice a participant agrees to before anything is saved.

The default wording is plain language (short sentences, about a 6th grade level), written in
English in toolkit/text/strings.py and translated in each language's catalog; a program sets its
own with WORKSHOP_CONSENT_NOTICE or WORKSHOP_CONSENT_FILE (see Config). The text is light
markdown: raw HTML in it is shown as text, never run.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from toolkit.text.languages import DEFAULT_LANGUAGE, LANGUAGES
from toolkit.text.message import MessageError, msg
from toolkit.text.strings import ui


class NoticeFileError(MessageError, ValueError):
    """A program's notice file that cannot be used; the message names the file and the fix."""


def default_notice() -> dict[str, str]:
    """The built-in notice (the `consent_notice` message), in every language the app speaks."""
    return {lang: ui("consent_notice", lang, crisis_988=ui("crisis_988", lang),
                     crisis_samhsa=ui("crisis_samhsa", lang))
            for lang in LANGUAGES}


def notice_for(notice: Mapping[str, str], lang: str) -> str:
    """The notice in `lang`, else in the default language (a program may give only one)."""
    return notice.get(lang) or notice.get(DEFAULT_LANGUAGE) or next(iter(notice.values()))


def read_notice_file(pattern: str) -> dict[str, str]:
    """Read a program's notice. `pattern` is a UTF-8 text file, or a path with `{lang}` in it
    (e.g. consent.{lang}.md) for one file per language, of which the English one must exist.
    Raises NoticeFileError (a ValueError) with a fix when a file is missing, empty or not UTF-8."""
    paths = ({lang: Path(pattern.replace("{lang}", lang)) for lang in LANGUAGES}
             if "{lang}" in pattern else {DEFAULT_LANGUAGE: Path(pattern)})
    out: dict[str, str] = {}
    for lang, path in paths.items():
        if not path.is_file():
            if lang == DEFAULT_LANGUAGE:
                raise NoticeFileError(msg("config_consent_missing", path=path))
            continue
        try:
            text = path.read_text(encoding="utf-8").strip()
        except UnicodeDecodeError:
            raise NoticeFileError(msg("config_consent_not_utf8", path=path)) from None
        if not text:
            raise NoticeFileError(msg("config_consent_empty", path=path))
        out[lang] = text
    return out
