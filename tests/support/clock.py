"""A clock and call_later for timers that must not sleep in tests."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from types import SimpleNamespace

import pytest


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


def saving_on(monkeypatch: pytest.MonkeyPatch, day: dt.date) -> None:
    """Make the store date what it saves from now on at noon of `day`."""
    import toolkit.store.store as store_module

    stamp = dt.datetime.combine(day, dt.time(12)).timestamp()
    monkeypatch.setattr(store_module, "time", SimpleNamespace(time=lambda: stamp))
