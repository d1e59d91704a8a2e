"""A program's outcomes across two sessions: attendance, worksheets done, pre/post change."""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET

import pytest
from support.clock import saving_on
from support.worksheets import WORKSHEETS

from toolkit.reports.outcomes import (
    AUDIT_ACTION,
    attendance_svg,
    open_outcomes,
    program_outcomes,
)
from toolkit.store.store import Store
from toolkit.worksheet.loader import load_folder

DAY1, DAY2 = dt.date(2026, 3, 3), dt.date(2026, 3, 10)


@pytest.fixture(scope="module")
def sheets():
    return load_folder(WORKSHEETS)


def _program(store: Store, monkeypatch: pytest.MonkeyPatch):
    """Group A: two people, MSPSS twice for one (in Spanish), once for the other; group B:
    one person who only opened a worksheet at the first meeting."""
    saving_on(monkeypatch, DAY1)
    a = store.create_session("Tuesday group", ["mspss", "barc-10"], 2)
    saving_on(monkeypatch, DAY2)
    b = store.create_session("Thursday group", ["opening-up", "mspss"], 1)
    for s in (a, b):
        store.add_meeting(s.id, DAY1)
        store.add_meeting(s.id, DAY2)
    (p1, p2), [q] = store.participants(a.id), store.participants(b.id)
    for p in (p1, p2, q):
        store.record_consent(p)
    saving_on(monkeypatch, DAY1)
    mspss = {f"item{i}": 4 for i in range(1, 13)}
    store.save_answers(p1, "mspss", mspss, "1.1", lang="es")
    store.save_answers(p2, "mspss", mspss, "1.1")
    store.save_answer(q, "opening-up", "readiness", 6, "1.0")
    saving_on(monkeypatch, DAY2)
    store.save_answers(p1, "mspss", {k: 6 for k in mspss}, "1.1", lang="es")
    return a, b, (p1, p2, q)


def test_attendance_counts_who_saved_on_each_meeting_day(home, sheets, monkeypatch):
    """Group A had two at the first meeting and one at the second; group B one, then none."""
    store = Store.open()
    a, b, _ = _program(store, monkeypatch)
    out = program_outcomes(store, sheets)
    rows = {(r.session, r.meeting): (r.present, r.participants, r.share)
            for r in out.attendance.itertuples()}
    assert rows == {(a.id, 1): (2, 2, 1.0), (a.id, 2): (1, 2, 0.5),
                    (b.id, 1): (1, 1, 1.0), (b.id, 2): (0, 1, 0.0)}
    assert list(out.sessions["name"]) == ["Tuesday group", "Thursday group"]


def test_worksheets_done_per_session(home, sheets, monkeypatch):
    """Both of group A finished the MSPSS; nobody in group B did, and one started opening-up."""
    store = Store.open()
    a, b, _ = _program(store, monkeypatch)
    done = program_outcomes(store, sheets).worksheets.set_index(["session", "worksheet"])
    assert done.loc[(a.id, "mspss"), "done"] == 2
    assert done.loc[(a.id, "barc-10"), "not_started"] == 2
    assert done.loc[(b.id, "opening-up"), "in_progress"] == 1
    assert done.loc[(b.id, "mspss"), "not_started"] == 1


def test_change_per_participant_and_group_by_code_with_language(home, sheets, monkeypatch):
    """The person who answered twice in Spanish shows +2 flagged not validated; codes only."""
    store = Store.open()
    a, _, (p1, p2, _q) = _program(store, monkeypatch)
    out = program_outcomes(store, sheets)
    total = out.change[(out.change.score == "total")].set_index("participant")
    assert set(total.index) == {p1.code, p2.code}
    row = total.loc[p1.code]
    assert (row.session, row.first, row.latest, row.change) == (a.id, 4.0, 6.0, 2.0)
    assert (row.first_lang, row.latest_lang, row.not_validated) == ("es", "es", True)
    assert total.loc[p2.code].first_lang == "en"
    group = out.group[(out.group.score == "total")].iloc[0]
    assert (group.session, group.n, group.mean_change, group.not_validated) == (a.id, 1, 2.0, 1)
    assert group.languages == "es→es 1"  # the one who took it twice, in Spanish both times


def test_opening_is_audited_and_an_empty_program_has_empty_tables(home):
    """open_outcomes on a fresh store writes one audit line and gives empty frames."""
    out = open_outcomes()
    assert len(out.sessions) == len(out.change) == len(out.attendance) == 0
    ET.fromstring(attendance_svg(out.attendance))
    store = Store.open()
    assert [e.action for e in store.audit_log()] == [AUDIT_ACTION]


def test_attendance_chart_names_each_meeting_with_its_numbers(home, sheets, monkeypatch):
    """One bar per meeting, labelled with present / participants; names are escaped."""
    store = Store.open()
    _program(store, monkeypatch)
    store.create_session("<b>group</b>", ["mspss"], 1)
    svg = attendance_svg(program_outcomes(store, sheets).attendance)
    root = ET.fromstring(svg)
    texts = [t.text for t in root.iter("{http://www.w3.org/2000/svg}text")]
    assert "2 / 2" in texts and "0 / 1" in texts
    assert "<b>" not in svg
