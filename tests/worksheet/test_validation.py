"""Which languages of a measure are a validated wording: declared, checked, never silent."""

from __future__ import annotations

from support.worksheets import HEAD, line_of, only_problem, shipped

from toolkit.worksheet.loader import parse_worksheet

MEASURE = HEAD.replace("title: T", "title: {en: T, es: T}") + """\
languages: [en, es]
VALIDATION
sections:
  - id: s
    title: {en: S, es: S}
    items:
      - {id: a, type: number, text: {en: A, es: A}, required: true}
scores:
  - {id: total, label: {en: Total, es: Total}, method: sum, items: [a]}
"""


def measure(validation: str = "") -> str:
    """A two-language measure with `validation` as its declaration (or none)."""
    return MEASURE.replace("VALIDATION\n", validation + "\n" if validation else "")


def test_a_translated_measure_that_does_not_say_is_refused():
    """A measure adding Spanish without saying whether it is validated does not load."""
    text = measure()
    p = only_problem(text)
    assert p.line == line_of(text, "languages:")
    assert "es wording must say whether" in p.message
    assert "validation: {en: validated, es: not_validated}" in p.message


def test_a_declared_unvalidated_translation_loads_and_is_not_validated():
    """Declared `es: not_validated`, the measure loads; its Spanish is not validated."""
    ws = parse_worksheet(measure("validation: {en: validated, es: not_validated}"))
    assert ws.validated_in("en") and not ws.validated_in("es")


def test_a_language_the_measure_does_not_have_is_refused():
    """`validation:` may only name the worksheet's own languages."""
    text = measure("validation: {en: validated, es: validated, fr: not_validated}")
    p = only_problem(text)
    assert "fr is not in `languages" in p.message


def test_validation_on_a_worksheet_without_scores_is_refused():
    """Only a measure (a worksheet with scores) says whether its wording is validated."""
    text = HEAD + """\
validation: {en: validated}
sections:
  - {id: s, title: S, items: [{id: a, type: date, text: A}]}
"""
    assert "only for measures" in only_problem(text).message


def test_an_english_only_measure_is_validated_without_declaring():
    """The original language of a measure counts as its validated wording."""
    ws = parse_worksheet(HEAD + """\
sections:
  - {id: s, title: S, items: [{id: a, type: number, text: A}]}
scores:
  - {id: total, label: Total, method: sum, items: [a]}
""")
    assert ws.validated_in("en")
    assert ws.validated_in("es")  # shown in English, the only (original) wording


def test_shipped_measures_declare_spanish_not_validated():
    """The shipped Spanish MSPSS and BARC-10 are translations, marked as such."""
    for ws_id in ("mspss", "barc-10"):
        ws = shipped(ws_id)
        assert ws.languages == ["en", "es"]
        assert ws.validated_in("en") and not ws.validated_in("es")


def test_worksheets_without_scores_never_carry_the_notice():
    """An exercise that is not a measure is never 'not validated', in any language."""
    ws = shipped("opening-up")
    assert all(ws.validated_in(lang) for lang in ("en", "es", "xx"))
