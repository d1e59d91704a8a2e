"""The studio in JupyterLab in a real Chromium: edit a question in the file, see it in the
client preview; nothing is requested from outside 127.0.0.1 (no news, no update check)."""

from __future__ import annotations

import os
import subprocess
import time
from pathlib import Path
from urllib.parse import urlparse

import pytest
from support.servers import Server, free_port, stop_server

from toolkit.cli.studio import lab_launch
from toolkit.widgets.studio.template import new_worksheet

pytestmark = [pytest.mark.browser, pytest.mark.server]

QUESTION = "Who helps you on a hard day?"
EDITED = "Who do you call first when a craving comes?"
COLD = 120_000  # ms: JupyterLab, a kernel and two printed pages on a busy 2-core machine


def _start_lab(folder: Path, home: Path, sheet: Path) -> Server:
    port = free_port()
    launch = lab_launch(folder, home, port=port, file=sheet, open_browser=False)
    # Test-only: no token to type, and the test machine may run as root.
    argv = [*launch.argv, "--IdentityProvider.token=", "--ServerApp.password="]
    if os.geteuid() == 0:
        argv.append("--allow-root")
    env = {**os.environ, **launch.env, "WORKSHOP_HOME": str(home)}
    env.pop("WORKSHOP_DB", None)
    log = home / "lab.log"
    proc = subprocess.Popen(argv, env=env, stdout=log.open("wb"), stderr=subprocess.STDOUT,
                            cwd=folder)
    return Server(f"http://127.0.0.1:{port}/", home, proc, log=log)


def test_editing_a_question_in_the_file_shows_in_the_client_preview(browser, tmp_path):
    """Run the studio notebook, change the question in the YAML, and the preview follows."""
    folder, home = tmp_path / "sheets", tmp_path / "home"
    folder.mkdir()
    home.mkdir()
    sheet = new_worksheet(folder, "my-sheet")
    server = _start_lab(folder, home, sheet)
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    page = context.new_page()
    requested: list[str] = []
    page.on("request", lambda r: requested.append(r.url))
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                page.goto(server.url, timeout=10_000)  # the studio's workspace
                break
            except Exception:
                if server.proc.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(server.log.read_text()[-2000:]) from None
                time.sleep(1)
        page.locator(".jp-Notebook .jp-CodeCell").first.wait_for(timeout=COLD)
        # Run the cell once the kernel is up (a key pressed before then is lost).
        page.get_by_text("| Idle").first.wait_for(timeout=COLD)
        page.locator(".jp-Notebook .jp-CodeCell .cm-content").first.click()
        page.keyboard.press("Shift+Enter")
        output = page.locator(".jp-OutputArea .studio")
        output.get_by_text(QUESTION).first.wait_for(timeout=COLD)
        # The save bar stays inside its output, not fixed over JupyterLab's window.
        bar = output.locator(".ws-bar").first
        assert bar.evaluate("e => getComputedStyle(e).position") == "sticky"
        form = output.locator(".ws-form").first.bounding_box()
        box = bar.bounding_box()
        assert form["y"] <= box["y"] and box["y"] + box["height"] <= form["y"] + form["height"]
        sheet.write_text(sheet.read_text().replace(QUESTION, EDITED))
        output.get_by_text(EDITED).first.wait_for(timeout=60_000)
        assert output.get_by_text(QUESTION).count() == 0
        outside = [u for u in requested if urlparse(u).hostname not in ("127.0.0.1", None)
                   and not u.startswith(("data:", "blob:"))]
        assert outside == []
    finally:
        context.close()
        stop_server(server)
