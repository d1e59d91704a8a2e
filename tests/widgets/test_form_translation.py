"""A measure in a language whose wording nobody validated says so at the top of its form."""

from __future__ import annotations

import pytest
from support.worksheets import shipped

from toolkit.text.strings import ui
from toolkit.widgets.form import WorksheetForm

MEASURES = ["mspss", "barc-10"]


def _header(form: WorksheetForm) -> str:
    return form.children[1].value


@pytest.mark.parametrize("ws_id", MEASURES)
def test_spanish_measure_says_translation_not_validated(ws_id: str) -> None:
    """A Spanish MSPSS or BARC-10 opens with the notice, in Spanish, before any question."""
    form = WorksheetForm(shipped(ws_id), lang="es", scheduler=None)
    header = _header(form)
    assert "Traducción no validada" in header
    assert header.index("Traducción no validada") < header.index("ws-intro")
    assert "Source:" not in header and "Fuente:" in header


@pytest.mark.parametrize("ws_id", MEASURES)
def test_english_measure_has_no_notice(ws_id: str) -> None:
    """The published English wording shows no translation notice."""
    header = _header(WorksheetForm(shipped(ws_id), lang="en", scheduler=None))
    assert ui("translation_not_validated", "en") not in header
    assert "ws-not-validated" not in header


def test_spanish_form_scores_as_published() -> None:
    """Answered in Spanish, the MSPSS golden example gives the published scores, in Spanish."""
    form = WorksheetForm(shipped("mspss"), lang="es", scheduler=None)
    for i, value in enumerate([1, 2, 3, 4, 5, 6, 7, 1, 2, 3, 4, 5], start=1):
        form.views[f"item{i}"].value = value
    scores = form.scores_box.value
    for shown in ("Persona especial: <b>2,75</b>", "Familia: <b>3,00</b>",
                  "Amistades: <b>5,00</b>", "Total: <b>3,58</b>"):
        assert shown in scores
    assert "perceived" not in scores
