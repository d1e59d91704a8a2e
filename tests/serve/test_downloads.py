"""The dashboard's download route on a real `workshop serve --session --base-url /g/<id>/`
behind a real nginx (`workshop deploy nginx`; the dashboard under /f/<id>/): a file goes only to
the dashboard's login, only on a ticket its live kernel holds, only while the store records it;
the client server has no such route."""

from __future__ import annotations

import re
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import psutil
import pytest
from support.facilitator import printed_dashboard_url
from support.nginx import main_conf, nginx_binary, start_nginx
from support.servers import (
    Server,
    free_port,
    request,
    start_server,
    stop_server,
    wait_listening,
)

from toolkit.access.downloads import ROUTE, issue
from toolkit.cli.main import main
from toolkit.settings.config import Config
from toolkit.store.files import write_private
from toolkit.store.store import Store

pytestmark = pytest.mark.server

PDF = b"%PDF-1.4\n% a synthetic printout\n"


@dataclass
class Group:
    server: Server
    dashboard: Server
    """nginx, which sends /f/<id>/ to the dashboard and /g/<id>/ to the client server."""
    store: Store
    session_id: str
    codes: list[str]
    cookie: str
    """The dashboard's login cookie, as the browser holds it after opening the token link."""
    folder: Path
    kernel_id: str


def _kernel(server: Server) -> tuple[Path, str]:
    """The dashboard kernel's ticket folder (from its environment) and kernel id."""
    for pid in server.kernel_pids():
        proc = psutil.Process(pid)
        folder = proc.environ().get("WORKSHOP_DOWNLOADS")
        found = re.search(r"kernel-([0-9a-f-]+)\.json", " ".join(proc.cmdline()))
        if folder and found:
            return Path(folder), found.group(1)
    raise AssertionError("no dashboard kernel")


@pytest.fixture(scope="module")
def group(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Group]:
    """A group of two served under /g/<id>/ behind nginx, its dashboard opened once through
    nginx with its token."""
    binary = nginx_binary()
    home = tmp_path_factory.mktemp("dl") / "home"
    store = Store.open(Config.from_env({"WORKSHOP_HOME": str(home)}))
    session = store.create_session("Download group", ["opening-up"], 2)
    server = start_server(home, extra=("--session", session.id, "--pool", "0",
                                       "--base-url", f"/g/{session.id}/",
                                       "--behind-proxy", "127.0.0.1"))
    proxy = None
    try:
        port = int(server.url.rsplit(":", 1)[1].strip("/"))
        fport, nport = port + 1, free_port()  # the dashboard: the group's port + 1
        conf = home / "workshop.conf"
        with pytest.MonkeyPatch.context() as patch:
            patch.setenv("WORKSHOP_HOME", str(home))
            patch.delenv("WORKSHOP_DB", raising=False)
            assert main(["deploy", "nginx", "-o", str(conf), "--listen", f"127.0.0.1:{nport}",
                         "--upstream", f"{session.id}=127.0.0.1:{port}"]) == 0
        proxy = start_nginx(binary, main_conf(home / "nginx", conf), nport)
        link = "/" + printed_dashboard_url(server, fport).split("/", 3)[3]
        wait_listening(fport, server)
        dashboard = Server(f"http://127.0.0.1:{nport}/", home, server.proc)
        status, headers, _ = request(dashboard, "GET", link)  # runs the dashboard's kernel
        assert status == 200
        cookie = next(c.split(";")[0] for c in headers.get_all("Set-Cookie")
                      if c.startswith("username-"))
        folder, kernel_id = _kernel(server)
        yield Group(server, dashboard, store, session.id,
                    [p.code for p in store.participants(session.id)], cookie, folder,
                    kernel_id)
    finally:
        if proxy is not None:
            proxy.stop()
        stop_server(server)


def _offer(g: Group, name: str, recorded: bool = True, kernel_id: str = "",
           who: int = 1) -> str:
    """A printout of participant `who` in the exports folder, and a ticket for it (the
    first participant is forgotten by one test: the others print the second)."""
    path = g.server.home / "exports" / name
    person = g.store.participant_by_code(g.codes[who])
    assert person is not None
    if recorded:
        g.store.record_export([path], g.session_id, [person.id], kind="filled PDF")
    write_private(path, PDF)
    return issue(g.folder, path, g.session_id, kernel_id or g.kernel_id)


def _get(g: Group, token: str, cookie: bool = True, server: Server | None = None,
         base: str = "") -> tuple[int, object, bytes]:
    path = f"{base or f'/f/{g.session_id}/'}{ROUTE}/{token}"
    return request(server or g.dashboard, "GET", path,
                   headers={"Cookie": g.cookie} if cookie else {})


def test_a_recorded_file_downloads_with_the_dashboard_login_only(group: Group) -> None:
    """With the login cookie: the file as an attachment, never cached, and audited; without
    it: 403 and no byte of the file."""
    token = _offer(group, "s-participant-1-en-letter.pdf")
    status, _, body = _get(group, token, cookie=False)
    assert status == 403 and PDF not in body
    status, headers, body = _get(group, token)
    assert status == 200 and body == PDF
    assert headers["Content-Disposition"] == 'attachment; filename="s-participant-1-en-letter.pdf"'
    assert headers["Cache-Control"] == "no-store"
    assert headers["Content-Type"] == "application/pdf"
    last = group.store.audit_log()[-1]
    assert (last.action, last.target) == ("downloaded", f"session {group.session_id}")


def test_unknown_unrecorded_dead_kernel_and_forgotten_files_are_404(group: Group) -> None:
    """A made-up ticket, a file the store does not record, a ticket of a kernel that is not
    running, and a file removed by `workshop forget`: each a 404 that says so kindly."""
    made_up = "A" * 43
    unrecorded = _offer(group, "not-recorded.pdf", recorded=False)
    dead = _offer(group, "dead-kernel.pdf", kernel_id="0" * 8)
    forgotten = _offer(group, "forgotten.pdf", who=0)
    assert _get(group, forgotten)[0] == 200
    env = {"WORKSHOP_HOME": str(group.server.home), "PATH": "/usr/bin:/bin"}
    subprocess.run([sys.executable, "-m", "toolkit.cli", "forget", "--participant",
                    group.codes[0], "--yes"], env=env, check=True, capture_output=True,
                   timeout=120)
    for token in (made_up, unrecorded, dead, forgotten):
        status, headers, body = _get(group, token)
        assert status == 404, token
        assert b"no longer here" in body and headers["Cache-Control"] == "no-store"


def test_the_client_server_has_no_download_route(group: Group) -> None:
    """The same live ticket on the client server (its own path, the root, the dashboard's
    path; through nginx and straight) is a 404 there, even with the dashboard's cookie."""
    token = _offer(group, "s-blank-en-letter.pdf")
    assert _get(group, token)[0] == 200
    for server, base in ((group.dashboard, f"/g/{group.session_id}/"),
                         *((group.server, b) for b in (f"/g/{group.session_id}/", "/",
                                                       f"/f/{group.session_id}/"))):
        status, _, body = _get(group, token, server=server, base=base)
        assert status == 404 and PDF not in body, (server.url, base)
