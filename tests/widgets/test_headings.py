"""Each client screen has one h1 of its own (the one the browser focuses after a screen
change), and the app's name above the screens is not a heading."""

from __future__ import annotations

import re

import pytest
from support.app import joined

from toolkit.widgets.client.app import ClientApp
from toolkit.widgets.client.consent_screen import _with_h1


def headings(app: ClientApp) -> list[str]:
    """The h1 to h6 on the current screen, in order, as "h1 text"."""
    html = " ".join(str(getattr(w, "value", "")) for w in _walk(app.screen))
    return [f"h{level} {text}" for level, text in re.findall(r"<h([1-6])[^>]*>(.*?)</h\1>", html)]


def _walk(widget: object) -> list[object]:
    out = [widget]
    for child in getattr(widget, "children", ()):
        out += _walk(child)
    return out


def test_join_screen_has_its_own_h1_and_the_title_is_not_a_heading(setup: tuple) -> None:
    """Join: one h1 ("Join your group"); the app's name in the banner is plain text."""
    store, sheets, _ = setup
    app = ClientApp(store, sheets, scheduler=None)
    assert headings(app) == ["h1 Join your group"]
    assert "<h1" not in app.title.value and "My recovery workshop" in app.title.value


@pytest.mark.parametrize("lang", ["en", "es"])
def test_consent_notice_heading_is_the_screens_h1(setup: tuple, lang: str) -> None:
    """The notice's first heading becomes the screen's one h1, in the notice's language."""
    store, sheets, codes = setup
    app = ClientApp(store, sheets, code=codes[0], scheduler=None, lang=lang)
    found = headings(app)
    assert sum(h.startswith("h1 ") for h in found) == 1 and found[0].startswith("h1 ")
    assert ("Before you start" if lang == "en" else "Antes de empezar") in found[0]


def test_a_notice_without_a_heading_gets_a_plain_title() -> None:
    """A clinic's own notice with no heading still gives the screen an h1."""
    assert _with_h1("<p>We keep your answers.</p>", "es").startswith("<h1>Su privacidad</h1>")


def test_home_and_worksheet_have_one_h1_then_h2_sections(setup: tuple) -> None:
    """The list: h1 "Your worksheets"; a worksheet: its title as h1, its sections as h2."""
    store, sheets, codes = setup
    app = joined(store, sheets, codes[0])
    assert headings(app) == ["h1 Your worksheets"]
    app.open_worksheet("opening-up")
    found = headings(app)
    assert found[0] == "h1 Opening up"
    assert [h for h in found if h.startswith("h1")] == ["h1 Opening up"]
    assert all(h.startswith("h2 ") for h in found[1:])
