"""`workshop serve --session`: preheated kernels get the join code and work through the
channels made ready while they waited (toolkit.serve.channels); other groups' codes are
refused."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect
from support.browser import join
from support.servers import Server, start_server, stop_server, wait_ready

from toolkit.settings.config import Config
from toolkit.store.store import Store

pytestmark = [pytest.mark.browser, pytest.mark.server]


@pytest.fixture(scope="module")
def group(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Server, list[str], str]]:
    """A server for group A (two preheated kernels) in a store that also holds group B."""
    home = tmp_path_factory.mktemp("group") / "home"
    store = Store.open(Config.from_env({"WORKSHOP_HOME": str(home)}))
    a = store.create_session("Group A", ["mspss"], 2)
    b = store.create_session("Group B", ["mspss"], 1)
    server = start_server(home, extra=("--session", a.id, "--pool", "3"))
    try:
        wait_ready(server)  # joins after this take warm kernels with ready-made channels
        codes = [p.code for p in store.participants(a.id)]
        yield server, codes, store.participants(b.id)[0].code
    finally:
        stop_server(server)


def test_preheated_kernel_receives_the_code(page: Any, group: tuple) -> None:
    """With preheated kernels, the code in the link still reaches the app and joins, and
    the page works both ways: a click is saved, and the kernel's answers show."""
    server, codes, _ = group
    join(page, server.url, codes[0])
    sheet = page.locator(".ws-sheet-mspss")
    expect(sheet).to_contain_text("Not started")
    sheet.locator(".ws-open").click()
    page.locator(".ws-item-item1 .ws-choice").first.click()
    page.wait_for_selector(".ws-status-saved", timeout=15_000)
    page.locator(".ws-back").click()
    expect(sheet).to_contain_text("In progress")


def test_another_groups_code_is_refused_kindly(page: Any, group: tuple) -> None:
    """A valid code from another group gets the same kind message as an unknown one."""
    server, _, other = group
    page.goto(f"{server.url}?code={other}")
    expect(page.locator(".ws-warning")).to_contain_text("couldn't find that code",
                                                       timeout=90_000)


def test_unknown_session_is_a_clear_error(home: Path) -> None:
    """`workshop serve --session nope` exits 1 and says which sessions exist."""
    out = subprocess.run([sys.executable, "-m", "toolkit.cli", "serve", "--session", "nope"],
                         capture_output=True, text=True, timeout=60)
    assert out.returncode == 1 and "no session 'nope'" in out.stderr
