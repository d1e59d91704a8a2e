"""A worksheet's reading level: which prose is measured, and the translated exercises stay
within the 6th-8th grade target in every language they declare."""

from __future__ import annotations

import textwrap

import pytest
from support.worksheets import shipped

from toolkit.worksheet.loader import parse_worksheet
from toolkit.worksheet.reading import prose, text_levels, worksheet_level

BILINGUAL = "schema_version: 1\nid: t\nversion: 1\ntitle: {en: T, es: T}\nlanguages: [en, es]\n"

# The exercises translated so far; the other exercises join this list as they are translated
# (the validated measures never do: their wording is fixed, whatever its level).
TRANSLATED = ["safe-relationships", "my-support-map", "opening-up", "leap-of-faith",
              "meetings-plan", "reach-out-plan", "treatment-needs"]


@pytest.mark.parametrize("worksheet_id", TRANSLATED)
def test_translated_exercises_read_at_8th_grade_or_easier(worksheet_id: str) -> None:
    """Each translated exercise's prose is plain (8th grade or easier) in each of its languages."""
    ws = shipped(worksheet_id)
    for lang in ws.languages:
        level = worksheet_level(ws, lang)
        assert level.band.plain, (lang, level.score, level.band)


def test_prose_is_intros_questions_notes_and_help_in_the_language_asked() -> None:
    """Intros, questions, notes, help and repeat fields are measured; titles and choices not."""
    ws = parse_worksheet(BILINGUAL + textwrap.dedent("""\
        sections:
          - id: s
            title: {en: Start, es: Inicio}
            items:
              - id: q
                type: single_choice
                text: {en: "Who helps?", es: "¿Quién ayuda?"}
                help: {en: Pick one., es: Elija una.}
                choices:
                  - {value: a, label: {en: Family, es: Familia}}
              - id: rows
                type: repeat
                text: {en: People, es: Personas}
                fields:
                  - {id: name, type: short_text, text: {en: Name, es: Nombre}}
        """))
    assert [text for _, text in prose(ws, "es")] == ["¿Quién ayuda?", "Elija una.", "Personas",
                                                    "Nombre"]


def test_text_levels_put_the_hardest_prose_first() -> None:
    """The per-text list starts with the text an author should simplify first."""
    levels = text_levels(shipped("opening-up"), "en")
    grades = [level.score for _, level in levels]
    assert levels and grades[0] == max(grades)
