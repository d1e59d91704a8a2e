"""The facilitator's way in: the passphrase box before the dashboard, log-off after idle time
or on "Log off", and a hidden widget that tells the kernel the page is in use."""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any, Literal
from urllib.parse import parse_qs

import anywidget
import ipywidgets as w
import traitlets

from toolkit.access.clientid import browser_language_from_request
from toolkit.access.passphrase import IdleTimer, Login, has_passphrase, idle_seconds_from_env
from toolkit.settings.config import Config
from toolkit.store.autosave import Scheduler, default_scheduler
from toolkit.store.store import Store
from toolkit.text.languages import DEFAULT_LANGUAGE, LANGUAGES
from toolkit.text.markup import escape
from toolkit.text.strings import ui, ui_plural
from toolkit.widgets.aria import Aria
from toolkit.widgets.base import add_error_sink, guard, remove_error_sink, walk
from toolkit.widgets.chrome import PageLanguage, style_widget
from toolkit.widgets.facilitator.board import Dashboard
from toolkit.widgets.lean import lean_states
from toolkit.worksheet.loader import load_folder
from toolkit.worksheet.model import Worksheet

SET_COMMAND = "workshop facilitator set-passphrase"
PLAIN_HTTP_ENV = "WORKSHOP_PLAIN_HTTP"
"""Set to "1" by `workshop serve --allow-plain-http` (toolkit.serve.transport) when answers
cross the network unencrypted."""


def _message(text: str, kind: str = "warning") -> str:
    return f'<p class="ws-{kind}" role="status">{escape(text)}</p>'


class ActivityWatcher(anywidget.AnyWidget):
    """Tells the kernel the facilitator is using the page (clicks, keys, scrolling), at most
    once per `every_ms`, so idle log-off follows real use rather than the live refresh."""

    _esm = """
    function render({ model }) {
      let last = 0, pending = null;
      const send = () => { pending = null; last = Date.now(); model.send({ active: 1 }); };
      const note = () => {
        if (pending) return;
        const wait = last + model.get("every_ms") - Date.now();
        if (wait <= 0) send(); else pending = setTimeout(send, wait);
      };
      const kinds = ["pointerdown", "keydown", "wheel", "touchstart"];
      for (const k of kinds) document.addEventListener(k, note, { capture: true, passive: true });
      return () => {
        for (const k of kinds) document.removeEventListener(k, note, { capture: true });
        if (pending) clearTimeout(pending);
      };
    }
    export default { render };
    """
    every_ms = traitlets.Int(15_000, help="at most one activity note per this many ms").tag(
        sync=True)


class PassphraseField(anywidget.AnyWidget):
    """Tells password managers what the passphrase box is (autocomplete=current-password), so
    they can fill it, and never blocks pasting into it (WCAG 3.3.8)."""

    _esm = """
    function render() {
      // The box comes and goes (log in, log off): look for it twice a second.
      const mark = () => document.querySelectorAll(".ws-passphrase input").forEach((el) => {
        if (el.getAttribute("autocomplete") === "current-password") return;
        el.setAttribute("autocomplete", "current-password");
        el.setAttribute("name", "passphrase");
      });
      mark();
      const timer = setInterval(mark, 500);
      return () => clearInterval(timer);
    }
    export default { render };
    """


class FacilitatorDashboard(w.VBox):
    """The passphrase box first; the dashboard only after the right passphrase, and gone
    again (closed) after `idle_seconds` without use or on "Log off"."""

    def __init__(self, store: Store, catalogue: Mapping[str, Worksheet],
                 session_id: str | None = None, *, export_dir: Path | None = None,
                 idle_seconds: float = 600.0, refresh: float = 4.0,
                 scheduler: Scheduler | Literal["auto"] | None = "auto",
                 clock: Callable[[], float] = time.monotonic,
                 wall_clock: Callable[[], float] = time.time, config: Config | None = None,
                 lang: str = DEFAULT_LANGUAGE):
        self.store, self.catalogue, self.session_id = store, catalogue, session_id
        self.lang = lang if lang in LANGUAGES else DEFAULT_LANGUAGE
        self.export_dir, self.refresh, self.config = export_dir, refresh, config
        self.idle_seconds = idle_seconds
        self._scheduler = default_scheduler() if scheduler == "auto" else scheduler
        self._clock = clock
        self.login = Login(store, wall_clock)
        self.board: Dashboard | None = None
        self.idle: IdleTimer | None = None
        self.error_box = w.HTML()
        self.body = w.VBox()
        self.heading = w.HTML()
        self.page_lang = PageLanguage(lang=self.lang, layout=w.Layout(display="none"))
        self.language = w.Dropdown(options=[(name, code) for code, name in LANGUAGES.items()],
                                   value=self.lang, description=self.ui("language_label"))
        self.language.add_class("ws-dashboard-language")
        self.language.observe(guard(lambda c: self.set_language(c["new"])), "value")
        head = w.HBox([self.heading, self.language])
        head.add_class("ws-head")
        self.body.add_class("ws-main")
        self.idle_warning = w.HTML(layout=w.Layout(display="none"))
        self.idle_warning.add_class("ws-idle-box")
        self.idle_stay = w.Button(layout=w.Layout(display="none"))
        self.idle_stay.add_class("ws-idle-stay")
        self.idle_stay.on_click(guard(lambda _b: self.touch()))
        hidden = w.Layout(display="none")
        self.transport = w.HTML()
        self.transport.add_class("ws-plain-http")
        super().__init__(children=[style_widget(), self.page_lang, Aria(layout=hidden),
                                   PassphraseField(layout=hidden), head, self.transport,
                                   self.error_box, self.idle_warning, self.idle_stay, self.body])
        self._render_heading()
        self.add_class("ws-facilitator")
        self.add_class("ws-app")  # the app's landmarks, focus and tokens (toolkit/widgets/aria)
        add_error_sink(self._show_error)
        self.show_login()

    def ui(self, key: str, **fmt: object) -> str:
        """One of the app's strings in the dashboard's language."""
        return ui(key, self.lang, **fmt)

    def _render_heading(self) -> None:
        self.heading.value = f"<h1>{escape(self.ui('dash_title'))}</h1>"
        # Served with --allow-plain-http off this computer: say so, on every screen.
        plain = os.environ.get(PLAIN_HTTP_ENV) == "1"
        self.transport.value = _message(self.ui("dash_plain_http"), "danger") if plain else ""
        self.language.description = self.ui("language_label")
        self.page_lang.lang = self.lang

    def set_language(self, lang: str) -> None:
        """Show the gate (and the dashboard, if open) in `lang`: the facilitator's own choice,
        independent of any participant's."""
        if lang not in LANGUAGES or lang == self.lang:
            return
        self.lang = lang
        self._render_heading()
        if self.board is None:
            self.show_login()
            return
        self.board.stop()
        self.board = None
        self._open_board(audit=False)

    def _show_error(self, exc: BaseException) -> None:
        if self.board is not None:  # the dashboard shows its own errors
            return
        text = escape(self.ui("dash_error", kind=type(exc).__name__))
        self.error_box.value = f'<div class="ws-error"><div role="alert">{text}</div></div>'

    def _replace_body(self, children: list[w.Widget]) -> None:
        old = list(self.body.children)
        self.body.children = children
        for widget in old:
            for inner in walk(widget):
                inner.close()

    @property
    def logged_in(self) -> bool:
        return self.board is not None

    # --- logged out -----------------------------------------------------------------------

    def show_login(self, note: str = "") -> None:
        if not has_passphrase(self.store):
            again = w.Button(description=self.ui("gate_check_again"))
            again.on_click(guard(lambda _b: self.show_login()))
            self.password = None
            self.message = w.HTML(_message(self.ui("gate_no_passphrase", command=SET_COMMAND)))
            self.message.add_class("ws-no-passphrase")
            self._replace_body([self.message, again])
            return
        self.password = w.Password(description=self.ui("gate_passphrase"), continuous_update=True,
                                   layout=w.Layout(width="420px"))
        self.password.add_class("ws-passphrase")
        # Enter in the box: the Text model's own "submit" event (on_submit is deprecated).
        self.password.on_msg(guard(self._on_password_msg))
        button = w.Button(description=self.ui("gate_open"), button_style="primary")
        button.add_class("ws-login")
        button.on_click(guard(lambda _b: self.try_login()))
        self.message = w.HTML(_message(note, "success") if note else "")
        self.message.add_class("ws-login-message")
        self._replace_body([
            w.HTML(f"<p>{escape(self.ui('gate_prompt'))}</p>"),
            self.password, button, self.message])

    def _on_password_msg(self, _widget: Any, content: dict[str, Any], _buffers: Any) -> None:
        if content.get("event") == "submit":
            self.try_login()

    def try_login(self, text: str | None = None) -> bool:
        """Check the passphrase in the box (or `text`); open the dashboard when right."""
        if self.board is not None or self.password is None:
            return self.board is not None
        text = self.password.value if text is None else text
        self.password.value = ""
        if not text:
            return False
        result = self.login.attempt(text)
        if result is True:
            self._open_board()
            return True
        if result is False:
            self.store.audit("failed log in", "dashboard", "wrong passphrase")
            wait = self.login.wait()
            note = (self.ui("gate_wrong") if wait <= 0 else
                    ui_plural("gate_wrong_wait", round(wait), self.lang))
        else:
            note = self.ui("gate_too_many", seconds=round(result))
        self.message.value = _message(note)
        return False

    # --- logged in ------------------------------------------------------------------------

    def _session(self) -> str | None:
        known = [s.id for s in self.store.sessions()]
        if self.session_id is None:
            return known[-1] if known else None
        return self.session_id if self.session_id in known else None

    def _open_board(self, audit: bool = True) -> None:
        sid = self._session()
        if sid is None:
            self._replace_body([w.HTML(_message(
                self.ui("gate_no_session", session=repr(self.session_id)) if self.session_id
                else self.ui("gate_no_sessions")))])
            return
        if audit:
            self.store.audit("logged in", "dashboard", f"session {sid}")
        self.board = Dashboard(self.store, self.catalogue, sid, export_dir=self.export_dir,
                               refresh=self.refresh, scheduler=self._scheduler,
                               config=self.config, lang=self.lang)
        logoff = w.Button(description=self.ui("gate_log_off"))
        logoff.add_class("ws-logoff")
        logoff.on_click(guard(lambda _b: self.log_off("log off button")))
        minutes = max(1, round(self.idle_seconds / 60))
        bar = w.HBox([w.HTML(f"<p>{escape(ui_plural('gate_idle', minutes, self.lang))}</p>"),
                      logoff])
        self.watcher = ActivityWatcher(every_ms=int(min(15.0, self.idle_seconds / 6) * 1000),
                                       layout=w.Layout(display="none"))
        self.watcher.on_msg(lambda _w, _content, _buffers: self.touch())
        self._hook_activity(self.board)
        self._replace_body([bar, self.watcher, self.board])
        if self._scheduler is not None:
            self.idle = IdleTimer(self.idle_seconds, guard(self._idle_expired), self._scheduler,
                                  self._clock, warn=guard(self._warn_idle))

    def _hook_activity(self, board: Dashboard) -> None:
        """Every click and pick in the dashboard counts as use (the refresh does not)."""
        for widget in walk(board):
            if isinstance(widget, w.Button):
                widget.on_click(lambda _b: self.touch())
            elif isinstance(widget, w.Tab):
                widget.observe(lambda _c: self.touch(), "selected_index")
            elif isinstance(widget, w.Dropdown | w.Checkbox):
                widget.observe(lambda _c: self.touch(), "value")

    def touch(self) -> None:
        """The facilitator did something: the idle countdown starts again."""
        if self.idle is not None:
            self.idle.touch()
        self._hide_idle_warning()

    def _warn_idle(self, left: float) -> None:
        """Say, as an alert, that the dashboard closes soon, with a button to stay."""
        text = (ui_plural("gate_idle_warning_minutes", round(left / 60), self.lang)
                if left >= 59.5 else
                ui_plural("gate_idle_warning_seconds", max(1, round(left)), self.lang))
        self.idle_warning.value = f'<p class="ws-idle-warning" role="alert">{escape(text)}</p>'
        self.idle_warning.layout.display = ""
        self.idle_stay.description = self.ui("gate_idle_stay")
        self.idle_stay.layout.display = ""

    def _hide_idle_warning(self) -> None:
        if self.idle_warning.layout.display != "none":
            self.idle_warning.layout.display = self.idle_stay.layout.display = "none"
            self.idle_warning.value = ""

    def _idle_expired(self) -> None:
        self.log_off(f"no use for {self.idle_seconds / 60:g} minutes")

    def log_off(self, why: str = "") -> None:
        """Close the dashboard's widgets and show the passphrase box again."""
        if self.board is None:
            return
        if self.idle is not None:
            self.idle.cancel()
            self.idle = None
        self.board.stop()
        self.board = None
        self._hide_idle_warning()
        self.store.audit("logged off", "dashboard", why)
        self.show_login(self.ui("gate_logged_off"))

    def close(self) -> None:
        if self.board is not None:
            self.log_off("page closed")
        remove_error_sink(self._show_error)
        super().close()


def dashboard(session_id: str | None = None, *, config: Config | None = None,
              idle_minutes: float | None = None, lang: str | None = None
              ) -> FacilitatorDashboard:
    """The dashboard for a notebook, behind the facilitator passphrase: the session from
    WORKSHOP_SESSION (or the newest), log-off after WORKSHOP_FACILITATOR_IDLE_MINUTES, in
    `lang` (else the page's ?lang=, else the browser's language, else English; the facilitator
    can switch on the page)."""
    config = config or Config.from_env()
    if idle_minutes is not None and not 0 < idle_minutes < float("inf"):
        raise ValueError(f"idle_minutes must be a number of minutes above 0 (got {idle_minutes})")
    idle = idle_minutes * 60 if idle_minutes is not None else idle_seconds_from_env()
    lean_states()
    store = Store.open(config)
    return FacilitatorDashboard(store, load_folder(config.worksheets_dir),
                                session_id or config.session,
                                export_dir=config.home / "exports", idle_seconds=idle,
                                config=config, lang=lang or _language_from_request())


def _language_from_request() -> str:
    """The page's ?lang= (a language, not private), else the browser's language, when the
    notebook is served by Voila."""
    query = parse_qs(os.environ.get("QUERY_STRING", ""))
    lang = (query.get("lang") or [None])[0]
    if lang in LANGUAGES:
        return lang
    return browser_language_from_request() or DEFAULT_LANGUAGE
