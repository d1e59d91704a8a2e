"""A Spanish-speaking new user, in a real Chromium against a real Voila server: chooses Español
before the consent notice, answers one item of every type, reloads, and never meets English."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest
from playwright.sync_api import expect
from support.browser import COLD
from support.ci import ARTIFACTS
from support.servers import Server
from support.visible import (
    app_english,
    consent_english,
    english_left,
    visible_text,
    worksheet_english,
)
from support.waiting import until
from support.worksheets import SHIPPED, shipped

from toolkit.settings.config import Config
from toolkit.store.store import Store
from toolkit.text.languages import LANGUAGES

pytestmark = [pytest.mark.browser, pytest.mark.server]

SAVE = 15_000  # ms: one answer, from the keyboard to the store
PROPER_NAMES = ["SAMHSA", "988", "Lifeline", *LANGUAGES.values()]
"""English allowed on a Spanish screen: names of programs, and the language chooser, which names
each language in itself ("English") under a label in every language ("Language · Idioma")."""
CHOOSER_LABEL = "Language · Idioma"

# What the client types: theirs, so allowed in any language on the screens that show it.
PERSON = "Marisol"
OTHER = "Me da vergüenza"
FIRST_PERSON = "Tía Rosa"
TO_SHARE = "Que quiero dejar de consumir"
STEP = "Llamar a mi hermana el lunes"
DATE = "2026-12-06"
TYPED = [PERSON, OTHER, FIRST_PERSON, TO_SHARE, STEP]


def english_on(page: Any, screen: str, english: list[str], allowed: list[str]) -> list[str]:
    """The English strings on the page now, each named with the screen it was found on."""
    extra = [CHOOSER_LABEL, *PROPER_NAMES, *allowed]
    return [f"{screen}: {text!r}" for text in english_left(visible_text(page), english, extra)]


class Client:
    """One participant's answers as the store holds them, and the page's save status."""

    def __init__(self, page: Any, server: Server, code: str) -> None:
        self.page = page
        self.store = Store.open(Config.from_env({"WORKSHOP_HOME": str(server.home)}))
        self.code = code

    def saved(self, worksheet: str, item: str, check: Callable[[Any], bool]) -> Any:
        """Wait until the store holds an answer to `item` that passes `check`, and the page
        says it is saved, in Spanish."""
        def stored() -> Any:
            p = self.store.participant_by_code(self.code)
            value = self.store.latest_for(p, worksheet).get(item)
            return value if value is not None and check(value) else None

        value = until(stored, f"{worksheet}/{item} saved", SAVE / 1000)
        expect(self.page.locator(".ws-status")).to_have_text("Guardado", timeout=SAVE)
        return value


def open_sheet(page: Any, worksheet: str) -> None:
    page.locator(f".ws-sheet-{worksheet} .ws-open").click(timeout=COLD)
    page.wait_for_selector(".ws-form", timeout=30_000)


def back_home(page: Any) -> None:
    page.locator(".ws-back").click()
    page.locator(".ws-open").first.wait_for(timeout=30_000)


def button(page: Any, item: str, label: str) -> Any:
    """An item's choice button by its exact label (a ✓ is added once chosen)."""
    return page.locator(f".ws-item-{item} .ws-choice").filter(
        has_text=re.compile(rf"^(✓ )?{label}$"))


def answer_everything(page: Any, client: Client) -> list[str]:
    """One item of every type, each waited for until saved; the English met on the way."""
    found: list[str] = []
    app = app_english()

    open_sheet(page, "my-support-map")  # the map: a person added through the list, moved closer
    page.locator(".ws-item-people .ws-add-row").click()
    row = page.locator(".ws-item-people .ws-row").last
    row.locator(".ws-item-name input").fill(PERSON)
    button(page, "supports_recovery", "Sí").click()
    page.wait_for_selector(f'.ws-map-entry:has-text("{PERSON}")')
    client.saved("my-support-map", "people",
                 lambda rows: rows[0].get("name") == PERSON
                 and rows[0].get("supports_recovery") == "yes")
    entry = page.locator(f'.ws-map-entry:has-text("{PERSON}")')
    assert entry.get_attribute("data-ring") == "wider"
    entry.locator(".ws-map-closer").focus()
    page.keyboard.press("Enter")
    expect(entry).to_have_attribute("data-ring", "close", timeout=SAVE)
    client.saved("my-support-map", "people", lambda rows: rows[0].get("ring") == "close")
    found += english_on(page, "my-support-map", app + worksheet_english(
        shipped("my-support-map")), [PERSON])
    back_home(page)

    open_sheet(page, "opening-up")  # a scale, a choice with "other", texts, a date
    button(page, "readiness", "7").click()
    client.saved("opening-up", "readiness", lambda v: v == 7)
    button(page, "barriers", "Otro").click()
    page.locator(".ws-item-barriers .ws-other input").fill(OTHER)
    client.saved("opening-up", "barriers.other", lambda v: v == OTHER)
    page.locator(".ws-item-first_person input").fill(FIRST_PERSON)
    client.saved("opening-up", "first_person", lambda v: v == FIRST_PERSON)
    page.locator(".ws-item-what_to_share textarea").fill(TO_SHARE)
    client.saved("opening-up", "what_to_share", lambda v: v == TO_SHARE)
    page.locator(".ws-item-planned_date input").fill(DATE)
    client.saved("opening-up", "planned_date", lambda v: v == DATE)
    found += english_on(page, "opening-up", app + worksheet_english(shipped("opening-up")),
                        [OTHER, FIRST_PERSON, TO_SHARE])
    ARTIFACTS.mkdir(exist_ok=True)  # to read at a phone's width: the end, then the top
    page.screenshot(path=str(ARTIFACTS / "spanish-opening-up-end-360.png"))
    page.locator(".ws-item-readiness").scroll_into_view_if_needed()
    page.screenshot(path=str(ARTIFACTS / "spanish-opening-up-360.png"))
    back_home(page)

    open_sheet(page, "leap-of-faith")  # a repeat: a row added and filled
    page.locator(".ws-item-steps .ws-add-row").click()
    page.locator(".ws-item-steps .ws-row .ws-item-step input").last.fill(STEP)
    client.saved("leap-of-faith", "steps", lambda rows: rows[-1].get("step") == STEP)
    found += english_on(page, "leap-of-faith", app + worksheet_english(
        shipped("leap-of-faith")), [STEP])
    back_home(page)

    open_sheet(page, "meetings-plan")  # a number, and yes / no / not sure
    page.locator(".ws-item-meetings_planned input").fill("4")
    client.saved("meetings-plan", "meetings_planned", lambda v: v == 4)
    button(page, "change_plan", "Sí").click()
    client.saved("meetings-plan", "change_plan", lambda v: v == "yes")
    found += english_on(page, "meetings-plan", app + worksheet_english(
        shipped("meetings-plan")), [])
    back_home(page)

    open_sheet(page, "reach-out-plan")  # a person picked from the map
    page.locator(".ws-item-falling_first .ws-person", has_text=PERSON).click()
    client.saved("reach-out-plan", "falling_first", lambda v: bool(v))
    found += english_on(page, "reach-out-plan", app + worksheet_english(
        shipped("reach-out-plan")), [PERSON])
    back_home(page)
    return found


def answers_are_back(page: Any) -> None:
    """After a reload: every answer given above is on screen again."""
    open_sheet(page, "my-support-map")
    expect(page.locator(f'.ws-map-entry:has-text("{PERSON}")')).to_have_attribute(
        "data-ring", "close")
    assert page.locator(".ws-item-people .ws-item-name input").first.input_value() == PERSON
    back_home(page)
    open_sheet(page, "opening-up")
    expect(button(page, "readiness", "7")).to_have_class(re.compile("ws-selected"))
    expect(button(page, "barriers", "Otro")).to_have_text("✓ Otro")
    assert page.locator(".ws-item-barriers .ws-other input").input_value() == OTHER
    assert page.locator(".ws-item-first_person input").input_value() == FIRST_PERSON
    assert page.locator(".ws-item-what_to_share textarea").input_value() == TO_SHARE
    assert page.locator(".ws-item-planned_date input").input_value() == DATE
    back_home(page)
    open_sheet(page, "leap-of-faith")
    assert page.locator(".ws-item-steps .ws-item-step input").last.input_value() == STEP
    back_home(page)
    open_sheet(page, "meetings-plan")
    assert page.locator(".ws-item-meetings_planned input").input_value() == "4"
    expect(button(page, "change_plan", "Sí")).to_have_text("✓ Sí")
    back_home(page)
    open_sheet(page, "reach-out-plan")
    expect(page.locator(".ws-item-falling_first .ws-selected")).to_contain_text(PERSON)
    back_home(page)


def test_a_spanish_speaker_does_every_kind_of_item_and_never_meets_english(
        page: Any, browser: Any, server: Server) -> None:
    """Español before the notice, one item of every type saved, a reload and a second visit:
    the answers are there, the page stays es, and no screen shows an English string."""
    code = server.codes[0]
    app = app_english()
    found: list[str] = []
    page.goto(server.url)
    page.locator(".ws-lang-es").wait_for(timeout=COLD)
    page.locator(".ws-lang-es").click()
    expect(page.locator(".ws-join")).to_have_text("Entrar")
    found += english_on(page, "join", app, [])
    page.locator(".ws-code input").fill(code)
    page.locator(".ws-join").click()
    expect(page.locator(".ws-consent-agree")).to_have_text("Acepto", timeout=30_000)
    found += english_on(page, "consent", app + consent_english(), [])
    page.locator(".ws-consent-agree").click()
    expect(page.locator(".ws-open").first).to_have_text("Abrir", timeout=30_000)
    page.wait_for_function("document.documentElement.lang === 'es'", timeout=10_000)
    every_title = [t for w in SHIPPED for t in worksheet_english(shipped(w))]
    found += english_on(page, "home", app + every_title, [])

    client = Client(page, server, code)
    found += answer_everything(page, client)
    for worksheet in ("safe-relationships", "treatment-needs", "mspss", "barc-10"):
        open_sheet(page, worksheet)  # the rest are read, not answered
        citation = shipped(worksheet).citation or ""
        found += english_on(page, worksheet, app + worksheet_english(shipped(worksheet)),
                            [citation] if citation else [])
        back_home(page)

    page.goto(f"{server.url}?code={code}")  # the link the counselor gives, then a reload
    expect(page.locator(".ws-open").first).to_have_text("Abrir", timeout=COLD)
    page.reload()
    expect(page.locator(".ws-open").first).to_have_text("Abrir", timeout=COLD)
    page.wait_for_function("document.documentElement.lang === 'es'", timeout=10_000)
    found += english_on(page, "home after reload", app + every_title, [])
    answers_are_back(page)

    second = browser.new_context(viewport={"width": 360, "height": 780})
    try:  # a second visit: another browser, the same code, no choice made on it
        other = second.new_page()
        other.goto(f"{server.url}?code={code}")
        expect(other.locator(".ws-open").first).to_have_text("Abrir", timeout=COLD)
        other.wait_for_function("document.documentElement.lang === 'es'", timeout=10_000)
        found += english_on(other, "second visit", app + every_title, [])
    finally:
        second.close()
    assert found == []
