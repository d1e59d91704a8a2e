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
from collections.abc import Callable
from contextlib import ExitStack
from typing import TypeVar
from urllib.parse import urlsplit

T = TypeVar("T")
Item = TypeVar("Item")
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


class Jar:
    """The cookies a browser keeps for one host, each sent only under its Path (RFC 6265:
    without a Path attribute, the folder of the page that set it)."""

    def __init__(self) -> None:
        self.cookies: dict[str, tuple[str, str]] = {}  # name: (value, path)

    def take(self, request_path: str, set_cookies: list[str]) -> None:
        for line in set_cookies:
            pair, *attributes = (part.strip() for part in line.split(";"))
            name, _, value = pair.partition("=")
            path = request_path.rsplit("/", 1)[0] or "/"
            for attribute in attributes:
                key, _, given = attribute.partition("=")
                if key.lower() == "path" and given.startswith("/"):
                    path = given
            self.cookies[name] = (value, path)

    def header(self, request_path: str) -> str:
        """The Cookie header a browser sends with a request for `request_path`."""
        return "; ".join(f"{name}={value}" for name, (value, path) in self.cookies.items()
                         if request_path == path or request_path.startswith(
                             path if path.endswith("/") else path + "/"))


JOINED = re.compile(r"ws-consent|ws-sheet")  # classes of the first screens after a join


def open_page(url: str, code: str, timeout: float = 300,
              jar: Jar | None = None) -> tuple[str, str] | None:
    """GET the app's page with a join code: its kernel id and the cookies it set (with
    `jar`: sending the jar's cookies, and the jar's cookies for the page after), or None
    when the page came without widgets."""
    where = urlsplit(url)  # the app may live under a path, such as /g/<session>/ behind nginx
    path = where.path or "/"
    conn = http.client.HTTPConnection(where.hostname, where.port or 80, timeout=timeout)
    try:
        sent = jar.header(path) if jar is not None else ""
        conn.request("GET", f"{path}?code={code}", headers={"Cookie": sent} if sent else {})
        resp = conn.getresponse()
        body = resp.read()
        set_cookies = resp.headers.get_all("Set-Cookie") or []
        cookies = "; ".join(c.split(";")[0] for c in set_cookies)
        if jar is not None:
            jar.take(path, set_cookies)
            cookies = jar.header(path)
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


def at_once(one: Callable[[Item], T | None], items: list[Item]) -> list[T | None]:
    """`one(item)` for every item, each in its own thread, all let go at the same instant;
    their results in the order they finished (an exception counts as None)."""
    barrier = threading.Barrier(len(items) + 1)
    results: list[T | None] = []
    lock = threading.Lock()

    def run(item: Item) -> None:
        barrier.wait()
        try:
            result = one(item)
        except Exception:  # any error is a failure, counted by the caller
            result = None
        with lock:
            results.append(result)

    threads = [threading.Thread(target=run, args=(i,)) for i in items]
    for t in threads:
        t.start()
    barrier.wait()
    for t in threads:
        t.join()
    return results


def light_burst(url: str, codes: list[str], timeout: float = 300
                ) -> tuple[list[float], int]:
    """N light clients at once; seconds until each kernel sent its joined screen (a client
    still waiting after `timeout` seconds, per step, counts as failed)."""
    results = at_once(lambda code: light_join(url, code, timeout), codes)
    times = [r for r in results if r is not None]
    return times, len(results) - len(times)


class LightPage:
    """A joined page's kernel connection held open, as the page's widget manager holds it:
    the widgets as the kernel sends them, and a person's typing and taps sent as the page
    sends them (ipywidgets' comm messages). Each action returns once the kernel has handled
    it (its "idle" for that message), so what it changed is already in `models`."""

    def __init__(self, url: str, kernel: str, cookies: str, timeout: float = 300):
        from websockets.sync.client import connect

        self.timeout = timeout
        self.session = uuid.uuid4().hex
        self.models: dict[str, dict] = {}
        self._handled: set[str] = set()
        self._states = False
        ws_url = f"{url.replace('http', 'ws', 1)}api/kernels/{kernel}/channels"
        self._held = ExitStack()
        self.ws = self._held.enter_context(connect(
            f"{ws_url}?session_id={self.session}", additional_headers={"Cookie": cookies},
            subprotocols=[V1], open_timeout=timeout, ping_interval=None, max_size=None))
        if self.ws.subprotocol != V1:
            self.close()
            raise ConnectionError("the kernel's websocket did not take protocol v1")
        comm = uuid.uuid4().hex
        self._send("comm_open", {"comm_id": comm, "target_name": "jupyter.widget.control",
                                 "data": {}}, {"version": "1.0.0"})
        self._send("comm_msg", {"comm_id": comm, "data": {"method": "request_states"}})
        if not self.wait(lambda: self._states):
            self.close()
            raise TimeoutError("the kernel sent no widget states")

    def __enter__(self) -> LightPage:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    def close(self) -> None:
        self._held.close()

    def _send(self, msg_type: str, content: dict, metadata: dict | None = None) -> str:
        msg_id = uuid.uuid4().hex
        header = {"msg_id": msg_id, "msg_type": msg_type, "session": self.session,
                  "username": "", "version": "5.3", "date": ""}
        self.ws.send(ws_v1("shell", header, {}, metadata or {}, content))
        return msg_id

    def _take(self, message: bytes | str) -> None:
        parts = from_ws_v1(message)
        header, parent, content = (json.loads(parts[i]) for i in (1, 2, 4))
        kind, data = header["msg_type"], content.get("data") or {}
        if kind == "status" and content.get("execution_state") == "idle":
            self._handled.add(parent.get("msg_id", ""))
        elif kind == "comm_open" and content.get("target_name") == "jupyter.widget":
            self.models[content["comm_id"]] = dict(data.get("state", {}))
        elif kind == "comm_close":
            self.models.pop(content.get("comm_id"), None)
        elif kind == "comm_msg" and data.get("method") == "update_states":
            self.models.update({m: dict(s["state"]) for m, s in data["states"].items()})
            self._states = True
        elif kind == "comm_msg" and data.get("method") in ("update", "echo_update"):
            self.models.setdefault(content["comm_id"], {}).update(data.get("state", {}))

    def wait(self, done: Callable[[], bool], timeout: float | None = None) -> bool:
        """Take the kernel's messages until `done()` is true (False after `timeout`)."""
        deadline = time.monotonic() + (self.timeout if timeout is None else timeout)
        while not done():
            left = deadline - time.monotonic()
            if left <= 0:
                return False
            try:
                self._take(self.ws.recv(timeout=left))
            except TimeoutError:
                return False
        return True

    def find(self, *classes: str) -> list[str]:
        """The widgets on screen that a CSS selector `.a .b ...` of these classes picks, in
        page order: from the app's root down each box's current children (so a past
        screen's widgets, still alive in the kernel, are not on screen)."""
        roots = [m for m, s in self.models.items() if "ws-app" in s.get("_dom_classes", ())]
        found: list[str] = []

        def walk(model: str, wanted: tuple[str, ...]) -> None:
            state = self.models.get(model, {})
            if wanted and wanted[0] in state.get("_dom_classes", ()):
                wanted = wanted[1:]
                if not wanted:
                    found.append(model)
                    return
            for child in state.get("children", ()):
                walk(child.removeprefix("IPY_MODEL_"), wanted)

        for root in roots:
            walk(root, classes)
        return found

    def text(self, *classes: str) -> str:
        """The states (JSON text) of the widgets on screen under `.a .b ...` (all: none)."""
        picked = self.find(*classes) if classes else self._on_screen()
        return json.dumps([self.models[m] for m in picked])

    def _on_screen(self) -> list[str]:
        seen: list[str] = []
        stack = [m for m, s in self.models.items() if "ws-app" in s.get("_dom_classes", ())]
        while stack:
            model = stack.pop()
            seen.append(model)
            stack.extend(c.removeprefix("IPY_MODEL_")
                         for c in self.models.get(model, {}).get("children", ()))
        return seen

    def _act(self, model: str, data: dict) -> None:
        sent = self._send("comm_msg", {"comm_id": model, "data": data})
        if not self.wait(lambda: sent in self._handled):
            raise TimeoutError("the kernel did not handle the page's message")

    def tap(self, *classes: str) -> None:
        """Tap the first widget on screen under `.a .b ...` (a button)."""
        found = self.find(*classes)
        if not found:
            raise LookupError(f"nothing on screen under {classes}")
        self._act(found[0], {"method": "custom", "content": {"event": "click"}})

    def type(self, text: str, *classes: str) -> None:
        """Type `text` into the first box on screen under `.a .b ...`."""
        found = self.find(*classes)
        if not found:
            raise LookupError(f"nothing on screen under {classes}")
        self._act(found[0], {"method": "update", "state": {"value": text},
                             "buffer_paths": []})
