"""Text items: one line or a few lines, with a kind length limit that keeps what was typed.

Whatever is typed or pasted (markup, script, 1 MB) stays plain text: it is only ever a text
box's value, never HTML. Text over the limit stays in the box, unsaved, with a message; the
last saved answer is kept."""

from __future__ import annotations

from typing import Any

import ipywidgets as w

from toolkit.text.markup import clean, has_lone_surrogate
from toolkit.text.strings import tr
from toolkit.widgets.base import ItemView, TextArea, TextBox, guard
from toolkit.worksheet.model import LongText


class TextView(ItemView):
    def build(self) -> list[w.Widget]:
        item = self.item
        placeholder = tr(getattr(item, "placeholder", None), self.lang)
        if isinstance(item, LongText):
            self.box = TextArea(placeholder=placeholder, rows=item.rows,
                                layout=w.Layout(width="100%"))
        else:
            self.box = TextBox(placeholder=placeholder, layout=w.Layout(width="100%"))
        self.box.continuous_update = True
        self.box.observe(guard(self._typed), "value")
        return [self.box]

    def _typed(self, change: dict[str, Any]) -> None:
        if has_lone_surrogate(change["new"]):
            # Put the repaired text in the box too: the box could not be synced otherwise.
            self.box.value = clean(change["new"])
            return  # that change comes back here
        text = clean(change["new"])
        limit = self.item.max_length  # type: ignore[attr-defined]
        if len(text) > limit:
            self.say("too_long", limit=limit)  # keep the text in the box; do not save it
            return
        self.say(None)
        self.set_from_ui(text if text.strip() else None)

    def show(self, value: Any) -> None:
        self.box.value = value or ""
