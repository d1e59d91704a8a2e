"""Serve the client app with Voila: local template, no leaked kernels, quiet logs."""

from __future__ import annotations

import argparse
import logging
import os
from importlib.resources import files
from pathlib import Path
from typing import Any

from .config import REPO_ROOT, Config

TEMPLATE = "clinic"
SHARE = Path(str(files("toolkit") / "share" / "jupyter"))
CLIENT_NOTEBOOK = REPO_ROOT / "notebooks" / "client.ipynb"


def _set_xsrf_cookie(req: Any, notebook: Any, cwd: str) -> None:
    """Set the _xsrf cookie, so the tab's shutdown beacon is accepted and kernels don't leak.

    Voila's page posts `_xsrf` from the cookie when a tab closes; the page handler never sets
    it, so without this the server refuses the beacon and the kernel lives on.
    """
    _ = req.xsrf_token


def voila_config(host: str = "127.0.0.1", port: int = 8866) -> Any:
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
    c.VoilaConfiguration.prelaunch_hook = _set_xsrf_cookie
    c.VoilaExecutor.iopub_timeout = 30  # a burst of joins is CPU-bound: wait, don't drop
    c.VoilaExecutor.startup_timeout = 120
    # Safety net for tabs that vanish without the beacon (phone died, network gone).
    c.MappingKernelManager.cull_idle_timeout = 15 * 60
    c.MappingKernelManager.cull_interval = 60
    c.MappingKernelManager.cull_connected = False
    return c


def serve(notebook: Path = CLIENT_NOTEBOOK, host: str = "127.0.0.1", port: int = 8866,
          banner: str = "") -> None:
    """Run Voila on `notebook` until interrupted."""
    os.environ["JUPYTER_PATH"] = os.pathsep.join(
        p for p in (str(SHARE), os.environ.get("JUPYTER_PATH", "")) if p)
    # Request lines carry join codes (?code=...): keep them out of the logs.
    logging.getLogger("tornado.access").setLevel(logging.ERROR)
    from voila.app import Voila

    app = Voila(config=voila_config(host, port))
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

    Store.open(config)  # make the database and key before any kernel races for them
    url = base_url(args.host, args.port)
    serve(Path(args.notebook), args.host, args.port,
          banner=f"Client app: {url}\nData folder: {config.home}\nPress Ctrl+C to stop.")
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
