"""Printed words for what a screen shows by behaviour: `show_if` conditions and score bands."""

from __future__ import annotations

from typing import Any

from toolkit.render.card import shorten
from toolkit.render.labels import labels
from toolkit.text.formats import number, word_list
from toolkit.text.strings import tr, ui
from toolkit.worksheet.answers import OTHER
from toolkit.worksheet.model import (
    All,
    Answered,
    Any_,
    Band,
    Condition,
    Equals,
    In,
    ItemBase,
    Worksheet,
)

QUESTION_LIMIT = 60
"""A condition quotes its question, cut at a word boundary so the sentence stays readable."""


def choice_label(ws: Worksheet, item: ItemBase | None, value: Any, lang: str) -> str:
    """The label a client saw for a stored value ('unsure' -> 'Not sure')."""
    if item is not None:
        for c in ws.choices_for(item):
            if str(c.value) == str(value):
                return tr(c.label, lang)
    if value == OTHER:
        return ui("other", lang)
    return str(value)


def _item(ws: Worksheet, item_id: str) -> ItemBase | None:
    try:
        return ws.item(item_id)
    except KeyError:
        return None


def _question(ws: Worksheet, item_id: str, lang: str) -> str:
    item = _item(ws, item_id)
    return shorten(tr(item.text, lang), QUESTION_LIMIT) if item is not None else item_id


def _values(cond: Condition) -> tuple[str, list[Any]] | None:
    """(item, values) when `cond` only asks which values one item has; else None."""
    if isinstance(cond, Equals):
        return cond.item, [cond.equals]
    if isinstance(cond, In):
        return cond.item, list(cond.in_)
    if isinstance(cond, Any_):
        parts = [_values(c) for c in cond.any]
        if parts and all(p is not None for p in parts) and len({p[0] for p in parts}) == 1:
            return parts[0][0], [v for p in parts for v in p[1]]  # type: ignore[index]
    return None


def _clause(ws: Worksheet, cond: Condition, lang: str) -> str:
    words = labels(lang)
    if isinstance(cond, Answered):
        key = "if_answered" if cond.answered else "if_not_answered"
        return words[key].format(q=_question(ws, cond.item, lang))
    same_item = _values(cond)
    if same_item is not None:
        item_id, values = same_item
        item = _item(ws, item_id)
        q = _question(ws, item_id, lang)
        everything = [c.value for c in ws.choices_for(item)] if item is not None else []
        if getattr(item, "other", False):
            everything.append(OTHER)
        picked = {str(v) for v in values}
        rest = [v for v in everything if str(v) not in picked]
        # "anything other than None" says seven picks in four words
        if everything and len(values) > 2 and 0 < len(rest) < len(values):
            quoted = [f"“{choice_label(ws, item, v, lang)}”" for v in rest]
            return words["if_other_than"].format(values=word_list(quoted, lang), q=q)
        quoted = [f"“{choice_label(ws, item, v, lang)}”" for v in values]
        return words["if_equals"].format(values=word_list(quoted, lang), q=q)
    parts = cond.all if isinstance(cond, All) else cond.any  # type: ignore[union-attr]
    conj = "and" if isinstance(cond, All) else "or"
    clauses = [_clause(ws, c, lang) for c in parts]
    tail = [c[:1].lower() + c[1:] for c in clauses[1:]]
    return word_list([clauses[0], *tail], lang, conj)


def condition_text(ws: Worksheet, cond: Condition | None, lang: str = "en") -> str | None:
    """A `show_if` in words for a blank printout, e.g. 'If you answered “Yes” to “…” above'."""
    return None if cond is None else _clause(ws, cond, lang) + ":"




def band_ranges(bands: list[Band], lang: str) -> list[tuple[str, str, str]]:
    """(range, label, note) per band: '3 to under 5.1', '5.1 and up' (a band runs to the next),
    with the language's own decimal mark ('5,1 o más')."""
    words, out = labels(lang), []
    for i, band in enumerate(bands):
        low = number(band.min, lang)
        span = (words["range_to_under"].format(low=low, high=number(bands[i + 1].min, lang))
                if i + 1 < len(bands) else words["range_and_up"].format(low=low))
        out.append((span, tr(band.label, lang), tr(band.note, lang)))
    return out
