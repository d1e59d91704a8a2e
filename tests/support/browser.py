"""Driving the client app in a real Chromium: launch flags, and joining as a participant."""

from __future__ import annotations

from typing import Any

CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
COLD = 90_000  # ms: a cold kernel on a busy 2-core machine


def join(page: Any, url: str, code: str) -> None:
    """Open the client app with `code` and get to the worksheet list, agreeing to the consent
    notice if this participant has not agreed yet."""
    page.goto(f"{url}?code={code}")
    page.locator(".ws-consent-agree, .ws-open").first.wait_for(timeout=COLD)
    if page.locator(".ws-consent-agree").count():
        page.locator(".ws-consent-agree").click()
        page.locator(".ws-open").first.wait_for(timeout=30_000)
