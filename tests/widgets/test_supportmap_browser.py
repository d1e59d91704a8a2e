"""The support map and reach-out plan in a real Chromium, as a new client would use them."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect
from support.browser import COLD
from support.browser import join as join_app
from support.ci import ARTIFACTS
from support.servers import Server

pytestmark = [pytest.mark.browser, pytest.mark.server]


def join(page: Any, server: Server, code: str, worksheet: str) -> None:
    join_app(page, server.url, code)
    page.locator(f".ws-sheet-{worksheet} .ws-open").click()
    page.wait_for_selector(".ws-form", timeout=30_000)


def add_person(page: Any, name: str, support: str) -> None:
    """Add a row with the list editor: name and whether they support recovery."""
    before = page.locator(".ws-row").count()
    page.locator(".ws-add-row").click()
    page.wait_for_function(f"document.querySelectorAll('.ws-row').length > {before}")
    row = page.locator(".ws-row").last
    row.locator(".ws-item-name input").fill(name)
    row.locator(".ws-item-supports_recovery .ws-choice", has_text=support).click()
    page.wait_for_selector(f'.ws-map-entry:has-text("{name}")')
    page.wait_for_selector(f'.ws-map-picture g.entry:has(title:has-text("{name}"))')


def ring_of(page: Any, name: str) -> str:
    return page.locator(f'.ws-map-entry:has-text("{name}")').get_attribute("data-ring")


def drag_to_ring(page: Any, name: str, ring: str) -> None:
    """Drag a person's dot with the pointer and drop it inside `ring`'s zone."""
    svg = page.locator(".ws-map-picture svg")
    # The picture is redrawn (a new <svg>) after each change: scroll by selector, not by a
    # handle that a redraw may have detached, and measure once the redraws have settled.
    page.evaluate("document.querySelector('.ws-map-picture svg')"
                  ".scrollIntoView({block: 'center'})")
    page.wait_for_timeout(300)
    entry = page.locator(f'.ws-map-picture g.entry:has(title:has-text("{name}")) .marker').first
    box = entry.bounding_box()
    rings = page.evaluate("JSON.parse(document.querySelector('.ws-map-picture svg')"
                          ".dataset.rings)")
    sbox = svg.bounding_box()
    view = page.evaluate("(() => { const v = document.querySelector('.ws-map-picture svg')"
                         ".viewBox.baseVal; return [v.width, v.height]; })()")
    scale = sbox["width"] / view[0]
    zone = rings["rings"][ring]
    target_r = (zone["inner"] + zone["outer"]) / 2 * scale
    cx, cy = sbox["x"] + rings["cx"] * scale, sbox["y"] + rings["cy"] * scale
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.mouse.down()
    page.mouse.move(cx, cy - target_r, steps=10)  # a real drag has moves in between
    page.mouse.up()


def test_map_drag_keyboard_and_plan_survive_reload(page: Any, server: Server) -> None:
    """Add three people, drag one to 'closest', move one by keyboard, build a plan, reload."""
    code = server.codes[0]
    join(page, server, code, "my-support-map")
    add_person(page, "Ana", "Yes")
    add_person(page, "Bo", "Not sure")
    add_person(page, "Cy", "Yes")
    assert ring_of(page, "Ana") == "wider"

    drag_to_ring(page, "Ana", "closest")
    page.wait_for_function("document.querySelector('.ws-map-entry[data-ring=closest]')")
    assert ring_of(page, "Ana") == "closest"

    # Keyboard only: focus Cy's "Move closer" button and press Enter twice.
    page.locator('.ws-map-entry:has-text("Cy") .ws-map-closer').focus()
    page.keyboard.press("Enter")
    page.wait_for_function("document.querySelector('.ws-map-entry[data-ring=close]')")
    assert page.evaluate("document.activeElement.dataset.dir") == "closer"
    page.keyboard.press("Enter")
    page.wait_for_function(
        "[...document.querySelectorAll('.ws-map-entry[data-ring=closest]')].length === 2")
    assert ring_of(page, "Cy") == "closest"
    page.wait_for_selector(".ws-status-saved", timeout=15_000)
    ARTIFACTS.mkdir(exist_ok=True)
    for width in (360, 1280):
        page.set_viewport_size({"width": width, "height": 900})
        page.locator(".ws-map-picture").screenshot(path=str(ARTIFACTS / f"map-{width}.png"))
    page.set_viewport_size({"width": 360, "height": 780})

    page.reload()
    page.locator(".ws-sheet-my-support-map .ws-open").click(timeout=COLD)
    page.wait_for_selector(".ws-map-entry")
    assert ring_of(page, "Ana") == "closest" and ring_of(page, "Cy") == "closest"
    assert ring_of(page, "Bo") == "wider"

    # The plan picks from the map; supportive people come first; Bo asks once, kindly.
    page.locator(".ws-back").click()
    page.locator(".ws-sheet-reach-out-plan .ws-open").click()
    first = page.locator(".ws-item-falling_first .ws-person")
    first.first.wait_for()
    names = [t.split(" ", 1)[1] for t in first.all_inner_texts()]
    assert names.index("Bo") > max(names.index("Ana"), names.index("Cy"))
    first.filter(has_text="Ana").click()
    backup = page.locator(".ws-item-falling_backup")
    backup.locator(".ws-person", has_text="Bo").click()
    expect(backup.locator(".ws-confirm")).to_contain_text("Are you sure")
    backup.locator(".ws-confirm-yes").click()
    page.wait_for_selector(".ws-status-saved", timeout=15_000)

    page.reload()
    page.locator(".ws-sheet-reach-out-plan .ws-open").click(timeout=COLD)
    expect(page.locator(".ws-item-falling_first .ws-selected")).to_contain_text("Ana")
    expect(page.locator(".ws-item-falling_backup .ws-selected")).to_contain_text("Bo")

    page.locator(".ws-print-card").click()
    link = page.wait_for_selector(".ws-card-download", timeout=30_000)
    assert link.get_attribute("href").startswith("data:application/pdf;base64,")
    assert not [u for u in page.requested
                if not u.startswith((server.url, "blob:", "data:"))]
