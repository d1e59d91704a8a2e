"""The save status line of a worksheet form, which turns to "Saving…" in the browser itself.

The kernel decides what is saved; the browser only stops saying "Saved" at once when the
client changes something, so the page never claims "Saved" during the kernel round trip; and
when the kernel has not answered a change for a while (the Wi-Fi dropped, the server is gone),
the browser says the change is not saved yet and to keep the page open."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Literal

import anywidget
import traitlets

from toolkit.store.autosave import Scheduler, Status, default_scheduler
from toolkit.text.markup import escape
from toolkit.text.strings import ui
from toolkit.widgets.base import guard

HERE = Path(__file__).parent
STATUS_KEYS: dict[Status, str] = {
    "idle": "nothing_yet", "pending": "saving", "saved": "saved", "retrying": "retrying",
}
SETTLE = 0.3
"""Seconds the kernel waits before answering "touched": the browser holds back a widget's
update while the one before is still being handled, so it may come just after."""


class SaveStatus(anywidget.AnyWidget):
    """Shows the kernel's save status; the browser shows "Saving…" on any change in the form
    until the kernel has seen it."""

    _esm = HERE / "savestatus.js"
    value = traitlets.Unicode("", help="the status as HTML, from the kernel").tag(sync=True)
    saving = traitlets.Unicode("", help='"Saving…" in the client\'s language').tag(sync=True)
    unreached = traitlets.Unicode("", help="what the browser says when the kernel has not "
                                  "answered a change for STALL_MS").tag(sync=True)
    answered = traitlets.Int(0, help='the last "touched" message answered').tag(sync=True)

    def __init__(self, lang: str = "en",
                 scheduler: Scheduler | Literal["auto"] | None = "auto", **kwargs: Any):
        super().__init__(**kwargs)
        self.lang, self.scheduler = lang, scheduler
        self.saving, self.unreached = ui("saving", lang), ui("unreached", lang)
        self.add_class("ws-status")
        self.on_msg(guard(self._message))

    def show(self, status: Status) -> None:
        text = escape(ui(STATUS_KEYS[status], self.lang))
        self.value = (f'<span role="status" aria-live="polite" '
                      f'class="ws-status-{status}">{text}</span>')

    def _message(self, _widget: Any, content: Any, _buffers: Any) -> None:
        if not (isinstance(content, dict) and content.get("type") == "touched"):
            return
        n = content.get("n")
        if not isinstance(n, int) or isinstance(n, bool) or n <= self.answered:
            return
        schedule = default_scheduler() if self.scheduler == "auto" else self.scheduler
        if schedule is None:
            self._answer(n)
        else:
            schedule(SETTLE, guard(lambda: self._answer(n)))

    def _answer(self, n: int) -> None:
        # The value already says what the kernel knows; this only lets the browser show it.
        self.answered = max(self.answered, n)
