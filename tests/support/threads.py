"""Run a piece of a test where no event loop runs: the browser tests' Playwright keeps one
running in the main thread for the whole session, and code that looks for a running loop
(autosave's default scheduler, asyncio.run) must not find that one."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")


def in_fresh_thread(fn: Callable[[], T], timeout: float = 30) -> T:
    """`fn()` in a new thread; its result, or its exception raised here."""
    out: dict[str, object] = {}

    def run() -> None:
        try:
            out["value"] = fn()
        except BaseException as e:  # handed back to the test
            out["error"] = e

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(timeout)
    if thread.is_alive():
        raise TimeoutError(f"{fn!r} still running after {timeout} s")
    if "error" in out:
        raise out["error"]  # type: ignore[misc]
    return out["value"]  # type: ignore[return-value]
