"""Logs never hold answer text, names or phone numbers: every library log record at DEBUG and
everything the commands print, through a whole workshop's life (save, export, print, group
view, pre/post, failures)."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from toolkit.cli import main
from toolkit.reports.group import group_view
from toolkit.reports.prepost import prepost_table
from toolkit.settings.config import Config
from toolkit.store.store import ConsentRequired, Store
from toolkit.supportmap.people import SupportMap
from toolkit.worksheet.loader import load_folder

ROOT = Path(__file__).resolve().parents[1]
NAME = "Quokka Marmalade 李小龍"
PHONE = "555-0199-4417"
STORY = "Zebra pancake relapse story 8812 👍🏽"
SECRETS = (NAME, PHONE, STORY, "Quokka", "0199", "8812", "李小龍", "👍")


@pytest.fixture
def group(home: Path) -> tuple[Store, str, str]:
    """One participant with a name and phone on the map and a distinctive story."""
    store = Store.open(Config.from_env())
    session = store.create_session("Log group", ["my-support-map", "opening-up", "mspss"], 1)
    [p] = store.participants(session.id)
    store.record_consent(p)
    m = SupportMap()
    m.add(NAME, "closest", supports="yes", phone=PHONE, note=STORY)
    store.save_answers(p, "my-support-map", {"people": m.to_rows(), "map_worry": STORY}, "1.1")
    store.save_answers(p, "opening-up", {"why_not_lower": STORY}, "1.0")
    store.save_answers(p, "mspss", {f"item{i}": 6 for i in range(1, 13)}, "1.0")
    return store, session.id, p.code


def _clean(text: str) -> None:
    for secret in SECRETS:
        assert secret not in text, secret


def test_library_logs_at_debug_hold_no_answers(group, tmp_path, caplog, capsys):
    """Every log record from export, print, group view and pre/post, at DEBUG level, is free
    of names, phone numbers and answer text."""
    store, session_id, code = group
    sheets = load_folder(ROOT / "worksheets")
    with caplog.at_level(logging.DEBUG):
        group_view(store, session_id, sheets)
        prepost_table(store, session_id, sheets)
        assert main(["export", "--session", session_id, "-o", str(tmp_path / "x"),
                     "--include-sensitive"]) == 0
        assert main(["pdf", "my-support-map", "--participant", code,
                     "-o", str(tmp_path / "map.pdf")]) == 0
        assert main(["card", "--participant", code, "-o", str(tmp_path / "card.pdf")]) == 0
    out, err = capsys.readouterr()
    _clean(out + err)
    _clean("\n".join(r.getMessage() + str(r.args) + str(r.exc_info) for r in caplog.records))


def test_failures_name_the_problem_not_the_answer(group, caplog):
    """A refused save (no consent) and an unknown code say what went wrong without the
    answer or the code typed."""
    store, session_id, _code = group
    [p] = store.add_participants(session_id, 1)
    with caplog.at_level(logging.DEBUG), pytest.raises(ConsentRequired) as caught:
        store.save_answer(p, "opening-up", "why_not_lower", STORY, "1.0")
    _clean(str(caught.value))
    _clean("\n".join(r.getMessage() for r in caplog.records))
    assert store.participant_by_code("QQQ-QQQ-QQQ") is None
