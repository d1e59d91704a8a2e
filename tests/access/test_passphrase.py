"""The facilitator passphrase, the slow-down after wrong tries, idle log-off timing, and
`workshop facilitator set-passphrase` (called as a function)."""

from __future__ import annotations

import argparse
import io
import json
import sqlite3
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from support.clock import FakeLoop

from toolkit.access.passphrase import (
    FREE_TRIES,
    MAX_WAIT,
    SETTING,
    IdleTimer,
    Login,
    PassphraseError,
    check_passphrase,
    has_passphrase,
    idle_seconds_from_env,
    retry_after,
    set_passphrase,
)
from toolkit.cli.facilitator import set_passphrase_cmd
from toolkit.settings.config import ConfigError
from toolkit.store.store import Store

pytestmark = pytest.mark.stores  # tests with a store run on SQLite and on PostgreSQL

GOOD = "blue kettle on sunday"


@pytest.mark.stores("sqlite")  # reads the SQLite file itself
def test_passphrase_is_stored_only_as_a_salted_scrypt_hash(store: Store, home: Path):
    """The settings row holds scrypt parameters, salt and hash; the text is nowhere in the
    database file."""
    set_passphrase(store, GOOD)
    db = sqlite3.connect(home / "workshop.sqlite")
    (value,) = db.execute("select value from settings where name = ?", (SETTING,)).fetchone()
    db.close()
    record = json.loads(value)
    assert record["scheme"] == "scrypt" and record["n"] == 2**14 and record["r"] == 8
    assert len(record["salt"]) >= 20 and len(record["hash"]) >= 40
    for f in home.glob("workshop.sqlite*"):
        assert GOOD.encode() not in f.read_bytes()


def test_right_passphrase_opens_and_wrong_ones_do_not(store: Store):
    """Only the exact passphrase checks out; nothing checks out before one is set."""
    assert not has_passphrase(store) and not check_passphrase(store, GOOD)
    set_passphrase(store, GOOD)
    assert has_passphrase(store) and check_passphrase(store, GOOD)
    for wrong in ("", "blue kettle on sunday ", "Blue kettle on sunday", "x" * 5000):
        assert not check_passphrase(store, wrong)


def test_same_passphrase_gets_a_new_salt_each_time(store: Store):
    """Setting the same passphrase twice stores two different hashes (salted)."""
    from toolkit.access.passphrase import _stored

    set_passphrase(store, GOOD)
    first = _stored(store)
    assert set_passphrase(store, GOOD) is True
    assert _stored(store) != first and check_passphrase(store, GOOD)


def test_composed_and_decomposed_accents_match(store: Store):
    """'café' typed as one code point or as e + accent is the same passphrase."""
    set_passphrase(store, "caf\u00e9 on the corner")
    assert check_passphrase(store, "cafe\u0301 on the corner")


def test_short_passphrase_is_refused_with_a_clear_message(store: Store):
    """Fewer than 10 characters (spaces at the ends not counted) is refused; nothing stored."""
    for short in ("kettle", "   kettle   "):
        with pytest.raises(PassphraseError, match="at least 10 characters"):
            set_passphrase(store, short)
    assert not has_passphrase(store)


def test_retry_after_grows_then_caps():
    """Three wrong tries are free; then each waits longer, up to a minute."""
    assert retry_after([0.0] * (FREE_TRIES - 1), 0.0) == 0
    waits = [retry_after([0.0] * n, 0.0) for n in range(FREE_TRIES, FREE_TRIES + 8)]
    assert waits[0] > 0 and waits == sorted(waits) and waits[-1] == MAX_WAIT
    assert retry_after([0.0] * FREE_TRIES, 1000.0) == 0


def test_login_slows_down_after_wrong_tries_and_survives_a_new_kernel(store: Store):
    """After three wrong tries even the right passphrase waits (unchecked); the count is in
    the store, so a new Login (a reloaded page) waits too; after the wait it opens."""
    set_passphrase(store, GOOD)
    now = [1_000_000.0]
    login = Login(store, lambda: now[0])
    assert [login.attempt("wrong guess no") for _ in range(FREE_TRIES)] == [False] * 3
    wait = login.attempt(GOOD)
    assert isinstance(wait, float) and wait > 0
    assert Login(store, lambda: now[0]).wait() == pytest.approx(wait)
    now[0] += wait
    assert login.attempt(GOOD) is True
    assert login.wait() == 0  # a right passphrase clears the count


def test_idle_timer_expires_only_after_quiet_time():
    """Touching restarts the countdown; expiry comes `seconds` after the last touch."""
    loop, expired = FakeLoop(), []
    timer = IdleTimer(600, lambda: expired.append(loop.now), loop.call_later, loop.clock)
    loop.advance(500)
    timer.touch()
    loop.advance(500)
    assert expired == []
    loop.advance(100)
    assert expired == [1100]


def test_idle_timer_warns_a_minute_before_and_a_touch_puts_it_off():
    """With a warning: it comes 60 s before expiry (once), a touch then restarts both."""
    loop, events = FakeLoop(), []
    timer = IdleTimer(600, lambda: events.append(("expired", loop.now)), loop.call_later,
                      loop.clock, warn=lambda left: events.append(("warned", loop.now, left)))
    loop.advance(539)
    assert events == []
    loop.advance(1)
    assert events == [("warned", 540, 60)]
    timer.touch()  # "Stay logged in"
    loop.advance(500)
    assert events == [("warned", 540, 60)]
    loop.advance(40)
    assert events[1:] == [("warned", 1080, 60)]
    loop.advance(60)
    assert events[2:] == [("expired", 1140)]


def test_a_short_idle_time_warns_at_half_time():
    """Idle time under two minutes: the warning comes halfway, not before the start."""
    loop, events = FakeLoop(), []
    IdleTimer(30, lambda: events.append("expired"), loop.call_later, loop.clock,
              warn=lambda left: events.append(left))
    loop.advance(15)
    assert events == [15]
    loop.advance(15)
    assert events == [15, "expired"]


def test_idle_timer_cancel_stops_it():
    """A cancelled timer never fires."""
    loop, expired = FakeLoop(), []
    timer = IdleTimer(10, lambda: expired.append(1), loop.call_later, loop.clock)
    timer.cancel()
    loop.advance(100)
    assert expired == []


def test_idle_minutes_from_environment():
    """Default 10 minutes; a number of minutes is read; nonsense fails loudly."""
    assert idle_seconds_from_env({}) == 600
    assert idle_seconds_from_env({"WORKSHOP_FACILITATOR_IDLE_MINUTES": "0.05"}) == pytest.approx(3)
    for bad in ("ten", "0", "-5", "inf", "nan"):
        with pytest.raises(ConfigError, match="WORKSHOP_FACILITATOR_IDLE_MINUTES"):
            idle_seconds_from_env({"WORKSHOP_FACILITATOR_IDLE_MINUTES": bad})


# --- the command --------------------------------------------------------------------------


@pytest.fixture
def stdin() -> Iterator[Callable[[str], None]]:
    saved = sys.stdin

    def feed(text: str) -> None:
        sys.stdin = io.StringIO(text)

    yield feed
    sys.stdin = saved


def _asker(*answers: str) -> Callable[[str], str]:
    queue = list(answers)
    return lambda _prompt: queue.pop(0)


def test_command_sets_passphrase_and_audits(store: Store, capsys):
    """Asked twice, the same answer: stored, and one audit line without the text."""
    args = argparse.Namespace(stdin=False)
    assert set_passphrase_cmd(args, ask=_asker(GOOD, GOOD)) == 0
    assert check_passphrase(store, GOOD)
    log = store.audit_log()
    assert [(e.action, e.target, e.detail) for e in log] == [
        ("changed settings", "facilitator passphrase", "set")]
    assert GOOD not in capsys.readouterr().out


def test_command_refuses_a_mismatch(store: Store, capsys):
    """Two different answers: exit 1, a one-line reason, nothing stored or audited."""
    args = argparse.Namespace(stdin=False)
    assert set_passphrase_cmd(args, ask=_asker(GOOD, GOOD + "!")) == 1
    assert "differ" in capsys.readouterr().err
    assert not has_passphrase(store) and store.audit_log() == []


def test_command_refuses_a_short_one_before_asking_again(store: Store, capsys):
    """A short passphrase is refused at once with the minimum length in the message."""
    args = argparse.Namespace(stdin=False)
    assert set_passphrase_cmd(args, ask=_asker("kettle")) == 1
    assert "at least 10 characters" in capsys.readouterr().err
    assert not has_passphrase(store)


def test_command_reads_stdin_and_records_a_change(store: Store, stdin, capsys):
    """--stdin reads one line; a second run changes the passphrase and says so."""
    stdin(GOOD + "\n")
    assert set_passphrase_cmd(argparse.Namespace(stdin=True)) == 0
    stdin("green kettle on monday\n")
    assert set_passphrase_cmd(argparse.Namespace(stdin=True)) == 0
    assert "changed" in capsys.readouterr().out
    assert check_passphrase(store, "green kettle on monday") and not check_passphrase(store, GOOD)
    assert [e.detail for e in store.audit_log()] == ["set", "changed"]
    stdin("short\n")
    assert set_passphrase_cmd(argparse.Namespace(stdin=True)) == 1
