"""The clinic's own certificate authority and the server certificate it signs, so answers
cross the clinic's Wi-Fi encrypted: made once with `workshop tls init`, trusted once on each
tablet and phone. Private keys are owner-only files in the data folder's `tls/`, apart from
the database (never in a backup or an export)."""

from __future__ import annotations

import datetime as dt
import ipaddress
import socket
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from toolkit.store.files import write_private
from toolkit.text.message import MessageError, msg

CA_DAYS = 3650
"""The authority lives ten years: each device trusts it once."""
SERVER_DAYS = 825
"""Apple devices refuse a server certificate that lasts longer than 825 days."""
CA_NAME = "Workshop toolkit clinic authority"


class HostsError(MessageError, ValueError):
    """`tls init` was given no name or address to certify (str(error) in English,
    error.message in any language)."""


@dataclass(frozen=True)
class TlsFiles:
    """Where `workshop tls init` keeps its files (WORKSHOP_HOME/tls)."""

    folder: Path

    @property
    def ca_cert(self) -> Path:
        return self.folder / "clinic-ca.crt"

    @property
    def ca_key(self) -> Path:
        return self.folder / "clinic-ca.key"

    @property
    def cert(self) -> Path:
        return self.folder / "server.crt"

    @property
    def key(self) -> Path:
        return self.folder / "server.key"


def tls_files(home: Path) -> TlsFiles:
    """The TLS files of the data folder `home`."""
    return TlsFiles(home / "tls")


def default_hosts() -> list[str]:
    """Names this machine answers to without asking the network: its host name, the same
    with .local (what phones find on most clinic networks), and the loopback names."""
    name = socket.gethostname()
    hosts = [name, f"{name}.local"] if name and name != "localhost" else []
    return [*hosts, "localhost", "127.0.0.1"]


def _split_names(hosts: list[str]) -> tuple[list[str], list[ipaddress._BaseAddress]]:
    names, addresses = [], []
    for host in dict.fromkeys(h.strip().lower() for h in hosts if h.strip()):
        try:
            addresses.append(ipaddress.ip_address(host.strip("[]")))
        except ValueError:
            names.append(host)
    return names, addresses


def _private_key() -> Any:
    from cryptography.hazmat.primitives.asymmetric import ec

    return ec.generate_private_key(ec.SECP256R1())  # every phone and tablet of the last decade


def _pem_key(key: object) -> bytes:
    from cryptography.hazmat.primitives import serialization

    return key.private_bytes(serialization.Encoding.PEM,  # type: ignore[attr-defined]
                             serialization.PrivateFormat.PKCS8,
                             serialization.NoEncryption())


def _make_authority(files: TlsFiles, now: dt.datetime) -> None:
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.x509.oid import NameOID

    key = _private_key()
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME,
                                         f"{CA_NAME} ({socket.gethostname()})")])
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name)
            .public_key(key.public_key()).serial_number(x509.random_serial_number())
            .not_valid_before(now - dt.timedelta(hours=1))
            .not_valid_after(now + dt.timedelta(days=CA_DAYS))
            .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
            .add_extension(x509.KeyUsage(
                digital_signature=True, content_commitment=False, key_encipherment=False,
                data_encipherment=False, key_agreement=False, key_cert_sign=True,
                crl_sign=True, encipher_only=False, decipher_only=False), critical=True)
            .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()),
                           critical=False)
            .sign(key, hashes.SHA256()))
    write_private(files.ca_key, _pem_key(key))
    files.ca_cert.write_bytes(cert.public_bytes(serialization.Encoding.PEM))


def init_tls(files: TlsFiles, hosts: list[str], now: dt.datetime | None = None,
             new_authority: bool = False) -> list[str]:
    """Make the authority (unless there is one already: devices trust it once) and a new
    server certificate for `hosts` (names and addresses); return the names it covers."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

    now = now or dt.datetime.now(dt.UTC)
    names, addresses = _split_names(hosts)
    if not names and not addresses:
        raise HostsError(msg("tls_no_host"))
    files.folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    if new_authority or not (files.ca_cert.exists() and files.ca_key.exists()):
        _make_authority(files, now)
    ca_cert = x509.load_pem_x509_certificate(files.ca_cert.read_bytes())
    ca_key = serialization.load_pem_private_key(files.ca_key.read_bytes(), password=None)
    key = _private_key()
    sans: list[x509.GeneralName] = [x509.DNSName(n) for n in names]
    sans += [x509.IPAddress(a) for a in addresses]
    first = names[0] if names else str(addresses[0])
    cert = (x509.CertificateBuilder()
            .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, first[:64])]))
            .issuer_name(ca_cert.subject).public_key(key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(now - dt.timedelta(hours=1))
            .not_valid_after(min(now + dt.timedelta(days=SERVER_DAYS),
                                 ca_cert.not_valid_after_utc))
            .add_extension(x509.SubjectAlternativeName(sans), critical=False)
            .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
            .add_extension(x509.KeyUsage(
                digital_signature=True, content_commitment=False, key_encipherment=False,
                data_encipherment=False, key_agreement=False, key_cert_sign=False,
                crl_sign=False, encipher_only=False, decipher_only=False), critical=True)
            .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.SERVER_AUTH]),
                           critical=False)
            .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(
                ca_key.public_key()), critical=False)  # type: ignore[arg-type]
            .sign(ca_key, hashes.SHA256()))  # type: ignore[arg-type]
    write_private(files.key, _pem_key(key))
    files.cert.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    return [*names, *(str(a) for a in addresses)]
