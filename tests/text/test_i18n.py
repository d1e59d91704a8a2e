"""App strings: asked for by key, in the client's language."""

from __future__ import annotations

from toolkit.text.strings import MESSAGES, ui


def test_english_is_the_source_text() -> None:
    """In English a key gives the text written in the code, formatted."""
    assert ui("join_button") == MESSAGES["join_button"] == "Join"
    assert ui("progress", "en", answered=2, total=5) == "2 of 5 answered"


def test_spanish_comes_from_the_catalog() -> None:
    """In Spanish the same key gives the catalog's translation, formatted."""
    assert ui("progress", "es", answered=2, total=5) == "2 de 5 respondidas"
