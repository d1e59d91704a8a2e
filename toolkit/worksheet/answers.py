"""Check and normalise one answer against its item; messages never repeat what was typed."""

from __future__ import annotations

import datetime as dt
import math
import re
import secrets
from typing import Any

from toolkit.worksheet.model import (
    ChoiceItem,
    Date,
    ItemBase,
    LongText,
    MultiChoice,
    Note,
    Number,
    Person,
    Repeat,
    Scale,
    ShortText,
    Worksheet,
    YesNoUnsure,
)

ROW_ID = "_row"
"""Each repeat row keeps a stable id so later worksheets can refer to it (never dangling)."""
OTHER = "other"
"""The value an "other, please say" choice saves (a choice item with `other: true`)."""
OTHER_SUFFIX = "." + OTHER
"""The free text of an "other, please say" answer is kept under `<item id>.other`."""


def other_key(item_id: str) -> str:
    """Where the free text of `item_id`'s "other" answer is kept."""
    return item_id + OTHER_SUFFIX


def new_row_id() -> str:
    """A fresh, unguessable row id such as 'r3f9a0c12de'."""
    return "r" + secrets.token_hex(5)


class AnswerError(ValueError):
    """An answer the item cannot take. `key` and `params` select a translated UI message."""

    def __init__(self, message: str, key: str = "", **params: Any):
        super().__init__(message)
        self.key = key
        self.params = params


def _text(value: Any, limit: int) -> str:
    if not isinstance(value, str):
        raise AnswerError("expected text")
    if "\x00" in value:
        value = value.replace("\x00", "")
    if len(value) > limit:
        raise AnswerError(f"longer than {limit} characters", "too_long", limit=limit)
    return value


def _choice(ws: Worksheet, item: ItemBase, value: Any) -> Any:
    allowed = {str(c.value): c.value for c in ws.choices_for(item)}
    if isinstance(item, ChoiceItem) and item.other:
        allowed[OTHER] = OTHER
    if isinstance(value, bool) or str(value) not in allowed:
        raise AnswerError("not one of the choices")
    return allowed[str(value)]


def validate_answer(ws: Worksheet, item: ItemBase, value: Any) -> Any:
    """Return `value` normalised for `item`, or raise AnswerError. None clears an answer."""
    if value is None:
        return None
    if isinstance(item, Note):
        raise AnswerError("a note takes no answer")
    if isinstance(item, ShortText | LongText):
        return _text(value, item.max_length)
    if isinstance(item, MultiChoice):
        if not isinstance(value, list | tuple):
            raise AnswerError("expected a list of choices")
        picked = [_choice(ws, item, v) for v in value]
        picked = list(dict.fromkeys(picked))  # a choice counts once
        if item.max_selected is not None and len(picked) > item.max_selected:
            raise AnswerError(f"at most {item.max_selected} choices")
        return picked
    if isinstance(item, ChoiceItem | Scale | YesNoUnsure):
        return _choice(ws, item, value)
    if isinstance(item, Number):
        return _number(item, value)
    if isinstance(item, Person):
        if not isinstance(value, str) or not re.fullmatch(r"[A-Za-z0-9_-]{1,40}", value):
            raise AnswerError("expected a person from the support map")
        return value
    if isinstance(item, Date):
        if isinstance(value, dt.datetime):  # a datetime is a date too; keep only the day
            value = value.date()
        if isinstance(value, dt.date):
            return value.isoformat()
        # fromisoformat also takes 20260131 and 2026-W05-1; the format promises YYYY-MM-DD
        if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value.strip()):
            try:
                return dt.date.fromisoformat(value.strip()).isoformat()
            except ValueError:
                pass
        raise AnswerError("expected a date like 2026-01-31")
    if isinstance(item, Repeat):
        return _rows(ws, item, value)
    raise AnswerError(f"unknown item type {type(item).__name__}")


def _number(item: Number, value: Any) -> int | float:
    if isinstance(value, bool):
        raise AnswerError("expected a number", "not_a_number")
    if isinstance(value, str):
        try:
            value = float(value.strip().replace(",", "."))
        except ValueError:
            raise AnswerError("expected a number", "not_a_number") from None
    try:  # a huge int cannot become a float: isfinite would raise OverflowError
        finite = isinstance(value, int | float) and math.isfinite(value)
    except OverflowError:
        finite = False
    if not finite:
        raise AnswerError("expected a number", "not_a_number")
    if item.integer:
        if value != int(value):
            raise AnswerError("expected a whole number", "not_a_number")
        value = int(value)
    low = item.min if item.min is not None else -math.inf
    high = item.max if item.max is not None else math.inf
    if not low <= value <= high:
        raise AnswerError("out of range", "out_of_range", low=_fmt(low), high=_fmt(high))
    return value


def _fmt(x: float) -> str:
    return str(int(x)) if math.isfinite(x) and x == int(x) else str(x)


def _rows(ws: Worksheet, item: Repeat, value: Any) -> list[dict[str, Any]]:
    if not isinstance(value, list | tuple):
        raise AnswerError("expected a list of rows")
    if len(value) > item.max_rows:
        raise AnswerError(f"at most {item.max_rows} rows")
    rows = []
    fields = {f.id: f for f in item.fields}
    for raw in value:
        if not isinstance(raw, dict):
            raise AnswerError("each row is a set of fields")
        row: dict[str, Any] = {}
        row_id = raw.get(ROW_ID)
        if not isinstance(row_id, str) or not 0 < len(row_id) <= 40:
            raise AnswerError("each row needs its row id")
        if any(r[ROW_ID] == row_id for r in rows):  # other worksheets refer to rows by id
            raise AnswerError("each row needs its own row id")
        row[ROW_ID] = row_id
        for key, v in raw.items():
            if key == ROW_ID:
                continue
            if key not in fields:
                raise AnswerError("unknown field in a row")
            row[key] = validate_answer(ws, fields[key], v)
        rows.append(row)
    return rows
