"""Hostile input in the client app's widgets, without a browser: markup, script, emoji,
right-to-left text, control characters, lone surrogates and 1 MB pastes in every kind of field
(short and long text, repeat rows, support-map names, the plan, "Other" boxes, numbers, the
join code). Shown inert, limits enforced with a message (en/es), nothing crashes, and what was
valid is kept."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import ipywidgets as w
import pytest
from support.app import joined
from support.hostile import MEGABYTE, NAME, TEXT, cleaned
from support.worksheets import shipped_worksheets

from toolkit.settings.config import Config
from toolkit.store.demo import WORKSHOP_ORDER
from toolkit.store.store import Store
from toolkit.widgets.client.app import ClientApp

# Markup that may only appear escaped: an element or event handler from typed text.
INJECTED = re.compile(r"<script|<img|onerror=\"|<b>bold", re.IGNORECASE)
CLEAN = cleaned(TEXT)


@pytest.fixture
def app(home: Path) -> ClientApp:
    store = Store.open(Config.from_env())
    session = store.create_session("Group", list(WORKSHOP_ORDER), 1)
    code = store.participants(session.id)[0].code
    return joined(store, shipped_worksheets(), code)


def saved(app: ClientApp, worksheet_id: str) -> dict[str, Any]:
    return app.store.latest_for(app.participant, worksheet_id)


def markup_in(widget: Any) -> list[str]:
    """Every piece of HTML (or SVG) the widget tree sends to the browser."""
    out = []
    if isinstance(widget, w.HTML) and "<style>" not in widget.value:
        out.append(widget.value)
    for trait in ("svg", "announce"):
        if isinstance(getattr(widget, trait, None), str):
            out.append(getattr(widget, trait))
    for child in getattr(widget, "children", ()):
        out += markup_in(child)
    return out


def assert_inert(app: ClientApp) -> None:
    for html in markup_in(app):
        assert not INJECTED.search(html), html[:200]


def test_text_fields_keep_hostile_text_as_plain_text(app: ClientApp) -> None:
    """Short and long text take markup, emoji and RTL as typed (control characters dropped);
    the page shows it only as a text box's value."""
    app.open_worksheet("opening-up")
    views = app.form.views
    views["first_person"].box.value = NAME
    views["what_to_share"].box.value = TEXT
    app.form.flush()
    assert saved(app, "opening-up") == {"first_person": NAME, "what_to_share": CLEAN}
    assert_inert(app)
    assert app.error_box.layout.display == "none"


def test_one_megabyte_paste_is_refused_kindly_and_the_rest_is_kept(app: ClientApp) -> None:
    """A 1 MB paste says the limit (English, then Spanish), is not saved, keeps the last
    saved answer, and other answers still save."""
    app.open_worksheet("opening-up")
    views = app.form.views
    views["what_to_share"].box.value = "Valid text"
    views["what_to_share"].box.value = MEGABYTE
    assert "1000 characters" in views["what_to_share"].message.value
    assert views["what_to_share"].box.value == MEGABYTE  # still there to shorten
    views["first_person"].box.value = "Ana"
    app.form.flush()
    assert saved(app, "opening-up") == {"what_to_share": "Valid text", "first_person": "Ana"}
    app.lang_button.click()
    app.form.views["what_to_share"].box.value = MEGABYTE
    assert "1000 caracteres" in app.form.views["what_to_share"].message.value


def test_lone_surrogates_do_not_block_saving(app: ClientApp) -> None:
    """Half an emoji (a lone UTF-16 surrogate a browser can send) is replaced, and the save
    goes through instead of failing over and over."""
    app.open_worksheet("opening-up")
    app.form.views["what_to_share"].box.value = "half \ud83d emoji"
    assert app.form.flush() and app.form.saver.status == "saved"
    assert saved(app, "opening-up") == {"what_to_share": "half \ufffd emoji"}
    assert app.form.views["what_to_share"].box.value == "half \ufffd emoji"  # syncable again


def test_repeat_rows_take_hostile_text(app: ClientApp) -> None:
    """Rows of a repeat (safe-relationships people, meeting plans) save hostile text inert;
    a 1 MB paste in a row field is refused there without losing the row."""
    app.open_worksheet("safe-relationships")
    people = app.form.views["people"]
    people.add_button.click()
    row = people._rows[0][1]
    row["name"].box.value = NAME
    row["note"].box.value = TEXT[:200]
    row["note"].box.value = MEGABYTE
    assert "200 characters" in row["note"].message.value
    app.form.flush()
    rows = saved(app, "safe-relationships")["people"]
    assert rows[0]["name"] == NAME and rows[0]["note"] == cleaned(TEXT[:200])
    assert_inert(app)


def test_support_map_names_and_plan_are_inert(app: ClientApp) -> None:
    """Hostile names on the support map are text in the picture, the list and the plan's
    person buttons; the plan's own text saves as typed."""
    app.open_worksheet("my-support-map")
    view = app.form.views["people"]
    view.editor.add_button.click()
    view.editor._rows[0][1]["name"].box.value = NAME
    view.editor.add_button.click()
    view.editor._rows[1][1]["name"].box.value = "<script>x</script>😀 שלום"
    view.editor._rows[1][1]["phone"].box.value = MEGABYTE
    assert "30 characters" in view.editor._rows[1][1]["phone"].message.value
    assert "&lt;img src=x" in view.picture.svg
    assert_inert(app)
    app.open_worksheet("reach-out-plan")
    pick = app.form.views["falling_first"]
    assert any(NAME in b.description for b in pick.buttons.values())
    first = next(iter(pick.buttons))
    pick.buttons[first].click()
    app.form.views["falling_say"].box.value = TEXT
    app.form.flush()
    plan = saved(app, "reach-out-plan")
    assert plan["falling_say"] == CLEAN and plan["falling_first"] == first
    assert_inert(app)
    names = [r["name"] for r in saved(app, "my-support-map")["people"]]
    assert names == [NAME, "<script>x</script>😀 שלום"]


def test_other_box_numbers_and_join_code(app: ClientApp) -> None:
    """'Other, please say' has its limit; a number box refuses 1 MB of digits kindly; a 1 MB
    join code is just 'not a code'."""
    app.open_worksheet("opening-up")
    barriers = app.form.views["barriers"]
    barriers._tap("other")
    barriers.other_box.value = TEXT[:150]
    barriers.other_box.value = MEGABYTE
    assert "200 characters" in barriers.message.value
    app.form.flush()
    assert saved(app, "opening-up")["barriers.other"] == cleaned(TEXT[:150])
    app.open_worksheet("meetings-plan")
    number = app.form.views["meetings_planned"]
    number.box.value = "9" * 1_000_000
    assert number.message.layout.display == "" and number.value is None
    number.box.value = "<b>3</b>"
    assert "number" in number.message.value
    app.finish()
    app.join(MEGABYTE)
    assert "look quite right" in app.join_message.value
    assert app.error_box.layout.display == "none"


def test_typed_text_is_not_echoed() -> None:
    """Text boxes skip ipywidgets' echo, which would drop a change it cannot encode."""
    from toolkit.widgets.base import TextArea, TextBox

    assert TextBox().trait_metadata("value", "echo_update") is False
    assert TextArea().trait_metadata("value", "echo_update") is False
