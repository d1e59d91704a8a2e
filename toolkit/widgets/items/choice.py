"""Choice items as big tappable buttons: single choice, scale, yes/no/not sure, multi choice."""

from __future__ import annotations

from typing import Any

import ipywidgets as w
import traitlets

from toolkit.text.markup import clean, escape
from toolkit.text.strings import tr, ui
from toolkit.widgets.base import ItemView, TextBox, guard
from toolkit.worksheet.answers import OTHER
from toolkit.worksheet.model import ChoiceItem, MultiChoice, Scale

CHECK = "✓ "


class ChoiceView(ItemView):
    """One button per choice; tap to choose, tap again to clear. A ✓ marks the choice, so the
    state never depends on colour alone. `multi` allows several."""

    other = traitlets.Unicode(None, allow_none=True, help="text typed for 'Other, please say'")

    def build(self) -> list[w.Widget]:
        self.multi = isinstance(self.item, MultiChoice)
        choices = self.ws.choices_for(self.item)
        self._values = [c.value for c in choices]
        labels = [tr(c.label, self.lang) for c in choices]
        allows_other = isinstance(self.item, ChoiceItem) and self.item.other
        if allows_other:
            self._values.append(OTHER)
            labels.append(ui("other", self.lang))
        ruler = isinstance(self.item, Scale) and self.item.ruler is not None
        self._labels = labels
        self.buttons = []
        for value, label in zip(self._values, labels, strict=True):
            b = w.Button(description=label, tooltip=label,
                         layout=w.Layout(width="auto" if ruler else "100%"))
            b.add_class("ws-choice")
            b.on_click(guard(lambda _b, v=value: self._tap(v)))
            self.buttons.append(b)
        box = w.Box(self.buttons) if ruler else w.VBox(self.buttons)
        box.add_class("ws-ruler" if ruler else "ws-choices")
        if self.multi:
            box.add_class("ws-multi")  # a group of checkboxes, not a radio group (aria.js)
        parts: list[w.Widget] = [box]
        if ruler:
            r = self.item.ruler  # type: ignore[attr-defined]
            low, high = escape(tr(r.min_label, self.lang)), escape(tr(r.max_label, self.lang))
            ends = (f'<div class="ws-ruler-ends"><span>{r.min} = {low}</span>'
                    f"<span>{r.max} = {high}</span></div>")
            parts.append(w.HTML(ends))
        if allows_other:
            limit = self.item.other_max_length  # type: ignore[attr-defined]
            self.other_box = TextBox(placeholder=ui("other_please_say", self.lang),
                                    layout=w.Layout(width="100%", display="none"))
            self.other_box.add_class("ws-other")
            self.other_box.observe(guard(lambda c: self._other_typed(c["new"], limit)), "value")
            parts.append(self.other_box)
        return parts

    def _selected(self) -> list[Any]:
        if self.value is None:
            return []
        return list(self.value) if self.multi else [self.value]

    def _tap(self, value: Any) -> None:
        chosen = self._selected()
        if value in chosen:
            chosen.remove(value)
        elif self.multi:
            chosen.append(value)
        else:
            chosen = [value]
        new = chosen if self.multi else (chosen[0] if chosen else None)
        if self.multi and not chosen:
            new = None
        self.set_from_ui(new)
        self.show(new)

    def _other_typed(self, text: str, limit: int) -> None:
        text = clean(text)
        if len(text) > limit:
            self.say("too_long", limit=limit)
            return
        self.say(None)
        self.other = text or None

    def show(self, value: Any) -> None:
        chosen = {str(v) for v in (value if isinstance(value, list) else [value]) if v is not None}
        for b, v, label in zip(self.buttons, self._values, self._labels, strict=True):
            on = str(v) in chosen
            b.description = (CHECK + label) if on else label
            b.button_style = "primary" if on else ""
            if on:
                b.add_class("ws-selected")
            else:
                b.remove_class("ws-selected")
        if hasattr(self, "other_box"):
            self.other_box.layout.display = "" if OTHER in chosen else "none"

    @traitlets.observe("other")
    def _on_other(self, change: dict[str, Any]) -> None:
        if hasattr(self, "other_box") and (self.other_box.value or None) != change["new"]:
            self.other_box.value = change["new"] or ""
