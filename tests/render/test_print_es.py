"""A Spanish blank printout of a translated exercise: its Spanish questions, none of the English
ones (measures: test_print_measures_es.py)."""

from __future__ import annotations

import re
from functools import cache

import pytest
from support.printouts import pages, squash, worksheets

from toolkit.render.printout import PrintOptions, blank_pdf
from toolkit.text.strings import Text, tr
from toolkit.worksheet.model import Repeat, Worksheet

SPANISH_EXERCISES = [
    "safe-relationships",
    "my-support-map",
    "opening-up",
    "leap-of-faith",
    "meetings-plan",
    "reach-out-plan",
    "treatment-needs",
]


def _flat(text: str) -> str:
    """Text without whitespace or hyphens, so neither wrapping nor hyphenation hides a match."""
    return re.sub("[-\u00ad\u2010]", "", squash(text))


@cache
def _spanish_blank(worksheet_id: str) -> str:
    return _flat("".join(pages(blank_pdf(worksheets()[worksheet_id], PrintOptions(lang="es")))))


def _questions(ws: Worksheet) -> list[tuple[str, Text]]:
    """Every question (notes are not questions), repeat fields included, with its id."""
    out: list[tuple[str, Text]] = []
    for item in ws.items():
        if item.type == "note":
            continue
        out.append((item.id, item.text))
        if isinstance(item, Repeat):
            out += [(f"{item.id}.{f.id}", f.text) for f in item.fields]
    return out


@pytest.mark.parametrize("worksheet_id", SPANISH_EXERCISES)
def test_spanish_blank_has_every_spanish_question_and_no_english_one(worksheet_id: str) -> None:
    """Printed blank in Spanish, each question reads in Spanish, and its English is nowhere."""
    ws, text = worksheets()[worksheet_id], _spanish_blank(worksheet_id)
    for where, question in _questions(ws):
        spanish, english = tr(question, "es"), tr(question, "en")
        assert spanish != english, f"{where} has no Spanish text of its own"
        assert _flat(spanish) in text, where
        assert _flat(english) not in text, where


@pytest.mark.parametrize("worksheet_id", SPANISH_EXERCISES)
def test_spanish_blank_has_the_spanish_title_and_section_titles(worksheet_id: str) -> None:
    """The title and every section heading print in Spanish, not in English."""
    ws, text = worksheets()[worksheet_id], _spanish_blank(worksheet_id)
    for heading in [ws.title] + [s.title for s in ws.sections]:
        assert _flat(tr(heading, "es")) in text
        assert _flat(tr(heading, "en")) not in text
