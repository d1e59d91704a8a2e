"""The client app on its light page (`workshop serve --page light`) in a real Chromium: join,
answer, reload; the support map by keyboard; axe-core; nothing from elsewhere; the screen sent
once; and the app under a base URL, as behind nginx. (The closed tab's beacon: in
tests/widgets/test_client_browser.py, which runs on the default page, this one.)"""

from __future__ import annotations

import os
from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import expect
from support.axe import findings, report
from support.browser import COLD, join
from support.servers import Server, start_server, stop_server
from support.waiting import until

from toolkit.settings.config import Config
from toolkit.store.demo import WORKSHOP_ORDER
from toolkit.store.store import Store
from toolkit.text.strings import ui

pytestmark = [pytest.mark.browser, pytest.mark.server]

LIGHT = ("--page", "light")


def _group(home: Any, size: int) -> tuple[Store, str, list[str]]:
    os.environ.pop("WORKSHOP_DB", None)
    store = Store.open(Config.from_env({"WORKSHOP_HOME": str(home)}))
    session = store.create_session("Light group", list(WORKSHOP_ORDER), size)
    return store, session.id, [p.code for p in store.participants(session.id)]


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """One group's client server on the light page."""
    home = tmp_path_factory.mktemp("light") / "home"
    _, _, codes = _group(home, 6)
    srv = start_server(home, extra=LIGHT)
    try:
        srv.codes = codes
        yield srv
    finally:
        stop_server(srv)


def _store(server: Server) -> Store:
    return Store.open(Config.from_env({"WORKSHOP_HOME": str(server.home)}))


def elsewhere(page: Any, prefix: str) -> list[str]:
    """Requests that went anywhere but under `prefix` on this server."""
    return [u for u in page.requested if not u.startswith((prefix, "blob:", "data:"))]


def errors_of(page: Any) -> list[str]:
    """Script errors in the page, recorded from now on."""
    seen: list[str] = []
    page.on("pageerror", lambda e: seen.append(str(e)))
    page.on("console", lambda m: seen.append(m.text) if m.type == "error" else None)
    return seen


def test_a_participant_answers_and_finds_the_answer_after_a_reload(page: Any,
                                                                    server: Server) -> None:
    """Join, agree, open a worksheet, answer, see "Saved", reload and find the answer; the
    page loads none of Voila's frontend, nothing from elsewhere, and no script fails."""
    errors = errors_of(page)
    join(page, server.url, server.codes[0])
    page.locator(".ws-sheet-opening-up .ws-open").click()
    page.wait_for_selector(".ws-form", timeout=30_000)
    page.locator(".ws-item-first_person input").fill("Zebra-Pancake-4417")
    page.locator(".ws-item-readiness .ws-choice", has_text="7").first.click()
    page.wait_for_selector(".ws-status-saved", timeout=15_000)
    assert "Saved" in page.locator(".ws-status").inner_text()
    page.reload()
    page.wait_for_selector(".ws-open", timeout=COLD)
    assert "In progress" in page.locator(".ws-sheet-opening-up").inner_text()
    page.locator(".ws-sheet-opening-up .ws-open").click()
    page.wait_for_selector(".ws-form", timeout=30_000)
    assert page.locator(".ws-item-first_person input").input_value() == "Zebra-Pancake-4417"
    assert page.locator(".ws-item-readiness .ws-selected").inner_text().strip() == "✓ 7"
    assert [u for u in page.requested if "voila.js" in u or "/voila/static/" in u] == []
    assert any("light-page." in u for u in page.requested)
    assert elsewhere(page, server.url) == []
    assert errors == []


def _tab_to(page: Any, selector: str, *, back: bool = False, most: int = 80) -> None:
    key = "Shift+Tab" if back else "Tab"
    for _ in range(most):
        page.keyboard.press(key)
        if page.evaluate("(s) => document.activeElement.matches(s)", selector):
            return
    raise AssertionError(f"{most} presses of {key} never reached {selector}")


def test_the_support_map_works_by_keyboard(page: Any, server: Server) -> None:
    """The support map worksheet with Tab, Enter and typing only: a person added, named, moved
    closer on the map, each saved."""
    code = server.codes[1]
    store = _store(server)

    def saved(check: Any) -> Any:
        def rows() -> Any:
            value = store.latest_for(store.participant_by_code(code), "my-support-map")
            people = value.get("people")
            return people if people and check(people) else None
        return until(rows, "the support map saved", 20)

    join(page, server.url, code)
    _tab_to(page, ".ws-sheet-my-support-map .ws-open")
    page.keyboard.press("Enter")
    page.locator(".ws-form .ws-title").wait_for(timeout=30_000)
    until(lambda: page.evaluate("() => document.activeElement.tagName === 'H1'"),
          "the focus on the worksheet's h1")
    _tab_to(page, ".ws-item-people .ws-add-row")
    page.keyboard.press("Enter")
    until(lambda: page.evaluate("() => document.activeElement.matches("
                                "'.ws-item-people .ws-row .ws-item-name input')"),
          "the focus on the new row's name")
    page.keyboard.type("Rosa")
    saved(lambda rows: rows[0].get("name") == "Rosa")
    _tab_to(page, '.ws-map-entry[data-ring="wider"] .ws-map-closer', back=True)
    page.keyboard.press("Enter")
    saved(lambda rows: rows[0].get("ring") == "close")
    page.wait_for_function(
        "() => document.querySelector('.ws-map-entry').dataset.ring === 'close'")


def test_axe_finds_nothing_blocking(page: Any, server: Server) -> None:
    """axe-core on the worksheet list and the support map worksheet: nothing serious."""
    join(page, server.url, server.codes[2])
    found = findings(page)
    assert found == [], report("worksheet list", found)
    page.locator(".ws-sheet-my-support-map .ws-open").click()
    page.locator(".ws-form .ws-title").wait_for(timeout=30_000)
    found = findings(page)
    assert found == [], report("support map", found)


KEEP_SOCKETS = """(() => {
  const Native = window.WebSocket;
  window.__sockets = [];
  window.WebSocket = function (...args) {
    const ws = new Native(...args);
    window.__sockets.push(ws);
    return ws;
  };
  window.WebSocket.prototype = Native.prototype;
  for (const k of ["CONNECTING", "OPEN", "CLOSING", "CLOSED"]) window.WebSocket[k] = Native[k];
})();"""
"""Keeps the page's websockets where the test can drop them (as a phone's sleep would)."""


def test_a_dropped_websocket_comes_back_and_answers_still_save(page: Any,
                                                              server: Server) -> None:
    """The kernel's websocket drops (a phone's screen went dark): the page opens a new one
    and the next answer is saved."""
    page.add_init_script(KEEP_SOCKETS)
    join(page, server.url, server.codes[4])
    page.locator(".ws-sheet-opening-up .ws-open").click()
    page.wait_for_selector(".ws-form", timeout=30_000)
    page.evaluate("() => window.__sockets.forEach((ws) => ws.close())")
    until(lambda: page.evaluate(
        "() => window.__sockets.length === 2 && window.__sockets[1].readyState === 1"),
        "a new websocket, open")
    page.locator(".ws-item-first_person input").fill("Heron-Teapot-2210")
    page.wait_for_selector(".ws-status-saved", timeout=15_000)
    store = _store(server)
    until(lambda: store.latest_for(store.participant_by_code(server.codes[4]),
                                   "opening-up").get("first_person") == "Heron-Teapot-2210",
          "the answer saved")


def test_an_answer_that_cannot_reach_the_server_says_so_then_saves(page: Any,
                                                                   server: Server) -> None:
    """The Wi-Fi drops while the client types: after a while the status says the answer is
    not saved yet and to keep the page open (never "Saved", never "Saving…" forever); when
    the connection is back the answer is saved and the status says so."""
    page.add_init_script(KEEP_SOCKETS)
    join(page, server.url, server.codes[5])
    page.locator(".ws-sheet-opening-up .ws-open").click()
    page.wait_for_selector(".ws-form", timeout=30_000)
    page.context.set_offline(True)
    page.evaluate("() => window.__sockets.forEach((ws) => ws.close())")
    page.locator(".ws-item-first_person input").fill("Osprey-Kettle-3391")
    status = page.locator(".ws-status")
    expect(status).to_have_text("Saving…")
    expect(page.locator(".ws-status-unreached")).to_have_text(
        ui("unreached", "en"), timeout=20_000)
    # On a 320 px phone the bar, with the message in either language, stays within the room
    # the page keeps free for it, so a focused box is never hidden under it (WCAG 2.4.11).
    page.set_viewport_size({"width": 320, "height": 640})
    room = page.evaluate("parseFloat(getComputedStyle(document.documentElement)"
                         ".scrollPaddingBottom)")
    for lang in ("en", "es"):
        page.evaluate("t => document.querySelector('.ws-status-unreached').textContent = t",
                      ui("unreached", lang))
        height = page.evaluate("document.querySelector('.ws-bar').getBoundingClientRect()"
                               ".height")
        assert 0 < height <= room, (lang, height, room)
    store = _store(server)
    p = store.participant_by_code(server.codes[5])
    assert store.latest_for(p, "opening-up").get("first_person") is None
    page.context.set_offline(False)
    expect(page.locator(".ws-status-saved")).to_have_text("Saved", timeout=30_000)
    until(lambda: store.latest_for(p, "opening-up").get("first_person") == "Osprey-Kettle-3391",
          "the answer saved")


def test_under_a_base_url_everything_stays_under_it(page: Any,
                                                    tmp_path_factory: Any) -> None:
    """`--base-url /g/<session>/` (as behind nginx): the page, its script, its websocket and
    its saves all under that path."""
    home = tmp_path_factory.mktemp("light-base") / "home"
    _, session, codes = _group(home, 1)
    srv = start_server(home, extra=(*LIGHT, "--session", session, "--pool", "0",
                                    "--base-url", f"/g/{session}/"))
    try:
        prefix = f"{srv.url}g/{session}/"
        sockets: list[str] = []
        page.on("websocket", lambda ws: sockets.append(ws.url))
        join(page, prefix, codes[0])
        page.locator(".ws-sheet-opening-up .ws-open").click()
        page.wait_for_selector(".ws-form", timeout=30_000)
        page.locator(".ws-item-first_person input").fill("Ana")
        page.wait_for_selector(".ws-status-saved", timeout=15_000)
        assert elsewhere(page, prefix) == []
        ws_prefix = prefix.replace("http", "ws", 1)
        assert sockets and all(u.startswith(ws_prefix) for u in sockets), sockets
    finally:
        stop_server(srv)


def test_a_return_visit_is_sent_the_screen_once(page: Any,
                                               tmp_path_factory: pytest.TempPathFactory) -> None:
    """With a warm kernel, the light page asks for the widgets' state while the kernel still
    builds the screen for its join: the widgets' own messages of that moment are not sent as
    well (the answer holds them: on a return visit 150 KB of 260), nor the kernel's "No such
    comm" for the page's request."""
    from support.servers import wait_ready

    home = tmp_path_factory.mktemp("light-warm") / "home"
    _, session, codes = _group(home, 2)
    server = start_server(home, extra=(*LIGHT, "--session", session, "--pool", "3"))
    try:
        wait_ready(server)
        _visit_twice(page, server, codes[0])
    finally:
        stop_server(server)


def _visit_twice(page: Any, server: Server, code: str) -> None:
    import json

    from support.lightclient import from_ws_v1

    join(page, server.url, code)  # agreed: a return visit shows the list
    page.goto("about:blank")
    seen: list[tuple[str, str]] = []

    def received(payload: Any) -> None:
        if isinstance(payload, bytes):
            parts = from_ws_v1(payload)
            content = json.loads(parts[4]) if parts[4] else {}
            kind = json.loads(parts[1])["msg_type"]
            if content.get("data", {}).get("method") == "update_states":
                kind = "update_states"
            seen.append((kind, json.dumps(content)[:200]))

    page.on("websocket", lambda ws: ws.on("framereceived", received))
    page.goto(f"{server.url}?code={code}")
    page.wait_for_selector(".ws-open", timeout=COLD)
    page.wait_for_timeout(1000)  # the kernel's last messages of the join
    kinds = [kind for kind, _ in seen]
    assert "update_states" in kinds, kinds
    before = kinds[:kinds.index("update_states")]
    assert not {"comm_open", "comm_msg", "comm_close"} & set(before), before
    assert not [text for kind, text in seen if kind == "stream"], seen
