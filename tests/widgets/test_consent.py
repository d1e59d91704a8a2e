"""The consent and privacy notice: shown first, nothing saved without it, agreed once."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
import sqlalchemy as sa
from support.app import joined, screen_text

from toolkit.store.store import Store
from toolkit.text.consent import default_notice
from toolkit.widgets.client.app import ClientApp

ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.stores  # on SQLite and on PostgreSQL


def answer_rows(store: Store) -> int:
    with store.transaction() as conn:
        return conn.execute(sa.text("SELECT count(*) FROM answers")).scalar()


def test_new_participant_sees_the_notice_first(setup: tuple) -> None:
    """A right code opens the consent notice, not the worksheets; it says who sees what."""
    store, sheets, codes = setup
    app = ClientApp(store, sheets, code=codes[0], scheduler=None)
    assert app.screen_name == "consent"
    text = screen_text(app)
    for words in ("you and your counselor", "never", "42 CFR Part 2", "your choice",
                  "delete your answers", "988", "1-800-662-4357", "I agree", "Not now",
                  "Nothing is saved until"):
        assert words in text, words
    assert "Your worksheets" not in text
    assert "988" in app.footer.value  # the crisis footer stays too


def test_no_worksheet_opens_before_agreeing(setup: tuple) -> None:
    """Asking for home or a worksheet before agreeing shows the notice again."""
    store, sheets, codes = setup
    app = ClientApp(store, sheets, code=codes[0], scheduler=None)
    app.open_worksheet("opening-up")
    assert app.screen_name == "consent" and app.form is None
    app.show_home()
    assert app.screen_name == "consent"


def test_not_now_saves_nothing(setup: tuple) -> None:
    """'Not now' leaves kindly, forgets the participant, and the database holds nothing."""
    store, sheets, codes = setup
    app = ClientApp(store, sheets, code=codes[0], scheduler=None)
    app.screen.children[-1].children[1].click()  # "Not now"
    assert app.participant is None and app.screen_name == "join"
    assert "Nothing was saved" in app.join_message.value
    assert "counselor" in app.join_message.value
    assert app.url.clean == 1  # the code leaves the address bar
    p = store.participant_by_code(codes[0])
    assert store.consented_at(p) is None
    assert answer_rows(store) == 0


def test_i_agree_records_the_time_and_the_text(setup: tuple) -> None:
    """'I agree' records a timestamp (and which wording) and goes on to the worksheets."""
    store, sheets, codes = setup
    app = ClientApp(store, sheets, code=codes[0], scheduler=None)
    before = time.time()
    app.screen.children[-1].children[0].click()  # "I agree"
    p = store.participant_by_code(codes[0])
    agreed = store.consented_at(p)
    assert agreed is not None and before <= agreed <= time.time()
    assert app.screen_name == "home" and "Your worksheets" in screen_text(app)
    assert [e.action for e in store.audit_log()] == ["consented"]
    assert str(p.id) in store.audit_log()[0].target and codes[0] not in str(store.audit_log())


def test_returning_participant_skips_the_notice(setup: tuple) -> None:
    """Someone who agreed before goes straight to their worksheets; the first time is kept."""
    store, sheets, codes = setup
    first = joined(store, sheets, codes[0])
    agreed = store.consented_at(first.participant)
    again = ClientApp(store, sheets, code=codes[0], scheduler=None)
    assert again.screen_name == "home"
    assert store.consented_at(again.participant) == agreed
    other = ClientApp(store, sheets, code=codes[1], scheduler=None)
    assert other.screen_name == "consent"  # consent is per participant


def test_spanish_notice(setup: tuple) -> None:
    """The language button switches the notice and its buttons to Spanish; agreeing then
    records the Spanish text."""
    store, sheets, codes = setup
    app = ClientApp(store, sheets, code=codes[0], scheduler=None)
    app.lang_button.click()
    text = screen_text(app)
    assert app.screen_name == "consent"
    for words in ("usted y su consejero", "42 CFR Parte 2", "Usted decide", "Acepto",
                  "Ahora no", "No se guarda nada"):
        assert words in text, words
    assert app.notice_text == default_notice()["es"]
    app.agree()
    assert "Sus hojas de trabajo" in screen_text(app)


def test_not_now_in_spanish(setup: tuple) -> None:
    """'Ahora no' explains in Spanish that nothing was saved."""
    store, sheets, codes = setup
    app = ClientApp(store, sheets, code=codes[0], lang="es", scheduler=None)
    app.decline()
    assert "No se guardó nada" in app.join_message.value


def test_program_notice_is_shown_and_inert(setup: tuple) -> None:
    """A program's own notice replaces the default; markup in it is shown as text."""
    store, sheets, codes = setup
    notice = {"en": "Riverside Clinic privacy. <script>window.__pwned=1</script>"}
    app = ClientApp(store, sheets, code=codes[0], scheduler=None, consent_notice=notice)
    html = " ".join(getattr(c, "value", "") for c in app.screen.children)  # as sent
    assert "Riverside Clinic privacy" in html and "<script>" not in html
    app.lang_button.click()  # no Spanish text given: the English one is shown
    assert "Riverside Clinic privacy" in screen_text(app)


def test_refused_save_shows_the_notice_not_an_error(setup: tuple) -> None:
    """If consent is missing when a save happens, the notice appears (no error), and the
    answers waiting are saved after 'I agree'."""
    store, sheets, codes = setup
    app = joined(store, sheets, codes[0])
    app.open_worksheet("opening-up")
    with store.transaction() as conn:  # as if consent were withdrawn while the form is open
        conn.execute(sa.text("DELETE FROM consents"))
    app.form.views["first_person"].box.value = "Ana"
    assert app.screen_name == "consent"
    assert app.error_box.layout.display == "none"
    assert answer_rows(store) == 0
    app.agree()
    assert app.screen_name == "form"  # back where they were
    p = store.participant_by_code(codes[0])
    assert store.latest_for(p, "opening-up") == {"first_person": "Ana"}


def test_notice_built_ahead_is_the_one_shown_in_the_right_language(setup: tuple) -> None:
    """A preheated kernel builds the notice before anyone joins (client_app): that screen
    is the one shown and agreeing works; a participant who switched to
    Spanish first gets the Spanish notice, and the next person a fresh one."""
    store, sheets, codes = setup
    app = ClientApp(store, sheets, scheduler=None)
    app.prepare_consent()
    ahead = app._consent_screens["en"][1]
    app.join(codes[0])
    assert app.screen.children == ahead
    app.agree()
    assert store.consented_at(store.participant_by_code(codes[0])) is not None
    assert "Your worksheets" in screen_text(app)

    app.finish()
    app.switch_language()  # the next person reads Spanish, before joining
    app.join(codes[1])
    assert app.screen_name == "consent" and app.screen.children != ahead
    assert "Acepto" in screen_text(app) and "I agree" not in screen_text(app)
