"""Hostile input typed into the client app in a real Chromium: markup and script stay text, no
script runs, a 1 MB paste gets a message and is not saved, and the valid answers survive."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect
from support.browser import join
from support.hostile import MEGABYTE, NAME, TEXT, cleaned
from support.servers import Server

pytestmark = [pytest.mark.browser, pytest.mark.server]

INJECTION_CHECK = """() => ({
  pwned: typeof window.__pwned !== "undefined",
  imgs: document.querySelectorAll(".ws-app img, .ws-app script").length,
  bolds: [...document.querySelectorAll(".ws-app b")].filter(b => b.textContent === "bold?").length,
})"""


def assert_nothing_ran(page: Any, dialogs: list[str]) -> None:
    assert page.evaluate(INJECTION_CHECK) == {"pwned": False, "imgs": 0, "bolds": 0}
    assert dialogs == []


def open_sheet(page: Any, worksheet_id: str) -> None:
    if page.locator(".ws-back").count():
        page.locator(".ws-back").click()
    page.locator(f".ws-sheet-{worksheet_id} .ws-open").click()
    page.wait_for_selector(".ws-form .ws-item", timeout=30_000)


def wait_saved(page: Any) -> None:
    page.wait_for_selector(".ws-status-saved", timeout=15_000)


def test_hostile_text_is_inert_and_limited(page: Any, server: Server) -> None:
    """Script, <img onerror>, emoji, RTL and control characters in text, long text, a
    support-map name and the plan; a lone surrogate; a 1 MB paste. Nothing runs, the limit
    message shows, and after a reload every valid answer is there exactly."""
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    join(page, server.url, server.codes[0])

    open_sheet(page, "opening-up")
    page.locator(".ws-item-first_person input").fill(NAME)
    page.locator(".ws-item-what_to_share textarea").fill(TEXT)
    wait_saved(page)
    # Half an emoji, as only a script (or a broken keyboard) can type it.
    page.locator(".ws-item-first_person_why textarea").evaluate(
        "el => { el.value = 'half \\ud83d emoji'; "
        "el.dispatchEvent(new Event('input', {bubbles: true})); }")
    page.wait_for_selector(".ws-status-pending", timeout=15_000)
    wait_saved(page)
    page.locator(".ws-item-if_it_goes_badly textarea").fill(MEGABYTE)
    expect(page.locator(".ws-item-if_it_goes_badly .ws-message")).to_contain_text("1000 characters")
    assert_nothing_ran(page, dialogs)

    open_sheet(page, "my-support-map")
    page.locator(".ws-add-row").click()
    page.locator(".ws-row .ws-item-name input").fill(NAME)
    expect(page.locator(".ws-map-entry").first).to_contain_text(NAME)
    wait_saved(page)
    assert_nothing_ran(page, dialogs)

    open_sheet(page, "reach-out-plan")
    person = page.locator(".ws-item-falling_first .ws-person").first
    expect(person).to_contain_text(NAME)
    person.click()
    page.locator(".ws-item-falling_say textarea").fill(TEXT)
    wait_saved(page)
    assert_nothing_ran(page, dialogs)

    page.reload()
    page.wait_for_selector(".ws-open", timeout=90_000)
    open_sheet(page, "opening-up")
    assert page.locator(".ws-item-first_person input").input_value() == NAME
    assert page.locator(".ws-item-what_to_share textarea").input_value() == cleaned(TEXT)
    assert page.locator(".ws-item-first_person_why textarea").input_value() == "half \ufffd emoji"
    assert page.locator(".ws-item-if_it_goes_badly textarea").input_value() == ""  # never saved
    open_sheet(page, "reach-out-plan")
    expect(page.locator(".ws-item-falling_first .ws-selected")).to_contain_text(NAME)
    assert page.locator(".ws-item-falling_say textarea").input_value() == cleaned(TEXT)
    assert_nothing_ran(page, dialogs)
    assert page.locator(".ws-error:visible").count() == 0
