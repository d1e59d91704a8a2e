"""The facilitator dashboard in a real Chromium, checked with axe-core: the passphrase box and
every tab (with its content opened), in English and Spanish, at 1280 and 360 px; the passphrase
box takes a pasted passphrase and says what it is to a password manager; idle log-off warns a
minute before and can be put off (WCAG 2.2.1)."""

from __future__ import annotations

import time
from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import expect
from support.axe import findings
from support.browser import COLD
from support.facilitator import GOOD, start_facilitator
from support.layout import layout_problems
from support.servers import Server, stop_server

from toolkit.access.passphrase import set_passphrase
from toolkit.settings.config import Config
from toolkit.store.demo import WORKSHOP_ORDER
from toolkit.store.store import Store
from toolkit.supportmap.people import SupportMap

pytestmark = [pytest.mark.browser, pytest.mark.server]

TABS = {"en": ["Progress", "Group view", "One participant", "Pre/post", "Export", "Print",
               "Audit log"],
        "es": ["Avance", "Vista del grupo", "Un participante", "Antes y después", "Exportar",
               "Imprimir", "Registro de auditoría"]}


def _serve(home: Any, idle_minutes: float | None) -> Iterator[tuple[Server, str, list[str]]]:
    """A dashboard server over a group of two with answers."""
    store = Store.open(Config.from_env({"WORKSHOP_HOME": str(home)}))
    session = store.create_session("Tuesday group", list(WORKSHOP_ORDER), 2)
    people = store.participants(session.id)
    for p in people:
        store.record_consent(p)
    m = SupportMap()
    m.add("Zebulon", "closest", supports="yes")
    store.save_answer(people[0], "my-support-map", "people", m.to_rows(), "1.1")
    store.save_answers(people[1], "mspss", {f"item{i}": 6 for i in range(1, 13)}, "1.0")
    set_passphrase(store, GOOD)
    server, url = start_facilitator(home, idle_minutes=idle_minutes)
    try:
        yield server, url, [p.code for p in people]
    finally:
        stop_server(server)


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Server, str, list[str]]]:
    yield from _serve(tmp_path_factory.mktemp("a11y-dash") / "home", None)


@pytest.fixture
def hasty(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Server, str, list[str]]]:
    """The same, logging off after 18 idle seconds (so it warns after 9)."""
    yield from _serve(tmp_path_factory.mktemp("a11y-idle") / "home", 0.3)


def _open(browser: Any, url: str, width: int, lang: str) -> Any:
    page = browser.new_context(viewport={"width": width, "height": 900}).new_page()
    page.goto(url + f"&lang={lang}")
    expect(page.locator(".ws-passphrase input")).to_be_visible(timeout=COLD)
    return page


NARROW = [{"width": 320, "height": 700}, {"width": 640, "height": 400}]  # a phone; 200% zoom


def _seen(page: Any, narrow: bool) -> list[str]:
    """axe's findings, and at 320 px and 200% zoom what runs off the screen, is cut off or
    spills over what follows (a table scrolls in its own box: not a problem)."""
    found = [str(f) for f in findings(page)]
    if narrow:
        found += [f"{size['width']} px: {p}" for size in NARROW
                  for p in layout_problems(page, size)]
    return found


@pytest.mark.parametrize(("lang", "width"), [("en", 1280), ("es", 1280), ("en", 360)])
def test_every_dashboard_screen_passes_axe(browser, served, lang, width):
    """The passphrase box and each tab, its content shown: no WCAG A/AA violation, no serious
    or critical best-practice finding, landmarks and one h1; and (in both languages) nothing
    runs off the screen, is cut off or spills at 320 px and at 200% zoom."""
    _server, url, codes = served
    page = _open(browser, url, width, lang)
    narrow = width == 1280  # once per language
    seen: dict[str, list[str]] = {"passphrase": _seen(page, narrow)}
    box = page.locator(".ws-passphrase input")
    box.fill(GOOD)
    box.press("Enter")
    expect(page.locator(".ws-progress-grid")).to_be_visible(timeout=30_000)
    opened = {2: ".ws-person", 3: ".ws-prepost-view svg", 4: ".ws-export-result li",
              6: ".ws-audit table"}
    for i, title in enumerate(TABS[lang]):
        page.get_by_role("tab", name=title).click()
        if i == 2:
            page.locator(".ws-person-pick select").select_option(label=codes[0])
            page.locator(".ws-show-person").click()
        elif i in opened:  # the tab's one button: show its content (printing is tested apart)
            page.locator({3: ".ws-show-prepost", 4: ".ws-export", 6: ".ws-show-audit"}[i]).click()
        if i in opened:
            expect(page.locator(opened[i]).first).to_be_visible(timeout=30_000)
        seen[title] = _seen(page, narrow)
    page.context.close()
    bad = {screen: found for screen, found in seen.items() if found}
    assert not bad, "\n".join(f"{s}:\n  " + "\n  ".join(f) for s, f in bad.items())


def test_the_passphrase_box_takes_a_paste_and_a_password_manager(browser, served):
    """Pasting works (nothing blocks it) and the box is named for password managers
    (autocomplete=current-password, a username field beside it is not needed)."""
    _server, url, _codes = served
    page = _open(browser, url, 1280, "en")
    box = page.locator(".ws-passphrase input")
    expect(box).to_have_attribute("autocomplete", "current-password", timeout=10_000)
    box.focus()
    page.keyboard.insert_text(GOOD)  # what a paste or a password manager does
    box.press("Enter")
    expect(page.locator(".ws-progress-grid")).to_be_visible(timeout=30_000)
    page.context.close()


def test_idle_log_off_warns_before_and_can_be_put_off(browser, hasty):
    """Before idle log-off (a minute before; halfway for an idle time this short) an alert
    says when the dashboard will close, with a button that keeps the facilitator logged in:
    the countdown starts again at the click, so the next warning comes past the first
    log-off time, with the dashboard still there."""
    _server, url, _codes = hasty
    page = _open(browser, url, 1280, "en")
    box = page.locator(".ws-passphrase input")
    box.fill(GOOD)
    box.press("Enter")
    expect(page.locator(".ws-progress-grid")).to_be_visible(timeout=30_000)
    warning = page.locator(".ws-idle-warning")
    expect(warning).to_be_visible(timeout=30_000)
    expect(warning).to_have_attribute("role", "alert")
    expect(warning).to_contain_text("logs off in 9 seconds")
    assert findings(page) == []
    page.locator(".ws-idle-stay").click()
    clicked = time.monotonic()
    expect(warning).to_be_hidden(timeout=10_000)
    # Without the click it would have logged off 9 s after the first warning, taking the
    # warning with it; put off, a new warning comes 9 s after the click.
    expect(warning).to_be_visible(timeout=30_000)
    assert time.monotonic() - clicked > 8
    expect(page.locator(".ws-progress-grid")).to_be_visible()
    expect(page.locator(".ws-passphrase input")).to_have_count(0)
    page.context.close()


def test_a_browser_set_to_spanish_opens_the_dashboard_in_spanish(browser, served):
    """No ?lang= in the address: a browser in Mexican Spanish gets the passphrase box in
    Spanish, and the page says es."""
    _server, url, _codes = served
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="es-MX")
    try:
        page = context.new_page()
        page.goto(url)
        expect(page.locator(".ws-passphrase input")).to_be_visible(timeout=COLD)
        expect(page.locator(".ws-app")).to_contain_text("Panel del facilitador")
        page.wait_for_function("document.documentElement.lang === 'es'", timeout=10_000)
    finally:
        context.close()
