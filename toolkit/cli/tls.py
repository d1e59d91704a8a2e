"""`workshop tls init` and `workshop tls show`: the clinic's own certificate authority and the
server's certificate, and how to get tablets and phones to trust it (a QR code to scan)."""

from __future__ import annotations

import argparse
import io
from pathlib import Path
from typing import TYPE_CHECKING

from toolkit.cli.errors import fail
from toolkit.cli.helptext import helped
from toolkit.cli.language import said, say, say_plural

if TYPE_CHECKING:
    from toolkit.serve.certs import CertInfo
    from toolkit.settings.config import Config

from toolkit.serve.trust import PORT_OFFSET as TRUST_PORT_OFFSET


def trust_url(host: str, port: int) -> str:
    """The plain-HTTP page that hands out the authority's certificate (nothing else there)."""
    shown = f"[{host}]" if ":" in host else host
    return f"http://{shown}:{port + TRUST_PORT_OFFSET}/"


def qr_text(url: str) -> str:
    """A QR code of `url` drawn with block characters, for the terminal."""
    import segno

    out = io.StringIO()
    segno.make(url, error="m").terminal(out=out, compact=True)
    return out.getvalue().rstrip("\n")


def _trust_steps(url: str, fingerprint: str) -> list[str]:
    return [say("cli_trust_intro"), say("cli_trust_step_open", url=url),
            say("cli_trust_step_android"), say("cli_trust_step_apple"),
            say("cli_trust_step_check", fingerprint=fingerprint)]


def trust_lines(config: Config, info: CertInfo, host: str, port: int) -> list[str]:
    """Lines for the server's start: how devices trust the authority, when it made the
    certificate (a clinic's own certificate needs none of this)."""
    from toolkit.serve.certs import read_cert
    from toolkit.serve.transport import is_loopback

    ca_cert = trust_ca(config, info)
    if ca_cert is None:
        return []
    shown = "127.0.0.1" if is_loopback(host) else host
    url = trust_url(shown, port)
    ca = read_cert(ca_cert)
    return [*_trust_steps(url, ca.sha256), qr_text(url)]


def trust_ca(config: Config, info: CertInfo) -> Path | None:
    """The authority's certificate to hand out, when it made the server's certificate."""
    from toolkit.serve.tls import tls_files

    files = tls_files(config.home)
    if files.ca_cert.exists() and info.path.resolve() == files.cert.resolve():
        return files.ca_cert
    return None


LABEL_WIDTH = 13
"""Where the certificates' values start, after the two spaces that indent their labels, unless
a label in the terminal's language is longer."""


def _field(label: str, value: object) -> str:
    """One indented `label: value` line, its value in the column of every such line."""
    labels = [say(f"cli_cert_{key}") for key in ("subject", "names", "valid", "key")]
    width = max(LABEL_WIDTH, *(len(other) + 1 for other in labels))
    return f"  {label.ljust(width)}{value}"


def _describe(info: CertInfo, label: str) -> list[str]:
    dates = say_plural("cli_cert_dates", info.days_left(), start=f"{info.not_before:%Y-%m-%d}",
                       end=f"{info.not_after:%Y-%m-%d}")
    lines = [f"{label}: {info.path}",
             _field(say("cli_cert_subject"), info.subject),
             _field(say("cli_cert_valid"), dates),
             _field("SHA-256:", info.sha256)]
    if info.names:
        lines.insert(2, _field(say("cli_cert_names"), ", ".join(info.names)))
    return lines


def _init(args: argparse.Namespace) -> int:
    from toolkit.serve.certs import read_cert
    from toolkit.serve.tls import default_hosts, init_tls, tls_files
    from toolkit.serve.transport import is_loopback
    from toolkit.settings.config import Config

    config = Config.from_env()
    files = tls_files(config.home)
    hosts = list(args.host or [])
    hosts += [h for h in default_hosts() if h not in hosts]
    try:
        names = init_tls(files, hosts, new_authority=args.new_authority)
    except ValueError as e:
        return fail(said(e))
    ca = read_cert(files.ca_cert)
    print(*_describe(ca, say("cli_cert_authority_init")), sep="\n")
    print(_field(say("cli_cert_key"), say("cli_cert_authority_key", path=files.ca_key)))
    print(*_describe(read_cert(files.cert), say("cli_cert_server")), sep="\n")
    print(_field(say("cli_cert_key"), say("cli_cert_server_key", path=files.key)))
    print(say("cli_cert_covers", names=", ".join(names)))
    lan = next((h for h in (args.host or []) if not is_loopback(h)), None)
    where = lan or say("cli_cert_this_address")
    print(f"\n{say('cli_cert_serve_with')}\n  workshop serve --host {where} --certfile "
          f"{files.cert} --keyfile {files.key}")
    url = trust_url(where, args.port)
    print()
    print(*_trust_steps(url, ca.sha256), sep="\n")
    if lan:
        print(qr_text(url))
    print(say("cli_cert_download_page", offset=TRUST_PORT_OFFSET))
    return 0


def _show(args: argparse.Namespace) -> int:
    from toolkit.serve.certs import TlsError, read_cert
    from toolkit.serve.tls import tls_files
    from toolkit.settings.config import Config

    files = tls_files(Config.from_env().home)
    paths = [(say("cli_cert_authority"), files.ca_cert), (say("cli_cert_server"), files.cert)]
    if args.certfile:
        paths = [(say("cli_cert_given"), args.certfile)]
    elif not files.cert.exists():
        return fail(say("cli_no_certificate", folder=files.folder))
    for label, path in paths:
        try:
            info = read_cert(path)
        except TlsError as e:
            return fail(said(e))
        print(*_describe(info, label), sep="\n")
        if warning := expiry_line(info):
            print(warning)
    return 0


def expiry_line(info: CertInfo) -> str | None:
    """The warning that `info` expires soon, in the terminal's language, or None."""
    from toolkit.serve.certs import expiring

    days = expiring(info)
    if days is None:
        return None
    return say_plural("cli_cert_expiring", days, path=info.path,
                      date=f"{info.not_after:%Y-%m-%d}")


def add_tls_commands(sub: argparse._SubParsersAction) -> None:
    tls = sub.add_parser("tls", help=helped("help_tls"))
    inner = tls.add_subparsers(dest="tls_command", required=True, metavar="COMMAND")
    init = inner.add_parser("init", help=helped("help_tls_init"))
    init.add_argument("--host", action="append", metavar="NAME_OR_ADDRESS",
                      help=helped("help_tls_host"))
    port = 8866  # `workshop serve`'s
    init.add_argument("--port", type=int, default=port, help=helped("help_tls_port", port=port))
    init.add_argument("--new-authority", action="store_true",
                      help=helped("help_tls_new_authority"))
    init.set_defaults(func=_init)
    show = inner.add_parser("show", help=helped("help_tls_show"))
    show.add_argument("--certfile", type=Path, help=helped("help_tls_certfile"))
    show.set_defaults(func=_show)
