"""Text items: one line or a few lines, with a kind length limit that keeps what was typed."""

from __future__ import annotations

from typing import Any

import ipywidgets as w

from ..i18n import tr
from ..model import LongText
from .base import ItemView, guard


class TextView(ItemView):
    def build(self) -> list[w.Widget]:
        item = self.item
        placeholder = tr(getattr(item, "placeholder", None), self.lang)
        if isinstance(item, LongText):
            self.box = w.Textarea(placeholder=placeholder, rows=item.rows,
                                  layout=w.Layout(width="100%"))
        else:
            self.box = w.Text(placeholder=placeholder, layout=w.Layout(width="100%"))
        self.box.continuous_update = True
        self.box.observe(guard(self._typed), "value")
        return [self.box]

    def _typed(self, change: dict[str, Any]) -> None:
        text = change["new"]
        limit = self.item.max_length  # type: ignore[attr-defined]
        if len(text) > limit:
            self.say("too_long", limit=limit)  # keep the text in the box; do not save it
            return
        self.say(None)
        self.set_from_ui(text if text.strip() else None)

    def show(self, value: Any) -> None:
        self.box.value = value or ""
