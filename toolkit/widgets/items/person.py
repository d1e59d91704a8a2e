"""Pick a person from my support map (the reach-out plan's `person` items): supportive
people first, a kind check before someone marked otherwise."""

from __future__ import annotations

from typing import Any

import ipywidgets as w

from toolkit.supportmap.people import MAP_ITEM, MAP_WORKSHEET, SupportMap
from toolkit.supportmap.plan import choices_for_pick, needs_confirmation
from toolkit.text.markup import escape
from toolkit.text.strings import ui
from toolkit.widgets.base import ItemView, guard

MARKS = {"yes": "●", "unsure": "◆", "no": "■", None: "○"}
"""Shapes that say supportive / not sure / not supportive without relying on colour."""


def support_label(supports: str | None, lang: str) -> str:
    """"supports my recovery" and so on; "support not marked" when it isn't."""
    return ui(f"support_{supports if supports in ('yes', 'unsure', 'no') else 'unmarked'}", lang)


class PersonView(ItemView):
    """Pick someone from my support map: supportive people first; a kind check for others."""

    def build(self) -> list[w.Widget]:
        rows = self.context.get(MAP_WORKSHEET, {}).get(MAP_ITEM)
        self.support_map = SupportMap.from_rows(rows)
        self._confirmed: set[str] = set()
        self.buttons: dict[str, w.Button] = {}
        for entry in choices_for_pick(self.support_map):
            label = f"{MARKS.get(entry.supports, '○')} {entry.label}"
            b = w.Button(description=label, tooltip=label, layout=w.Layout(width="100%"))
            b.add_class("ws-choice")
            b.add_class("ws-person")
            b.on_click(guard(lambda _b, r=entry.row: self._tap(r)))
            self.buttons[entry.row] = b
        self.confirm = w.VBox(layout=w.Layout(display="none"))
        self.confirm.add_class("ws-confirm")
        if not self.buttons:
            sheet = f"<b>{escape(ui('map_sheet', self.lang))}</b>"
            empty = escape(ui("pick_empty", self.lang)).replace("{sheet}", sheet)
            return [w.HTML(f'<div class="ws-help">{empty}</div>')]
        keys = " · ".join(f"{MARKS[k]} {escape(support_label(k, self.lang))}"
                          for k in ("yes", "unsure", "no"))
        legend = w.HTML(f'<div class="ws-help">{keys}</div>')
        people = w.VBox(list(self.buttons.values()))
        people.add_class("ws-choices")  # one person: a radio group (aria.js)
        return [legend, people, self.confirm]

    def _tap(self, row: str) -> None:
        if self.value == row:
            self._choose(None)
            return
        entry = self.support_map.get(row)
        if needs_confirmation(entry) and row not in self._confirmed:
            marked = support_label(entry.supports or "unsure", self.lang)
            yes = w.Button(description=ui("pick_keep", self.lang, name=entry.label),
                           button_style="primary")
            yes.add_class("ws-confirm-yes")
            no = w.Button(description=ui("pick_other", self.lang))
            no.add_class("ws-confirm-no")
            yes.on_click(guard(lambda _b: self._confirmed_choice(row)))
            no.on_click(guard(lambda _b: self._hide_confirm()))
            # Said at once (role=alert): it appears below the list, away from the focus.
            self.confirm.children = [
                w.HTML('<p role="alert">' + escape(ui("pick_check", self.lang, name=entry.label,
                                                      marked=marked)) + "</p>"), yes, no]
            self.confirm.layout.display = ""
            return
        self._choose(row)

    def _confirmed_choice(self, row: str) -> None:
        self._confirmed.add(row)
        self._hide_confirm()
        self._choose(row)

    def _hide_confirm(self) -> None:
        self.confirm.layout.display = "none"
        self.confirm.children = []

    def _choose(self, row: str | None) -> None:
        self.set_from_ui(row)
        self.show(row)

    def show(self, value: Any) -> None:
        for row, b in self.buttons.items():
            entry = self.support_map.get(row)
            base = f"{MARKS.get(entry.supports, '○')} {entry.label}"
            on = row == value
            b.description = f"✓ {base}" if on else base
            b.button_style = "primary" if on else ""
            (b.add_class if on else b.remove_class)("ws-selected")
