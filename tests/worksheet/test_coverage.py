"""Translation coverage: what share of a worksheet's client-facing texts each language has,
and where each missing one is."""

from __future__ import annotations

import pytest
from support.worksheets import HEAD, WORKSHEETS, line_of, one_section

from toolkit.worksheet.coverage import (
    coverage,
    is_language_code,
    read_source,
    still_to_translate,
)
from toolkit.worksheet.source import Source, read_yaml

TWO = HEAD.replace("title: T", "title: {en: T, es: T}") + "languages: [en, es]\n"


def _source(text: str) -> Source:
    source, problems = read_yaml(text, "t.yaml")
    assert source is not None and problems == []
    return source


def test_coverage_counts_every_text_per_language():
    """A sheet with one Spanish text missing reads `es 80% (4/5)`; English is complete."""
    text = one_section("""\
        - id: a
          type: short_text
          text: {en: Hello, es: Hola}
          help: {en: First name only}
          placeholder: {en: Sam, es: Sam}
    """, head=TWO).replace("title: S", "title: {en: S, es: S}")
    assert str(coverage(_source(text))) == "t.yaml: en 100% (5/5), es 80% (4/5)"


def test_a_coverage_line_is_said_in_spanish_with_the_same_numbers():
    """In Spanish the line keeps the file, codes and counts; a language not declared yet is
    said in Spanish."""
    text = one_section("- {id: a, type: short_text, text: {en: Hello, fr: Bonjour}}\n")
    found = coverage(_source(text), ["fr"])
    assert found.say("en") == "t.yaml: en 100% (3/3), fr 33% (1/3, not in `languages:` yet)"
    assert found.say("es") == ("t.yaml: en 100% (3/3), fr 33% (1/3, todavía no está en "
                               "`languages:`)")


def test_percent_rounds_down_so_100_means_complete():
    """One text missing of many never shows as 100%."""
    items = "".join(f"- {{id: a{n}, type: date, text: {{en: A, es: A}}}}\n" for n in range(300))
    text = one_section(items + "- {id: z, type: date, text: {en: Z}}\n", head=TWO)
    text = text.replace("title: S", "title: {en: S, es: S}")
    found = coverage(_source(text))
    assert found.have["es"] == found.total - 1 and found.percent("es") == 99


def test_plain_text_counts_as_the_first_language():
    """A one-language sheet in plain text is 100% in its language."""
    text = one_section("- {id: a, type: date, text: A}\n")
    assert str(coverage(_source(text))) == "t.yaml: en 100% (3/3)"


def test_an_undeclared_language_is_counted_and_marked():
    """Asking about `fr` shows its share and that `languages:` does not list it yet."""
    text = one_section("- {id: a, type: date, text: {en: A, fr: Un}}\n")
    assert str(coverage(_source(text), ["fr"])) == (
        "t.yaml: en 100% (3/3), fr 33% (1/3, not in `languages:` yet)")


def test_still_to_translate_names_line_item_and_what_to_add():
    """Each text without French: its line, item, the key, what to add and the English text."""
    text = one_section("""\
        - id: a
          type: short_text
          text: {en: Hello, fr: Bonjour}
          help: First name or nickname only.
    """)
    todo = still_to_translate(_source(text), "fr")
    assert [str(p) for p in todo] == [
        "t.yaml:4: `title:` needs fr; write {en: ..., fr: ...} (en: \"T\")",
        f"t.yaml:{line_of(text, 'title: S')}: item 's': `title:` needs fr; "
        "write {en: ..., fr: ...} (en: \"S\")",
        f"t.yaml:{line_of(text, 'help:')}: item 'a': `help:` needs fr; "
        "write {en: ..., fr: ...} (en: \"First name or nickname only.\")",
    ]


def test_a_long_text_is_shortened_in_the_list():
    """The English text quoted next to a missing translation stays short, on one line."""
    long = "word " * 40
    text = one_section(f"- id: a\n  type: date\n  text: {{en: {long}}}\n")
    [*_, last] = still_to_translate(_source(text), "fr")
    assert last.message.endswith("…\")") and len(last.message) < 120


@pytest.mark.parametrize(("code", "ok"), [("fr", True), ("pt-BR", True), ("FR", False),
                                          ("french", False), ("", False)])
def test_language_codes_are_those_a_worksheet_accepts(code, ok):
    """`--lang` takes what `languages:` takes: known to the app or not."""
    assert is_language_code(code) is ok


def test_every_shipped_worksheet_is_complete_in_its_languages():
    """The shipped files have every client-facing text in each language they declare."""
    for path in sorted(WORKSHEETS.glob("*.yaml")):
        found = coverage(read_source(path))
        assert all(found.percent(lang) == 100 for lang in found.declared), str(found)
