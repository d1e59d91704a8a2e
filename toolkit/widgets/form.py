"""A worksheet as a form: items composed from the model, progress, autosave, live scores."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, Literal

import ipywidgets as w

from toolkit.store.autosave import AutoSaver, Scheduler, Status
from toolkit.text.formats import decimal
from toolkit.text.markup import escape, markdown_html
from toolkit.text.strings import tr, ui
from toolkit.widgets.base import ItemView, guard
from toolkit.widgets.items.factory import item_view, note_view
from toolkit.widgets.savestatus import SaveStatus
from toolkit.worksheet.answers import AnswerError, other_key, validate_answer
from toolkit.worksheet.conditions import progress, visible_items
from toolkit.worksheet.model import ItemBase, Worksheet
from toolkit.worksheet.scoring import score_worksheet

SaveFn = Callable[[Mapping[str, Any]], None]


class WorksheetForm(w.VBox):
    """Every change is checked, shown, and saved within about a second of the last keystroke."""

    def __init__(self, ws: Worksheet, *, lang: str = "en",
                 answers: Mapping[str, Any] | None = None, save: SaveFn | None = None,
                 scheduler: Scheduler | Literal["auto"] | None = "auto", delay: float = 0.6,
                 context: Mapping[str, Mapping[str, Any]] | None = None):
        self.ws, self.lang = ws, lang
        self.context = context or {}
        self.answers: dict[str, Any] = dict(answers or {})
        self.status = SaveStatus(lang, scheduler)
        self.saver = AutoSaver(save or (lambda _values: None), delay=delay,
                               on_status=self._show_status, scheduler=scheduler)
        self.progress_label = w.HTML()
        self.progress_label.add_class("ws-progress")
        bar = w.HBox([self.progress_label, self.status])
        bar.add_class("ws-bar")
        self.views: dict[str, ItemView] = {}
        self.blocks: dict[str, w.Widget] = {}
        body: list[w.Widget] = [self._header()]
        for section in ws.sections:
            body.append(w.HTML(self._section_html(section)))
            for item in section.items:
                body.append(self._block(item))
        self.scores_box: w.HTML | None = None  # a worksheet with scores only
        if ws.scores:
            self.scores_box = w.HTML()
            self.scores_box.add_class("ws-scores")
            body.append(self.scores_box)
        super().__init__(children=[bar, *body])
        self.add_class("ws-form")
        self._show_status("idle")
        self._refresh()

    # --- building ---------------------------------------------------------------------------

    def _header(self) -> w.HTML:
        ws, lang = self.ws, self.lang
        html = f'<h1 class="ws-title">{escape(tr(ws.title, lang))}</h1>'
        if not ws.validated_in(lang):
            # Before any question: a translated score must not be read against published ones.
            html += (f'<p class="ws-not-validated" role="note">'
                     f'{escape(ui("translation_not_validated", lang))}</p>')
        if ws.intro:
            html += f'<div class="ws-intro">{markdown_html(tr(ws.intro, lang))}</div>'
        if ws.citation:
            html += (f'<div class="ws-citation">{escape(ui("source", lang))}: '
                     f'{escape(ws.citation)}</div>')
        return w.HTML(html)

    def _section_html(self, section: Any) -> str:
        html = f'<h2 class="ws-section">{escape(tr(section.title, self.lang))}</h2>'
        if section.intro:
            html += f'<div class="ws-intro">{markdown_html(tr(section.intro, self.lang))}</div>'
        return html

    def _block(self, item: ItemBase) -> w.Widget:
        if not item.answerable:
            block: w.Widget = note_view(item, self.lang)
        else:
            view = item_view(self.ws, item, self.lang, self.context)
            view.value = self.answers.get(item.id)
            view.observe(guard(lambda c, i=item: self._changed(view_of=i, value=c["new"])),
                         "value")
            if hasattr(view, "other_box"):
                key = other_key(item.id)
                view.other = self.answers.get(key)
                view.observe(guard(lambda c, k=key: self._other_changed(k, c["new"])), "other")
            self.views[item.id] = view
            block = view
        self.blocks[item.id] = block
        return block

    # --- changes ----------------------------------------------------------------------------

    def _changed(self, view_of: ItemBase, value: Any) -> None:
        view = self.views[view_of.id]
        try:
            value = validate_answer(self.ws, view_of, value)
        except AnswerError as e:
            view.say(e.key or "error_shown", **e.params)
            return
        if self.answers.get(view_of.id) == value:
            return
        self.answers[view_of.id] = value
        self.saver.put(view_of.id, value)
        self._refresh()

    def _other_changed(self, key: str, text: str | None) -> None:
        if self.answers.get(key) != text:
            self.answers[key] = text
            self.saver.put(key, text)

    def _refresh(self) -> None:
        shown = {it.id for it in visible_items(self.ws, self.answers)}
        for item in self.ws.items():
            self.blocks[item.id].layout.display = "" if item.id in shown else "none"
        done, total = progress(self.ws, self.answers)
        self.progress_label.value = escape(ui("progress", self.lang, answered=done, total=total))
        if self.scores_box is not None:
            self.scores_box.value = self._scores_html()

    def _scores_html(self) -> str:
        rows = []
        for r in score_worksheet(self.ws, self.answers, self.lang):
            if r.complete:
                decimals = next(s.decimals for s in self.ws.scores if s.id == r.id)
                band = f" ({escape(r.band)})" if r.band else ""
                shown = decimal(r.value, self.lang, decimals)
                rows.append(f"<li>{escape(r.label)}: <b>{shown}</b>{band}</li>")
            else:
                rows.append(f"<li>{escape(r.label)}: {escape(ui('score_incomplete', self.lang))}"
                            "</li>")
        return (f"<h2>{escape(ui('scores_title', self.lang))}</h2><ul>{''.join(rows)}</ul>"
                f"<p class='ws-help'>{escape(ui('scores_guide', self.lang))}</p>")

    def _show_status(self, status: Status) -> None:
        self.status.show(status)

    def flush(self) -> bool:
        """Save whatever is pending now (before leaving the screen)."""
        return self.saver.flush()

    @property
    def counts(self) -> tuple[int, int]:
        return progress(self.ws, self.answers)
