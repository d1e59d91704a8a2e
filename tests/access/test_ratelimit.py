"""Wrong join codes: the policy (times passed in, no sleeping) and the app's kind messages."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from support.worksheets import shipped_worksheets

from toolkit.access.ratelimit import POLICY, JoinLimiter, Policy, verdict
from toolkit.settings.config import Config
from toolkit.store.demo import WORKSHOP_ORDER
from toolkit.store.store import Store
from toolkit.widgets.client.app import ClientApp

pytestmark = pytest.mark.stores  # tests with a store run on SQLite and on PostgreSQL

T0 = 1_000_000.0
WRONG = "ZZZ-ZZZ-ZZZ"


def test_first_five_wrong_codes_are_free() -> None:
    """Five wrong codes in a row: the sixth try may come at once."""
    assert verdict([T0 + i for i in range(5)], T0 + 5).kind == "ok"


def test_waits_double_after_the_free_tries_up_to_a_cap() -> None:
    """From the 6th wrong code on, the next try waits 2, 4, 8, 16, then 30 s after it."""
    assert [POLICY.delay(n) for n in range(4, 12)] == [0, 0, 2, 4, 8, 16, 30, 30]
    times = [T0] * 7
    v = verdict(times, T0 + 1)
    assert v.kind == "wait" and v.until == T0 + 4 and v.seconds_left(T0 + 1) == 3
    assert verdict(times, T0 + 4).kind == "ok"


def test_twenty_wrong_codes_in_fifteen_minutes_lock_for_fifteen_minutes() -> None:
    """The 20th wrong code within 15 minutes locks until 15 minutes after it."""
    times = [T0 + 30 * i for i in range(20)]  # 20 tries, 9.5 minutes
    last = times[-1]
    v = verdict(times, last + 60)
    assert v.kind == "locked" and v.until == last + 15 * 60
    assert v.minutes_left(last + 60) == 14
    assert verdict(times, last + 15 * 60).kind == "ok"


def test_wrong_codes_spread_over_time_never_lock() -> None:
    """20 wrong codes spread over hours (one per minute) do not add up to a lock."""
    times = [T0 + 60 * i for i in range(40)]
    assert verdict(times, times[-1] + 31).kind == "ok"


def test_old_wrong_codes_are_forgotten() -> None:
    """Wrong codes older than the window cost nothing."""
    times = [T0 + i for i in range(10)]
    assert verdict(times, T0 + 9 + POLICY.window + 1).kind == "ok"


def test_a_custom_policy() -> None:
    """The numbers are a policy object, not constants scattered in the app."""
    strict = Policy(free=1, lock_after=3, lock_for=60)
    assert verdict([T0, T0], T0 + 0.5, strict).kind == "wait"
    assert verdict([T0, T0 + 5, T0 + 10], T0 + 11, strict).kind == "locked"


class Clock:
    """Real time plus a skew a test moves forward (the store stamps wrong codes itself)."""

    def __init__(self) -> None:
        self.skew = 0.0

    def __call__(self) -> float:
        return time.time() + self.skew


@pytest.fixture
def setup(home: Path, database: str) -> tuple[Store, dict, str]:
    store = Store.open(Config.from_env())
    session = store.create_session("Group", list(WORKSHOP_ORDER), 1)
    return store, shipped_worksheets(), store.participants(session.id)[0].code


def app_for(store: Store, sheets: dict, clock: Clock, key: str = "browser-1") -> ClientApp:
    return ClientApp(store, sheets, scheduler=None,
                     limiter=JoinLimiter(store, key=lambda: key, clock=clock))


def test_twenty_wrong_codes_lock_even_the_right_one(setup: tuple) -> None:
    """20 wrong codes lock this browser: a right code is refused kindly until the lock ends,
    then it opens; other browsers are not affected."""
    store, sheets, code = setup
    clock = Clock()
    app = app_for(store, sheets, clock)
    for i in range(20):
        if i >= 6:
            clock.skew += 31  # wait out each pause (the store's stamps stay in real time)
        assert app.join(WRONG) is False
    lock = app.limiter.check()
    assert lock.kind == "locked" and lock.until >= time.time() + 15 * 60 - 5
    message = app.join_message.value
    assert "paused" in message and "counselor" in message
    assert f"about {lock.minutes_left(clock())} minutes" in message
    assert app.join_button.disabled
    clock.skew += 60
    assert app.join(code) is False and app.participant is None
    assert "paused" in app.join_message.value and "counselor" in app.join_message.value
    # a new tab of the same browser (same cookie key) is locked too; another browser is not
    assert app_for(store, sheets, clock).join(code) is False
    assert app_for(store, sheets, clock, key="browser-2").join(code) is True
    clock.skew += 15 * 60
    assert app.join(code) is True and app.screen_name == "consent"


def test_sixth_wrong_code_asks_to_wait(setup: tuple) -> None:
    """After 5 free wrong codes the page says how many seconds to wait; a right code during
    the wait is refused too, then accepted; a right code clears the count."""
    store, sheets, code = setup
    clock = Clock()
    app = app_for(store, sheets, clock)
    for _ in range(5):
        app.join(WRONG)
        assert "wait" not in app.join_message.value.lower()
    assert not app.join_button.disabled
    app.join(WRONG)
    assert "Please wait 2 seconds" in app.join_message.value and app.join_button.disabled
    assert app.join(code) is False
    clock.skew += 3
    assert app.join(code) is True
    assert store.failed_joins("browser-1", since=0) == []


def test_malformed_codes_are_not_counted(setup: tuple) -> None:
    """Something that cannot be a code at all (a typo in length) costs no wait."""
    store, sheets, _ = setup
    app = app_for(store, sheets, Clock())
    for _ in range(10):
        app.join("hello")
    assert store.failed_joins("browser-1", since=0) == []


def test_wait_message_in_spanish(setup: tuple) -> None:
    """The wait and lock messages are in Spanish when the app is."""
    store, sheets, _ = setup
    clock = Clock()
    app = ClientApp(store, sheets, scheduler=None, lang="es",
                    limiter=JoinLimiter(store, key=lambda: "b", clock=clock))
    for _ in range(6):
        app.join(WRONG)
    assert "Espere" in app.join_message.value and "consejero" in app.join_message.value
    for _ in range(14):
        clock.skew += 31
        app.join(WRONG)
    assert "en pausa" in app.join_message.value


def test_without_a_browser_key_the_app_has_its_own(setup: tuple) -> None:
    """No cookie key: one app (one tab) is still limited, with a random key of its own."""
    store, _, _ = setup
    limiter = JoinLimiter(store, key=lambda: None)
    other = JoinLimiter(store, key=lambda: None)
    assert limiter.key() != other.key() and limiter.key().startswith("kernel-")
    for _ in range(6):
        limiter.wrong()
    assert limiter.check().kind == "wait" and other.check().kind == "ok"


def test_countdown_enables_the_join_button_again(setup: tuple) -> None:
    """With an event loop, the wait counts down each second and the Join button comes back."""
    store, sheets, _ = setup
    clock = Clock()
    timers: list[tuple[float, object]] = []

    class Handle:
        def cancel(self) -> None:
            pass

    def schedule(delay: float, fn: object) -> Handle:
        timers.append((delay, fn))
        return Handle()

    app = ClientApp(store, sheets, scheduler=schedule,
                    limiter=JoinLimiter(store, key=lambda: "b", clock=clock))
    for _ in range(6):  # the 6th wrong code: wait 2 s
        app.join(WRONG)
    assert app.join_button.disabled and "2 seconds" in app.join_message.value
    delay, tick = timers[-1]
    assert delay == pytest.approx(1.0, abs=0.1)
    clock.skew += 1.2
    tick()
    assert app.join_button.disabled and "wait 1 second," in app.join_message.value
    clock.skew += 1
    timers[-1][1]()
    assert not app.join_button.disabled and "try your code again now" in app.join_message.value
