"""The support-map and person-pick widgets, driven without a browser."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from toolkit.settings.config import Config
from toolkit.store.demo import WORKSHOP_ORDER
from toolkit.store.store import Store
from toolkit.supportmap.people import SupportMap
from toolkit.widgets.client.app import ClientApp
from toolkit.widgets.form import WorksheetForm
from toolkit.worksheet.loader import load_folder

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def sheets() -> dict[str, Any]:
    return load_folder(ROOT / "worksheets")


def _map_rows() -> list[dict[str, Any]]:
    m = SupportMap()
    m.add("Ana", "wider", supports="yes")
    m.add("Bo", "close", supports="no")
    return m.to_rows()


def test_picture_message_moves_and_saves(sheets):
    """A drag reported by the browser moves the person, redraws, announces and saves."""
    saved: list[dict[str, Any]] = []
    form = WorksheetForm(sheets["my-support-map"], answers={"people": _map_rows()},
                         save=saved.append, scheduler=None)
    view = form.views["people"]
    ana = view.value[0]["_row"]
    view.picture._message(None, {"type": "move", "row": ana, "ring": "closest"}, None)
    assert view.value[0]["ring"] == "closest"
    assert f'data-row="{ana}" data-ring="closest"' in view.picture.svg
    assert "Ana is now in Closest" in view.picture.announce
    assert saved[-1]["people"][0]["ring"] == "closest"
    view.picture._message(None, {"type": "move", "row": ana, "dir": "further"}, None)
    assert view.value[0]["ring"] == "close"


def test_hostile_or_unknown_messages_change_nothing(sheets):
    """A message for an unknown row or ring is ignored; the map stays as it was."""
    form = WorksheetForm(sheets["my-support-map"], answers={"people": _map_rows()},
                         scheduler=None)
    view = form.views["people"]
    before = list(view.value)
    for msg in ({"type": "move", "row": "nobody", "ring": "closest"},
                {"type": "move", "row": before[0]["_row"], "ring": "<script>"},
                {"type": "nonsense"}, "text"):
        view.picture._message(None, msg, None)
    assert view.value == before


def test_list_editor_adds_people_in_the_wider_circle(sheets):
    """Adding with the list editor puts a new person in the wider circle, on the picture."""
    form = WorksheetForm(sheets["my-support-map"], scheduler=None)
    view = form.views["people"]
    view.editor.add_button.click()
    view.editor._rows[0][1]["name"].box.value = "<b>Zed</b>"
    assert view.value[0]["ring"] == "wider"
    assert view.picture.entries[0]["name"] == "<b>Zed</b>"  # shown as text by the view
    assert "&lt;b&gt;Zed" in view.picture.svg and "<b>Zed" not in view.picture.svg


def test_person_pick_orders_and_confirms(sheets):
    """Supportive people are listed first; picking someone marked 'no' asks once."""
    context = {"my-support-map": {"people": _map_rows()}}
    form = WorksheetForm(sheets["reach-out-plan"], context=context, scheduler=None)
    view = form.views["falling_first"]
    labels = [b.description for b in view.buttons.values()]
    assert labels == ["● Ana", "■ Bo"]
    bo = list(view.buttons)[1]
    view.buttons[bo].click()
    assert view.value is None and view.confirm.layout.display == ""
    view.confirm.children[1].click()  # "Yes, keep Bo"
    assert view.value == bo and form.answers["falling_first"] == bo
    view.buttons[bo].click()  # tapping the chosen person again clears
    view.buttons[bo].click()  # ...and choosing Bo again does not ask twice
    assert view.value == bo and view.confirm.layout.display == "none"


def test_empty_map_explains_where_people_come_from(sheets):
    """With no map yet, the plan says to add people on 'My support map' first."""
    form = WorksheetForm(sheets["reach-out-plan"], scheduler=None)
    assert "My support map" in form.views["falling_first"].children[2].value


def test_removing_from_the_map_clears_the_plan(home: Path, sheets):
    """In the app, removing someone on the map clears the plan slots that named them."""
    store = Store.open(Config.from_env())
    session = store.create_session("G", list(WORKSHOP_ORDER), 1)
    code = store.participants(session.id)[0].code
    app = ClientApp(store, sheets, code=code, scheduler=None)
    app.agree()  # the consent notice comes first
    app.open_worksheet("my-support-map")
    app.form.views["people"].value = _map_rows()
    bo = app.form.views["people"].value[1]["_row"]
    app.open_worksheet("reach-out-plan")
    view = app.form.views["talk_first"]
    view.buttons[bo].click()
    view.confirm.children[1].click()
    app.open_worksheet("my-support-map")
    app.form.views["people"].editor._remove(bo)
    p = store.participant_by_code(code)
    assert "talk_first" not in store.latest_for(p, "reach-out-plan")
    assert [v.value for v in store.history(p, "reach-out-plan", "talk_first")] == [bo, None]


def test_safety_ratings_show_on_the_map(sheets):
    """Ratings made on the safe-relationships worksheet appear on the picture as text."""
    context = {"safe-relationships": {"people": [
        {"_row": "r1", "name": "Bo", "overall": "not_safe"}]}}
    form = WorksheetForm(sheets["my-support-map"], answers={"people": _map_rows()},
                         context=context, scheduler=None)
    assert "not safe" in form.views["people"].picture.svg


def test_map_picture_speaks_spanish(sheets):
    """In Spanish, the list, its buttons, the ring and support labels and the announcement
    are Spanish too."""
    form = WorksheetForm(sheets["my-support-map"], lang="es", answers={"people": _map_rows()},
                         scheduler=None)
    picture = form.views["people"].picture
    assert picture.texts == {"list_title": "Mueva a las personas sin arrastrar:",
                             "closer": "Más cerca", "further": "Más lejos"}
    assert picture.entries[0]["ring_label"] == "Círculo más amplio"
    assert picture.entries[0]["support_label"] == "apoya mi recuperación"
    ana = picture.entries[0]["row"]
    picture._message(None, {"type": "move", "row": ana, "ring": "closest"}, None)
    assert picture.announce == "Ana ahora está en: Los más cercanos."


def test_person_pick_speaks_spanish(sheets):
    """In Spanish, the legend, the kind check and its buttons are Spanish; names stay inert."""
    rows = _map_rows()
    rows[1]["name"] = "<b>Bo</b>"
    form = WorksheetForm(sheets["reach-out-plan"], lang="es",
                         context={"my-support-map": {"people": rows}}, scheduler=None)
    view = form.views["falling_first"]
    assert "● apoya mi recuperación · ◆ no sé" in view.children[2].value
    view.buttons[rows[1]["_row"]].click()
    check, yes, no = view.confirm.children
    assert "En su mapa, &lt;b&gt;Bo&lt;/b&gt; tiene la marca “no apoya mi recuperación”" \
        in check.value
    assert (yes.description, no.description) == ("Sí, elijo a <b>Bo</b>",
                                                  "Elegir a otra persona")


def test_empty_map_in_spanish(sheets):
    """With no map yet, the Spanish text names 'Mi mapa de apoyo'."""
    form = WorksheetForm(sheets["reach-out-plan"], lang="es", scheduler=None)
    text = form.views["falling_first"].children[2].value
    assert "Su mapa de apoyo está vacío" in text and "<b>Mi mapa de apoyo</b>" in text


def test_language_switch_reaches_the_map(home: Path, sheets):
    """The app's language button redraws an open support map in Spanish."""
    store = Store.open(Config.from_env())
    session = store.create_session("G", list(WORKSHOP_ORDER), 1)
    app = ClientApp(store, sheets, code=store.participants(session.id)[0].code, scheduler=None)
    app.agree()
    app.open_worksheet("my-support-map")
    app.form.views["people"].value = _map_rows()
    app.lang_button.click()
    view = app.form.views["people"]
    picture = view.picture
    assert picture.texts["closer"] == "Más cerca"
    assert picture.entries[1]["ring_label"] == "Cercanos"
    # The picture itself and the prompts under it redraw in Spanish too.
    assert ">Yo</text>" in picture.svg and ">Los más cercanos</text>" in picture.svg
    assert ">Apoya mi recuperación</text>" in picture.svg
    assert ">Me</text>" not in picture.svg and "Closest" not in picture.svg
    assert "Los más cercanos: 0 personas que apoyan su recuperación." in view.prompts.value
    assert "supportive" not in view.prompts.value
    app.lang_button.click()  # and back to English
    view = app.form.views["people"]
    assert ">Me</text>" in view.picture.svg and "Closest: 0 supportive people." in \
        view.prompts.value


def test_spanish_map_moves_redraw_in_spanish(sheets):
    """After a move in Spanish, the redrawn picture is still Spanish, with the new ring."""
    form = WorksheetForm(sheets["my-support-map"], lang="es", answers={"people": _map_rows()},
                         scheduler=None)
    view = form.views["people"]
    ana = view.value[0]["_row"]
    view.picture._message(None, {"type": "move", "row": ana, "ring": "closest"}, None)
    assert 'aria-label="Ana, los más cercanos, apoya mi recuperación"' in view.picture.svg
    assert "Los más cercanos: 1 persona que apoya su recuperación." in view.prompts.value
