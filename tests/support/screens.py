"""Every client screen in turn, as a new participant meets them in a real Chromium: join,
a wrong code, the consent notice, the worksheet list, each worksheet (with some answers in
it) and the finished screen. Shared by the accessibility tests and benchmarks/a11y.py."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from support.browser import COLD
from support.worksheets import SHIPPED, shipped
from toolkit.store.store import Store
from toolkit.supportmap.people import MAP_ITEM, MAP_WORKSHEET, SupportMap
from toolkit.worksheet.model import Worksheet

WRONG_CODE = "ZZZ-ZZZ-ZZZ"
STEP = 30_000  # ms: one screen change on a busy 2-core machine


def sample_answers(ws: Worksheet) -> dict[str, Any]:
    """A few answers of a worksheet, so its screen shows chosen buttons and typed text."""
    out: dict[str, Any] = {}
    for item in ws.answerable():
        kind = getattr(item, "type", "")
        if kind in ("single_choice", "scale", "yes_no_unsure"):
            out[item.id] = ws.choices_for(item)[0].value
        elif kind in ("short_text", "long_text"):
            out[item.id] = "Sample answer"
        if len(out) == 3:
            break
    return out


def seed(store: Store, code: str, lang: str) -> None:
    """Some answers in every worksheet, and three people on the support map (one of each
    kind of support), saved as the app would after the participant agreed."""
    p = store.participant_by_code(code)
    assert p is not None
    for wid in SHIPPED:
        ws = shipped(wid)
        values = sample_answers(ws)
        if wid == MAP_WORKSHEET:
            m = SupportMap()
            m.add("Rosa", "closest", supports="yes")
            m.add("Sam", "close", supports="unsure")
            m.add("Lee", "wider", supports="no")
            values[MAP_ITEM] = m.to_rows()
        store.save_answers(p, wid, values, ws.version, lang)


def settle(page: Any) -> None:
    """Wait until the kernel's last change has reached the page (no pending messages)."""
    page.wait_for_timeout(300)


def client_screens(page: Any, url: str, code: str, lang: str,
                   store: Store) -> Iterator[str]:
    """Go through every client screen; yield its name while the page shows it."""
    page.goto(f"{url}?lang={lang}" if lang != "en" else url)
    page.locator(".ws-code input, input.ws-code, .ws-code").first.wait_for(timeout=COLD)
    code_box = page.locator(".ws-code input, input.ws-code").first
    yield "join"
    code_box.fill(WRONG_CODE)
    page.locator(".ws-join").click()
    page.locator(".ws-warning").wait_for(timeout=STEP)
    yield "wrong-code"
    code_box = page.locator(".ws-code input, input.ws-code").first
    code_box.fill(code)
    page.locator(".ws-join").click()
    page.locator(".ws-consent-agree").wait_for(timeout=STEP)
    yield "consent"
    page.locator(".ws-consent-agree").click()
    page.locator(".ws-open").first.wait_for(timeout=STEP)
    seed(store, code, lang)
    yield "home"
    for wid in SHIPPED:
        page.locator(f".ws-sheet-{wid} .ws-open").click()
        page.locator(".ws-form .ws-title").wait_for(timeout=STEP)
        page.locator(".ws-back").wait_for(timeout=STEP)
        settle(page)
        yield wid
        page.locator(".ws-back").click()
        page.locator(".ws-open").first.wait_for(timeout=STEP)
    page.locator(".ws-finished").click()
    page.locator(".ws-success").wait_for(timeout=STEP)
    yield "finished"
