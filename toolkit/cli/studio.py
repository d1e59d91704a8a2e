"""`workshop studio`: JupyterLab on 127.0.0.1 with the worksheet studio, in the worksheets
folder, offline: no Jupyter news, no update checks, nothing fetched from the internet.

JupyterLab gets its own config file and settings folder under WORKSHOP_HOME/studio, so a
counselor's other JupyterLab setups are neither used nor changed.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from toolkit.cli.errors import fail
from toolkit.settings.paths import NOTEBOOKS_DIR

NOTEBOOK = "studio.ipynb"
WORKSPACE = "studio"
DEFAULT_PORT = 8890
NOTIFICATION_PLUGIN = "@jupyterlab/apputils-extension/notification.jupyterlab-settings"
NOTIFICATION_SETTINGS = {"fetchNews": "false", "checkForUpdates": False}
"""Never ask "Would you like to get notified about official Jupyter news?", never look."""


@dataclass(frozen=True)
class LabLaunch:
    """What `workshop studio` runs: the command, its environment additions, and its files."""

    argv: list[str]
    env: dict[str, str]
    config: dict
    config_file: Path
    settings_dir: Path
    notebook: Path


def workspace(file: str | None) -> dict:
    """JupyterLab's layout: the studio notebook, and the worksheet's YAML in the editor
    beside it (when a file was named), so each save shows in the studio at once."""
    main = {"type": "tab-area", "currentIndex": 0, "widgets": [f"notebook:{NOTEBOOK}"]}
    data: dict = {f"notebook:{NOTEBOOK}": {"data": {"path": NOTEBOOK, "factory": "Notebook"}}}
    if file is not None:
        editor = f"editor:{file}"
        main = {"type": "split-area", "orientation": "horizontal", "sizes": [0.6, 0.4],
                "children": [main, {"type": "tab-area", "currentIndex": 0,
                                    "widgets": [editor]}]}
        data[editor] = {"data": {"path": file, "factory": "Editor"}}
    data["layout-restorer:data"] = {"main": {"dock": main, "current": f"notebook:{NOTEBOOK}"}}
    return {"data": data, "metadata": {"id": WORKSPACE}}


def _write_workspace(folder: Path, file: Path | None, root: Path) -> None:
    from jupyterlab_server.workspaces_handler import WorkspacesManager

    relative = file.relative_to(root).as_posix() if file is not None else None
    WorkspacesManager(folder).save(WORKSPACE, json.dumps(workspace(relative)))


def lab_launch(folder: Path, home: Path, *, port: int = DEFAULT_PORT,
               file: Path | None = None, open_browser: bool = True) -> LabLaunch:
    """Write the studio's JupyterLab config and settings and put the studio notebook in
    `folder` (kept if already there); return the command that starts JupyterLab."""
    folder, home = folder.resolve(), home.resolve()
    studio_home = home / "studio"
    settings_dir = studio_home / "lab-settings"
    plugin = settings_dir / NOTIFICATION_PLUGIN
    plugin.parent.mkdir(parents=True, exist_ok=True)
    current = json.loads(plugin.read_text()) if plugin.exists() else {}
    plugin.write_text(json.dumps({**current, **NOTIFICATION_SETTINGS}, indent=2))
    notebook = folder / NOTEBOOK
    if not notebook.exists():
        shutil.copyfile(NOTEBOOKS_DIR / NOTEBOOK, notebook)
    config = {
        "ServerApp": {"ip": "127.0.0.1", "port": port, "port_retries": 0,
                      "root_dir": str(folder), "open_browser": open_browser,
                      "allow_remote_access": False},
        "LabApp": {"news_url": None,
                   "check_for_updates_class": "jupyterlab.NeverCheckForUpdate",
                   # The default extension manager searches PyPI from the sidebar.
                   "extension_manager": "readonly",
                   "user_settings_dir": str(settings_dir),
                   "workspaces_dir": str(studio_home / "workspaces"),
                   "default_url": f"/lab/workspaces/{WORKSPACE}"},
    }
    _write_workspace(studio_home / "workspaces", file.resolve() if file else None, folder)
    config_file = studio_home / "jupyter_studio_config.json"
    config_file.write_text(json.dumps(config, indent=2))
    env = {"WORKSHOP_WORKSHEETS": str(folder)}
    if file is not None:
        env["WORKSHOP_STUDIO_FILE"] = str(file.resolve())
    argv = [sys.executable, "-m", "jupyterlab", f"--config={config_file}"]
    return LabLaunch(argv, env, config, config_file, settings_dir, notebook)


def _studio(args: argparse.Namespace) -> int:
    from toolkit.settings.config import Config

    config = Config.from_env()
    file = Path(args.file) if args.file else None
    if file is not None and not file.is_file():
        return fail(f"{file}: no such worksheet file")
    folder = file.parent if file is not None else config.worksheets_dir
    launch = lab_launch(folder, config.home, port=args.port, file=file,
                        open_browser=not args.no_browser)
    print(f"Worksheet studio in {folder} on http://127.0.0.1:{args.port}/ (Ctrl-C to stop)")
    try:
        return subprocess.call(launch.argv, env={**os.environ, **launch.env})
    except KeyboardInterrupt:
        return 0


def add_studio_command(sub: argparse._SubParsersAction) -> None:
    studio = sub.add_parser("studio", help="write worksheets in JupyterLab (local, offline)")
    studio.add_argument("file", nargs="?", help="a worksheet file to open (default: the first "
                                                "in the worksheets folder)")
    studio.add_argument("--port", type=int, default=DEFAULT_PORT, help="default 8890")
    studio.add_argument("--no-browser", action="store_true", help="do not open a browser")
    studio.set_defaults(func=_studio)
