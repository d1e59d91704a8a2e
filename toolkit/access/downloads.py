"""Download tickets: how the dashboard lets the facilitator's browser fetch a file it made
from the dashboard's own server. The server makes a private folder and names it to its
kernels in WORKSHOP_DOWNLOADS; a logged-in dashboard writes one small ticket there per file it
offers; the server's download handler honours a ticket only while it is there, the kernel that
wrote it is alive and the file is in the store's record. Log off removes the tickets.

A ticket file is named by the SHA-256 of its token, so the folder never holds a usable token.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import secrets
import time
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from toolkit.store.files import write_private

DOWNLOADS_ENV = "WORKSHOP_DOWNLOADS"
"""The dashboard server's ticket folder, set by the server for its kernels."""
ROUTE = "workshop-download"
"""The download handler's path segment under the dashboard's base URL."""
MAX_AGE = 12 * 3600.0
"""Seconds a ticket lasts at most, even if its kernel never logs off."""
TOKEN_PATTERN = r"[A-Za-z0-9_-]{43}"
"""A token as secrets.token_urlsafe(32) writes it; the route matches nothing else."""
_TOKEN = re.compile(TOKEN_PATTERN)
_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


@dataclass(frozen=True)
class Ticket:
    """One offered file: where it is, its session, and the kernel that offered it."""

    path: Path
    session_id: str
    kernel_id: str
    made_at: float


def folder_from_env(env: Mapping[str, str] = os.environ) -> Path | None:
    """The ticket folder this process may write to, or None when not served with downloads."""
    value = env.get(DOWNLOADS_ENV, "")
    return Path(value) if value and Path(value).is_dir() else None


def _ticket_file(folder: Path, token: str) -> Path:
    return folder / hashlib.sha256(token.encode("ascii")).hexdigest()


def issue(folder: Path, path: Path, session_id: str, kernel_id: str = "") -> str:
    """Offer `path` (a file recorded for `session_id`) for download; returns the token."""
    token = secrets.token_urlsafe(32)
    record = {"path": str(Path(path).resolve()), "session_id": session_id,
              "kernel_id": kernel_id, "made_at": time.time()}
    write_private(_ticket_file(folder, token), json.dumps(record).encode("utf-8"))
    return token


def redeem(folder: Path, token: str, now: float | None = None) -> Ticket | None:
    """The ticket for `token`, or None when it is malformed, revoked or too old."""
    if not _TOKEN.fullmatch(token):
        return None
    try:
        record = json.loads(_ticket_file(folder, token).read_text(encoding="utf-8"))
        ticket = Ticket(Path(record["path"]), str(record["session_id"]),
                        str(record["kernel_id"]), float(record["made_at"]))
    except (OSError, ValueError, KeyError, TypeError):
        return None
    now = time.time() if now is None else now
    return ticket if 0 <= now - ticket.made_at <= MAX_AGE else None


def revoke(folder: Path, tokens: Iterable[str]) -> None:
    """Withdraw these offers (a missing one is already withdrawn)."""
    for token in tokens:
        if _TOKEN.fullmatch(token):
            _ticket_file(folder, token).unlink(missing_ok=True)


def download_url(base_url: str, token: str) -> str:
    """The path the browser fetches a ticket's file from, under the dashboard's base URL."""
    return f"{base_url.rstrip('/')}/{ROUTE}/{token}"


def download_name(path: Path) -> str:
    """A file name safe in a Content-Disposition header and on any disk: letters, digits,
    '.', '-' and '_' only, never hidden, never empty."""
    name = _UNSAFE.sub("-", Path(path).name).strip(".-") or "download"
    return name[-120:]
