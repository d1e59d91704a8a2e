"""How answers travel between a phone and the server: TLS with a certificate, plain HTTP on
this computer only, or behind a reverse proxy that does TLS. One documented class, and the
rule that refuses plain HTTP on the clinic's network."""

from __future__ import annotations

import ipaddress
import os
from dataclasses import dataclass, field
from pathlib import Path

from toolkit.text.message import MessageError, msg

PLAIN_HTTP_ENV = "WORKSHOP_PLAIN_HTTP"
"""Set to "1" in the server's environment (its kernels and the facilitator dashboard inherit
it) when the client app is served without TLS to the network: answers travel unencrypted."""


class TransportError(MessageError, ValueError):
    """Serving as asked would send answers across the network unencrypted (str(error) in
    English, error.message in any language)."""


def is_loopback(host: str) -> bool:
    """True for addresses only this computer can reach (127.0.0.1, ::1, localhost)."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


@dataclass(frozen=True)
class Transport:
    """The client server's transport settings.

    certfile, keyfile: the server's certificate and its private key (PEM), e.g. from
        `workshop tls init`; both or neither. With them the server speaks HTTPS only.
    allow_plain_http: serve plain HTTP on a non-loopback address anyway (answers cross the
        network unencrypted: the server warns, and the dashboard says so).
    proxies: addresses of a reverse proxy in front of this server (`--behind-proxy`); only
        requests from these may set X-Forwarded-Proto and X-Forwarded-For.
    ws_compression: per-message deflate on the kernel websocket (on by default: a return
        visit's widget messages cross the wire in 30 KB instead of 173 KB, measured over TLS
        in Chromium; WORKSHOP_WS_COMPRESSION=0 turns it off to compare).
    """

    certfile: Path | None = None
    keyfile: Path | None = None
    allow_plain_http: bool = False
    proxies: frozenset[str] = field(default_factory=frozenset)
    ws_compression: bool = True

    @property
    def tls(self) -> bool:
        return self.certfile is not None

    @property
    def scheme(self) -> str:
        return "https" if self.tls else "http"

    def check(self, host: str) -> bool:
        """Raise TransportError unless this is safe (or allowed) on `host`; True when answers
        will travel unencrypted over a network (the caller warns)."""
        if (self.certfile is None) != (self.keyfile is None):
            raise TransportError(msg("transport_cert_and_key"))
        if self.tls or is_loopback(host):
            return False
        if self.allow_plain_http:
            return True
        raise TransportError(msg("transport_plain_http", host=host))


def mark_plain_http(plain: bool) -> None:
    """Tell the kernels and the dashboard (through the environment) how answers travel."""
    if plain:
        os.environ[PLAIN_HTTP_ENV] = "1"
    else:
        os.environ.pop(PLAIN_HTTP_ENV, None)

