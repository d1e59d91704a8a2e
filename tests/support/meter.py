"""What a page costs on the network, as Chromium's DevTools protocol reports it: requests that
reached the server (not served from the browser's cache), bytes received, the websocket's
messages, and network emulation. Shared by tests and benchmarks/page_weight.py."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

PROFILES = {
    # name: (download bit/s, upload bit/s, round trip ms)
    "clinic-wifi": (4_000_000, 1_000_000, 60),
    "slow-phone": (1_600_000, 750_000, 150),
}
"""A busy clinic Wi-Fi, and a slow phone link (Chrome DevTools' "Fast 3G" figures)."""

FIRST_SCREEN = ".ws-consent-agree, .ws-open"
"""The client app's first screen: the consent notice's button or the worksheet list."""

_SCREEN_CLOCK = """
(() => {
  const shown = () => [...document.querySelectorAll(SELECTOR)].some(
    (e) => e.checkVisibility({opacityProperty: true, visibilityProperty: true}));
  const frame = () => {
    if (shown()) {
      setTimeout(() => performance.mark('first-screen'), 0);
    } else {
      requestAnimationFrame(frame);
    }
  };
  requestAnimationFrame(frame);
})();
""".replace("SELECTOR", json.dumps(FIRST_SCREEN))


def clock_first_screen(page: Any) -> None:
    """Make `page` note, in its own clock, when the first screen is on the screen: the
    animation frame in which it is first visible has been drawn (checked every frame, so to
    within a frame, about 17 ms). Read it with `first_screen_seconds`.

    A Playwright wait would not do as a clock: `locator.wait_for` looks again after 0, 20, 50,
    100, 100, then every 500 ms, so a screen drawn at 0.6 s is seen at about 1.0 s."""
    page.add_init_script(_SCREEN_CLOCK)


def first_screen_seconds(page: Any, timeout: float = 180_000) -> float:
    """Seconds from the start of `page`'s navigation to its first screen being drawn (see
    `clock_first_screen`), once it has been."""
    page.wait_for_function("performance.getEntriesByName('first-screen').length",
                           timeout=timeout)
    return page.evaluate("performance.getEntriesByName('first-screen')[0].startTime") / 1000


@dataclass
class Meter:
    """Counts one page's network use from the moment it is made."""

    cdp: Any
    urls: list[str] = field(default_factory=list)
    reached: list[str] = field(default_factory=list)
    from_worker: list[str] = field(default_factory=list)
    http_bytes: int = 0
    ws_bytes: int = 0
    _ids: dict[str, str] = field(default_factory=dict)
    _cached: set[str] = field(default_factory=set)

    @classmethod
    def attach(cls, page: Any, profile: str | None = None) -> Meter:
        cdp = page.context.new_cdp_session(page)
        meter = cls(cdp)
        cdp.on("Network.requestWillBeSent", meter._sent)
        cdp.on("Network.requestServedFromCache", lambda e: meter._cached.add(e["requestId"]))
        cdp.on("Network.responseReceived", meter._response)
        cdp.on("Network.loadingFinished", meter._finished)
        cdp.on("Network.webSocketCreated", meter._ws_created)
        cdp.on("Network.webSocketFrameReceived", meter._frame)
        cdp.on("Network.webSocketFrameSent", meter._frame)
        cdp.send("Network.enable")
        if profile:
            down, up, rtt = PROFILES[profile]
            cdp.send("Network.emulateNetworkConditions", {
                "offline": False, "latency": rtt, "downloadThroughput": down / 8,
                "uploadThroughput": up / 8})
        return meter

    def reset(self) -> None:
        self.urls.clear()
        self.reached.clear()
        self.from_worker.clear()
        self.http_bytes = self.ws_bytes = 0

    @property
    def total_bytes(self) -> int:
        return self.http_bytes + self.ws_bytes

    def _sent(self, event: dict) -> None:
        self._ids[event["requestId"]] = event["request"]["url"]
        self.urls.append(event["request"]["url"])

    def _response(self, event: dict) -> None:
        response = event["response"]
        url = response["url"]
        if url.startswith(("data:", "blob:")):
            return
        if response.get("fromServiceWorker"):
            self.from_worker.append(url)
        if not (response.get("fromDiskCache") or response.get("fromPrefetchCache")
                or response.get("fromServiceWorker") or event["requestId"] in self._cached):
            self.reached.append(url)

    def _finished(self, event: dict) -> None:
        self.http_bytes += int(event.get("encodedDataLength", 0))

    def _ws_created(self, event: dict) -> None:
        self.urls.append(event["url"])
        self.reached.append(event["url"])

    def _frame(self, event: dict) -> None:
        frame = event["response"]
        size = len(frame.get("payloadData", ""))
        self.ws_bytes += size * 3 // 4 if frame.get("opcode") == 2 else size  # binary: base64


class CountingProxy:
    """A TCP relay on a loopback port of its own that counts the bytes each way: what crossed
    the wire, TLS, headers and compressed websocket frames included. Open the app through
    `url_for(server_url)`."""

    def __init__(self, target_port: int):
        import asyncio
        import socket
        import threading

        self.down = self.up = 0
        self._target = target_port
        self._sock = socket.socket()
        self._sock.bind(("127.0.0.1", 0))
        self._sock.listen(64)
        self.port = self._sock.getsockname()[1]
        self._loop = asyncio.new_event_loop()
        self._ready = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()
        self._ready.wait(10)

    def url_for(self, server_url: str) -> str:
        return f"{server_url.split('://')[0]}://127.0.0.1:{self.port}/"

    def reset(self) -> None:
        self.down = self.up = 0

    def _run(self) -> None:
        import asyncio

        asyncio.set_event_loop(self._loop)

        async def pipe(reader: Any, writer: Any, downstream: bool) -> None:
            try:
                while data := await reader.read(65536):
                    if downstream:
                        self.down += len(data)
                    else:
                        self.up += len(data)
                    writer.write(data)
                    await writer.drain()
            except (ConnectionError, OSError):
                pass
            finally:
                writer.close()

        async def handle(client_r: Any, client_w: Any) -> None:
            try:
                server_r, server_w = await asyncio.open_connection("127.0.0.1", self._target)
            except OSError:
                client_w.close()
                return
            await asyncio.gather(pipe(client_r, server_w, False),
                                 pipe(server_r, client_w, True))

        async def main() -> None:
            self._server = await asyncio.start_server(handle, sock=self._sock)
            self._ready.set()
            await self._server.serve_forever()

        try:
            self._loop.run_until_complete(main())
        except (RuntimeError, asyncio.CancelledError):
            pass

    def close(self) -> None:
        def stop() -> None:
            self._server.close()
            for task in __import__("asyncio").all_tasks(self._loop):
                task.cancel()

        self._loop.call_soon_threadsafe(stop)
        self._thread.join(5)
