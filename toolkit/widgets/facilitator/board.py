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
from toolkit.supportmap.svg import render_group
from toolkit.text.markup import clean, escape
from toolkit.text.strings import tr
from toolkit.widgets.base import add_error_sink, guard, remove_error_sink, walk
from toolkit.widgets.facilitator.print_tab import PrintTab
from toolkit.worksheet.answers import ROW_ID
from toolkit.worksheet.conditions import worksheet_status
from toolkit.worksheet.model import Worksheet
from toolkit.worksheet.scoring import score_worksheet

MARK = {"done": "✓ done", "in_progress": "… in progress", "not_started": "–"}
SHOWN_CHARS = 2000
"""An answer longer than this is cut in the one-participant view (the export has it all)."""


class Dashboard(w.VBox):
    """For one group session. Nothing on the first tabs can name or quote a participant."""

    def __init__(self, store: Store, catalogue: Mapping[str, Worksheet], session_id: str,
                 *, export_dir: Path | None = None, refresh: float = 4.0,
                 scheduler: Scheduler | Literal["auto"] | None = "auto",
                 config: Config | None = None):
        self.store, self.catalogue = store, catalogue
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
                                 self._participant, self._codes(), config)
        self.prepost = w.HTML()
        prepost_button = w.Button(description="Show pre/post change")
        prepost_button.on_click(guard(lambda _b: self.show_prepost()))
        self.tabs = w.Tab(children=[
            self.grid, self.group, self.person_box,
            w.VBox([prepost_button, self.prepost]), self._export_tab(), self.printing,
            self._audit_tab()])
        for i, title in enumerate(["Progress", "Group view", "One participant", "Pre/post",
                                   "Export", "Print", "Audit log"]):
            self.tabs.set_title(i, title)
        super().__init__(children=[
            w.HTML(f"<h2>{escape(self.session.name)}</h2>"), self.error_box, self.tabs])
        self.add_class("ws-dashboard")
        add_error_sink(self._show_error)
        self.update()

    def _show_error(self, exc: BaseException) -> None:
        self.error_box.value = (f'<div class="ws-error"><div role="alert">Something went '
                                f"wrong ({escape(type(exc).__name__)}). Data is safe.</div></div>")

    def stop(self) -> None:
        """Stop refreshing and close every widget of the dashboard (its content leaves the
        page, not just the view)."""
        self._stopped = True
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None
        remove_error_sink(self._show_error)
        for widget in list(walk(self)):
            widget.close()

    # --- live progress and group view ---------------------------------------------------

    def progress_html(self) -> str:
        """Participant code x worksheet: not started / in progress / done."""
        sheets = [self.catalogue[i] for i in self.session.worksheets if i in self.catalogue]
        head = "".join(f"<th>{escape(tr(ws.title))}</th>" for ws in sheets)
        rows = []
        for p in self.store.participants(self.session.id):
            latest = self.store.latest(p)
            cells = "".join(
                f'<td class="ws-cell-{s}">{MARK[s]}</td>'
                for s in (worksheet_status(ws, latest.get(ws.id, {})) for ws in sheets))
            rows.append(f"<tr><th>{escape(p.code)}</th>{cells}</tr>")
        return (f'<table class="ws-progress-grid"><tr><th>Code</th>{head}</tr>'
                f"{''.join(rows)}</table>")

    def group_html(self) -> str:
        """Counts and distributions only: safe to put on a projector."""
        from toolkit.reports.group import group_view

        view = group_view(self.store, self.session.id, self.catalogue)
        rows = "".join(
            f"<tr><td>{escape(r.title)}</td><td>{r.not_started}</td><td>{r.in_progress}</td>"
            f"<td>{r.done}</td></tr>" for r in view.statuses.itertuples())
        counts = {ring: {k: int(view.support.loc[ring, k]) for k in
                         ("yes", "unsure", "no", "unknown")} for ring in view.support.index}
        return (f'<div class="ws-group-view"><p>{view.participants} participants; {view.maps} '
                "have started a support map.</p><table><tr><th>Worksheet</th><th>Not started"
                f"</th><th>In progress</th><th>Done</th></tr>{rows}</table>"
                f"{render_group(counts, size=420)}</div>")

    def update(self) -> None:
        """Refresh the live views; unchanged content is not re-sent, so nothing flickers."""
        if self._stopped:
            return
        for widget, html in ((self.grid, self.progress_html()), (self.group, self.group_html())):
            if widget.value != html:
                widget.value = html
        self.updated_at = time.time()
        if self._scheduler is not None and self.refresh > 0:
            if self._timer is not None:
                self._timer.cancel()
            self._timer = self._scheduler(self.refresh, guard(self.update))

    # --- one participant, behind a deliberate click ---------------------------------------

    def _codes(self) -> list[str]:
        return [p.code for p in self.store.participants(self.session.id)]

    def _person_tab(self) -> w.VBox:
        self.person_pick = w.Dropdown(options=self._codes(), value=None, description="Code")
        show = w.Button(description="Show this participant's answers", button_style="warning")
        show.add_class("ws-show-person")
        hide = w.Button(description="Hide")
        self.person = w.HTML()
        self.person.add_class("ws-person")
        show.on_click(guard(lambda _b: self.show_person(self.person_pick.value)))
        hide.on_click(guard(lambda _b: setattr(self.person, "value", "")))
        note = w.HTML("<p>Answers are private. Show them only with the participant, "
                      "never on a shared screen.</p>")
        return w.VBox([note, self.person_pick, w.HBox([show, hide]), self.person])

    def _participant(self, code: str | None) -> Participant | None:
        p = self.store.participant_by_code(code)
        return p if p is not None and p.session_id == self.session.id else None

    def show_person(self, code: str | None) -> None:
        p = self._participant(code)
        if p is None:
            self.person.value = "<p>Pick a participant's code first.</p>"
            return
        self.store.audit("viewed participant", f"participant {p.id}",
                         f"session {self.session.id}")
        latest = self.store.latest(p)
        parts = [f"<h3>{escape(p.code)}</h3>"]
        for wid in self.session.worksheets:
            ws, answers = self.catalogue.get(wid), latest.get(wid, {})
            if ws is None or not answers:
                continue
            items = "".join(
                f"<li><b>{escape(tr(it.text))}</b>: {shown(answers[it.id])}</li>"
                for it in ws.answerable() if it.id in answers)
            scores = "".join(f"<li>{escape(r.label)}: {escape(r.display())}"
                             f"{' (' + escape(r.band) + ')' if r.band else ''}</li>"
                             for r in score_worksheet(ws, answers))
            parts.append(f"<h4>{escape(tr(ws.title))}</h4><ul>{items}{scores}</ul>")
        self.person.value = "".join(parts)

    # --- pre/post and export ----------------------------------------------------------------

    def show_prepost(self) -> None:
        from toolkit.reports.prepost import group_change, prepost_svg, prepost_table

        table = prepost_table(self.store, self.session.id, self.catalogue)
        # Everyone's scores, by code: as private as one participant's answers.
        self.store.audit("viewed pre/post", f"session {self.session.id}",
                         f"{table['participant'].nunique() if len(table) else 0} participants")
        summary = group_change(table, self.catalogue)
        shown_table = table.drop(columns=[c for c in ("label",) if c in table.columns])
        self.prepost.value = (prepost_svg(summary)
                              + shown_table.to_html(index=False, na_rep="–", escape=True))

    def _export_tab(self) -> w.VBox:
        self.include_sensitive = w.Checkbox(
            value=False, description="Include names and phone numbers (sensitive)",
            indent=False, layout=w.Layout(width="auto"))  # the whole label, not cut
        button = w.Button(description="Export CSV and Excel", button_style="primary")
        self.export_result = w.HTML()
        button.on_click(guard(lambda _b: self.export()))
        return w.VBox([self.include_sensitive, button, self.export_result])

    def export(self) -> list[Path]:
        from toolkit.reports.export import export_session

        folder = self.export_dir / f"{self.session.id}-{stamp()}"
        sensitive = bool(self.include_sensitive.value)
        files = export_session(self.store, self.session.id, self.catalogue, folder,
                               include_sensitive=sensitive)
        self.store.audit("exported", f"session {self.session.id}",
                         f"{', '.join(f.name for f in files)} in {folder.name}; sensitive "
                         f"fields {'included' if sensitive else 'left out'}")
        self.export_result.value = "<p>Written (readable by you only):</p><ul>" + "".join(
            f"<li>{escape(f)}</li>" for f in files) + "</ul>"
        return files

    # --- the audit log, behind a click ----------------------------------------------------

    def _audit_tab(self) -> w.VBox:
        show = w.Button(description="Show the audit log")
        show.add_class("ws-show-audit")
        show.on_click(guard(lambda _b: self.show_audit()))
        save = w.Button(description="Save the audit log as CSV")
        save.on_click(guard(lambda _b: self.export_audit()))
        self.audit_view = w.HTML()
        self.audit_view.add_class("ws-audit")
        return w.VBox([w.HBox([show, save]), self.audit_view])

    def audit_frame(self) -> Any:
        import pandas as pd

        rows = [{"time": dt.datetime.fromtimestamp(e.at).isoformat(timespec="seconds"),
                 "actor": e.actor, "action": e.action, "target": e.target, "detail": e.detail}
                for e in self.store.audit_log()]
        return pd.DataFrame(rows, columns=["time", "actor", "action", "target", "detail"])

    def show_audit(self) -> None:
        """Newest first: who did what, when (ids only, never answers)."""
        frame = self.audit_frame().iloc[::-1]
        self.audit_view.value = frame.to_html(index=False, escape=True)

    def export_audit(self) -> Path:
        from toolkit.reports.export import safe_for_spreadsheet

        data = safe_for_spreadsheet(self.audit_frame()).to_csv(index=False)
        path = write_private(self.export_dir / f"audit-log-{stamp()}.csv",
                              data.encode("utf-8-sig"))
        self.store.audit("exported", "audit log", path.name)
        self.audit_view.value = f"<p>Written (readable by you only): {escape(path)}</p>"
        return path


def shown(value: object) -> str:
    """An answer as inert HTML: escaped, control characters dropped, long text cut, and
    isolated so right-to-left marks cannot reorder the page around it."""
    text = clean(_show(value))
    more = len(text) - SHOWN_CHARS
    cut = f" … ({more} more characters; see the export)" if more > 0 else ""
    return f"<bdi>{escape(text[:SHOWN_CHARS])}</bdi>{escape(cut)}"


def _show(value: object) -> str:
    if isinstance(value, list):
        return "; ".join(_show(v) for v in value)
    if isinstance(value, dict):
        return ", ".join(f"{k}: {_show(v)}" for k, v in value.items() if k != ROW_ID)
    return str(value)
