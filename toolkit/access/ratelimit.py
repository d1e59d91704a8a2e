"""Wrong join codes from one browser: free at first, then slower, then locked for a while.

The policy (POLICY), all per browser and counted over the last 15 minutes:

- the first 5 wrong codes cost nothing (people mistype);
- from the 6th on, the next try must wait after the last wrong code: 2, 4, 8, 16, then 30
  seconds (the Join button is disabled and the page counts the seconds down);
- 20 wrong codes within 15 minutes lock the browser for 15 minutes: every code is refused,
  kindly, even a right one, and the page says when to try again and to ask the counselor;
- a right code clears the count.

A join code has 9 characters from a 30-symbol alphabet (about 2e13 codes), so with 20 tries
per 15 minutes guessing one is hopeless. Counts live in the store, keyed by the browser's
cookie key (toolkit.access.clientid), so a new tab or a server restart does not reset them. Without
that cookie the app falls back to a key made when its kernel starts (one tab).

`verdict` is pure (times passed in); `JoinLimiter` is the small glue to the store.
"""

from __future__ import annotations

import bisect
import math
import secrets
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Literal, Protocol


@dataclass(frozen=True)
class Policy:
    free: int = 5
    """Wrong codes allowed in `window` before any wait."""
    window: float = 15 * 60
    """Seconds over which wrong codes are counted."""
    base_delay: float = 2.0
    """The first wait, doubled for each further wrong code..."""
    max_delay: float = 30.0
    """...up to this many seconds (so a person can still reach the lock, not wait hours)."""
    lock_after: int = 20
    """This many wrong codes within `window` lock the browser..."""
    lock_for: float = 15 * 60
    """...for this many seconds after the last of them."""

    def delay(self, wrong: int) -> float:
        """Seconds to wait after the last wrong code, when `wrong` were made in the window."""
        if wrong <= self.free:
            return 0.0
        return min(self.max_delay, self.base_delay * 2 ** (wrong - self.free - 1))


POLICY = Policy()


@dataclass(frozen=True)
class Verdict:
    kind: Literal["ok", "wait", "locked"]
    until: float = 0.0
    """When a try is allowed again (for "wait" and "locked")."""

    @property
    def allowed(self) -> bool:
        return self.kind == "ok"

    def seconds_left(self, now: float) -> int:
        """Whole seconds until `until`, at least 1 (never "wait 0 seconds")."""
        return max(1, math.ceil(self.until - now))

    def minutes_left(self, now: float) -> int:
        return max(1, math.ceil((self.until - now) / 60))


def verdict(wrong_times: Sequence[float], now: float, policy: Policy = POLICY) -> Verdict:
    """May a browser whose wrong codes were at `wrong_times` try a code at `now`?"""
    times = sorted(wrong_times)
    lock_until = 0.0
    for i, t in enumerate(times):  # a lock: `lock_after` wrong codes within one window
        first = bisect.bisect_right(times, t - policy.window, 0, i + 1)
        if i + 1 - first >= policy.lock_after:
            lock_until = max(lock_until, t + policy.lock_for)
    if now < lock_until:
        return Verdict("locked", lock_until)
    recent = [t for t in times if now - policy.window < t <= now]
    if recent:
        until = recent[-1] + policy.delay(len(recent))
        if now < until:
            return Verdict("wait", until)
    return Verdict("ok")


def lookback(policy: Policy = POLICY) -> float:
    """How far back wrong codes can still matter (for the store query)."""
    return policy.window + policy.lock_for


class FailureStore(Protocol):
    def record_failed_join(self, client: str, at: float | None = None) -> None: ...
    def failed_joins(self, client: str, since: float) -> list[float]: ...
    def clear_failed_joins(self, client: str) -> None: ...


def browser_key() -> str | None:
    """The browser's key from the client cookie, or None (no cookie)."""
    from toolkit.access.clientid import client_key

    try:
        return client_key()
    except Exception:  # a malformed cookie is "no key", never a crash on the join screen
        return None


class JoinLimiter:
    """The policy applied to one app: check before a try, note wrong and right codes."""

    def __init__(self, store: FailureStore, *, key: Callable[[], str | None] = browser_key,
                 clock: Callable[[], float] = time.time, policy: Policy = POLICY):
        self.store, self.clock, self.policy = store, clock, policy
        self._key = key
        # Without a browser cookie, this app (one tab, one kernel) is still limited.
        self._fallback = "kernel-" + secrets.token_hex(16)
        self._counted = 0  # wrong codes seen at the last check

    def key(self) -> str:
        # Asked at each try, not at start: a preheated kernel only learns its request later.
        return self._key() or self._fallback

    def check(self) -> Verdict:
        now = self.clock()
        times = self.store.failed_joins(self.key(), since=now - lookback(self.policy))
        self._counted = len(times)
        return verdict(times, now, self.policy)

    def wrong(self) -> Verdict:
        """Note a wrong code; returns what the next try will face."""
        self.store.record_failed_join(self.key(), at=self.clock())
        return self.check()

    def right(self) -> None:
        """A right code clears the count (no write at all when there was nothing to clear:
        a group joining at once should not queue for the database)."""
        if self._counted:
            self.store.clear_failed_joins(self.key())
            self._counted = 0
