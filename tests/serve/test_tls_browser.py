"""A real Chromium over real TLS: it trusts the certificate `workshop tls init` made (that one
certificate, not every error), joins, answers and sees "Saved"; every request and the kernel
websocket are https/wss, every cookie is Secure, the console stays quiet; a return visit
stays within the budgets."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from dataclasses import replace
from typing import Any

import pytest
from support.browser import CHROMIUM_ARGS, join
from support.ci import ARTIFACTS
from support.meter import CountingProxy, Meter
from support.servers import Server, stop_server
from support.tls import spki_pin, start_tls_server

pytestmark = [pytest.mark.browser, pytest.mark.server]

RETURN_BYTES = 150_000
RETURN_REQUESTS = 10


@pytest.fixture(scope="module")
def tls_page(browser: Any, tmp_path_factory: pytest.TempPathFactory
             ) -> Iterator[tuple[Any, Server, CountingProxy]]:
    """A phone-sized page in a Chromium that trusts the server's certificate, the server (a
    group of two; its url is the relay's) and the relay that counts the bytes on the wire.
    The Chromium is a second one of the session's Playwright (a process runs one)."""
    from toolkit.settings.config import Config
    from toolkit.store.demo import WORKSHOP_ORDER
    from toolkit.store.store import Store

    home = tmp_path_factory.mktemp("tlsbrowser") / "home"
    store = Store.open(Config.from_env({"WORKSHOP_HOME": str(home)}))
    session = store.create_session("TLS group", list(WORKSHOP_ORDER), 2)
    server, _ca = start_tls_server(home)
    server.codes = [p.code for p in store.participants(session.id)]
    pin = spki_pin(home / "tls" / "server.crt")
    proxy = CountingProxy(int(server.url.rsplit(":", 1)[1].strip("/")))
    trusting = None
    try:
        path = shutil.which("chromium") or shutil.which("chromium-browser")
        trusting = browser.browser_type.launch(executable_path=path, args=[
            *CHROMIUM_ARGS, f"--ignore-certificate-errors-spki-list={pin}"])
        context = trusting.new_context(viewport={"width": 360, "height": 780})
        page = context.new_page()
        try:
            yield page, replace(server, url=proxy.url_for(server.url)), proxy
        finally:
            ARTIFACTS.mkdir(exist_ok=True)
            page.screenshot(path=str(ARTIFACTS / "tls_browser.png"), full_page=True)
    finally:
        if trusting is not None:
            trusting.close()
        proxy.close()
        stop_server(server)


def test_join_answer_and_save_over_tls(tls_page: tuple[Any, Server, CountingProxy]) -> None:
    """Join, agree, answer: "Saved"; https and wss only; every cookie Secure."""
    page, server, _ = tls_page
    sockets: list[str] = []
    page.on("websocket", lambda ws: sockets.append(ws.url))
    meter = Meter.attach(page)
    join(page, server.url, server.codes[0])
    page.locator(".ws-sheet-opening-up .ws-open").click()
    page.wait_for_selector(".ws-form", timeout=30_000)
    page.locator(".ws-item-first_person input").fill("Marigold")
    page.wait_for_selector(".ws-status-saved", timeout=15_000)
    assert "Saved" in page.locator(".ws-status").inner_text()
    assert sockets and all(u.startswith("wss://127.0.0.1:") for u in sockets)
    plain = [u for u in meter.urls
             if not u.startswith((server.url, "wss://", "data:", "blob:"))]
    assert plain == []
    cookies = page.context.cookies()
    assert {c["name"] for c in cookies} >= {"workshop_client", "_xsrf"}
    assert all(c["secure"] for c in cookies), cookies
    assert server.log is not None
    console = server.log.read_text()  # a counselor's console: nothing that reads like a fault
    assert "not trusted" not in console and "ping" not in console, console[-2000:]


def test_a_return_visit_is_light(tls_page: tuple[Any, Server, CountingProxy]) -> None:
    """The same browser again: few requests reach the server and few bytes cross the wire
    (the scripts are cached for good), and the worksheet list is there."""
    page, server, proxy = tls_page
    page.goto("about:blank")
    meter = Meter.attach(page)
    proxy.reset()
    page.goto(f"{server.url}?code={server.codes[0]}")
    page.locator(".ws-open").first.wait_for(timeout=90_000)
    page.wait_for_timeout(500)  # the last widget messages
    assert len(meter.reached) <= RETURN_REQUESTS, meter.reached
    assert proxy.down + proxy.up <= RETURN_BYTES, (proxy.down, proxy.up)
