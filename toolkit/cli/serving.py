"""The `workshop serve`, `workshop facilitator` and `workshop demo` commands: a group's
client server with its warm pool (over TLS on the clinic's network), and the facilitator
dashboard beside it on 127.0.0.1."""

from __future__ import annotations

import argparse
import os
import secrets
import subprocess
import sys
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from toolkit.cli.errors import fail
from toolkit.cli.helptext import helped
from toolkit.cli.language import said, say, say_plural
from toolkit.serve.server import PAGES, READY, serve
from toolkit.serve.transport import Transport
from toolkit.settings.config import Config
from toolkit.settings.paths import CLIENT_NOTEBOOK, FACILITATOR_NOTEBOOK

__all__ = ["READY", "add_demo_command", "base_url", "serve"]

CLIENT_APP = "Client app: "
"""How the banner's line with the address phones open starts, in English in every language:
scripts and the tests find the address after it, as they find the READY line."""


def base_url(host: str, port: int, scheme: str = "http") -> str:
    shown = "127.0.0.1" if host in ("127.0.0.1", "localhost") else host
    if ":" in shown:
        shown = f"[{shown}]"  # an IPv6 address
    return f"{scheme}://{shown}:{port}/"


def _transport(args: argparse.Namespace) -> Transport:
    return Transport(
        certfile=Path(args.certfile) if args.certfile else None,
        keyfile=Path(args.keyfile) if args.keyfile else None,
        allow_plain_http=args.allow_plain_http,
        proxies=frozenset(args.behind_proxy or ()),
        ws_compression=os.environ.get("WORKSHOP_WS_COMPRESSION", "1") != "0")


def _secure(args: argparse.Namespace, config: Config
            ) -> tuple[Transport, Any, list[str], Path | None]:
    """Check how answers will travel before anything listens: the transport, the TLS context
    (or None), the lines to print at start and the authority's certificate to hand out (when
    `workshop tls init` made the server's). Raises TransportError or TlsError."""
    from toolkit.serve.certs import server_context
    from toolkit.serve.transport import mark_plain_http

    transport = _transport(args)
    plain = transport.check(args.host)
    mark_plain_http(plain)
    lines = [say("cli_plain_http_warning")] if plain else []
    context = ca = None
    if transport.certfile and transport.keyfile:
        context, info = server_context(transport.certfile, transport.keyfile)
        from toolkit.cli.tls import expiry_line, trust_ca, trust_lines

        if warning := expiry_line(info):
            lines.append(warning)
        lines += trust_lines(config, info, args.host, args.port)
        ca = trust_ca(config, info)
    return transport, context, lines, ca


def _public_url(args: argparse.Namespace, own: str) -> str:
    """The address phones open: --public-url, checked (https, unless plain HTTP is allowed
    or it is this computer), or else the server's own `own`. Raises TransportError."""
    from toolkit.render.joincards import JoinUrlError, check_url
    from toolkit.serve.transport import TransportError, is_loopback
    from toolkit.text.message import msg

    if not args.public_url:
        return own
    try:
        url = check_url(args.public_url)
    except JoinUrlError as e:
        raise TransportError(msg("cli_public_url_error", error=e.message or str(e))) from None
    parts = urlsplit(url)
    if parts.scheme == "http" and not (args.allow_plain_http
                                       or is_loopback(parts.hostname or "")):
        raise TransportError(msg("cli_public_url_plain", url=url))
    return url


SPARE_KERNELS = 2
"""Warm kernels beyond the group's size, for reloads and a visitor."""
TOKEN_ENV = "WORKSHOP_FACILITATOR_TOKEN"
"""How `workshop serve` hands the dashboard's token to its facilitator server (an
environment variable: unlike arguments, other users cannot read it with ps)."""


def _serve_cmd(args: argparse.Namespace) -> int:
    config = Config.from_env()
    from toolkit.serve.certs import TlsError
    from toolkit.serve.routes import RouteError, facilitator_route, normal_base_url
    from toolkit.serve.transport import TransportError
    from toolkit.store.store import Store

    try:
        transport, context, notes, ca = _secure(args, config)
        prefix = normal_base_url(args.base_url)
        dashboard = (facilitator_route(args.session) if args.session and prefix != "/"
                     else "/")
        url = _public_url(args, base_url(args.host, args.port, transport.scheme).rstrip("/")
                          + prefix)
    except (TransportError, TlsError, RouteError) as e:
        return fail(said(e))
    store = Store.open(config)  # make the database and key before any kernel races for them
    pool = args.pool or 0
    lines = [f"{CLIENT_APP}{url}"]
    if args.session:
        try:
            session = store.session(args.session)
        except LookupError:
            known = ", ".join(s.id for s in store.sessions()) or say("cli_none_yet")
            print(say("cli_serve_no_session", id=args.session, known=known), file=sys.stderr)
            return 1
        os.environ["WORKSHOP_SESSION"] = session.id  # kernels inherit it
        size = len(store.participants(session.id))
        pool = args.pool if args.pool is not None else size + SPARE_KERNELS
        lines.insert(0, say("cli_serve_group", name=session.name, id=session.id,
                            participants=say_plural("cli_participants_count", size)))
        lines.append(say("cli_serve_join_cards",
                         command=f"workshop cards --session {session.id} --url {url}"))
        if args.behind_proxy and not args.public_url:
            lines.append(say("cli_serve_behind_proxy"))
    if pool:
        lines.append(say_plural("cli_serve_warming", pool, ready=READY))
    facilitator = None
    if args.session:
        # The dashboard runs in its own Voila bound to 127.0.0.1 only, whatever --host says:
        # clients on the clinic network can never reach it. It also wants a token.
        fport = args.facilitator_port or args.port + 1
        if not _port_free(fport):
            return fail(say("cli_dashboard_port_used", port=fport))
        token = secrets.token_urlsafe(24)
        from toolkit.widgets.facilitator.print_tab import CLIENT_URL_ENV

        facilitator = subprocess.Popen(
            [sys.executable, "-m", "toolkit.cli", "facilitator", "--port", str(fport),
             "--base-url", dashboard,
             *(f"--behind-proxy={a}" for a in args.behind_proxy or ())],
            # The client app's address: the Print tab's join cards link to it by default.
            env={**os.environ, "WORKSHOP_SESSION": args.session, TOKEN_ENV: token,
                 CLIENT_URL_ENV: url})
        lines.append(say("cli_serve_dashboard", url=f"{base_url('127.0.0.1', fport).rstrip('/')}"
                         f"{dashboard}?token={token}"))
        from toolkit.access.passphrase import has_passphrase

        if not has_passphrase(store):
            lines.append(say("cli_serve_set_passphrase"))
    try:
        serve(Path(args.notebook), args.host, args.port, pool=pool, transport=transport,
              ssl_context=context, trust_ca=ca, base_url=prefix, page=args.page,
              banner="\n".join(
                  [*lines, say("cli_data_folder", path=config.home), *notes,
                   say("cli_press_ctrl_c")]))
    finally:
        if facilitator is not None:
            facilitator.terminate()
            facilitator.wait(timeout=30)
    return 0


def _port_free(port: int) -> bool:
    """Nothing listens on 127.0.0.1:`port` yet (the dashboard's port, checked before anything
    starts: its own server would only say so in the log and leave the group without it)."""
    import socket

    with socket.socket() as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as Tornado binds
        try:
            probe.bind(("127.0.0.1", port))
        except OSError:
            return False
        return True


def _facilitator_cmd(args: argparse.Namespace) -> int:
    from toolkit.serve.routes import RouteError, normal_base_url

    try:
        prefix = normal_base_url(args.base_url)
    except RouteError as e:
        return fail(said(e))
    token = os.environ.pop(TOKEN_ENV, None)  # popped: the dashboard's kernel need not know it
    banner = ""
    if not token:  # started by hand rather than by `workshop serve --session`
        token = secrets.token_urlsafe(24)
        url = base_url("127.0.0.1", args.port).rstrip("/") + prefix
        banner = say("cli_facilitator_banner", url=f"{url}?token={token}")
    serve(FACILITATOR_NOTEBOOK, "127.0.0.1", args.port, banner=banner, clients=False,
          token=token, base_url=prefix,
          transport=Transport(proxies=frozenset(args.behind_proxy or ())))
    return 0


def _demo_cmd(args: argparse.Namespace) -> int:
    from toolkit.serve.certs import TlsError
    from toolkit.serve.transport import TransportError
    from toolkit.store.demo import demo_session

    config = Config.from_env()
    try:
        transport, context, notes, ca = _secure(args, config)
        url = _public_url(args, base_url(args.host, args.port, transport.scheme))
    except (TransportError, TlsError) as e:
        return fail(said(e))
    session, participants = demo_session(config)
    lines = [
        say_plural("cli_demo_group", len(participants), name=session.name, id=session.id),
        *(f"  {p.code}   {url}?code={p.code}" for p in participants),
        f"{CLIENT_APP}{url}",
        say("cli_data_folder", path=config.home),
        *notes,
        say("cli_press_ctrl_c"),
    ]
    serve(Path(args.notebook), args.host, args.port, banner="\n".join(lines),
          transport=transport, ssl_context=context, trust_ca=ca, page=args.page)
    return 0


def add_demo_command(sub: argparse._SubParsersAction) -> None:
    fac = sub.add_parser("facilitator", help=helped("help_facilitator"))
    fac.add_argument("--port", type=int, default=8867)
    fac.add_argument("--base-url", default="/", help=argparse.SUPPRESS)
    fac.add_argument("--behind-proxy", action="append", help=argparse.SUPPRESS)
    fac.set_defaults(func=_facilitator_cmd)
    from toolkit.cli.facilitator import add_facilitator_commands

    add_facilitator_commands(fac)
    for name, func in (("demo", _demo_cmd), ("serve", _serve_cmd)):
        p = sub.add_parser(name, help=helped(f"help_{name}"))
        p.add_argument("--host", default="127.0.0.1",
                       help=helped("help_host"))
        p.add_argument("--port", type=int, default=8866)
        p.add_argument("--notebook", default=str(CLIENT_NOTEBOOK), help=argparse.SUPPRESS)
        _add_transport_options(p)
        p.add_argument("--page", choices=list(PAGES), default="light",
                       help=helped("help_page"))
        p.set_defaults(func=func)
        if name == "serve":
            p.add_argument("--session", help=helped("help_serve_session"))
            p.add_argument("--base-url", default="/", metavar="PATH",
                           help=helped("help_base_url"))
            p.add_argument("--facilitator-port", type=int, default=None,
                           help=helped("help_facilitator_port"))
            p.add_argument("--pool", type=int, default=None,
                           help=helped("help_pool", spare=SPARE_KERNELS))


def _add_transport_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--certfile", metavar="FILE",
                   help=helped("help_certfile"))
    p.add_argument("--keyfile", metavar="FILE", help=helped("help_keyfile"))
    p.add_argument("--allow-plain-http", action="store_true",
                   help=helped("help_allow_plain_http"))
    p.add_argument("--behind-proxy", metavar="ADDRESS", action="append",
                   help=helped("help_behind_proxy"))
    p.add_argument("--public-url", metavar="URL",
                   help=helped("help_public_url"))
