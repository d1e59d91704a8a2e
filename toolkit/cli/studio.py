"""`workshop studio`: JupyterLab on 127.0.0.1 with the worksheet studio running by itself
beside the worksheet's YAML in JupyterLab's editor, offline: no Jupyter news, no update
checks, nothing fetched from the internet.

JupyterLab gets its own config, settings and workspace under WORKSHOP_HOME/studio, so a
counselor's other JupyterLab setups are neither used nor changed. Its root is a run folder
made for this run and removed after it: the studio notebook, and a link to the worksheets
folder. Nothing is written into the worksheets folder but the worksheets themselves (file
checkpoints go to the run folder too).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from toolkit.cli.errors import fail
from toolkit.cli.helptext import helped
from toolkit.cli.language import say
from toolkit.settings.paths import NOTEBOOKS_DIR
from toolkit.text.languages import LANGUAGES

NOTEBOOK = "studio.ipynb"
WORKSPACE = "studio"
DEFAULT_PORT = 8890
PREVIEW = "Voila Preview"
"""The JupyterLab document factory of Voila's preview extension (shipped with voila): it shows
/voila/render/<notebook> in a tab, and Voila runs the notebook by itself."""
STOP_GRACE = 15.0
"""Seconds JupyterLab gets to stop its kernels after Ctrl-C before it is ended."""
OWNER = "owner.pid"
"""In a run folder: the process id of the `workshop studio` that made it."""
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
    run_dir: Path
    """Made for this run, removed after it: JupyterLab's root and the file checkpoints."""
    root: Path
    """JupyterLab's root: the studio notebook and `link` to the worksheets folder."""
    link: str


def link_name(folder: Path) -> str:
    """The name the worksheets folder has in JupyterLab's file browser: its own, if plain."""
    name = folder.name
    ok = name and not name.startswith(".") and name != NOTEBOOK and "/" not in name
    return name if ok else "worksheets"


def workspace(file: str | None, folder: str) -> dict:
    """JupyterLab's layout: the worksheet's YAML in the editor (when there is one) beside the
    studio, which Voila's preview runs by itself; the file browser in the worksheets folder."""
    preview = f"voila-preview:{NOTEBOOK}"
    main: dict = {"type": "tab-area", "currentIndex": 0, "widgets": [preview]}
    data: dict = {preview: {"data": {"path": NOTEBOOK, "factory": PREVIEW}},
                  "file-browser-filebrowser:cwd": {"path": folder}}
    if file is not None:
        editor = f"editor:{file}"
        main = {"type": "split-area", "orientation": "horizontal", "sizes": [0.35, 0.65],
                "children": [{"type": "tab-area", "currentIndex": 0, "widgets": [editor]},
                             main]}
        data[editor] = {"data": {"path": file, "factory": "Editor"}}
    data["layout-restorer:data"] = {
        "main": {"dock": main, "current": preview},
        # The file browser stays one click away; the studio gets the room.
        "left": {"collapsed": True, "visible": True, "widgets": ["filebrowser"]}}
    return {"data": data, "metadata": {"id": WORKSPACE}}


def _write_workspace(folder: Path, layout: dict) -> None:
    from jupyterlab_server.workspaces_handler import WorkspacesManager

    WorkspacesManager(folder).save(WORKSPACE, json.dumps(layout))


def _signed_notebook(target: Path, notary_dir: Path) -> None:
    """Copy the studio notebook, signed with the studio's own notary: JupyterLab trusts it,
    so the preview runs it without asking "Untrusted notebook detected"."""
    import nbformat
    from nbformat.sign import NotebookNotary

    nb = nbformat.read(NOTEBOOKS_DIR / NOTEBOOK, as_version=4)
    notary_dir.mkdir(mode=0o700, exist_ok=True)
    notary = NotebookNotary(data_dir=str(notary_dir))
    notary.sign(nb)
    notary.store.close()
    nbformat.write(nb, target)


def _remove_abandoned(runs: Path) -> None:
    """Remove the run folders of studios that were killed before they could clean up (the
    process named in OWNER is gone); a studio still running keeps its own."""
    for run in runs.iterdir():
        try:
            os.kill(int((run / OWNER).read_text()), 0)
        except ProcessLookupError:
            shutil.rmtree(run, ignore_errors=True)
        except (OSError, ValueError):  # no owner yet (just made), or not ours to signal
            continue


def lab_launch(folder: Path, home: Path, *, port: int = DEFAULT_PORT,
               file: Path | None = None, open_browser: bool = True,
               as_root: bool | None = None, lang: str | None = None) -> LabLaunch:
    """Write the studio's JupyterLab config, settings and workspace, and its run folder
    (never anything in `folder`); return the command that starts JupyterLab. `as_root`
    (default: this process's user is root) adds JupyterLab's --allow-root; `lang`, the
    language the studio starts in (its kernel gets it in WORKSHOP_STUDIO_LANG)."""
    from toolkit.serve.server import SHARE, TEMPLATE  # only here: not for every command
    from toolkit.widgets.studio.editor import LAB_FOLDER_ENV, lab_path
    from toolkit.widgets.studio.header import LANG_ENV

    folder, home = folder.resolve(), home.resolve()
    studio_home = home / "studio"
    settings_dir = studio_home / "lab-settings"
    plugin = settings_dir / NOTIFICATION_PLUGIN
    plugin.parent.mkdir(parents=True, exist_ok=True)
    current = json.loads(plugin.read_text()) if plugin.exists() else {}
    plugin.write_text(json.dumps({**current, **NOTIFICATION_SETTINGS}, indent=2))
    (studio_home / "run").mkdir(exist_ok=True)
    _remove_abandoned(studio_home / "run")
    run_dir = Path(tempfile.mkdtemp(prefix=f"{port}-", dir=studio_home / "run"))
    (run_dir / OWNER).write_text(str(os.getpid()))
    root = run_dir / "lab"
    root.mkdir()
    link = link_name(folder)
    (root / link).symlink_to(folder, target_is_directory=True)
    notary_dir = studio_home / "notary"
    _signed_notebook(root / NOTEBOOK, notary_dir)
    config = {
        "ServerApp": {"ip": "127.0.0.1", "port": port, "port_retries": 0,
                      "root_dir": str(root), "open_browser": open_browser,
                      "allow_remote_access": False,
                      # Ctrl-C stops at once instead of asking y/n for 5 seconds.
                      "answer_yes": True,
                      # Voila's page loads MathJax from a CDN unless both are null, as its
                      # own app leaves them (its JavaScript reads them from the page).
                      "tornado_settings": {"mathjax_url": None, "mathjax_config": None}},
        "LabApp": {"news_url": None,
                   "check_for_updates_class": "jupyterlab.NeverCheckForUpdate",
                   # The default extension manager searches PyPI from the sidebar.
                   "extension_manager": "readonly",
                   "user_settings_dir": str(settings_dir),
                   "workspaces_dir": str(studio_home / "workspaces"),
                   "default_url": f"/lab/workspaces/{WORKSPACE}",
                   # The studio, in Voila's preview, opens the file chosen there in the editor.
                   "expose_app_in_browser": True},
        # Absolute: a save's checkpoint goes here, not into `.ipynb_checkpoints` beside it.
        "FileCheckpoints": {"checkpoint_dir": str(run_dir / "checkpoints")},
        "NotebookNotary": {"data_dir": str(notary_dir)},
        # Voila's preview with the client app's own template: nothing from the internet.
        "VoilaConfiguration": {"template": TEMPLATE, "theme": "light",
                               "show_tracebacks": True},  # the counselor's own text only
    }
    relative = lab_path(file, folder, link) if file else None
    _write_workspace(studio_home / "workspaces", workspace(relative, link))
    config_file = studio_home / "jupyter_studio_config.json"
    config_file.write_text(json.dumps(config, indent=2))
    # Where Voila finds that template. WORKSHOP_WORKSHEETS is left as it is: the studio
    # says whether new sessions take a saved worksheet from this folder.
    env = {"JUPYTER_PATH": os.pathsep.join(p for p in (str(SHARE),
                                                       os.environ.get("JUPYTER_PATH")) if p)}
    env[LAB_FOLDER_ENV] = link
    if file is not None:
        env["WORKSHOP_STUDIO_FILE"] = str(file.resolve())
    if lang is not None:
        env[LANG_ENV] = lang
    argv = [sys.executable, "-m", "jupyterlab", f"--config={config_file}"]
    if as_root is None:
        as_root = os.geteuid() == 0
    if as_root:
        argv.append("--allow-root")  # CI and many small clinic servers run as root
    return LabLaunch(argv, env, config, config_file, settings_dir, run_dir, root, link)


def _studio(args: argparse.Namespace) -> int:
    from toolkit.settings.config import Config
    from toolkit.widgets.studio.app import first_worksheet

    config = Config.from_env()
    file = Path(args.file) if args.file else None
    if file is not None and not file.is_file():
        return fail(say("cli_no_worksheet_file", path=file))
    folder = file.parent if file is not None else config.worksheets_dir
    file = file or first_worksheet(folder)  # the one the studio opens, in the editor too
    launch = lab_launch(folder, config.home, port=args.port, file=file,
                        open_browser=not args.no_browser, lang=args.lang)
    print(say("cli_studio_running", folder=folder, url=f"http://127.0.0.1:{args.port}/"),
          flush=True)
    # Its own process group: Ctrl-C reaches this process only (no "Shutdown this Jupyter
    # server (y/[n])?" question), and a JupyterLab that will not stop goes with its kernels.
    proc = subprocess.Popen(launch.argv, env={**os.environ, **launch.env}, cwd=launch.root,
                            start_new_session=True)
    # Ctrl-C, even when started from a script that ignores it (a shell's background job
    # inherits SIGINT ignored), and a service manager's SIGTERM: both stop it the same way.
    for signum in (signal.SIGINT, signal.SIGTERM):
        signal.signal(signum, _interrupt)
    try:
        return proc.wait()
    except KeyboardInterrupt:
        _stop(proc)
        return 0
    finally:
        shutil.rmtree(launch.run_dir, ignore_errors=True)


def _stop(proc: subprocess.Popen[bytes], grace: float = STOP_GRACE) -> None:
    """Ask JupyterLab to stop its kernels and exit; after `grace` seconds, end its group."""
    proc.terminate()
    try:
        proc.wait(timeout=grace)
    except subprocess.TimeoutExpired:
        print(say("cli_studio_killed"), flush=True)
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except ProcessLookupError:  # gone in the meantime
            pass
        proc.wait()


def _interrupt(_signum: int, _frame: object) -> None:
    raise KeyboardInterrupt


def add_studio_command(sub: argparse._SubParsersAction) -> None:
    studio = sub.add_parser("studio", help=helped("help_studio"))
    studio.add_argument("file", nargs="?", help=helped("help_studio_file"))
    studio.add_argument("--port", type=int, default=DEFAULT_PORT,
                        help=helped("help_studio_port", port=DEFAULT_PORT))
    studio.add_argument("--no-browser", action="store_true", help=helped("help_no_browser"))
    studio.add_argument("--lang", choices=list(LANGUAGES), default=None,
                        help=helped("help_studio_lang"))
    studio.set_defaults(func=_studio)
