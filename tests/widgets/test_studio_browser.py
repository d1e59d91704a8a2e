"""`workshop studio` in a real Chromium: the studio runs by itself beside the worksheet's YAML
in JupyterLab's editor; a question edited and saved there shows in the client preview; the
printed pages are pictures with words; nothing is requested from outside 127.0.0.1; and
after Ctrl-C the worksheets folder holds exactly what it held before."""

from __future__ import annotations

import signal
import subprocess
from pathlib import Path
from urllib.parse import urlparse

import pytest
from support.servers import start_server, stop_server

from toolkit.widgets.studio.template import new_worksheet

pytestmark = [pytest.mark.browser, pytest.mark.server]

QUESTION = "Who helps you on a hard day?"
ADDED = " Or a friend?"
COLD = 150_000  # ms: JupyterLab, a Voila kernel and four printed pages on a busy 2-core machine
TOKEN = "studio-test-token"


def _listing(folder: Path) -> dict[str, bytes | None]:
    """Every path under `folder`, hidden ones too, with each file's bytes."""
    return {p.relative_to(folder).as_posix(): p.read_bytes() if p.is_file() else None
            for p in sorted(folder.rglob("*"))}


def test_the_studio_opens_running_and_follows_the_editor(browser, tmp_path):
    """`workshop studio` with no FILE, no key to press: the preview shows the first worksheet's
    question; an edit saved in JupyterLab's editor shows in it; another file chosen in the
    studio opens in the editor; Ctrl-C leaves the folder as it was, but for the edited text."""
    folder, home = tmp_path / "sheets", tmp_path / "home"
    folder.mkdir()
    sheet = new_worksheet(folder, "my-sheet")
    new_worksheet(folder, "other-sheet")
    before = _listing(folder)
    # No FILE: the first worksheet of the worksheets folder opens. Run as this machine's
    # user (root in CI): `workshop studio` passes --allow-root itself.
    server = start_server(home, command="studio", extra=("--no-browser",),
                          env={"JUPYTER_TOKEN": TOKEN, "WORKSHOP_WORKSHEETS": str(folder)})
    context = browser.new_context(viewport={"width": 1600, "height": 1000})
    page = context.new_page()
    requested: list[str] = []
    page.on("request", lambda r: requested.append(r.url))
    try:
        page.goto(f"{server.url}?token={TOKEN}", timeout=60_000)  # the studio's workspace
        studio = page.frame_locator(".jp-IFrame iframe").locator(".studio")
        studio.get_by_text(QUESTION, exact=True).first.wait_for(timeout=COLD)
        pictures = studio.locator("img[alt]")
        pictures.first.wait_for(timeout=COLD)
        assert "page 1 of" in pictures.first.get_attribute("alt")
        # The save bar stays inside its form, not fixed over the bottom of the studio.
        bar = studio.locator(".ws-bar").first
        assert bar.evaluate("e => getComputedStyle(e).position") == "sticky"
        form, box = studio.locator(".ws-form").first.bounding_box(), bar.bounding_box()
        assert form["y"] <= box["y"] and box["y"] + box["height"] <= form["y"] + form["height"]

        line = page.locator(".jp-FileEditor .cm-line", has_text=QUESTION)
        line.click()
        page.keyboard.press("End")
        page.keyboard.type(ADDED)
        page.keyboard.press("Control+s")
        studio.get_by_text(QUESTION + ADDED).first.wait_for(timeout=60_000)
        assert QUESTION + ADDED in sheet.read_text(encoding="utf-8")
        # Another file chosen in the studio opens in JupyterLab's editor, beside the first.
        studio.locator("select").first.select_option(label="other-sheet.yaml")
        page.locator(".lm-DockPanel .lm-TabBar-tabLabel",
                     has_text="other-sheet.yaml").wait_for(timeout=60_000)
        outside = [u for u in requested if urlparse(u).hostname not in ("127.0.0.1", None)
                   and not u.startswith(("data:", "blob:"))]
        assert outside == [], outside
    finally:
        context.close()
    server.proc.send_signal(signal.SIGINT)  # Ctrl-C
    try:
        assert server.proc.wait(timeout=60) == 0
    except subprocess.TimeoutExpired:
        stop_server(server)
        raise
    after = _listing(folder)
    assert after.keys() == before.keys()  # no notebook, no checkpoints, nothing else
    assert after["other-sheet.yaml"] == before["other-sheet.yaml"]
    assert not any((home / "studio" / "run").iterdir())  # the run folder went with it
