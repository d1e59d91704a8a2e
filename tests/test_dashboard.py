"""The facilitator dashboard's views, driven without a browser."""

from __future__ import annotations

from pathlib import Path

import pytest

from toolkit.config import Config
from toolkit.demo import WORKSHOP_ORDER
from toolkit.loader import load_folder
from toolkit.store import Store
from toolkit.supportmap import SupportMap
from toolkit.widgets.dashboard import Dashboard

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def board(home: Path) -> tuple[Dashboard, Store, list]:
    store = Store.open(Config.from_env())
    session = store.create_session("Tuesday group", list(WORKSHOP_ORDER), 2)
    people = store.participants(session.id)
    for p in people:
        store.record_consent(p)
    m = SupportMap()
    m.add("Zebulon", "closest", supports="yes")
    store.save_answer(people[0], "my-support-map", "people", m.to_rows(), "1.1")
    store.save_answer(people[0], "opening-up", "first_person", "Quetzalcoatl", "1.0")
    store.save_answers(people[1], "mspss", {f"item{i}": 7 for i in range(1, 13)}, "1.0")
    board = Dashboard(store, load_folder(ROOT / "worksheets"), session.id,
                      export_dir=home / "exports", scheduler=None)
    return board, store, people


def test_progress_grid_marks_each_participant(board):
    """The grid shows each code with in-progress and done marks, and no answers."""
    d, _, people = board
    assert all(p.code in d.grid.value for p in people)
    assert "… in progress" in d.grid.value and "✓ done" in d.grid.value
    assert "Quetzalcoatl" not in d.grid.value and "Zebulon" not in d.grid.value


def test_group_view_is_safe_for_a_projector(board):
    """The group view shows counts only: no names, no typed text, no codes."""
    d, _, people = board
    html = d.group.value
    assert "<svg" in html and "2 participants" in html
    for secret in ("Quetzalcoatl", "Zebulon", people[0].code, people[1].code):
        assert secret not in html


def test_participant_answers_need_a_deliberate_click(board):
    """Nobody's answers are on screen until a code is picked and the button clicked."""
    d, _, people = board
    assert d.person.value == ""
    d.show_person(people[0].code)
    assert "Quetzalcoatl" in d.person.value


def test_refresh_sends_only_changes(board):
    """An update with nothing new leaves the grid untouched (no flicker); new answers show."""
    d, store, people = board
    before = d.grid.value
    sent: list[str] = []
    d.grid.observe(lambda c: sent.append(c["new"]), "value")
    d.update()
    assert sent == []
    store.save_answer(people[1], "barc-10", "item1", 5, "1.0")
    d.update()
    assert len(sent) == 1 and sent[0] != before


def test_export_leaves_out_sensitive_fields_unless_ticked(board):
    """The export tab writes CSV and Excel; names appear only when the box is ticked."""
    d, _, _ = board
    files = d.export()
    long_csv = next(f for f in files if f.name == "long.csv").read_text()
    assert "Quetzalcoatl" not in long_csv and any(f.suffix == ".xlsx" for f in files)
    d.include_sensitive.value = True
    long_csv = next(f for f in d.export() if f.name == "long.csv").read_text()
    assert "Quetzalcoatl" in long_csv


def test_prepost_shows_a_chart(board):
    """The pre/post tab draws the group's change as an SVG chart."""
    d, _, _ = board
    d.show_prepost()
    assert "<svg" in d.prepost.value
