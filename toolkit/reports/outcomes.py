"""A program's outcomes across every session: attendance, worksheets done, pre/post change.

For the program's data person (notebooks/outcomes.ipynb). Participants appear by join code
only; a meeting counts someone as present when they saved an answer that day (the toolkit
keeps no roll call). Opening the outcomes is written to the audit log.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import pandas as pd

from toolkit.reports.group import STATUSES
from toolkit.reports.prepost import (
    COLUMNS,
    SUMMARY_COLUMNS,
    chart_head,
    day_of,
    group_change,
    prepost_table,
)
from toolkit.settings.config import Config
from toolkit.store.store import Participant, Session, Store
from toolkit.text.languages import DEFAULT_LANGUAGE
from toolkit.text.markup import escape
from toolkit.text.strings import tr, ui
from toolkit.worksheet.conditions import worksheet_status
from toolkit.worksheet.loader import load_folder
from toolkit.worksheet.model import Worksheet

AUDIT_ACTION = "outcomes_opened"
SESSION_COLUMNS = ["session", "name", "created", "participants", "meetings"]
ATTENDANCE_COLUMNS = ["session", "name", "meeting", "date", "present", "participants", "share"]
GROUP_COLUMNS = [*SUMMARY_COLUMNS[:SUMMARY_COLUMNS.index("n") + 1], "languages",
                 *SUMMARY_COLUMNS[SUMMARY_COLUMNS.index("n") + 1:]]
"""prepost.SUMMARY_COLUMNS, and after n the languages those n answered in."""
DONE_COLUMNS = ["session", "name", "worksheet", "title", *STATUSES, "participants"]


@dataclass(frozen=True)
class Outcomes:
    """Every table of a program's outcomes; codes only, never names or typed answers."""

    sessions: pd.DataFrame
    """One row per session: id, name, creation day, size and meetings recorded."""
    attendance: pd.DataFrame
    """One row per session and meeting: how many saved an answer that day, and the share."""
    worksheets: pd.DataFrame
    """One row per session and worksheet: participants not started, in progress, done."""
    change: pd.DataFrame
    """Pre/post per participant and score (prepost.COLUMNS) with the session in front."""
    group: pd.DataFrame
    """Pre/post means per session and score (GROUP_COLUMNS), session in front."""


def save_days(store: Store, p: Participant, ws: Worksheet) -> set:
    """The local days on which `p` saved any answer to `ws`."""
    return {day_of(v.saved_at) for item in ws.items()
            for v in store.history(p, ws.id, item.id)}


def attendance_rows(store: Store, session: Session, people: list[Participant],
                    worksheets: Mapping[str, Worksheet]) -> list[dict]:
    """One row per recorded meeting of `session`: who saved anything on that day."""
    sheets = [worksheets[w] for w in session.worksheets if w in worksheets]
    days = [set().union(*(save_days(store, p, ws) for ws in sheets)) for p in people]
    rows = []
    for n, meeting in enumerate(store.meetings(session.id), 1):
        present = sum(meeting in d for d in days)
        rows.append({"session": session.id, "name": session.name, "meeting": n,
                     "date": meeting, "present": present, "participants": len(people),
                     "share": round(present / len(people), 2) if people else 0.0})
    return rows


def done_rows(store: Store, session: Session, people: list[Participant],
              worksheets: Mapping[str, Worksheet]) -> list[dict]:
    """One row per worksheet of `session`: how many have not started, are in progress, done."""
    latest = [store.latest(p) for p in people]
    rows = []
    for wid in session.worksheets:
        ws = worksheets.get(wid)
        counts = dict.fromkeys(STATUSES, 0)
        for answers in latest:
            mine = answers.get(wid, {})
            status = (worksheet_status(ws, mine) if ws
                      else "in_progress" if mine else "not_started")
            counts[status] += 1
        rows.append({"session": session.id, "name": session.name, "worksheet": wid,
                     "title": tr(ws.title) if ws else wid, **counts,
                     "participants": len(people)})
    return rows


def _with_session(frame: pd.DataFrame, session: Session) -> pd.DataFrame:
    frame = frame.copy()
    frame.insert(0, "name", session.name)
    frame.insert(0, "session", session.id)
    return frame


def program_outcomes(store: Store, worksheets: Mapping[str, Worksheet]) -> Outcomes:
    """The outcomes of every session in `store` (oldest session first)."""
    sessions, attendance, done, change, group = [], [], [], [], []
    for s in sorted(store.sessions(), key=lambda s: s.created_at):
        people = store.participants(s.id)
        meetings = store.meetings(s.id)
        sessions.append({"session": s.id, "name": s.name,
                         "created": day_of(s.created_at), "participants": len(people),
                         "meetings": len(meetings)})
        attendance += attendance_rows(store, s, people, worksheets)
        done += done_rows(store, s, people, worksheets)
        table = prepost_table(store, s.id, worksheets)
        if len(table):
            change.append(_with_session(table, s))
            group.append(_with_session(_with_languages(group_change(table, worksheets),
                                                       table), s))
    return Outcomes(
        sessions=pd.DataFrame(sessions, columns=SESSION_COLUMNS),
        attendance=pd.DataFrame(attendance, columns=ATTENDANCE_COLUMNS),
        worksheets=pd.DataFrame(done, columns=DONE_COLUMNS),
        change=_concat(change, COLUMNS), group=_concat(group, GROUP_COLUMNS))


def _with_languages(group: pd.DataFrame, table: pd.DataFrame) -> pd.DataFrame:
    """Add `languages`: of the n who took a score twice, how many answered each time in
    each language ("en→en 3, es→es 1")."""
    both = table.dropna(subset=["change"])
    counts = both.groupby(["measure", "score"], sort=False).apply(
        lambda part: ", ".join(f"{pair} {n}" for pair, n in sorted(
            (part["first_lang"] + "→" + part["latest_lang"]).value_counts().items())),
        include_groups=False)
    group = group.copy()
    group.insert(group.columns.get_loc("n") + 1, "languages", [
        counts.get((m, sc), "") for m, sc in zip(group["measure"], group["score"], strict=True)])
    return group


def _concat(frames: list[pd.DataFrame], columns: list[str]) -> pd.DataFrame:
    if frames:
        return pd.concat(frames, ignore_index=True)
    return pd.DataFrame(columns=["session", "name", *columns])


def open_outcomes(config: Config | None = None, actor: str = "facilitator") -> Outcomes:
    """The program's outcomes from the configured store and worksheets; audited."""
    config = config or Config.from_env()
    store = Store.open(config)
    try:
        outcomes = program_outcomes(store, load_folder(config.worksheets_dir))
        store.audit(AUDIT_ACTION, target="program",
                    detail=f"{len(outcomes.sessions)} sessions", actor=actor)
        return outcomes
    finally:
        store.engine.dispose()


# --- the chart ------------------------------------------------------------------------------

_W, _LABEL_W, _BAR_W, _ROW_H = 640, 230, 330, 20


def attendance_svg(attendance: pd.DataFrame, lang: str = DEFAULT_LANGUAGE) -> str:
    """Attendance as horizontal bars, one per session and meeting, each labelled with its
    numbers (never told apart by colour alone); every label is escaped."""
    title = ui("outcomes_attendance_title", lang)
    height = 40 + _ROW_H * max(1, len(attendance)) + 10
    out = chart_head(title, _W, height)
    if not len(attendance):
        out.append(f'<text x="8" y="52">{escape(ui("outcomes_no_meetings", lang))}</text>')
    for k, r in enumerate(attendance.itertuples(index=False)):
        y = 36 + k * _ROW_H
        label = ui("outcomes_meeting_label", lang, name=str(r.name)[:24], n=r.meeting,
                   date=r.date.isoformat())
        width = max(1.0, float(r.share) * _BAR_W)
        out += [f'<text x="8" y="{y + 12}">{escape(label)}</text>',
                f'<rect x="{_LABEL_W}" y="{y}" width="{width:.1f}" height="14" '
                'fill="#333" stroke="#000"/>',
                f'<text x="{_LABEL_W + width + 6:.1f}" y="{y + 12}">'
                f"{r.present} / {r.participants}</text>"]
    out.append("</svg>")
    return "\n".join(out)
