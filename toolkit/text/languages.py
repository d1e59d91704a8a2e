"""The languages the toolkit speaks: the one list, in the order they are offered."""

from __future__ import annotations

LANGUAGES: dict[str, str] = {"en": "English", "es": "Español"}
"""Each language's code and its name in that language (what a chooser shows)."""
DEFAULT_LANGUAGE = "en"
"""The language a worksheet or notice falls back to; every text has it."""


def next_language(lang: str) -> str:
    """The language after `lang` in the list (the app's language button steps through it)."""
    codes = list(LANGUAGES)
    return codes[(codes.index(lang) + 1) % len(codes)] if lang in codes else DEFAULT_LANGUAGE
