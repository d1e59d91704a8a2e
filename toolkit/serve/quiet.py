"""A quiet console for a counselor: what the server prints is what they need to act on.
Request lines (they carry join codes) and the notices that read like faults while a pool
warms are left out: "Notebook client.ipynb is not trusted" (the app's notebooks run without
being "trusted", which only concerns JupyterLab's editor) and tornado's note that
jupyter_server's websocket ping timeout is longer than its interval (tornado's own pings are
not the ones jupyter_server uses to find dead connections, which keep working)."""

from __future__ import annotations

import logging

NOISE = ("is not trusted", "cannot be longer than the websocket_ping_interval")
"""Parts of log messages that say nothing a counselor could act on."""
LOGGERS = ("ClinicVoila", "Voila", "ServerApp", "tornado.application", "tornado.general")


class _DropNoise(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # a broken record is not ours to judge
            return True
        return not any(part in message for part in NOISE)


def quiet_logs() -> None:
    """Keep request lines and the noise above out of the server's console."""
    logging.getLogger("tornado.access").setLevel(logging.ERROR)
    for name in LOGGERS:
        logger = logging.getLogger(name)
        if not any(isinstance(f, _DropNoise) for f in logger.filters):
            logger.addFilter(_DropNoise())
