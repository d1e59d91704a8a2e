"""The client server's kernel manager: warms a pool a few kernels at a time, and follows each
kernel's activity (for culling) without decoding every message it sends."""

from __future__ import annotations

import asyncio
import json
import os
from functools import partial
from typing import Any


def warming_kernel_manager() -> type:
    """The kernel manager class (built on demand: importing jupyter_server takes seconds)."""
    from jupyter_client.session import DELIM
    from jupyter_server._tz import utcnow
    from jupyter_server.services.kernels.kernelmanager import AsyncMappingKernelManager

    from toolkit.serve.channels import connection_class

    class WarmingKernelManager(AsyncMappingKernelManager):
        """Warms preheated kernels a few at a time, so the first of a pool is ready in
        seconds rather than when all of them are: each takes seconds of CPU up to
        wait_for_request(), and 22 at once on 2 cores finish together, a minute later."""

        warm_at_once = os.cpu_count() or 2
        warm_timeout = 120.0  # a kernel that never reaches wait_for_request frees its slot
        query_env: dict[str, str] = {}  # noqa: RUF012 (set once by toolkit.serve.listening)
        """Where a preheated kernel asks for its request: the loopback channel."""

        def __init__(self, **kwargs: Any):
            super().__init__(**kwargs)
            self._slots = asyncio.Semaphore(self.warm_at_once)
            self._warming: dict[str, asyncio.TimerHandle] = {}

        async def start_kernel(self, *args: Any, **kwargs: Any) -> str:
            if (kwargs.get("env") or {}).get("VOILA_PREHEAT") != "True":
                return await super().start_kernel(*args, **kwargs)  # a cold join: at once
            kwargs["env"] = {**kwargs["env"], **self.query_env}
            await self._slots.acquire()
            try:
                kernel_id = await super().start_kernel(*args, **kwargs)
            except BaseException:
                self._slots.release()
                raise
            self._warming[kernel_id] = asyncio.get_running_loop().call_later(
                self.warm_timeout, self.warmed, kernel_id)
            return kernel_id

        def warmed(self, kernel_id: str) -> None:
            """The kernel waits for its request (or is gone): let the next one warm."""
            handle = self._warming.pop(kernel_id, None)
            if handle is not None:
                handle.cancel()
                self._slots.release()

        async def shutdown_kernel(self, kernel_id: str, *args: Any, **kwargs: Any) -> None:
            self.warmed(kernel_id)
            connection_class().discard(kernel_id)
            await super().shutdown_kernel(kernel_id, *args, **kwargs)

        def start_watching_activity(self, kernel_id: str) -> None:
            super().start_watching_activity(kernel_id)
            kernel = self._kernels[kernel_id]
            kernel._activity_stream.on_recv(partial(self._record_activity, kernel))

        def _record_activity(self, kernel: Any, msg_list: list[bytes]) -> None:
            """jupyter_server's record_activity, reading only the two small JSON frames it
            needs. Its own decodes and signature-checks every IOPub message, dates and all:
            a join sends dozens (one per widget), and in a burst of 20 joins that was a sixth
            of the server's single thread. The signature adds nothing here: only the kernel
            can publish on its own IOPub socket."""
            try:
                frames = msg_list[msg_list.index(DELIM) + 1:]
                msg_type = json.loads(frames[1]).get("msg_type")
                parent_type = json.loads(frames[2]).get("msg_type")
            except (ValueError, IndexError, AttributeError):
                return  # not a Jupyter message: no activity
            if (self.track_message_type(msg_type) or self.track_message_type(parent_type)
                    or kernel.execution_state == "busy"):
                self.last_kernel_activity = kernel.last_activity = utcnow()
            if msg_type == "status":
                state = json.loads(frames[4]).get("execution_state")
                if self.track_message_type(parent_type):
                    kernel.execution_state = state
                elif kernel.execution_state == "starting" and state != "starting":
                    kernel.execution_state = "idle"  # jupyter_server's rule, kept as is

    return WarmingKernelManager
