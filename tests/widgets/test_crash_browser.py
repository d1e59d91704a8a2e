"""A crash mid-session: the Voila server and its kernels get SIGKILL while a client types.

Every answer the page showed as "Saved" must be there after a restart, and the page must never
have said "Saved" for text that was lost. Figures (how long typed text waits before it is
saved, i.e. the possible loss window) go to artifacts/crash_window.json."""

from __future__ import annotations

import json
import signal
import statistics
import time
from pathlib import Path
from typing import Any

import pytest
from support.browser import join
from support.ci import ARTIFACTS
from support.servers import Server, start_server, stop_server

from toolkit.settings.config import Config
from toolkit.store.store import Store

pytestmark = [pytest.mark.browser, pytest.mark.server]


def kill_everything(server: Server) -> int:
    """SIGKILL the server and every process under it (its kernels) at once, like a power cut
    for the app: nothing gets to flush or clean up. Returns how many processes were killed."""
    import psutil

    root = psutil.Process(server.proc.pid)
    procs = [root, *root.children(recursive=True)]
    for proc in procs:
        try:
            proc.send_signal(signal.SIGKILL)
        except psutil.NoSuchProcess:
            pass
    server.proc.wait(timeout=10)
    _gone, alive = psutil.wait_procs(procs[1:], timeout=10)
    assert not alive, "a kernel survived SIGKILL"
    return len(procs)


def open_sheet(page: Any, worksheet_id: str) -> None:
    page.locator(f".ws-sheet-{worksheet_id} .ws-open").click()
    page.wait_for_selector(".ws-form", timeout=30_000)


def type_and_time(page: Any, selector: str, text: str) -> tuple[float, float]:
    """Fill a field; return (seconds until the page stops saying "Saved", seconds more until
    it says "Saved" again): the stale-status gap and the window in which a crash loses it."""
    t0 = time.monotonic()
    page.locator(selector).fill(text)
    page.wait_for_selector(".ws-status-pending", timeout=15_000)
    t1 = time.monotonic()
    page.wait_for_selector(".ws-status-saved", timeout=15_000)
    return t1 - t0, time.monotonic() - t1


def test_saved_answers_survive_sigkill(page: Any, tmp_path: Path) -> None:
    """Type, see "Saved", type more, SIGKILL server and kernels at once, restart on the same
    data: every answer shown as saved is there; the last typing was never shown as saved."""
    home = tmp_path / "home"
    config = Config.from_env({"WORKSHOP_HOME": str(home)})
    store = Store.open(config)
    session = store.create_session("Crash test", ["opening-up"], 1)
    code = store.participants(session.id)[0].code
    server = start_server(home)
    restarted: Server | None = None
    try:
        join(page, server.url, code)
        open_sheet(page, "opening-up")
        page.locator(".ws-item-readiness .ws-choice", has_text="7").first.click()
        page.wait_for_selector(".ws-status-saved", timeout=15_000)
        acks, windows = [], []
        for i in range(4):  # measured rounds; each ends "Saved"
            ack, window = type_and_time(page, ".ws-item-first_person input", f"Alpha-{i}")
            acks.append(ack)
            windows.append(window)
        saved_before = {"readiness": 7, "first_person": "Alpha-3"}

        # More typing, then the crash right after the keystroke: the kernel may not even have
        # it yet, so the page must already have stopped saying "Saved".
        page.locator(".ws-item-what_to_share textarea").fill("Bravo-2222")
        shown = page.locator(".ws-status").inner_text().strip()
        killed = kill_everything(server)
        assert killed >= 2  # the server and at least the one kernel

        restarted = start_server(home)
        join(page, restarted.url, code)
        open_sheet(page, "opening-up")
        assert page.locator(".ws-item-first_person input").input_value() == "Alpha-3"
        assert page.locator(".ws-item-readiness .ws-selected").inner_text().strip() == "✓ 7"
        after = Store.open(config).latest_for(store.participant_by_code(code), "opening-up")
        assert {k: after.get(k) for k in saved_before} == saved_before
        assert shown == "Saving…", f"the page said {shown!r} for typing not yet saved"
    finally:
        for srv in (server, restarted):
            if srv is not None and srv.proc.poll() is None:
                stop_server(srv)

    figures = {
        "debounce_s": 0.6,
        "keystroke_to_saving_shown_s": {"median": statistics.median(acks), "max": max(acks)},
        "saving_to_saved_s": {"median": statistics.median(windows), "max": max(windows)},
        "status_at_kill": shown,
        "last_typing_survived": after.get("what_to_share") == "Bravo-2222",
        "processes_killed": killed,
    }
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "crash_window.json").write_text(json.dumps(figures, indent=2))
    print("crash figures:", json.dumps(figures))
