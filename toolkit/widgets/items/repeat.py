"""A repeatable group: one card per row (e.g. a person), add and remove rows."""

from __future__ import annotations

from typing import Any

import ipywidgets as w

from toolkit.text.markup import escape
from toolkit.text.strings import tr, ui
from toolkit.widgets.base import ItemView, guard
from toolkit.widgets.items.fields import field_view
from toolkit.worksheet.answers import ROW_ID, new_row_id
from toolkit.worksheet.model import Repeat


class RepeatView(ItemView):
    """`value` is a list of rows: {"_row": stable id, field id: value, ...}."""

    def build(self) -> list[w.Widget]:
        assert isinstance(self.item, Repeat)
        self.rows_box = w.VBox()
        self.rows_box.add_class("ws-rows")
        self.add_button = w.Button(description=tr(self.item.add_label, self.lang)
                                   or ui("add_row", self.lang))
        self.add_button.add_class("ws-add-row")
        self.add_button.on_click(guard(lambda _b: self._add()))
        self._rows: list[tuple[str, dict[str, ItemView]]] = []
        self.defaults: dict[str, Any] = {}  # field values a new row starts with
        return [self.rows_box, self.add_button]

    def _row_widget(self, index: int, row_id: str, values: dict[str, Any]) -> w.Widget:
        views: dict[str, ItemView] = {}
        for fld in self.item.fields:  # type: ignore[attr-defined]
            view = field_view(self.ws, fld, self.lang, self.context)
            view.value = values.get(fld.id)
            view.observe(guard(lambda _c: self._edited()), "value")
            if hasattr(view, "other_box"):
                view.observe(guard(lambda _c: self._edited()), "other")
            views[fld.id] = view
        self._rows.append((row_id, views))
        title = tr(self.item.row_label, self.lang) or tr(self.item.text, self.lang)  # type: ignore[attr-defined]
        remove = w.Button(description=ui("remove_row", self.lang), button_style="")
        remove.add_class("ws-remove-row")
        remove.on_click(guard(lambda _b, rid=row_id: self._remove(rid)))
        head = w.HBox([w.HTML(f'<b class="ws-row-title">{escape(title)} {index + 1}</b>'),
                       remove])
        head.add_class("ws-row-head")
        card = w.VBox([head, *views.values()])
        card.add_class("ws-row")
        return card

    def _collect(self) -> list[dict[str, Any]]:
        rows = []
        for row_id, views in self._rows:
            row: dict[str, Any] = {ROW_ID: row_id}
            for fid, view in views.items():
                if view.value is not None:
                    row[fid] = view.value
            rows.append(row)
        return rows

    def _edited(self) -> None:
        self.set_from_ui(self._collect() or None)

    def _add(self) -> None:
        if len(self._rows) >= self.item.max_rows:  # type: ignore[attr-defined]
            return
        card = self._row_widget(len(self._rows), new_row_id(), dict(self.defaults))
        self.rows_box.children = [*self.rows_box.children, card]
        self._edited()

    def _remove(self, row_id: str) -> None:
        rows = [r for r in self._collect() if r[ROW_ID] != row_id]
        self.show(rows)
        self.set_from_ui(rows or None)

    def show(self, value: Any) -> None:
        self._rows = []
        rows = value or []
        self.rows_box.children = [self._row_widget(i, r.get(ROW_ID) or new_row_id(), r)
                                  for i, r in enumerate(rows)]
        self.add_button.disabled = len(rows) >= self.item.max_rows  # type: ignore[attr-defined]
