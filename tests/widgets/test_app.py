"""The client app's screens: join, home with status marks, a worksheet, finish; errors shown."""

from __future__ import annotations

from pathlib import Path

import pytest
from support.app import joined, screen_text

from toolkit.store.demo import WORKSHOP_ORDER
from toolkit.widgets.client.app import ClientApp, worksheet_status

ROOT = Path(__file__).resolve().parents[2]


def test_unknown_and_malformed_codes_are_explained(setup: tuple) -> None:
    """A malformed code and an unknown code each get their own kind message."""
    store, sheets, _ = setup
    app = ClientApp(store, sheets, code="hello", scheduler=None)
    assert "doesn't look quite right" in screen_text(app)
    app.join("ZZZ-ZZZ-ZZZ")
    assert "couldn't find that code" in screen_text(app)
    assert app.participant is None


def test_home_lists_the_session_worksheets_in_order(setup: tuple) -> None:
    """The home screen lists the session's worksheets, all 'Not started' at first."""
    store, sheets, codes = setup
    app = joined(store, sheets, codes[0])
    assert app.worksheet_ids() == list(WORKSHOP_ORDER)
    assert screen_text(app).count("Not started") == len(WORKSHOP_ORDER)


def test_answers_persist_and_mark_progress(setup: tuple) -> None:
    """An answer given in one app is there in a fresh app for the same code, marked in progress."""
    store, sheets, codes = setup
    app = joined(store, sheets, codes[0])
    app.open_worksheet("mspss")
    app.form.views["item3"].buttons[2].click()
    app.show_home()
    again = joined(store, sheets, codes[0].lower())
    assert "In progress" in screen_text(again)
    again.open_worksheet("mspss")
    assert again.form.views["item3"].value == 3
    other = joined(store, sheets, codes[1])
    other.open_worksheet("mspss")
    assert other.form.views["item3"].value is None


def test_mark_done(setup: tuple) -> None:
    """'I'm done with this worksheet' shows it as Done on the home screen."""
    store, sheets, codes = setup
    app = joined(store, sheets, codes[0])
    app.open_worksheet("opening-up")
    app.screen.children[-1].click()
    assert "Done" in screen_text(app)
    assert worksheet_status(sheets["opening-up"], {}) == "not_started"


def test_finished_forgets_the_participant(setup: tuple) -> None:
    """'I'm finished' saves, forgets who was here and asks the URL to be cleaned."""
    store, sheets, codes = setup
    app = joined(store, sheets, codes[0])
    app.open_worksheet("opening-up")
    app.form.views["first_person"].box.value = "Ana"
    app.finish()
    assert app.participant is None and app.form is None
    assert app.url.clean == 1
    assert "ready for the next person" in app.join_message.value
    assert store.latest_for(store.participant_by_code(codes[0]), "opening-up") == {
        "first_person": "Ana"}


def test_callback_errors_are_shown_on_the_page(setup: tuple,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    """An exception inside a button callback appears on the page instead of vanishing."""
    store, sheets, codes = setup
    app = joined(store, sheets, codes[0])
    app.open_worksheet("mspss")

    def broken(*_a: object, **_k: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(store, "latest", broken)
    app.screen.children[0].click()  # "All worksheets" needs store.latest
    assert app.error_box.layout.display == ""
    assert "Something went wrong" in app.error_box.value and "RuntimeError" in app.error_box.value
    app.close()


def test_every_screen_shows_crisis_lines(setup: tuple) -> None:
    """The crisis resources stay on the join, consent, home and worksheet screens."""
    store, sheets, codes = setup
    app = ClientApp(store, sheets, scheduler=None)
    for step in (lambda: None, lambda: app.join(codes[0]), app.agree,
                 lambda: app.open_worksheet("mspss")):
        step()
        assert "988" in app.footer.value and "1-800-662-4357" in app.footer.value
        assert app.footer in app.children


def test_spanish_switch(setup: tuple) -> None:
    """The language button switches the app's own words and the crisis lines to Spanish."""
    store, sheets, codes = setup
    app = joined(store, sheets, codes[0])
    app.lang_button.click()
    assert "Sus hojas de trabajo" in screen_text(app)
    assert "Línea" in app.footer.value


def test_code_from_the_page_url(monkeypatch: pytest.MonkeyPatch) -> None:
    """The join code comes from ?code= in the URL Voila was asked for; none without it."""
    import toolkit.widgets as public
    from toolkit.widgets.client.app import code_from_request

    monkeypatch.setenv("VOILA_PREHEAT", "False")
    monkeypatch.setenv("QUERY_STRING", "code=ABC-DEF-GHJ&x=1")
    assert code_from_request() == "ABC-DEF-GHJ"
    monkeypatch.setenv("QUERY_STRING", "")
    assert code_from_request() is None
    assert public.code_from_request is code_from_request and public.ClientApp is ClientApp


def _live() -> dict[str, object]:
    """Every widget the kernel still holds: what a page opened now is sent, one model each
    (ipywidgets answers a page's request for the widget state from this registry)."""
    from ipywidgets.widgets.widget import _instances

    return dict(_instances)


def _shown(app: ClientApp) -> set[int]:
    from toolkit.widgets.base import _tree

    return set(_tree([app]))


def test_a_page_is_sent_only_the_screen_it_shows(setup: tuple) -> None:
    """A returning client's page gets the home screen only: not the join screen that was
    built before the code was known, nor the notice built ahead. Going to worksheets and back
    keeps only the screen before the current one open (a tap on its way still works), so the
    widgets do not pile up."""
    store, sheets, codes = setup
    joined(store, sheets, codes[0])  # agreed to the notice once
    before = set(_live())
    app = ClientApp(store, sheets, scheduler=None)
    app.prepare_consent()  # as a warm kernel does, before anyone joins
    join_box = app.code_box
    app.join(codes[0])
    new = {k: x for k, x in _live().items() if k not in before}
    assert {id(x) for x in new.values()} <= _shown(app)
    assert join_box.comm is None  # closed: the page is never sent it

    def round_trip() -> int:
        app.open_worksheet("opening-up")
        app.show_home()
        app.open_worksheet("mspss")
        app.show_home()
        return len([k for k in _live() if k not in before])

    first = round_trip()
    assert round_trip() == first  # nothing piles up
    app.finish()
    assert len([k for k in _live() if k not in before]) < first


def test_a_tap_on_the_screen_just_replaced_still_works(setup: tuple) -> None:
    """A tap sent from the screen the page showed a moment ago (the language switched just
    before) still opens the worksheet."""
    store, sheets, codes = setup
    app = joined(store, sheets, codes[0])
    old_open = next(b for b in _shown_widgets(app) if "ws-open" in getattr(b, "_dom_classes", ()))
    app.switch_language()
    assert old_open.comm is not None  # still open: the page's tap reaches the kernel
    old_open.click()
    assert app.screen_name == "form"
    app.show_home()
    assert old_open.comm is None  # two screens on, it is closed


def _shown_widgets(app: ClientApp) -> list:
    from toolkit.widgets.base import _tree

    return list(_tree([app]).values())
