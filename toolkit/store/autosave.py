"""Debounced, retrying saves with an honest status: plain Python, no widgets."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Mapping
from typing import Any, Literal, Protocol

log = logging.getLogger(__name__)

Status = Literal["idle", "pending", "saved", "retrying"]


class Handle(Protocol):
    def cancel(self) -> None: ...


Scheduler = Callable[[float, Callable[[], None]], Handle]


def default_scheduler() -> Scheduler | None:
    """The running event loop's call_later (as in a kernel), or None to save at once."""
    try:
        loop = asyncio.get_running_loop()
    except RuntimeError:
        return None
    return loop.call_later


class AutoSaver:
    """Collects changes and saves them `delay` seconds after the last one.

    A failed save keeps the changes and retries with back-off; the status only says
    "saved" once the store has accepted every pending change.
    """

    def __init__(self, save: Callable[[Mapping[str, Any]], None], *, delay: float = 0.6,
                 on_status: Callable[[Status], None] | None = None,
                 scheduler: Scheduler | Literal["auto"] | None = "auto",
                 max_backoff: float = 30.0):
        self._save = save
        self.delay = delay
        self._on_status = on_status or (lambda s: None)
        # "auto": the kernel's event loop when there is one. None: save at once (tests, CLI).
        self._scheduler = default_scheduler() if scheduler == "auto" else scheduler
        self._pending: dict[str, Any] = {}
        self._timer: Handle | None = None
        self._failures = 0
        self._max_backoff = max_backoff
        self.status: Status = "idle"

    @property
    def pending(self) -> dict[str, Any]:
        return dict(self._pending)

    def _set(self, status: Status) -> None:
        self.status = status
        self._on_status(status)

    def put(self, key: str, value: Any) -> None:
        """Queue one answer; saving happens after a pause in typing."""
        self._pending[key] = value
        if self.status != "retrying":
            self._set("pending")
        self._schedule(self.delay)

    def _schedule(self, delay: float) -> None:
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None
        if self._scheduler is None:
            self.flush()
        else:
            self._timer = self._scheduler(delay, self.flush)

    def flush(self) -> bool:
        """Save everything pending now. True when nothing is left unsaved."""
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None
        if not self._pending:
            return True
        batch = dict(self._pending)
        try:
            self._save(batch)
        except Exception as exc:  # any store failure: keep the answers, say so, retry
            self._failures += 1
            # Never log the values: they are health records.
            log.warning("save failed (%s); will retry", type(exc).__name__)
            self._set("retrying")
            if self._scheduler is not None:
                backoff = min(self._max_backoff, self.delay * 2 ** self._failures)
                self._timer = self._scheduler(backoff, self.flush)
            return False
        self._failures = 0
        for key, value in batch.items():
            if key in self._pending and self._pending[key] is value:
                del self._pending[key]
        if self._pending:
            self._schedule(self.delay)
            return False
        self._set("saved")
        return True
