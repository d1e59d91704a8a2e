"""One real `workshop studio` (JupyterLab on loopback) shared by the browser tests that need
JupyterLab: the studio's own test and the client app in a JupyterLab notebook. Starting
JupyterLab costs seconds on a busy machine, so it is started once and handed on; a test that
stops it (Ctrl-C) leaves the next one to start another."""

from __future__ import annotations

import json
import signal
import subprocess
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from support.servers import Server, start_server, stop_server
from toolkit.widgets.studio.template import new_worksheet

TOKEN = "studio-test-token"
LANG = "es"
"""The language `workshop studio --lang` starts it in."""


def listing(folder: Path) -> dict[str, bytes | None]:
    """Every path under `folder`, hidden ones too, with each file's bytes."""
    return {p.relative_to(folder).as_posix(): p.read_bytes() if p.is_file() else None
            for p in sorted(folder.rglob("*"))}


@dataclass
class StudioLab:
    """`workshop studio --lang es --no-browser` over a folder of two new worksheets."""

    server: Server
    folder: Path
    home: Path
    before: dict[str, bytes | None]
    """The worksheets folder as it was before the studio started."""

    @property
    def sheet(self) -> Path:
        """The worksheet the studio opens (the first by name)."""
        return self.folder / "my-sheet.yaml"

    @property
    def running(self) -> bool:
        return self.server.proc.poll() is None

    def url(self, path: str = "") -> str:
        """`path` on the JupyterLab server, with its token."""
        sep = "&" if "?" in path else "?"
        return f"{self.server.url}{path}{sep}token={TOKEN}"

    def put_notebook(self, name: str, source: str) -> None:
        """A one-cell notebook at JupyterLab's root, through its contents API (as an upload)."""
        nb = {"nbformat": 4, "nbformat_minor": 5,
              "metadata": {"kernelspec": {"name": "python3", "display_name": "Python 3",
                                          "language": "python"}},
              "cells": [{"cell_type": "code", "id": "c1", "metadata": {},
                         "execution_count": None, "outputs": [], "source": source}]}
        body = json.dumps({"type": "notebook", "format": "json", "content": nb}).encode()
        req = urllib.request.Request(self.url(f"api/contents/{name}"), data=body,
                                     method="PUT",
                                     headers={"Content-Type": "application/json"})
        with urllib.request.urlopen(req, timeout=60) as resp:
            assert resp.status in (200, 201), resp.status

    def ctrl_c(self, timeout: float = 60) -> int:
        """Stop it as a counselor does (SIGINT); its exit status."""
        self.server.proc.send_signal(signal.SIGINT)
        try:
            return self.server.proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            stop_server(self.server)
            raise


def start_studio_lab(root: Path) -> StudioLab:
    """The studio on `root`/sheets, with no FILE (the first worksheet opens), run as this
    machine's user (root in CI: `workshop studio` passes --allow-root itself)."""
    folder, home = root / "sheets", root / "home"
    folder.mkdir(parents=True)
    new_worksheet(folder, "my-sheet")
    new_worksheet(folder, "other-sheet")
    before = listing(folder)
    server = start_server(home, command="studio", extra=("--no-browser", "--lang", LANG),
                          env={"JUPYTER_TOKEN": TOKEN, "WORKSHOP_WORKSHEETS": str(folder)})
    return StudioLab(server, folder, home, before)


class StudioLabs:
    """The running studio, started when first asked for or after one was stopped."""

    def __init__(self, make_root: object) -> None:
        self._make_root = make_root
        self._labs: list[StudioLab] = []

    def current(self) -> StudioLab:
        if not self._labs or not self._labs[-1].running:
            self._labs.append(start_studio_lab(self._make_root()))  # type: ignore[operator]
        return self._labs[-1]

    def stop_all(self) -> None:
        for lab in self._labs:
            if lab.running:
                stop_server(lab.server)
