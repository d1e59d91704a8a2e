"""Pre/post: MSPSS and BARC-10 at the first and latest meeting, rebuilt from answer history."""

from __future__ import annotations

import datetime as dt
import math
import xml.etree.ElementTree as ET
from types import SimpleNamespace

import pandas as pd
import pytest
from support.worksheets import WORKSHEETS

import toolkit.store.store as store_module
from toolkit.reports.prepost import answers_as_of, group_change, prepost_svg, prepost_table
from toolkit.store.store import AnswerVersion, Participant, Store
from toolkit.worksheet.loader import load_folder

pytestmark = pytest.mark.stores  # on SQLite and on PostgreSQL

DAY1, DAY2, DAY3 = dt.date(2026, 3, 3), dt.date(2026, 3, 10), dt.date(2026, 3, 17)
MSPSS_SCORES = ["significant_other", "family", "friends", "total"]


@pytest.fixture(scope="module")
def sheets():
    return load_folder(WORKSHEETS)


def _on(monkeypatch: pytest.MonkeyPatch, day: dt.date, hour: int = 12) -> None:
    """Make the store stamp saves at `hour` o'clock local time on `day`."""
    stamp = dt.datetime.combine(day, dt.time(hour)).timestamp()
    monkeypatch.setattr(store_module, "time", SimpleNamespace(time=lambda: stamp))


def _group(store: Store, n: int, meetings=(DAY1, DAY2)) -> tuple[str, list[Participant]]:
    session = store.create_session("Pre/post group", ["mspss", "barc-10"], n)
    for day in meetings:
        store.add_meeting(session.id, day)
    people = store.participants(session.id)
    for p in people:
        store.record_consent(p)
    return session.id, people


def _mspss(store: Store, p: Participant, values: list[int]) -> None:
    store.save_answers(p, "mspss", {f"item{i}": v for i, v in enumerate(values, 1)}, "1.0")


def _barc(store: Store, p: Participant, values: list[int]) -> None:
    store.save_answers(p, "barc-10", {f"item{i}": v for i, v in enumerate(values, 1)}, "1.0")


def _row(table: pd.DataFrame, code: str, measure: str, score: str) -> pd.Series:
    [row] = [r for _, r in table.iterrows()
             if (r.participant, r.measure, r.score) == (code, measure, score)]
    return row


def test_answers_as_of_takes_the_last_version_saved_on_or_before_the_day():
    """An item's value at a day's end is its newest version up to that day; clears drop it."""
    noon = lambda d: dt.datetime.combine(d, dt.time(12)).timestamp()  # noqa: E731
    history = {
        "item1": [AnswerVersion(3, noon(DAY1), "1.0"), AnswerVersion(5, noon(DAY2), "1.0")],
        "item2": [AnswerVersion(4, noon(DAY1), "1.0"), AnswerVersion(None, noon(DAY2), "1.0")],
        "item3": [AnswerVersion(6, noon(DAY3), "1.0")],
    }
    assert answers_as_of(history, DAY1) == {"item1": 3, "item2": 4}
    assert answers_as_of(history, DAY2) == {"item1": 5}
    assert answers_as_of(history, DAY3) == {"item1": 5, "item3": 6}


def test_two_meetings_known_answers_give_known_change(store, sheets, monkeypatch):
    """All 4s then all 6s on MSPSS is +2.00 on every score; BARC 30 then 48 is +18."""
    sid, [p] = _group(store, 1)
    _on(monkeypatch, DAY1)
    _mspss(store, p, [4] * 12)
    _barc(store, p, [3] * 10)
    _on(monkeypatch, DAY2)
    _mspss(store, p, [6] * 12)
    _barc(store, p, [5, 5, 4, 4, 5, 6, 4, 5, 5, 5])
    table = prepost_table(store, sid, sheets)
    for score in MSPSS_SCORES:
        row = _row(table, p.code, "mspss", score)
        assert (row.first, row.latest, row.change) == (4.0, 6.0, 2.0)
        assert (row.first_date, row.latest_date) == (DAY1, DAY2)
    barc = _row(table, p.code, "barc-10", "total")
    assert (barc.first, barc.latest, barc.change) == (30.0, 48.0, 18.0)


def test_golden_mspss_values_come_from_the_published_scoring(store, sheets, monkeypatch):
    """Answers 1,2,3,4,5,6,7,1,2,3,4,5 score 2.75 / 3.00 / 5.00 / 3.58, as worksheets/WRITING.md."""
    sid, [p] = _group(store, 1)
    _on(monkeypatch, DAY1)
    _mspss(store, p, [7] * 12)
    _on(monkeypatch, DAY2)
    _mspss(store, p, [1, 2, 3, 4, 5, 6, 7, 1, 2, 3, 4, 5])
    table = prepost_table(store, sid, sheets)
    latest = {s: _row(table, p.code, "mspss", s).latest for s in MSPSS_SCORES}
    assert latest == {"significant_other": 2.75, "family": 3.0, "friends": 5.0, "total": 3.58}
    assert {s: _row(table, p.code, "mspss", s).first for s in MSPSS_SCORES} == dict.fromkeys(
        MSPSS_SCORES, 7.0)
    assert _row(table, p.code, "mspss", "total").change == -3.42


def test_group_mean_change_averages_participants_measured_twice(store, sheets, monkeypatch):
    """Changes of +2 and +1 on the MSPSS total give a group mean change of +1.5 over n=2."""
    sid, (a, b, c) = _group(store, 3)
    _on(monkeypatch, DAY1)
    _mspss(store, a, [3] * 12)
    _mspss(store, b, [4] * 12)
    _mspss(store, c, [1] * 12)  # measured once: counts for nobody's change
    _on(monkeypatch, DAY2)
    _mspss(store, a, [5] * 12)
    _mspss(store, b, [5] * 12)
    summary = group_change(prepost_table(store, sid, sheets), sheets)
    [total] = [r for _, r in summary.iterrows() if (r.measure, r.score) == ("mspss", "total")]
    assert (total.n, total.mean_first, total.mean_latest, total.mean_change) == (2, 3.5, 5.0, 1.5)
    assert (total.scale_min, total.scale_max) == (1.0, 7.0)


def test_incomplete_measures_are_left_out(store, sheets, monkeypatch):
    """11 of 12 MSPSS items gives no rows; 9 of 10 BARC items at the second meeting is ignored."""
    sid, (a, b) = _group(store, 2)
    _on(monkeypatch, DAY1)
    _mspss(store, a, [5] * 11)
    _barc(store, b, [4] * 10)
    _on(monkeypatch, DAY2)
    store.save_answer(b, "barc-10", "item7", None, "1.0")  # cleared: incomplete again
    store.save_answer(b, "barc-10", "item1", 6, "1.0")
    table = prepost_table(store, sid, sheets)
    assert a.code not in set(table.participant)
    row = _row(table, b.code, "barc-10", "total")
    assert row.first == 40.0 and math.isnan(row.latest) and math.isnan(row.change)
    summary = group_change(table, sheets)
    assert summary.set_index("measure").loc["barc-10", "n"] == 0


def test_first_is_the_first_meeting_on_which_the_measure_is_complete(store, sheets, monkeypatch):
    """Half the items at meeting 1 and the rest at meeting 2 makes meeting 2 the first."""
    sid, [p] = _group(store, 1, meetings=(DAY1, DAY2, DAY3))
    _on(monkeypatch, DAY1)
    _barc(store, p, [4] * 5)
    _on(monkeypatch, DAY2)
    store.save_answers(p, "barc-10", {f"item{i}": 4 for i in range(6, 11)}, "1.0")
    _on(monkeypatch, DAY3)
    store.save_answer(p, "barc-10", "item1", 6, "1.0")
    row = _row(prepost_table(store, sid, sheets), p.code, "barc-10", "total")
    assert (row.first_date, row.first, row.latest_date, row.latest, row.change) == (
        DAY2, 40.0, DAY3, 42.0, 2.0)


def test_answers_after_the_last_recorded_meeting_count_as_latest(store, sheets, monkeypatch):
    """A retake on a day no meeting was recorded for is still the latest state."""
    sid, [p] = _group(store, 1, meetings=(DAY1,))
    _on(monkeypatch, DAY1)
    _barc(store, p, [2] * 10)
    _on(monkeypatch, DAY3)
    _barc(store, p, [3] * 10)
    row = _row(prepost_table(store, sid, sheets), p.code, "barc-10", "total")
    assert (row.latest_date, row.change) == (DAY3, 10.0)


def test_measures_not_in_the_session_are_skipped(store, sheets, monkeypatch):
    """A session without BARC-10 has no BARC-10 rows, even if answers exist under that id."""
    session = store.create_session("MSPSS only", ["mspss"], 1)
    store.add_meeting(session.id, DAY1)
    [p] = store.participants(session.id)
    store.record_consent(p)
    _on(monkeypatch, DAY1)
    _barc(store, p, [4] * 10)
    _mspss(store, p, [4] * 12)
    assert set(prepost_table(store, session.id, sheets).measure) == {"mspss"}


def test_chart_is_svg_with_escaped_labels_and_the_means():
    """The chart parses as XML, shows first and latest means, and escapes hostile labels."""
    summary = pd.DataFrame([{"measure": "mspss", "score": "total", "label": "<b>Total</b> & co",
                             "n": 4, "mean_first": 3.5, "mean_latest": 5.25,
                             "mean_change": 1.75, "scale_min": 1.0, "scale_max": 7.0}])
    svg = prepost_svg(summary)
    root = ET.fromstring(svg)
    text = " ".join("".join(t.itertext()) for t in root.iter("{http://www.w3.org/2000/svg}text"))
    assert "<b>" not in svg and "&lt;b&gt;Total&lt;/b&gt; &amp; co" in svg
    assert "First 3.50" in text and "Latest 5.25" in text and "change +1.75" in text
    assert "MSPSS" in text
    bars = [float(r.get("width")) for r in root.iter("{http://www.w3.org/2000/svg}rect")]
    assert bars[1] > bars[0]


def test_chart_with_nobody_measured_twice_says_so():
    """With no participant measured twice the chart is a short sentence, not empty bars."""
    summary = pd.DataFrame([{"measure": "mspss", "score": "total", "label": "Total", "n": 0,
                             "mean_first": None, "mean_latest": None, "mean_change": None,
                             "scale_min": 1.0, "scale_max": 7.0}])
    svg = prepost_svg(summary)
    ET.fromstring(svg)
    assert "No one has completed a measure at two meetings yet." in svg
    assert "<rect" not in svg
