"""Files that hold health records: readable and writable by their owner only."""

from __future__ import annotations

import os
import time
from pathlib import Path
from typing import IO, Any


def open_private(path: str | Path, mode: str = "wb", **kwargs: Any) -> IO[Any]:
    """Open `path` for writing (truncated), mode 0600 even if the file already existed."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    os.chmod(path, 0o600)  # O_CREAT keeps the mode of a file that already existed
    return os.fdopen(fd, mode, **kwargs)


def write_private(path: str | Path, data: bytes) -> Path:
    """Write `data` to `path` (0600), making missing folders owner-only (0700)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    with open_private(path) as fh:
        fh.write(data)
    return path


def stamp() -> str:
    """The time now for a file name, e.g. 20261124-142501 (exports, printouts, audit logs)."""
    return time.strftime("%Y%m%d-%H%M%S")


def fsync_dir(path: Path) -> None:
    """Flush a folder's entries to disk, so a file just renamed into it survives a crash."""
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
