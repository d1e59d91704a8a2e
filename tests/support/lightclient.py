"""A light client of the client server: what a phone's page does to join, without a browser
(HTTP for the page, then the kernel websocket in the v1 protocol the page uses). Used by the
server tests and benchmarks/join_burst.py."""

from __future__ import annotations

import http.client
import itertools
import json
import re
import threading
import time
import uuid
from urllib.parse import urlsplit

WIDGET_MARK = b"application/vnd.jupyter.widget-view+json"


V1 = "v1.kernel.websocket.jupyter.org"


def ws_v1(channel: str, *parts: dict) -> bytes:
    """A kernel message in the v1 websocket protocol: a count and offsets (8-byte little
    endian), then the channel name and the JSON parts."""
    frames = [channel.encode(), *(json.dumps(p).encode() for p in parts)]
    offsets = [8 * (len(frames) + 2)]
    for frame in frames:
        offsets.append(offsets[-1] + len(frame))
    head = b"".join(n.to_bytes(8, "little") for n in [len(offsets), *offsets])
    return head + b"".join(frames)


def from_ws_v1(message: bytes | str) -> list[bytes]:
    """channel, header, parent header, metadata, content and buffers of a v1 message."""
    assert isinstance(message, bytes), "v1 messages are binary"
    count = int.from_bytes(message[:8], "little")
    offsets = [int.from_bytes(message[8 * (i + 1):8 * (i + 2)], "little") for i in range(count)]
    return [message[a:b] for a, b in itertools.pairwise(offsets)]


JOINED = re.compile(r"ws-consent|ws-sheet")  # classes of the first screens after a join


def open_page(url: str, code: str, timeout: float = 300) -> tuple[str, str] | None:
    """GET the app's page with a join code: its kernel id and the cookies it set, or None
    when the page came without widgets."""
    where = urlsplit(url)  # the app may live under a path, such as /g/<session>/ behind nginx
    conn = http.client.HTTPConnection(where.hostname, where.port or 80, timeout=timeout)
    try:
        conn.request("GET", f"{where.path or '/'}?code={code}")
        resp = conn.getresponse()
        body = resp.read()
        cookies = "; ".join(c.split(";")[0] for c in resp.headers.get_all("Set-Cookie") or [])
    finally:
        conn.close()
    kernel = re.search(rb'"kernelId": *"([0-9a-f-]{36})"', body)
    if resp.status != 200 or WIDGET_MARK not in body or not kernel:
        return None
    return kernel.group(1).decode(), cookies


def widget_states(url: str, kernel: str, cookies: str, timeout: float = 300) -> str | None:
    """Connect to the kernel as the page does and ask for every widget's state (JSON text),
    or None when the websocket or the kernel does not answer as a page's would."""
    from websockets.sync.client import connect

    session, comm = uuid.uuid4().hex, uuid.uuid4().hex

    def msg(msg_type: str, content: dict, metadata: dict | None = None) -> bytes:
        header = {"msg_id": uuid.uuid4().hex, "msg_type": msg_type, "session": session,
                  "username": "", "version": "5.3", "date": ""}
        return ws_v1("shell", header, {}, metadata or {}, content)

    ws_url = f"{url.replace('http', 'ws', 1)}api/kernels/{kernel}/channels"
    # The page's kernel connection (@jupyterlab/services) asks for the v1 protocol, in which
    # the server passes kernel messages through without decoding them: so do we.
    with connect(f"{ws_url}?session_id={session}", additional_headers={"Cookie": cookies},
                 subprotocols=[V1], open_timeout=timeout, ping_interval=None,
                 max_size=None) as ws:
        if ws.subprotocol != V1:
            return None
        # What the page's widget manager does: open the control comm, ask for every state.
        ws.send(msg("comm_open", {"comm_id": comm, "target_name": "jupyter.widget.control",
                                  "data": {}}, {"version": "1.0.0"}))
        ws.send(msg("comm_msg", {"comm_id": comm, "data": {"method": "request_states"}}))
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            parts = from_ws_v1(ws.recv(timeout=deadline - time.monotonic()))
            header, content = json.loads(parts[1]), json.loads(parts[4])
            data = content.get("data", {})
            if header["msg_type"] == "comm_msg" and data.get("method") == "update_states":
                return json.dumps(data.get("states", {}))
    return None


def joined(states: str | None) -> bool:
    """True when the widget states show a screen after a successful join."""
    return bool(states) and JOINED.search(states) is not None and "couldn" not in states


def light_join(url: str, code: str, timeout: float = 300) -> float | None:
    """One light client: seconds until the kernel has sent the joined screen's widgets."""
    t0 = time.perf_counter()
    page = open_page(url, code, timeout)
    if page is None:
        return None
    states = widget_states(url, *page, timeout=timeout)
    return time.perf_counter() - t0 if joined(states) else None


def light_burst(url: str, codes: list[str], timeout: float = 300
                ) -> tuple[list[float], int]:
    """N light clients at once; seconds until each kernel sent its joined screen (a client
    still waiting after `timeout` seconds, per step, counts as failed)."""
    barrier = threading.Barrier(len(codes) + 1)
    results: list[float | None] = []
    lock = threading.Lock()

    def one(code: str) -> None:
        barrier.wait()
        try:
            result = light_join(url, code, timeout)
        except Exception:  # any error is a failed join, counted below
            result = None
        with lock:
            results.append(result)

    threads = [threading.Thread(target=one, args=(c,)) for c in codes]
    for t in threads:
        t.start()
    barrier.wait()
    for t in threads:
        t.join()
    times = [r for r in results if r is not None]
    return times, len(results) - len(times)
