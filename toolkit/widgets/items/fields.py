"""The views for the item types a repeat row may hold (the model's `Field_`: no repeat in a
repeat, no person pick)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from toolkit.widgets.base import ItemView
from toolkit.widgets.items.choice import ChoiceView
from toolkit.widgets.items.number import DateView, NumberView
from toolkit.widgets.items.textbox import TextView
from toolkit.worksheet.model import ItemBase, Worksheet

FIELD_VIEWS: dict[str, type[ItemView]] = {
    "short_text": TextView,
    "long_text": TextView,
    "single_choice": ChoiceView,
    "multi_choice": ChoiceView,
    "scale": ChoiceView,
    "yes_no_unsure": ChoiceView,
    "number": NumberView,
    "date": DateView,
}


def field_view(ws: Worksheet, item: ItemBase, lang: str = "en",
               context: Mapping[str, Mapping[str, Any]] | None = None) -> ItemView:
    """The widget that asks one field of a row (`context`: other worksheets' answers)."""
    return FIELD_VIEWS[item.type](ws, item, lang, context)  # type: ignore[attr-defined]
