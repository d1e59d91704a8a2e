"""The client server's kernel websocket: two channels, made ready while a pool kernel waits.

When a page connects to its kernel, jupyter_server opens four ZMQ channels (IOPub, shell,
control, stdin), asks for the kernel's info over a fifth, and "nudges" it over two more until
a reply and an IOPub message prove the IOPub subscription is live: seven sockets and three
kernel_info round trips per join, on the server's one thread, in the middle of a burst
(about a third of the server's work in a burst of 20 joins, measured with py-spy).

The app needs two of those channels: IOPub and shell (it asks for no input, so no stdin; it
sends nothing on control). So a connection opens only those two, and for a preheated kernel
they are opened and proven while it waits for its join, before anyone arrives: the page's
connection takes them over ready-made. Whatever the kernel publishes meanwhile (the join
itself, while the page renders) is dropped, as it is for a connection opened afterwards.
Anything unusual (a kernel not proven in time, a second tab on the same kernel, a reconnect)
takes jupyter_server's usual path with the two channels.
"""

from __future__ import annotations

import asyncio
import uuid
from functools import cache
from typing import Any, ClassVar

CHANNELS = ("iopub", "shell")
"""The channels a page of the app uses."""
PROVE_TIMEOUT = 30.0
"""Seconds to prove a warm kernel's channels; after that its page connects the usual way."""


@cache
def connection_class() -> Any:
    """The websocket connection class, one per process (built on demand: importing
    jupyter_server takes seconds)."""
    from concurrent.futures import Future

    from jupyter_server.services.kernels.connection.channels import (
        ZMQChannelsWebsocketConnection,
    )
    from tornado.ioloop import IOLoop

    class AppConnection(ZMQChannelsWebsocketConnection):
        """A kernel connection with IOPub and shell only, ready-made for warm kernels."""

        _ready: ClassVar[dict[str, dict[str, Any]]] = {}  # kernel id -> proven channels, unused
        _proving: ClassVar[dict[str, dict[str, Any]]] = {}  # kernel id -> channels being proven

        # --- made ready while the kernel waits for its join ------------------------------

        @classmethod
        def warm(cls, multi_kernel_manager: Any, kernel_id: str) -> None:
            """Open and prove `kernel_id`'s channels now (it waits for its join).

            The kernel's shell is busy (its cell waits for the request) but its control
            thread answers: a kernel_info request on control brings a reply and an IOPub
            status message, which proves the subscription, and gives the protocol version
            that each page's connection would otherwise ask for again.
            """
            if kernel_id in cls._ready or kernel_id in cls._proving:
                return
            km = multi_kernel_manager.get_kernel(kernel_id)
            session = km.session.clone()
            # A routing identity of its own: the executor's shell socket has the kernel
            # session's, and a twin would take the replies to its cell.
            session.session = str(uuid.uuid4())
            streams = {"iopub": km.connect_iopub(),
                       "shell": km.connect_shell(identity=session.bsession)}
            control = km.connect_control(identity=session.bsession)
            cls._proving[kernel_id] = streams
            loop = IOLoop.current()
            seen = {"info": None, "iopub": False}
            started = loop.time()

            def settle() -> None:
                loop.remove_timeout(handle)
                control.close()
                if cls._proving.get(kernel_id) is not streams:
                    return  # discarded meanwhile (kernel gone, or taken the usual way)
                del cls._proving[kernel_id]
                if seen["info"] is None or not seen["iopub"]:
                    for stream in streams.values():
                        stream.close()
                    return
                # What the kernel publishes until its page connects is not for anyone.
                streams["iopub"].on_recv(lambda _msg: None)
                if not hasattr(km, "_kernel_info_future"):
                    known: Future[Any] = Future()
                    known.set_result(seen["info"])
                    km._kernel_info_future = known  # what each connection would ask for
                cls._ready[kernel_id] = streams

            def on_control(msg: list[bytes]) -> None:
                _idents, parts = session.feed_identities(msg)
                try:
                    reply = session.deserialize(parts)
                except Exception:  # a garbled reply: let the page connect the usual way
                    return
                if reply["msg_type"] == "kernel_info_reply":
                    seen["info"] = reply["content"]
                    if seen["iopub"]:
                        settle()

            def on_iopub(_msg: list[bytes]) -> None:
                seen["iopub"] = True
                if seen["info"] is not None:
                    settle()

            def ask() -> None:
                nonlocal handle
                if cls._proving.get(kernel_id) is not streams or control.closed():
                    control.close()  # discarded meanwhile: the kernel is going away
                    return
                if loop.time() - started > PROVE_TIMEOUT:
                    settle()
                    return
                session.send(control, "kernel_info_request")
                handle = loop.call_later(0.5, ask)

            streams["iopub"].on_recv(on_iopub)
            control.on_recv(on_control)
            handle = loop.call_later(0, ask)

        @classmethod
        def discard(cls, kernel_id: str) -> None:
            """Close the unused channels of a kernel that is going away."""
            for table in (cls._ready, cls._proving):
                for stream in (table.pop(kernel_id, None) or {}).values():
                    if not stream.closed():
                        stream.close()

        # --- a page connects --------------------------------------------------------------

        def create_stream(self) -> None:
            ready = self._ready.pop(self.kernel_id, None)
            if ready and not any(s.closed() for s in ready.values()):
                ready["iopub"].stop_on_recv()  # connect() subscribes the page instead
                for name, stream in ready.items():
                    stream.channel = name
                    self.channels[name] = stream
                self._proven = True
                return
            self.discard(self.kernel_id)  # half-made or closed: start afresh
            identity = self.session.bsession
            for name in CHANNELS:
                stream = getattr(self.kernel_manager, "connect_" + name)(identity=identity)
                stream.channel = name
                self.channels[name] = stream

        def nudge(self) -> asyncio.Future[None]:
            if getattr(self, "_proven", False):
                done: asyncio.Future[None] = asyncio.get_running_loop().create_future()
                done.set_result(None)
                return done
            return super().nudge()

    return AppConnection
