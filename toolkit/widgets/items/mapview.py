"""The support map view: an interactive picture (anywidget) over the map's repeat rows, plus a
"pick a person from my map" view for the reach-out plan."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import anywidget
import ipywidgets as w
import traitlets

from toolkit.supportmap.people import (
    MAP_ITEM,
    MAP_WORKSHEET,
    RINGS,
    SAFETY_ITEM,
    SAFETY_WORKSHEET,
    SupportMap,
    ring_label,
    safety_by_row,
)
from toolkit.supportmap.plan import choices_for_pick, needs_confirmation
from toolkit.supportmap.svg import render_map
from toolkit.text.markup import escape
from toolkit.text.strings import ui
from toolkit.widgets.base import ItemView, guard
from toolkit.widgets.items.repeat import RepeatView

HERE = Path(__file__).parent
MARKS = {"yes": "●", "unsure": "◆", "no": "■", None: "○"}
"""Shapes that say supportive / not sure / not supportive without relying on colour."""


def support_label(supports: str | None, lang: str) -> str:
    """"supports my recovery" and so on; "support not marked" when it isn't."""
    return ui(f"support_{supports if supports in ('yes', 'unsure', 'no') else 'unmarked'}", lang)


class SupportMapPicture(anywidget.AnyWidget):
    """The picture. Python renders the SVG; the browser only reports drags and key moves."""

    _esm = HERE / "supportmap.js"
    _css = HERE / "supportmap.css"
    svg = traitlets.Unicode("").tag(sync=True)
    entries = traitlets.List([]).tag(sync=True)
    texts = traitlets.Dict({}).tag(sync=True)
    announce = traitlets.Unicode("").tag(sync=True)

    def __init__(self, on_move: Callable[[str, str | None, str | None], None],
                 lang: str = "en", **kwargs: Any):
        super().__init__(**kwargs)
        self.lang = lang
        self.texts = {"list_title": ui("map_list_title", lang), "closer": ui("map_closer", lang),
                      "further": ui("map_further", lang)}
        self._on_move = on_move
        self.on_msg(guard(self._message))

    def _message(self, _widget: Any, content: Any, _buffers: Any) -> None:
        if isinstance(content, dict) and content.get("type") == "move":
            ring, direction = content.get("ring"), content.get("dir")
            self._on_move(str(content.get("row")), ring if ring in RINGS else None,
                          direction if direction in ("closer", "further") else None)

    def draw(self, support_map: SupportMap, safety: dict[str, str]) -> None:
        # A smaller canvas keeps the names legible when a phone scales the picture down.
        self.svg = render_map(support_map, safety=safety, size=420, lang=self.lang)
        self.entries = [
            {"row": e.row, "name": e.label, "ring": e.ring,
             "ring_label": ring_label(e.ring, self.lang),
             "support_label": support_label(e.supports, self.lang)}
            for e in support_map.entries
        ]


class SupportMapView(ItemView):
    """The `people` repeat of my-support-map, shown as a picture with an editable list."""

    def build(self) -> list[w.Widget]:
        self.picture = SupportMapPicture(on_move=self._moved, lang=self.lang)
        self.prompts = w.HTML()
        self.prompts.add_class("ws-map-prompts")
        self.editor = RepeatView(self.ws, self.item, self.lang)
        self.editor.children = self.editor.children[1:]  # the question is already shown above
        self.editor.defaults = {"ring": "wider"}  # where the picture puts a new person
        self.editor.observe(guard(lambda c: self._edited(c["new"])), "value")
        self._draw(None)
        return [self.picture, self.prompts, self.editor]

    def _safety(self, support_map: SupportMap) -> dict[str, str]:
        rows = self.context.get(SAFETY_WORKSHEET, {}).get(SAFETY_ITEM)
        return safety_by_row(support_map.entries, rows)

    def _draw(self, rows: Any) -> None:
        support_map = SupportMap.from_rows(rows)
        self.picture.draw(support_map, self._safety(support_map))
        self.prompts.value = "<ul>" + "".join(
            f"<li>{escape(p)}</li>" for p in support_map.prompts(self.lang)) + "</ul>"

    def _edited(self, rows: Any) -> None:
        self.set_from_ui(rows)
        self._draw(rows)

    def _moved(self, row: str, ring: str | None, direction: str | None) -> None:
        support_map = SupportMap.from_rows(self.value)
        if row not in support_map:
            return
        if ring:
            entry = support_map.move(row, ring)
        elif direction == "closer":
            entry = support_map.closer(row)
        elif direction == "further":
            entry = support_map.further(row)
        else:
            return
        self.value = support_map.to_rows()  # shows in the list and picture, and saves
        self.picture.announce = ui("map_moved", self.lang, name=entry.label,
                                   ring=ring_label(entry.ring, self.lang))

    def show(self, value: Any) -> None:
        self.editor.value = value
        self._draw(value)


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
        return [legend, w.VBox(list(self.buttons.values())), self.confirm]

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
            self.confirm.children = [
                w.HTML("<p>" + escape(ui("pick_check", self.lang, name=entry.label,
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
