"""The wheel: built offline from this checkout, it carries the worksheets, notebooks and
package data byte for byte, and, installed into a fresh virtual environment outside the
repository, `workshop` checks worksheets, makes a group, prints a PDF and serves the app.

The fresh environment gets the wheel alone (`--no-deps`); its third-party dependencies are
borrowed from this project's .venv through a .pth file naming that site-packages folder.
Installing them from the network would take minutes and fail offline, and what is under
test is the wheel's own contents and paths, not pip's resolver. A plain path line in a .pth
puts a folder on sys.path without running the .pth files inside it, so the checkout's
editable install (`_workshop_toolkit.pth`, which adds the repository) stays invisible; the
test asserts that `toolkit` and the shipped folders resolve inside the fresh environment.
JUPYTER_PATH names .venv/share/jupyter so Voila finds its templates there.
"""

from __future__ import annotations

import http.client
import json
import os
import subprocess
import sys
import sysconfig
import time
import venv
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import psutil
import pytest
from support.lightclient import WIDGET_MARK
from support.servers import free_port

pytestmark = pytest.mark.server

ROOT = Path(__file__).resolve().parents[1]
SHIPPED = {"worksheets": "toolkit/shipped/worksheets", "notebooks": "toolkit/shipped/notebooks"}
"""Repository folder -> where the wheel carries its copy (pyproject's wheel `sources`)."""


@dataclass
class Installed:
    """A fresh virtual environment holding the wheel, and how to run `workshop` there."""

    python: Path
    workshop: Path
    cwd: Path
    env: dict[str, str]

    def run(self, *args: str) -> str:
        """Run `workshop ARGS` from a folder outside the repository; return its stdout."""
        return _run([str(self.workshop), *args], self.cwd, self.env)


def _run(args: list[str], cwd: Path, env: dict[str, str] | None = None) -> str:
    """Run a command to completion (within 3 minutes); its stdout, or a failure with its
    stderr."""
    out = subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True, timeout=180)
    assert out.returncode == 0, f"{' '.join(args)}:\n{out.stderr[-3000:]}"
    return out.stdout


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The wheel, built from the checkout without network (hatchling comes from .venv)."""
    out = tmp_path_factory.mktemp("wheel")
    _run([sys.executable, "-m", "pip", "wheel", str(ROOT), "--no-deps", "--no-build-isolation",
          "--no-index", "-q", "-w", str(out)], out)
    (built,) = out.glob("workshop_toolkit-*.whl")
    return built


@pytest.fixture(scope="module")
def installed(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Installed:
    """The wheel installed alone into a fresh venv in a temporary folder, dependencies
    borrowed from .venv (see the module docstring)."""
    folder = tmp_path_factory.mktemp("fresh")
    assert not folder.resolve().is_relative_to(ROOT)
    env_dir = folder / "venv"
    venv.create(env_dir, symlinks=True)  # no pip: the running pip installs into it
    python = env_dir / "bin" / "python"
    # Install before the .pth exists: pip must not see the checkout's own install there.
    _run([sys.executable, "-m", "pip", "--python", str(python), "install", "--no-deps",
          "--no-index", "-q", str(wheel)], folder)
    site = _run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                folder).strip()
    borrowed = dict.fromkeys(sysconfig.get_paths()[k] for k in ("purelib", "platlib"))
    (Path(site) / "_borrowed_dependencies.pth").write_text("".join(f"{p}\n" for p in borrowed))
    env = {k: v for k, v in os.environ.items()
           if k not in ("PYTHONPATH", "WORKSHOP_DB", "WORKSHOP_KEY", "WORKSHOP_WORKSHEETS",
                        "WORKSHOP_SESSION", "JUPYTER_PATH", "VIRTUAL_ENV")}
    env |= {"WORKSHOP_HOME": str(folder / "home"), "VIRTUAL_ENV": str(env_dir),
            "PATH": f"{env_dir / 'bin'}{os.pathsep}{env.get('PATH', '')}",
            "JUPYTER_PATH": str(Path(sys.prefix) / "share" / "jupyter")}
    cwd = folder / "work"
    cwd.mkdir()
    return Installed(python, env_dir / "bin" / "workshop", cwd, env)


def _repo_files(folder: Path) -> dict[str, bytes]:
    """Files under `folder` (relative names), leaving out hidden and cache files."""
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*")
            if p.is_file() and not any(part.startswith(".") or part == "__pycache__"
                                       for part in p.relative_to(folder).parts)}


def _wheel_files(wheel: Path, prefix: str) -> dict[str, bytes]:
    with zipfile.ZipFile(wheel) as z:
        return {n.removeprefix(f"{prefix}/"): z.read(n) for n in z.namelist()
                if n.startswith(f"{prefix}/")}


@pytest.mark.parametrize("folder", sorted(SHIPPED))
def test_wheel_carries_identical_copies(wheel: Path, folder: str) -> None:
    """The wheel's worksheets/ and notebooks/ are byte-identical to the repository's."""
    repo, shipped = _repo_files(ROOT / folder), _wheel_files(wheel, SHIPPED[folder])
    assert repo, f"nothing in {folder}/"
    assert sorted(shipped) == sorted(repo), "a file is missing from (or extra in) the wheel"
    assert [n for n in repo if shipped[n] != repo[n]] == []


def test_wheel_carries_the_package_and_its_data(wheel: Path) -> None:
    """Every file of toolkit/ (modules, templates, styles, scripts) is in the wheel as is."""
    repo = _repo_files(ROOT / "toolkit")
    shipped = {n: b for n, b in _wheel_files(wheel, "toolkit").items()
               if not n.startswith("shipped/")}
    assert {".py", ".css", ".js", ".j2", ".json"} <= {Path(n).suffix for n in repo}
    assert sorted(shipped) == sorted(repo)
    assert [n for n in repo if shipped[n] != repo[n]] == []


def test_installed_package_is_the_wheel(installed: Installed) -> None:
    """In the fresh venv, toolkit and its worksheets and notebooks come from the venv, and
    no other copy of toolkit (the checkout's editable install) is on sys.path."""
    probe = ("import json, sys, toolkit; from toolkit.settings import paths; print(json.dumps("
             "[toolkit.__file__, str(paths.WORKSHEETS_DIR), str(paths.CLIENT_NOTEBOOK), "
             "str(paths.FACILITATOR_NOTEBOOK), sys.path]))")
    *files, path = json.loads(_run([str(installed.python), "-c", probe], installed.cwd,
                                   installed.env))
    venv_dir = installed.python.parents[1]
    for file in files:
        assert Path(file).is_relative_to(venv_dir) and Path(file).exists(), file
    copies = [p for p in path if (Path(p or installed.cwd) / "toolkit").exists()]
    assert [Path(p).is_relative_to(venv_dir) for p in copies] == [True]


def test_installed_commands_work(installed: Installed) -> None:
    """`workshop check`, `session new` and `pdf mspss --blank` work from the wheel alone."""
    assert "worksheets valid" in installed.run("check")
    assert "mspss" in installed.run("check")
    installed.run("session", "new", "Wheel check", "--participants", "2")
    installed.run("pdf", "mspss", "--blank")
    assert (installed.cwd / "mspss.pdf").read_bytes().startswith(b"%PDF")


@pytest.fixture
def served(installed: Installed) -> Iterator[tuple[str, subprocess.Popen[bytes]]]:
    """`workshop serve` from the fresh venv on a free loopback port (its address and
    process); stopped afterwards with every process it started."""
    port = free_port()
    log = installed.cwd / "serve.log"
    with log.open("wb") as out:
        proc = subprocess.Popen([str(installed.workshop), "serve", "--port", str(port)],
                                cwd=installed.cwd, env=installed.env, stdout=out,
                                stderr=subprocess.STDOUT)
    try:
        _wait_for_port(proc, port, log, deadline=time.monotonic() + 60)
        yield f"127.0.0.1:{port}", proc
    finally:
        _stop(proc)


def _wait_for_port(proc: subprocess.Popen[bytes], port: int, log: Path,
                   deadline: float) -> None:
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise AssertionError(f"workshop serve exited: {log.read_text()[-2000:]}")
        try:
            http.client.HTTPConnection("127.0.0.1", port, timeout=1).connect()
            return
        except OSError:
            time.sleep(0.1)
    raise AssertionError(f"workshop serve not listening within 60 s: {log.read_text()[-2000:]}")


def _stop(proc: subprocess.Popen[bytes]) -> None:
    """Stop the server, then any kernel it left behind."""
    try:
        children = psutil.Process(proc.pid).children(recursive=True)
    except psutil.NoSuchProcess:
        children = []
    proc.terminate()
    try:
        proc.wait(timeout=20)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait(timeout=10)
    _, alive = psutil.wait_procs(children, timeout=10)
    for child in alive:
        child.kill()


def test_installed_server_serves_the_client_app(
        installed: Installed, served: tuple[str, subprocess.Popen[bytes]]) -> None:
    """`workshop serve` from the wheel answers the client app's Voila page with its widget,
    run by a kernel of the fresh venv."""
    address, proc = served
    conn = http.client.HTTPConnection(address, timeout=120)
    try:
        conn.request("GET", "/")
        resp = conn.getresponse()
        body = resp.read()
    finally:
        conn.close()
    assert resp.status == 200
    assert WIDGET_MARK in body and b'"kernelId"' in body
    kernels = [c.cmdline() for c in psutil.Process(proc.pid).children(recursive=True)
               if "ipykernel_launcher" in c.cmdline()]
    assert kernels and all(Path(k[0]).parent == installed.python.parent for k in kernels)
