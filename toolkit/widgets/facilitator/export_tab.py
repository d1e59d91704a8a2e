"""The dashboard's Export tab: the session's answers as CSV and Excel with a data dictionary,
written to the exports folder (owner-only) and zipped into one file to download. Every file is
recorded, so `workshop forget` finds it; sensitive fields only when ticked."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Mapping
from pathlib import Path

import ipywidgets as w

from toolkit.store.files import stamp, write_private
from toolkit.store.store import Session, Store
from toolkit.text.markup import escape
from toolkit.text.strings import ui
from toolkit.widgets.base import guard
from toolkit.widgets.facilitator.downloads import DownloadLinks
from toolkit.worksheet.model import Worksheet


def zip_files(files: list[Path], folder_name: str) -> bytes:
    """The files in one zip, inside a folder named `folder_name`."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for f in files:
            archive.write(f, f"{folder_name}/{f.name}")
    return buffer.getvalue()


class ExportTab(w.VBox):
    """The tick box for sensitive fields, the button, what was written and its download."""

    def __init__(self, store: Store, catalogue: Mapping[str, Worksheet], session: Session,
                 export_dir: Path, lang: str):
        self.store, self.catalogue, self.session = store, catalogue, session
        self.export_dir, self.lang = export_dir, lang
        self.include_sensitive = w.Checkbox(
            value=False, description=ui("dash_include_sensitive", lang),
            indent=False, layout=w.Layout(width="auto"))  # the whole label, not cut
        button = w.Button(description=ui("dash_export", lang), button_style="primary")
        button.add_class("ws-export")
        self.result = w.HTML()
        self.result.add_class("ws-export-result")
        self.links = DownloadLinks(store, session.id, lang)
        button.on_click(guard(lambda _b: self.export()))
        super().__init__(children=[self.include_sensitive, button, self.result, self.links])

    def export(self) -> list[Path]:
        """Write the export (and its zip, when the browser can download it)."""
        from toolkit.reports.export import export_session

        folder = self.export_dir / f"{self.session.id}-{stamp()}"
        sensitive = bool(self.include_sensitive.value)
        files = export_session(self.store, self.session.id, self.catalogue, folder,
                               include_sensitive=sensitive)
        made = list(files)
        if self.links.available:
            made.append(self._zip(files, folder))
        self.store.audit("exported", f"session {self.session.id}",
                         f"{', '.join(f.name for f in made)} in {folder.name}; sensitive "
                         f"fields {'included' if sensitive else 'left out'}")
        self.result.value = (f"<p>{escape(ui('dash_written', self.lang))}</p><ul>"
                             + "".join(f"<li>{escape(f)}</li>" for f in made) + "</ul>")
        self.links.offer(made[-1:] if self.links.available else [])
        return files

    def _zip(self, files: list[Path], folder: Path) -> Path:
        """One zip of the export beside its folder, recorded for the same participants."""
        held = {f.path: f.participant_ids for f in self.store.export_files(self.session.id)}
        ids = sorted({i for f in files for i in held.get(f.resolve(), ())})
        path = folder.with_name(f"{folder.name}-export.zip")
        # Recorded before writing: a file that exists must be one `workshop forget` knows about.
        self.store.record_export([path], self.session.id, ids, kind="export zip")
        return write_private(path, zip_files(files, folder.name))
