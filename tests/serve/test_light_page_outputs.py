"""A notebook's outputs that are not widgets, on the light page: text stays text and HTML goes
through an allow-list, so hostile markup in any output shows inert (nothing runs, loads,
restyles the page or leads to a script); and a notebook without widgets is shown at all (its
kernel closes the page's request for widget states instead of answering)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import nbformat
import pytest
from support.servers import Server, start_server, stop_server

pytestmark = [pytest.mark.browser, pytest.mark.server]

HOSTILE = """\
from IPython.display import HTML, display
display(HTML(
    '<p class="note">Plain <b>bold</b> words</p>'
    '<img src="x" onerror="window.pwned = 1">'
    '<script>window.pwned = 2</script>'
    '<a id="bad" href="javascript:window.pwned = 3">bad link</a>'
    '<a id="good" href="https://example.org/">good link</a>'
    '<style>body { display: none }</style>'
    '<svg onload="window.pwned = 4"><circle r="4"/></svg>'
    '<iframe srcdoc="<script>parent.pwned = 5</script>"></iframe>'
    '<base href="https://example.org/">'
    '<form action="https://example.org/"><button>Send</button></form>'
    '<details open ontoggle="window.pwned = 6"><summary>Kept as words</summary></details>'
    '<table><tr><td onclick="window.pwned = 7" style="color: red">cell</td></tr></table>'
))
print("<b>printed, not bold</b>")
"""

# A slow second cell: the kernel closes the page's request for widget states between the two
# cells, while the page is still being sent, so the close comes before the page has finished
# parsing (which once surfaced as an uncaught "control comm closed").
SLOW = "import time\ntime.sleep(2)"


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    folder = tmp_path_factory.mktemp("outputs")
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(HOSTILE),
                                        nbformat.v4.new_code_cell(SLOW)])
    nb.metadata.kernelspec = {"name": "python3", "display_name": "Python 3",
                              "language": "python"}
    nbformat.write(nb, folder / "hostile.ipynb")
    srv = start_server(folder / "home", notebook=str(folder / "hostile.ipynb"),
                       extra=("--page", "light"))
    try:
        yield srv
    finally:
        stop_server(srv)


def test_hostile_html_in_an_output_is_shown_inert(page: Any, server: Server) -> None:
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.goto(server.url)
    page.wait_for_selector(".jp-RenderedHTML .note", timeout=120_000)
    page.wait_for_selector(".jp-RenderedText pre", timeout=30_000)
    page.wait_for_timeout(300)  # an onerror or onload would have run by now
    shown = page.locator(".jp-RenderedHTML")
    assert shown.locator("b").inner_text() == "bold"
    assert "Kept as words" in shown.inner_text()
    for tag in ("img", "script", "style", "svg", "iframe", "base", "form", "button",
                "details"):
        assert shown.locator(tag).count() == 0, tag
    assert page.evaluate("window.pwned") is None
    assert "bad link" in shown.inner_text()  # its words stay, without the link
    assert shown.locator("a").count() == 1
    assert shown.locator("a").get_attribute("href") == "https://example.org/"
    assert shown.locator("a").get_attribute("rel") == "noopener noreferrer"
    cell = shown.locator("td")
    assert cell.get_attribute("onclick") is None and cell.get_attribute("style") is None
    cell.click()
    assert page.evaluate("window.pwned") is None
    assert page.locator("body").is_visible()
    assert page.evaluate("document.baseURI").startswith(server.url)
    printed = page.locator(".jp-RenderedText pre")
    assert printed.inner_text().strip() == "<b>printed, not bold</b>"
    assert printed.locator("b").count() == 0
    assert page.evaluate("window.themeLoaded") is True  # the page is done, no spinner
    assert errors == []

