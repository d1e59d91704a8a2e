"""The facilitator dashboard's views, its passphrase gate, idle log-off and audit lines,
driven without a browser (the Print tab: test_print_tab.py)."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import ipywidgets as w
import pytest
from support.clock import FakeLoop

from toolkit.access.passphrase import FREE_TRIES, set_passphrase
from toolkit.store.store import Store
from toolkit.widgets.base import walk
from toolkit.widgets.facilitator.board import Dashboard
from toolkit.widgets.facilitator.gate import FacilitatorDashboard
from toolkit.worksheet.loader import load_folder

ROOT = Path(__file__).resolve().parents[2]
GOOD = "blue kettle on sunday"


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
    """The pre/post tab draws the group's change as an SVG chart; showing it is audited."""
    d, store, _ = board
    d.show_prepost()
    assert "<svg" in d.prepost.value
    entry = store.audit_log()[-1]
    assert (entry.action, entry.target) == ("viewed pre/post", f"session {d.session.id}")


# --- audit lines from the dashboard -----------------------------------------------------------


def test_viewing_a_participant_is_audited_by_id_not_code(board):
    """Showing one participant's answers writes "viewed participant" with the numeric id."""
    d, store, people = board
    d.show_person(people[0].code)
    entry = store.audit_log()[-1]
    assert (entry.action, entry.target, entry.actor) == (
        "viewed participant", f"participant {people[0].id}", "facilitator")
    assert all(p.code not in f"{e.target} {e.detail}" for e in store.audit_log() for p in people)


def test_exports_are_audited_with_tables_and_sensitive_choice(board):
    """Each export writes one audit line naming the files and whether names were included."""
    d, store, _ = board
    d.export()
    d.include_sensitive.value = True
    d.export()
    lines = [e for e in store.audit_log() if e.action == "exported"]
    assert len(lines) == 2 and "long.csv" in lines[0].detail
    assert "sensitive fields left out" in lines[0].detail
    assert "sensitive fields included" in lines[1].detail


def test_audit_log_shows_behind_a_click_and_saves_owner_only_csv(board):
    """The audit tab is empty until clicked; the table, in words, escapes; the CSV (the log's
    own words, for the record) is mode 0600."""
    d, store, people = board
    assert d.audit_view.value == ""
    d.show_person(people[1].code)
    d.show_audit()
    assert "viewed a participant" in d.audit_view.value
    assert f"participant {people[1].id}" in d.audit_view.value and "<table" in d.audit_view.value
    path = d.export_audit()
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    assert "viewed participant" in path.read_text(encoding="utf-8-sig")
    assert store.audit_log()[-1].action == "exported"
    assert store.audit_log()[-1].target == "audit log"


def test_the_dashboard_speaks_spanish_with_its_dates_and_numbers(board, home):
    """In Spanish: the tabs, the grid's marks, the group's counts, answers in words (choice
    labels, not stored values) and the audit log's dates as Spanish writes them."""
    import datetime as dt

    from toolkit.text.formats import long_date

    d, store, people = board
    es = Dashboard(store, d.catalogue, d.session.id, export_dir=home / "exports",
                   scheduler=None, lang="es")
    assert list(es.tabs.titles) == ["Avance", "Vista del grupo", "Un participante",
                                    "Antes y después", "Exportar", "Imprimir",
                                    "Registro de auditoría"]
    assert "✓ terminada" in es.grid.value and "2 participantes." in es.group.value
    es.show_person(people[0].code)
    assert "Los más cercanos" in es.person.value and "closest" not in es.person.value
    es.show_audit()
    assert long_date(dt.date.today(), "es") in es.audit_view.value  # '6 de diciembre de 2026'
    assert "vio las respuestas de un participante" in es.audit_view.value
    es.stop()


@pytest.mark.parametrize(("query", "accept", "heading"), [
    ("", "es-MX,es;q=0.9,en;q=0.8", "Panel del facilitador"),  # the browser's language
    ("lang=en", "es-MX,es;q=0.9", "Facilitator dashboard"),  # the address wins
    ("lang=es", "en-US,en;q=0.9", "Panel del facilitador"),
    ("", "fr-FR", "Facilitator dashboard"),  # not one of ours: English
])
def test_the_dashboard_opens_in_the_browsers_language_unless_the_address_says(
        home, monkeypatch, query, accept, heading):
    """Served by Voila, the gate's first language is ?lang=, else the browser's (its
    Accept-Language, passed on as HTTP_ACCEPT_LANGUAGE), else English."""
    from toolkit.widgets.facilitator.gate import dashboard

    monkeypatch.setenv("QUERY_STRING", query)
    monkeypatch.setenv("HTTP_ACCEPT_LANGUAGE", accept)
    gate = dashboard()
    try:
        assert heading in gate.heading.value
    finally:
        gate.close()


def test_the_facilitator_switches_the_gate_and_dashboard_to_spanish(home):
    """The language choice above the passphrase box changes the page, logged in or not, and
    keeps the facilitator logged in."""
    store = Store.open()
    session = store.create_session("Grupo", ["opening-up"], 1)
    set_passphrase(store, GOOD)
    gate = FacilitatorDashboard(store, load_folder(ROOT / "worksheets"), session.id,
                                scheduler=None)
    gate.language.value = "es"
    assert "Panel del facilitador" in gate.heading.value and gate.page_lang.lang == "es"
    assert "Escriba la frase de acceso" in _texts(gate)
    assert gate.try_login(GOOD)
    gate.language.value = "en"
    assert gate.logged_in and gate.board.lang == "en"
    assert "Facilitator dashboard" in gate.heading.value
    gate.close()


# --- the passphrase gate and idle log-off -----------------------------------------------------


def _texts(widget: w.Widget) -> str:
    """Everything a widget tree would put on the page as text."""
    parts = []
    for x in walk(widget):
        for name in ("value", "description", "placeholder", "options"):
            v = getattr(x, name, None)
            if isinstance(v, str | tuple):
                parts.append(str(v))
    return " ".join(parts)


@pytest.fixture
def gate(board) -> tuple[FacilitatorDashboard, FakeLoop, Store, list]:
    _, store, people = board
    set_passphrase(store, GOOD)
    loop = FakeLoop()
    session = store.sessions()[-1].id
    g = FacilitatorDashboard(store, load_folder(ROOT / "worksheets"), session,
                             idle_seconds=600, refresh=60, scheduler=loop.call_later,
                             clock=loop.clock)
    return g, loop, store, people


def test_gate_shows_nothing_of_the_group_before_log_in(gate):
    """Before the passphrase: a password box, no codes, no counts, no dashboard."""
    g, _, _, people = gate
    assert not g.logged_in and isinstance(g.password, w.Password)
    text = _texts(g)
    for secret in (people[0].code, people[1].code, "participants", "Tuesday group"):
        assert secret not in text


def test_no_passphrase_yet_says_how_to_set_one(board):
    """Without a passphrase the page only says to run `workshop facilitator set-passphrase`."""
    _, store, people = board
    g = FacilitatorDashboard(store, {}, None, scheduler=None)
    assert g.password is None and "workshop facilitator set-passphrase" in g.message.value
    assert people[0].code not in _texts(g)
    set_passphrase(store, GOOD)
    next(x for x in walk(g) if isinstance(x, w.Button) and x.description == "Check again").click()
    assert isinstance(g.password, w.Password)


def test_wrong_passphrase_is_refused_kindly_and_audited(gate):
    """A wrong passphrase says so, opens nothing, clears the box and writes an audit line."""
    g, _, store, _ = gate
    g.password.value = "not the passphrase"
    assert g.try_login() is False
    assert "not right" in g.message.value and g.password.value == "" and not g.logged_in
    assert store.audit_log()[-1].action == "failed log in"
    assert "not the passphrase" not in " ".join(e.detail for e in store.audit_log())


def test_wrong_tries_slow_down_even_the_right_passphrase(gate):
    """After three wrong tries the next one waits (unchecked), with a message saying how long."""
    g, _, _, _ = gate
    for _ in range(FREE_TRIES):
        g.try_login("not the passphrase")
    assert "wait" in g.message.value
    assert g.try_login(GOOD) is False and not g.logged_in
    assert "was not checked" in g.message.value


def test_right_passphrase_opens_the_dashboard_and_audits(gate):
    """The right passphrase (button click) shows the grid and logs "logged in"."""
    g, _, store, people = gate
    g.password.value = GOOD
    next(x for x in walk(g) if "ws-login" in x._dom_classes).click()
    assert g.logged_in and people[0].code in g.board.grid.value
    assert store.audit_log()[-1].action == "logged in"


def test_enter_in_the_box_logs_in(gate):
    """The password box's submit event (Enter) tries the passphrase."""
    g, _, _, _ = gate
    g.password.value = GOOD
    g.password._handle_custom_msg({"event": "submit"}, [])
    assert g.logged_in


def _log_in(g: FacilitatorDashboard) -> Dashboard:
    assert g.try_login(GOOD) is True
    assert g.board is not None
    return g.board


def test_idle_log_off_closes_every_dashboard_widget(gate):
    """Ten quiet minutes: every widget of the dashboard is closed (gone from the page), the
    passphrase box is back, and "logged off" is audited."""
    g, loop, store, people = gate
    board = _log_in(g)
    inner = list(walk(board))
    loop.advance(599)
    assert g.logged_in
    loop.advance(2)
    assert not g.logged_in and all(x.comm is None for x in inner)
    assert isinstance(g.password, w.Password) and people[0].code not in _texts(g)
    entry = store.audit_log()[-1]
    assert entry.action == "logged off" and "10 minutes" in entry.detail


def test_clicks_in_the_dashboard_keep_it_open(gate):
    """A click at minute 9 starts the countdown again: still open at minute 15."""
    g, loop, _, _ = gate
    board = _log_in(g)
    loop.advance(540)
    board.tabs.selected_index = 2
    loop.advance(360)
    assert g.logged_in
    loop.advance(300)
    assert not g.logged_in


def test_activity_from_the_page_keeps_it_open(gate):
    """The page's activity note (clicks, keys anywhere) counts as use; the refresh does not."""
    g, loop, _, _ = gate
    _log_in(g)
    loop.advance(540)
    g.watcher._handle_custom_msg({"active": 1}, [])
    loop.advance(540)
    assert g.logged_in
    loop.advance(120)  # only the live refresh ran in between
    assert not g.logged_in


def test_log_off_button_and_refresh_stops(gate):
    """"Log off" closes the dashboard at once and its refresh is no longer scheduled."""
    g, loop, store, _ = gate
    _log_in(g)
    next(x for x in walk(g) if "ws-logoff" in x._dom_classes).click()
    assert not g.logged_in and store.audit_log()[-1].detail == "log off button"
    loop.advance(60)
    assert not any(not c[2] for c in loop.calls)  # nothing left scheduled


def test_idle_time_must_be_positive(home: Path, monkeypatch: pytest.MonkeyPatch):
    """dashboard() refuses a zero idle time and a nonsense WORKSHOP_FACILITATOR_IDLE_MINUTES."""
    from toolkit import dashboard
    from toolkit.settings.config import ConfigError

    with pytest.raises(ValueError, match="above 0"):
        dashboard(idle_minutes=0)
    monkeypatch.setenv("WORKSHOP_FACILITATOR_IDLE_MINUTES", "ten")
    with pytest.raises(ConfigError, match="WORKSHOP_FACILITATOR_IDLE_MINUTES"):
        dashboard()
    monkeypatch.setenv("WORKSHOP_FACILITATOR_IDLE_MINUTES", "0.5")
    gate = dashboard()
    assert gate.idle_seconds == 30 and not gate.logged_in
    gate.close()


def test_the_dashboard_says_when_answers_travel_unencrypted(home, monkeypatch):
    """Served with --allow-plain-http (the server sets WORKSHOP_PLAIN_HTTP=1 for its kernels),
    every dashboard screen says answers cross the network unencrypted; otherwise nothing."""
    from toolkit.serve.transport import PLAIN_HTTP_ENV
    from toolkit.widgets.facilitator import gate as gate_module

    assert gate_module.PLAIN_HTTP_ENV == PLAIN_HTTP_ENV  # one name for both ends
    store = Store.open()
    quiet = FacilitatorDashboard(store, {}, None, scheduler=None)
    assert quiet.transport.value == ""
    monkeypatch.setenv(PLAIN_HTTP_ENV, "1")
    loud = FacilitatorDashboard(store, {}, None, scheduler=None, lang="es")
    assert "sin cifrar" in loud.transport.value and "workshop tls init" in loud.transport.value
    quiet.close()
    loud.close()
