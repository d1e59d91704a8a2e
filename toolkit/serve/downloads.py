"""The dashboard server's download route: the facilitator's browser fetches a file the
dashboard made (a printout, a packet, join cards, an export) from the dashboard's own server.

Only with the dashboard's login (its token, or the cookie the token set) and a ticket a
logged-in dashboard wrote (toolkit.access.downloads), only while its kernel lives, and only
for a file the store's record still lists for that session and that is still on disk; every
download goes to the audit log. The client server has no such route."""

from __future__ import annotations

import mimetypes
import os
import shutil
import tempfile
from pathlib import Path
from typing import Any

from toolkit.access.downloads import (
    DOWNLOADS_ENV,
    ROUTE,
    TOKEN_PATTERN,
    download_name,
    redeem,
)
from toolkit.text.languages import DEFAULT_LANGUAGE, browser_language
from toolkit.text.markup import escape
from toolkit.text.strings import ui

CHUNK = 1 << 20
"""Bytes sent at a time: a 30-person packet is tens of megabytes."""
TYPES = {".pdf": "application/pdf", ".csv": "text/csv; charset=utf-8",
         ".zip": "application/zip",
         ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}


def ticket_folder() -> Path:
    """Make this server's private ticket folder and name it to the kernels it starts (they
    inherit the environment); removed with `remove_folder` when the server stops."""
    folder = Path(tempfile.mkdtemp(prefix="workshop-downloads-"))  # 0700
    os.environ[DOWNLOADS_ENV] = str(folder)
    return folder


def remove_folder(folder: Path) -> None:
    shutil.rmtree(folder, ignore_errors=True)


def download_route(server_url: str, folder: Path) -> tuple[str, type, dict[str, Any]]:
    """The (pattern, handler, arguments) to add to the dashboard server's handlers."""
    from jupyter_server.utils import url_path_join

    pattern = url_path_join(server_url, f"/{ROUTE}/({TOKEN_PATTERN})")
    return pattern, download_handler(), {"folder": folder}


def download_handler() -> type:
    """The handler class (built on demand: jupyter_server is imported by the server only)."""
    import tornado.web
    from jupyter_server.base.handlers import JupyterHandler

    class DownloadHandler(JupyterHandler):
        _store: Any = None

        def initialize(self, folder: Path) -> None:
            self.folder = folder

        async def prepare(self) -> None:  # type: ignore[override]
            # Without the dashboard's login: refused outright, not sent to a login page.
            await super().prepare(_redirect_to_login=False)
            self.set_header("Cache-Control", "no-store")

        @classmethod
        def store(cls) -> Any:
            if cls._store is None:
                from toolkit.settings.config import Config
                from toolkit.store.store import Store

                cls._store = Store.open(Config.from_env())
            return cls._store

        async def get(self, token: str) -> None:
            ticket = redeem(self.folder, token)
            if ticket is None or ticket.kernel_id not in self.kernel_manager:
                raise tornado.web.HTTPError(404)
            store = self.store()
            record = next((f for f in store.export_files(ticket.session_id)
                           if f.path == ticket.path), None)
            if record is None or not ticket.path.is_file():
                raise tornado.web.HTTPError(404)
            name = download_name(ticket.path)
            self.set_header("Content-Type", TYPES.get(ticket.path.suffix.lower()) or
                            mimetypes.guess_type(name)[0] or "application/octet-stream")
            self.set_header("Content-Disposition", f'attachment; filename="{name}"')
            self.set_header("X-Content-Type-Options", "nosniff")
            self.set_header("Content-Length", str(ticket.path.stat().st_size))
            store.audit("downloaded", f"session {ticket.session_id}",
                        f"{record.kind}: {name}")
            with ticket.path.open("rb") as fh:
                while chunk := fh.read(CHUNK):
                    self.write(chunk)
                    await self.flush()

        def write_error(self, status_code: int, **kwargs: Any) -> None:
            """A short page in the browser's language: a file that is gone says so kindly."""
            lang = (browser_language(self.request.headers.get("Accept-Language", ""))
                    or DEFAULT_LANGUAGE)
            key = "download_gone_page" if status_code == 404 else "download_refused_page"
            self.set_header("Cache-Control", "no-store")
            self.set_header("Content-Type", "text/html; charset=utf-8")
            title = escape(ui("dash_title", lang))
            self.finish(f'<!doctype html><html lang="{lang}"><head><meta charset="utf-8">'
                        '<meta name="viewport" content="width=device-width, initial-scale=1">'
                        f"<title>{title}</title></head><body><main><h1>{title}</h1>"
                        f"<p>{escape(ui(key, lang))}</p></main></body></html>")

    return DownloadHandler
