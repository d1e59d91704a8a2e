"""Number and date items."""

from __future__ import annotations

import datetime as dt
from typing import Any

import ipywidgets as w

from toolkit.text.formats import long_date
from toolkit.text.markup import escape
from toolkit.text.strings import tr
from toolkit.widgets.base import ItemView, TextBox, guard
from toolkit.worksheet.answers import AnswerError, validate_answer
from toolkit.worksheet.model import Number


class NumberView(ItemView):
    """A text box that accepts a number (typed freely; checked kindly, never lost)."""

    def build(self) -> list[w.Widget]:
        assert isinstance(self.item, Number)
        self.box = TextBox(layout=w.Layout(width="10em"))
        self.box.observe(guard(self._typed), "value")
        unit = tr(self.item.unit, self.lang)
        return [w.HBox([self.box, w.HTML(unit)]) if unit else self.box]

    def _typed(self, change: dict[str, Any]) -> None:
        text = change["new"].strip()
        if not text:
            self.say(None)
            self.set_from_ui(None)
            return
        try:
            value = validate_answer(self.ws, self.item, text)
        except AnswerError as e:
            self.say(e.key or "not_a_number", **e.params)
            return
        self.say(None)
        self.set_from_ui(value)

    def show(self, value: Any) -> None:
        self.box.value = "" if value is None else str(value)


class DateView(ItemView):
    """The browser's date box, with the date said in words beside it: the box writes a date
    the browser's way (12/06/2026), which a Spanish reader takes for 12 June."""

    def build(self) -> list[w.Widget]:
        self.picker = w.DatePicker(layout=w.Layout(width="14em"))
        self.picker.observe(guard(self._picked), "value")
        self.in_words = w.HTML()
        self.in_words.add_class("ws-date-words")
        return [self.picker, self.in_words]

    def _picked(self, change: dict[str, Any]) -> None:
        d = change["new"]
        self._say_in_words(d)
        self.set_from_ui(d.isoformat() if d else None)

    def _say_in_words(self, day: dt.date | None) -> None:
        self.in_words.value = f'<span class="ws-help">{escape(long_date(day, self.lang))}</span>' \
            if day else ""

    def show(self, value: Any) -> None:
        day = dt.date.fromisoformat(value) if value else None
        self.picker.value = day
        self._say_in_words(day)
