"""`workshop tls init` and `workshop tls show`: the clinic's own certificate authority and the
server's certificate, and how to get tablets and phones to trust it (a QR code to scan)."""

from __future__ import annotations

import argparse
import io
from pathlib import Path
from typing import TYPE_CHECKING

from toolkit.cli.errors import fail

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
    return [
        "Each tablet and phone trusts this clinic's authority once (then the app opens with "
        "no warning):",
        f"  1. On the device, on the clinic Wi-Fi, scan this code or open {url} and tap "
        "Download.",
        "  2. Android: Settings > Security > Encryption & credentials > Install a certificate "
        "> CA certificate > Install anyway, and pick the file just downloaded.",
        "     iPhone or iPad: tap Allow; Settings > Profile Downloaded > Install; then "
        "Settings > General > About > Certificate Trust Settings: switch the clinic's "
        "authority on.",
        f"  3. If the device shows a fingerprint (SHA-256), check it is {fingerprint}.",
    ]


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


def _describe(info: CertInfo, label: str) -> list[str]:
    lines = [f"{label}: {info.path}",
             f"  subject:     {info.subject}",
             f"  valid:       {info.not_before:%Y-%m-%d} to {info.not_after:%Y-%m-%d} "
             f"({info.days_left()} days left)",
             f"  SHA-256:     {info.sha256}"]
    if info.names:
        lines.insert(2, f"  names:       {', '.join(info.names)}")
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
        return fail(str(e))
    ca = read_cert(files.ca_cert)
    print(*_describe(ca, "Authority (devices trust this once)"), sep="\n")
    print(f"  key:         {files.ca_key} (owner only; keep it on this computer)")
    print(*_describe(read_cert(files.cert), "Server certificate"), sep="\n")
    print(f"  key:         {files.key} (owner only)")
    print(f"Covers: {', '.join(names)}")
    lan = next((h for h in (args.host or []) if not is_loopback(h)), None)
    where = lan or "<this computer's address>"
    print(f"\nServe with it:\n  workshop serve --host {where} --certfile {files.cert} "
          f"--keyfile {files.key}")
    url = trust_url(where, args.port)
    print()
    print(*_trust_steps(url, ca.sha256), sep="\n")
    if lan:
        print(qr_text(url))
    print(f"(The download page runs while the server does, on its port + {TRUST_PORT_OFFSET}.)")
    return 0


def _show(args: argparse.Namespace) -> int:
    from toolkit.serve.certs import TlsError, expiry_warning, read_cert
    from toolkit.serve.tls import tls_files
    from toolkit.settings.config import Config

    files = tls_files(Config.from_env().home)
    paths = [("Authority", files.ca_cert), ("Server certificate", files.cert)]
    if args.certfile:
        paths = [("Certificate", args.certfile)]
    elif not files.cert.exists():
        return fail(f"no certificate in {files.folder}; make one with `workshop tls init`")
    for label, path in paths:
        try:
            info = read_cert(path)
        except TlsError as e:
            return fail(str(e))
        print(*_describe(info, label), sep="\n")
        warning = expiry_warning(info)
        if warning:
            print(warning)
    return 0


def add_tls_commands(sub: argparse._SubParsersAction) -> None:
    tls = sub.add_parser("tls", help="the clinic's certificate for HTTPS: make it, show it")
    inner = tls.add_subparsers(dest="tls_command", required=True, metavar="COMMAND")
    init = inner.add_parser("init", help="make a local authority and a server certificate")
    init.add_argument("--host", action="append", metavar="NAME_OR_ADDRESS",
                      help="a name or LAN address phones use to reach this computer (repeat; "
                           "this computer's name and loopback are always included)")
    init.add_argument("--port", type=int, default=8866,
                      help="the port you serve on, for the download link (default 8866)")
    init.add_argument("--new-authority", action="store_true",
                      help="replace the authority too (every device must trust the new one)")
    init.set_defaults(func=_init)
    show = inner.add_parser("show", help="expiry dates and fingerprints")
    show.add_argument("--certfile", help="show this certificate instead")
    show.set_defaults(func=_show)
