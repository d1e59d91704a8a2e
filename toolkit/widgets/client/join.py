"""The join screen: choose a language, type a code, and wrong codes slowed down per browser
(toolkit.access.ratelimit).

A mixin of ClientApp (toolkit.widgets.client.app), which holds the screen and the participant."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Literal

import ipywidgets as w

from toolkit.access.ratelimit import JoinLimiter, Verdict
from toolkit.store.autosave import Handle, Scheduler, default_scheduler
from toolkit.store.codes import normalize
from toolkit.text.markup import escape
from toolkit.text.strings import ui, ui_plural
from toolkit.widgets.base import TextBox, guard

if TYPE_CHECKING:
    from toolkit.store.store import Participant, Store
    from toolkit.widgets.form import WorksheetForm


class JoinScreen:
    """Join with a code; a browser that keeps guessing waits, then is locked out a while."""

    store: Store
    lang: str
    screen: w.VBox
    screen_name: str
    session_id: str | None
    scheduler: Scheduler | Literal["auto"] | None
    limiter: JoinLimiter
    participant: Participant | None
    consented: bool
    form: WorksheetForm | None
    _held: tuple[w.Widget, ...]
    _join_timer: Handle | None

    if TYPE_CHECKING:  # given by ClientApp and the other screens
        def show_screen(self, children: Sequence[w.Widget]) -> None:
            ...

        def close_last_screen(self) -> None:
            ...

        def show_home(self) -> None:
            ...

        def show_consent(self, again: bool = False) -> None:
            ...

        def language_row(self, lang: str | None = None) -> w.HBox:
            ...

        def settle_language(self) -> None:
            ...

    # --- join -----------------------------------------------------------------------------

    def show_join(self, message: str = "", kind: str = "info") -> None:
        self.form = None
        self._held = ()
        self.screen_name = "join"
        self._cancel_join_timer()
        self.code_box = TextBox(placeholder=ui("join_placeholder", self.lang),
                               layout=w.Layout(width="100%"))
        self.code_box.add_class("ws-code")
        self.join_button = w.Button(description=ui("join_button", self.lang),
                                    button_style="primary")
        self.join_button.add_class("ws-join")
        self.join_button.on_click(guard(lambda _b: self.join(self.code_box.value)))
        self.code_box.continuous_update = False
        self.join_message = w.HTML()
        self._say_on_join(message, kind)
        # The prompt names the box (aria.js: a `ws-item` is labelled by its `ws-question`).
        ask = w.VBox([w.HTML(f'<p class="ws-question">{escape(ui("join_prompt", self.lang))}</p>'),
                      self.code_box])
        ask.add_class("ws-item")
        ask.add_class("ws-join-code")
        # The language first, before any English: the notice after the join is shown in the
        # one chosen here.
        self.show_screen([
            self.language_row(), w.HTML(f"<h1>{escape(ui('join_title', self.lang))}</h1>"),
            ask, self.join_button, self.join_message,
        ])

    def _say_on_join(self, message: str, kind: str = "info") -> None:
        self.join_message.value = (
            f'<div role="alert" class="ws-{kind}">{escape(message)}</div>' if message else "")

    def join(self, code: str | None) -> bool:
        """Open the app for the participant with this code (consent first, if not given)."""
        verdict = self.limiter.check()
        if not verdict.allowed:  # even a right code waits: the wait is for this browser
            self._hold_join(verdict, "")
            return False
        if normalize(code) is None:  # cannot be anyone's code: not counted as a guess
            self.show_join(ui("code_malformed", self.lang), "warning")
            return False
        participant = self.store.participant_by_code(code)
        if participant is not None and self.session_id not in (None, participant.session_id):
            participant = None  # another group's code: same message as an unknown one
        if participant is None:
            verdict = self.limiter.wrong()
            self._hold_join(verdict, ui("code_unknown", self.lang))
            return False
        self.limiter.right()
        self.participant = participant
        self.settle_language()
        self.consented = self.store.consented_at(participant) is not None
        if self.consented:
            self.show_home()
        else:
            self.show_consent()
        self.close_last_screen()  # the page is sent only the screen it shows
        return True

    # --- slowing down wrong codes ---------------------------------------------------------

    def _hold_join(self, verdict: Verdict, first: str) -> None:
        """Show the join screen with `first` and, when the browser must wait, for how long."""
        if self.screen_name != "join":
            self.show_join()
        self._cancel_join_timer()
        now = self.limiter.clock()
        if verdict.kind == "locked":
            minutes = verdict.minutes_left(now)
            wait = (ui("join_locked", self.lang, minutes=minutes) if minutes > 1
                    else ui("join_locked_soon", self.lang))
        elif verdict.kind == "wait":
            seconds = verdict.seconds_left(now)
            seconds = max(seconds, 1)  # "1 second", never "0 seconds"
            wait = ui_plural("join_wait", seconds, self.lang, seconds=seconds)
        else:
            self.join_button.disabled = False
            self._say_on_join(first, "warning")
            return
        self._say_on_join(f"{first} {wait}".strip(), "warning")
        self.join_button.disabled = True
        self._tick(verdict, first)

    def _timer(self) -> Scheduler | None:
        return default_scheduler() if self.scheduler == "auto" else self.scheduler

    def _tick(self, verdict: Verdict, first: str) -> None:
        """Count a short wait down each second; after a lock, wake once when it ends."""
        schedule = self._timer()
        if schedule is None:
            return  # no event loop (tests): the next try is checked anyway
        left = verdict.until - self.limiter.clock()
        step = min(1.0, left) if verdict.kind == "wait" else left
        self._join_timer = schedule(max(0.05, step), guard(lambda: self._tock(first)))

    def _tock(self, first: str) -> None:
        self._join_timer = None
        if self.screen_name != "join":
            return
        verdict = self.limiter.check()
        if verdict.allowed:
            self.join_button.disabled = False
            self._say_on_join(ui("join_again", self.lang), "info")
        else:
            self._hold_join(verdict, first)

    def _cancel_join_timer(self) -> None:
        if self._join_timer is not None:
            self._join_timer.cancel()
            self._join_timer = None
