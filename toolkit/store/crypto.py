"""Encryption at rest: AES-GCM with a key from WORKSHOP_KEY or a 0600 key file."""

from __future__ import annotations

import base64
import binascii
import hmac
import json
import os
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from toolkit.text.message import Message, MessageError, msg

NONCE_BYTES = 12


NEW_KEY_COMMAND = ('python -c "import base64,os;'
                   'print(base64.urlsafe_b64encode(os.urandom(32)).decode())"')
"""A command that prints a new key, as the error for a malformed one shows it."""


class CryptoKeyError(MessageError, RuntimeError):
    """The key is missing, malformed, or does not open this data. Never returns garbage.
    (str(error) in English, error.message in any language.)"""


def decode_key(text: str, source: str | Message) -> bytes:
    try:
        key = base64.urlsafe_b64decode(text.strip().encode() + b"==")
    except (binascii.Error, ValueError):
        key = b""
    if len(key) != 32:
        raise CryptoKeyError(msg("crypto_bad_key", source=source, command=NEW_KEY_COMMAND))
    return key


def new_key_text() -> str:
    return base64.urlsafe_b64encode(AESGCM.generate_key(bit_length=256)).decode()


def write_key_file(path: Path, key_text: str) -> None:
    """Write a new key file, 0600 from the first byte, flushed to disk; never overwrites."""
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)  # the data folder: owner only
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w") as f:
        f.write(key_text.strip() + "\n")
        f.flush()
        os.fsync(f.fileno())


def read_key_file(path: Path) -> bytes:
    """The key in `path`, refused if other users can read the file."""
    if path.stat().st_mode & 0o077:
        raise CryptoKeyError(msg("crypto_key_file_open", path=path))
    return decode_key(path.read_text(), msg("crypto_key_file", path=path))


def load_key(key_text: str | None, key_file: Path) -> bytes:
    """The key from WORKSHOP_KEY if given, else from `key_file`; never makes one (restoring
    a backup with a brand-new key could only fail)."""
    if key_text:
        return decode_key(key_text, "WORKSHOP_KEY")
    if not key_file.exists():
        raise CryptoKeyError(msg("crypto_no_key", path=key_file))
    return read_key_file(key_file)


def load_or_create_key(key_text: str | None, key_file: Path) -> bytes:
    """The key from WORKSHOP_KEY if given, else from `key_file`, created 0600 on first use."""
    if key_text:
        return decode_key(key_text, "WORKSHOP_KEY")
    if not key_file.exists():
        try:
            write_key_file(key_file, new_key_text())
        except FileExistsError:  # another process made it first: use theirs
            pass
    return read_key_file(key_file)


class Cipher:
    """Seals JSON values; `aad` binds each one to where it is stored, so rows can't be swapped."""

    def __init__(self, key: bytes):
        self._aead = AESGCM(key)
        # A separate key for look-up digests, derived so that one never serves as the other.
        self._mac_key = hmac.new(key, b"workshop-toolkit lookup digest v1", "sha256").digest()

    def digest(self, text: str) -> str:
        """A keyed digest for finding a secret (a join code) without storing it in clear."""
        return hmac.new(self._mac_key, text.encode(), "sha256").hexdigest()

    def seal(self, value: Any, aad: str) -> bytes:
        nonce = os.urandom(NONCE_BYTES)
        data = json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode()
        return nonce + self._aead.encrypt(nonce, data, aad.encode())

    def open(self, blob: bytes, aad: str) -> Any:
        try:
            data = self._aead.decrypt(blob[:NONCE_BYTES], blob[NONCE_BYTES:], aad.encode())
        except (InvalidTag, ValueError):
            raise CryptoKeyError(msg("crypto_cannot_open")) from None
        return json.loads(data)
