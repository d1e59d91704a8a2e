"""A clock and call_later for timers that must not sleep in tests."""

from __future__ import annotations

from collections.abc import Callable


class FakeLoop:
    """A clock and call_later that only move when the test says so (no sleeping)."""

    def __init__(self) -> None:
        self.now = 0.0
        self.calls: list[list] = []  # [due, fn, cancelled]

    def clock(self) -> float:
        return self.now

    def call_later(self, delay: float, fn: Callable[[], None]) -> Handle:
        entry = [self.now + delay, fn, False]
        self.calls.append(entry)
        return Handle(entry)

    def advance(self, seconds: float) -> None:
        end = self.now + seconds
        while True:
            due = [c for c in self.calls if not c[2] and c[0] <= end]
            if not due:
                break
            first = min(due, key=lambda c: c[0])
            self.calls.remove(first)
            self.now = first[0]
            first[1]()
        self.now = end


class Handle:
    """What call_later returns: a call that can be cancelled before it is due."""

    def __init__(self, entry: list):
        self.entry = entry

    def cancel(self) -> None:
        self.entry[2] = True
