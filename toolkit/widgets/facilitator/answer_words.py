"""An answer in words, in the dashboard's language: choice labels rather than stored values,
dates and numbers as the language writes them, a person picked from the map by name, and a
repeat's rows field by field. Only the participant's own text stays as they typed it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from toolkit.text.formats import long_date, number
from toolkit.text.strings import tr, ui
from toolkit.worksheet.answers import OTHER, ROW_ID, other_key
from toolkit.worksheet.model import Date, ItemBase, Number, Person, Repeat, Worksheet


def _choice(ws: Worksheet, item: ItemBase, value: Any, lang: str, other: str | None) -> str:
    if value == OTHER:
        return f"{ui('other', lang)}: {other}" if other else ui("other", lang)
    for choice in ws.choices_for(item):
        if choice.value == value:
            return tr(choice.label, lang)
    return str(value)


def answer_words(ws: Worksheet, item: ItemBase, value: Any, lang: str,
                 answers: Mapping[str, Any] | None = None,
                 names: Mapping[str, str] | None = None) -> str:
    """`value`, the answer to `item`, as words in `lang`. `answers` gives the "other" text of
    a choice; `names` the support map's names by row id, for a person picked from it."""
    if value is None:
        return ""
    other = (answers or {}).get(other_key(item.id))
    if isinstance(item, Repeat) and isinstance(value, list):
        return "; ".join(_row(ws, item, row, lang) for row in value if isinstance(row, dict))
    if isinstance(item, Person):
        return (names or {}).get(str(value), "–")
    if isinstance(item, Date):
        try:
            return long_date(dt.date.fromisoformat(str(value)), lang)
        except ValueError:
            return str(value)
    if isinstance(item, Number) and isinstance(value, int | float):
        return number(value, lang)
    if ws.choices_for(item):
        values = value if isinstance(value, list) else [value]
        return ", ".join(_choice(ws, item, v, lang, other) for v in values)
    return str(value)


def _row(ws: Worksheet, item: Repeat, row: Mapping[str, Any], lang: str) -> str:
    parts = [f"{tr(f.text, lang)}: {answer_words(ws, f, row[f.id], lang, row)}"
             for f in item.fields if f.id != ROW_ID and row.get(f.id) not in (None, "", [])]
    return ", ".join(parts)
