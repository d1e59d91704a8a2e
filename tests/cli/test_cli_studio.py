"""`workshop studio`: JupyterLab on 127.0.0.1, in the worksheets folder, offline; built, not run."""

from __future__ import annotations

import json
from pathlib import Path

from toolkit.cli.main import build_parser
from toolkit.cli.studio import NOTEBOOK, NOTIFICATION_PLUGIN, WORKSPACE, lab_launch


def test_the_studio_runs_jupyterlab_locally_in_the_worksheets_folder(tmp_path: Path):
    """Loopback only, the folder as root, the studio notebook opened and copied there."""
    folder, home = tmp_path / "sheets", tmp_path / "home"
    folder.mkdir()
    launch = lab_launch(folder, home, port=8999, file=folder / "a.yaml", open_browser=False)
    server = launch.config["ServerApp"]
    assert (server["ip"], server["port"], server["root_dir"]) == ("127.0.0.1", 8999, str(folder))
    assert server["allow_remote_access"] is False and server["open_browser"] is False
    assert launch.config["LabApp"]["default_url"] == f"/lab/workspaces/{WORKSPACE}"
    assert (folder / NOTEBOOK).exists()
    assert launch.env == {"WORKSHOP_WORKSHEETS": str(folder),
                          "WORKSHOP_STUDIO_FILE": str(folder / "a.yaml")}
    assert launch.argv[1:] == ["-m", "jupyterlab", f"--config={launch.config_file}"]
    assert json.loads(launch.config_file.read_text()) == launch.config


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


def test_the_workspace_puts_the_file_in_the_editor_beside_the_notebook(tmp_path: Path):
    """Named file: notebook and YAML editor split side by side; none: the notebook alone."""
    from jupyterlab_server.workspaces_handler import WorkspacesManager

    (tmp_path / "a.yaml").write_text("id: a\n")
    lab_launch(tmp_path, tmp_path / "home", file=tmp_path / "a.yaml")
    saved = WorkspacesManager(tmp_path / "home" / "studio" / "workspaces").load(WORKSPACE)
    dock = saved["data"]["layout-restorer:data"]["main"]["dock"]
    assert [c["widgets"] for c in dock["children"]] == [[f"notebook:{NOTEBOOK}"], ["editor:a.yaml"]]
    assert saved["data"]["editor:a.yaml"]["data"] == {"path": "a.yaml", "factory": "Editor"}
    lab_launch(tmp_path, tmp_path / "home")
    saved = WorkspacesManager(tmp_path / "home" / "studio" / "workspaces").load(WORKSPACE)
    assert saved["data"]["layout-restorer:data"]["main"]["dock"]["widgets"] == [
        f"notebook:{NOTEBOOK}"]
