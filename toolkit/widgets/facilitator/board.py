"""The facilitator dashboard: live progress, a projector-safe group view, one participant
behind a deliberate click, pre/post change, exports, printing and the audit log. The
passphrase box and idle log-off in front of it live in gate.py, which imports this module."""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Mapping
from pathlib import Path
from typing import Any, Literal

import ipywidgets as w

from toolkit.settings.config import Config
from toolkit.store.autosave import Handle, Scheduler, default_scheduler
from toolkit.store.files import stamp, write_private
from toolkit.store.store import Participant, Store
from toolkit.supportmap.people import MAP_ITEM, MAP_WORKSHEET, SupportMap
from toolkit.supportmap.svg import render_group
from toolkit.text.formats import decimal, long_date
from toolkit.text.languages import DEFAULT_LANGUAGE, LANGUAGES
from toolkit.text.markup import clean, escape
from toolkit.text.strings import MESSAGES, tr, ui, ui_plural
from toolkit.widgets.base import add_error_sink, guard, remove_error_sink, walk
from toolkit.widgets.facilitator.answer_words import answer_words
from toolkit.widgets.facilitator.downloads import DownloadLinks
from toolkit.widgets.facilitator.export_tab import ExportTab
from toolkit.widgets.facilitator.print_tab import PrintTab
from toolkit.worksheet.conditions import worksheet_status
from toolkit.worksheet.model import Worksheet
from toolkit.worksheet.scoring import score_worksheet

SHOWN_CHARS = 2000
"""An answer longer than this is cut in the one-participant view (the export has it all)."""


class Dashboard(w.VBox):
    """For one group session. Nothing on the first tabs can name or quote a participant."""

    def __init__(self, store: Store, catalogue: Mapping[str, Worksheet], session_id: str,
                 *, export_dir: Path | None = None, refresh: float = 4.0,
                 scheduler: Scheduler | Literal["auto"] | None = "auto",
                 config: Config | None = None, lang: str = DEFAULT_LANGUAGE):
        self.store, self.catalogue, self.lang = store, catalogue, lang
        self.session = store.session(session_id)
        self.export_dir = export_dir or Path.cwd() / "exports"
        self.refresh = refresh
        self._scheduler = default_scheduler() if scheduler == "auto" else scheduler
        self._timer: Handle | None = None
        self._stopped = False
        self.error_box = w.HTML()
        self.grid = w.HTML()
        self.grid.add_class("ws-grid")
        self.group = w.HTML()
        self.person_box = self._person_tab()
        self.printing = PrintTab(store, catalogue, self.session, self.export_dir,
                                 self._participant, self._codes(), config, lang=lang)
        self.exporting = ExportTab(store, catalogue, self.session, self.export_dir, lang)
        self.include_sensitive = self.exporting.include_sensitive
        self.export_result = self.exporting.result
        self.prepost = w.HTML()
        self.prepost.add_class("ws-prepost-view")
        prepost_button = w.Button(description=self.ui("dash_show_prepost"))
        prepost_button.add_class("ws-show-prepost")
        prepost_button.on_click(guard(lambda _b: self.show_prepost()))
        self.tabs = w.Tab(children=[
            self.grid, self.group, self.person_box,
            w.VBox([prepost_button, self.prepost]), self.exporting, self.printing,
            self._audit_tab()])
        for i, tab in enumerate(["progress", "group", "person", "prepost", "export", "print",
                                 "audit"]):
            self.tabs.set_title(i, self.ui(f"dash_tab_{tab}"))
        super().__init__(children=[
            w.HTML(f"<h2>{escape(self.session.name)}</h2>"), self.error_box, self.tabs])
        self.add_class("ws-dashboard")
        add_error_sink(self._show_error)
        self.update()

    def ui(self, key: str, **fmt: object) -> str:
        """One of the app's strings in the dashboard's language."""
        return ui(key, self.lang, **fmt)

    def _show_error(self, exc: BaseException) -> None:
        text = escape(self.ui("dash_error", kind=type(exc).__name__))
        self.error_box.value = f'<div class="ws-error"><div role="alert">{text}</div></div>'

    def stop(self) -> None:
        """Stop refreshing and close every widget of the dashboard (its content leaves the
        page, not just the view)."""
        self._stopped = True
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None
        remove_error_sink(self._show_error)
        for links in self._links():
            links.revoke()  # logged off: the server refuses this dashboard's links
        for widget in list(walk(self)):
            widget.close()

    def _links(self) -> list[DownloadLinks]:
        return [self.exporting.links, self.printing.links, self.audit_links]

    # --- live progress and group view ---------------------------------------------------

    def progress_html(self) -> str:
        """Participant code x worksheet: not started / in progress / done."""
        sheets = [self.catalogue[i] for i in self.session.worksheets if i in self.catalogue]
        head = "".join(f"<th>{escape(tr(ws.title, self.lang))}</th>" for ws in sheets)
        marks = {"done": escape(self.ui("dash_mark_done")),
                 "in_progress": escape(self.ui("dash_mark_in_progress")), "not_started": "–"}
        rows = []
        for p in self.store.participants(self.session.id):
            latest = self.store.latest(p)
            cells = "".join(
                f'<td class="ws-cell-{s}">{marks[s]}</td>'
                for s in (worksheet_status(ws, latest.get(ws.id, {})) for ws in sheets))
            rows.append(f"<tr><th>{escape(p.code)}</th>{cells}</tr>")
        return self._scrolls("dash_tab_progress", (
            f'<table class="ws-progress-grid"><tr><th>{escape(self.ui("dash_code"))}</th>'
            f"{head}</tr>{''.join(rows)}</table>"))

    def _scrolls(self, key: str, table: str) -> str:
        """A table in a box that scrolls sideways when narrow, named and reachable by Tab so
        the keyboard can scroll it too."""
        return (f'<div class="ws-scroll" role="region" tabindex="0" '
                f'aria-label="{escape(self.ui(key))}">{table}</div>')

    def group_html(self) -> str:
        """Counts and distributions only: safe to put on a projector."""
        from toolkit.reports.group import group_view

        view = group_view(self.store, self.session.id, self.catalogue)
        rows = "".join(
            f"<tr><td>{escape(self._title(r.worksheet, r.title))}</td><td>{r.not_started}</td>"
            f"<td>{r.in_progress}</td><td>{r.done}</td></tr>" for r in view.statuses.itertuples())
        counts = {ring: {k: int(view.support.loc[ring, k]) for k in
                         ("yes", "unsure", "no", "unknown")} for ring in view.support.index}
        heads = "".join(f"<th>{escape(self.ui(k))}</th>" for k in (
            "dash_worksheet", "status_not_started", "status_in_progress", "status_done"))
        summary = (f"{ui_plural('dash_participants', view.participants, self.lang)} "
                   f"{ui_plural('dash_maps', view.maps, self.lang)}")
        table = self._scrolls("dash_tab_group", f"<table><tr>{heads}</tr>{rows}</table>")
        return (f'<div class="ws-group-view"><p>{escape(summary)}</p>{table}'
                f"{render_group(counts, size=420, lang=self.lang)}</div>")

    def _title(self, worksheet_id: str, fallback: str) -> str:
        ws = self.catalogue.get(worksheet_id)
        return tr(ws.title, self.lang) if ws is not None else fallback

    def update(self) -> None:
        """Refresh the live views; unchanged content is not re-sent, so nothing flickers."""
        if self._stopped:
            return
        for widget, html in ((self.grid, self.progress_html()), (self.group, self.group_html())):
            if widget.value != html:
                widget.value = html
        for links in self._links():
            links.refresh()  # a file forget removed: its link says so
        self.updated_at = time.time()
        if self._scheduler is not None and self.refresh > 0:
            if self._timer is not None:
                self._timer.cancel()
            self._timer = self._scheduler(self.refresh, guard(self.update))

    # --- one participant, behind a deliberate click ---------------------------------------

    def _codes(self) -> list[str]:
        return [p.code for p in self.store.participants(self.session.id)]

    def _person_tab(self) -> w.VBox:
        self.person_pick = w.Dropdown(options=self._codes(), value=None,
                                      description=self.ui("dash_code"))
        self.person_pick.add_class("ws-person-pick")
        show = w.Button(description=self.ui("dash_show_person"), button_style="warning")
        show.add_class("ws-show-person")
        hide = w.Button(description=self.ui("dash_hide"))
        self.person = w.HTML()
        self.person.add_class("ws-person")
        show.on_click(guard(lambda _b: self.show_person(self.person_pick.value)))
        hide.on_click(guard(lambda _b: setattr(self.person, "value", "")))
        note = w.HTML(f"<p>{escape(self.ui('dash_private'))}</p>")
        return w.VBox([note, self.person_pick, w.HBox([show, hide]), self.person])

    def _participant(self, code: str | None) -> Participant | None:
        p = self.store.participant_by_code(code)
        return p if p is not None and p.session_id == self.session.id else None

    def show_person(self, code: str | None) -> None:
        p = self._participant(code)
        if p is None:
            self.person.value = f"<p>{escape(self.ui('dash_pick_code'))}</p>"
            return
        self.store.audit("viewed participant", f"participant {p.id}",
                         f"session {self.session.id}")
        latest = self.store.latest(p)
        names = {e.row: e.name for e in SupportMap.from_rows(
            latest.get(MAP_WORKSHEET, {}).get(MAP_ITEM)).entries}
        parts = [f"<h3>{escape(p.code)}</h3>"]
        for wid in self.session.worksheets:
            ws, answers = self.catalogue.get(wid), latest.get(wid, {})
            if ws is None or not answers:
                continue
            said = {it.id: answer_words(ws, it, answers[it.id], self.lang, answers, names)
                    for it in ws.answerable() if it.id in answers}
            items = "".join(f"<li><b>{escape(tr(ws.item(i).text, self.lang))}</b>: "
                            f"{shown(text, self.lang)}</li>" for i, text in said.items())
            scores = "".join(
                f"<li>{escape(r.label)}: {escape(self._score(r.value))}"
                f"{' (' + escape(r.band) + ')' if r.band else ''}</li>"
                for r in score_worksheet(ws, answers, self.lang))
            parts.append(f"<h4>{escape(tr(ws.title, self.lang))}</h4><ul>{items}{scores}</ul>")
        self.person.value = "".join(parts)

    def _score(self, value: float | None) -> str:
        return self.ui("dash_incomplete") if value is None else decimal(value, self.lang)

    # --- pre/post and export ----------------------------------------------------------------

    def show_prepost(self) -> None:
        from toolkit.reports.prepost import group_change, prepost_svg, prepost_table

        table = prepost_table(self.store, self.session.id, self.catalogue)
        # Everyone's scores, by code: as private as one participant's answers.
        self.store.audit("viewed pre/post", f"session {self.session.id}",
                         f"{table['participant'].nunique() if len(table) else 0} participants")
        table = table.assign(label=[self._score_label(m, s, label) for m, s, label in
                                    zip(table["measure"], table["score"], table["label"],
                                        strict=True)])
        summary = group_change(table, self.catalogue)
        self.prepost.value = prepost_svg(summary, lang=self.lang) + self._scrolls(
            "dash_tab_prepost", self._prepost_frame(table).to_html(index=False, na_rep="–",
                                                                   escape=True))

    def _score_label(self, measure: str, score_id: str, fallback: str) -> str:
        ws = self.catalogue.get(measure)
        score = next((s for s in ws.scores if s.id == score_id), None) if ws else None
        return tr(score.label, self.lang) if score is not None else fallback

    def _prepost_frame(self, table: Any) -> Any:
        """The pre/post table as the dashboard shows it: worksheet titles and score labels,
        dates, numbers and languages in the dashboard's language, headed in it too."""
        lang = self.lang

        def day(d: Any) -> str:
            return long_date(d, lang) if isinstance(d, dt.date) else "–"

        def num(x: Any) -> str:
            return "–" if x is None or x != x else decimal(float(x), lang)

        def langs(codes: Any) -> str:
            return " + ".join(LANGUAGES.get(c, c) for c in str(codes or "").split("+") if c)

        frame = table.assign(
            measure=[self._title(m, m) for m in table["measure"]],
            score=list(table["label"]),
            first_date=[day(d) for d in table["first_date"]],
            latest_date=[day(d) for d in table["latest_date"]],
            first=[num(x) for x in table["first"]], latest=[num(x) for x in table["latest"]],
            change=[num(x) for x in table["change"]],
            first_lang=[langs(c) for c in table["first_lang"]],
            latest_lang=[langs(c) for c in table["latest_lang"]],
            not_validated=["✓" if x else "" for x in table["not_validated"]])
        columns = ["participant", "measure", "score", "first_date", "first", "first_lang",
                   "latest_date", "latest", "latest_lang", "change", "not_validated"]
        return frame[columns].rename(columns={c: self.ui(f"dash_col_{c}") for c in columns})

    def export(self) -> list[Path]:
        """The session's export, as the Export tab's button makes it (ExportTab.export)."""
        return self.exporting.export()

    # --- the audit log, behind a click ----------------------------------------------------

    def _audit_tab(self) -> w.VBox:
        show = w.Button(description=self.ui("dash_show_audit"))
        show.add_class("ws-show-audit")
        show.on_click(guard(lambda _b: self.show_audit()))
        save = w.Button(description=self.ui("dash_save_audit"))
        save.on_click(guard(lambda _b: self.export_audit()))
        self.audit_view = w.HTML()
        self.audit_view.add_class("ws-audit")
        self.audit_links = DownloadLinks(self.store, self.session.id, self.lang)
        return w.VBox([w.HBox([show, save]), self.audit_links, self.audit_view])

    def audit_frame(self) -> Any:
        import pandas as pd

        rows = [{"time": dt.datetime.fromtimestamp(e.at).isoformat(timespec="seconds"),
                 "actor": e.actor, "action": e.action, "target": e.target, "detail": e.detail}
                for e in self.store.audit_log()]
        return pd.DataFrame(rows, columns=["time", "actor", "action", "target", "detail"])

    def show_audit(self) -> None:
        """Newest first: who did what, when (ids only, never answers), in the dashboard's
        language (the saved CSV keeps the log's own words, for the record)."""
        frame = self.audit_frame().iloc[::-1]
        frame = frame.assign(
            time=[self._when(t) for t in frame["time"]],
            actor=[self._audit_word(a) for a in frame["actor"]],
            action=[self._audit_word(a) for a in frame["action"]])
        self.audit_view.value = self._scrolls("dash_tab_audit", frame.rename(
            columns={c: self.ui(f"dash_col_{c}") for c in frame.columns}).to_html(
            index=False, escape=True))

    def _audit_word(self, word: str) -> str:
        key = f"audit.{word}"
        return self.ui(key) if key in MESSAGES else word

    def _when(self, iso: str) -> str:
        at = dt.datetime.fromisoformat(iso)
        return f"{long_date(at.date(), self.lang)} {at:%H:%M}"

    def export_audit(self) -> Path:
        from toolkit.reports.export import safe_for_spreadsheet

        data = safe_for_spreadsheet(self.audit_frame()).to_csv(index=False)
        path = self.export_dir / f"audit-log-{stamp()}.csv"
        # Recorded (ids only, no one's data) so the browser may download it; purge removes it.
        self.store.record_export([path], self.session.id, [], kind="audit log")
        write_private(path, data.encode("utf-8-sig"))
        self.store.audit("exported", "audit log", path.name)
        self.audit_view.value = f"<p>{escape(self.ui('dash_written'))} {escape(path)}</p>"
        self.audit_links.offer([path])
        return path


def shown(text: str, lang: str = DEFAULT_LANGUAGE) -> str:
    """An answer in words as inert HTML: escaped, control characters dropped, long text cut,
    and isolated so right-to-left marks cannot reorder the page around it."""
    text = clean(text)
    more = len(text) - SHOWN_CHARS
    cut = " " + ui_plural("dash_more_chars", more, lang) if more > 0 else ""
    return f"<bdi>{escape(text[:SHOWN_CHARS])}</bdi>{escape(cut)}"
