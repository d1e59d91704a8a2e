"""The frame around every client screen: our stylesheet and the crisis resources."""

from __future__ import annotations

from importlib.resources import files

import anywidget
import ipywidgets as w
import traitlets

from ..crisis import crisis_lines
from ..i18n import ui
from ..markup import escape

CSS = (files("toolkit.widgets") / "style.css").read_text(encoding="utf-8")
# The consent notice: a little larger than the worksheets, one idea per line, two big buttons
# (kept here with the screen it styles; style.css belongs to the worksheet views).
CONSENT_CSS = """
.ws-consent { font-size: 19px; line-height: 1.55; }
.ws-consent h2 { font-size: 22px; margin: 8px 0; }
.ws-consent ul { padding-left: 22px; }
.ws-consent li { margin: 8px 0; }
.ws-consent-buttons { gap: 10px; margin: 8px 0; }
.ws-app .ws-consent-buttons .jupyter-button, .ws-app .ws-consent-buttons .widget-button {
  width: 100%; min-height: 56px; font-size: 20px; text-align: center; }
"""


def style_widget() -> w.HTML:
    """Our CSS as a widget, so it applies in Voila and in JupyterLab alike (no CDN)."""
    return w.HTML(f"<style>{CSS}{CONSENT_CSS}</style>", layout=w.Layout(display="none"))


def crisis_html(lang: str = "en", clinic_line: str | None = None) -> str:
    items = "".join(f"<li>{escape(x)}</li>" for x in crisis_lines(lang, clinic_line))
    return (f'<aside class="ws-crisis" aria-label="{escape(ui("crisis_title", lang))}">'
            f"<b>{escape(ui('crisis_title', lang))}</b><ul>{items}</ul></aside>")


def crisis_footer(lang: str = "en", clinic_line: str | None = None) -> w.HTML:
    """Crisis lines for the bottom of every client screen."""
    return w.HTML(crisis_html(lang, clinic_line))


class UrlCleaner(anywidget.AnyWidget):
    """Removes ?code=... from the address bar, so the next person on a shared device can't
    reopen the last person's answers with a reload or the back button."""

    _esm = """
    function render({ model }) {
      const clean = () => {
        if (model.get("clean") > 0 && window.location.search) {
          window.history.replaceState(null, "", window.location.pathname);
        }
      };
      model.on("change:clean", clean);
      clean();
    }
    export default { render };
    """
    clean = traitlets.Int(0).tag(sync=True)
