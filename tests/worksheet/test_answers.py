"""Checking one answer against its item: normalised values, or AnswerError with a UI key."""

from __future__ import annotations

import datetime as dt

import pytest
from support.worksheets import HEAD, one_section

from toolkit.worksheet.answers import ROW_ID, AnswerError, validate_answer
from toolkit.worksheet.loader import parse_worksheet

WS = parse_worksheet(one_section("""\
    - {id: info, type: note, text: Read me}
    - {id: nick, type: short_text, text: Nickname, max_length: 10}
    - {id: story, type: long_text, text: Story, max_length: 20}
    - id: kind
      type: single_choice
      text: Kind
      other: true
      choices: [{value: a, label: A}, {value: b, label: B}]
    - id: agree
      type: scale
      text: Agree
      choices: agree3
    - id: ready
      type: scale
      text: Ready
      ruler: {min: 0, max: 10}
    - id: many
      type: multi_choice
      text: Many
      max_selected: 2
      choices: [{value: x, label: X}, {value: y, label: Y}, {value: z, label: Z}]
    - {id: sure, type: yes_no_unsure, text: Sure}
    - {id: count, type: number, text: Count, min: 0, max: 10}
    - {id: hours, type: number, text: Hours, integer: false, min: 0.5, max: 2.5}
    - {id: when, type: date, text: When}
    - id: people
      type: repeat
      text: People
      max_rows: 2
      fields:
        - {id: name, type: short_text, text: Name, max_length: 5, sensitive: true}
        - {id: close, type: yes_no_unsure, text: Close}
""", head=HEAD + "choice_sets:\n  agree3:\n    - {value: 1, label: No}\n"
     "    - {value: 2, label: Some}\n    - {value: 3, label: Yes}\n"), "answers.yaml")


def check(item_id: str, value: object) -> object:
    return validate_answer(WS, WS.item(item_id), value)


def error(item_id: str, value: object) -> AnswerError:
    with pytest.raises(AnswerError) as info:
        check(item_id, value)
    return info.value


@pytest.mark.parametrize("item_id", ["nick", "kind", "many", "sure", "count", "when", "people"])
def test_none_clears_any_answer(item_id):
    """None is accepted by every answerable item and means 'cleared'."""
    assert check(item_id, None) is None


def test_note_takes_no_answer():
    """A note refuses any answer."""
    error("info", "hello")


# --- text -------------------------------------------------------------------------------------


def test_text_is_kept_as_typed():
    """Short text comes back unchanged, spaces included."""
    assert check("nick", " Sam ") == " Sam "


def test_text_too_long_gives_the_limit_not_the_text():
    """Too-long text raises 'too_long' with the limit, never echoing what was typed."""
    e = error("nick", "Zebra-Pancake-4417")
    assert (e.key, e.params) == ("too_long", {"limit": 10})
    assert "Zebra" not in str(e)


def test_text_must_be_a_string():
    """A number given to a text item is refused."""
    error("story", 42)


def test_nul_characters_are_dropped_from_text():
    """NUL characters are removed before the length check."""
    assert check("nick", "a\x00b") == "ab"


# --- choices ----------------------------------------------------------------------------------


def test_single_choice_accepts_a_choice_value():
    """A listed value is accepted as is."""
    assert check("kind", "a") == "a"


def test_single_choice_other_is_accepted_when_enabled():
    """'other' is a valid answer when the item has `other: true`."""
    assert check("kind", "other") == "other"


def test_single_choice_refuses_unknown_values():
    """A value that is not a choice is refused."""
    error("kind", "c")


def test_numeric_choice_typed_as_text_becomes_the_number():
    """'2' for a numeric choice set is normalised to the choice value 2."""
    assert check("agree", "2") == 2


def test_boolean_is_never_a_choice():
    """True is refused even where 1 would be a choice."""
    error("agree", True)


def test_ruler_accepts_its_range_only():
    """A 0-10 ruler accepts 0 and 10 and refuses 11."""
    assert (check("ready", 0), check("ready", 10)) == (0, 10)
    error("ready", 11)


def test_yes_no_unsure_values():
    """yes, no and unsure are accepted; a boolean is not."""
    assert [check("sure", v) for v in ("yes", "no", "unsure")] == ["yes", "no", "unsure"]
    error("sure", True)


def test_multi_choice_keeps_order_and_drops_repeats():
    """Picked values keep their order and each counts once."""
    assert check("many", ["y", "x", "y"]) == ["y", "x"]


def test_multi_choice_respects_max_selected():
    """More than max_selected different choices is refused."""
    error("many", ["x", "y", "z"])


def test_multi_choice_needs_a_list():
    """A single string (even a valid value) is refused for a multi_choice."""
    error("many", "x")


# --- numbers and dates ------------------------------------------------------------------------


def test_number_typed_as_text_is_parsed():
    """'7' becomes 7 for a whole-number item."""
    assert check("count", "7") == 7


def test_decimal_comma_is_accepted():
    """'1,5' is read as 1.5 where decimals are allowed."""
    assert check("hours", "1,5") == 1.5


def test_whole_number_item_refuses_decimals():
    """2.5 is refused where `integer: true`, with the not_a_number key."""
    assert error("count", 2.5).key == "not_a_number"


def test_number_out_of_range_names_the_range():
    """A number outside min-max raises out_of_range with both ends formatted."""
    e = error("count", 11)
    assert (e.key, e.params) == ("out_of_range", {"low": "0", "high": "10"})
    assert error("hours", 3).params == {"low": "0.5", "high": "2.5"}


@pytest.mark.parametrize("bad", ["seven", "nan", "inf", float("nan"), True, [1],
                                 pytest.param(10**400, id="huge-int")])
def test_number_refuses_non_numbers(bad):
    """Words, NaN, infinity, booleans, lists and huge ints are refused, never a crash."""
    assert error("count", bad).key == "not_a_number"


def test_number_error_does_not_repeat_the_input():
    """The message for a bad number does not contain what was typed."""
    assert "Zebra" not in str(error("count", "Zebra-Pancake-4417"))


def test_date_text_is_normalised():
    """An ISO date string is accepted and kept as YYYY-MM-DD."""
    assert check("when", "2026-01-31") == "2026-01-31"


def test_date_object_becomes_text():
    """A datetime.date becomes its ISO text."""
    assert check("when", dt.date(2026, 2, 3)) == "2026-02-03"


def test_datetime_keeps_only_the_day():
    """A datetime (a date subclass) is stored as its day, without the time."""
    assert check("when", dt.datetime(2026, 2, 3, 14, 30)) == "2026-02-03"


@pytest.mark.parametrize("bad", ["31/01/2026", "2026-02-30", "soon", 20260131, "20260131",
                                 "2026-W05-1"])
def test_date_refuses_other_forms(bad):
    """Non-ISO or impossible dates are refused."""
    error("when", bad)


# --- repeats ----------------------------------------------------------------------------------


def test_repeat_rows_are_validated_field_by_field():
    """Each row keeps its row id and every field is checked and normalised."""
    rows = check("people", [{ROW_ID: "r1", "name": "Sam", "close": "yes"},
                            {ROW_ID: "r2", "close": None}])
    assert rows == [{ROW_ID: "r1", "name": "Sam", "close": "yes"},
                    {ROW_ID: "r2", "close": None}]


def test_repeat_field_errors_surface():
    """A too-long name inside a row raises the field's too_long error."""
    assert error("people", [{ROW_ID: "r1", "name": "Alexandra"}]).key == "too_long"


def test_repeat_rows_need_row_ids():
    """A row without a row id is refused."""
    error("people", [{"name": "Sam"}])


def test_repeat_row_ids_must_differ():
    """Two rows with one row id are refused (other worksheets refer to rows by id)."""
    error("people", [{ROW_ID: "r1", "name": "A"}, {ROW_ID: "r1", "name": "B"}])


def test_repeat_refuses_unknown_fields():
    """A key that is not one of the repeat's fields is refused."""
    error("people", [{ROW_ID: "r1", "phone": "x"}])


def test_repeat_respects_max_rows():
    """More rows than max_rows is refused."""
    error("people", [{ROW_ID: f"r{n}"} for n in range(3)])


def test_repeat_needs_a_list_of_mappings():
    """A repeat answer must be a list of row mappings."""
    error("people", {"name": "Sam"})
    error("people", ["Sam"])
