"""App strings: every one in English and Spanish, with the same placeholders."""

from __future__ import annotations

import string

from toolkit.text.strings import UI, ui


def _fields(text: str) -> set[str]:
    return {name for _lit, name, _spec, _conv in string.Formatter().parse(text) if name}


def test_every_string_has_english_and_spanish() -> None:
    """No app string may switch language on a Spanish-speaking client."""
    missing = [key for key, texts in UI.items() if set(texts) != {"en", "es"}
               or not all(t.strip() for t in texts.values())]
    assert missing == []


def test_placeholders_match_across_languages() -> None:
    """A placeholder in English is in the Spanish too (a missing one would raise on format)."""
    assert [k for k, t in UI.items() if _fields(t["en"]) != _fields(t["es"])] == []


def test_unknown_language_falls_back_to_english() -> None:
    """A language we have no text for shows English, formatted."""
    assert ui("map_moved", "fr", name="Ana", ring="Close") == "Ana is now in Close."
