"""Waiting with a deadline instead of a sleep."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any


def until(check: Callable[[], Any], what: str, seconds: float = 15) -> Any:
    """Poll `check` until it returns something true, or fail saying `what` never happened."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        result = check()
        if result:
            return result
        time.sleep(0.1)
    raise AssertionError(f"within {seconds:.0f} s: {what}")
