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
AWAIT_STATES = 30.0
"""Seconds a connection holds back the widgets' messages while it waits for the kernel's
answer with every state (a join on a busy machine takes seconds)."""


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
                # A page's first connection to its warm kernel, which may still be building
                # the screen for its join: the page asks for every state at once.
                self._await_states()
                return
            self.discard(self.kernel_id)  # half-made or closed: start afresh
            identity = self.session.bsession
            for name in CHANNELS:
                stream = getattr(self.kernel_manager, "connect_" + name)(identity=identity)
                stream.channel = name
                self.channels[name] = stream

        # --- a page asks for every widget's state ----------------------------------------

        _awaiting_states = False
        """The page has asked for every widget's state and the kernel has not answered yet:
        until it does, the widgets' own messages (made, changed, closed) are not sent. The
        answer holds every widget as it is then, and a page that asks at once, as the light
        page does while the kernel is still building the screen for its join, would else be
        sent the whole screen twice (on a return visit, 150 KB before the 110 KB answer)."""

        _awaiting_since = 0.0

        def _await_states(self) -> None:
            self._awaiting_states = True
            self._awaiting_since = IOLoop.current().time()

        _states_comm: str | None = None
        """The comm on which the page asked for every state: if the kernel closes it instead
        of answering (a notebook without widgets has no one to answer), the page must hear
        that, and nothing more is held back."""

        def handle_incoming_message(self, incoming_msg: Any) -> None:
            comm_id = _asks_for_states(self, incoming_msg)
            if comm_id is not None:
                self._states_comm = comm_id
                if not self._awaiting_states:
                    self._await_states()
            super().handle_incoming_message(incoming_msg)

        def handle_outgoing_message(self, stream: Any, outgoing_msg: list[Any]) -> None:
            channel = stream if isinstance(stream, str) else getattr(stream, "channel", None)
            if self._awaiting_states and channel == "iopub":
                kind, comm_id = _widget_message(self, outgoing_msg)
                if kind == "update_states" or (
                        kind == "comm_close" and comm_id == self._states_comm) or (
                        IOLoop.current().time() - self._awaiting_since > AWAIT_STATES):
                    self._awaiting_states = False  # (a page that never asks: not for long)
                elif kind is not None:
                    return  # in the answer on its way
            super().handle_outgoing_message(stream, outgoing_msg)

        def nudge(self) -> asyncio.Future[None]:
            if getattr(self, "_proven", False):
                done: asyncio.Future[None] = asyncio.get_running_loop().create_future()
                done.set_result(None)
                return done
            return super().nudge()

    return AppConnection


COMM = frozenset({"comm_open", "comm_msg", "comm_close"})


def _parts(connection: Any, message: Any) -> tuple[Any, list[bytes]] | None:
    """(header, parts) of a page's message in either websocket protocol, or None."""
    from jupyter_server.services.kernels.connection.base import deserialize_msg_from_ws_v1

    if connection.subprotocol == "v1.kernel.websocket.jupyter.org":
        if not isinstance(message, bytes):
            return None
        _channel, parts = deserialize_msg_from_ws_v1(message)
        return connection.session.unpack(parts[0]), parts
    return None  # the legacy JSON protocol: the filter stays off


def _asks_for_states(connection: Any, message: Any) -> str | None:
    """The comm id of the page's message if it is the widget manager's request for every
    state, else None."""
    try:
        if b"request_states" not in message:  # cheap: most messages are not it
            return None
        found = _parts(connection, message)
        if found is None or found[0].get("msg_type") != "comm_msg":
            return None
        content = connection.session.unpack(found[1][3])
        if content.get("data", {}).get("method") != "request_states":
            return None
        return str(content.get("comm_id"))
    except Exception:  # not ours to judge: the filter stays off
        return None


def _widget_message(connection: Any, outgoing: list[Any]) -> tuple[str | None, str | None]:
    """("update_states", None) for the kernel's answer with every state, (type, comm id) of
    any other widget message (comm_open, comm_msg, comm_close; the id only for comm_close),
    (None, None) for the rest."""
    try:
        _, parts = connection.session.feed_identities(outgoing)
        kind = connection.session.unpack(parts[1]).get("msg_type")  # parts[0] is the signature
        if kind not in COMM:
            return None, None
        if kind == "comm_msg" and b"update_states" in parts[4]:
            data = connection.session.unpack(parts[4]).get("data", {})
            if data.get("method") == "update_states":
                return "update_states", None
        if kind == "comm_close":
            return kind, str(connection.session.unpack(parts[4]).get("comm_id"))
        return kind, None
    except Exception:
        return None, None
