"""Run Voila for the client app or the dashboard: the settings (local template, only the
app's page, no leaked kernels, a warm pool, quiet logs, light static files) and the server's
start: over TLS when given a certificate, with the kernels' own channel on loopback."""

from __future__ import annotations

import asyncio
import logging
import os
import time
from importlib.resources import files
from pathlib import Path
from typing import Any

from toolkit.access.clientid import LANGUAGE_HEADER, REQUEST_HEADERS
from toolkit.serve.channels import connection_class
from toolkit.serve.handlers import log_request, server_classes, xsrf_cookie_transform
from toolkit.serve.listening import listen_all
from toolkit.serve.quiet import quiet_logs
from toolkit.serve.static import page_config_hook, static_tag
from toolkit.serve.transport import Transport
from toolkit.serve.worker import WORKER_PATH, with_worker, worker_handler
from toolkit.settings.paths import CLIENT_NOTEBOOK

TEMPLATE = "clinic"
PAGES = {"light": "clinic-light", "voila": TEMPLATE}
"""The client app's page: our light one (frontend/light-page, the default), or Voila's
frontend (the dashboard always has Voila's)."""
SHARE = Path(str(files("toolkit.serve") / "share" / "jupyter"))
FILL_DELAY = 30.0
"""Seconds before a used pool kernel is replaced: refills during a burst compete with it."""
READY = "Ready:"
"""Start of the line printed once every preheated kernel waits for a join."""


def voila_config(host: str = "127.0.0.1", port: int = 8866, pool: int = 0, *,
                 clients: bool = True, token: str = "",
                 transport: Transport | None = None, base_url: str = "/",
                 page: str = "light") -> Any:
    """The Voila settings (see DEVELOPERS.md, Voila facts). `page`: a key of PAGES, the
    client app's frontend (the dashboard keeps Voila's). `clients`: the client app, whose
    kernels learn their browser's `workshop_client` cookie; `token`: required on every
    request (the facilitator dashboard); `base_url`: the path every route is under, such as
    /g/<session>/ behind nginx (pages, static files, kernels' websockets, the warm pool's
    channel all move with it)."""
    from traitlets.config import Config as TConfig

    transport = transport or Transport()

    c = TConfig()
    c.Voila.ip = host
    c.Voila.port = port
    c.Voila.port_retries = 0  # fail loudly on a busy port rather than move silently
    c.Voila.open_browser = False
    c.Voila.log_level = logging.WARNING
    c.Voila.token = token
    c.Voila.base_url = base_url  # server_url follows it: nginx passes the path unchanged
    c.Voila.tornado_settings = {
        "log_function": log_request,
        "workshop_client_cookie": clients,
        # The kernels' channel is served on loopback only (toolkit.serve.listening).
        "workshop_local_ips": {"127.0.0.1", "::1"},
        # Per-message deflate on the kernel websocket, if measured to help (transport.py).
        "websocket_compression_options": {} if transport.ws_compression else None,
    }
    if page not in PAGES:
        raise ValueError(f"page must be one of {', '.join(PAGES)} (got {page!r})")
    c.VoilaConfiguration.template = PAGES[page] if clients else TEMPLATE
    c.VoilaConfiguration.theme = "light"
    # A link with ?template= or ?theme= would bypass the warm pool with a cold kernel.
    c.VoilaConfiguration.allow_template_override = "NO"
    c.VoilaConfiguration.allow_theme_override = "NO"
    c.VoilaConfiguration.show_tracebacks = False  # tracebacks could hold answer text
    # voila.js and its chunks from an address that changes with them: cached for good.
    # ... and the service worker that keeps them (and their compiled code) on the phone.
    c.VoilaConfiguration.page_config_hook = with_worker(page_config_hook(
        static_tag(_voila_static())))
    # Code highlighting styles: the app shows no code (3 requests fewer on a first visit).
    c.VoilaConfiguration.extension_denylist = ["jupyterlab_pygments"]
    # Reach the kernel as HTTP_COOKIE and HTTP_ACCEPT_LANGUAGE, fresh and preheated (the
    # dashboard needs no cookie of ours).
    c.VoilaConfiguration.http_header_envs = list(REQUEST_HEADERS if clients
                                                 else (LANGUAGE_HEADER,))
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


def _voila_static() -> tuple[str, ...]:
    """Where Voila's own scripts are (voila.js and its chunks)."""
    from voila.paths import collect_static_paths

    return tuple(collect_static_paths(["voila", "nbconvert"], "lab"))


def serve(notebook: Path = CLIENT_NOTEBOOK, host: str = "127.0.0.1", port: int = 8866,
          banner: str = "", pool: int = 0, *, clients: bool = True, token: str = "",
          transport: Transport | None = None, ssl_context: Any = None,
          trust_ca: Path | None = None, base_url: str = "/", page: str = "light") -> None:
    """Run Voila on `notebook` until interrupted (`pool`: preheated kernels kept ready;
    `ssl_context`: serve HTTPS only, from `toolkit.serve.certs.server_context`; `trust_ca`:
    the authority's certificate, handed out on port + 2 by toolkit.serve.trust; `base_url`:
    see voila_config; `page`: the client app's frontend, see voila_config).

    The server answers only the app's page at `base_url` and what that page needs; every other
    path is a 404 (no other notebooks, file listing, contents or sessions API)."""
    started = time.monotonic()
    transport = transport or Transport()
    os.environ["JUPYTER_PATH"] = os.pathsep.join(
        p for p in (str(SHARE), os.environ.get("JUPYTER_PATH", "")) if p)
    quiet_logs()
    from jupyter_server.utils import url_path_join
    from voila.app import Voila
    from voila.paths import collect_static_paths

    from toolkit.serve.downloads import download_route, remove_folder, ticket_folder
    from toolkit.serve.static import quick, versioned_handler

    parts = server_classes()
    tag = static_tag(_voila_static())
    # The dashboard (no clients, a token) hands its files to the browser; the client app never.
    downloads = ticket_folder() if token and not clients else None

    class ClinicVoila(Voila):
        def init_handlers(self) -> list:
            handlers = [(url_path_join(self.server_url, WORKER_PATH), worker_handler())]
            for pattern, handler, *rest in super().init_handlers():
                if handler is parts["TornadoVoilaHandler"]:  # was "/(.*)": any path at all
                    handlers.append((url_path_join(self.server_url, "/"), parts["AppPage"],
                                     *rest))
                elif handler is parts["RequestInfoSocketHandler"]:
                    self.query_route = (pattern, parts["KernelQuery"], *rest)  # loopback only
                elif pattern.endswith("/voila/static/(.*)"):
                    handlers.append((url_path_join(self.server_url, r"/voila/static/v/"
                                                   r"([0-9a-f]+)/(.*)"),
                                     versioned_handler(handler, tag), *rest))
                    handlers.append((pattern, quick(handler), *rest))
                elif pattern.endswith(("/voila/templates/(.*)", "/voila/labextensions/(.*)")):
                    handlers.append((pattern, quick(handler), *rest))
                elif pattern.endswith("/voila/files/(.*)"):
                    continue  # the notebook folder's pictures: the app needs none
                elif pattern.endswith(("/login", "/logout")) and not token:
                    continue  # nobody logs in to the client app
                else:
                    handlers.append((pattern, handler, *rest))
            if downloads is not None:  # the dashboard's files, to its logged-in browser
                handlers.append(download_route(self.server_url, downloads))
            return handlers

        def listen(self) -> None:
            self.app.add_transform(xsrf_cookie_transform())
            if pool > 0:
                asyncio.get_event_loop().create_task(self._announce_ready())
            # Browsers take brotli over HTTPS only: make the copies then, in the background.
            copies = None
            if ssl_context is not None:
                from toolkit.serve.precompress import start

                copies = start([*collect_static_paths(["voila", "nbconvert"],
                                                      self.voila_configuration.template),
                                *self.labextensions_path])
            try:
                listen_all(self, host, port, transport, ssl_context, trust_ca)
            finally:
                if copies is not None:
                    copies.terminate()

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

    app = ClinicVoila(config=voila_config(host, port, pool, clients=clients, token=token,
                                          transport=transport, base_url=base_url,
                                          page=page))
    app.initialize([str(notebook)])
    if banner:
        print(banner, flush=True)
    try:
        app.start()
    finally:
        if downloads is not None:
            remove_folder(downloads)
