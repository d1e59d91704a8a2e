"""The nginx configuration in front of several groups' servers: /g/<id>/ of each group to its
own `workshop serve --base-url /g/<id>/ --behind-proxy` process, the websocket headers of
Voila's deployment guide, TLS when given a certificate, and a 404 for everything else. Built
as text here (no template engine), so a test can read every line it writes."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from toolkit.serve.routes import client_route, facilitator_route
from toolkit.serve.transport import is_loopback
from toolkit.text.message import MessageError, msg

DASHBOARD_OFFSET = 1
"""The facilitator dashboard listens on the group's port + 1 (`workshop serve --session`)."""
PORT_STEP = 10
"""Ports between consecutive groups on one machine by convention: port, port + 1 (the
dashboard) and port + 2 (the certificate page) stay free for each."""
_NAME = re.compile(r"[^A-Za-z0-9_]")
_HOST = re.compile(r"[A-Za-z0-9.:\[\]_-]+")
_WORD = re.compile(r"[^\s;{}'\"#$\\]*")
"""A value nginx reads as one word, with nothing that starts a new directive or variable."""


class NginxError(MessageError, ValueError):
    """A value that cannot go in the nginx configuration (str(error) in English,
    error.message in any language)."""


@dataclass(frozen=True)
class Group:
    """One group's server as nginx reaches it."""

    session_id: str
    host: str
    port: int
    name: str = ""

    @property
    def dashboard_reachable(self) -> bool:
        """The dashboard listens on 127.0.0.1 only: nginx reaches it on the same machine."""
        return is_loopback(self.host.strip("[]"))

    @property
    def upstream(self) -> str:
        return "workshop_" + _NAME.sub("_", self.session_id)

    def address(self, offset: int = 0) -> str:
        if not _HOST.fullmatch(self.host) or not 0 < self.port + offset < 65536:
            raise NginxError(msg("nginx_address", host=self.host, port=self.port))
        host = f"[{self.host}]" if ":" in self.host and not self.host.startswith("[") \
            else self.host
        return f"{host}:{self.port + offset}"


@dataclass(frozen=True)
class Site:
    """The site's own settings: its name, where nginx listens, TLS, the dashboards."""

    server_name: str = "_"
    listen: str = ""
    certfile: str = ""
    keyfile: str = ""
    dashboards: bool = True
    dashboard_from: tuple[str, ...] = ()

    @property
    def tls(self) -> bool:
        return bool(self.certfile)

    @property
    def scheme(self) -> str:
        return "https" if self.tls else "http"

    def listen_on(self) -> str:
        return self.listen or ("443" if self.tls else "80")


PROXY_SETTINGS = (
    # Voila's deployment guide ("Running Voilà on a private server"): the kernels' websocket
    # needs HTTP/1.1 and the Upgrade and Connection headers passed on, and a long read
    # timeout keeps a quiet client's websocket open; unbuffered so messages go at once.
    "proxy_http_version 1.1;",
    "proxy_set_header Upgrade $http_upgrade;",
    'proxy_set_header Connection "upgrade";',
    "proxy_read_timeout 86400s;",
    "proxy_buffering off;",
    # A first visit's page comes with a Link header naming every script and style to
    # preload (toolkit.serve.static): 9.3 KB under /g/<id>/ once a browser has loaded the
    # page, and nginx's default room for a response's headers (one 4 KB memory page) made
    # every later first visit a 502 Bad Gateway.
    "proxy_buffer_size 32k;",
    "proxy_buffers 4 32k;",  # unused when unbuffered, but nginx -t wants them as large
    # Host as the browser sent it (with the port): jupyter_server compares a websocket's
    # Origin with it.
    "proxy_set_header Host $http_host;",
    "proxy_set_header X-Real-IP $remote_addr;",
    # Believed by `workshop serve --behind-proxy <nginx's address>` only.
    "proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;",
    "proxy_set_header X-Forwarded-Proto $scheme;",
)
TLS_SETTINGS = (
    "ssl_protocols TLSv1.2 TLSv1.3;",
    "ssl_prefer_server_ciphers off;",
    "ssl_session_cache shared:workshop_tls:10m;",
    "ssl_session_timeout 1d;",
)


def convention(session_ids: Sequence[str], host: str = "127.0.0.1",
               first_port: int = 8866) -> list[tuple[str, str, int]]:
    """(session id, host, port) by the documented convention: every group on `host`, the
    n-th (in `workshop session list` order) on first_port + PORT_STEP * n."""
    return [(sid, host, first_port + PORT_STEP * n) for n, sid in enumerate(session_ids)]


def serve_line(group: Group, proxy: str, public: str) -> str:
    """The command that starts `group`'s server where nginx expects it; `public` is the
    address phones open (https://NAME/g/<id>/), printed on its join links and cards."""
    plain = " --allow-plain-http" if public.startswith("http:") else ""
    return (f"workshop serve --session {group.session_id} --host {group.host} "
            f"--port {group.port} --base-url {client_route(group.session_id)} "
            f"--behind-proxy {proxy} --public-url {public}{plain}")


def _location(path: str, upstream: str, allow: Sequence[str] = ()) -> list[str]:
    lines = [f"    location {path} {{"]
    if allow:
        lines += [*(f"        allow {a};" for a in allow), "        deny all;"]
    lines += [f"        proxy_pass http://{upstream};", "    }"]
    return lines


def render(groups: Sequence[Group], site: Site = Site(), proxy: str = "<nginx's address>",
           stamp: str = "") -> str:
    """The configuration text: upstreams and one server block, for nginx's http context
    (/etc/nginx/conf.d/workshop.conf). `proxy`: nginx's address as a group's server on
    another machine sees it (on nginx's own machine it is 127.0.0.1)."""
    if site.tls and not site.keyfile:
        raise NginxError(msg("nginx_key_too"))
    for what, value in (("server_name", site.server_name), ("listen", site.listen),
                        ("certificate", site.certfile), ("key", site.keyfile),
                        *(("network", n) for n in site.dashboard_from)):
        if not _WORD.fullmatch(value):
            raise NginxError(msg("nginx_bad_word", what=msg(f"nginx_what_{what}"),
                                 value=repr(value)))
    shown = site.server_name if site.server_name != "_" else "<the site's name>"
    out = ["# The workshop toolkit's groups behind nginx, written by `workshop deploy nginx`"
           + (f" {stamp}" if stamp else "") + ".",
           f"# Each group's client app is {site.scheme}://"
           f"{shown}/g/<session id>/; nothing else is served.",
           "# Start each group's server with the first line above its upstream; the "
           "second makes", "# its join cards.", ""]
    for g in groups:
        title = "".join(c for c in " ".join(g.name.split()) if c.isprintable())
        public = f"{site.scheme}://{shown}{client_route(g.session_id)}"
        out += [f"# {title or g.session_id}",  # one comment line, whatever the name holds
                f"#   {serve_line(g, '127.0.0.1' if g.dashboard_reachable else proxy, public)}",
                f"#   workshop cards --session {g.session_id} --url {public}",
                f"upstream {g.upstream} {{", f"    server {g.address()};", "}"]
        if site.dashboards and not g.dashboard_reachable:
            out.append("#   its dashboard answers on that machine only (SSH port forwarding)")
        elif site.dashboards:
            out += [f"upstream {g.upstream}_dashboard {{",
                    f"    server {g.address(DASHBOARD_OFFSET)};", "}"]
        out.append("")
    listen = site.listen_on()
    if site.tls:
        out += ["server {", f"    listen {listen} ssl;", f"    server_name {site.server_name};",
                f"    ssl_certificate {site.certfile};",
                f"    ssl_certificate_key {site.keyfile};",
                *(f"    {s}" for s in TLS_SETTINGS)]
    else:
        out += ["server {", f"    listen {listen};", f"    server_name {site.server_name};"]
    out += ["    server_tokens off;", "    access_log off;  # a join link holds its code",
            *(f"    {s}" for s in PROXY_SETTINGS), "",
            "    location / {", "        return 404;", "    }"]
    for g in groups:
        route = client_route(g.session_id)
        out += ["", f"    location = {route.rstrip('/')} {{",
                f"        return 301 {route}$is_args$args;", "    }",
                *_location(route, g.upstream)]
        if site.dashboards and g.dashboard_reachable:
            out += _location(facilitator_route(g.session_id), f"{g.upstream}_dashboard",
                             site.dashboard_from)
    out += ["}", ""]
    if site.tls and listen.rsplit(":", 1)[-1] == "443":  # plain http only says where to go
        out += ["server {", "    listen 80;", f"    server_name {site.server_name};",
                "    server_tokens off;", "    return 301 https://$host$request_uri;", "}", ""]
    return "\n".join(out)
