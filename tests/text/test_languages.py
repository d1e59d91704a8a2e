"""The one list of languages, and everything that offers a language follows it."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import toolkit
from toolkit.text.languages import DEFAULT_LANGUAGE, LANGUAGES, browser_language, next_language

PACKAGE = Path(toolkit.__file__).resolve().parent


def test_default_is_offered_first() -> None:
    """The default language is in the list, first."""
    assert next(iter(LANGUAGES)) == DEFAULT_LANGUAGE


def test_the_language_button_steps_through_every_language() -> None:
    """Pressing the language button again and again visits each language once, then returns."""
    seen, lang = [], DEFAULT_LANGUAGE
    for _ in LANGUAGES:
        seen.append(lang)
        lang = next_language(lang)
    assert seen == list(LANGUAGES) and lang == DEFAULT_LANGUAGE


def test_each_language_is_named_in_its_own_words() -> None:
    """The chooser shows English and Español, capitalised, from the catalogs and Babel's data."""
    assert LANGUAGES == {"en": "English", "es": "Español"}


def test_no_module_retypes_the_language_list() -> None:
    """No tuple, list or set literal of language codes outside text/languages.py."""
    codes = set(LANGUAGES)
    found = []
    for path in PACKAGE.rglob("*.py"):
        if path.name == "languages.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Tuple | ast.List | ast.Set) and len(node.elts) > 1:
                values = {e.value for e in node.elts if isinstance(e, ast.Constant)}
                if values == codes:
                    found.append(f"{path.relative_to(PACKAGE)}:{node.lineno}")
    assert not found



@pytest.mark.parametrize(("accept", "lang"), [
    ("es-MX,es;q=0.9,en-US;q=0.8,en;q=0.7", "es"),  # a phone set to Mexican Spanish
    ("es-419", "es"),  # Latin American Spanish: a region counts as its language
    ("en-US,en;q=0.9,es;q=0.8", "en"),
    ("fr-FR,fr;q=0.9,es;q=0.5", "es"),  # French first, which we do not have
    ("en;q=0.3, ES ;q=0.8", "es"),  # by weight, not order; any case and spacing
    ("es;q=0,en;q=0.1", "en"),  # q=0: "not this one"
    ("es;q=oops,en", "en"),  # a garbled weight counts as not wanted
    ("fr,de", None), ("", None), ("*", None),
])
def test_the_browsers_language_is_the_first_of_ours_it_asks_for(accept: str,
                                                                 lang: str | None) -> None:
    """From Accept-Language: the language we have that the browser wants most, or None."""
    assert browser_language(accept) == lang
