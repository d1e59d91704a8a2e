"""The group view's data: statuses and summed support maps, never a name or typed text."""

from __future__ import annotations

import pandas as pd
import pytest
from support.worksheets import WORKSHEETS

from toolkit.reports.group import (
    STATUSES,
    GroupView,
    group_view,
    status_counts,
    support_counts,
    worksheet_status,
)
from toolkit.store.store import Store
from toolkit.supportmap.people import RINGS, SupportMap
from toolkit.worksheet.loader import load_folder

NAMES = ("Ignatius Wobblebottom", "Perpetua Quillfeather", "Zanzibar-Mc'Lovin")
FREE_TEXT = ("my uncle's boat on Lake Hushabye", "the blue door on Marigold Street",
             "VERY-PRIVATE-NOTE-7731")
PHONE = "555-0199-4242"


@pytest.fixture(scope="module")
def sheets():
    return load_folder(WORKSHEETS)


def _map(*people: tuple[str, str, str | None]) -> SupportMap:
    m = SupportMap()
    for name, ring, supports in people:
        m.add(name, ring, supports=supports, phone=PHONE, note=FREE_TEXT[2])
    return m


def _filled(store: Store) -> tuple[str, list]:
    """A session of three: one with a full story, one with a little, one with nothing."""
    session = store.create_session("Group view", ["my-support-map", "opening-up", "mspss"], 3)
    a, b, _c = store.participants(session.id)
    for p in (a, b, _c):
        store.record_consent(p)
    m = _map((NAMES[0], "closest", "yes"), (NAMES[1], "close", "no"),
             (NAMES[2], "professional", None))
    store.save_answers(a, "my-support-map", {"people": m.to_rows(), "map_strengths": FREE_TEXT[0],
                                             "map_worry": FREE_TEXT[1]}, "1.1")
    store.save_answers(a, "mspss", {f"item{i}": 5 for i in range(1, 13)}, "1.0")
    other_map = _map((NAMES[0], "closest", "yes"), ("Quill", "wider", "unsure"))
    store.save_answers(b, "my-support-map", {"people": other_map.to_rows()}, "1.1")
    store.save_answers(b, "opening-up", {"why_not_lower": FREE_TEXT[1]}, "1.0")
    store.save_answer(b, "opening-up", "_status", "done", "1.0")
    return session.id, store.participants(session.id)


def _texts(obj: object) -> str:
    """Everything an object shows of itself, down through DataFrames and dataclass fields."""
    parts = [repr(obj), str(obj)]
    if isinstance(obj, pd.DataFrame):
        parts += [obj.to_string(), obj.to_csv(), repr(obj.index.tolist())]
    if isinstance(obj, GroupView):
        for value in vars(obj).values():
            parts.append(_texts(value))
    return "\n".join(parts)


def test_status_follows_the_done_marker_and_progress(sheets):
    """`_status: done` or every visible question answered is done; any answer is in progress."""
    ws = sheets["mspss"]
    assert worksheet_status(ws, {}) == "not_started"
    assert worksheet_status(ws, {"item1": 3}) == "in_progress"
    assert worksheet_status(ws, {f"item{i}": 3 for i in range(1, 13)}) == "done"
    assert worksheet_status(ws, {"_status": "done"}) == "done"


def test_status_counts_per_worksheet(store, sheets):
    """Each worksheet row counts not started / in progress / done over all participants."""
    sid, _ = _filled(store)
    view = group_view(store, sid, sheets)
    counts = view.statuses.set_index("worksheet")[list(STATUSES)]
    assert counts.loc["my-support-map"].tolist() == [1, 2, 0]
    assert counts.loc["opening-up"].tolist() == [2, 0, 1]
    assert counts.loc["mspss"].tolist() == [2, 0, 1]
    assert (counts.sum(axis=1) == 3).all()
    assert view.participants == 3 and view.maps == 2


def test_support_maps_are_summed_ring_by_ring(store, sheets):
    """The group's ring counts equal the sum of each map's SupportMap.counts()."""
    sid, people = _filled(store)
    view = group_view(store, sid, sheets)
    maps = [SupportMap.from_rows(store.latest_for(p, "my-support-map").get("people"))
            for p in people]
    for ring in RINGS:
        for key in ("yes", "unsure", "no", "unknown"):
            assert view.support.loc[ring, key] == sum(m.counts()[ring][key] for m in maps)
    assert view.support.loc["closest", "yes"] == 2
    assert view.support.loc["professional", "unknown"] == 1
    assert view.support["total"].sum() == 5


def test_no_names_free_text_phones_or_codes_in_any_output(store, sheets):
    """No name, typed text, phone number or join code appears in anything the view returns."""
    sid, people = _filled(store)
    view = group_view(store, sid, sheets)
    shown = "\n".join(_texts(obj) for obj in (view, view.statuses, view.support))
    for secret in (*NAMES, "Quill", *FREE_TEXT, PHONE, *(p.code for p in people)):
        assert secret not in shown, secret


def test_support_counts_of_no_maps_are_all_zero():
    """With no maps every ring shows zero, so an empty group view still has its shape."""
    frame = support_counts([])
    assert list(frame.index) == list(RINGS)
    assert frame[["yes", "unsure", "no", "unknown", "total"]].to_numpy().sum() == 0


def test_a_worksheet_missing_from_the_folder_counts_started_or_not(sheets):
    """A session worksheet whose file is gone still counts, as started or not started."""
    frame = status_counts([{"gone": {"x": 1}}, {}], ["gone"], sheets)
    assert frame.iloc[0][list(STATUSES)].tolist() == [1, 1, 0]


def test_reports_import_no_widgets():
    """The data views load without ipywidgets, like the model they read."""
    import subprocess
    import sys

    code = "import sys, toolkit.reports; print('ipywidgets' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
