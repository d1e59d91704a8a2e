"""Debounced autosave with retries and an honest status, driven by a fake clock."""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from support.threads import in_fresh_thread

from toolkit.store.autosave import AutoSaver


@dataclass
class Timer:
    delay: float
    callback: Callable[[], None]
    cancelled: bool = False
    fired: bool = False

    def cancel(self) -> None:
        self.cancelled = True


class FakeScheduler:
    """Records call_later(delay, callback) calls; the test decides when timers fire."""

    def __init__(self) -> None:
        self.calls: list[Timer] = []

    def __call__(self, delay: float, callback: Callable[[], None]) -> Timer:
        timer = Timer(delay, callback)
        self.calls.append(timer)
        return timer

    @property
    def live(self) -> list[Timer]:
        return [t for t in self.calls if not (t.cancelled or t.fired)]

    def fire(self) -> int:
        """Fire the timers that are due now (not those they schedule); return how many."""
        due = self.live
        for timer in due:
            if not timer.cancelled:
                timer.fired = True
                timer.callback()
        return len(due)


class FakeStore:
    """A save callable that records batches and fails while `failing` is set."""

    def __init__(self) -> None:
        self.batches: list[dict[str, Any]] = []
        self.failing = False
        self.saved: dict[str, Any] = {}

    def __call__(self, batch: Mapping[str, Any]) -> None:
        if self.failing:
            raise ConnectionError("database is locked")
        self.batches.append(dict(batch))
        self.saved.update(batch)


def make(delay: float = 0.5, **kw: Any) -> tuple[AutoSaver, FakeScheduler, FakeStore, list[str]]:
    clock, store, statuses = FakeScheduler(), FakeStore(), []
    saver = AutoSaver(store, delay=delay, on_status=statuses.append, scheduler=clock, **kw)
    return saver, clock, store, statuses


def test_starts_idle_with_nothing_pending():
    """A new saver is idle and holds nothing."""
    saver, *_ = make()
    assert (saver.status, saver.pending) == ("idle", {})


def test_put_schedules_a_save_after_the_delay():
    """One put schedules one call_later with the debounce delay and says 'pending'."""
    saver, clock, store, statuses = make(delay=0.6)
    saver.put("a", 1)
    assert [t.delay for t in clock.calls] == [0.6]
    assert (saver.status, store.batches, statuses) == ("pending", [], ["pending"])


def test_debounce_coalesces_puts_into_one_save():
    """Several quick puts cancel earlier timers and make one save with the latest values."""
    saver, clock, store, _ = make()
    saver.put("a", 1)
    saver.put("b", 2)
    saver.put("a", 3)
    assert [t.cancelled for t in clock.calls] == [True, True, False]
    assert clock.fire() == 1
    assert store.batches == [{"a": 3, "b": 2}]
    assert (saver.status, saver.pending) == ("saved", {})


def test_failed_save_keeps_values_and_retries():
    """A failing save says 'retrying', keeps every value and schedules a retry."""
    saver, clock, store, _ = make(delay=0.5)
    store.failing = True
    saver.put("a", "Zebra-Pancake-4417")
    clock.fire()
    assert saver.status == "retrying"
    assert saver.pending == {"a": "Zebra-Pancake-4417"}
    assert [t.delay for t in clock.live] == [1.0]


def test_retry_success_says_saved():
    """When the store recovers, the retry saves the kept values and says 'saved'."""
    saver, clock, store, statuses = make()
    store.failing = True
    saver.put("a", 1)
    clock.fire()
    store.failing = False
    clock.fire()
    assert store.batches == [{"a": 1}]
    assert (saver.status, saver.pending) == ("saved", {})
    assert statuses == ["pending", "retrying", "saved"]


def test_put_while_retrying_stays_retrying_and_is_saved_too():
    """A change made while retrying keeps the 'retrying' status and joins the next save."""
    saver, clock, store, _ = make()
    store.failing = True
    saver.put("a", 1)
    clock.fire()
    saver.put("b", 2)
    assert saver.status == "retrying"
    store.failing = False
    clock.fire()
    assert store.saved == {"a": 1, "b": 2}
    assert saver.status == "saved"


def test_backoff_doubles_and_is_capped():
    """Each further failure waits twice as long, up to max_backoff."""
    saver, clock, store, _ = make(delay=1.0, max_backoff=5.0)
    store.failing = True
    saver.put("a", 1)
    waits = []
    for _ in range(5):
        clock.fire()
        waits.append(clock.live[-1].delay)
    assert waits == [2.0, 4.0, 5.0, 5.0, 5.0]


def test_failure_log_never_contains_the_values(caplog):
    """A failed save is logged by error type only, never with the answer text."""
    saver, clock, store, _ = make()
    store.failing = True
    with caplog.at_level(logging.WARNING, logger="toolkit.store.autosave"):
        saver.put("a", "Zebra-Pancake-4417")
        clock.fire()
    assert "ConnectionError" in caplog.text
    assert "Zebra" not in caplog.text


def test_flush_saves_now_and_cancels_the_timer():
    """flush() saves at once, cancels the pending timer and reports success."""
    saver, clock, store, _ = make()
    saver.put("a", 1)
    assert saver.flush() is True
    assert store.batches == [{"a": 1}]
    assert clock.live == []


def test_flush_with_nothing_pending_does_not_save():
    """flush() with nothing pending calls no save and returns True."""
    saver, _, store, _ = make()
    assert saver.flush() is True
    assert store.batches == []


def test_flush_reports_failure():
    """flush() returns False while the store refuses, keeping the values."""
    saver, _, store, _ = make()
    store.failing = True
    saver.put("a", 1)
    assert saver.flush() is False
    assert saver.pending == {"a": 1}


def test_without_an_event_loop_saves_at_once():
    """Outside a running loop (no scheduler) each put saves immediately."""
    store, statuses = FakeStore(), []

    def scenario() -> None:
        AutoSaver(store, on_status=statuses.append).put("a", 1)

    in_fresh_thread(scenario)
    assert store.batches == [{"a": 1}]
    assert statuses == ["pending", "saved"]


def test_scheduler_none_saves_at_once_even_in_a_loop():
    """scheduler=None means 'save at once', even inside a running event loop."""
    import asyncio

    async def scenario() -> list[dict[str, Any]]:
        store = FakeStore()
        AutoSaver(store, scheduler=None).put("a", 1)
        return store.batches

    assert in_fresh_thread(lambda: asyncio.run(scenario())) == [{"a": 1}]


def test_uses_the_running_loop_call_later():
    """Inside a running asyncio loop, saves are debounced with the loop's call_later."""
    import asyncio

    async def scenario() -> list[dict[str, Any]]:
        store = FakeStore()
        saver = AutoSaver(store, delay=0.01)
        saver.put("a", 1)
        saver.put("a", 2)
        assert store.batches == []
        await asyncio.sleep(0.05)
        return store.batches

    assert in_fresh_thread(lambda: asyncio.run(scenario())) == [{"a": 2}]


OPS = st.lists(st.one_of(
    st.tuples(st.just("put"), st.sampled_from("abc"), st.integers(0, 3)),
    st.tuples(st.just("fire")),
    st.tuples(st.just("flush")),
    st.tuples(st.just("fail"), st.booleans()),
), max_size=30)


@settings(max_examples=200, deadline=None)
@given(ops=OPS)
def test_status_never_says_saved_while_something_is_pending(ops):
    """Under any mix of puts, timers, flushes and failures, 'saved' means nothing pending,
    and once the store recovers every latest value reaches it."""
    saver, clock, store, statuses = make()
    latest: dict[str, int] = {}
    for op in ops:
        if op[0] == "put":
            saver.put(op[1], op[2])
            latest[op[1]] = op[2]
        elif op[0] == "fire":
            clock.fire()
        elif op[0] == "flush":
            saver.flush()
        else:
            store.failing = op[1]
        assert saver.status != "saved" or saver.pending == {}
        assert saver.status == statuses[-1] if statuses else saver.status == "idle"
        assert saver.pending.keys() <= latest.keys()
    store.failing = False
    clock.fire()
    assert saver.pending == {}
    assert store.saved == latest
    assert saver.status in ("idle", "saved")


@pytest.mark.parametrize("value", [None, "", 0])
def test_falsy_values_are_saved_too(value):
    """Clearing an answer (None, '' or 0) is a change that gets saved."""
    saver, clock, store, _ = make()
    saver.put("a", value)
    clock.fire()
    assert store.batches == [{"a": value}]
