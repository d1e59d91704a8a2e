"""The frame around every client screen: our stylesheet and the crisis resources."""

from __future__ import annotations

from importlib.resources import files

import anywidget
import ipywidgets as w
import traitlets

from toolkit.text.crisis import crisis_lines
from toolkit.text.markup import escape
from toolkit.text.strings import ui

CSS = (files("toolkit.widgets") / "style.css").read_text(encoding="utf-8")


def style_widget() -> w.HTML:
    """Our CSS as a widget, so it applies in Voila and in JupyterLab alike (no CDN)."""
    return w.HTML(f"<style>{CSS}</style>", layout=w.Layout(display="none"))


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


class PageLanguage(anywidget.AnyWidget):
    """Sets the page's `lang` attribute to the app's language, so that a screen reader reads
    Spanish with Spanish pronunciation (Voila's page says `en` whatever the app shows), and
    the page's title to the app's name in it (Voila's is the notebook's file name).

    A language chosen on the page also goes into the address as `?lang=..` (a language is
    not private, unlike a code), so a reload before joining stays in it; "I'm finished"
    clears the address (UrlCleaner) and the next person starts afresh."""

    _esm = """
    function render({ model }) {
      const apply = () => {
        document.documentElement.lang = model.get("lang");
        if (model.get("title")) document.title = model.get("title");
      };
      const remember = () => {
        apply();
        const url = new URL(window.location.href);
        url.searchParams.set("lang", model.get("lang"));
        window.history.replaceState(null, "", url.pathname + url.search);
      };
      model.on("change:lang", remember);
      model.on("change:title", apply);
      apply();
    }
    export default { render };
    """
    lang = traitlets.Unicode("en").tag(sync=True)
    title = traitlets.Unicode("", help="the page's title (the browser tab, read first by a "
                              "screen reader)").tag(sync=True)
