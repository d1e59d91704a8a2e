"""Cross-reference checks (toolkit/worksheet/checks.py), met through the loader as a
counselor meets them: duplicate ids, choice sets, conditions naming other items, scores and
their bands, and translations."""

from __future__ import annotations

from support.worksheets import HEAD, line_of, one_section, only_problem

from toolkit.worksheet.loader import parse_worksheet


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


def test_a_language_being_translated_may_appear_before_it_is_declared():
    """Texts in `fr` pass while `fr` is being translated, and are refused otherwise."""
    text = one_section("- {id: a, type: date, text: {en: Hello, fr: Bonjour}}\n")
    assert parse_worksheet(text, translating=["fr"]).item("a").text["fr"] == "Bonjour"
    assert "language fr is not in" in only_problem(text).message


def test_text_keys_are_every_text_field_of_the_model():
    """TEXT_KEYS (what translations and coverage count) names exactly the model's text fields."""
    import inspect
    import typing

    from pydantic import BaseModel

    from toolkit.worksheet import model
    from toolkit.worksheet.checks import TEXT_KEYS

    text_fields = {
        name for cls in vars(model).values()
        if inspect.isclass(cls) and issubclass(cls, BaseModel)
        for name, info in cls.model_fields.items()
        if dict[str, str] in typing.get_args(info.annotation)
    }
    assert text_fields == TEXT_KEYS
