"""Every browser gets a `workshop_client` cookie and its kernel sees the same key, with a
fresh kernel and with a preheated one, from the very first visit on."""

from __future__ import annotations

import re
from collections.abc import Iterator
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


@pytest.fixture(scope="module", params=[0, 3], ids=["fresh", "preheated"])
def probe_server(request: pytest.FixtureRequest,
                 tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """A client server whose notebook prints the kernel's client key."""
    folder = tmp_path_factory.mktemp("probe")
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(PROBE)])
    nb.metadata.kernelspec = {"name": "python3", "display_name": "Python 3",
                              "language": "python"}
    nbformat.write(nb, folder / "probe.ipynb")
    pool = ("--pool", str(request.param)) if request.param else ()
    server = start_server(folder / "home", notebook=str(folder / "probe.ipynb"), extra=pool)
    try:
        if request.param:
            wait_ready(server)
        yield server
    finally:
        stop_server(server)


def kernel_key(context: Any, server: Server) -> str:
    """Open the page in `context`; the key its kernel printed."""
    page = context.new_page()
    page.goto(server.url, timeout=120_000)
    found = re.search(r"client key: (\S+)", page.content())
    page.close()
    assert found, "the kernel printed no key"
    return found.group(1)


def test_kernel_sees_one_key_per_browser(browser: Any, probe_server: Server) -> None:
    """Two loads in one browser: the same key, also on the first visit; another browser: another."""
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


def test_forged_cookie_is_replaced(browser: Any, probe_server: Server) -> None:
    """A cookie not in the key format is replaced by a fresh key, never passed on."""
    context = browser.new_context()
    try:
        context.add_cookies([{"name": COOKIE, "value": "not-a-key",
                              "url": probe_server.url}])
        key = kernel_key(context, probe_server)
        assert is_key(key)
        assert next(c for c in context.cookies() if c["name"] == COOKIE)["value"] == key
    finally:
        context.close()
