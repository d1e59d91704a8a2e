"""The client's language: chosen on the join screen before the notice, remembered for the
participant, used on the next visit, and saved with every answer."""

from __future__ import annotations

import ipywidgets as w
from support.app import screen_text

from toolkit.widgets.base import walk
from toolkit.widgets.client.app import ClientApp


def language_button(app: ClientApp, code: str) -> w.Button:
    """The join or consent screen's button for the language `code`."""
    [row] = [c for c in app.screen.children if "ws-lang-row" in c._dom_classes]
    [button] = [b for b in row.children if f"ws-lang-{code}" in b._dom_classes]
    return button


def test_join_screen_offers_each_language_in_its_own_name_before_the_code(setup):
    """Before anything else, the join screen shows English and Español as buttons, under a
    label in both languages."""
    store, sheets, _ = setup
    app = ClientApp(store, sheets, scheduler=None)
    assert app.screen_name == "join"
    assert screen_text(app).startswith(
        '<span class="ws-lang-label">Language · Idioma</span> English Español')
    assert "ws-lang-current" in language_button(app, "en")._dom_classes


def test_choosing_espanol_on_the_join_screen_gives_the_spanish_notice_and_remembers_it(setup):
    """Español, then the code: the notice is in Spanish and the choice is stored, although
    nothing has been agreed to (a language is not an answer)."""
    store, sheets, codes = setup
    app = ClientApp(store, sheets, scheduler=None)
    app.code_box.value = codes[0]
    language_button(app, "es").click()
    assert "Escriba el código" in screen_text(app)
    assert app.code_box.value == codes[0]  # the code typed before choosing is kept
    app.join_button.click()
    assert app.screen_name == "consent"
    text = screen_text(app)
    assert "Acepto" in text and "I agree" not in text
    p = store.participant_by_code(codes[0])
    assert store.consented_at(p) is None and p.lang == "es"
    assert app.page_lang.lang == "es"


def test_someone_who_came_by_a_link_chooses_above_the_notice(setup):
    """With the code in the link there is no join screen: the choice is above the notice,
    and Español shows it in Spanish and stores the choice."""
    store, sheets, codes = setup
    app = ClientApp(store, sheets, code=codes[0], scheduler=None)
    assert app.screen_name == "consent" and "I agree" in screen_text(app)
    language_button(app, "es").click()
    assert app.screen_name == "consent" and "Acepto" in screen_text(app)
    assert store.language(store.participant_by_code(codes[0])) == "es"


def test_the_next_visit_with_the_same_code_opens_in_the_chosen_language(setup):
    """A reload or another day: a new app for the same code is in Spanish, page and all."""
    store, sheets, codes = setup
    first = ClientApp(store, sheets, code=codes[0], scheduler=None)
    language_button(first, "es").click()
    first.agree()
    again = ClientApp(store, sheets, code=codes[0], scheduler=None)
    assert again.screen_name == "home"
    assert "Sus hojas de trabajo" in screen_text(again)
    assert again.lang == "es" and again.page_lang.lang == "es"
    assert "Mi taller de recuperación" in again.title.value


def test_switching_language_later_updates_the_remembered_one(setup):
    """The header's language button, once joined, changes what the next visit opens in."""
    store, sheets, codes = setup
    app = ClientApp(store, sheets, code=codes[0], scheduler=None)
    language_button(app, "es").click()
    app.agree()
    app.lang_button.click()  # back to English
    assert app.lang == "en" and app.page_lang.lang == "en"
    assert store.participant_by_code(codes[0]).lang == "en"
    assert ClientApp(store, sheets, code=codes[0], scheduler=None).lang == "en"


def test_the_next_person_on_a_shared_device_gets_their_own_language(setup):
    """After "I'm finished", someone who chose Spanish before opens in Spanish; the one before
    them, who agreed to the English notice without choosing, is remembered in English."""
    store, sheets, codes = setup
    store.set_language(store.participant_by_code(codes[1]), "es")
    app = ClientApp(store, sheets, code=codes[0], scheduler=None)
    app.agree()
    app.finish()
    app.join(codes[1])
    assert app.lang == "es" and "Acepto" in screen_text(app)
    assert store.participant_by_code(codes[0]).lang == "en"


def answer_in(app: ClientApp, ws_id: str, text: str) -> None:
    """Type `text` as the first person to open up to, and save it."""
    app.open_worksheet(ws_id)
    app.form.views["first_person"].box.value = text
    assert app.form.flush()


def test_answers_are_saved_with_the_language_they_were_shown_in(setup):
    """An answer given in Spanish says so in its history."""
    store, sheets, codes = setup
    app = ClientApp(store, sheets, code=codes[0], scheduler=None)
    language_button(app, "es").click()
    app.agree()
    answer_in(app, "opening-up", "Bo")
    p = store.participant_by_code(codes[0])
    assert [v.lang for v in store.history(p, "opening-up", "first_person")] == ["es"]


def test_a_worksheet_without_spanish_text_is_recorded_as_answered_in_english(setup):
    """In the Spanish app, a worksheet with no Spanish text is shown, and saved, in English:
    a score is never marked Spanish when its questions were not."""
    store, sheets, codes = setup
    english_only = dict(sheets)
    english_only["opening-up"] = sheets["opening-up"].model_copy(update={"languages": ["en"]})
    app = ClientApp(store, english_only, code=codes[0], scheduler=None)
    language_button(app, "es").click()
    app.agree()
    answer_in(app, "opening-up", "Bo")
    p = store.participant_by_code(codes[0])
    assert [v.lang for v in store.history(p, "opening-up", "first_person")] == ["en"]


def test_agreeing_without_choosing_keeps_the_language_the_notice_was_read_in(setup):
    """Someone who switched with the header button and agreed is remembered in that language."""
    store, sheets, codes = setup
    app = ClientApp(store, sheets, scheduler=None)
    app.code_box.value = codes[1]
    app.join_button.click()
    assert app.screen_name == "consent"
    app.lang_button.click()  # the header's language button: English -> Español
    [agree] = [b for b in walk(app) if "ws-consent-agree" in getattr(b, "_dom_classes", ())]
    agree.click()
    assert store.language(store.participant_by_code(codes[1])) == "es"


def test_a_reload_keeps_the_language_chosen_on_the_page(setup, monkeypatch):
    """The page's address carries ?lang=es after a choice: a reload before joining opens the
    join screen in Spanish, and joining then keeps Spanish for the participant."""
    from toolkit.widgets.client.app import client_app

    store, _, codes = setup
    monkeypatch.setenv("QUERY_STRING", "lang=es")
    app = client_app()
    assert app.lang == "es" and "Escriba el código" in screen_text(app)
    assert app.page_lang.lang == "es"
    app.join(codes[0])
    assert store.language(store.participant_by_code(codes[0])) == "es"


def test_an_unknown_language_in_the_address_is_ignored(setup, monkeypatch):
    """?lang=xx (or anything made up) leaves the app in its default language."""
    from toolkit.widgets.client.app import client_app

    monkeypatch.setenv("QUERY_STRING", "lang=../../etc")
    assert client_app().lang == "en"


def test_a_phone_set_to_spanish_opens_the_join_screen_in_spanish(setup, monkeypatch):
    """The browser asks for Spanish (Accept-Language, passed on as HTTP_ACCEPT_LANGUAGE): the
    join screen is in Spanish before anyone chooses, and the page says so; nothing is stored
    for anyone until a participant joins and agrees."""
    from toolkit.widgets.client.app import client_app

    store, _, codes = setup
    monkeypatch.setenv("HTTP_ACCEPT_LANGUAGE", "es-MX,es;q=0.9,en;q=0.8")
    app = client_app()
    assert app.lang == "es" and "Escriba el código" in screen_text(app)
    assert app.page_lang.lang == "es"
    assert "ws-lang-current" in language_button(app, "es")._dom_classes
    app.code_box.value = codes[0]
    app.join_button.click()
    assert app.screen_name == "consent" and "Acepto" in screen_text(app)
    assert store.participant_by_code(codes[0]).lang is None  # shown, not chosen
    app.agree()  # agreed to the Spanish notice: remembered in Spanish
    assert store.participant_by_code(codes[0]).lang == "es"


def test_a_participants_own_language_wins_over_the_phones(setup, monkeypatch):
    """Someone who chose English before opens in English by their link, on a Spanish phone."""
    from toolkit.widgets.client.app import client_app

    store, _, codes = setup
    store.set_language(store.participant_by_code(codes[1]), "en")
    monkeypatch.setenv("HTTP_ACCEPT_LANGUAGE", "es-MX,es;q=0.9")
    monkeypatch.setenv("QUERY_STRING", f"code={codes[1]}")
    app = client_app()
    assert app.lang == "en" and "I agree" in screen_text(app)


def test_a_choice_on_the_page_wins_over_the_phones_language(setup, monkeypatch):
    """English chosen on a Spanish phone (the reload's ?lang=en) stays English."""
    from toolkit.widgets.client.app import client_app

    monkeypatch.setenv("HTTP_ACCEPT_LANGUAGE", "es-MX,es;q=0.9")
    monkeypatch.setenv("QUERY_STRING", "lang=en")
    app = client_app()
    assert app.lang == "en" and "Type the join code" in screen_text(app)


def test_a_phone_in_a_language_we_do_not_have_opens_in_english(setup, monkeypatch):
    from toolkit.widgets.client.app import client_app

    monkeypatch.setenv("HTTP_ACCEPT_LANGUAGE", "fr-FR,fr;q=0.9")
    assert client_app().lang == "en"
