"""client_key(): this browser's key from the Cookie header Voila hands the kernel."""

from __future__ import annotations

import os

import pytest

from toolkit.access.clientid import COOKIE, client_key, is_key, new_key, wait_for_request

KEY = "a" * 16 + "B-_9" * 4


def test_new_keys_are_valid_and_unique() -> None:
    """new_key() makes keys of the accepted shape, never the same one twice."""
    keys = {new_key() for _ in range(1000)}
    assert len(keys) == 1000 and all(is_key(k) for k in keys)


def test_key_found_among_other_cookies() -> None:
    """The key is picked out of a header with other cookies around it."""
    env = {"HTTP_COOKIE": f"_xsrf=abc; {COOKIE}={KEY}; username-x=\"2|1:0\""}
    assert client_key(env) == KEY


def test_spaces_around_the_pair_are_ignored() -> None:
    """Whitespace around the name and value does not matter."""
    assert client_key({"HTTP_COOKIE": f"  {COOKIE} = {KEY} ;x=1"}) == KEY


@pytest.mark.parametrize("env", [
    {},
    {"HTTP_COOKIE": ""},
    {"HTTP_COOKIE": "_xsrf=abc"},
    {"HTTP_COOKIE": f"{COOKIE}="},
    {"HTTP_COOKIE": f"{COOKIE}"},
    {"HTTP_COOKIE": f"{COOKIE}x={KEY}"},
])
def test_missing_key_is_none(env: dict[str, str]) -> None:
    """No cookie of that exact name: no key."""
    assert client_key(env) is None


@pytest.mark.parametrize("value", [
    KEY[:-1], KEY + "a", f'"{KEY}"', KEY[:-1] + ";", KEY[:-1] + "=", KEY[:-1] + "é",
    KEY[:-1] + "<", "x" * 10_000, KEY[:-1] + "\x00",
])
def test_malformed_key_is_none(value: str) -> None:
    """Wrong length, quotes or any character new_key() never makes: refused, not trimmed."""
    assert client_key({"HTTP_COOKIE": f"{COOKIE}={value}"}) is None


def test_first_cookie_of_the_name_wins() -> None:
    """A browser sends the most specific cookie first; a bad first one is not skipped."""
    other = "b" * 32
    assert client_key({"HTTP_COOKIE": f"{COOKIE}={KEY}; {COOKIE}={other}"}) == KEY
    assert client_key({"HTTP_COOKIE": f"{COOKIE}=bad; {COOKIE}={other}"}) is None


def test_wait_for_request_is_a_no_op_without_preheat(monkeypatch: pytest.MonkeyPatch) -> None:
    """Outside a preheated kernel, wait_for_request() returns at once and changes nothing."""
    monkeypatch.setenv("VOILA_PREHEAT", "False")
    monkeypatch.delenv("QUERY_STRING", raising=False)
    wait_for_request()
    assert "QUERY_STRING" not in os.environ
