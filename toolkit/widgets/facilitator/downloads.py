"""Download links for the files the dashboard makes: "Download <name> (size)", fetched by the
facilitator's browser from the dashboard's own server (toolkit.serve.downloads), so a
facilitator at another desk gets the file too. A link that has lost its file (deleted by
`workshop forget` or `purge`) says so kindly on the next refresh."""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

import ipywidgets as w

from toolkit.access.downloads import (
    download_name,
    download_url,
    folder_from_env,
    issue,
    revoke,
)
from toolkit.store.store import Store
from toolkit.text.formats import decimal
from toolkit.text.languages import DEFAULT_LANGUAGE
from toolkit.text.markup import escape
from toolkit.text.strings import ui

KERNEL_ENV = "VOILA_KERNEL_ID"
"""Set by Voila in the kernel it runs the dashboard in; the server checks it is alive."""
BASE_URL_ENV = "VOILA_BASE_URL"
"""The dashboard server's base URL (such as /f/<id>/ behind nginx), from Voila."""


def file_size(size: int, lang: str = DEFAULT_LANGUAGE) -> str:
    """A file's size as people read it: '820 KB', '1.4 MB' ('1,4 MB')."""
    if size < 1_000_000:
        return ui("download_size_kb", lang, n=max(1, round(size / 1000)))
    return ui("download_size_mb", lang, n=decimal(size / 1_000_000, lang, places=1))


class DownloadLinks(w.HTML):
    """The links for the last files made here; nothing when not served with downloads."""

    def __init__(self, store: Store, session_id: str, lang: str = DEFAULT_LANGUAGE,
                 env: Mapping[str, str] = os.environ):
        super().__init__()
        self.add_class("ws-downloads")
        self.store, self.session_id, self.lang, self.env = store, session_id, lang, env
        self.folder = folder_from_env(env)
        self._offers: list[tuple[str, Path]] = []

    @property
    def available(self) -> bool:
        """Whether this dashboard's server hands files to the browser."""
        return self.folder is not None

    def offer(self, paths: list[Path]) -> None:
        """Links for these files (recorded for the session), in place of the last ones."""
        self.revoke()
        if self.folder is None:
            return
        kernel = self.env.get(KERNEL_ENV, "")
        self._offers = [(issue(self.folder, p, self.session_id, kernel), Path(p).resolve())
                        for p in paths]
        self.render()

    def render(self) -> None:
        """Show a link per file still there, and a kind line for each that is gone."""
        recorded = {f.path for f in self.store.export_files(self.session_id)}
        base = self.env.get(BASE_URL_ENV, "/")
        items = []
        for token, path in self._offers:
            name = download_name(path)
            if path in recorded and path.is_file():
                label = ui("download_link", self.lang, name=name,
                           size=file_size(path.stat().st_size, self.lang))
                items.append(f'<li><a class="ws-download" href="'
                             f'{escape(download_url(base, token))}" download="{escape(name)}">'
                             f"{escape(label)}</a></li>")
            else:
                items.append(f'<li class="ws-download-gone">'
                             f"{escape(ui('download_gone', self.lang, name=name))}</li>")
        html = f'<ul class="ws-download-list">{"".join(items)}</ul>' if items else ""
        if self.value != html:
            self.value = html

    def refresh(self) -> None:
        """Check the offered files are still there (called by the dashboard's refresh)."""
        if self._offers:
            self.render()

    def revoke(self) -> None:
        """Withdraw every offer: the links leave the page and the server refuses them."""
        if self.folder is not None and self._offers:
            revoke(self.folder, [token for token, _ in self._offers])
        self._offers = []
        self.value = ""
