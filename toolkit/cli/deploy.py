"""`workshop deploy nginx`: the nginx configuration that puts every group in the store behind
one name, /g/<session id>/ to each group's own server (toolkit.serve.nginx)."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from toolkit.cli.errors import fail
from toolkit.cli.helptext import helped
from toolkit.cli.language import said, say, say_plural
from toolkit.settings.config import Config


def _upstreams(given: list[str]) -> dict[str, tuple[str, int]]:
    """--upstream ID=HOST:PORT values by session id. Raises ValueError."""
    out = {}
    for text in given:
        sid, sep, where = text.partition("=")
        host, colon, port = where.rpartition(":")
        if not (sep and colon and host and port.isdigit()):
            raise ValueError(say("cli_upstream_form", given=text))
        out[sid] = (host, int(port))
    return out


def _nginx_cmd(args: argparse.Namespace) -> int:
    from toolkit.serve.nginx import Group, Site, convention, render
    from toolkit.serve.routes import RouteError
    from toolkit.store.store import Store

    if bool(args.cert) != bool(args.key):
        return fail(say("cli_cert_and_key"))
    store = Store.open(Config.from_env())
    sessions = store.sessions()
    names = {s.id: s.name for s in sessions}
    try:
        chosen = _upstreams(args.upstream or [])
        unknown = sorted(set(chosen) - set(names))
        if unknown:
            raise ValueError(say("cli_upstream_unknown", id=unknown[0]))
        groups = [Group(sid, *chosen.get(sid, (host, port)), name=names[sid])
                  for sid, host, port in convention(list(names), args.app_host,
                                                    args.first_port)]
        site = Site(server_name=args.server_name, listen=args.listen or "",
                    certfile=str(Path(args.cert).resolve()) if args.cert else "",
                    keyfile=str(Path(args.key).resolve()) if args.key else "",
                    dashboards=not args.no_dashboards,
                    dashboard_from=tuple(args.dashboard_from or ()))
        text = render(groups, site, proxy=args.proxy_address,
                      stamp=f"on {dt.date.today().isoformat()}")
    except (ValueError, RouteError) as e:
        return fail(said(e))
    if not groups:
        print(f"workshop: {say('cli_nginx_no_sessions')}", file=sys.stderr)
    if args.out:
        Path(args.out).write_text(text, encoding="utf-8")
        print(say_plural("cli_nginx_written", len(groups), path=args.out))
    else:
        sys.stdout.write(text)
    return 0


def add_deploy_commands(sub: argparse._SubParsersAction) -> None:
    deploy = sub.add_parser("deploy", help=helped("help_deploy"))
    kinds = deploy.add_subparsers(dest="kind", required=True, metavar="KIND")
    p = kinds.add_parser("nginx", help=helped("help_deploy_nginx"))
    p.add_argument("--out", "-o", metavar="FILE", help=helped("help_deploy_out"))
    p.add_argument("--server-name", default="_", metavar="NAME",
                   help=helped("help_server_name"))
    p.add_argument("--listen", metavar="[ADDRESS:]PORT",
                   help=helped("help_listen"))
    p.add_argument("--cert", metavar="FILE", help=helped("help_deploy_cert"))
    p.add_argument("--key", metavar="FILE", help=helped("help_deploy_key"))
    p.add_argument("--upstream", action="append", metavar="ID=HOST:PORT",
                   help=helped("help_upstream"))
    p.add_argument("--app-host", default="127.0.0.1", metavar="HOST",
                   help=helped("help_app_host"))
    p.add_argument("--first-port", type=int, default=8866, metavar="PORT")
    p.add_argument("--proxy-address", default="127.0.0.1", metavar="ADDRESS",
                   help=helped("help_proxy_address"))
    p.add_argument("--no-dashboards", action="store_true",
                   help=helped("help_no_dashboards"))
    p.add_argument("--dashboard-from", action="append", metavar="CIDR",
                   help=helped("help_dashboard_from"))
    p.set_defaults(func=_nginx_cmd)
