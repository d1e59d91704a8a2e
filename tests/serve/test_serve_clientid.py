"""Every browser gets a `workshop_client` cookie and its kernel sees the same key, with a
fresh kernel and with a preheated one, from the very first visit on."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import nbformat
import pytest
from support.servers import Server, start_server, stop_server, wait_ready

from toolkit.access.clientid import COOKIE, is_key

pytestmark = [pytest.mark.browser, pytest.mark.server]

PROBE = """\
from toolkit.access.clientid import client_key, wait_for_request
wait_for_request()
print("client key:", client_key())
"""


def _probe_server(folder: Path, pool: int) -> Iterator[Server]:
    """A client server whose notebook prints the kernel's client key (`pool` preheated)."""
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(PROBE)])
    nb.metadata.kernelspec = {"name": "python3", "display_name": "Python 3",
                              "language": "python"}
    nbformat.write(nb, folder / "probe.ipynb")
    pool_args = ("--pool", str(pool)) if pool else ()
    server = start_server(folder / "home", notebook=str(folder / "probe.ipynb"),
                          extra=pool_args)
    try:
        if pool:
            wait_ready(server)
        yield server
    finally:
        stop_server(server)


@pytest.fixture(scope="module")
def fresh(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    yield from _probe_server(tmp_path_factory.mktemp("probe-fresh"), 0)


@pytest.fixture(scope="module")
def preheated(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """Three warm kernels: a fourth page gets a refill kernel, started with an earlier
    request's Cookie in its environment (voila refills FILL_DELAY s after a kernel is taken)."""
    yield from _probe_server(tmp_path_factory.mktemp("probe-preheated"), 3)


# Preheated first: the fresh server's test runs while the preheated pool's refill waits.
KINDS = ["preheated", "fresh"]


def kernel_key(context: Any, server: Server) -> str:
    """Open the page in `context`; the key its kernel printed."""
    page = context.new_page()
    page.goto(server.url, timeout=120_000)
    found = re.search(r"client key: (\S+)", page.content())
    page.close()
    assert found, "the kernel printed no key"
    return found.group(1)


@pytest.mark.parametrize("kind", KINDS)
def test_kernel_sees_one_key_per_browser(browser: Any, kind: str,
                                         request: pytest.FixtureRequest) -> None:
    """Two loads in one browser: the same key, also on the first visit; another browser: another."""
    probe_server = request.getfixturevalue(kind)
    one, other = browser.new_context(), browser.new_context()
    try:
        first, again = kernel_key(one, probe_server), kernel_key(one, probe_server)
        elsewhere = kernel_key(other, probe_server)
        assert is_key(first) and first == again
        assert is_key(elsewhere) and elsewhere != first
        cookie = next(c for c in one.cookies() if c["name"] == COOKIE)
        assert cookie["value"] == first
        assert cookie["httpOnly"] and cookie["sameSite"] == "Strict"
        assert cookie["expires"] > 0  # long-lived, not a session cookie
    finally:
        one.close()
        other.close()


@pytest.mark.parametrize("kind", KINDS)
def test_forged_cookie_is_replaced(browser: Any, kind: str,
                                   request: pytest.FixtureRequest) -> None:
    """A cookie not in the key format is replaced by a fresh key, never passed on (preheated:
    by a refill kernel whose environment holds another browser's cookie)."""
    probe_server = request.getfixturevalue(kind)
    context = browser.new_context()
    try:
        context.add_cookies([{"name": COOKIE, "value": "not-a-key",
                              "url": probe_server.url}])
        key = kernel_key(context, probe_server)
        assert is_key(key)
        assert next(c for c in context.cookies() if c["name"] == COOKIE)["value"] == key
    finally:
        context.close()
