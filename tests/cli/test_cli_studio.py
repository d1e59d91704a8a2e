"""`workshop studio`: JupyterLab on 127.0.0.1 beside the worksheets folder, offline, running the
studio by itself; built and checked with JupyterLab's own parts, not run (the browser test
runs it)."""

from __future__ import annotations

import asyncio
import json
import os
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from toolkit.cli.main import build_parser
from toolkit.cli.studio import NOTEBOOK, NOTIFICATION_PLUGIN, PREVIEW, WORKSPACE, lab_launch


def _listing(folder: Path) -> list[str]:
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*"))


def test_the_studio_runs_jupyterlab_locally_beside_the_worksheets_folder(tmp_path: Path):
    """Loopback only; JupyterLab's root is a run folder with the notebook and a link to the
    worksheets folder, which gets nothing written into it."""
    folder, home = tmp_path / "sheets", tmp_path / "home"
    folder.mkdir()
    (folder / "a.yaml").write_text("id: a\n")
    launch = lab_launch(folder, home, port=8999, file=folder / "a.yaml", open_browser=False)
    server = launch.config["ServerApp"]
    assert (server["ip"], server["port"], server["root_dir"]) == ("127.0.0.1", 8999,
                                                                  str(launch.root))
    assert server["allow_remote_access"] is False and server["open_browser"] is False
    assert launch.config["LabApp"]["default_url"] == f"/lab/workspaces/{WORKSPACE}"
    assert _listing(folder) == ["a.yaml"]
    assert sorted(p.name for p in launch.root.iterdir()) == ["sheets", NOTEBOOK]
    assert (launch.root / "sheets").resolve() == folder.resolve()
    assert launch.run_dir.is_relative_to(home / "studio" / "run")
    assert launch.env["WORKSHOP_STUDIO_FILE"] == str(folder / "a.yaml")
    assert "WORKSHOP_WORKSHEETS" not in launch.env  # the one new sessions use, unchanged
    assert launch.argv[1:4] == ["-m", "jupyterlab", f"--config={launch.config_file}"]
    assert json.loads(launch.config_file.read_text()) == launch.config


def test_a_killed_studio_s_run_folder_is_removed_by_the_next(tmp_path: Path):
    """A run folder whose studio is gone (killed, no Ctrl-C) goes at the next start; a
    running studio's stays."""
    import subprocess
    import sys

    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    first = lab_launch(tmp_path, tmp_path / "home")
    (first.run_dir / "owner.pid").write_text(str(dead.pid))
    alive = lab_launch(tmp_path, tmp_path / "home")  # this process: still running
    third = lab_launch(tmp_path, tmp_path / "home")
    assert not first.run_dir.exists() and alive.run_dir.exists() and third.run_dir.exists()


def test_allow_root_only_when_running_as_root(tmp_path: Path):
    """JupyterLab refuses root without --allow-root; it is passed for root only."""
    assert lab_launch(tmp_path, tmp_path / "home", as_root=True).argv[-1] == "--allow-root"
    assert "--allow-root" not in lab_launch(tmp_path, tmp_path / "home", as_root=False).argv
    assert ("--allow-root" in lab_launch(tmp_path, tmp_path / "home").argv) == (
        os.geteuid() == 0)


def test_saves_leave_no_checkpoints_and_the_notebook_is_trusted(tmp_path: Path):
    """JupyterLab's own contents manager, given the config: a save's checkpoint goes to the
    run folder, not `.ipynb_checkpoints` in the worksheets folder; the studio notebook opens
    trusted, so Voila's preview runs it without asking."""
    from jupyter_server.services.contents.largefilemanager import AsyncLargeFileManager
    from traitlets.config import Config

    folder = tmp_path / "sheets"
    folder.mkdir()
    (folder / "a.yaml").write_text("id: a\n")
    launch = lab_launch(folder, tmp_path / "home", file=folder / "a.yaml")
    contents = AsyncLargeFileManager(root_dir=str(launch.root), config=Config(launch.config))

    async def save_and_open() -> dict:
        model = await contents.get("sheets/a.yaml")
        await contents.save({**model, "content": "id: b\n"}, "sheets/a.yaml")
        await contents.create_checkpoint("sheets/a.yaml")
        return await contents.get(NOTEBOOK)

    with ThreadPoolExecutor(1) as pool:  # its own event loop, whatever else runs here
        notebook = pool.submit(asyncio.run, save_and_open()).result()
    assert (folder / "a.yaml").read_text() == "id: b\n" and _listing(folder) == ["a.yaml"]
    assert list((launch.run_dir / "checkpoints").iterdir())
    cells = notebook["content"]["cells"]
    assert [c["metadata"].get("trusted") for c in cells if c["cell_type"] == "code"] == [True]


def test_news_and_update_checks_are_off(tmp_path: Path):
    """No news feed, no update check on the server, and the settings say Never to both."""
    launch = lab_launch(tmp_path, tmp_path / "home")
    lab = launch.config["LabApp"]
    assert lab["news_url"] is None
    assert lab["check_for_updates_class"] == "jupyterlab.NeverCheckForUpdate"
    assert lab["extension_manager"] == "readonly"  # no PyPI search from the sidebar
    settings = json.loads((launch.settings_dir / NOTIFICATION_PLUGIN).read_text())
    assert settings == {"fetchNews": "false", "checkForUpdates": False}
    assert lab["user_settings_dir"] == str(launch.settings_dir)


def test_jupyterlab_reads_the_config(tmp_path: Path):
    """JupyterLab's own app, given the written file, has news off and the studio's settings."""
    from jupyterlab.handlers.announcements import NeverCheckForUpdate
    from jupyterlab.labapp import LabApp
    from traitlets.config.loader import JSONFileConfigLoader

    launch = lab_launch(tmp_path, tmp_path / "home")
    folder = str(launch.config_file.parent)
    config = JSONFileConfigLoader(launch.config_file.name, folder).load_config()
    app = LabApp(config=config)
    assert app.news_url is None and app.check_for_updates_class is NeverCheckForUpdate
    assert app.user_settings_dir == str(launch.settings_dir)


def test_the_command_is_registered():
    """`workshop studio [FILE] --port P --no-browser` parses."""
    args = build_parser().parse_args(["studio", "x.yaml", "--port", "9000", "--no-browser"])
    assert (args.file, args.port, args.no_browser) == ("x.yaml", 9000, True)


def test_a_missing_file_is_one_clear_line(tmp_path: Path, monkeypatch, capsys):
    """`workshop studio nope.yaml` says so and starts nothing."""
    from toolkit.cli.main import main

    monkeypatch.setenv("WORKSHOP_HOME", str(tmp_path / "home"))
    assert main(["studio", str(tmp_path / "nope.yaml"), "--no-browser"]) == 1
    missing = tmp_path / "nope.yaml"
    assert capsys.readouterr().err == f"workshop: {missing}: no such worksheet file\n"


def test_the_workspace_opens_the_editor_beside_the_running_studio(tmp_path: Path):
    """Named file: its YAML in the editor beside Voila's preview of the studio (which runs by
    itself); none: the preview alone. The file browser starts in the worksheets folder."""
    from jupyterlab_server.workspaces_handler import WorkspacesManager

    folder = tmp_path / "sheets"
    folder.mkdir()
    (folder / "a.yaml").write_text("id: a\n")
    saved_to = WorkspacesManager(tmp_path / "home" / "studio" / "workspaces")
    lab_launch(folder, tmp_path / "home", file=folder / "a.yaml")
    saved = saved_to.load(WORKSPACE)["data"]
    dock = saved["layout-restorer:data"]["main"]["dock"]
    preview = f"voila-preview:{NOTEBOOK}"
    assert [c["widgets"] for c in dock["children"]] == [["editor:sheets/a.yaml"], [preview]]
    assert saved["editor:sheets/a.yaml"]["data"] == {"path": "sheets/a.yaml", "factory": "Editor"}
    assert saved[preview]["data"] == {"path": NOTEBOOK, "factory": PREVIEW}
    assert saved["file-browser-filebrowser:cwd"] == {"path": "sheets"}
    lab_launch(folder, tmp_path / "home")
    dock = saved_to.load(WORKSPACE)["data"]["layout-restorer:data"]["main"]["dock"]
    assert dock["widgets"] == [preview]
    assert _listing(folder) == ["a.yaml"]  # with a file or without, nothing written there


def test_voila_preview_is_the_installed_extension_s_factory():
    """The preview factory named in the workspace is the one Voila's JupyterLab extension
    (installed with voila) registers, so the workspace can restore it."""
    import voila

    static = Path(voila.__file__).parent / "labextensions" / "jupyterlab-preview" / "static"
    installed = [p for p in static.glob("*.js") if f'name:"{PREVIEW}"' in p.read_text()]
    assert installed and 'namespace:"voila-preview"' in installed[0].read_text()


def test_lang_reaches_the_studio_through_the_kernel_s_environment(tmp_path: Path, home: Path,
                                                                  monkeypatch):
    """`workshop studio --lang es`: JupyterLab (and so the kernel Voila's preview starts)
    gets WORKSHOP_STUDIO_LANG=es, and the studio notebook's own code, run with that
    environment, shows the studio in Spanish, its printed pages' words too."""
    import ast

    from toolkit.widgets.studio.template import new_worksheet

    args = build_parser().parse_args(["studio", "--lang", "es", "--no-browser"])
    assert args.lang == "es"
    folder = tmp_path / "sheets"
    folder.mkdir()
    sheet = new_worksheet(folder, "my-sheet")
    launch = lab_launch(folder, home, file=sheet, open_browser=False, lang=args.lang)
    assert launch.env["WORKSHOP_STUDIO_LANG"] == "es"
    for name, value in launch.env.items():
        monkeypatch.setenv(name, value)
    monkeypatch.delenv("QUERY_STRING", raising=False)
    cell = json.loads((launch.root / NOTEBOOK).read_text())["cells"][0]
    tree = ast.parse("".join(cell["source"]))
    shown: dict = {}
    exec(compile(ast.Module(tree.body[:-1], []), NOTEBOOK, "exec"), shown)
    studio = eval(compile(ast.Expression(tree.body[-1].value), NOTEBOOK, "eval"), shown)
    try:
        assert studio.path == sheet and studio.lang == "es"
        assert "<h1>Taller de hojas de trabajo</h1>" in studio.header.title.value
        assert "página 1 de" in studio.blank.value and studio.save.description == (
            "Guardar como versión nueva")
    finally:
        studio.close()


def test_an_unknown_language_is_refused(capsys):
    """`workshop studio --lang xx` names the languages it speaks and starts nothing."""
    import pytest

    with pytest.raises(SystemExit):
        build_parser().parse_args(["studio", "--lang", "xx"])
    assert "invalid choice: 'xx'" in capsys.readouterr().err


def test_a_jupyterlab_that_will_not_stop_is_ended_with_its_kernels(tmp_path: Path):
    """After Ctrl-C JupyterLab gets a grace time; one that ignores it is ended, and so is
    what it started (its kernels), so `workshop studio` never hangs or leaves them behind."""
    import signal
    import subprocess
    import sys
    import time

    from toolkit.cli.studio import _stop

    pidfile = tmp_path / "kernel.pid"
    stubborn = ("import signal, subprocess, sys, time\n"
                "signal.signal(signal.SIGTERM, signal.SIG_IGN)\n"
                "k = subprocess.Popen([sys.executable, '-c', 'import time; time.sleep(60)'])\n"
                f"open({str(pidfile)!r}, 'w').write(str(k.pid))\n"
                "time.sleep(60)\n")
    proc = subprocess.Popen([sys.executable, "-c", stubborn], start_new_session=True)
    while not pidfile.exists() or not pidfile.read_text():
        time.sleep(0.05)
    kernel = int(pidfile.read_text())
    started = time.monotonic()
    _stop(proc, grace=1.0)
    assert proc.returncode == -signal.SIGKILL and time.monotonic() - started < 10
    for _ in range(100):  # the kernel was in its group: it goes too (a zombie is gone)
        stat = Path(f"/proc/{kernel}/stat")
        if not stat.exists() or stat.read_text().rsplit(")", 1)[1].split()[0] == "Z":
            break
        time.sleep(0.05)
    else:
        raise AssertionError("the kernel was left running")
