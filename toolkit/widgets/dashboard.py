"""The facilitator dashboard: live progress, a projector-safe group view, one participant
behind a deliberate click, pre/post change, and exports."""

from __future__ import annotations

import time
from collections.abc import Mapping
from pathlib import Path
from typing import Literal

import ipywidgets as w

from ..autosave import Scheduler, default_scheduler
from ..conditions import worksheet_status
from ..config import Config
from ..i18n import tr
from ..loader import load_folder
from ..markup import escape
from ..model import Worksheet
from ..scoring import score_worksheet
from ..store import Store
from ..svgmap import render_group
from .base import add_error_sink, guard
from .chrome import style_widget

MARK = {"done": "✓ done", "in_progress": "… in progress", "not_started": "–"}


class Dashboard(w.VBox):
    """For one group session. Nothing on the first tabs can name or quote a participant."""

    def __init__(self, store: Store, catalogue: Mapping[str, Worksheet], session_id: str,
                 *, export_dir: Path | None = None, refresh: float = 4.0,
                 scheduler: Scheduler | Literal["auto"] | None = "auto"):
        self.store, self.catalogue = store, catalogue
        self.session = store.session(session_id)
        self.export_dir = export_dir or Path.cwd() / "exports"
        self.refresh = refresh
        self._scheduler = default_scheduler() if scheduler == "auto" else scheduler
        self.error_box = w.HTML()
        self.grid = w.HTML()
        self.grid.add_class("ws-grid")
        self.group = w.HTML()
        self.person_box = self._person_tab()
        self.prepost = w.HTML()
        prepost_button = w.Button(description="Show pre/post change")
        prepost_button.on_click(guard(lambda _b: self.show_prepost()))
        self.tabs = w.Tab(children=[
            self.grid, self.group, self.person_box,
            w.VBox([prepost_button, self.prepost]), self._export_tab()])
        for i, title in enumerate(["Progress", "Group view", "One participant", "Pre/post",
                                   "Export"]):
            self.tabs.set_title(i, title)
        super().__init__(children=[
            style_widget(), w.HTML(f"<h2>{escape(self.session.name)}</h2>"), self.error_box,
            self.tabs])
        add_error_sink(self._show_error)
        self.update()

    def _show_error(self, exc: BaseException) -> None:
        self.error_box.value = (f'<div class="ws-error"><div role="alert">Something went '
                                f"wrong ({escape(type(exc).__name__)}). Data is safe.</div></div>")

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
        from ..reports.group import group_view

        view = group_view(self.store, self.session.id, self.catalogue)
        rows = "".join(
            f"<tr><td>{escape(r.title)}</td><td>{r.not_started}</td><td>{r.in_progress}</td>"
            f"<td>{r.done}</td></tr>" for r in view.statuses.itertuples())
        counts = {ring: {k: int(view.support.loc[ring, k]) for k in
                         ("yes", "unsure", "no", "unknown")} for ring in view.support.index}
        return (f"<p>{view.participants} participants; {view.maps} have started a support "
                "map.</p><table><tr><th>Worksheet</th><th>Not started</th><th>In progress"
                f"</th><th>Done</th></tr>{rows}</table>{render_group(counts, size=420)}")

    def update(self) -> None:
        """Refresh the live views; unchanged content is not re-sent, so nothing flickers."""
        for widget, html in ((self.grid, self.progress_html()), (self.group, self.group_html())):
            if widget.value != html:
                widget.value = html
        self.updated_at = time.time()
        if self._scheduler is not None and self.refresh > 0:
            self._scheduler(self.refresh, guard(self.update))

    # --- one participant, behind a deliberate click ---------------------------------------

    def _person_tab(self) -> w.VBox:
        codes = [p.code for p in self.store.participants(self.session.id)]
        self.person_pick = w.Dropdown(options=codes, value=None, description="Code")
        show = w.Button(description="Show this participant's answers", button_style="warning")
        show.add_class("ws-show-person")
        hide = w.Button(description="Hide")
        self.person = w.HTML()
        show.on_click(guard(lambda _b: self.show_person(self.person_pick.value)))
        hide.on_click(guard(lambda _b: setattr(self.person, "value", "")))
        note = w.HTML("<p>Answers are private. Show them only with the participant, "
                      "never on a shared screen.</p>")
        return w.VBox([note, self.person_pick, w.HBox([show, hide]), self.person])

    def show_person(self, code: str | None) -> None:
        p = self.store.participant_by_code(code)
        if p is None or p.session_id != self.session.id:
            self.person.value = "<p>Pick a participant's code first.</p>"
            return
        latest = self.store.latest(p)
        parts = [f"<h3>{escape(p.code)}</h3>"]
        for wid in self.session.worksheets:
            ws, answers = self.catalogue.get(wid), latest.get(wid, {})
            if ws is None or not answers:
                continue
            items = "".join(
                f"<li><b>{escape(tr(it.text))}</b>: {escape(_show(answers[it.id]))}</li>"
                for it in ws.answerable() if it.id in answers)
            scores = "".join(f"<li>{escape(r.label)}: {escape(r.display())}"
                             f"{' (' + escape(r.band) + ')' if r.band else ''}</li>"
                             for r in score_worksheet(ws, answers))
            parts.append(f"<h4>{escape(tr(ws.title))}</h4><ul>{items}{scores}</ul>")
        self.person.value = "".join(parts)

    # --- pre/post and export ----------------------------------------------------------------

    def show_prepost(self) -> None:
        from ..reports.prepost import group_change, prepost_svg, prepost_table

        table = prepost_table(self.store, self.session.id, self.catalogue)
        summary = group_change(table, self.catalogue)
        shown = table.drop(columns=[c for c in ("label",) if c in table.columns])
        self.prepost.value = (prepost_svg(summary)
                              + shown.to_html(index=False, na_rep="–", escape=True))

    def _export_tab(self) -> w.VBox:
        self.include_sensitive = w.Checkbox(
            value=False, description="Include names and phone numbers (sensitive)")
        button = w.Button(description="Export CSV and Excel", button_style="primary")
        self.export_result = w.HTML()
        button.on_click(guard(lambda _b: self.export()))
        return w.VBox([self.include_sensitive, button, self.export_result])

    def export(self) -> list[Path]:
        from ..reports.export import export_session

        folder = self.export_dir / f"{self.session.id}-{time.strftime('%Y%m%d-%H%M%S')}"
        files = export_session(self.store, self.session.id, self.catalogue, folder,
                               include_sensitive=self.include_sensitive.value)
        self.export_result.value = "<p>Written:</p><ul>" + "".join(
            f"<li>{escape(f)}</li>" for f in files) + "</ul>"
        return files


def _show(value: object) -> str:
    if isinstance(value, list):
        return "; ".join(_show(v) for v in value)
    if isinstance(value, dict):
        return ", ".join(f"{k}: {_show(v)}" for k, v in value.items() if k != "_row")
    return str(value)


def dashboard(session_id: str | None = None, *, config: Config | None = None) -> Dashboard:
    """The dashboard for a notebook: the session from WORKSHOP_SESSION unless given."""
    config = config or Config.from_env()
    store = Store.open(config)
    sid = session_id or config.session
    if sid is None:
        sessions = store.sessions()
        if not sessions:
            raise LookupError("no group sessions yet: make one with `workshop session new`")
        sid = sessions[-1].id
    return Dashboard(store, load_folder(config.worksheets_dir), sid,
                     export_dir=config.home / "exports")
