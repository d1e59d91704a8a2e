"""A Spanish-speaking new user in a real Chromium against a real Voila server: the language is
chosen before the consent notice, remembered, and the page says it is Spanish; a phone set to
Spanish opens in Spanish before anyone chooses, from a fresh kernel and from a warm one."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import expect
from support.browser import COLD
from support.servers import Server, serve_group

from toolkit.settings.config import Config
from toolkit.store.store import Store

pytestmark = [pytest.mark.browser, pytest.mark.server]


def page_lang(page: Any) -> str:
    return page.evaluate("document.documentElement.lang")


def test_a_spanish_speaker_chooses_espanol_before_consent_and_it_stays(page: Any,
                                                                       server: Server) -> None:
    """Join, Español before the notice, the notice is Spanish, agree; the page's lang is
    es; after a reload the app is still in Spanish and the page still says es."""
    code = server.codes[0]
    page.goto(server.url)
    page.locator(".ws-lang-es").wait_for(timeout=COLD)
    assert page_lang(page) == "en"
    page.locator(".ws-lang-es").click()
    expect(page.locator(".ws-join")).to_have_text("Entrar")
    page.locator(".ws-code input").fill(code)
    page.locator(".ws-join").click()
    expect(page.locator(".ws-consent-agree")).to_have_text("Acepto", timeout=30_000)
    expect(page.locator(".ws-consent")).to_contain_text("usted y su consejero")
    assert "I agree" not in page.locator(".ws-screen").inner_text()
    page.locator(".ws-consent-agree").click()
    expect(page.locator(".ws-open").first).to_have_text("Abrir", timeout=30_000)
    page.wait_for_function("document.documentElement.lang === 'es'", timeout=10_000)
    store = Store.open(Config.from_env({"WORKSHOP_HOME": str(server.home)}))
    assert store.participant_by_code(code).lang == "es"

    page.goto(f"{server.url}?code={code}")  # the next visit, by the link with the code
    expect(page.locator(".ws-open").first).to_have_text("Abrir", timeout=COLD)
    page.wait_for_function("document.documentElement.lang === 'es'", timeout=10_000)
    page.reload()
    expect(page.locator(".ws-open").first).to_have_text("Abrir", timeout=COLD)
    assert "Sus hojas de trabajo" in page.locator(".ws-screen").inner_text()
    page.wait_for_function("document.documentElement.lang === 'es'", timeout=10_000)
    assert page_lang(page) == "es"


@pytest.fixture(scope="module")
def warm(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """One group served with its pool of warm kernels (`--session`), ready before anyone joins."""
    from toolkit.store.demo import WORKSHOP_ORDER

    yield from serve_group(tmp_path_factory.mktemp("warm") / "home", list(WORKSHOP_ORDER), 2)


@pytest.mark.parametrize("kind", ["warm", "fresh"])
def test_a_phone_set_to_spanish_opens_in_spanish(browser: Any, request: pytest.FixtureRequest,
                                                 kind: str) -> None:
    """A browser whose language is Mexican Spanish: the join screen, its page language and
    the notice after the code are Spanish without choosing; another browser in English on
    the same server still opens in English."""
    server = request.getfixturevalue("warm" if kind == "warm" else "server")
    context = browser.new_context(viewport={"width": 360, "height": 780}, locale="es-MX")
    try:
        page = context.new_page()
        page.goto(server.url)
        expect(page.locator(".ws-join")).to_have_text("Entrar", timeout=COLD)
        page.wait_for_function("document.documentElement.lang === 'es'", timeout=10_000)
        assert "ws-lang-current" in (page.locator(".ws-lang-es").get_attribute("class") or "")
        page.locator(".ws-code input").fill(server.codes[-1])
        page.locator(".ws-join").click()
        expect(page.locator(".ws-consent-agree")).to_have_text("Acepto", timeout=30_000)
    finally:
        context.close()
    context = browser.new_context(viewport={"width": 360, "height": 780}, locale="en-US")
    try:
        page = context.new_page()
        page.goto(server.url)
        expect(page.locator(".ws-join")).to_have_text("Join", timeout=COLD)
        assert page_lang(page) == "en"
    finally:
        context.close()
