"""Which browser is this? The client server gives every browser a random `workshop_client`
cookie; a kernel finds it in HTTP_COOKIE (Voila passes the Cookie header into its env)."""

from __future__ import annotations

import os
import re
import secrets
from collections.abc import Mapping

from toolkit.text.languages import browser_language

COOKIE = "workshop_client"
"""Name of the long-lived, HttpOnly, SameSite=Strict cookie set by `workshop serve`."""

LANGUAGE_HEADER = "Accept-Language"
"""The browser's languages: passed to the kernels of the client app and the dashboard, whose
first screen is in the browser's language until someone chooses one (browser_language)."""
COOKIE_HEADER = "Cookie"
REQUEST_HEADERS = (COOKIE_HEADER, LANGUAGE_HEADER)
"""The request headers the client server passes to its kernels, as HTTP_COOKIE and
HTTP_ACCEPT_LANGUAGE."""

# What new_key() makes: 32 URL-safe characters (192 random bits). Anything else is refused,
# so a hand-made cookie can never smuggle quotes, separators or a huge value into a key.
_KEY = re.compile(r"[A-Za-z0-9_-]{32}")


def new_key() -> str:
    """A fresh random client key."""
    return secrets.token_urlsafe(24)


def is_key(value: str | None) -> bool:
    """True if `value` has the exact shape of a key made by new_key()."""
    return value is not None and _KEY.fullmatch(value) is not None


def wait_for_request(timeout: float = 120.0) -> None:
    """In a preheated kernel, block until the server hands over the request that took this
    kernel, then put its variables (QUERY_STRING, HTTP_COOKIE, ...) in os.environ.

    Voila's own `voila.utils.wait_for_request()` does the same over the same websocket, but
    importing voila.utils costs ~3 s of CPU per kernel here (it pulls in jupyter_server and
    jupyterlab_server), more than the rest of warming the app; a pool of 22 kernels on 2
    cores is ready a minute sooner without it. A no-op in a kernel that was not preheated.
    """
    env = os.environ
    if env.get("VOILA_PREHEAT", "False") == "False":
        return
    import json

    from websockets.sync.client import connect

    base = env.get("VOILA_WS_BASE_URL", env.get("VOILA_SERVER_URL", "/"))
    url = (f"{env.get('VOILA_WS_PROTOCOL', 'ws')}://{env.get('VOILA_APP_IP', '127.0.0.1')}:"
           f"{env.get('VOILA_APP_PORT', '8866')}{base}voila/query/{env['VOILA_KERNEL_ID']}")
    # No keepalive pings: a server busy with a burst of joins may answer late, and the wait
    # for a join may last hours; both ends are on this machine.
    with connect(url, open_timeout=timeout, ping_interval=None, max_size=2**20) as ws:
        info = json.loads(ws.recv())
    for header in REQUEST_HEADERS:  # a refill kernel may start with an earlier request's
        env.pop(header_env(header), None)
    env.update({str(k): str(v) for k, v in info.items()})
    env["VOILA_PREHEAT"] = "False"  # answered: a second call must not wait again


def header_env(header: str) -> str:
    """The variable a request header reaches the kernel as (RFC 3875, as Voila names it)."""
    return "HTTP_" + header.upper().replace("-", "_")


def browser_language_from_request(environ: Mapping[str, str] = os.environ) -> str | None:
    """The language the page's browser asks for (LANGUAGE_HEADER), if it is one we offer."""
    return browser_language(environ.get(header_env(LANGUAGE_HEADER), ""))


def client_key(environ: Mapping[str, str] = os.environ) -> str | None:
    """This browser's key from HTTP_COOKIE, or None when it is missing or malformed."""
    for part in environ.get(header_env(COOKIE_HEADER), "").split(";"):
        name, sep, value = part.partition("=")
        if sep and name.strip() == COOKIE:
            value = value.strip()
            return value if is_key(value) else None
    return None
