"""Serve the client app with Voila: local template, no leaked kernels, quiet logs."""

from __future__ import annotations

import argparse
import logging
import os
import secrets
import subprocess
import sys
from importlib.resources import files
from pathlib import Path
from typing import Any

from .config import REPO_ROOT, Config

TEMPLATE = "clinic"
SHARE = Path(str(files("toolkit") / "share" / "jupyter"))
CLIENT_NOTEBOOK = REPO_ROOT / "notebooks" / "client.ipynb"
FACILITATOR_NOTEBOOK = REPO_ROOT / "notebooks" / "facilitator.ipynb"


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


def voila_config(host: str = "127.0.0.1", port: int = 8866, pool: int = 0) -> Any:
    """The Voila settings for serving clients (see DEVELOPERS.md, Voila facts)."""
    from traitlets.config import Config as TConfig

    c = TConfig()
    c.Voila.ip = host
    c.Voila.port = port
    c.Voila.port_retries = 0  # fail loudly on a busy port rather than move silently
    c.Voila.open_browser = False
    c.Voila.log_level = logging.WARNING
    c.VoilaConfiguration.template = TEMPLATE
    c.VoilaConfiguration.theme = "light"
    c.VoilaConfiguration.show_tracebacks = False  # tracebacks could hold answer text
    if pool > 0:
        # Kernels started and the notebook run up to wait_for_request() before anyone joins.
        c.VoilaConfiguration.preheat_kernel = True
        c.VoilaConfiguration.default_pool_size = pool
        # Refill slowly: refills started mid-burst compete with the joins for the 2 cores.
        c.VoilaKernelManager.fill_delay = 30
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
          banner: str = "", pool: int = 0) -> None:
    """Run Voila on `notebook` until interrupted (`pool`: preheated kernels kept ready)."""
    os.environ["JUPYTER_PATH"] = os.pathsep.join(
        p for p in (str(SHARE), os.environ.get("JUPYTER_PATH", "")) if p)
    # Request lines carry join codes (?code=...): keep them out of the logs.
    logging.getLogger("tornado.access").setLevel(logging.ERROR)
    from voila.app import Voila

    class ClinicVoila(Voila):
        def listen(self) -> None:
            self.app.add_transform(_xsrf_cookie_transform())
            super().listen()

    app = ClinicVoila(config=voila_config(host, port, pool))
    app.initialize([str(notebook)])
    if banner:
        print(banner, flush=True)
    app.start()


def base_url(host: str, port: int) -> str:
    shown = "127.0.0.1" if host in ("127.0.0.1", "localhost") else host
    return f"http://{shown}:{port}/"


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
        lines.insert(0, f"Group '{session.name}' ({session.id}), {size} participants; "
                        f"{pool} kernels kept ready")
    facilitator = None
    if args.session:
        # The dashboard runs in its own Voila bound to 127.0.0.1 only, whatever --host says:
        # clients on the clinic network can never reach it.
        fport = args.facilitator_port or args.port + 1
        facilitator = subprocess.Popen(
            [sys.executable, "-m", "toolkit.cli", "facilitator", "--port", str(fport)],
            env={**os.environ, "WORKSHOP_SESSION": args.session})
        lines.append(f"Facilitator dashboard (this computer only): {base_url('127.0.0.1', fport)}")
    try:
        serve(Path(args.notebook), args.host, args.port, pool=pool,
              banner="\n".join([*lines, f"Data folder: {config.home}", "Press Ctrl+C to stop."]))
    finally:
        if facilitator is not None:
            facilitator.terminate()
            facilitator.wait(timeout=30)
    return 0


def _facilitator_cmd(args: argparse.Namespace) -> int:
    serve(FACILITATOR_NOTEBOOK, "127.0.0.1", args.port)
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
                           help="preheated kernels kept ready (default none; experimental: "
                                "see the join-burst figures in the README)")
