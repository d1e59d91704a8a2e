"""Hostile answers in the facilitator dashboard: markup, scripts, emoji, right-to-left text,
control characters and a 1 MB paste are shown inert everywhere, break nothing, and never
reach the projector-safe group view."""

from __future__ import annotations

import io
import itertools
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from playwright.sync_api import expect
from support.facilitator import GOOD, log_in, start_facilitator
from support.servers import stop_server

from toolkit.access.passphrase import set_passphrase
from toolkit.render.sample import NAMES, sample_latest
from toolkit.reports.export import EXCEL_CELL_LIMIT, EXCEL_CUT
from toolkit.settings.config import Config
from toolkit.store.store import Participant, Store
from toolkit.widgets.facilitator.board import SHOWN_CHARS, Dashboard
from toolkit.worksheet.loader import load_folder

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = "<script>window.__pwned=1</script>"
HOSTILE = [
    SCRIPT,
    '<img src=x onerror="window.__pwned=1">',
    '"><svg onload="window.__pwned=1"><b class="pwned">bold</b>',
    "\u202eevil override\u202c שלום עולם مرحبا",
    "bell\x00\x07\x1b[31mred\x7f\x85end",
    "emoji 🙂👩‍👩‍👧 ok",
    '=HYPERLINK("http://example.invalid","click")',
    "{{ 7*7 }} ${7*7} javascript:window.__pwned=1",
]
BIG = "paste " * 175_000  # ~1 MB
MARKUP = re.compile(r"<(script|img|svg onload|b class)", re.IGNORECASE)
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def _hostile(value: Any, texts: Iterator[str], everything: bool) -> Any:
    """Sample answers with typed text (or, with `everything`, every value) made hostile."""
    if isinstance(value, dict):
        return {k: v if k == "_row" else _hostile(v, texts, everything) for k, v in value.items()}
    if isinstance(value, list):
        return [_hostile(v, texts, everything) for v in value]
    if everything and isinstance(value, int | float | str):
        return next(texts)
    if isinstance(value, str) and not re.fullmatch(r"[a-z0-9_]+", value):  # not a choice code
        return next(texts)
    return value


def hostile_group(home: Path) -> tuple[Store, str, list[Participant]]:
    """Three consented participants: hostile typed text; hostile text in every field (choice
    codes and numbers too); and hostile typed text with a 1 MB paste."""
    store = Store.open(Config.from_env({"WORKSHOP_HOME": str(home)}))
    worksheets = load_folder(ROOT / "worksheets")
    session = store.create_session('Tuesday <img src=x onerror="window.__pwned=1">',
                                   list(worksheets), 3)
    people = store.participants(session.id)
    for i, p in enumerate(people):
        store.record_consent(p)
        texts = itertools.cycle(HOSTILE)
        for wid, answers in sample_latest(worksheets, seed=i).items():
            store.save_answers(p, wid, _hostile(answers, texts, everything=i == 1),
                               worksheets[wid].version)
    store.save_answer(people[2], "opening-up", "why_not_lower", BIG, "1.0")
    set_passphrase(store, GOOD)
    return store, session.id, people


@pytest.fixture
def hostile(home: Path) -> tuple[Dashboard, Store, list[Participant]]:
    store, sid, people = hostile_group(home)
    d = Dashboard(store, load_folder(ROOT / "worksheets"), sid, export_dir=home / "exports",
                  scheduler=None)
    return d, store, people


def _free_text_in(html: str) -> list[str]:
    found = [h for h in HOSTILE if h in html or re.sub(r"\s+", " ", h)[:12] in html]
    found += [n for n in NAMES if n in html]
    return found + (["BIG"] if "paste paste" in html else [])


def test_progress_grid_and_group_view_hold_no_typed_text(hostile):
    """The grid holds codes and marks only; the group view no codes, names or typed text."""
    d, _, people = hostile
    assert _free_text_in(d.grid.value) == [] and not MARKUP.search(d.grid.value)
    group = d.group.value
    assert _free_text_in(group) == [] and not MARKUP.search(group)
    assert all(p.code not in group for p in people)
    assert "3 participants" in group


def test_one_participant_view_is_inert(hostile):
    """Markup shows as text, control characters are dropped, right-to-left text is isolated,
    emoji survive, and a 1 MB paste is cut to a readable length."""
    d, _, people = hostile
    for p in people:
        d.show_person(p.code)
        html = d.person.value
        assert not MARKUP.search(html) and not CONTROL.search(html)
        assert "&lt;script&gt;window.__pwned=1&lt;/script&gt;" in html
        assert "<bdi>" in html and "🙂👩‍👩‍👧" in html
    assert len(d.person.value) < 20 * SHOWN_CHARS + 20_000
    assert "more characters; see the export" in d.person.value


def test_export_keeps_hostile_text_whole_and_formulas_inert(hostile):
    """The CSV holds every hostile answer as typed (the 1 MB one in full) with formulas
    quoted; an Excel cell holds at most 32,767 characters, so the 1 MB one is cut there with
    a note pointing at the CSV."""
    d, _, _ = hostile
    files = d.export()
    long_csv = next(f for f in files if f.name == "long.csv")
    table = pd.read_csv(io.BytesIO(long_csv.read_bytes()), encoding="utf-8-sig",
                        keep_default_na=False)
    values = set(table["value"])
    assert SCRIPT in values and BIG in values
    assert "'" + HOSTILE[6] in values and HOSTILE[6] not in values
    xlsx = next(f for f in files if f.suffix == ".xlsx")
    cells = pd.read_excel(xlsx, sheet_name="long", dtype=str)["value"].dropna()
    cut = [c for c in cells if c.endswith(EXCEL_CUT)]
    assert len(cut) == 1 and len(cut[0]) == EXCEL_CELL_LIMIT


def test_prepost_with_hostile_measure_values_does_not_crash(hostile):
    """Text where MSPSS and BARC-10 expect numbers leaves that person out; no markup shows."""
    d, _, _ = hostile
    d.show_prepost()
    assert "<svg" in d.prepost.value and not MARKUP.search(d.prepost.value)
    assert _free_text_in(d.prepost.value) == []


def test_printing_hostile_answers_makes_a_pdf(hostile):
    """The participant with hostile text in every field prints without an error."""
    d, store, people = hostile
    path = d.printing.participant(people[1].code)
    assert path is not None and path.read_bytes().startswith(b"%PDF")
    assert all(_free_text_in(f"{e.target} {e.detail}") == [] for e in store.audit_log())


# --- in a real browser --------------------------------------------------------------------------


@pytest.mark.browser
@pytest.mark.server
def test_hostile_answers_stay_inert_in_the_browser(browser: Any,
                                                  tmp_path_factory: pytest.TempPathFactory):
    """Every tab of the dashboard with hostile answers: no script runs (window.__pwned stays
    undefined, no dialog), no injected element appears, the text shows as typed, and the
    group view holds no typed text or codes."""
    home = tmp_path_factory.mktemp("hostile") / "home"
    _, _, people = hostile_group(home)
    server, url = start_facilitator(home)
    dialogs: list[str] = []
    try:
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        page = context.new_page()
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        log_in(page, url)
        page.get_by_role("tab", name="Group view").click()
        group = page.locator(".ws-group-view")
        expect(group).to_contain_text("3 participants", timeout=15_000)
        text = group.inner_text()
        assert _free_text_in(text) == [] and all(p.code not in text for p in people)
        page.get_by_role("tab", name="One participant").click()
        for p in people:
            page.get_by_label("Code").locator("visible=true").select_option(label=p.code)
            page.locator(".ws-show-person").click()
            expect(page.locator(".ws-person h3")).to_have_text(p.code, timeout=15_000)
        expect(page.locator(".ws-person")).to_contain_text(SCRIPT)
        page.get_by_role("tab", name="Pre/post").click()
        page.get_by_role("button", name="Show pre/post change").click()
        expect(page.locator("svg:visible").first).to_be_visible(timeout=15_000)
        page.get_by_role("tab", name="Export").click()
        page.get_by_role("button", name="Export CSV and Excel").click()
        expect(page.get_by_text("Written (readable by you only)")).to_be_visible(timeout=30_000)
        expect(page.locator(".ws-dashboard h2")).to_contain_text("onerror")  # shown as text
        assert page.evaluate("typeof window.__pwned") == "undefined" and dialogs == []
        injected = page.locator("img[src='x'], svg[onload], b.pwned, .ws-dashboard script")
        assert injected.count() == 0
        context.close()
    finally:
        stop_server(server)
