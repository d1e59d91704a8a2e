"""The client's language: chosen on the join screen (or above the consent notice, for someone
who came by a link), remembered for the participant in the store, and set on the page. Until
someone chooses, the browser's own language is shown: a phone set to Spanish opens in Spanish.

A mixin of ClientApp (toolkit.widgets.client.app). Choosing a language is not an answer, so it
is saved without consent; before anyone has joined it is held and saved at the join."""

from __future__ import annotations

from typing import TYPE_CHECKING

import ipywidgets as w

from toolkit.text.languages import LANGUAGES, next_language
from toolkit.text.markup import escape
from toolkit.text.strings import ui
from toolkit.widgets.base import guard
from toolkit.widgets.chrome import PageLanguage, crisis_html

if TYPE_CHECKING:
    from toolkit.store.store import Participant, Store
    from toolkit.widgets.base import TextBox
    from toolkit.widgets.form import WorksheetForm


class LanguageChoice:
    """One button per language, in the language's own name; the choice follows the person."""

    store: Store
    lang: str
    clinic_line: str | None
    participant: Participant | None
    form: WorksheetForm | None
    screen_name: str
    title: w.HTML
    footer: w.HTML
    lang_button: w.Button
    page_lang: PageLanguage
    code_box: TextBox
    lang_chosen: bool
    """Chosen on this join screen, before joining: it then wins over a remembered one."""
    device_lang: str | None
    """The browser's language, when it asks for one we have (toolkit.text.languages)."""

    if TYPE_CHECKING:  # given by ClientApp and the other screens
        def _render_title(self) -> None:
            ...

        def show_join(self, message: str = "", kind: str = "info") -> None:
            ...

        def show_consent(self, again: bool = False) -> None:
            ...

        def show_home(self) -> None:
            ...

        def open_worksheet(self, worksheet_id: str) -> None:
            ...

    def language_row(self, lang: str | None = None) -> w.HBox:
        """The choice, shown plainly, with `lang` (default the app's) marked as current."""
        buttons = []
        for code, name in LANGUAGES.items():
            current = code == (lang or self.lang)
            b = w.Button(description=name, button_style="info" if current else "",
                         tooltip=name)
            b.add_class("ws-lang-choice")
            b.add_class(f"ws-lang-{code}")
            if current:
                b.add_class("ws-lang-current")
            b.on_click(guard(lambda _b, c=code: self.choose_language(c)))
            buttons.append(b)
        # Named in every language at once: someone who cannot read this one still finds it.
        label = " · ".join(ui("language_label", code) for code in LANGUAGES)
        row = w.HBox([w.HTML(f'<span class="ws-lang-label">{escape(label)}</span>'), *buttons])
        row.add_class("ws-lang-row")
        return row

    def choose_language(self, lang: str) -> None:
        """The client chose `lang`: remember it for them and show this screen in it."""
        if lang not in LANGUAGES:
            raise ValueError(f"unknown language {lang!r}")
        if self.participant is not None:
            if self.participant.lang != lang:
                self.participant = self.store.set_language(self.participant, lang)
        else:
            self.lang_chosen = True  # saved for them when they join
        if lang == self.lang:
            return
        self.apply_language(lang)
        self._redraw()

    def use_device_language(self) -> None:
        """Before anyone has chosen: the browser's own language (`device_lang`), if we have it,
        shown but not remembered for anyone, so a phone set to Spanish opens in Spanish and a
        participant's own choice still wins at the join."""
        if self.device_lang is None or self.device_lang == self.lang:
            return
        self.apply_language(self.device_lang)
        self._redraw()

    def _redraw(self) -> None:
        """The screen being shown, again, in the language just applied."""
        if self.screen_name == "consent":
            self.show_consent(again=True)
        elif self.form is not None:
            self.open_worksheet(self.form.ws.id)
        elif self.participant is not None:
            self.show_home()
        else:
            typed = self.code_box.value
            self.show_join()
            self.code_box.value = typed  # a choice made after typing keeps the code

    def switch_language(self) -> None:
        """The header's button: the next language of the list, remembered like a choice."""
        self.choose_language(next_language(self.lang))

    def apply_language(self, lang: str) -> None:
        """The frame around the screens in `lang`, and the page's own `lang` attribute (so a
        screen reader pronounces it right); the screen itself is redrawn by the caller."""
        self.lang = lang
        # The button names the language it switches to, in that language.
        self.lang_button.description = LANGUAGES[next_language(lang)]
        self.footer.value = crisis_html(lang, self.clinic_line)
        self.page_lang.lang = lang
        self.page_lang.title = ui("app_title", lang)
        self._render_title()

    def settle_language(self) -> None:
        """At a join: a language chosen on the join screen is saved for the participant;
        otherwise the one they chose before, if any, is put back."""
        p = self.participant
        assert p is not None
        if self.lang_chosen:
            self.lang_chosen = False
            if p.lang != self.lang:
                self.participant = self.store.set_language(p, self.lang)
        elif p.lang is not None and p.lang != self.lang:
            self.apply_language(p.lang)
