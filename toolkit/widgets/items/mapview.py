"""The support map view: an interactive picture (anywidget) over the map's repeat rows."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import anywidget
import ipywidgets as w
import traitlets

from toolkit.supportmap.people import (
    RINGS,
    SAFETY_ITEM,
    SAFETY_WORKSHEET,
    SupportMap,
    ring_label,
    safety_by_row,
)
from toolkit.supportmap.svg import render_map
from toolkit.text.markup import escape
from toolkit.text.strings import ui
from toolkit.widgets.base import ItemView, guard
from toolkit.widgets.items.person import support_label
from toolkit.widgets.items.repeat import RepeatView

HERE = Path(__file__).parent
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
