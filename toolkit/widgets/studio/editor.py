"""The worksheet chosen in the studio, opened in JupyterLab's editor beside it: under
`workshop studio` the studio runs in JupyterLab's Voila preview (same origin, JupyterLab's
app exposed to the page), so choosing or starting a file there opens that file to edit."""

from __future__ import annotations

from pathlib import Path

import anywidget
import traitlets

LAB_FOLDER_ENV = "WORKSHOP_STUDIO_LAB_FOLDER"
"""Set by `workshop studio`: the worksheets folder's path in JupyterLab's file browser."""


class EditorOpener(anywidget.AnyWidget):
    """Opens `path` (a JupyterLab path) in JupyterLab's editor each time it changes: as a tab
    beside the worksheet already open there, or brought forward if it is open. Does nothing
    outside JupyterLab (a plain Voila page, a notebook without an exposed app)."""

    _esm = """
    function render({ model }) {
      const open = () => {
        const path = model.get("path");
        let app = null;
        try {
          app = window.parent !== window ? window.parent.jupyterapp : null;
        } catch (e) {
          return;  // another origin: not JupyterLab's preview
        }
        if (!path || !app) return;
        const open = [...app.shell.widgets("main")].filter(w => w.context && w.context.path);
        const there = open.find(w => w.context.path === path);
        if (there) { app.shell.activateById(there.id); return; }
        const beside = open.find(w => /\\.ya?ml$/.test(w.context.path));
        const options = beside ? { ref: beside.id, mode: "tab-after" } : { mode: "split-left" };
        app.commands.execute("docmanager:open", { path, factory: "Editor", options });
      };
      model.on("change:path", open);
    }
    export default { render };
    """
    path = traitlets.Unicode("", help="The file to edit, as JupyterLab names it.").tag(sync=True)


def lab_path(file: Path, folder: Path, lab_folder: str) -> str:
    """`file` (in `folder`) as JupyterLab names it, the folder being `lab_folder` there."""
    return f"{lab_folder}/{file.resolve().relative_to(folder.resolve()).as_posix()}"
