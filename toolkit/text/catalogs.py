"""The app's own strings in other languages: gettext catalogs (one `.po` per language) read
with Babel at run time.

Message shape: the English text is the msgid and a stable key is the msgctxt, the way gettext
and Babel's extraction expect (`NC_("key", "English")` marks an entry, `NCP_` a plural one).
Translators see real English sentences; code keeps short keys; the key keeps two identical
English texts apart ("Source" on screen and on paper). English is the source language: it has
no catalog, it is the text in the Python tables the marks sit in.

The `.po` files are read directly (no compile step), so the package works from a checkout and
from an installed wheel alike (the wheel ships every file under toolkit/). `make translations`
re-extracts the template and updates each catalog.
"""

from __future__ import annotations

import gettext
import io
from functools import cache
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

LOCALE_DIR = Path(__file__).parent / "locale"
"""One folder per language, <lang>/LC_MESSAGES/<DOMAIN>.po, and the template <DOMAIN>.pot."""
DOMAIN = "toolkit"
KEYWORDS: dict[str, tuple[object, ...]] = {"NC_": ((1, "c"), 2), "NCP_": ((1, "c"), 2, 3)}
"""The marks extraction looks for (the Makefile's `pybabel extract -k` says the same)."""


def NC_(key: str, english: str) -> tuple[str, str]:
    """Mark a message for extraction: its key (msgctxt) and English text (msgid)."""
    return key, english


def NCP_(key: str, singular: str, plural: str) -> tuple[str, tuple[str, str]]:
    """Mark a plural message: its key and English singular and plural forms."""
    return key, (singular, plural)


def catalog_path(lang: str, folder: Path | None = None) -> Path:
    """Where the catalog for `lang` lives (it may not exist)."""
    return (folder or LOCALE_DIR) / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


def catalog_languages(folder: Path | None = None) -> list[str]:
    """The codes of the languages that have a catalog, sorted."""
    root = folder or LOCALE_DIR
    if not root.is_dir():
        return []
    return sorted(p.name for p in root.iterdir() if catalog_path(p.name, root).is_file())


def read_catalog(lang: str, folder: Path | None = None) -> Catalog:
    """The catalog for `lang` as Babel reads it (messages, flags, plural forms)."""
    with catalog_path(lang, folder).open("rb") as fp:
        return read_po(fp, locale=lang, domain=DOMAIN)


@cache
def _load(folder: Path, lang: str) -> gettext.NullTranslations:
    if lang not in catalog_languages(folder):  # a code never becomes a path unchecked
        return gettext.NullTranslations()  # English, or a language with no catalog
    buffer = io.BytesIO()
    # Fuzzy and empty entries are left out, so they show English rather than a guess.
    write_mo(buffer, read_catalog(lang, folder), use_fuzzy=False)
    buffer.seek(0)
    return gettext.GNUTranslations(buffer)


def translation(lang: str) -> gettext.NullTranslations:
    """The translations for `lang` (pgettext / npgettext); unknown languages give English."""
    return _load(LOCALE_DIR, lang)


def words_in(lang: str, table: dict[str, str], prefix: str) -> dict[str, str]:
    """A table of `NC_` entries (key -> English) in `lang`, by key without its `prefix`:
    the shape the print labels, the wallet card and the join cards hand their templates."""
    words = translation(lang)
    return {key.removeprefix(prefix): words.pgettext(key, english)
            for key, english in table.items()}
