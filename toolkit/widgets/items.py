"""Pick the widget for an item type."""

from __future__ import annotations

import ipywidgets as w

from ..i18n import tr
from ..markup import markdown_html
from ..model import ItemBase, Worksheet
from .base import ItemView
from .choice import ChoiceView
from .number import DateView, NumberView
from .repeat import RepeatView
from .text import TextView

VIEWS: dict[str, type[ItemView]] = {
    "short_text": TextView,
    "long_text": TextView,
    "single_choice": ChoiceView,
    "multi_choice": ChoiceView,
    "scale": ChoiceView,
    "yes_no_unsure": ChoiceView,
    "number": NumberView,
    "date": DateView,
    "repeat": RepeatView,
}


def item_view(ws: Worksheet, item: ItemBase, lang: str = "en") -> ItemView:
    """The widget that asks `item`."""
    return VIEWS[item.type](ws, item, lang)  # type: ignore[attr-defined]


def note_view(item: ItemBase, lang: str = "en") -> w.HTML:
    """A note: markdown shown as text; raw HTML in it is escaped."""
    note = w.HTML(f'<div class="ws-note">{markdown_html(tr(item.text, lang))}</div>')
    note.add_class("ws-item")
    return note
