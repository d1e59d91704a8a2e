"""WCAG 2.2 AA in a real Chromium against one served group: axe-core on every client screen in
English and Spanish at 360 and 1280 px, reflow at 320 px and at 200% zoom, tap targets, and a
worksheet of every item type done with the keyboard alone."""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import expect
from support.axe import findings, report
from support.browser import COLD
from support.layout import focus as page_focus
from support.layout import layout_problems, small_targets
from support.screens import client_screens
from support.servers import Server, start_server, stop_server
from support.waiting import until
from support.worksheets import shipped

from toolkit.settings.config import Config
from toolkit.store.demo import WORKSHOP_ORDER
from toolkit.store.store import Store
from toolkit.text.strings import ui

pytestmark = [pytest.mark.browser, pytest.mark.server]

LANGS = ["en", "es"]
WIDTHS = [360, 1280]  # a phone, a laptop
NARROW = [{"width": 320, "height": 700}, {"width": 640, "height": 400}]
"""Reflow: the narrowest phone, and what a 1280 by 800 window lays out at 200% zoom (half as
many CSS pixels each way)."""
TARGET = 44  # px: the client's buttons, at least this wide and tall


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """One served group for the module: a participant for each walk and one for the keyboard."""
    home = tmp_path_factory.mktemp("a11y") / "home"
    os.environ.pop("WORKSHOP_DB", None)
    store = Store.open(Config.from_env({"WORKSHOP_HOME": str(home)}))
    session = store.create_session("A11y group", list(WORKSHOP_ORDER), len(LANGS) + 1)
    srv = start_server(home)
    try:
        srv.codes = [p.code for p in store.participants(session.id)]
        yield srv
    finally:
        stop_server(srv)


def question(worksheet: str, item: str) -> str:
    return next(i for i in shipped(worksheet).items() if i.id == item).text["en"]  # type: ignore[index]


def _store(server: Server) -> Store:
    return Store.open(Config.from_env({"WORKSHOP_HOME": str(server.home)}))


@pytest.mark.parametrize("lang", LANGS)
def test_every_client_screen_passes_axe_and_reflows(browser: Any, server: Server,
                                                    lang: str) -> None:
    """Join, a wrong code, consent, the list, each of the nine worksheets with answers and the
    finished screen, each at 360 and 1280 px: no serious or critical axe finding and no
    landmark or heading finding; at 320 px and at 200% zoom nothing scrolls sideways or is cut
    off; every button is at least 44 by 44 px."""
    context = browser.new_context(viewport={"width": WIDTHS[0], "height": 800})
    page = context.new_page()
    problems: list[str] = []
    screens = 0
    try:
        code = server.codes[LANGS.index(lang)]
        for screen in client_screens(page, server.url, code, lang, _store(server)):
            screens += 1
            assert page.evaluate("() => document.documentElement.lang") == lang
            assert page.title() == ui("app_title", lang)
            for width in WIDTHS:
                page.set_viewport_size({"width": width, "height": 800})
                page.wait_for_timeout(100)
                found = findings(page)
                if found:
                    problems.append(report(f"{lang} {width} {screen}", found))
                problems += [f"{lang} {width} {screen}: button under {TARGET} px: {p}"
                             for p in small_targets(page, TARGET)]
            for size in NARROW:
                problems += [f"{lang} {size['width']} px {screen}: {p}"
                             for p in layout_problems(page, size)]
    finally:
        context.close()
    assert screens == 14
    assert not problems, "\n".join(problems)


# --- keyboard alone ------------------------------------------------------------------------


class Keys:
    """The keyboard, and what every Tab must do: move the focus on, show it with a ring, and
    never leave it under the fixed bar."""

    def __init__(self, page: Any) -> None:
        self.page = page

    def to(self, selector: str, *, back: bool = False, most: int = 60) -> None:
        """Tab (or Shift+Tab) until the focus is on an element matching `selector`."""
        key = "Shift+Tab" if back else "Tab"
        seen: dict[str, Any] | None = None
        for _ in range(most):
            self.page.keyboard.press(key)
            focus = page_focus(self.page)
            assert focus is not None, f"{key} left the focus nowhere (looking for {selector})"
            # A date box is three fields (month, day, year) that Tab goes through in turn.
            assert seen is None or focus["key"] != seen["key"] or focus["type"] == "date", \
                f"{key} did not move the focus from {focus['text']!r}"
            assert focus["ring"], f"no visible focus ring ({focus['outline']}): {focus['html']}"
            assert not focus["hidden"], f"focus hidden under the bar: {focus['text']!r}"
            seen = focus
            if self.page.evaluate("(s) => document.activeElement.matches(s)", selector):
                return
        raise AssertionError(f"{most} presses of {key} never reached {selector}")

    def press(self, *keys: str) -> None:
        for k in keys:
            self.page.keyboard.press(k)

    def type(self, text: str) -> None:
        self.page.keyboard.type(text)

    def focused(self, selector: str) -> None:
        """Wait until the app itself has put the focus on `selector`."""
        until(lambda: self.page.evaluate("(s) => document.activeElement.matches(s)", selector),
              f"the focus on {selector}", 15)

    def on_heading(self) -> None:
        """After a screen change the focus is on the new screen's h1."""
        until(lambda: self.page.evaluate(
            "() => document.activeElement && document.activeElement.tagName === 'H1'"),
            "the focus moved to the new screen's h1", 15)

    def open(self, worksheet: str) -> None:
        self.page.locator(f".ws-sheet-{worksheet} .ws-open").wait_for(timeout=30_000)
        self.to(f".ws-sheet-{worksheet} .ws-open")
        self.press("Enter")
        self.page.locator(".ws-form .ws-title").wait_for(timeout=30_000)
        self.on_heading()

    def home(self) -> None:
        self.to(".ws-back", back=True, most=120)
        self.press("Enter")
        self.page.locator(".ws-open").first.wait_for(timeout=30_000)
        self.on_heading()


def test_a_worksheet_of_every_item_type_with_the_keyboard_alone(browser: Any,
                                                                 server: Server) -> None:
    """Consent, the support map (add, edit, closer, further, remove), a scale, a multi choice
    with Other, texts, a date, a number, yes/no/not sure, a repeat row and a person pick, with
    Tab, Shift+Tab, arrows, Space and Enter only: each saved; focus always visible, never
    under the bar, on the new h1 after each screen change."""
    context = browser.new_context(viewport={"width": 360, "height": 780})
    page = context.new_page()
    store, code = _store(server), server.codes[len(LANGS)]
    keys = Keys(page)

    def saved(worksheet: str, item: str, check: Any = bool) -> Any:
        def stored() -> Any:
            value = store.latest_for(store.participant_by_code(code), worksheet).get(item)
            return value if value is not None and check(value) else None
        return until(stored, f"{worksheet}/{item} saved", 20)

    try:
        page.goto(f"{server.url}?code={code}")
        page.locator(".ws-consent-agree").wait_for(timeout=COLD)
        keys.to(".ws-consent-agree")
        keys.press("Enter")
        keys.on_heading()

        keys.open("my-support-map")
        keys.to(".ws-item-people .ws-add-row")
        keys.press("Enter")
        keys.focused(".ws-item-people .ws-row .ws-item-name input")  # the new row's first field
        keys.type("Rosa")
        keys.to(".ws-item-people .ws-item-kind .ws-choice")  # single choice: first is chosen
        keys.press("Space")
        keys.to(".ws-item-people .ws-item-supports_recovery .ws-choice")
        keys.press("Space")  # Yes
        saved("my-support-map", "people", lambda rows: rows[0].get("name") == "Rosa"
              and rows[0].get("supports_recovery") == "yes" and rows[0].get("kind"))
        entry = page.locator('.ws-map-entry:has-text("Rosa")')
        keys.to('.ws-map-entry[data-ring="wider"] .ws-map-closer', back=True)
        keys.press("Enter")
        saved("my-support-map", "people", lambda rows: rows[0].get("ring") == "close")
        page.wait_for_function(
            "() => document.querySelector('.ws-map-entry').dataset.ring === 'close'")
        keys.to(".ws-map-entry .ws-map-further")
        keys.press("Enter")
        saved("my-support-map", "people", lambda rows: rows[0].get("ring") == "wider")
        assert entry.get_attribute("data-ring") in ("wider", "close")
        keys.to(".ws-item-people .ws-add-row")  # a second person, then removed
        keys.press("Enter")
        keys.focused(".ws-item-people .ws-row:nth-child(2) .ws-item-name input")
        keys.type("Sam")
        saved("my-support-map", "people", lambda rows: len(rows) == 2)
        keys.to(".ws-item-people .ws-row:nth-child(2) .ws-remove-row", back=True)
        keys.press("Enter")
        saved("my-support-map", "people", lambda rows: len(rows) == 1)
        keys.focused(".ws-item-people .ws-add-row")  # not lost at the top of the page
        keys.to(".ws-item-people .ws-item-name input", back=True)  # edit the name
        keys.press("End")
        keys.type(" M")
        saved("my-support-map", "people", lambda rows: rows[0].get("name") == "Rosa M")
        keys.home()

        keys.open("opening-up")
        # What a screen reader finds: each question names its group or box, the status speaks.
        scale = page.get_by_role("radiogroup", name=question("opening-up", "readiness"))
        assert scale.get_by_role("radio").count() == 11
        expect(page.get_by_role("group", name=question("opening-up", "barriers"))
               .get_by_role("checkbox", name="Other", exact=True)).to_be_visible()
        expect(page.get_by_role("textbox", name=question("opening-up", "first_person")))\
            .to_be_visible()
        expect(page.get_by_role("banner")).to_have_count(1)
        expect(page.get_by_role("main")).to_have_count(1)
        expect(page.get_by_role("complementary", name=ui("crisis_title", "en"))).to_be_visible()
        expect(page.locator(".ws-status[role=status][aria-live=polite]")).to_have_count(1)
        keys.to(".ws-item-readiness .ws-choice")  # a scale: one stop, arrows choose
        keys.press("ArrowRight", "ArrowRight", "ArrowRight")
        saved("opening-up", "readiness", lambda v: v == 3)
        expect(scale.get_by_role("radio", name="3", exact=True)).to_have_attribute(
            "aria-checked", "true")
        keys.press("Shift+Tab", "Tab")  # back into the group: on the chosen one
        assert page.evaluate("() => document.activeElement.getAttribute('aria-checked')") == "true"
        keys.to(".ws-item-barriers .ws-choice:last-child")  # multi choice: Other
        keys.press("Space")
        page.locator(".ws-item-barriers .ws-other input").wait_for(timeout=15_000)
        keys.to(".ws-item-barriers .ws-other input")
        keys.type("Shame")
        saved("opening-up", "barriers.other", lambda v: v == "Shame")
        keys.to(".ws-item-first_person input")
        keys.type("Ana")
        keys.to(".ws-item-what_to_share textarea")
        keys.type("That I want to stop")
        keys.to(".ws-item-planned_date input")
        keys.type("12062026")
        saved("opening-up", "first_person", lambda v: v == "Ana")
        saved("opening-up", "what_to_share", lambda v: v == "That I want to stop")
        saved("opening-up", "planned_date", lambda v: v == "2026-12-06")
        keys.home()

        keys.open("meetings-plan")
        keys.to(".ws-item-meetings_planned input")
        keys.type("4")
        keys.to(".ws-item-change_plan .ws-choice")
        keys.press("Space")
        saved("meetings-plan", "meetings_planned", lambda v: v == 4)
        saved("meetings-plan", "change_plan", lambda v: v == "yes")
        keys.home()

        keys.open("leap-of-faith")
        keys.to(".ws-item-steps .ws-add-row")
        keys.press("Enter")
        keys.focused(".ws-item-steps .ws-item-step input")
        keys.type("Call my sister")
        saved("leap-of-faith", "steps", lambda rows: rows[-1].get("step") == "Call my sister")
        keys.home()

        keys.open("reach-out-plan")
        keys.to(".ws-item-falling_first .ws-person")
        keys.press("Space")
        row = saved("reach-out-plan", "falling_first")
        person = page.locator(".ws-item-falling_first .ws-selected")
        assert re.search("Rosa M", person.inner_text())
        assert row

        # Reloaded (with the code again: the address no longer holds it), every answer is
        # back on the page, not only in the store.
        page.goto(f"{server.url}?code={code}")
        page.locator(".ws-sheet").first.wait_for(timeout=COLD)
        keys.open("opening-up")
        expect(page.locator(".ws-item-first_person input")).to_have_value("Ana")
        expect(page.locator(".ws-item-what_to_share textarea")).to_have_value(
            "That I want to stop")
        expect(page.locator(".ws-item-planned_date input")).to_have_value("2026-12-06")
        expect(page.locator(".ws-item-barriers .ws-other input")).to_have_value("Shame")
        expect(scale.get_by_role("radio", name="3", exact=True)).to_have_attribute(
            "aria-checked", "true")
        keys.home()
        keys.open("my-support-map")
        expect(page.locator('.ws-map-entry:has-text("Rosa M")')).to_be_visible()
        keys.home()
        keys.open("meetings-plan")
        expect(page.locator(".ws-item-meetings_planned input")).to_have_value("4")
        keys.home()
        keys.open("reach-out-plan")
        expect(page.locator(".ws-item-falling_first .ws-selected")).to_contain_text("Rosa M")
    finally:
        context.close()
