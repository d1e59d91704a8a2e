"""Schema and YAML mistakes in a worksheet: each names file, line, item and what to write
instead."""

from __future__ import annotations

import time

import pytest
from support.worksheets import HEAD, line_of, one_section, only_problem, problems_of, sheet

# --- schema mistakes -----------------------------------------------------------------------


def test_unknown_item_key_suggests_the_close_one():
    """A misspelt item key gives file, its line, the item and a did-you-mean."""
    text = one_section("""\
        - id: a
          type: short_text
          text: A
          max_lenght: 10
    """)
    p = only_problem(text, "typo.yaml")
    assert (p.file, p.line, p.item) == ("typo.yaml", 12, "a")
    assert p.message == "unknown key 'max_lenght'; did you mean `max_length:`?"


def test_unknown_top_level_key_suggests_the_close_one():
    """A misspelt worksheet key is reported at its own line with a did-you-mean."""
    text = sheet("""\
        citaton: Someone (2020)
        sections:
          - id: s
            title: S
            items:
              - {id: a, type: date, text: A}
    """)
    p = only_problem(text)
    assert p.line == line_of(text, "citaton")
    assert p.item is None
    assert "did you mean `citation:`" in p.message


def test_unknown_choice_key_suggests_label():
    """A misspelt key inside a choice suggests `label:`."""
    text = one_section("""\
        - id: a
          type: single_choice
          text: A
          choices:
            - {value: x, label: X}
            - {value: y, lable: Y}
    """)
    found = problems_of(text)
    assert {p.line for p in found} == {line_of(text, "lable")}
    assert any("did you mean `label:`" in p.message for p in found)


def test_missing_key_names_the_key_at_the_item():
    """An item without `text:` is reported at the item's first line, saying to add it."""
    text = one_section("""\
        - id: a
          type: short_text
          max_length: 10
    """)
    p = only_problem(text)
    assert (p.line, p.item) == (line_of(text, "- id: a"), "a")
    assert p.message == "`text:` is missing; add it"


def test_missing_top_level_key_is_reported_on_line_one():
    """A worksheet without `title:` says so, at line 1."""
    text = HEAD.replace("title: T\n", "") + "sections:\n  - {id: s, title: S, items: " \
        "[{id: a, type: date, text: A}]}\n"
    p = only_problem(text)
    assert (p.line, p.item) == (1, None)
    assert p.message == "`title:` is missing; add it"


def test_whole_number_expected_names_the_key():
    """`max_length: lots` says max_length must be a whole number, at that line."""
    text = one_section("""\
        - id: a
          type: short_text
          text: A
          max_length: lots
    """)
    p = only_problem(text)
    assert (p.line, p.item) == (line_of(text, "max_length"), "a")
    assert p.message.startswith("`max_length:` must be a whole number")


def test_boolean_expected_says_true_or_false():
    """`sensitive: maybe` says the key takes true or false."""
    text = one_section("""\
        - id: a
          type: short_text
          text: A
          sensitive: maybe
    """)
    p = only_problem(text)
    assert (p.line, p.item) == (line_of(text, "sensitive"), "a")
    assert p.message == "`sensitive:` must be true or false"


def test_number_where_text_is_expected_suggests_quotes():
    """A label that YAML reads as a number says to put the text in quotes."""
    text = one_section("""\
        - id: a
          type: single_choice
          text: A
          choices:
            - {value: x, label: 10}
    """)
    p = only_problem(text)
    assert (p.line, p.item) == (line_of(text, "label: 10"), "a")
    assert p.message == "`label:` must be text; put the whole text in quotes: label: \"...\""


def test_clock_time_as_text_suggests_quotes():
    """`placeholder: 7:30` (a YAML 1.1 base-60 number) asks for quotes, not a number."""
    text = one_section("""\
        - id: a
          type: short_text
          text: When?
          placeholder: 7:30
    """)
    p = only_problem(text)
    assert (p.line, p.item) == (line_of(text, "7:30"), "a")
    assert "450" not in p.message and "quotes" in p.message


def test_boolean_choice_value_is_refused():
    """`value: true` is refused instead of silently becoming the number 1."""
    text = one_section("""\
        - id: a
          type: single_choice
          text: A
          choices:
            - {value: true, label: T}
    """)
    p = only_problem(text)
    assert (p.line, p.item) == (line_of(text, "value: true"), "a")
    assert "not true/false" in p.message


def test_list_where_text_is_expected_explains_text():
    """A list given as `text:` explains plain text or one text per language."""
    text = one_section("""\
        - id: a
          type: short_text
          text: [a, b]
    """)
    p = only_problem(text)
    assert p.line == line_of(text, "text: [a, b]")
    assert "one text per language" in p.message


def test_unknown_item_type_lists_the_types():
    """`type: short_txt` lists the allowed item types."""
    text = one_section("""\
        - id: a
          type: short_txt
          text: A
    """)
    p = only_problem(text)
    assert (p.line, p.item) == (line_of(text, "short_txt"), "a")
    assert "short_text" in p.message and "yes_no_unsure" in p.message


def test_bad_id_explains_the_id_rules():
    """An id with capitals or spaces explains what ids may contain."""
    text = one_section("""\
        - id: My Item
          type: date
          text: A
    """)
    p = only_problem(text)
    assert p.line == line_of(text, "My Item")
    assert "lower-case letters" in p.message


def test_scale_needs_choices_or_ruler():
    """A scale with neither choices nor ruler asks for exactly one of them."""
    text = one_section("""\
        - id: a
          type: scale
          text: A
    """)
    p = only_problem(text)
    assert (p.line, p.item) == (line_of(text, "- id: a"), "a")
    assert "`choices:`" in p.message and "`ruler:`" in p.message


def test_empty_sections_needs_an_entry():
    """`sections: []` says sections needs at least one entry."""
    p = only_problem(sheet("sections: []\n"))
    assert p.line == 5
    assert p.message == "`sections:` needs at least one entry"


def test_bad_show_if_shape_explains_the_forms():
    """A show_if with a wrong key explains the allowed condition forms, once."""
    text = one_section("""\
        - id: a
          type: yes_no_unsure
          text: A
        - id: b
          type: date
          text: B
          show_if: {item: a, equal: "yes"}
    """)
    p = only_problem(text)
    assert (p.line, p.item) == (line_of(text, "show_if"), "b")
    assert "{item: ID, equals: VALUE}" in p.message


# --- YAML-level mistakes -------------------------------------------------------------------


def test_duplicate_yaml_key_points_at_the_second_one():
    """A key written twice in one mapping is reported at the second, with the item id."""
    text = one_section("""\
        - id: a
          type: short_text
          text: First
          text: Second
    """)
    p = only_problem(text)
    assert (p.line, p.item) == (line_of(text, "text: Second"), "a")
    assert p.message == "key 'text' is written twice here; keep one"


def test_yaml_syntax_error_gives_its_line():
    """Broken indentation is a YAML syntax problem at the offending line."""
    text = one_section("""\
        - id: a
         type: short_text
    """)
    p = only_problem(text)
    assert p.line == line_of(text, "type: short_text")
    assert p.message.startswith("YAML syntax:")
    assert "indentation" in p.message


def test_unclosed_flow_mapping_is_a_syntax_problem():
    """An unclosed `{` is a YAML syntax problem with a line number, not a crash."""
    text = one_section("- {id: a, type: date, text: A\n")
    p = only_problem(text)
    assert p.message.startswith("YAML syntax:")
    assert p.line >= line_of(text, "{id: a")


def test_unquoted_spanish_question_in_braces_shows_the_line_in_quotes():
    """`{es: ¿Qué te ayuda?}` names its file and line and shows the line with quotes."""
    text = one_section("""\
        - id: a
          type: short_text
          text: {en: What helps you?, es: ¿Qué te ayuda?}
    """)
    p = only_problem(text, "worksheets/t.yaml")
    assert str(p).startswith(f"worksheets/t.yaml:{line_of(text, 'Qué te ayuda')}: ")
    assert "text containing ?, : or # must be in quotes" in p.message
    assert p.message.endswith('write this line as '
                              '`text: {en: "What helps you?", es: "¿Qué te ayuda?"}`')
    assert "expected ','" not in p.message


def test_unquoted_colon_in_a_text_shows_the_line_in_quotes():
    """`es: Más tarde: ¿cómo le fue?` names its line and shows the text in quotes."""
    text = one_section("""\
        - id: a
          type: short_text
          text:
            en: "Later: how did it go?"
            es: Más tarde: ¿cómo le fue?
    """)
    p = only_problem(text)
    assert p.line == line_of(text, "Más tarde")
    assert p.message.endswith('write this line as `es: "Más tarde: ¿cómo le fue?"`')


def test_unquoted_hash_in_braces_points_at_the_line_that_opened_them():
    """A ' #' inside {...} hides the closing brace; the fix is still shown on that line."""
    text = one_section("""\
        - id: a
          type: short_text
          text: {en: Call them #1, es: Llame}
          help: Anything
    """)
    p = only_problem(text)
    assert p.line == line_of(text, "Call them")
    assert p.message.endswith('write this line as `text: {en: "Call them #1", es: Llame}`')


@pytest.mark.parametrize("text", ["- a\n- b\n", "just words\n", "", "42\n"])
def test_not_a_mapping_explains_what_a_worksheet_is(text):
    """A list, a plain scalar or an empty file says a worksheet is a mapping."""
    p = only_problem(text)
    assert p.line == 1
    assert "YAML mapping" in p.message


def test_alias_bomb_is_refused_quickly():
    """Nested YAML aliases that expand to millions of values are refused, fast."""
    levels = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    levels += [f"a{n}: &a{n} [{', '.join([f'*a{n - 1}'] * 10)}]" for n in range(1, 9)]
    start = time.monotonic()
    p = only_problem("\n".join(levels) + "\n")
    assert time.monotonic() - start < 5
    assert "aliases" in p.message


def test_comma_in_flow_label_is_one_problem_suggesting_quotes():
    """`label: at work, at home` in a flow mapping gives one message suggesting quotes."""
    text = one_section("""\
        - id: a
          type: single_choice
          text: Where?
          choices:
            - {value: w, label: at work, at home}
            - {value: h, label: elsewhere}
    """)
    p = only_problem(text)
    assert (p.line, p.item) == (line_of(text, "at work, at home"), "a")
    assert p.message == ("unknown key 'at home': if this is part of a text, "
                         "put the whole text in quotes")


def test_comma_in_flow_label_of_a_choice_set():
    """The same comma mistake inside `choice_sets:` is one message at that line."""
    text = one_section("""\
        - id: a
          type: single_choice
          text: Where?
          choices: places
    """, head=HEAD + "choice_sets:\n  places:\n    - {value: w, label: at work, at home}\n")
    p = only_problem(text)
    assert p.line == line_of(text, "at work, at home")
    assert "put the whole text in quotes" in p.message
