"""The consent and privacy notice, once per participant: nothing is saved without "I agree".

A mixin of ClientApp (toolkit.widgets.client.app); every save of the app goes through `_save`."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

import ipywidgets as w

from toolkit.store.store import ConsentRequired, Participant, Store
from toolkit.text.consent import notice_for
from toolkit.text.markup import escape, markdown_html
from toolkit.text.strings import ui
from toolkit.widgets.base import guard

if TYPE_CHECKING:
    from toolkit.widgets.chrome import UrlCleaner
    from toolkit.widgets.form import WorksheetForm


class ConsentScreen:
    """Shows the notice, records agreement to the exact text shown, or leaves kindly."""

    store: Store
    lang: str
    screen: w.VBox
    screen_name: str
    form: WorksheetForm | None
    participant: Participant | None
    consented: bool
    lang_chosen: bool
    consent_notice: dict[str, str]
    _consent_screens: dict[str, tuple[str, tuple[w.Widget, ...]]]
    url: UrlCleaner
    _held: tuple[w.Widget, ...]

    if TYPE_CHECKING:  # given by ClientApp and the other screens
        def show_screen(self, children: Sequence[w.Widget]) -> None:
            ...

        def show_home(self) -> None:
            ...

        def show_join(self, message: str = "", kind: str = "info") -> None:
            ...

        def _cancel_join_timer(self) -> None:
            ...

        def language_row(self, lang: str | None = None) -> w.HBox:
            ...

    # --- consent ----------------------------------------------------------------------------

    def show_consent(self, again: bool = False) -> None:
        """The consent and privacy notice, with "I agree" and "Not now"."""
        if self.screen_name == "consent" and not again:
            return  # already showing (a save that needs consent may retry)
        if self.screen_name == "form":  # a refused save: come back to this form after
            self._held = self.screen.children
        self.screen_name = "consent"
        self._cancel_join_timer()
        self.notice_text, children = self._consent_screens.pop(self.lang, None) or \
            self._build_consent(self.lang)
        self.show_screen(children)

    def prepare_consent(self) -> None:
        """Build the notice screen ahead, in the app's language, for the next show_consent.

        A preheated kernel does this before anyone joins: at a group's first meeting
        everybody lands on this screen at the same moment, and what is built ahead is not
        built during the burst of joins."""
        self._consent_screens[self.lang] = self._build_consent(self.lang)

    def _build_consent(self, lang: str) -> tuple[str, tuple[w.Widget, ...]]:
        text = notice_for(self.consent_notice, lang)
        notice = w.HTML(f'<div class="ws-consent">{_with_h1(markdown_html(text), lang)}</div>')
        agree = w.Button(description=ui("consent_agree", lang), button_style="success")
        agree.add_class("ws-consent-agree")
        agree.on_click(guard(lambda _b: self.agree()))
        decline = w.Button(description=ui("consent_decline", lang))
        decline.add_class("ws-consent-decline")
        decline.on_click(guard(lambda _b: self.decline()))
        buttons = w.VBox([agree, decline])
        buttons.add_class("ws-consent-buttons")
        # First what matters most, then the notice; the buttons stay in sight (style.css).
        hint = w.HTML(f'<p>{escape(ui("consent_hint", lang))}</p>')
        hint.add_class("ws-consent-lead")
        # Someone who came by a link has not seen the join screen: the choice is here too.
        return text, (self.language_row(lang), hint, notice, buttons)

    def agree(self) -> None:
        """Record agreement to the exact text shown, then go on (saving anything held)."""
        if self.screen_name != "consent" or self.participant is None:
            return  # a second tap that arrived after the screen changed
        self.store.record_consent(self.participant, self.notice_text)
        self.store.audit("consented", f"participant {self.participant.id}", actor="participant")
        if self.participant.lang is None:  # they read the notice in this one: keep it for them
            self.participant = self.store.set_language(self.participant, self.lang)
        self.consented = True
        if self.form is not None and self._held:  # a save was refused: back to the form
            held, self._held = self._held, ()
            self.show_screen(held)
            self.screen_name = "form"
            self.form.flush()
            return
        self.show_home()

    def decline(self) -> None:
        """Leave without saving anything; say so kindly."""
        if self.screen_name != "consent":
            return
        self.participant = None
        self.consented = False
        self.form = None  # nothing in it could be saved: drop it
        self.lang_chosen = False
        self.url.clean += 1
        self.show_join(ui("consent_declined", self.lang), "info")

    def _needs_consent(self) -> bool:
        """True (and the notice shown) when the participant has not agreed yet."""
        if self.consented:
            return False
        assert self.participant is not None
        self.consented = self.store.consented_at(self.participant) is not None
        if not self.consented:
            self.show_consent()
        return not self.consented

    def _save(self, p: Participant, worksheet_id: str, values: Mapping[str, object],
              version: str, lang: str) -> None:
        """Every save of the app goes here, with the language the questions were shown in: a
        refusal for want of consent shows the notice (the answers stay pending and are saved
        after "I agree"), never an error."""
        try:
            self.store.save_answers(p, worksheet_id, values, version, lang)
        except ConsentRequired:
            if p == self.participant:
                self.consented = False
                self.show_consent()
            raise


def _with_h1(html: str, lang: str) -> str:
    """The notice as the screen's one h1 and its sections: a notice that starts with a heading
    has that heading as the h1 (its other headings as they are), otherwise a plain title."""
    match = re.match(r"\s*<h([1-6])>(.*?)</h\1>", html, re.S)
    if match:
        return f"<h1>{match.group(2)}</h1>{html[match.end():]}"
    return f"<h1>{escape(ui('consent_title', lang))}</h1>{html}"
