"""Loading worksheets: every item type loads, every mistake names file, line, item and a fix.

The cross-reference checks of toolkit/checks.py are tested here too, through the loader, since
that is the only way a counselor ever meets them.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from support.worksheets import (
    HEAD,
    SHIPPED,
    WORKSHEETS,
    line_of,
    one_section,
    only_problem,
    problems_of,
    sheet,
)

from toolkit.worksheet.loader import (
    Problem,
    WorksheetError,
    load_folder,
    load_worksheet,
    parse_worksheet,
)
from toolkit.worksheet.model import (
    Date,
    LongText,
    MultiChoice,
    Note,
    Number,
    Repeat,
    Scale,
    ShortText,
    SingleChoice,
    YesNoUnsure,
)

EVERY_TYPE = one_section("""\
    - id: intro_note
      type: note
      text: Read this first.
    - id: nickname
      type: short_text
      text: A nickname
      sensitive: true
    - id: story
      type: long_text
      text: Tell me more
      rows: 3
    - id: kind
      type: single_choice
      text: Which kind?
      choices: kinds
      other: true
    - id: kinds_many
      type: multi_choice
      text: Which kinds?
      choices:
        - {value: a, label: A}
        - {value: b, label: B}
      max_selected: 1
    - id: agree
      type: scale
      text: How much?
      choices: kinds
    - id: ready
      type: scale
      text: How ready?
      ruler: {min: 0, max: 10, min_label: Not, max_label: Very}
    - id: sure
      type: yes_no_unsure
      text: Sure?
    - id: count
      type: number
      text: How many?
      min: 0
      max: 9
      unit: times
    - id: when
      type: date
      text: When?
    - id: people
      type: repeat
      text: People
      fields:
        - id: name
          type: short_text
          text: Name
          sensitive: true
        - id: close
          type: yes_no_unsure
          text: Close?
""", head=HEAD + "choice_sets:\n  kinds:\n    - {value: 1, label: One}\n"
     "    - {value: 2, label: Two}\n")


# --- what loads ---------------------------------------------------------------------------


def test_every_item_type_loads_as_its_model_class():
    """One item of each of the ten types loads into the matching model class."""
    ws = parse_worksheet(EVERY_TYPE, "every.yaml")
    kinds = {it.id: type(it) for it in ws.items()}
    assert kinds == {
        "intro_note": Note, "nickname": ShortText, "story": LongText, "kind": SingleChoice,
        "kinds_many": MultiChoice, "agree": Scale, "ready": Scale, "sure": YesNoUnsure,
        "count": Number, "when": Date, "people": Repeat,
    }


def test_repeat_fields_load_inside_their_repeat():
    """A repeat's fields are models of their own types and not top-level items."""
    ws = parse_worksheet(EVERY_TYPE, "every.yaml")
    people = ws.item("people")
    assert [(f.id, type(f)) for f in people.fields] == [("name", ShortText),
                                                        ("close", YesNoUnsure)]
    assert "name" not in {it.id for it in ws.items()}


def test_named_choice_set_and_ruler_resolve_to_choices():
    """choices_for resolves a named set, an inline list and a ruler to Choice lists."""
    ws = parse_worksheet(EVERY_TYPE, "every.yaml")
    assert [c.value for c in ws.choices_for(ws.item("kind"))] == [1, 2]
    assert [c.value for c in ws.choices_for(ws.item("kinds_many"))] == ["a", "b"]
    assert [c.value for c in ws.choices_for(ws.item("ready"))] == list(range(11))


def test_yes_stays_text_under_yaml_1_2():
    """`yes`, `no` and `on` stay strings (YAML 1.2 booleans are only true/false)."""
    text = one_section("""\
        - id: q
          type: single_choice
          text: Q
          choices:
            - {value: yes, label: Yes}
            - {value: no, label: No}
            - {value: on, label: On}
        - id: follow
          type: short_text
          text: F
          show_if: {item: q, equals: yes}
          sensitive: true
    """)
    ws = parse_worksheet(text)
    assert [c.value for c in ws.choices_for(ws.item("q"))] == ["yes", "no", "on"]
    assert [c.label for c in ws.choices_for(ws.item("q"))] == ["Yes", "No", "On"]
    assert ws.item("follow").show_if.equals == "yes"
    assert ws.item("follow").sensitive is True


def test_date_like_text_stays_text():
    """A date-looking value (even an impossible one) is text, not a YAML 1.1 timestamp."""
    text = one_section("""\
        - id: q
          type: short_text
          text: 2024-13-45
          placeholder: 2024-01-31
    """)
    ws = parse_worksheet(text)
    assert ws.item("q").text == "2024-13-45"
    assert ws.item("q").placeholder == "2024-01-31"


def test_version_written_as_a_number_is_kept_as_text():
    """`version: 1` and `version: 1.2` become the text '1' and '1.2'."""
    text = one_section("- {id: q, type: date, text: Q}\n")
    assert parse_worksheet(text).version == "1"
    assert parse_worksheet(text.replace("\nversion: 1\n", "\nversion: 1.2\n")).version == "1.2"


def test_load_folder_loads_all_nine_shipped_worksheets():
    """load_folder('worksheets') returns the nine shipped worksheets by id."""
    found = load_folder(WORKSHEETS)
    assert sorted(found) == sorted(SHIPPED)
    assert all(ws.id == key for key, ws in found.items())


def test_load_folder_from_relative_path(monkeypatch):
    """load_folder accepts the relative folder name used in the README."""
    monkeypatch.chdir(WORKSHEETS.parent)
    assert set(load_folder("worksheets")) == set(SHIPPED)


# --- the Problem ---------------------------------------------------------------------------


def test_problem_prints_as_file_line_item_message():
    """A Problem prints as `file:line: item 'id': message` (the item part only when known)."""
    assert str(Problem("a.yaml", 3, "fix it", "q1")) == "a.yaml:3: item 'q1': fix it"
    assert str(Problem("a.yaml", 3, "fix it")) == "a.yaml:3: fix it"


def test_worksheet_error_is_a_value_error_listing_every_problem():
    """WorksheetError is a ValueError whose text has one line per problem."""
    err = WorksheetError([Problem("a.yaml", 1, "one"), Problem("a.yaml", 2, "two")])
    assert isinstance(err, ValueError)
    assert str(err) == "a.yaml:1: one\na.yaml:2: two"


def test_every_problem_is_reported_at_once_in_line_order():
    """Two independent mistakes are both reported, sorted by line."""
    text = one_section("""\
        - id: a
          type: short_text
          text: A
          max_lenght: 10
        - id: b
          type: short_txt
          text: B
    """)
    found = problems_of(text)
    assert [p.line for p in found] == [line_of(text, "max_lenght"),
                                       line_of(text, "short_txt")]
    assert [p.item for p in found] == ["a", "b"]


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


# --- cross-reference mistakes (toolkit/checks.py) ------------------------------------------


def test_duplicate_item_id_points_at_the_second_one():
    """Two items with one id: the second is reported, suggesting a new id."""
    text = one_section("""\
        - id: a
          type: date
          text: A
        - id: a
          type: date
          text: B
    """)
    p = only_problem(text)
    assert (p.line, p.item) == (line_of(text, "text: B") - 2, "a")
    assert "used twice" in p.message and "'a_2'" in p.message


def test_duplicate_field_id_in_a_repeat():
    """Two fields of one repeat sharing an id are reported at the second."""
    text = one_section("""\
        - id: r
          type: repeat
          text: R
          fields:
            - {id: f, type: date, text: F1}
            - {id: f, type: date, text: F2}
    """)
    p = only_problem(text)
    assert p.line == line_of(text, "F2")
    assert "used twice in this repeat" in p.message


def test_unknown_choice_set_names_the_known_ones():
    """A reference to an undefined choice set is reported at `choices:` with the known sets."""
    text = one_section("""\
        - id: a
          type: single_choice
          text: A
          choices: colours
        - id: b
          type: single_choice
          text: B
          choices: shapes
    """, head=HEAD + "choice_sets:\n  shapes:\n    - {value: sq, label: Square}\n")
    p = only_problem(text)
    assert (p.line, p.item) == (line_of(text, "colours"), "a")
    assert p.message == ("unknown choice set 'colours'; define it under `choice_sets:` "
                         "(known: shapes)")


def test_unknown_choice_set_on_a_scored_scale_is_one_problem():
    """A scored scale with an undefined set gives one problem, not a crash."""
    text = one_section("""\
        - id: a
          type: scale
          text: A
          choices: nope
        - id: b
          type: short_text
          text: B
          show_if: {item: a, equals: 3}
    """, tail="""\
        scores:
          - {id: tot, label: Total, method: sum, items: [a]}
    """)
    p = only_problem(text)
    assert (p.line, p.item) == (line_of(text, "nope"), "a")


def test_unused_choice_set_is_a_problem_at_its_line():
    """A choice set nobody uses is reported at its own line."""
    text = one_section("""\
        - id: a
          type: single_choice
          text: A
          choices: used
    """, head=HEAD + "choice_sets:\n  used:\n    - {value: u, label: U}\n"
         "  spare:\n    - {value: s, label: S}\n")
    p = only_problem(text)
    assert p.line == line_of(text, "spare:")
    assert p.message == "choice set 'spare' is never used; use it or remove it"


def test_choice_set_used_only_in_a_repeat_counts_as_used():
    """A choice set used by a repeat's field is not reported as unused."""
    text = one_section("""\
        - id: r
          type: repeat
          text: R
          fields:
            - {id: f, type: single_choice, text: F, choices: used}
    """, head=HEAD + "choice_sets:\n  used:\n    - {value: u, label: U}\n")
    assert parse_worksheet(text).item("r").fields[0].choices == "used"


def test_duplicate_choice_values_are_a_problem():
    """Two choices with one value are reported at `choices:`."""
    text = one_section("""\
        - id: a
          type: single_choice
          text: A
          choices:
            - {value: x, label: X}
            - {value: x, label: Y}
    """)
    p = only_problem(text)
    assert (p.line, p.item) == (line_of(text, "choices:"), "a")
    assert "share a value" in p.message


def test_show_if_unknown_item_suggests_the_close_one():
    """show_if naming an id that does not exist suggests the closest earlier id."""
    text = one_section("""\
        - id: ready
          type: yes_no_unsure
          text: A
        - id: b
          type: date
          text: B
          show_if: {item: redy, equals: "yes"}
    """)
    p = only_problem(text)
    assert (p.line, p.item) == (line_of(text, "redy"), "b")
    assert p.message == "show_if: no item 'redy' before this point; did you mean 'ready'?"


def test_show_if_on_a_later_item_says_it_comes_later():
    """show_if naming an item further down says a condition may only look upwards."""
    text = one_section("""\
        - id: a
          type: date
          text: A
          show_if: {item: b, answered: true}
        - id: b
          type: date
          text: B
    """)
    p = only_problem(text)
    assert (p.line, p.item) == (line_of(text, "show_if"), "a")
    assert "'b' comes later" in p.message


def test_show_if_on_itself_is_a_problem():
    """An item whose show_if names itself is reported."""
    text = one_section("""\
        - id: a
          type: date
          text: A
          show_if: {item: a, answered: true}
    """)
    p = only_problem(text)
    assert (p.line, p.item) == (line_of(text, "show_if"), "a")
    assert "no item 'a' before this point" in p.message


def test_show_if_on_a_note_is_a_problem():
    """A note has no answer, so show_if cannot depend on it."""
    text = one_section("""\
        - id: n
          type: note
          text: N
        - id: b
          type: date
          text: B
          show_if: {item: n, answered: true}
    """)
    p = only_problem(text)
    assert (p.line, p.item) == (line_of(text, "show_if"), "b")


def test_show_if_value_not_a_choice_lists_the_choices():
    """`equals: maybe` on a yes/no/unsure item lists the values it can take."""
    text = one_section("""\
        - id: a
          type: yes_no_unsure
          text: A
        - id: b
          type: date
          text: B
          show_if: {item: a, equals: maybe}
    """)
    p = only_problem(text)
    assert (p.line, p.item) == (line_of(text, "maybe"), "b")
    assert p.message == "show_if: 'maybe' is not a choice of 'a'; use one of: no, unsure, yes"


def test_show_if_in_list_checked_inside_all():
    """A bad value in an `in:` list nested in `all:` is found."""
    text = one_section("""\
        - id: a
          type: multi_choice
          text: A
          choices:
            - {value: x, label: X}
            - {value: y, label: Y}
        - id: b
          type: date
          text: B
          show_if:
            all:
              - {item: a, answered: true}
              - {item: a, in: [x, z]}
    """)
    p = only_problem(text)
    assert (p.line, p.item) == (line_of(text, "show_if"), "b")
    assert "'z' is not a choice of 'a'" in p.message


def test_show_if_other_is_a_choice_when_other_is_on():
    """With `other: true`, `equals: other` is a valid condition."""
    text = one_section("""\
        - id: a
          type: single_choice
          text: A
          other: true
          choices: [{value: x, label: X}]
        - id: b
          type: date
          text: B
          show_if: {item: a, equals: other}
    """)
    assert parse_worksheet(text).item("b").show_if.equals == "other"


def test_show_if_inside_a_repeat_field_is_a_problem():
    """show_if on a repeat's field is refused at that show_if, naming the field."""
    text = one_section("""\
        - id: a
          type: yes_no_unsure
          text: A
        - id: r
          type: repeat
          text: R
          fields:
            - id: f
              type: short_text
              text: F
              show_if: {item: a, equals: "yes"}
    """)
    p = only_problem(text)
    assert (p.line, p.item) == (line_of(text, "show_if"), "f")
    assert p.message == ("show_if is not supported inside a repeat's fields; "
                         "put the condition on the repeat item")


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


def test_score_of_unknown_item_is_reported_at_its_entry():
    """A score naming a missing item is reported at that entry of `items:`."""
    text = one_section("""\
        - {id: a, type: number, text: A}
    """, tail="""\
        scores:
          - id: tot
            label: Total
            method: sum
            items:
              - a
              - bb
    """)
    p = only_problem(text)
    assert (p.line, p.item) == (line_of(text, "- bb"), "tot")
    assert "no item 'bb'" in p.message


def test_score_of_text_item_says_it_is_not_numeric():
    """A score naming a short_text item says it has no numeric answers."""
    text = one_section("""\
        - {id: a, type: number, text: A}
        - {id: words, type: short_text, text: W}
    """, tail="""\
        scores:
          - id: tot
            label: Total
            method: mean
            items:
              - a
              - words
    """)
    p = only_problem(text)
    assert (p.line, p.item) == (line_of(text, "- words"), "tot")
    assert p.message.startswith("'words' has no numeric answers to mean")


def test_score_of_text_valued_choices_is_not_numeric():
    """A score over a single_choice with text values is refused."""
    text = one_section("""\
        - id: a
          type: single_choice
          text: A
          choices: [{value: x, label: X}]
    """, tail="""\
        scores:
          - {id: tot, label: Total, method: sum, items: [a]}
    """)
    assert "no numeric answers" in only_problem(text).message


def test_bands_out_of_order_are_a_problem():
    """Bands not listed from the lowest min are reported at the score."""
    text = one_section("- {id: a, type: number, text: A}\n", tail="""\
        scores:
          - id: tot
            label: Total
            method: sum
            items: [a]
            bands:
              - {min: 5, label: High}
              - {min: 1, label: Low}
    """)
    p = only_problem(text)
    assert p.item == "tot"
    assert "lowest `min`" in p.message


def test_plain_string_under_two_languages_is_a_missing_translation():
    """With languages [en, es] a plain string is reported at its line, naming both."""
    text = one_section("""\
        - id: a
          type: short_text
          text: {en: Hello, es: Hola}
          help: Just English
    """, head=HEAD.replace("title: T", "title: {en: T, es: T}") + "languages: [en, es]\n")
    text = text.replace("title: S", "title: {en: S, es: S}")
    p = only_problem(text)
    assert (p.line, p.item) == (line_of(text, "Just English"), "a")
    assert p.message.startswith("missing translation: write {en, es} versions")


def test_one_language_missing_from_a_text_map_is_named():
    """A {en: ...} text under languages [en, es] names `es` as missing."""
    text = one_section("""\
        - id: a
          type: short_text
          text: {en: Hello}
    """, head=HEAD.replace("title: T", "title: {en: T, es: T}") + "languages: [en, es]\n")
    text = text.replace("title: S", "title: {en: S, es: S}")
    p = only_problem(text)
    assert (p.line, p.item) == (line_of(text, "{en: Hello}"), "a")
    assert p.message == "missing translation for es; add `es: ...`"


def test_undeclared_language_in_a_text_map_is_named():
    """A text in a language the worksheet does not declare is reported."""
    text = one_section("""\
        - id: a
          type: short_text
          text: {en: Hello, fr: Bonjour}
    """)
    p = only_problem(text)
    assert p.line == line_of(text, "Bonjour")
    assert "language fr is not in" in p.message


# --- files ---------------------------------------------------------------------------------


def test_file_name_must_match_id(tmp_path):
    """A file whose name is not `<id>.yaml` is refused, naming the rename."""
    path = tmp_path / "other-name.yaml"
    path.write_text(one_section("- {id: a, type: date, text: A}\n"), encoding="utf-8")
    with pytest.raises(WorksheetError) as info:
        load_worksheet(path)
    [p] = info.value.problems
    assert (p.file, p.line) == (str(path), 1)
    assert "does not match the file name" in p.message and "t.yaml" in p.message


def test_problems_from_a_file_name_that_file(tmp_path):
    """Problems found loading a file carry that file's path."""
    path = tmp_path / "t.yaml"
    path.write_text(one_section("- {id: a, type: date, text: A, sensitiv: true}\n"))
    with pytest.raises(WorksheetError) as info:
        load_worksheet(path)
    assert [p.file for p in info.value.problems] == [str(path)]


def test_missing_file_is_a_problem(tmp_path):
    """A file that does not exist is a WorksheetError, not an OSError."""
    with pytest.raises(WorksheetError, match="file not found"):
        load_worksheet(tmp_path / "nope.yaml")


def test_non_utf8_file_is_a_problem(tmp_path):
    """A file saved in another encoding asks to be saved as UTF-8."""
    path = tmp_path / "t.yaml"
    path.write_bytes(one_section("- {id: a, type: date, text: Año}\n").encode("latin-1"))
    with pytest.raises(WorksheetError, match="UTF-8"):
        load_worksheet(path)


def test_load_folder_reports_problems_of_every_file(tmp_path: Path):
    """load_folder lists the problems of all bad files, not only the first."""
    good = one_section("- {id: a, type: date, text: A}\n")
    (tmp_path / "t.yaml").write_text(good)
    (tmp_path / "b1.yaml").write_text(good.replace("id: t", "id: b1").replace("text: A", "x: 1"))
    (tmp_path / "b2.yaml").write_text("- not a mapping\n")
    with pytest.raises(WorksheetError) as info:
        load_folder(tmp_path)
    assert {Path(p.file).name for p in info.value.problems} == {"b1.yaml", "b2.yaml"}
