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

A program adds a language of its own without touching the package: its catalogs in a folder of
the same shape, named by WORKSHOP_LOCALE_DIR (several folders separated by the path separator),
or registered with toolkit.text.languages.add_locale_folder. The package's own catalog wins
where both have a language.
"""

from __future__ import annotations

import gettext
import io
import os
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
LOCALE_ENV = "WORKSHOP_LOCALE_DIR"
"""Folders of a program's own catalogs, read after the package's."""

_EXTRA: list[Path] = [Path(p) for p in os.environ.get(LOCALE_ENV, "").split(os.pathsep) if p]


def NC_(key: str, english: str) -> tuple[str, str]:
    """Mark a message for extraction: its key (msgctxt) and English text (msgid)."""
    return key, english


def NCP_(key: str, singular: str, plural: str) -> tuple[str, tuple[str, str]]:
    """Mark a plural message: its key and English singular and plural forms."""
    return key, (singular, plural)


def catalog_path(lang: str, folder: Path | None = None) -> Path:
    """Where the catalog for `lang` lives (it may not exist)."""
    return (folder or LOCALE_DIR) / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


def locale_folders() -> list[Path]:
    """Where catalogs are looked for: the package's folder, then each of a program's."""
    return [LOCALE_DIR, *_EXTRA]


def register_folder(folder: Path) -> None:
    """Read catalogs from `folder` too (after those already known); see add_locale_folder."""
    if folder not in _EXTRA:
        _EXTRA.append(folder)
        _folder_of.cache_clear()


def unregister_folder(folder: Path) -> None:
    """Stop reading catalogs from `folder`."""
    if folder in _EXTRA:
        _EXTRA.remove(folder)
        _folder_of.cache_clear()


def catalog_languages(folder: Path | None = None) -> list[str]:
    """The codes of the languages that have a catalog (in `folder`, or in any), sorted."""
    roots = [folder] if folder is not None else locale_folders()
    return sorted({p.name for root in roots if root.is_dir() for p in root.iterdir()
                   if catalog_path(p.name, root).is_file()})


@cache
def _folder_of(lang: str) -> Path | None:
    """The first folder with a catalog for `lang`."""
    return next((root for root in locale_folders() if lang in catalog_languages(root)), None)


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
    folder = _folder_of(lang)
    return _load(folder, lang) if folder is not None else gettext.NullTranslations()


def words_in(lang: str, table: dict[str, str], prefix: str) -> dict[str, str]:
    """A table of `NC_` entries (key -> English) in `lang`, by key without its `prefix`:
    the shape the print labels, the wallet card and the join cards hand their templates."""
    words = translation(lang)
    return {key.removeprefix(prefix): words.pgettext(key, english)
            for key, english in table.items()}
