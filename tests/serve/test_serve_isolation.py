"""The client server serves the client app and nothing else, and a browser cannot run code
in its kernel (probed over HTTP and the kernel websocket of a real server)."""

from __future__ import annotations

import json
import uuid
from pathlib import Path

import pytest
from support.lightclient import open_page
from support.servers import Server, request

pytestmark = pytest.mark.server  # HTTP and websockets only: no Chromium

PROBES = [
    ("GET", "/voila/render/facilitator.ipynb"),
    ("GET", "/facilitator.ipynb"),
    ("GET", "/client.ipynb"),
    ("GET", "/notebooks/facilitator.ipynb"),
    ("GET", "/anything/at/all?code=ABC"),
    ("GET", "/tree"),
    ("GET", "/voila/tree"),
    ("GET", "/voila/tree/"),
    ("GET", "/api/contents"),
    ("GET", "/api/contents/facilitator.ipynb"),
    ("GET", "/voila/api/contents/"),
    ("GET", "/api/sessions"),
    ("POST", "/api/sessions"),
    ("GET", "/api/kernels"),
    ("POST", "/api/kernels"),
    ("GET", "/api/kernelspecs"),
    ("GET", "/voila/files/client.ipynb"),
    ("GET", "/voila/files/facilitator.ipynb"),
    ("GET", "/voila/files/picture.png"),
    ("GET", "/files/client.ipynb"),
    ("GET", "/login"),
]


@pytest.mark.parametrize(("method", "path"), PROBES)
def test_nothing_but_the_app_is_served(server: Server, method: str, path: str) -> None:
    """Other notebooks, listings, the contents/sessions/kernels APIs and files are a 404."""
    status, _, body = request(server, method, path)
    assert status == 404, (status, body[:200])


def test_the_app_itself_is_served(server: Server) -> None:
    """The page at / is still the client app (the probes above are not 404 for everything)."""
    status, _, body = request(server, "GET", "/")
    assert status == 200 and b"application/vnd.jupyter.widget-view+json" in body


def test_execute_request_on_the_kernel_websocket_is_refused(server: Server,
                                                            tmp_path: Path) -> None:
    """Code sent as execute_request (shell and control) never runs; the socket still works.

    The page's connection has no control channel at all (toolkit.serve.channels): what is
    sent there goes nowhere, not even a kernel_info_request."""
    from websockets.sync.client import connect

    page = open_page(server.url, server.codes[0], timeout=60)
    assert page is not None, "the page came without widgets"
    kernel_id, cookies = page
    marker = tmp_path / "pwned"
    session = uuid.uuid4().hex
    url = server.url.replace("http", "ws", 1) + f"api/kernels/{kernel_id}/channels"

    def message(msg_type: str, channel: str, content: dict) -> dict:
        header = {"msg_id": uuid.uuid4().hex, "msg_type": msg_type, "session": session,
                  "username": "probe", "version": "5.3", "date": ""}
        return {"header": header, "parent_header": {}, "metadata": {}, "content": content,
                "channel": channel, "buffers": []}

    code = f"open({str(marker)!r}, 'w').write('ran')"
    execute = [message("execute_request", channel,
                       {"code": code, "silent": False, "store_history": False,
                        "user_expressions": {}, "allow_stdin": False, "stop_on_error": True})
               for channel in ("shell", "control")]
    # A kernel answers each channel in order: had an execute_request been forwarded, its
    # reply would come before the kernel_info_reply sent after it on the same channel.
    probe = message("kernel_info_request", "control", {})
    info = [message("kernel_info_request", "shell", {})]
    with connect(f"{url}?session_id={session}", additional_headers={"Cookie": cookies},
                 open_timeout=60, ping_interval=None, max_size=None) as ws:
        for msg in (*execute, probe, *info):
            ws.send(json.dumps(msg))
        waiting = {m["header"]["msg_id"] for m in info}
        seen = []
        while waiting:
            reply = json.loads(ws.recv(timeout=120))
            parent = reply.get("parent_header", {}).get("msg_id")
            seen.append((reply["msg_type"], parent))
            if reply["msg_type"] == "kernel_info_reply":
                waiting.discard(parent)
    refused = {m["header"]["msg_id"] for m in (*execute, probe)}
    assert not [s for s in seen if s[1] in refused], seen
    assert not marker.exists()
