"""Following a worksheet file: the studio looks at the file's modification time, size and
inode every second in the kernel's event loop, and reads it again when they change."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

from toolkit.widgets.base import guard

POLL_SECONDS = 1.0
"""How often the watcher looks at the file's modification time."""


class FollowsFile:
    """Polls `path`; `refresh()` (the class's own) reads it again when it changed."""

    path: Path
    _seen: tuple[int, int, int] | None = None
    """The file as last read: modification time (ns), size, inode."""
    _watching: Any = None

    def refresh(self) -> Any:
        raise NotImplementedError

    def poll(self) -> bool:
        """Refresh when the file changed since the last look; True when it did."""
        if self._stamp() == self._seen:
            return False
        self.refresh()
        return True

    def _stamp(self) -> tuple[int, int, int] | None:
        # Size and inode too: two saves within one clock tick, or an editor that saves by
        # renaming a new file over the old one, still count as a change.
        try:
            st = self.path.stat()
        except OSError:
            return None
        return st.st_mtime_ns, st.st_size, st.st_ino

    def watch(self, every: float = POLL_SECONDS) -> bool:
        """Poll the file in the kernel's event loop; False when no loop is running (a plain
        script: call `poll()` or `refresh()` yourself)."""
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:
            return False

        def tick() -> None:
            self._watching = loop.call_later(every, tick)  # first: a failed poll keeps watching
            guard(self.poll)()

        self._watching = loop.call_later(every, tick)
        return True

    def stop_watching(self) -> None:
        """Look at the file no more."""
        if self._watching is not None:
            self._watching.cancel()
            self._watching = None
