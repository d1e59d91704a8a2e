"""The app's own strings as gettext catalogs: complete, consistent, current, and open to a new
language without Python."""

from __future__ import annotations

import shutil
import string
from collections.abc import Iterator
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po, write_po

import toolkit
from toolkit.text.catalogs import DOMAIN, KEYWORDS, LOCALE_DIR, read_catalog
from toolkit.text.languages import (
    DEFAULT_LANGUAGE,
    LANGUAGES,
    add_locale_folder,
    find_languages,
    remove_locale_folder,
)
from toolkit.text.strings import ui, ui_plural

PACKAGE = Path(toolkit.__file__).resolve().parent
TRANSLATED = [lang for lang in LANGUAGES if lang != DEFAULT_LANGUAGE]


def _extracted() -> dict[tuple[str, str], str | tuple[str, ...]]:
    """(key, English msgid) -> msgid as the code marks it today, by Babel's own extraction."""
    found = extract_from_dir(str(PACKAGE), [("**.py", "python")], keywords=KEYWORDS)
    return {(ctx, msg if isinstance(msg, str) else msg[0]): msg
            for _file, _line, msg, _comments, ctx in found}


def _fields(text: str) -> set[str]:
    return {name for _lit, name, _spec, _conv in string.Formatter().parse(text) if name}


def _forms(value: str | tuple[str, ...]) -> tuple[str, ...]:
    return (value,) if isinstance(value, str) else tuple(value)


def test_the_template_matches_the_code() -> None:
    """A string added, changed or removed in the code is in the template (`make translations`)."""
    with (LOCALE_DIR / f"{DOMAIN}.pot").open("rb") as fp:
        template = {(m.context, m.id if isinstance(m.id, str) else m.id[0])
                    for m in read_po(fp) if m.id}
    assert template == set(_extracted())


@pytest.mark.parametrize("lang", TRANSLATED)
def test_every_message_is_translated(lang: str) -> None:
    """Each offered language translates every string the code uses: none missing, empty, fuzzy."""
    catalog = read_catalog(lang)
    missing = []
    for (ctx, msgid) in _extracted():
        message = catalog.get(msgid, context=ctx)
        if (message is None or message.fuzzy
                or not all(form.strip() for form in _forms(message.string))):
            missing.append(ctx)
    assert missing == []


@pytest.mark.parametrize("lang", TRANSLATED)
def test_placeholders_match_the_english(lang: str) -> None:
    """A translation uses the English text's {placeholders}: none lost, none invented."""
    wrong = []
    for message in read_catalog(lang):
        if not message.id:
            continue
        source = _fields(_forms(message.id)[-1])
        forms = _forms(message.string)
        if isinstance(message.id, str):
            ok = _fields(forms[0]) == source
        else:  # a form for one may say the number in words, but never invents a placeholder
            ok = all(_fields(f) <= source for f in forms) and _fields(forms[-1]) == source
        if not ok:
            wrong.append(message.context)
    assert wrong == []


@pytest.mark.parametrize("lang", TRANSLATED)
def test_spanish_style_inclusive_without_slash_endings(lang: str) -> None:
    """No 'seguro/a' or 'bienvenido/a': a screen reader cannot say them (worksheets/WRITING.md)."""
    import re

    slashed = [m.context for m in read_catalog(lang) if m.id
               and any(re.search(r"\w/as?\b", f) for f in _forms(m.string))]
    assert slashed == []


def test_spanish_counts_agree_with_the_number() -> None:
    """'1 apoya', '3 apoyan': one plural message, the catalog picks the form."""
    assert ui_plural("map_count_yes", 1, "es") == "1 apoya"
    assert ui_plural("map_count_yes", 3, "es") == "3 apoyan"
    assert ui_plural("map_count_yes", 0, "es") == "0 apoyan"
    assert ui_plural("join_wait", 1, "en", seconds=1).startswith("Please wait 1 second,")
    assert ui_plural("join_wait", 9, "es", seconds=9).startswith("Espere 9 segundos ")


def test_unknown_language_falls_back_to_english() -> None:
    """A language we have no catalog for shows English, formatted."""
    assert ui("map_moved", "fr", name="Ana", ring="Close") == "Ana is now in Close."
    assert ui("join_button", "../es") == "Join"


@pytest.fixture
def french(tmp_path: Path) -> Iterator[Path]:
    """A program's locale folder with Spanish and a fake French: es.po copied, a few strings
    changed, one left fuzzy (as `pybabel update` leaves a guess), added the way a program adds
    its own (WORKSHOP_LOCALE_DIR does the same at start)."""
    shutil.copytree(LOCALE_DIR / "es", tmp_path / "es")
    catalog = read_catalog("es")
    catalog.locale = "fr"
    catalog.get("My recovery workshop", context="app_title").string = "Mon atelier"
    catalog.get("{n} supportive", context="map_count_yes").string = (
        "{n} soutien", "{n} soutiens", "{n} soutiens")
    catalog.get("Join", context="join_button").flags.add("fuzzy")
    target = tmp_path / "fr" / "LC_MESSAGES"
    target.mkdir(parents=True)
    with (target / f"{DOMAIN}.po").open("wb") as fp:
        write_po(fp, catalog)
    add_locale_folder(tmp_path)
    yield tmp_path
    remove_locale_folder(tmp_path)


def test_a_third_language_needs_only_its_catalog(french: Path) -> None:
    """A new .po makes a language offered, named in its own words, and its strings shown."""
    assert find_languages(french) == {"en": "English", "es": "Español", "fr": "Français"}
    assert LANGUAGES == {"en": "English", "es": "Español", "fr": "Français"}
    assert ui("app_title", "fr") == "Mon atelier"
    assert ui_plural("map_count_yes", 2, "fr") == "2 soutiens"
    assert ui("app_title", "es") == "Mi taller de recuperación"


def test_a_fuzzy_translation_shows_english(french: Path) -> None:
    """A guess left fuzzy by an update is not shown: the English is, until someone checks it."""
    assert ui("join_button", "fr") == "Join"


def test_make_translations_extracts_with_the_same_marks() -> None:
    """`make translations` passes pybabel the marks catalogs.KEYWORDS names (NC_, NCP_), so a
    string the tests extract is one the Makefile extracts too."""
    import re

    makefile = (Path(toolkit.__file__).resolve().parents[1] / "Makefile").read_text()
    flags = dict(re.findall(r"-k (\w+):([\dc,]+)", makefile))

    def spelled(spec: tuple[object, ...]) -> str:  # ((1, "c"), 2) is written 1c,2
        return ",".join("".join(map(str, x)) if isinstance(x, tuple) else str(x) for x in spec)

    assert flags == {name: spelled(spec) for name, spec in KEYWORDS.items()}
