"""The languages the toolkit speaks: the one list, in the order they are offered.

English (the language the app's strings are written in) comes first, then every language that
has a catalog in toolkit/text/locale/ (or in a program's own folder: WORKSHOP_LOCALE_DIR, or
add_locale_folder), so adding a language takes one `.po` file and the worksheets' text, no
Python. Each is named in its own words by Babel's locale data.
"""

from __future__ import annotations

from pathlib import Path

from babel import Locale, UnknownLocaleError

from toolkit.text.catalogs import catalog_languages, register_folder, unregister_folder

DEFAULT_LANGUAGE = "en"
"""The language a worksheet or notice falls back to; every text has it."""


def own_name(lang: str) -> str:
    """`lang`'s name in that language, capitalised as a chooser shows it ('Español')."""
    try:
        name = Locale.parse(lang.replace("-", "_")).get_display_name(lang.replace("-", "_"))
    except (UnknownLocaleError, ValueError):
        name = None
    return (name or lang)[:1].upper() + (name or lang)[1:]


def find_languages(folder: Path | None = None) -> dict[str, str]:
    """English, then each language with a catalog in `folder` (default: every known folder)."""
    codes = [DEFAULT_LANGUAGE, *(c for c in catalog_languages(folder) if c != DEFAULT_LANGUAGE)]
    return {code: own_name(code) for code in codes}


LANGUAGES: dict[str, str] = find_languages()
"""Each language's code and its name in that language (what a chooser shows)."""


def next_language(lang: str) -> str:
    """The language after `lang` in the list (the app's language button steps through it)."""
    codes = list(LANGUAGES)
    return codes[(codes.index(lang) + 1) % len(codes)] if lang in codes else DEFAULT_LANGUAGE


def browser_language(accept: str) -> str | None:
    """The language we have that the browser prefers, from its Accept-Language header
    ("es-MX,es;q=0.9,en;q=0.8": es), by weight and then order, a region counting as its
    language; None when it asks for none of ours (or sent no header)."""
    wanted: list[tuple[float, int, str]] = []
    for order, part in enumerate(accept.split(",")):
        tag, *params = (piece.strip() for piece in part.split(";"))
        weight = 1.0
        for param in params:
            name, _, value = param.partition("=")
            if name.strip().lower() == "q":
                try:
                    weight = float(value)
                except ValueError:
                    weight = 0.0
        lang = tag.lower().split("-")[0]
        if weight > 0 and lang in LANGUAGES:
            wanted.append((-weight, order, lang))
    return min(wanted)[2] if wanted else None


def add_locale_folder(folder: Path) -> None:
    """Offer the languages whose catalogs are in `folder` too, from now on (LANGUAGES is
    updated in place, so every chooser sees them)."""
    register_folder(Path(folder))
    LANGUAGES.clear()
    LANGUAGES.update(find_languages())


def remove_locale_folder(folder: Path) -> None:
    """Undo add_locale_folder."""
    unregister_folder(Path(folder))
    LANGUAGES.clear()
    LANGUAGES.update(find_languages())
