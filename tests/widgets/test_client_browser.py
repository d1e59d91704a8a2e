"""The client app in a real Chromium against a real Voila server, as a new user would use it."""

from __future__ import annotations

import time
from typing import Any

import pytest
from playwright.sync_api import expect
from support.browser import COLD, join
from support.ci import ARTIFACTS
from support.servers import Server

from toolkit.settings.config import Config
from toolkit.store.store import Store

pytestmark = [pytest.mark.browser, pytest.mark.server]

WIDGETS_TIMEOUT = COLD


def only_local(page: Any, server: Server) -> list[str]:
    """Requests that went anywhere but this server (must be none: clinics are offline)."""
    return [u for u in page.requested
            if not (u.startswith(server.url) or u.startswith(("blob:", "data:")))]


def open_sheet(page: Any, worksheet_id: str) -> None:
    page.locator(f".ws-sheet-{worksheet_id} .ws-open").click()
    page.wait_for_selector(".ws-form", timeout=30_000)


def test_answers_survive_a_reload(page: Any, server: Server) -> None:
    """Text, scale and multi-choice answers are saved, and are there again after a reload."""
    join(page, server.url, server.codes[0])
    assert page.locator(".ws-crisis").inner_text().count("988") >= 1
    open_sheet(page, "opening-up")
    page.locator(".ws-item-first_person input").fill("Zebra-Pancake-4417")
    page.locator(".ws-item-readiness .ws-choice", has_text="7").first.click()
    barriers = page.locator(".ws-item-barriers .ws-choice")
    barriers.filter(has_text="judge").click()
    barriers.filter(has_text="Not sure").click()
    page.wait_for_selector(".ws-status-saved", timeout=15_000)
    assert "Saved" in page.locator(".ws-status").inner_text()
    # The same text again: "Saving…" at once (the browser can't know), then the kernel's
    # answer gives "Saved" back although nothing changed.
    page.locator(".ws-item-first_person input").fill("Zebra-Pancake-4417")
    assert page.locator(".ws-status").inner_text().strip() == "Saving…"
    page.wait_for_selector(".ws-status-saved", timeout=15_000)
    at_rest = b"".join(f.read_bytes() for f in server.home.glob("workshop.sqlite*"))
    assert at_rest and b"Zebra-Pancake-4417" not in at_rest  # encrypted on disk

    page.reload()
    page.wait_for_selector(".ws-open", timeout=WIDGETS_TIMEOUT)
    assert "In progress" in page.locator(".ws-sheet-opening-up").inner_text()
    open_sheet(page, "opening-up")
    assert page.locator(".ws-item-first_person input").input_value() == "Zebra-Pancake-4417"
    assert page.locator(".ws-item-readiness .ws-selected").inner_text().strip() == "✓ 7"
    chosen = page.locator(".ws-item-barriers .ws-selected").all_inner_texts()
    assert len(chosen) == 2 and any("judge" in c for c in chosen)
    assert "3 of" in page.locator(".ws-progress").inner_text()
    assert only_local(page, server) == []


def test_wrong_code_gets_a_kind_message(page: Any, server: Server) -> None:
    """An unknown code in the link and a malformed typed code each say what to do, kindly."""
    page.goto(f"{server.url}?code=ZZZ-ZZZ-ZZZ")
    message = page.wait_for_selector(".ws-warning", timeout=WIDGETS_TIMEOUT)
    assert "couldn't find that code" in message.inner_text()
    page.locator(".ws-code input").fill("hello")
    page.locator(".ws-join").click()
    page.wait_for_function(
        "document.querySelector('.ws-warning') && "
        "document.querySelector('.ws-warning').innerText.includes('9 letters')")
    page.locator(".ws-code input").fill(server.codes[1].lower().replace("-", " "))
    page.locator(".ws-join").click()
    page.wait_for_selector(".ws-consent-agree", timeout=30_000)  # a new participant
    assert only_local(page, server) == []


def test_finished_clears_the_screen_and_the_link(page: Any, server: Server) -> None:
    """'I'm finished' returns to the join screen and removes the code from the address bar."""
    join(page, server.url, server.codes[2])
    page.locator(".ws-finished").click()
    page.wait_for_selector(".ws-success", timeout=15_000)
    assert page.locator(".ws-open").count() == 0
    page.wait_for_function("!window.location.search.includes('code=')")


def test_closing_the_tab_stops_its_kernel(browser: Any, server: Server) -> None:
    """A closed tab's kernel is shut down (no leak) via the page's shutdown beacon."""
    before = len(server.kernel_pids())
    context = browser.new_context()
    page = context.new_page()
    join(page, server.url, server.codes[0])
    assert len(server.kernel_pids()) == before + 1
    page.close(run_before_unload=True)
    context.close()
    deadline = time.monotonic() + 20
    while len(server.kernel_pids()) > before and time.monotonic() < deadline:
        time.sleep(0.25)
    assert len(server.kernel_pids()) == before


def test_consent_comes_first_and_only_once(page: Any, server: Server) -> None:
    """A new participant sees the consent notice first (also in Spanish); after "I agree"
    answers save, and a reload goes straight to the worksheets."""
    code = server.codes[3]
    page.goto(f"{server.url}?code={code}")
    page.wait_for_selector(".ws-consent-agree", timeout=WIDGETS_TIMEOUT)
    assert page.locator(".ws-open").count() == 0
    assert "you and your counselor" in page.locator(".ws-consent").inner_text()
    assert "988" in page.locator(".ws-crisis").inner_text()
    page.locator(".ws-lang").click()
    expect(page.locator(".ws-consent-agree")).to_have_text("Acepto")
    expect(page.locator(".ws-consent")).to_contain_text("usted y su consejero")
    page.locator(".ws-consent-agree").click()
    page.wait_for_selector(".ws-open", timeout=30_000)
    store = Store.open(Config.from_env({"WORKSHOP_HOME": str(server.home)}))
    assert store.consented_at(store.participant_by_code(code)) is not None
    page.locator(".ws-lang").click()  # back to English
    open_sheet(page, "opening-up")
    page.locator(".ws-item-first_person input").fill("Ana")
    page.wait_for_selector(".ws-status-saved", timeout=15_000)
    page.reload()
    page.wait_for_selector(".ws-open", timeout=WIDGETS_TIMEOUT)
    assert page.locator(".ws-consent").count() == 0
    assert store.latest_for(store.participant_by_code(code), "opening-up") == {
        "first_person": "Ana"}


def type_code(page: Any, code: str) -> None:
    page.locator(".ws-code input").fill(code)
    page.locator(".ws-join").click()


def test_wrong_codes_count_per_browser_across_tabs(browser: Any, server: Server) -> None:
    """Wrong codes are counted by the browser's cookie, so a new tab continues the count; the
    6th wrong code disables Join with a countdown, which then gives the button back."""
    context = browser.new_context(viewport={"width": 360, "height": 780})
    try:
        first = context.new_page()
        first.goto(server.url)
        first.wait_for_selector(".ws-code input", timeout=WIDGETS_TIMEOUT)
        key = next(c["value"] for c in context.cookies() if c["name"] == "workshop_client")
        store = Store.open(Config.from_env({"WORKSHOP_HOME": str(server.home)}))

        def counted(n: int) -> bool:
            deadline = time.monotonic() + 10
            while len(store.failed_joins(key, since=0)) < n and time.monotonic() < deadline:
                time.sleep(0.1)
            return len(store.failed_joins(key, since=0)) == n

        for n in range(1, 4):
            type_code(first, "ZZZ-ZZZ-ZZZ")
            assert counted(n)
        expect(first.locator(".ws-warning")).to_contain_text("couldn't find that code")
        first.close()

        second = context.new_page()  # a new tab: a new kernel, the same browser
        second.goto(server.url)
        second.wait_for_selector(".ws-code input", timeout=WIDGETS_TIMEOUT)
        for _ in range(3):
            expect(second.locator(".ws-join")).to_be_enabled()
            type_code(second, "ZZZ-ZZZ-ZZZ")
        expect(second.locator(".ws-warning")).to_contain_text("Please wait", timeout=15_000)
        expect(second.locator(".ws-join")).to_be_disabled()
        assert counted(6)
        expect(second.locator(".ws-info")).to_contain_text("try your code again now",
                                                           timeout=10_000)
        expect(second.locator(".ws-join")).to_be_enabled()
    finally:
        context.close()


def in_sight(page: Any, selector: str) -> bool:
    """Whether the whole of the element is inside the phone's screen right now."""
    box = page.locator(selector).bounding_box()
    view = page.viewport_size
    return (box is not None and box["y"] >= 0 and box["y"] + box["height"] <= view["height"]
            and box["x"] >= 0 and box["x"] + box["width"] <= view["width"])


def test_consent_buttons_in_sight_on_a_phone(page: Any, server: Server) -> None:
    """On a 360x780 phone, "I agree" and "Not now" are on screen at once, stay there while the
    notice is scrolled, and cover none of the crisis lines at the end of the page."""
    page.goto(f"{server.url}?code={server.codes[1]}")  # not agreed (see the wrong-code test)
    page.wait_for_selector(".ws-consent-agree", timeout=WIDGETS_TIMEOUT)
    assert page.viewport_size == {"width": 360, "height": 780}
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "consent_360x780.png"))
    for where in ("top", "middle"):
        assert in_sight(page, ".ws-consent-agree"), where
        assert in_sight(page, ".ws-consent-decline"), where
        assert page.locator(".ws-consent-agree").bounding_box()["height"] >= 44
        page.locator(".ws-consent li").nth(4).scroll_into_view_if_needed()
    # To the very end of the page, whichever box scrolls it (as a finger would: only boxes
    # that scroll, and the page itself; Voila's layout boxes clip, and moving those would not
    # be a real scroll).
    page.locator(".ws-crisis").evaluate("""el => {
      for (let e = el; e; e = e.parentElement) {
        if (/auto|scroll/.test(getComputedStyle(e).overflowY)) e.scrollTop = e.scrollHeight;
      }
      document.scrollingElement.scrollTop = document.scrollingElement.scrollHeight;
    }""")
    bar = page.locator(".ws-consent-buttons").bounding_box()
    crisis = page.locator(".ws-crisis").bounding_box()
    page.screenshot(path=str(ARTIFACTS / "consent_end_360x780.png"))
    assert in_sight(page, ".ws-consent-agree") and in_sight(page, ".ws-crisis")
    assert crisis["y"] + crisis["height"] <= bar["y"]  # not under the bar
