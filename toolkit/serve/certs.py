"""Reading a certificate and its key before anything listens: what a certificate covers, when
it expires, its fingerprint, and one plain line naming the file when it cannot be used."""

from __future__ import annotations

import datetime as dt
import ssl
from dataclasses import dataclass
from pathlib import Path

from toolkit.text.message import Message, MessageError, msg

EXPIRY_WARNING_DAYS = 30
"""The server warns at start this many days before its certificate expires."""


class TlsError(MessageError, ValueError):
    """A certificate or key that cannot be used; the message names the file and the fix
    (str(error) in English, error.message in any language)."""


@dataclass(frozen=True)
class CertInfo:
    """What a counselor needs to know about one certificate."""

    path: Path
    subject: str
    names: list[str]
    not_before: dt.datetime
    not_after: dt.datetime
    sha256: str
    is_authority: bool

    def days_left(self, now: dt.datetime | None = None) -> int:
        return (self.not_after - (now or dt.datetime.now(dt.UTC))).days


def _read(path: Path, what: Message) -> bytes:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise TlsError(msg("tls_no_file", what=what, path=path)) from None
    except PermissionError:
        raise TlsError(msg("tls_permission_denied", what=what, path=path)) from None
    except IsADirectoryError:
        raise TlsError(msg("tls_is_folder", what=what, path=path)) from None
    except OSError as e:
        raise TlsError(msg("tls_cannot_read", what=what, path=path, reason=e.strerror)) from None


def read_cert(path: Path) -> CertInfo:
    """The first certificate in the PEM file `path`."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes

    data = _read(path, msg("tls_what_certificate"))
    try:
        cert = x509.load_pem_x509_certificates(data)[0]
    except (ValueError, IndexError):
        raise TlsError(msg("tls_not_pem_certificate", path=path)) from None
    try:
        san = cert.extensions.get_extension_for_class(x509.SubjectAlternativeName).value
        names = [*san.get_values_for_type(x509.DNSName),
                 *(str(a) for a in san.get_values_for_type(x509.IPAddress))]
    except x509.ExtensionNotFound:
        names = []
    try:
        is_ca = cert.extensions.get_extension_for_class(x509.BasicConstraints).value.ca
    except x509.ExtensionNotFound:
        is_ca = False
    return CertInfo(path=path, subject=cert.subject.rfc4514_string(), names=names,
                    not_before=cert.not_valid_before_utc, not_after=cert.not_valid_after_utc,
                    sha256=cert.fingerprint(hashes.SHA256()).hex(":").upper(),
                    is_authority=is_ca)


def _check_key(certfile: Path, keyfile: Path) -> None:
    from cryptography import x509
    from cryptography.hazmat.primitives import serialization

    data = _read(keyfile, msg("tls_what_key"))
    try:
        key = serialization.load_pem_private_key(data, password=None)
    except TypeError:
        raise TlsError(msg("tls_key_passphrase", path=keyfile)) from None
    except ValueError:
        raise TlsError(msg("tls_not_pem_key", path=keyfile)) from None
    cert = x509.load_pem_x509_certificates(certfile.read_bytes())[0]
    fmt = (serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo)
    if key.public_key().public_bytes(*fmt) != cert.public_key().public_bytes(*fmt):
        raise TlsError(msg("tls_key_mismatch", keyfile=keyfile, certfile=certfile))


def server_context(certfile: Path, keyfile: Path,
                   now: dt.datetime | None = None) -> tuple[ssl.SSLContext, CertInfo]:
    """The server's TLS settings from a certificate and its key, checked first: readable,
    PEM, in date, the key the certificate's. Raises TlsError with one line."""
    info = read_cert(certfile)
    now = now or dt.datetime.now(dt.UTC)
    if info.not_after <= now:
        raise TlsError(msg("tls_expired", path=certfile, date=f"{info.not_after:%Y-%m-%d}"))
    if info.not_before > now:
        raise TlsError(msg("tls_not_yet_valid", path=certfile,
                           date=f"{info.not_before:%Y-%m-%d}"))
    _check_key(certfile, keyfile)
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.minimum_version = ssl.TLSVersion.TLSv1_2
    try:
        context.load_cert_chain(str(certfile), str(keyfile))
    except ssl.SSLError as e:
        raise TlsError(msg("tls_cannot_use", certfile=certfile, keyfile=keyfile,
                           reason=e.reason or e)) from None
    return context, info


def expiring(info: CertInfo, now: dt.datetime | None = None) -> int | None:
    """The days left when the certificate expires within EXPIRY_WARNING_DAYS (the server
    warns at its start, and `workshop tls show` too), else None."""
    days = info.days_left(now)
    return days if days < EXPIRY_WARNING_DAYS else None
