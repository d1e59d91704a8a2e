"""Item widgets and the worksheet form, driven through .value and .click() with no browser."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from toolkit.widgets.form import WorksheetForm
from toolkit.worksheet.loader import load_folder, parse_worksheet
from toolkit.worksheet.model import Worksheet

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def sheets() -> dict[str, Worksheet]:
    return load_folder(ROOT / "worksheets")


class Recorder:
    """A save function that records every batch it is given."""

    def __init__(self) -> None:
        self.batches: list[dict[str, Any]] = []
        self.fail = False

    def __call__(self, values: Any) -> None:
        if self.fail:
            raise OSError("disk full")
        self.batches.append(dict(values))


def test_every_shipped_worksheet_builds_a_form(sheets: dict[str, Worksheet]) -> None:
    """Each of the nine worksheets renders with one widget per answerable item."""
    for ws in sheets.values():
        form = WorksheetForm(ws, scheduler=None)
        assert set(form.views) == {it.id for it in ws.answerable()}
        assert form.counts[0] == 0


def test_scale_button_saves_its_value(sheets: dict[str, Worksheet]) -> None:
    """Tapping the 6th agreement button answers 6, marks it with a tick, and saves it."""
    save = Recorder()
    form = WorksheetForm(sheets["mspss"], save=save, scheduler=None)
    view = form.views["item1"]
    view.buttons[5].click()
    assert view.value == 6
    assert view.buttons[5].description.startswith("✓")
    assert save.batches == [{"item1": 6}]
    assert "1 of 12" in form.progress_label.value
    view.buttons[5].click()  # tapping again clears
    assert view.value is None and save.batches[-1] == {"item1": None}


def test_scores_show_when_complete(sheets: dict[str, Worksheet]) -> None:
    """The MSPSS form shows 'incomplete' until every item is answered, then the total."""
    form = WorksheetForm(sheets["mspss"], scheduler=None)
    assert "Answer every question" in form.scores_box.value
    for i in range(1, 13):
        form.views[f"item{i}"].value = 7
    assert "<b>7.00</b>" in form.scores_box.value
    assert "High perceived support" in form.scores_box.value


def test_text_too_long_is_kept_and_not_saved(sheets: dict[str, Worksheet]) -> None:
    """A paste over the limit shows a kind message and is not saved; the text stays typed."""
    save = Recorder()
    form = WorksheetForm(sheets["opening-up"], save=save, scheduler=None)
    view = form.views["first_person"]
    view.box.value = "x" * 5000
    assert "longer than this space allows" in view.message.value
    assert view.box.value == "x" * 5000
    assert save.batches == []
    view.box.value = "Ana"
    assert save.batches == [{"first_person": "Ana"}] and view.message.value == ""


def test_hostile_text_is_escaped_in_labels() -> None:
    """HTML in worksheet text is shown as text, never as markup."""
    ws = parse_worksheet(
        "schema_version: 1\nid: x\nversion: 1\ntitle: '<img src=x onerror=alert(1)>'\n"
        "sections:\n- id: s\n  title: S\n  items:\n"
        "  - {id: a, type: short_text, text: '<script>alert(1)</script>'}\n"
        "  - {id: n, type: note, text: '<b onclick=x>hi</b>'}\n")
    form = WorksheetForm(ws, scheduler=None)
    html = "".join(getattr(c, "value", "") for c in form.children[1:3])
    assert "<img" not in html and "&lt;img" in html
    assert "<script>" not in form.views["a"].children[0].value
    note = form.blocks["n"].value
    assert "<b onclick" not in note and "&lt;b onclick" in note


def test_multi_choice_other_text_is_saved_separately(sheets: dict[str, Worksheet]) -> None:
    """Choosing 'Other' reveals a box whose text saves under '<item>.other'."""
    save = Recorder()
    form = WorksheetForm(sheets["opening-up"], save=save, scheduler=None)
    view = form.views["barriers"]
    view.buttons[0].click()
    view.buttons[-1].click()  # Other
    assert view.value == [view._values[0], "other"]
    assert view.other_box.layout.display == ""
    view.other_box.value = "my job"
    assert save.batches[-1] == {"barriers.other": "my job"}


def test_show_if_hides_and_reveals(sheets: dict[str, Worksheet]) -> None:
    """An item with show_if is hidden until its condition holds."""
    ws = sheets["treatment-needs"]
    target = next(it for it in ws.items() if it.show_if is not None)
    form = WorksheetForm(ws, scheduler=None)
    assert form.blocks[target.id].layout.display == "none"


def test_repeat_rows_keep_stable_ids(sheets: dict[str, Worksheet]) -> None:
    """Adding two people and removing the first keeps the second's row id and fields."""
    save = Recorder()
    form = WorksheetForm(sheets["safe-relationships"], save=save, scheduler=None)
    people = form.views["people"]
    people.add_button.click()
    people.add_button.click()
    people._rows[0][1]["name"].box.value = "Ana"
    people._rows[1][1]["name"].box.value = "Bo"
    second = people.value[1]["_row"]
    remove_first = people.rows_box.children[0].children[0].children[1]
    remove_first.click()
    assert [r["name"] for r in people.value] == ["Bo"]
    assert people.value[0]["_row"] == second
    assert save.batches[-1]["people"] == people.value


def test_failed_save_says_retrying_and_keeps_answers(sheets: dict[str, Worksheet]) -> None:
    """When the store fails the bar says 'Not saved, retrying'; a later flush saves."""
    save = Recorder()
    save.fail = True
    form = WorksheetForm(sheets["mspss"], save=save, scheduler=None)
    form.views["item2"].buttons[0].click()
    assert "Not saved, retrying" in form.status.value
    save.fail = False
    assert form.flush()
    assert "Saved" in form.status.value and save.batches == [{"item2": 1}]


def test_number_view_explains_bad_input() -> None:
    """A number item says 'Please type a number' for text and keeps the last good value."""
    ws = parse_worksheet(
        "schema_version: 1\nid: n\nversion: 1\ntitle: N\nsections:\n- id: s\n  title: S\n"
        "  items:\n  - {id: count, type: number, text: 'How many?', min: 0, max: 31}\n")
    form = WorksheetForm(ws, scheduler=None)
    view = form.views["count"]
    view.box.value = "4"
    assert form.answers["count"] == 4
    view.box.value = "four"
    assert "Please type a number" in view.message.value and form.answers["count"] == 4
    view.box.value = "99"
    assert "from 0 to 31" in view.message.value


def test_a_picked_date_is_said_in_words_in_the_form_language(
        sheets: dict[str, Worksheet]) -> None:
    """The browser's date box writes 12/06/2026 either way; beside it the date reads
    '6 de diciembre de 2026' on a Spanish form and 'December 6, 2026' on an English one."""
    import datetime as dt

    for lang, words in (("es", "6 de diciembre de 2026"), ("en", "December 6, 2026")):
        form = WorksheetForm(sheets["leap-of-faith"], lang=lang, scheduler=None)
        view = form.views["first_step_date"]
        view.picker.value = dt.date(2026, 12, 6)
        assert form.answers["first_step_date"] == "2026-12-06"
        assert words in view.in_words.value


def test_the_routing_peeks_no_such_comm_is_dropped_and_no_other() -> None:
    """ipykernel's shell channel thread logs "No such comm" when it routes a page's request
    before the kernel opened the comm: dropped. The same warning from the kernel's main
    thread (a message for a comm it really does not know), or any other, still shows."""
    import logging

    from ipykernel.thread import SHELL_CHANNEL_THREAD_NAME

    from toolkit.widgets.base import quiet_routing_peek

    quiet_routing_peek()
    quiet_routing_peek()  # once is enough
    logger = logging.getLogger("Comm")
    assert len([f for f in logger.filters if type(f).__name__ == "_RoutingPeek"]) == 1

    def passes(thread: str, text: str) -> bool:
        record = logger.makeRecord("Comm", logging.WARNING, __file__, 1, text, (), None)
        record.threadName = thread
        return logger.filter(record)

    assert not passes(SHELL_CHANNEL_THREAD_NAME, "No such comm: 4a46")
    assert passes("MainThread", "No such comm: 4a46")
    assert passes(SHELL_CHANNEL_THREAD_NAME, "No such comm target registered: x")
