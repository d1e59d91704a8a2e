"""The studio's header: its title, the counselor's language, the worksheet file and a new one
from the template. Everything it says is relabelled at once when the language changes."""

from __future__ import annotations

import os
from urllib.parse import parse_qs

import ipywidgets as w

from toolkit.text.languages import DEFAULT_LANGUAGE, LANGUAGES
from toolkit.text.markup import escape
from toolkit.text.strings import ui
from toolkit.widgets.chrome import PageLanguage

WIDE = {"description_width": "initial"}
LANG_ENV = "WORKSHOP_STUDIO_LANG"
"""Set by `workshop studio --lang CODE`: the language the studio starts in."""


def known_language(lang: str | None) -> str:
    """`lang` when the toolkit speaks it, else the default language."""
    return lang if lang in LANGUAGES else DEFAULT_LANGUAGE


def start_language() -> str:
    """The page's own ?lang= (chosen on it before a reload), else WORKSHOP_STUDIO_LANG, else
    the default language; ValueError for a WORKSHOP_STUDIO_LANG the toolkit does not speak."""
    asked = (parse_qs(os.environ.get("QUERY_STRING", "")).get("lang") or [None])[0]
    if asked in LANGUAGES:
        return asked
    lang = os.environ.get(LANG_ENV) or DEFAULT_LANGUAGE
    if lang not in LANGUAGES:
        raise ValueError(f"{LANG_ENV}={lang!r}: the studio speaks {', '.join(LANGUAGES)}")
    return lang


class StudioHeader(w.VBox):
    """Title and language chooser, then the file chooser, Reload, and a new worksheet's id."""

    def __init__(self, lang: str = DEFAULT_LANGUAGE):
        self.title = w.HTML()
        self.page_lang = PageLanguage(lang=lang, layout=w.Layout(display="none"))
        self.language = w.Dropdown(options=[(name, code) for code, name in LANGUAGES.items()],
                                   value=lang, style=WIDE, layout=w.Layout(width="auto"))
        self.language.add_class("studio-language")
        self.chooser = w.Dropdown(style=WIDE)
        self.chooser.add_class("studio-file")
        self.reload = w.Button()
        self.new_id = w.Text(style=WIDE)
        self.new_button = w.Button(layout=w.Layout(width="auto"))
        self.watching = w.HTML()
        top = w.HBox([self.title, self.language],
                     layout=w.Layout(justify_content="space-between", align_items="center",
                                     flex_flow="row wrap"))
        super().__init__([self.page_lang, top, w.HBox([self.chooser, self.reload]),
                          w.HBox([self.new_id, self.new_button]), self.watching])
        self.relabel(lang)

    def relabel(self, lang: str) -> None:
        """Say everything in `lang`; the page's language follows (a screen reader's voice)."""
        self.title.value = f"<h1>{escape(ui('studio_title', lang))}</h1>"
        self.language.description = ui("language_label", lang)
        self.chooser.description = ui("studio_file", lang)
        self.reload.description = ui("studio_reload", lang)
        self.new_id.description = ui("studio_new_name", lang)
        self.new_button.description = ui("studio_new", lang)
        self.watching.value = f"<p>{escape(ui('studio_watching', lang))}</p>"
        self.page_lang.lang = lang
