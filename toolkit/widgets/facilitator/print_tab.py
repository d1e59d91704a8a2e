"""The dashboard's Print tab: one participant's filled worksheets or wallet card, the group's
packet, the session's worksheets blank to hand out on paper, and the group's join cards; in
English or Spanish, on Letter or A4 (cards have their own sizes). A participant's printout is
in the language they chose unless the facilitator picks one; blank ones are in the default
language unless picked.

Every file goes to the exports folder, readable by its owner only, is recorded (so `workshop
forget` finds those with a participant's data) and audited by id, and is offered to the
facilitator's browser as a download link.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING

import ipywidgets as w

from toolkit.settings.config import Config
from toolkit.store.files import stamp, write_private
from toolkit.store.store import Participant, Session, Store
from toolkit.text.languages import DEFAULT_LANGUAGE, LANGUAGES
from toolkit.text.markup import escape
from toolkit.text.strings import ui, ui_plural
from toolkit.widgets.base import guard
from toolkit.widgets.facilitator.downloads import DownloadLinks
from toolkit.worksheet.model import Worksheet

if TYPE_CHECKING:
    from toolkit.render.printout import PrintOptions

PAPERS = ("letter", "a4")
CLIENT_URL_ENV = "WORKSHOP_CLIENT_URL"
"""The client app's address for the join cards' QR codes, when the server knows it."""
OWN_LANGUAGE = ""
"""The language choice that means "each participant's own" (the default)."""


class PrintTab(w.VBox):
    """Print buttons for one session; `find(code)` gives that session's participant or None."""

    def __init__(self, store: Store, catalogue: Mapping[str, Worksheet], session: Session,
                 export_dir: Path, find: Callable[[str | None], Participant | None],
                 codes: list[str], config: Config | None = None,
                 lang: str = DEFAULT_LANGUAGE):
        self.store, self.catalogue, self.session = store, catalogue, session
        self.export_dir, self.find, self.config = export_dir, find, config
        self.ui_lang = lang
        """The dashboard's language (the printouts' is the `lang` choice)."""
        self.lang = w.Dropdown(
            options=[(self.ui("print_own_language"), OWN_LANGUAGE),
                     *[(name, code) for code, name in LANGUAGES.items()]],
            value=OWN_LANGUAGE, description=self.ui("language_label"))
        self.lang.add_class("ws-print-language")
        self.paper = w.Dropdown(options=[(self.ui(f"print_{p}"), p) for p in PAPERS],
                                value="letter",
                                description=self.ui("print_paper"))
        self.pick = w.Dropdown(options=codes, value=None, description=self.ui("dash_code"))
        picked = self.pick
        one = self._button("print_one", "ws-print-one", lambda: self.participant(picked.value))
        card = self._button("print_wallet_card", "ws-print-card",
                            lambda: self.card(picked.value))
        packet = self._button("print_packet", "ws-print-packet", self.packet)
        blank = self._button("print_blank", "ws-print-blank", self.blank)
        self.cards_url = w.Text(value=os.environ.get(CLIENT_URL_ENV, ""),
                                description=self.ui("print_cards_url"),
                                layout=w.Layout(width="480px"))
        self.cards_url.add_class("ws-cards-url")
        cards = self._button("print_cards", "ws-print-cards", self.join_cards)
        self.progress = w.IntProgress(value=0, min=0, max=1,
                                      description=self.ui("print_progress"),
                                      layout=w.Layout(display="none"))
        self.result = w.HTML()
        self.links = DownloadLinks(store, session.id, lang)
        note = w.HTML(f"<p>{escape(self.ui('print_private'))}</p>")
        super().__init__(children=[note, w.HBox([self.lang, self.paper]),
                                   w.HBox([self.pick, one, card]), w.HBox([packet, blank]),
                                   w.HBox([self.cards_url, cards]),
                                   self.progress, self.result, self.links])

    def ui(self, key: str, **fmt: object) -> str:
        """One of the app's strings in the dashboard's language."""
        return ui(key, self.ui_lang, **fmt)

    def _button(self, key: str, css: str, action: Callable[[], object]) -> w.Button:
        button = w.Button(description=self.ui(key))
        button.add_class(css)
        button.on_click(guard(lambda _b: action()))
        return button

    def _say(self, key: str, n: int | None = None, **fmt: object) -> None:
        text = self.ui(key, **fmt) if n is None else ui_plural(key, n, self.ui_lang, **fmt)
        self.result.value = f"<p>{escape(text)}</p>"
        if key == "dash_pick_code":
            self.links.revoke()  # no file made: no link to an older one beside the note

    def _made(self, path: Path, pdf: bytes, ids: list[int], kind: str) -> Path:
        """Record, write (owner-only) and offer one file to download."""
        # Recorded before writing: a file that exists must be one `workshop forget` knows about.
        self.store.record_export([path], self.session.id, ids, kind=kind)
        write_private(path, pdf)
        self.links.offer([path])
        return path

    def options(self, own: str | None = None) -> PrintOptions:
        """The chosen language (else `own`, a participant's, else the default) and paper,
        with the program's clinic line and notice."""
        from toolkit.render.printout import PrintOptions

        lang, paper = self.lang.value or own or DEFAULT_LANGUAGE, self.paper.value
        if self.config is None:
            return PrintOptions(lang=lang, paper=paper)
        return PrintOptions.from_config(self.config, lang, paper)

    def _worksheets(self) -> list[str]:
        return [i for i in self.session.worksheets if i in self.catalogue]

    def _path(self, what: str, o: PrintOptions) -> Path:
        """Where a printout goes, named with the options it was printed with."""
        return self.export_dir / f"{self.session.id}-{what}-{o.lang}-{o.paper}-{stamp()}.pdf"

    def participant(self, code: str | None) -> Path | None:
        """One participant's filled worksheets as a PDF in the exports folder."""
        from toolkit.render.printout import filled_pdf, participant_answers

        p = self.find(code)
        if p is None:
            self._say("dash_pick_code")
            return None
        ids, options = self._worksheets(), self.options(p.lang)
        pdf = filled_pdf([self.catalogue[i] for i in ids], participant_answers(self.store, p, ids),
                         options)
        path = self._made(self._path(f"participant-{p.id}", options), pdf, [p.id],
                          "filled PDF")
        self.store.audit("printed", f"participant {p.id}",
                         f"filled PDF of {len(ids)} worksheets: {path.name}")
        self._say("print_written", path=path)
        return path

    def card(self, code: str | None) -> Path | None:
        """A participant's wallet card (their reach-out plan), in their language unless one is
        picked."""
        from toolkit.render.card import render_card
        from toolkit.supportmap.plan import plan_from_answers

        p = self.find(code)
        if p is None:
            self._say("dash_pick_code")
            return None
        plan = plan_from_answers(self.store.latest(p),
                                 self.config.clinic_line if self.config else None)
        lang = self.lang.value or p.lang or DEFAULT_LANGUAGE
        path = self._made(self.export_dir / f"{self.session.id}-card-{p.id}-{lang}-{stamp()}.pdf",
                          render_card(plan, lang=lang), [p.id], "wallet card")
        self.store.audit("card", f"participant {p.id}", f"wallet card PDF: {path.name}")
        self._say("print_written", path=path)
        return path

    def packet(self) -> Path:
        """Every participant's filled worksheets behind a cover, with a progress bar."""
        from toolkit.render.packet import build_packet

        bar = self.progress
        bar.layout.display = ""

        def progress(done: int, total: int) -> None:
            bar.max, bar.value = max(total, 1), done

        options = self.options()
        try:
            packet = build_packet(self.store, self.session.id, self.catalogue,
                                  options=options, progress=progress,
                                  own_languages=self.lang.value == OWN_LANGUAGE)
        finally:
            bar.layout.display = "none"
        path = self._made(self._path("packet", options), packet.data,
                          [p.id for p in self.store.participants(self.session.id)], "packet")
        self.store.audit("printed", f"session {self.session.id}",
                         f"group packet of {len(packet.pages)} participants, "
                         f"{packet.total_pages} pages: {path.name}")
        self._say("print_packet_written", n=len(packet.pages), path=path)
        return path

    def blank(self) -> Path:
        """The session's worksheets, blank, in one PDF (each starting on a new page)."""
        from toolkit.render.printout import blank_pdf

        ids, options = self._worksheets(), self.options()
        pdf = blank_pdf([self.catalogue[i] for i in ids], options)
        path = self._made(self._path("blank", options), pdf, [], "blank PDF")  # no answers
        self.store.audit("printed", f"session {self.session.id}",
                         f"{len(ids)} blank worksheets: {path.name}")
        self._say("print_blank_written", n=len(ids), path=path)
        return path

    def join_cards(self) -> Path | None:
        """The group's join cards (eight a Letter page, a QR code of the address given)."""
        from toolkit.render.joincards import DEFAULT_URL, check_url, render_join_cards

        try:
            url = check_url(self.cards_url.value or DEFAULT_URL)
        except ValueError:
            self._say("print_cards_bad_url")
            return None
        people = self.store.participants(self.session.id)
        lang = self.lang.value or DEFAULT_LANGUAGE
        pdf = render_join_cards([p.code for p in people], url, lang=lang)
        path = self._made(self.export_dir / f"{self.session.id}-join-cards-{lang}-{stamp()}.pdf",
                          pdf, [p.id for p in people], "join cards")
        self.store.audit("cards", f"session {self.session.id}",
                         f"{len(people)} join cards printed to a PDF file: {path.name}")
        self._say("print_cards_written", n=len(people), path=path)
        return path
