"""The client app in a JupyterLab notebook (real JupyterLab, real Chromium): its save bar sits
at the bottom of the cell's own output, not over the bottom of JupyterLab's window."""

from __future__ import annotations

import pytest

from toolkit.settings.config import Config
from toolkit.store.store import Store

pytestmark = [pytest.mark.browser, pytest.mark.server]

COLD = 150_000  # ms: a new kernel importing the toolkit on a busy 2-core machine
NOTEBOOK = "client-in-lab.ipynb"


def test_the_save_bar_stays_inside_the_notebook_output(browser, studio_lab):
    """A participant's worksheet opened in a notebook cell: "0 of 1 answered" shows inside
    the cell's output area, well above the bottom of JupyterLab's window."""
    config = Config.from_env({"WORKSHOP_HOME": str(studio_lab.home),
                              "WORKSHOP_WORKSHEETS": str(studio_lab.folder)})
    store = Store.open(config)
    try:
        session = store.create_session("Lab group", ["my-sheet"], 1)
        [person] = store.participants(session.id)
        store.record_consent(person)
    finally:
        store.engine.dispose()
    studio_lab.put_notebook(NOTEBOOK, "from toolkit import client_app\n\n"
                                      f"app = client_app({person.code!r})\n"
                                      "app.open_worksheet('my-sheet')\n"
                                      "app")
    context = browser.new_context(viewport={"width": 1400, "height": 1300})
    page = context.new_page()
    try:
        page.goto(studio_lab.url(f"lab/tree/{NOTEBOOK}"), timeout=60_000)
        cell = page.locator(".jp-Notebook .jp-Cell .cm-content").first
        cell.wait_for(timeout=COLD)
        # The kernel is up and idle (the status bar says so), then the cell runs as a person
        # runs it: click into it, Shift+Enter.
        page.locator(".jp-StatusBar-Widget", has_text="| Idle").first.wait_for(timeout=COLD)
        cell.click()
        page.keyboard.press("Shift+Enter")
        page.locator(".jp-InputArea-prompt", has_text="[1]:").wait_for(timeout=COLD)
        bar = page.locator(".jp-OutputArea .ws-bar").first
        bar.get_by_text("0 of 1 answered").wait_for(timeout=COLD)
        output = page.locator(".jp-OutputArea-output", has=page.locator(".ws-bar"))
        out, box = output.bounding_box(), bar.bounding_box()
        window = page.viewport_size["height"]
        assert out["y"] <= box["y"] and box["y"] + box["height"] <= out["y"] + out["height"] + 1
        assert box["y"] + box["height"] < window - 100, (box, window)  # not the window's bottom
    finally:
        context.close()
