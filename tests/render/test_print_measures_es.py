"""A measure printed in a language whose wording nobody validated says so on paper."""

from __future__ import annotations

import pytest
from support.printouts import pages, person, squash, worksheets

from toolkit.render.printout import PrintOptions, blank_pdf, filled_pdf
from toolkit.text.strings import tr, ui

MEASURES = ["mspss", "barc-10"]
SPANISH = PrintOptions(lang="es")


def _text(pdf: bytes) -> str:
    return squash("".join(pages(pdf)))


@pytest.mark.parametrize("ws_id", MEASURES)
def test_spanish_blank_measure_has_the_notice_and_only_spanish_items(ws_id: str) -> None:
    """A blank Spanish MSPSS/BARC-10 says 'Traducción no validada' under its title and by
    its source, and prints every Spanish statement and answer, none of the English ones."""
    ws = worksheets()[ws_id]
    text = _text(blank_pdf(ws, SPANISH))
    notice = squash(ui("translation_not_validated", "es"))
    assert text.count(notice) == 2
    assert text.index(notice) < text.index(squash(tr(ws.sections[0].title, "es")))
    for item in ws.answerable():
        assert squash(tr(item.text, "es")) in text
        assert squash(tr(item.text, "en")) not in text
    # The answer labels head narrow columns (hyphenated, interleaved), so look for words.
    assert "acuerdo" in text
    assert not any(word in text for word in ("Disagree", "disagree", "Agree", "agree"))


@pytest.mark.parametrize("ws_id", MEASURES)
def test_english_printout_has_no_notice(ws_id: str) -> None:
    """The published English wording prints without the translation notice."""
    text = _text(blank_pdf(worksheets()[ws_id]))
    assert squash(ui("translation_not_validated", "en")) not in text
    assert "Traducción" not in text


def test_filled_spanish_measure_keeps_the_notice_by_its_scores() -> None:
    """A filled Spanish BARC-10 prints its total with the notice that the 47 reference point
    comes from the English version."""
    text = _text(filled_pdf(worksheets()["barc-10"], person(), SPANISH))
    assert squash(ui("translation_not_validated", "es")) in text
    assert squash("El punto de referencia de 47 viene del estudio de la versión en inglés") in text
