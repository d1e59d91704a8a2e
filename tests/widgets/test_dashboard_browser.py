"""Two clients and the facilitator dashboard in a real Chromium: the passphrase comes first,
the dashboard leaves the page after idle time, and its server listens on 127.0.0.1 only."""

from __future__ import annotations

import io
import re
import socket
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader
from support.browser import COLD
from support.ci import ARTIFACTS
from support.facilitator import GOOD, log_in, printed_dashboard_url, start_facilitator
from support.servers import Server, free_port, start_server, stop_server, wait_listening

from toolkit.access.passphrase import set_passphrase
from toolkit.render.labels import labels
from toolkit.settings.config import Config
from toolkit.store.store import Store

pytestmark = [pytest.mark.browser, pytest.mark.server]
@pytest.fixture(scope="module")
def group(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Server, str, list[str]]]:
    """`workshop serve --session` for two participants (consented), with its facilitator
    server and a facilitator passphrase."""
    home = tmp_path_factory.mktemp("dash") / "home"
    store = Store.open(Config.from_env({"WORKSHOP_HOME": str(home)}))
    session = store.create_session("Tuesday group", ["opening-up", "mspss"], 2)
    for p in store.participants(session.id):
        store.record_consent(p)
    set_passphrase(store, GOOD)
    fport = free_port()
    server = start_server(home, extra=("--session", session.id, "--pool", "0",
                                       "--facilitator-port", str(fport)))
    wait_listening(fport, server)
    codes = [p.code for p in store.participants(session.id)]
    yield server, printed_dashboard_url(server, fport), codes
    stop_server(server)


def test_dashboard_shows_two_clients_progress(browser: Any, group: tuple) -> None:
    """Only the passphrase box before log-in; then both clients answer and the grid shows it
    within seconds; the group view holds no names or typed text."""
    server, dashboard_url, codes = group
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    board = context.new_page()
    board.goto(dashboard_url)
    expect(board.locator(".ws-passphrase input")).to_be_visible(timeout=COLD)
    assert all(code not in board.content() for code in codes)
    box = board.locator(".ws-passphrase input")
    box.fill("not the passphrase")
    box.press("Enter")
    expect(board.locator(".ws-login-message")).to_contain_text("not right", timeout=15_000)
    box.fill(GOOD)
    board.locator(".ws-login").click()
    expect(board.locator(".ws-progress-grid")).to_contain_text(codes[0], timeout=30_000)
    clients = []
    for code, name in zip(codes, ("Quetzalcoatl", "Zebulon"), strict=True):
        page = context.new_page()
        page.goto(f"{server.url}?code={code}")
        page.locator(".ws-sheet-opening-up .ws-open").click(timeout=COLD)
        page.locator(".ws-item-first_person input").fill(name)
        page.wait_for_selector(".ws-status-saved", timeout=15_000)
        clients.append(page)
    grid = board.locator(".ws-progress-grid")
    expect(grid).to_contain_text("in progress", timeout=15_000)  # refreshed by itself
    for code in codes:
        row = grid.locator("tr", has_text=code)
        expect(row).to_contain_text("in progress", timeout=15_000)
    board.get_by_role("tab", name="Group view").click()
    expect(board.get_by_text("2 participants")).to_be_visible(timeout=15_000)
    text = board.content()
    assert "Quetzalcoatl" not in text and "Zebulon" not in text
    context.close()


def test_dashboard_is_reachable_on_127_0_0_1_only(group: tuple) -> None:
    """The facilitator server accepts 127.0.0.1 and refuses another loopback address."""
    _, dashboard_url, _ = group
    port = int(re.search(r":(\d+)/", dashboard_url).group(1))  # type: ignore[union-attr]
    socket.create_connection(("127.0.0.1", port), timeout=2).close()
    with pytest.raises(OSError):
        socket.create_connection(("127.0.0.2", port), timeout=2).close()


def test_idle_log_off_removes_the_dashboard_from_the_page(
        browser: Any, tmp_path_factory: pytest.TempPathFactory) -> None:
    """With a 3-second idle time: clicks anywhere keep the dashboard open; three quiet seconds
    remove it from the DOM (not just hide it) and bring the passphrase box back."""
    home = tmp_path_factory.mktemp("idle") / "home"
    store = Store.open(Config.from_env({"WORKSHOP_HOME": str(home)}))
    session = store.create_session("Idle group", ["opening-up"], 2)
    codes = [p.code for p in store.participants(session.id)]
    set_passphrase(store, GOOD)
    server, url = start_facilitator(home, idle_minutes=0.05)
    try:
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        page = context.new_page()
        log_in(page, url)
        assert codes[0] in page.locator(".ws-progress-grid").inner_text()
        started = time.monotonic()
        while time.monotonic() - started < 6:  # twice the idle time, in use all along
            page.locator("h1").click()
            last_click = time.monotonic()
            page.wait_for_timeout(700)
        assert page.locator(".ws-dashboard").count() == 1
        page.locator(".ws-dashboard").wait_for(state="detached", timeout=15_000)
        gone_after = time.monotonic() - last_click
        # Activity notes are at most idle/6 = 0.5 s late, so log-off comes 3 to ~4 s on.
        assert 2.5 < gone_after < 8, gone_after
        expect(page.locator(".ws-passphrase input")).to_be_visible(timeout=15_000)
        for gone in (".ws-dashboard", ".ws-progress-grid", ".ws-logoff"):
            assert page.locator(gone).count() == 0
        html = page.content()
        assert all(code not in html for code in codes)
        assert [e.action for e in store.audit_log()][-2:] == ["logged in", "logged off"]
        context.close()
    finally:
        stop_server(server)


def test_print_tab_writes_blank_spanish_a4_worksheets(browser: Any, group: tuple) -> None:
    """In the dashboard: Print tab, Español and A4, the blank-worksheets button; the page says
    where the PDF went, and that PDF holds the session's worksheets in Spanish on A4."""
    server, dashboard_url, _codes = group
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        page = context.new_page()
        log_in(page, dashboard_url)
        page.get_by_role("tab", name="Print").click()
        page.locator(".ws-print-language select").select_option(label="Español")
        page.locator(".widget-dropdown", has_text="Paper").locator("select").select_option(
            label="A4")
        page.locator(".ws-print-blank").click()
        result = page.get_by_text("blank worksheets written")
        expect(result).to_be_visible(timeout=30_000)
        page.screenshot(path=str(ARTIFACTS / "dashboard_print_tab.png"))
        found = re.search(r"written: (\S+\.pdf)", result.inner_text())
        assert found, result.inner_text()
        written = Path(found.group(1))
        assert written.parent == server.home / "exports" and "-blank-es-a4-" in written.name
        reader = PdfReader(io.BytesIO(written.read_bytes()))
        text = " ".join(p.extract_text() for p in reader.pages)
        assert "Abrirse con otros" in text and "MSPSS" in text  # the Spanish titles
        assert "Opening up" not in text
        assert f"{labels('es')['page']} 1 {labels('es')['of']}" in text
        assert round(float(reader.pages[0].mediabox.width)) == 595
    finally:
        context.close()
