"""A server on every address with --allow-plain-http (it starts, and warns), behind a proxy at
127.0.0.2: only that address may say the connection was HTTPS (X-Forwarded-Proto)."""

from __future__ import annotations

import http.client
from collections.abc import Iterator
from pathlib import Path

import pytest
from support.servers import Server, start_server, stop_server

pytestmark = pytest.mark.server  # plain HTTP from Python: no Chromium

PROXY = "127.0.0.2"


@pytest.fixture(scope="module")
def open_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    home: Path = tmp_path_factory.mktemp("proxy") / "home"
    server = start_server(home, extra=("--host", "0.0.0.0", "--allow-plain-http",
                                       "--behind-proxy", PROXY))
    try:
        yield server
    finally:
        stop_server(server)


def _get(server: Server, source: str, headers: dict[str, str]) -> http.client.HTTPResponse:
    port = int(server.url.rsplit(":", 1)[1].strip("/"))
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120,
                                      source_address=(source, 0))
    conn.request("GET", "/voila/static/voila.js", headers=headers)
    resp = conn.getresponse()
    resp.read()
    conn.close()
    return resp


def test_plain_http_on_every_address_starts_only_when_allowed_and_warns(open_server) -> None:
    """It answers, and its console said answers cross the network unencrypted."""
    assert _get(open_server, "127.0.0.1", {}).status == 200
    assert open_server.log is not None
    text = open_server.log.read_text()
    assert "Warning: serving plain HTTP to the network (--allow-plain-http)" in text
    assert "is not trusted" not in text


def test_forwarded_proto_is_believed_from_the_proxy_only(open_server) -> None:
    """From the proxy's address X-Forwarded-Proto: https brings HSTS; from anyone else it is
    ignored."""
    forwarded = {"X-Forwarded-Proto": "https", "X-Forwarded-For": "10.1.2.3"}
    assert _get(open_server, PROXY, forwarded).getheader("Strict-Transport-Security")
    assert _get(open_server, "127.0.0.1", forwarded).getheader(
        "Strict-Transport-Security") is None
