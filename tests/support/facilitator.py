"""The facilitator dashboard on its own server: start it with a token, log in in Chromium."""

from __future__ import annotations

import re
import secrets
import time
from pathlib import Path
from typing import Any

import pytest

from support.browser import COLD
from support.servers import Server, start_server
from toolkit.access.passphrase import IDLE_ENV

GOOD = "blue kettle on sunday"
TOKEN_ENV = "WORKSHOP_FACILITATOR_TOKEN"
"""How the facilitator server is handed its access token (it ignores it if it has none)."""


def start_facilitator(home: Path, idle_minutes: float | None = None,
                      base_url: str = "/") -> tuple[Server, str]:
    """`workshop facilitator` on its own (newest session), and the URL to open it with
    (under `base_url`, such as /f/<id>/ as behind nginx)."""
    token = secrets.token_urlsafe(16)
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv(TOKEN_ENV, token)
        if idle_minutes is not None:
            mp.setenv(IDLE_ENV, str(idle_minutes))
        server = start_server(home, command="facilitator", extra=("--base-url", base_url))
    return server, f"{server.url.rstrip('/')}{base_url}?token={token}"


def printed_dashboard_url(server: Server, port: int, timeout: float = 60) -> str:
    """The dashboard's URL with its token, as `workshop serve --session` prints it."""
    assert server.log is not None
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        found = re.search(rf"http://127\.0\.0\.1:{port}/\S*", server.log.read_text())
        if found:
            return found.group(0)
        time.sleep(0.2)
    raise AssertionError(f"no dashboard URL printed within {timeout:.0f} s")


def log_in(page: Any, url: str) -> None:
    """Open the dashboard page, check only the passphrase box shows, and log in."""
    from playwright.sync_api import expect

    page.goto(url)
    box = page.locator(".ws-passphrase input")
    expect(box).to_be_visible(timeout=COLD)
    assert page.locator(".ws-dashboard").count() == 0
    box.fill(GOOD)
    box.press("Enter")
    expect(page.locator(".ws-progress-grid")).to_be_visible(timeout=30_000)
