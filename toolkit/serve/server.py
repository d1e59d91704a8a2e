"""Run Voila for the client app or the dashboard: the settings (local template, only the
app's page, no leaked kernels, a warm pool, quiet logs) and the server's start."""

from __future__ import annotations

import asyncio
import logging
import os
import time
from importlib.resources import files
from pathlib import Path
from typing import Any

from toolkit.serve.channels import connection_class
from toolkit.serve.handlers import log_request, server_classes, xsrf_cookie_transform
from toolkit.settings.paths import CLIENT_NOTEBOOK

TEMPLATE = "clinic"
SHARE = Path(str(files("toolkit.serve") / "share" / "jupyter"))
FILL_DELAY = 30.0
"""Seconds before a used pool kernel is replaced: refills during a burst compete with it."""
READY = "Ready:"
"""Start of the line printed once every preheated kernel waits for a join."""


def _local_ip(host: str) -> str:
    """The address kernels use to reach this server."""
    return "127.0.0.1" if host in ("", "0.0.0.0", "::", "localhost") else host


def voila_config(host: str = "127.0.0.1", port: int = 8866, pool: int = 0, *,
                 clients: bool = True, token: str = "") -> Any:
    """The Voila settings (see DEVELOPERS.md, Voila facts). `clients`: the client app, whose
    kernels learn their browser's `workshop_client` cookie; `token`: required on every
    request (the facilitator dashboard)."""
    from traitlets.config import Config as TConfig

    c = TConfig()
    c.Voila.ip = host
    c.Voila.port = port
    c.Voila.port_retries = 0  # fail loudly on a busy port rather than move silently
    c.Voila.open_browser = False
    c.Voila.log_level = logging.WARNING
    c.Voila.token = token
    c.Voila.tornado_settings = {
        "log_function": log_request,
        "workshop_client_cookie": clients,
        "workshop_local_ips": {"127.0.0.1", "::1", _local_ip(host)},
    }
    c.VoilaConfiguration.template = TEMPLATE
    c.VoilaConfiguration.theme = "light"
    # A link with ?template= or ?theme= would bypass the warm pool with a cold kernel.
    c.VoilaConfiguration.allow_template_override = "NO"
    c.VoilaConfiguration.allow_theme_override = "NO"
    c.VoilaConfiguration.show_tracebacks = False  # tracebacks could hold answer text
    if clients:
        # Reaches the kernel as HTTP_COOKIE (fresh and preheated), see toolkit.access.clientid.
        c.VoilaConfiguration.http_header_envs = ["Cookie"]
    c.VoilaConfiguration.multi_kernel_manager_class = server_classes()["WarmingKernelManager"]
    # Pages use two kernel channels; a warm kernel's are opened before its join.
    c.Voila.kernel_websocket_connection_class = connection_class()
    if pool > 0:
        # Kernels started and the notebook run up to wait_for_request() before anyone joins.
        c.VoilaConfiguration.preheat_kernel = True
        c.VoilaConfiguration.default_pool_size = pool
        # Refill later: refills started mid-burst compete with the joins for the cores.
        c.VoilaKernelManager.fill_delay = FILL_DELAY
    # Kernels talk over Unix sockets, not TCP: no port races when a pool of kernels starts
    # at once (TCP ports collided here and stalled a 20-join burst for 110 s), and no
    # kernel traffic on the network at all.
    c.KernelManager.transport = "ipc"
    c.VoilaExecutor.iopub_timeout = 30  # a burst of joins is CPU-bound: wait, don't drop
    c.VoilaExecutor.startup_timeout = 120
    # Safety net for tabs that vanish without the beacon (phone died, network gone).
    c.MappingKernelManager.cull_idle_timeout = 15 * 60
    c.MappingKernelManager.cull_interval = 60
    c.MappingKernelManager.cull_connected = False
    return c


def serve(notebook: Path = CLIENT_NOTEBOOK, host: str = "127.0.0.1", port: int = 8866,
          banner: str = "", pool: int = 0, *, clients: bool = True, token: str = "") -> None:
    """Run Voila on `notebook` until interrupted (`pool`: preheated kernels kept ready).

    The server answers only the app's page at `/` and what that page needs; every other
    path is a 404 (no other notebooks, file listing, contents or sessions API)."""
    started = time.monotonic()
    os.environ["JUPYTER_PATH"] = os.pathsep.join(
        p for p in (str(SHARE), os.environ.get("JUPYTER_PATH", "")) if p)
    # Preheated kernels call back on this address; Voila assumes 127.0.0.1, which a server
    # listening on the clinic's LAN address alone does not answer.
    os.environ["VOILA_APP_IP"] = _local_ip(host)
    # Request lines carry join codes (?code=...): keep them out of the logs.
    logging.getLogger("tornado.access").setLevel(logging.ERROR)
    from jupyter_server.utils import url_path_join
    from voila.app import Voila

    parts = server_classes()

    class ClinicVoila(Voila):
        def init_handlers(self) -> list:
            handlers = []
            for pattern, handler, *rest in super().init_handlers():
                if handler is parts["TornadoVoilaHandler"]:  # was "/(.*)": any path at all
                    handlers.append((url_path_join(self.server_url, "/"), parts["AppPage"],
                                     *rest))
                elif handler is parts["RequestInfoSocketHandler"]:
                    handlers.append((pattern, parts["KernelQuery"], *rest))
                elif pattern.endswith("/voila/files/(.*)"):
                    continue  # the notebook folder's pictures: the app needs none
                elif pattern in ("/login", "/logout") and not token:
                    continue  # nobody logs in to the client app
                else:
                    handlers.append((pattern, handler, *rest))
            return handlers

        def listen(self) -> None:
            self.app.add_transform(xsrf_cookie_transform())
            if pool > 0:
                asyncio.get_event_loop().create_task(self._announce_ready())
            super().listen()

        async def _announce_ready(self) -> None:
            waiting = parts["RequestInfoSocketHandler"]._waiters
            while True:
                tasks = [t for p in self.kernel_manager._pools.values() for t in p]
                warm = sum(1 for t in tasks if t.done() and not t.cancelled()
                           and t.exception() is None and t.result()["kernel_id"] in waiting)
                if tasks and warm == len(tasks):
                    print(f"{READY} {warm} kernels warm, everyone can join now "
                          f"({time.monotonic() - started:.0f} s after start).", flush=True)
                    return
                await asyncio.sleep(0.25)

    app = ClinicVoila(config=voila_config(host, port, pool, clients=clients, token=token))
    app.initialize([str(notebook)])
    if banner:
        print(banner, flush=True)
    app.start()
