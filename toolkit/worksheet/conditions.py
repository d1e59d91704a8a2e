"""Evaluate declarative `show_if` conditions against answers (no eval of worksheet text)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from toolkit.worksheet.model import All, Answered, Any_, Condition, Equals, In, ItemBase, Worksheet


def is_answered(value: Any) -> bool:
    """True for a real answer: not None, not blank text, not an empty list."""
    if value is None:
        return False
    if isinstance(value, str):
        return value.strip() != ""
    if isinstance(value, list | dict):
        return len(value) > 0
    return True


def _matches(answer: Any, wanted: Any) -> bool:
    if isinstance(answer, list):  # multi_choice: "equals" means "includes"
        return any(_matches(a, wanted) for a in answer)
    if _is_num(answer) and _is_num(wanted):  # a number answer 3.0 equals `equals: 3`
        return bool(answer == wanted)
    return answer is not None and str(answer) == str(wanted)


def _is_num(x: Any) -> bool:
    return isinstance(x, int | float) and not isinstance(x, bool)


def holds(cond: Condition | None, answers: Mapping[str, Any]) -> bool:
    """Whether `cond` holds for these answers (no condition always holds)."""
    if cond is None:
        return True
    if isinstance(cond, All):
        return all(holds(c, answers) for c in cond.all)
    if isinstance(cond, Any_):
        return any(holds(c, answers) for c in cond.any)
    value = answers.get(cond.item)
    if isinstance(cond, Answered):
        return is_answered(value) == cond.answered
    if isinstance(cond, Equals):
        return _matches(value, cond.equals)
    if isinstance(cond, In):
        return any(_matches(value, w) for w in cond.in_)
    raise TypeError(f"unknown condition {type(cond).__name__}")


def visible_items(ws: Worksheet, answers: Mapping[str, Any]) -> list[ItemBase]:
    """The items a client sees given their answers, in order.

    A hidden question's old answer is kept in the store but counts as unanswered here, so it
    cannot keep its own follow-ups on screen (conditions only look at earlier items).
    """
    seen: dict[str, Any] = {}
    shown = []
    for it in ws.items():
        if holds(it.show_if, seen):
            shown.append(it)
            if it.id in answers:
                seen[it.id] = answers[it.id]
    return shown


def progress(ws: Worksheet, answers: Mapping[str, Any]) -> tuple[int, int]:
    """(answered, total) over the visible questions; notes do not count."""
    shown = [it for it in visible_items(ws, answers) if it.answerable]
    return sum(is_answered(answers.get(it.id)) for it in shown), len(shown)


STATUS_ITEM = "_status"
"""Reserved item id (item ids can't start with '_') under which the app saves "done"."""


def worksheet_status(ws: Worksheet, answers: Mapping[str, Any]) -> str:
    """'done', 'in_progress' or 'not_started', as the client's home screen shows it."""
    if answers.get(STATUS_ITEM) == "done":
        return "done"
    done, total = progress(ws, answers)
    if total and done == total:
        return "done"
    return "in_progress" if done or len(answers) else "not_started"
