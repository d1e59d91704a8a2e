"""`workshop serve --session`: the facilitator URL in the banner carries a token, and the
facilitator server refuses every request without it; join codes never reach the logs."""

from __future__ import annotations

import re
import socket
import time
from collections.abc import Iterator

import pytest
from support.servers import Server, request, serve_group

pytestmark = pytest.mark.server  # HTTP and websockets only: no Chromium

WIDGETS = b"application/vnd.jupyter.widget-view+json"


@pytest.fixture(scope="module")
def group(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Server, list[str]]]:
    """`workshop serve --session` for a group of two, with one warm kernel."""
    for server in serve_group(tmp_path_factory.mktemp("fac") / "home", ["mspss"], 2,
                              extra=("--pool", "1")):
        yield server, server.codes


def facilitator(server: Server) -> tuple[Server, str]:
    """The dashboard server named in the banner, and its token."""
    assert server.log is not None
    found = re.search(r"(http://127\.0\.0\.1:\d+/)\?token=([A-Za-z0-9_-]{32})",
                      server.log.read_text())
    assert found, "no facilitator URL with a token in the banner"
    port = int(found.group(1).rsplit(":", 1)[1].strip("/"))
    deadline = time.monotonic() + 60  # the dashboard's server starts beside the client one
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            break
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)
    return Server(found.group(1), server.home, server.proc), found.group(2)


@pytest.mark.parametrize("query", ["", "?token=", "?token=wrong-token"])
def test_dashboard_refused_without_its_token(group: tuple, query: str) -> None:
    """No token or a wrong one: sent to the login form, no dashboard, no kernel."""
    fac, _ = facilitator(group[0])
    status, headers, body = request(fac, "GET", f"/{query}")
    assert status in (302, 403) and WIDGETS not in body
    if status == 302:
        assert headers["Location"].startswith("/login")


def test_kernel_socket_refused_without_token(group: tuple) -> None:
    """The dashboard's kernel API is closed to requests without the token too."""
    fac, _ = facilitator(group[0])
    status, _, _ = request(fac, "GET", "/api/kernels/00000000-0000-0000-0000-000000000000")
    assert status == 403


def test_dashboard_served_with_its_token(group: tuple) -> None:
    """The banner's URL opens the dashboard."""
    fac, token = facilitator(group[0])
    status, _, body = request(fac, "GET", f"/?token={token}")
    assert status == 200 and WIDGETS in body


def test_join_codes_never_reach_the_logs(group: tuple) -> None:
    """Joins (warm and cold), bad paths and a broken request with codes leave no code in the
    server's output, at the log level it runs with."""
    server, codes = group
    for path in (f"/?code={codes[0]}", f"/?code={codes[1]}", f"/nowhere?code={codes[0]}",
                 f"/voila/files/x.png?code={codes[1]}", f"/api/kernels?code={codes[0]}"):
        request(server, "GET", path)
    request(server, "POST", f"/?code={codes[0]}")
    request(server, "GET", f"/?code={codes[1]}", headers={"Cookie": "\x7f=\x7f; bad"})
    assert server.log is not None
    text = server.log.read_text(errors="replace")
    assert "Ready:" in text  # the log is the server's output
    for code in codes:
        assert code not in text and code.replace("-", "") not in text


def test_banner_says_to_set_the_passphrase_first(group: tuple) -> None:
    """No passphrase set yet: the banner tells the facilitator how to set one."""
    server = group[0]
    assert "workshop facilitator set-passphrase" in server.log.read_text()
