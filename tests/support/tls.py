"""A real `workshop serve` over TLS on loopback, with a certificate from `workshop tls init`,
and clients that verify it: Python's against the authority, Chromium trusting that one
certificate. Shared by tests and benchmarks/page_weight.py."""

from __future__ import annotations

import base64
import hashlib
import http.client
import os
import ssl
import subprocess
import sys
from dataclasses import replace
from pathlib import Path
from typing import Any

from support.servers import Server, start_server


def tls_init(home: Path, *hosts: str) -> tuple[Path, Path, Path]:
    """Run `workshop tls init` for `home`: (authority's certificate, server cert, its key)."""
    env = {**os.environ, "WORKSHOP_HOME": str(home)}
    args = [sys.executable, "-m", "toolkit.cli", "tls", "init"]
    for host in hosts:
        args += ["--host", host]
    done = subprocess.run(args, env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    folder = home / "tls"
    return folder / "clinic-ca.crt", folder / "server.crt", folder / "server.key"


def start_tls_server(home: Path, *, extra: tuple[str, ...] = (),
                     notebook: str | None = None) -> tuple[Server, Path]:
    """`workshop serve` with the certificate of `workshop tls init`; (server, authority)."""
    ca, cert, key = tls_init(home)
    server = start_server(home, notebook=notebook,
                          extra=("--certfile", str(cert), "--keyfile", str(key), *extra))
    return replace(server, url=server.url.replace("http://", "https://", 1)), ca


def client_context(ca: Path) -> ssl.SSLContext:
    """A client that trusts only the clinic's authority, and checks the name."""
    return ssl.create_default_context(cafile=str(ca))


def https_request(server: Server, ca: Path, method: str, path: str,
                  headers: dict[str, str] | None = None) -> tuple[int, Any, bytes]:
    """One HTTPS request verified against `ca`, redirects not followed."""
    host, port = server.url.split("//")[1].strip("/").split(":")
    conn = http.client.HTTPSConnection(host, int(port), timeout=120,
                                       context=client_context(ca))
    try:
        conn.request(method, path, headers=headers or {})
        resp = conn.getresponse()
        return resp.status, resp.headers, resp.read()
    finally:
        conn.close()


def spki_pin(cert: Path) -> str:
    """Chromium's --ignore-certificate-errors-spki-list entry for `cert`: it trusts that one
    certificate's key, and still refuses any other."""
    from cryptography import x509
    from cryptography.hazmat.primitives import serialization

    key = x509.load_pem_x509_certificate(cert.read_bytes()).public_key()
    der = key.public_bytes(serialization.Encoding.DER,
                           serialization.PublicFormat.SubjectPublicKeyInfo)
    return base64.b64encode(hashlib.sha256(der).digest()).decode()
