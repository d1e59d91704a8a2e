"""Join codes: easy to read aloud and type (no look-alike characters), hard to guess."""

from __future__ import annotations

import math
import re
import secrets

ALPHABET = "23456789ABCDEFGHJKMNPQRSTVWXYZ"
"""No 0/O, 1/I/L or U (U reads like V): 30 symbols, each unmistakable aloud and on paper."""
LENGTH = 9
BITS = LENGTH * math.log2(len(ALPHABET))  # about 44 bits


def new_code() -> str:
    """A random code like 'K7M-4QP-XZ2' (uses the OS's secure random source)."""
    raw = "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))
    return format_code(raw)


def format_code(raw: str) -> str:
    return "-".join(raw[i : i + 3] for i in range(0, LENGTH, 3))


def normalize(text: str | None) -> str | None:
    """The canonical form of a typed code, or None when it cannot be a code at all."""
    if not text:
        return None
    raw = re.sub(r"[\s\-_.]", "", text).upper()
    if len(raw) != LENGTH or any(c not in ALPHABET for c in raw):
        return None
    return format_code(raw)
