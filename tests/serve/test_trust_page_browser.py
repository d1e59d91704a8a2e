"""The page that hands a phone the clinic's certificate authority (plain HTTP on the app's
port + 2), in a real Chromium: in the browser's language, nothing axe finds blocking, no
sideways scrolling at 320 px or at 200% zoom, and by keyboard alone every link is reached
with a ring that shows, the language link switches the page."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import expect
from support.axe import findings, report
from support.layout import focus
from support.servers import stop_server
from support.tls import start_tls_server

from toolkit.text.strings import ui

pytestmark = [pytest.mark.browser, pytest.mark.server]

SIZES = [{"width": 320, "height": 640}, {"width": 640, "height": 400},  # 200% of 1280 x 800
         {"width": 1280, "height": 800}]


@pytest.fixture(scope="module")
def trust_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    server, _ca = start_tls_server(tmp_path_factory.mktemp("trust") / "home")
    try:
        port = int(server.url.rsplit(":", 1)[1].strip("/")) + 2
        yield f"http://127.0.0.1:{port}/"
    finally:
        stop_server(server)


@pytest.mark.parametrize(("locale", "lang"), [("en-US", "en"), ("es-MX", "es")])
def test_the_trust_page_reads_well_everywhere(browser: Any, trust_url: str, locale: str,
                                              lang: str) -> None:
    context = browser.new_context(viewport=SIZES[0], locale=locale)
    try:
        page = context.new_page()
        page.goto(trust_url)
        expect(page.locator("h1")).to_have_text(ui("trust_title", lang))
        assert page.evaluate("document.documentElement.lang") == lang
        problems = []
        for size in SIZES:
            page.set_viewport_size(size)
            page.wait_for_timeout(100)
            found = findings(page)
            if found:
                problems.append(report(f"{lang} {size['width']}", found))
            wide = page.evaluate("[document.documentElement.scrollWidth,"
                                 " document.documentElement.clientWidth]")
            if wide[0] > wide[1]:
                problems.append(f"{lang} {size['width']} px scrolls sideways: {wide}")
        assert not problems, "\n".join(problems)
    finally:
        context.close()


def test_the_trust_page_works_by_keyboard_alone(browser: Any, trust_url: str) -> None:
    """Tab reaches the download, the app's address and the other language, each ringed;
    Enter on the language shows the page in it."""
    context = browser.new_context(viewport=SIZES[0], locale="en-US")
    try:
        page = context.new_page()
        page.goto(trust_url)
        reached = []
        for _ in range(3):
            page.keyboard.press("Tab")
            now = focus(page)
            assert now is not None and now["ring"], now
            reached.append(now["text"])
        assert reached[0] == ui("trust_download", "en")
        assert reached[1].startswith("https://127.0.0.1:")
        assert reached[2] == "Español"
        page.keyboard.press("Enter")
        expect(page.locator("h1")).to_have_text(ui("trust_title", "es"))
        assert page.evaluate("document.documentElement.lang") == "es"
    finally:
        context.close()
