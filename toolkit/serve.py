"""Serve the client app with Voila: local template, only the app itself, no leaked kernels,
a warm kernel for everyone in a group, quiet logs."""

from __future__ import annotations

import argparse
import asyncio
import logging
import os
import secrets
import subprocess
import sys
import time
from importlib.resources import files
from pathlib import Path
from typing import Any

from .config import REPO_ROOT, Config

TEMPLATE = "clinic"
SHARE = Path(str(files("toolkit") / "share" / "jupyter"))
CLIENT_NOTEBOOK = REPO_ROOT / "notebooks" / "client.ipynb"
FACILITATOR_NOTEBOOK = REPO_ROOT / "notebooks" / "facilitator.ipynb"
FILL_DELAY = 30.0
"""Seconds before a used pool kernel is replaced: refills during a burst compete with it."""
READY = "Ready:"
"""Start of the line printed once every preheated kernel waits for a join."""


def _xsrf_cookie_transform() -> type:
    import tornado.web

    class XsrfCookie(tornado.web.OutputTransform):
        """Give every page an `_xsrf` cookie, so the tab's shutdown beacon is accepted.

        Voila's page posts `_xsrf` from the cookie when a tab closes, but its page handler
        never sets the cookie (neither for a fresh nor a preheated kernel), so the server
        refuses the beacon and the kernel lives on. A random token is a valid one: tornado
        only checks that the posted value matches the cookie.
        """

        def __init__(self, request: Any):
            super().__init__(request)
            self._needed = "_xsrf" not in request.cookies

        def transform_first_chunk(self, status_code: int, headers: Any, chunk: bytes,
                                  finishing: bool) -> tuple[int, Any, bytes]:
            if self._needed and headers.get("Content-Type", "").startswith("text/html"):
                headers.add("Set-Cookie",
                            f"_xsrf={secrets.token_hex(16)}; Path=/; SameSite=Strict")
            return status_code, headers, chunk

    return XsrfCookie


def _server_classes() -> dict[str, type]:
    """The Voila pieces we change (built on demand: importing Voila takes seconds)."""
    import tornado.web
    from jupyter_server.services.kernels.kernelmanager import AsyncMappingKernelManager
    from voila.request_info_handler import RequestInfoSocketHandler
    from voila.tornado.handler import TornadoVoilaHandler

    from .clientid import COOKIE, is_key, new_key

    class AppPage(TornadoVoilaHandler):
        """The app's one page, at the server root."""

        async def prepare(self) -> None:  # type: ignore[override]
            if self.settings.get("workshop_client_cookie"):
                self._ensure_client_cookie()
            await super().prepare()

        def _ensure_client_cookie(self) -> None:
            """Every browser gets a random `workshop_client` cookie; its kernel sees it."""
            if is_key(self.get_cookie(COOKIE)):
                return
            key = new_key()
            self.set_cookie(COOKIE, key, expires_days=365, httponly=True, samesite="Strict")
            # A first visit has no cookie yet. Voila hands the kernel this request's Cookie
            # header, so put the new key in there too: the first page knows its browser.
            kept = [f"{n}={m.value}" for n, m in self.request.cookies.items() if n != COOKIE]
            self.request.headers["Cookie"] = "; ".join([*kept, f"{COOKIE}={key}"])

        def should_use_rendered_notebook(self, notebook_data: Any, pool_size: int,
                                         *_: Any) -> bool:
            # Voila takes pool kernels only once the first one has started; a join before
            # that starts one more cold kernel, competing with the whole pool for the cores
            # (the ~100 s first join). Wait for a pool kernel instead. Template and theme
            # overrides are switched off, so the other arguments cannot differ.
            return pool_size > 0

        def _request_summary(self) -> str:
            # Tornado logs failures with the full URI, and the URI holds the join code.
            return f"{self.request.method} {self.request.path} ({self.request.remote_ip})"

    class KernelQuery(RequestInfoSocketHandler):
        """Voila's channel that hands a preheated kernel its request: for our kernels only
        (they run on this machine), and it tells the kernel manager the kernel is warm."""

        def prepare(self) -> None:
            if self.request.remote_ip not in self.settings["workshop_local_ips"]:
                raise tornado.web.HTTPError(403)

        def open(self, kernel_id: str) -> None:  # type: ignore[override]
            super().open(kernel_id)
            self.settings["kernel_manager"].warmed(kernel_id)

    class WarmingKernelManager(AsyncMappingKernelManager):
        """Warms preheated kernels a few at a time, so the first of a pool is ready in
        seconds rather than when all of them are: each takes seconds of CPU up to
        wait_for_request(), and 22 at once on 2 cores finish together, a minute later."""

        warm_at_once = os.cpu_count() or 2
        warm_timeout = 120.0  # a kernel that never reaches wait_for_request frees its slot

        def __init__(self, **kwargs: Any):
            super().__init__(**kwargs)
            self._slots = asyncio.Semaphore(self.warm_at_once)
            self._warming: dict[str, asyncio.TimerHandle] = {}

        async def start_kernel(self, *args: Any, **kwargs: Any) -> str:
            if (kwargs.get("env") or {}).get("VOILA_PREHEAT") != "True":
                return await super().start_kernel(*args, **kwargs)  # a cold join: at once
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
            await super().shutdown_kernel(kernel_id, *args, **kwargs)

    return {"AppPage": AppPage, "KernelQuery": KernelQuery,
            "WarmingKernelManager": WarmingKernelManager,
            "RequestInfoSocketHandler": RequestInfoSocketHandler,
            "TornadoVoilaHandler": TornadoVoilaHandler}


def _log_request(handler: Any) -> None:
    """Log server errors only, by path: a query string can hold a join code."""
    if handler.get_status() >= 500:
        logging.getLogger("tornado.access").error(
            "%d %s %s", handler.get_status(), handler.request.method, handler.request.path)


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
        "log_function": _log_request,
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
        # Reaches the kernel as HTTP_COOKIE (fresh and preheated), see toolkit.clientid.
        c.VoilaConfiguration.http_header_envs = ["Cookie"]
    c.VoilaConfiguration.multi_kernel_manager_class = _server_classes()["WarmingKernelManager"]
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

    parts = _server_classes()

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
            self.app.add_transform(_xsrf_cookie_transform())
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


def base_url(host: str, port: int) -> str:
    shown = "127.0.0.1" if host in ("127.0.0.1", "localhost") else host
    return f"http://{shown}:{port}/"


SPARE_KERNELS = 2
"""Warm kernels beyond the group's size, for reloads and a visitor."""
TOKEN_ENV = "WORKSHOP_FACILITATOR_TOKEN"
"""How `workshop serve` hands the dashboard's token to its facilitator server (an
environment variable: unlike arguments, other users cannot read it with ps)."""


def _serve_cmd(args: argparse.Namespace) -> int:
    config = Config.from_env()
    from .store import Store

    store = Store.open(config)  # make the database and key before any kernel races for them
    url = base_url(args.host, args.port)
    pool = args.pool or 0
    lines = [f"Client app: {url}"]
    if args.session:
        try:
            session = store.session(args.session)
        except LookupError:
            known = ", ".join(s.id for s in store.sessions()) or "none yet"
            print(f"no session {args.session!r} (known: {known}); "
                  "make one with `workshop session new`", file=sys.stderr)
            return 1
        os.environ["WORKSHOP_SESSION"] = session.id  # kernels inherit it
        size = len(store.participants(session.id))
        pool = args.pool if args.pool is not None else size + SPARE_KERNELS
        lines.insert(0, f"Group '{session.name}' ({session.id}), {size} participants")
    if pool:
        lines.append(f"Warming {pool} kernels: wait for the '{READY}' line before people join.")
    facilitator = None
    if args.session:
        # The dashboard runs in its own Voila bound to 127.0.0.1 only, whatever --host says:
        # clients on the clinic network can never reach it. It also wants a token.
        fport = args.facilitator_port or args.port + 1
        token = secrets.token_urlsafe(24)
        facilitator = subprocess.Popen(
            [sys.executable, "-m", "toolkit.cli", "facilitator", "--port", str(fport)],
            env={**os.environ, "WORKSHOP_SESSION": args.session, TOKEN_ENV: token})
        lines.append("Facilitator dashboard (this computer only): "
                     f"{base_url('127.0.0.1', fport)}?token={token}")
    try:
        serve(Path(args.notebook), args.host, args.port, pool=pool,
              banner="\n".join([*lines, f"Data folder: {config.home}", "Press Ctrl+C to stop."]))
    finally:
        if facilitator is not None:
            facilitator.terminate()
            facilitator.wait(timeout=30)
    return 0


def _facilitator_cmd(args: argparse.Namespace) -> int:
    token = os.environ.pop(TOKEN_ENV, None)  # popped: the dashboard's kernel need not know it
    banner = ""
    if not token:  # started by hand rather than by `workshop serve --session`
        token = secrets.token_urlsafe(24)
        banner = f"Facilitator dashboard: {base_url('127.0.0.1', args.port)}?token={token}"
    serve(FACILITATOR_NOTEBOOK, "127.0.0.1", args.port, banner=banner, clients=False,
          token=token)
    return 0


def _demo_cmd(args: argparse.Namespace) -> int:
    from .demo import demo_session

    config = Config.from_env()
    session, participants = demo_session(config)
    url = base_url(args.host, args.port)
    lines = [
        f"Demo group '{session.name}' ({session.id}), {len(participants)} join codes:",
        *(f"  {p.code}   {url}?code={p.code}" for p in participants),
        f"Client app: {url}",
        f"Data folder: {config.home}",
        "Press Ctrl+C to stop.",
    ]
    serve(Path(args.notebook), args.host, args.port, banner="\n".join(lines))
    return 0


def add_demo_command(sub: argparse._SubParsersAction) -> None:
    fac = sub.add_parser("facilitator", help="serve the facilitator dashboard on 127.0.0.1 only")
    fac.add_argument("--port", type=int, default=8867)
    fac.set_defaults(func=_facilitator_cmd)
    from .cli_facilitator import add_facilitator_commands

    add_facilitator_commands(fac)
    for name, func, text in (
        ("demo", _demo_cmd, "create a demo group session and serve the client app"),
        ("serve", _serve_cmd, "serve the client app for the sessions in the store"),
    ):
        p = sub.add_parser(name, help=text)
        p.add_argument("--host", default="127.0.0.1",
                       help="address to listen on (default 127.0.0.1; the clinic's LAN "
                            "address to let phones and tablets join)")
        p.add_argument("--port", type=int, default=8866)
        p.add_argument("--notebook", default=str(CLIENT_NOTEBOOK), help=argparse.SUPPRESS)
        p.set_defaults(func=func)
        if name == "serve":
            p.add_argument("--session", help="serve this group session only (its codes)")
            p.add_argument("--facilitator-port", type=int, default=None,
                           help="dashboard port on 127.0.0.1 (default: --port + 1)")
            p.add_argument("--pool", type=int, default=None,
                           help="warm kernels kept ready (default with --session: the "
                                f"group's size + {SPARE_KERNELS}, so all can join at once; "
                                "else none)")
