"""Conditions and score bands in printed words, in each language."""

from __future__ import annotations

from support.worksheets import one_section

from toolkit.render.wording import band_ranges, condition_text
from toolkit.worksheet.loader import parse_worksheet

TWO_QUESTIONS = """\
- id: a
  type: yes_no_unsure
  text: {en: "Do you have a sponsor?", es: "¿Tiene un padrino o madrina?"}
- id: b
  type: short_text
  text: {en: "Who?", es: "¿Quién?"}
- id: c
  type: short_text
  text: {en: "How often do you talk?", es: "¿Cada cuánto hablan?"}
  show_if:
    all:
      - {item: a, equals: "yes"}
      - {item: b, answered: true}
"""


def _sheet():
    head = "schema_version: 1\nid: t\nversion: '1'\ntitle: {en: T, es: T}\nlanguages: [en, es]\n"
    return parse_worksheet(one_section(TWO_QUESTIONS, head=head).replace(
        "title: S", "title: {en: S, es: S}"), "t.yaml")


def test_a_condition_on_two_questions_reads_as_one_sentence() -> None:
    """`all:` of two different questions joins the two clauses with the language's 'and'."""
    ws = _sheet()
    cond = ws.sections[0].items[2].show_if
    assert condition_text(ws, cond, "en") == (
        "If you answered “Yes” to “Do you have a sponsor?” above and if you answered "
        "“Who?” above:")
    assert condition_text(ws, cond, "es") == (
        "Si respondió “Sí” a “¿Tiene un padrino o madrina?” arriba y si respondió "
        "“¿Quién?” arriba:")


def test_band_ranges_use_the_languages_words_and_decimal_mark() -> None:
    """'3 to under 5.1' in English, '3 a menos de 5,1' in Spanish."""
    from toolkit.worksheet.model import Band

    bands = [Band(min=1, label="low"), Band(min=3, label="mid"), Band(min=5.1, label="high")]
    assert [r[0] for r in band_ranges(bands, "en")] == ["1 to under 3", "3 to under 5.1",
                                                        "5.1 and up"]
    assert [r[0] for r in band_ranges(bands, "es")] == ["1 a menos de 3", "3 a menos de 5,1",
                                                        "5,1 o más"]
