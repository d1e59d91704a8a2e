"""Two clients and the facilitator dashboard in a real Chromium; the dashboard server
listens on 127.0.0.1 only."""

from __future__ import annotations

import socket
import time
from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import expect
from serverutil import Server, free_port, start_server, stop_server

from toolkit.config import Config
from toolkit.store import Store

pytestmark = pytest.mark.browser
COLD = 90_000


@pytest.fixture(scope="module")
def group(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Server, str, list[str]]]:
    """`workshop serve --session` for two participants, with its facilitator server."""
    home = tmp_path_factory.mktemp("dash") / "home"
    store = Store.open(Config.from_env({"WORKSHOP_HOME": str(home)}))
    session = store.create_session("Tuesday group", ["opening-up", "mspss"], 2)
    fport = free_port()
    server = start_server(home, extra=("--session", session.id, "--pool", "0",
                                       "--facilitator-port", str(fport)))
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", fport), timeout=1).close()
            break
        except OSError:
            time.sleep(0.2)
    yield server, f"http://127.0.0.1:{fport}/", [p.code for p in store.participants(session.id)]
    stop_server(server)


def test_dashboard_shows_two_clients_progress(browser: Any, group: tuple) -> None:
    """Both clients answer; the dashboard's grid shows it within seconds; the group view
    holds no names or typed text."""
    server, dashboard_url, codes = group
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    board = context.new_page()
    board.goto(dashboard_url)
    expect(board.locator(".ws-progress-grid")).to_contain_text(codes[0], timeout=COLD)
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
    port = int(dashboard_url.rsplit(":", 1)[1].strip("/"))
    socket.create_connection(("127.0.0.1", port), timeout=2).close()
    with pytest.raises(OSError):
        socket.create_connection(("127.0.0.2", port), timeout=2).close()
