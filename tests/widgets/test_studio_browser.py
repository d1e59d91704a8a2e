"""`workshop studio --lang es` in a real Chromium: the studio runs by itself beside the
worksheet's YAML in JupyterLab's editor, in Spanish, and its language chooser says it in
English at once; a question edited and saved there shows in the client preview; the printed
pages are pictures with words; nothing is requested from outside 127.0.0.1; and after Ctrl-C
the worksheets folder holds exactly what it held before."""

from __future__ import annotations

import re
from urllib.parse import urlparse

import pytest
from playwright.sync_api import expect
from support.studio import listing

pytestmark = [pytest.mark.browser, pytest.mark.server]

QUESTION = "Who helps you on a hard day?"
ADDED = " Or a friend?"
COLD = 150_000  # ms: JupyterLab, a Voila kernel and four printed pages on a busy 2-core machine


def test_the_studio_opens_running_and_follows_the_editor(browser, studio_lab):
    """`workshop studio --lang es` with no FILE, no key to press: the preview shows the first
    worksheet's question, the studio in Spanish; English chosen in its header relabels it; an
    edit saved in JupyterLab's editor shows in it; another file chosen in the studio opens in
    the editor."""
    context = browser.new_context(viewport={"width": 1600, "height": 1000})
    page = context.new_page()
    requested: list[str] = []
    page.on("request", lambda r: requested.append(r.url))
    try:
        page.goto(studio_lab.url(), timeout=60_000)  # the studio's workspace
        studio = page.frame_locator(".jp-IFrame iframe").locator(".studio")
        studio.get_by_text(QUESTION, exact=True).first.wait_for(timeout=COLD)
        studio.get_by_role("heading", name="Taller de hojas de trabajo").wait_for(timeout=COLD)
        pictures = studio.locator("img[alt]")
        pictures.first.wait_for(timeout=COLD)
        assert "página 1 de" in pictures.first.get_attribute("alt")
        # The counselor's language, chosen in the studio's header: said at once.
        studio.locator(".studio-language select").select_option(label="English")
        studio.get_by_role("heading", name="Worksheet studio").wait_for(timeout=30_000)
        # The pictures' words follow a moment later (their message carries the pictures).
        expect(pictures.first).to_have_attribute("alt", re.compile(r"\bpage 1 of"),
                                                 timeout=30_000)
        assert studio.get_by_role("button", name="Save as new version").is_visible()
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
        assert QUESTION + ADDED in studio_lab.sheet.read_text(encoding="utf-8")
        # Another file chosen in the studio opens in JupyterLab's editor, beside the first.
        studio.locator(".studio-file select").select_option(label="other-sheet.yaml")
        page.locator(".lm-DockPanel .lm-TabBar-tabLabel",
                     has_text="other-sheet.yaml").wait_for(timeout=60_000)
        outside = [u for u in requested if urlparse(u).hostname not in ("127.0.0.1", None)
                   and not u.startswith(("data:", "blob:"))]
        assert outside == [], outside
    finally:
        context.close()


def test_ctrl_c_leaves_the_worksheets_folder_as_it_was(studio_lab):
    """Ctrl-C: JupyterLab stops, and the folder holds what it held before, but for the text
    edited there: no notebook, no checkpoints; the run folder goes too."""
    edited = studio_lab.sheet.read_text(encoding="utf-8")
    assert studio_lab.ctrl_c() == 0
    after = listing(studio_lab.folder)
    assert after.keys() == studio_lab.before.keys()
    assert after["other-sheet.yaml"] == studio_lab.before["other-sheet.yaml"]
    assert after["my-sheet.yaml"] == edited.encode()
    assert not any((studio_lab.home / "studio" / "run").iterdir())
