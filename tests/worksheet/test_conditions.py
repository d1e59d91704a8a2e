"""show_if conditions evaluated against answers, what a client sees, and progress."""

from __future__ import annotations

import pytest
from support.worksheets import one_section, shipped

from toolkit.worksheet.conditions import holds, is_answered, progress, visible_items
from toolkit.worksheet.loader import parse_worksheet
from toolkit.worksheet.model import All, Answered, Any_, Equals, In


@pytest.mark.parametrize("value", [None, "", "   ", [], {}])
def test_empty_values_are_not_answered(value):
    """None, blank text and empty lists or maps do not count as answers."""
    assert not is_answered(value)


@pytest.mark.parametrize("value", [0, 0.0, False, "x", ["a"], {"k": 1}])
def test_zero_false_and_text_are_answers(value):
    """0, False, text and non-empty lists are real answers."""
    assert is_answered(value)


def test_no_condition_always_holds():
    """An item without show_if is always shown."""
    assert holds(None, {})


def test_equals_compares_the_answer():
    """equals holds for the same value and not for another or a missing one."""
    cond = Equals(item="a", equals="yes")
    assert holds(cond, {"a": "yes"})
    assert not holds(cond, {"a": "no"})
    assert not holds(cond, {})


def test_equals_on_a_list_means_includes():
    """For a multi_choice answer, equals holds when the value is among those picked."""
    cond = Equals(item="a", equals="mat")
    assert holds(cond, {"a": ["peer_support", "mat"]})
    assert not holds(cond, {"a": ["peer_support"]})


def test_equals_number_matches_text_of_that_number():
    """A stored 3 matches `equals: 3`, and so does '3' (values compare as text)."""
    cond = Equals(item="a", equals=3)
    assert holds(cond, {"a": 3}) and holds(cond, {"a": "3"})


def test_equals_whole_float_matches_int():
    """A decimal-number answer 3.0 matches `equals: 3`."""
    assert holds(Equals(item="a", equals=3), {"a": 3.0})
    assert not holds(Equals(item="a", equals=3), {"a": 3.5})


def test_in_holds_for_any_listed_value():
    """`in:` holds when the answer is one of the listed values."""
    cond = In(item="a", **{"in": ["yes", "unsure"]})
    assert holds(cond, {"a": "unsure"})
    assert not holds(cond, {"a": "no"})


def test_answered_true_and_false():
    """answered: true needs a real answer; answered: false needs none."""
    assert holds(Answered(item="a"), {"a": "x"})
    assert not holds(Answered(item="a"), {"a": "  "})
    assert holds(Answered(item="a", answered=False), {})


def test_all_and_any_combine():
    """all: needs every condition, any: needs one."""
    yes, told = Equals(item="a", equals="yes"), Answered(item="b")
    assert holds(All(all=[yes, told]), {"a": "yes", "b": "x"})
    assert not holds(All(all=[yes, told]), {"a": "yes"})
    assert holds(Any_(any=[yes, told]), {"b": "x"})
    assert not holds(Any_(any=[yes, told]), {"a": "no"})


def test_nested_any_inside_all():
    """Conditions nest: all of [answered, any of [...]]."""
    cond = All(all=[Answered(item="a"), Any_(any=[Equals(item="b", equals=1),
                                                  Equals(item="b", equals=2)])])
    assert holds(cond, {"a": "x", "b": 2})
    assert not holds(cond, {"a": "x", "b": 3})


def test_conditions_from_yaml_evaluate():
    """A condition loaded from YAML text (`in: ["yes", unsure]`) evaluates as written."""
    ws = shipped("treatment-needs")
    cond = ws.item("need_more_why").show_if
    assert holds(cond, {"need_more_help": "unsure"})
    assert not holds(cond, {"need_more_help": "no"})


# --- visible items and progress ---------------------------------------------------------------


def test_visible_items_follow_the_answers():
    """leap-of-faith shows the follow-up only after a date, and 'what happened' after 'yes'."""
    ws = shipped("leap-of-faith")
    shown = {it.id for it in visible_items(ws, {})}
    assert "tried_first_step" not in shown and "what_happened" not in shown
    shown = {it.id for it in visible_items(ws, {"first_step_date": "2026-02-01",
                                                "tried_first_step": "yes"})}
    assert {"tried_first_step", "what_happened", "learned"} <= shown
    assert "what_got_in_way" not in shown


def test_progress_counts_visible_questions_only():
    """Progress counts answered visible questions; notes and hidden items do not count."""
    ws = parse_worksheet(one_section("""\
        - {id: n, type: note, text: N}
        - {id: a, type: yes_no_unsure, text: A}
        - {id: b, type: date, text: B, show_if: {item: a, equals: "yes"}}
        - {id: c, type: date, text: C}
    """))
    assert progress(ws, {}) == (0, 2)
    assert progress(ws, {"a": "no"}) == (1, 2)
    assert progress(ws, {"a": "yes"}) == (1, 3)
    assert progress(ws, {"a": "yes", "b": "2026-01-01", "c": " "}) == (2, 3)


def test_progress_of_every_shipped_worksheet_starts_at_zero():
    """With no answers, every shipped worksheet has something to answer and nothing answered."""
    for wid in ("opening-up", "mspss", "reach-out-plan"):
        done, total = progress(shipped(wid), {})
        assert done == 0 and total > 0


def test_hidden_items_answer_does_not_show_later_items():
    """Once a question is hidden again, its old answer no longer shows its follow-ups."""
    ws = shipped("leap-of-faith")
    answers = {"tried_first_step": "yes"}  # the date that showed the question was cleared
    assert "what_happened" not in {it.id for it in visible_items(ws, answers)}
