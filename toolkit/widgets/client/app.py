"""The client app: join with a code, see my worksheets, answer them, hand the device on."""

from __future__ import annotations

import base64
import os
from collections.abc import Mapping, Sequence
from typing import Literal
from urllib.parse import parse_qs

import ipywidgets as w

from toolkit.access.clientid import browser_language_from_request, wait_for_request
from toolkit.access.ratelimit import JoinLimiter
from toolkit.settings.config import Config
from toolkit.store.autosave import Handle, Scheduler
from toolkit.store.store import ConsentRequired, Participant, Store
from toolkit.supportmap.people import MAP_ITEM, MAP_WORKSHEET, SupportMap
from toolkit.supportmap.plan import PLAN_WORKSHEET, dangling, plan_from_answers
from toolkit.text.consent import default_notice
from toolkit.text.languages import LANGUAGES, next_language
from toolkit.text.markup import escape
from toolkit.text.strings import tr, ui
from toolkit.widgets.aria import Aria
from toolkit.widgets.base import (
    add_error_sink,
    close_unshown,
    guard,
    quiet_routing_peek,
    remove_error_sink,
)
from toolkit.widgets.chrome import PageLanguage, UrlCleaner, crisis_footer, style_widget
from toolkit.widgets.client.consent_screen import ConsentScreen
from toolkit.widgets.client.join import JoinScreen
from toolkit.widgets.client.language import LanguageChoice
from toolkit.widgets.form import WorksheetForm
from toolkit.widgets.lean import lean_states
from toolkit.worksheet.conditions import STATUS_ITEM, worksheet_status
from toolkit.worksheet.loader import load_folder
from toolkit.worksheet.model import Worksheet


def code_from_request() -> str | None:
    """The join code from the page URL (?code=...), also for Voila's preheated kernels."""
    # Only a preheated kernel waits for its request (a no-op otherwise); the light version,
    # since importing voila.utils costs ~3 s of CPU per kernel on this hardware.
    wait_for_request()
    query = parse_qs(os.environ.get("QUERY_STRING", ""))
    return (query.get("code") or [None])[0]


def language_from_request() -> str | None:
    """The language the page chose before a reload (?lang=..), if it is one we offer."""
    lang = (parse_qs(os.environ.get("QUERY_STRING", "")).get("lang") or [None])[0]
    return lang if lang in LANGUAGES else None


class ClientApp(JoinScreen, ConsentScreen, LanguageChoice, w.VBox):
    """One client's screens. Nothing of the last person stays after "I'm finished".

    Screens: join (toolkit.widgets.client.join), then (once) the consent and privacy notice
    (toolkit.widgets.client.consent_screen), then home and worksheets (here). The language is
    chosen on the first two and remembered per participant (toolkit.widgets.client.language).
    Nothing is saved for a participant who has not agreed (the store refuses it too). Wrong
    codes are rate limited per browser (toolkit.access.ratelimit).
    """

    def __init__(self, store: Store, catalogue: Mapping[str, Worksheet], *,
                 code: str | None = None, lang: str = "en", clinic_line: str | None = None,
                 session_id: str | None = None,
                 scheduler: Scheduler | Literal["auto"] | None = "auto",
                 consent_notice: Mapping[str, str] | None = None,
                 limiter: JoinLimiter | None = None):
        self.store, self.catalogue = store, catalogue
        self.lang, self.clinic_line, self.scheduler = lang, clinic_line, scheduler
        self.session_id = session_id  # when set, only this group's codes open the app
        self.consent_notice = dict(consent_notice or default_notice())
        self._consent_screens = {}
        self.limiter = limiter or JoinLimiter(store)
        self.participant: Participant | None = None
        self.consented = False
        self.form: WorksheetForm | None = None
        self.screen_name = "join"
        self.lang_chosen = False
        self.device_lang: str | None = None  # set from the request (client_app)
        self._join_timer: Handle | None = None
        self._held: tuple[w.Widget, ...] = ()  # the form a refused save came from
        self._retiring: list[w.Widget] = []  # the screen before this one (show_screen)
        self.error_box = w.HTML(layout=w.Layout(display="none"))
        self.error_box.add_class("ws-error")
        self.screen = w.VBox()
        self.screen.add_class("ws-screen")
        self.footer = crisis_footer(lang, clinic_line)
        self.url = UrlCleaner()
        self.page_lang = PageLanguage(lang=lang, title=ui("app_title", lang))
        self.lang_button = w.Button(description=LANGUAGES[next_language(lang)])
        self.lang_button.add_class("ws-lang")
        self.lang_button.on_click(guard(lambda _b: self.switch_language()))
        self.title = w.HTML()
        head = w.HBox([self.title, self.lang_button])
        head.add_class("ws-head")  # the banner; the main part holds the screens' h1
        main = w.VBox([self.error_box, self.screen])
        main.add_class("ws-main")
        super().__init__(children=[style_widget(), Aria(), self.url, self.page_lang, head,
                                   main, self.footer])
        self.add_class("ws-app")
        add_error_sink(self.show_error)
        self._render_title()
        if code:
            self.join(code)
        else:
            self.show_join()

    # --- chrome ------------------------------------------------------------------------------

    def _render_title(self) -> None:
        # The app's name, not a heading: each screen has its own h1 (aria.js focuses it).
        self.title.value = f'<p class="ws-app-title">{escape(ui("app_title", self.lang))}</p>'

    def show_error(self, exc: BaseException) -> None:
        """An error inside a callback: say so on the page (type only: no answer text)."""
        self.error_box.value = (f'<div role="alert">{escape(ui("error_shown", self.lang))} '
                                f"<small>({escape(type(exc).__name__)})</small></div>")
        self.error_box.layout.display = ""

    def show_screen(self, children: Sequence[w.Widget]) -> None:
        """Show `children` as the screen. The screen before it stays open one screen longer
        (a tap already on its way, on a button the page still shows for a moment, still
        works), then closes with what nothing shows or keeps any more (a form held for a
        refused save, notices built ahead while they may be needed): a page opened later is
        sent every live widget."""
        retiring, self._retiring = self._retiring, list(self.screen.children)
        if self.consented and self._consent_screens:  # built ahead, no longer needed
            retiring += [x for _text, screen in self._consent_screens.values() for x in screen]
            self._consent_screens.clear()
        self.screen.children = tuple(children)
        self._close(retiring)

    def close_last_screen(self) -> None:
        """Close the screen before this one now (after a join: the join screen is done)."""
        retiring, self._retiring = self._retiring, []
        self._close(retiring)

    def _close(self, widgets: list[w.Widget]) -> None:
        ahead = [x for _text, screen in self._consent_screens.values() for x in screen]
        close_unshown(widgets, keep=[*self.screen.children, *self._retiring, *self._held,
                                     *ahead])

    # --- home -----------------------------------------------------------------------------

    def worksheet_ids(self) -> list[str]:
        assert self.participant is not None
        session = self.store.session(self.participant.session_id)
        return [wid for wid in session.worksheets if wid in self.catalogue]

    def show_home(self) -> None:
        assert self.participant is not None
        if self._needs_consent() or not self._leave_form():
            return
        self.screen_name = "home"
        latest = self.store.latest(self.participant)
        rows: list[w.Widget] = [
            w.HTML(f"<h1>{escape(ui('your_worksheets', self.lang))}</h1>"),
        ]
        for wid in self.worksheet_ids():
            ws = self.catalogue[wid]
            status = worksheet_status(ws, latest.get(wid, {}))
            label = w.HTML(f'<div class="ws-sheet-title">{escape(tr(ws.title, self.lang))}</div>'
                           f'<span class="ws-badge ws-badge-{status}">'
                           f"{escape(ui('status_' + status, self.lang))}</span>")
            button = w.Button(description=ui("open", self.lang), tooltip=tr(ws.title, self.lang))
            button.add_class("ws-open")
            button.on_click(guard(lambda _b, i=wid: self.open_worksheet(i)))
            row = w.HBox([label, button])
            row.add_class("ws-sheet")
            row.add_class(f"ws-sheet-{wid}")
            rows.append(row)
        finish = w.Button(description=ui("finished", self.lang))
        finish.add_class("ws-finished")
        finish.on_click(guard(lambda _b: self.finish()))
        rows.append(finish)
        self.show_screen(rows)

    # --- a worksheet ------------------------------------------------------------------------

    def open_worksheet(self, worksheet_id: str) -> None:
        assert self.participant is not None
        if self._needs_consent() or not self._leave_form():
            return
        self.screen_name = "form"
        ws = self.catalogue[worksheet_id]
        p = self.participant
        latest = self.store.latest(p)
        shown = ws.shown_language(self.lang)  # saved with each answer: a score says it

        def save(values: Mapping[str, object]) -> None:
            self._save(p, ws.id, values, ws.version, shown)
            if ws.id == MAP_WORKSHEET and MAP_ITEM in values:
                self._reconcile_plan(values[MAP_ITEM])

        self.form = WorksheetForm(ws, lang=self.lang, answers=latest.get(ws.id, {}), save=save,
                                  scheduler=self.scheduler, context=latest)
        back = w.Button(description=ui("back", self.lang))
        back.add_class("ws-back")
        back.on_click(guard(lambda _b: self.show_home()))
        done = w.Button(description=ui("mark_done", self.lang), button_style="success")
        done.add_class("ws-mark-done")
        done.on_click(guard(lambda _b: self._mark_done()))
        extra: list[w.Widget] = []
        if ws.id == PLAN_WORKSHEET:
            card = w.Button(description=ui("print_card", self.lang), button_style="info")
            card.add_class("ws-print-card")
            self.card_link = w.HTML()
            self.card_link.add_class("ws-card-link")
            card.on_click(guard(lambda _b: self._make_card()))
            extra = [card, self.card_link]
        self.show_screen([back, self.form, *extra, done])

    def _make_card(self) -> None:
        """The wallet card as a PDF the client's own device downloads (nothing is kept)."""
        from toolkit.render.card import render_card

        assert self.participant is not None and self.form is not None
        if not self.form.flush():
            return
        plan = plan_from_answers(self.store.latest(self.participant), self.clinic_line)
        data = base64.b64encode(render_card(plan, lang=self.lang)).decode()
        self.card_link.value = (
            f'<a class="ws-card-download" download="my-card.pdf" '
            f'href="data:application/pdf;base64,{data}">{escape(ui("card_ready", self.lang))}</a>')

    def _reconcile_plan(self, rows: object) -> None:
        """Someone removed from the map is removed from the plan too: never dangling."""
        assert self.participant is not None
        plan_ws = self.catalogue.get(PLAN_WORKSHEET)
        if plan_ws is None:
            return
        plan = self.store.latest_for(self.participant, PLAN_WORKSHEET)
        clears = dangling(plan, SupportMap.from_rows(rows if isinstance(rows, list) else []))
        if clears:
            self._save(self.participant, PLAN_WORKSHEET, clears, plan_ws.version,
                       plan_ws.shown_language(self.lang))

    def _mark_done(self) -> None:
        assert self.form is not None and self.participant is not None
        ws = self.form.ws
        if not self.form.flush():
            return  # the form says "Not saved, retrying"; done can wait for the answers
        try:
            self._save(self.participant, ws.id, {STATUS_ITEM: "done"}, ws.version,
                       self.form.lang)
        except ConsentRequired:
            return  # the notice is on screen now
        self.show_home()

    def _leave_form(self) -> bool:
        """Save the open worksheet before leaving it; stay (saying so) if that fails."""
        if self.form is not None:
            if not self.form.flush():
                return False
            self.form = None
        return True

    def finish(self) -> None:
        """Save, forget who was here, and clear the screen and the address bar."""
        if not self._leave_form():
            return
        self.participant = None
        self.consented = False
        self.lang_chosen = False  # the next person's own language, once they join
        self.url.clean += 1
        self.error_box.layout.display = "none"
        self.show_join(ui("finished_done", self.lang), "success")

    def __repr__(self) -> str:
        # The notebook's plain-text fallback: ipywidgets' would walk every child, on every
        # join (a page shows the widget view, never this).
        return "ClientApp()"

    def close(self) -> None:
        self._cancel_join_timer()
        remove_error_sink(self.show_error)
        super().close()


def client_app(code: str | None = None, *, config: Config | None = None) -> ClientApp:
    """The client app for a notebook: store and worksheets from the configuration, and the
    join code from `code` or else from the page URL."""
    config = config or Config.from_env()
    quiet_routing_peek()
    lean_states()
    store = Store.open(config)
    catalogue = load_folder(config.worksheets_dir)
    # Build everything a preheated kernel can before anyone joins; only the join waits.
    app = ClientApp(store, catalogue, clinic_line=config.clinic_line, session_id=config.session,
                    consent_notice=config.consent_notice)
    app.prepare_consent()
    code = code or code_from_request()
    lang = language_from_request()  # after code_from_request: a warm kernel waits there
    app.device_lang = browser_language_from_request()
    if lang is not None and lang != app.lang:
        app.choose_language(lang)
    elif lang is None:
        app.use_device_language()
    if code:
        app.join(code)
    return app
