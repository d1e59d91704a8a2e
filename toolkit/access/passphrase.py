"""Facilitator access: the dashboard passphrase (kept only as a salted scrypt hash in the
store's settings), the slow-down after wrong guesses, and log-off after idle time.

Plain Python, no widgets: the dashboard's log-in screen and `workshop facilitator
set-passphrase` both use it.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import os
import secrets
import time
import unicodedata
from collections.abc import Callable, Mapping, Sequence

from toolkit.settings.config import ConfigError
from toolkit.store.autosave import Handle, Scheduler
from toolkit.store.store import Store
from toolkit.text.message import MessageError, msg

SETTING = "facilitator-passphrase"
MIN_LENGTH = 10
MAX_LENGTH = 1024
"""Longer text is refused unhashed: nobody types it, and it only costs time to hash."""
SCRYPT = {"n": 2**14, "r": 8, "p": 1}
"""~50 ms and 16 MiB per guess: cheap for one log-in, costly for a guessing program."""
DKLEN = 32

FREE_TRIES = 3
"""Wrong passphrases allowed before each further try has to wait."""
FIRST_WAIT, MAX_WAIT = 5.0, 60.0
"""The wait after FREE_TRIES wrong tries, doubling with each further one up to MAX_WAIT."""
TRIES_WINDOW = 15 * 60.0
"""Wrong tries older than this no longer count."""
LOGIN_CLIENT = "facilitator-dashboard"
"""The store's wrong-try counter for dashboard log-ins (kept apart from join codes)."""

IDLE_ENV = "WORKSHOP_FACILITATOR_IDLE_MINUTES"
DEFAULT_IDLE_MINUTES = 10.0


class PassphraseError(MessageError, ValueError):
    """A passphrase that cannot be used; the message says what to do instead (str(error) in
    English, error.message in any language)."""


def _normal(text: str) -> bytes:
    # The same passphrase typed on another keyboard may arrive composed differently (é).
    return unicodedata.normalize("NFC", text).encode("utf-8")


def check_strength(text: str) -> None:
    """Raise PassphraseError with a clear message for a passphrase too short or too long."""
    if len(text.strip()) < MIN_LENGTH:
        raise PassphraseError(msg("passphrase_too_short", least=MIN_LENGTH,
                                  got=len(text.strip())))
    if len(text) > MAX_LENGTH:
        raise PassphraseError(msg("passphrase_too_long", most=MAX_LENGTH))


def hash_passphrase(text: str, *, salt: bytes | None = None,
                    params: Mapping[str, int] = SCRYPT) -> bytes:
    """The stored form: JSON of the scrypt parameters, salt and hash (never the text)."""
    salt = salt if salt is not None else secrets.token_bytes(16)
    digest = hashlib.scrypt(_normal(text), salt=salt, dklen=DKLEN, maxmem=64 * 2**20,
                            **dict(params))
    record = {"scheme": "scrypt", **dict(params), "dklen": DKLEN,
              "salt": base64.b64encode(salt).decode(), "hash": base64.b64encode(digest).decode()}
    return json.dumps(record, sort_keys=True).encode()


def verify(stored: bytes, text: str) -> bool:
    """True when `text` hashes to `stored`, compared in constant time."""
    if len(text) > MAX_LENGTH:
        return False
    record = json.loads(stored)
    if record.get("scheme") != "scrypt":
        raise PassphraseError(msg("passphrase_unknown_scheme",
                                  scheme=repr(record.get("scheme"))))
    params = {k: int(record[k]) for k in ("n", "r", "p")}
    expected = base64.b64decode(record["hash"])
    got = hashlib.scrypt(_normal(text), salt=base64.b64decode(record["salt"]),
                         dklen=len(expected), maxmem=64 * 2**20, **params)
    return hmac.compare_digest(got, expected)


def _stored(store: Store) -> bytes | None:
    return store.setting(SETTING)


def has_passphrase(store: Store) -> bool:
    """Whether a facilitator passphrase has been set for this data folder."""
    return _stored(store) is not None


def set_passphrase(store: Store, text: str) -> bool:
    """Store the hash of a new passphrase; True when it replaced an earlier one.

    Raises PassphraseError for one too short or too long (nothing is stored).
    """
    check_strength(text)
    return store.put_setting(SETTING, hash_passphrase(text))


def check_passphrase(store: Store, text: str) -> bool:
    """True for the facilitator passphrase; False for anything else or when none is set."""
    stored = _stored(store)
    return stored is not None and verify(stored, text)


# --- slowing down wrong guesses ---------------------------------------------------------------


def retry_after(failures: Sequence[float], now: float) -> float:
    """Seconds to wait before the next try, given the times of recent wrong tries."""
    if len(failures) < FREE_TRIES:
        return 0.0
    wait = min(MAX_WAIT, FIRST_WAIT * 2 ** (len(failures) - FREE_TRIES))
    return max(0.0, failures[-1] + wait - now)


class Login:
    """One log-in attempt after another, slowed down after FREE_TRIES wrong ones.

    Wrong tries are kept in the store, so reloading the page (a new kernel) does not reset
    the count. `clock` is wall time (store timestamps), injectable for tests.
    """

    def __init__(self, store: Store, clock: Callable[[], float] = time.time):
        self.store, self.clock = store, clock

    def wait(self) -> float:
        """Seconds before another try will be checked (0: now)."""
        now = self.clock()
        return retry_after(self.store.failed_joins(LOGIN_CLIENT, now - TRIES_WINDOW), now)

    def attempt(self, text: str) -> bool | float:
        """True when right; False when wrong; a wait in seconds (float) when it is too soon to
        try again (the text is then not checked at all)."""
        wait = self.wait()
        if wait > 0:
            return wait
        if check_passphrase(self.store, text):
            self.store.clear_failed_joins(LOGIN_CLIENT)
            return True
        self.store.record_failed_join(LOGIN_CLIENT, at=self.clock())
        return False


# --- log-off after idle time ------------------------------------------------------------------


def idle_seconds_from_env(env: Mapping[str, str] | None = None) -> float:
    """WORKSHOP_FACILITATOR_IDLE_MINUTES (default 10) in seconds; a bad value fails loudly."""
    raw = (os.environ if env is None else env).get(IDLE_ENV, "").strip()
    if not raw:
        return DEFAULT_IDLE_MINUTES * 60
    try:
        minutes = float(raw)
    except ValueError:
        minutes = float("nan")
    if not minutes > 0 or minutes == float("inf"):
        raise ConfigError(msg("config_idle_minutes", variable=IDLE_ENV, got=repr(raw)))
    return minutes * 60


class IdleTimer:
    """Calls `expire` once `seconds` pass with no `touch()`; with `warn`, first calls
    `warn(seconds_left)` `lead` seconds before (at most half the idle time), so a person can
    say they are still there (WCAG 2.2.1, timing adjustable).

    Checks are scheduled, never slept: `scheduler(delay, fn)` is the kernel loop's call_later
    in the app, and something a test fires by hand; `clock` is monotonic time.
    """

    def __init__(self, seconds: float, expire: Callable[[], None], scheduler: Scheduler,
                 clock: Callable[[], float] = time.monotonic,
                 warn: Callable[[float], None] | None = None, lead: float = 60.0):
        self.seconds, self._expire, self._warn = seconds, expire, warn
        self.lead = min(lead, seconds / 2) if warn is not None else 0.0
        self._scheduler, self._clock = scheduler, clock
        self._last = clock()
        self._warned = False
        self._handle: Handle | None = None
        self._schedule(seconds - self.lead)

    def _schedule(self, delay: float) -> None:
        self._handle = self._scheduler(delay, self._check)

    def touch(self) -> None:
        """Note activity: the countdown (and its warning) starts again."""
        self._last = self._clock()
        self._warned = False

    def remaining(self) -> float:
        return max(0.0, self._last + self.seconds - self._clock())

    def _check(self) -> None:
        self._handle = None
        left = self.remaining()
        if left <= 0:
            self._expire()
        elif self._warn is not None and not self._warned and left <= self.lead + 1e-6:
            self._warned = True
            self._warn(left)
            self._schedule(left)
        else:  # touched since this check was scheduled: look again when it could be due
            self._schedule(left if self._warned else left - self.lead)

    def cancel(self) -> None:
        if self._handle is not None:
            self._handle.cancel()
            self._handle = None
