"""What every item widget shares: a `value` trait, a question label, help and a message line."""

from __future__ import annotations

import functools
import logging
import traceback
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import Any, ClassVar

import ipywidgets as w
import traitlets

from toolkit.text.markup import escape, markdown_html
from toolkit.text.strings import tr, ui
from toolkit.worksheet.model import ItemBase, Worksheet

log = logging.getLogger("toolkit.widgets")

ErrorSink = Callable[[BaseException], None]
_sinks: list[ErrorSink] = []


def add_error_sink(sink: ErrorSink) -> None:
    """Where guarded callbacks report errors (the app shows them on the page)."""
    _sinks.append(sink)


def remove_error_sink(sink: ErrorSink) -> None:
    if sink in _sinks:
        _sinks.remove(sink)


def guard(fn: Callable[..., Any]) -> Callable[..., Any]:
    """Wrap a widget callback so an error is shown on the page, not lost in the kernel log.

    The log line names the error type and code location only, never values: answers are
    health records and must not reach logs.
    """

    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return fn(*args, **kwargs)
        except Exception as exc:
            frames = traceback.extract_tb(exc.__traceback__)
            where = "; ".join(f"{f.filename.rsplit('/', 1)[-1]}:{f.lineno}" for f in frames[-3:])
            log.error("error in %s: %s at %s", fn.__qualname__, type(exc).__name__, where)
            for sink in list(_sinks):
                sink(exc)
            if not _sinks:
                raise
            return None

    return wrapper


class TextBox(w.Text):
    """A one-line text box whose typed value is not echoed back to the browser.

    The browser already shows what was typed. ipywidgets echoes it *before* applying it, and
    an echo of text that cannot be encoded (a lone surrogate) raises there, so the change
    would be dropped unseen while the page still says "Saved"."""

    value = traitlets.Unicode(help="the text typed").tag(sync=True, echo_update=False)


class TextArea(w.Textarea):
    """A text area whose typed value is not echoed back (see TextBox)."""

    value = traitlets.Unicode(help="the text typed").tag(sync=True, echo_update=False)


class ItemView(w.VBox):
    """A question with its answer widget. Subclasses build `self.control` and sync `value`."""

    value = traitlets.Any(None, allow_none=True, help="the answer, as the model stores it")
    kind: ClassVar[str] = ""

    def __init__(self, ws: Worksheet, item: ItemBase, lang: str = "en",
                 context: Mapping[str, Mapping[str, Any]] | None = None, **kwargs: Any):
        self.ws, self.item, self.lang = ws, item, lang
        # Other worksheets' latest answers, for items that build on them (the support map).
        self.context: Mapping[str, Mapping[str, Any]] = context or {}
        self._syncing = False
        label = w.HTML(f'<div class="ws-question">{escape(tr(item.text, lang))}</div>')
        parts: list[w.Widget] = [label]
        if item.help:
            parts.append(w.HTML(f'<div class="ws-help">{markdown_html(tr(item.help, lang))}</div>'))
        self.message = w.HTML("", layout=w.Layout(display="none"))
        self.message.add_class("ws-message")
        control = self.build()
        super().__init__(children=[*parts, *control, self.message], **kwargs)
        self.add_class("ws-item")
        self.add_class(f"ws-{item.type}")  # type: ignore[attr-defined]
        self.add_class(f"ws-item-{item.id}")
        self.observe(guard(self._on_value), "value")

    def build(self) -> list[w.Widget]:
        raise NotImplementedError

    def show(self, value: Any) -> None:
        """Make the controls display `value` (called when the value is set from outside)."""
        raise NotImplementedError

    def _on_value(self, change: dict[str, Any]) -> None:
        if not self._syncing:
            self._syncing = True
            try:
                self.show(change["new"])
            finally:
                self._syncing = False

    def set_from_ui(self, value: Any) -> None:
        """Set `value` from a control, without echoing it back into the control."""
        if self._syncing:
            return
        self._syncing = True
        try:
            self.value = value
        finally:
            self._syncing = False

    def say(self, key: str | None, **params: Any) -> None:
        """Show a kind message under the question (or hide it with None)."""
        if key is None:
            self.message.value = ""
            self.message.layout.display = "none"
        else:
            self.message.value = f'<div role="alert">{escape(ui(key, self.lang, **params))}</div>'
            self.message.layout.display = ""


def walk(widget: w.Widget) -> Iterator[w.Widget]:
    """A widget and every widget inside it (boxes, tabs), children first."""
    for child in getattr(widget, "children", ()):
        yield from walk(child)
    yield widget


def _inside(widget: w.Widget) -> Iterator[w.Widget]:
    """The widgets a widget's synced traits hold: its children, layout and style."""
    for name in widget.keys:
        value = getattr(widget, name, None)
        for part in value if isinstance(value, (list, tuple)) else (value,):
            if isinstance(part, w.Widget):
                yield part


def _tree(roots: Iterable[w.Widget]) -> dict[int, w.Widget]:
    found: dict[int, w.Widget] = {}
    stack = list(roots)
    while stack:
        widget = stack.pop()
        if id(widget) not in found:
            found[id(widget)] = widget
            stack.extend(_inside(widget))
    return found


def close_unshown(old: Iterable[w.Widget], keep: Iterable[w.Widget] = ()) -> int:
    """Close every widget under `old` (with its layout and style) that is not also under
    `keep`; return how many. A screen no longer shown then leaves no model behind, in the
    kernel or in the page: a page opened later asks for every live model, and each one
    costs bytes on the clinic's Wi-Fi before the first screen shows."""
    kept = _tree(keep)
    closing = [x for key, x in _tree(old).items() if key not in kept]
    for widget in closing:
        widget.close()
    return len(closing)


class _RoutingPeek(logging.Filter):
    """Drops "No such comm: <id>" logged by ipykernel's shell channel thread. That thread
    looks up each comm message's comm only to route it, and a page that asks for the widgets'
    state while its join still runs (the light page does, at once) sends its comm's opening
    and its request together: the lookup runs before the kernel has opened the comm, and the
    warning reached the page and the server's console on every visit. The kernel's own
    handling of the message, on its main thread, still warns about a comm it does not
    know."""

    def __init__(self, thread: str):
        super().__init__()
        self.thread = thread

    def filter(self, record: logging.LogRecord) -> bool:
        return not (record.threadName == self.thread
                    and record.getMessage().startswith("No such comm: "))


def quiet_routing_peek() -> None:
    """Install the filter above on the comm package's logger (once per kernel)."""
    try:
        from ipykernel.thread import SHELL_CHANNEL_THREAD_NAME
    except ImportError:  # an ipykernel without a shell channel thread: nothing to drop
        return
    logger = logging.getLogger("Comm")
    if not any(isinstance(f, _RoutingPeek) for f in logger.filters):
        logger.addFilter(_RoutingPeek(SHELL_CHANNEL_THREAD_NAME))
