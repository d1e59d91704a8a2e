"""Pick the widget for an item type."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import ipywidgets as w

from toolkit.text.markup import markdown_html
from toolkit.text.strings import tr
from toolkit.widgets.base import ItemView
from toolkit.widgets.items.fields import FIELD_VIEWS
from toolkit.widgets.items.mapview import SupportMapView
from toolkit.widgets.items.person import PersonView
from toolkit.widgets.items.repeat import RepeatView
from toolkit.worksheet.model import ItemBase, Repeat, Worksheet

VIEWS: dict[str, type[ItemView]] = {**FIELD_VIEWS, "repeat": RepeatView, "person": PersonView}


def item_view(ws: Worksheet, item: ItemBase, lang: str = "en",
              context: Mapping[str, Mapping[str, Any]] | None = None) -> ItemView:
    """The widget that asks `item` (`context`: other worksheets' answers it may build on)."""
    if isinstance(item, Repeat) and item.widget == "support_map":
        return SupportMapView(ws, item, lang, context)
    return VIEWS[item.type](ws, item, lang, context)  # type: ignore[attr-defined]


def note_view(item: ItemBase, lang: str = "en") -> w.HTML:
    """A note: markdown shown as text; raw HTML in it is escaped."""
    note = w.HTML(f'<div class="ws-note">{markdown_html(tr(item.text, lang))}</div>')
    note.add_class("ws-item")
    return note
