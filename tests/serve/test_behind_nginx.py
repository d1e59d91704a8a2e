"""A real nginx (written by `workshop deploy nginx`) in front of two groups' `workshop serve
--session ID --base-url /g/<id>/ --behind-proxy` servers sharing one PostgreSQL store and key:
what a client's phone does through nginx, and what a whole group joining at once does.

One module-scoped `site` for every test here: its warm pools are sized for the tests'
joins together (a whole group at the end), so no test waits for a refill. The tests run in
file order: the light clients after the browser test get pages whose preload header lists
everything the browser loaded (it once overflowed nginx's room for headers: 502)."""

from __future__ import annotations

import http.client
import re
import statistics
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import pytest
from support.browser import join
from support.lightclient import (
    Jar,
    LightPage,
    at_once,
    light_join,
    open_page,
    widget_states,
)
from support.nginx import main_conf, nginx_binary, start_nginx
from support.servers import (
    Server,
    free_port,
    start_server,
    stop_server,
    wait_listening,
    wait_ready,
)

from toolkit.access.clientid import COOKIE
from toolkit.access.ratelimit import POLICY
from toolkit.cli.main import main
from toolkit.settings.config import Config
from toolkit.store.codes import new_code
from toolkit.store.store import Store

GROUP = 20
"""Light clients joining each group at the same moment (the group's first meeting)."""
POOL = GROUP + 4
"""Warm kernels per group: the whole group, and one for each test here that opens a page
at that group's route before the group joins (refills come only 30 s after a join)."""


F = TypeVar("F")


def behind_nginx(test: F) -> F:
    """Marks a test that uses the servers behind nginx, on PostgreSQL."""
    return pytest.mark.postgres(pytest.mark.server(test))


@dataclass
class Proxied:
    """nginx's address, the groups' servers and a join code of each, by session id;
    the shared store."""

    url: str
    servers: dict[str, Server]
    codes: dict[str, str]
    home: Path
    store: Store
    group: dict[str, list[str]]
    """The rest of each group's codes, for the whole group joining at once."""


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory, pg_cluster: Any) -> Iterator[Proxied]:
    """nginx on a free port; behind it group A's and group B's servers, sharing one
    PostgreSQL store (and one key)."""
    binary = nginx_binary()
    home = tmp_path_factory.mktemp("nginx") / "home"
    env = {"WORKSHOP_HOME": str(home), "WORKSHOP_DB": pg_cluster.fresh_database()}
    store = Store.open(Config.from_env(env))
    sessions = [store.create_session(n, ["mspss"], 1 + GROUP) for n in ("A", "B")]
    servers: dict[str, Server] = {}
    proxy = None
    try:
        for s in sessions:
            servers[s.id] = start_server(home, extra=(
                "--session", s.id, "--pool", str(POOL), "--base-url", f"/g/{s.id}/",
                "--behind-proxy", "127.0.0.1"), env=env)
        port = free_port()
        conf = home / "workshop.conf"
        with pytest.MonkeyPatch.context() as patch:
            for name, value in env.items():
                patch.setenv(name, value)
            assert main(["deploy", "nginx", "-o", str(conf), "--listen", f"127.0.0.1:{port}",
                         *(a for s in sessions for a in (
                             "--upstream", f"{s.id}=127.0.0.1:{_port(servers[s.id])}"))]) == 0
        proxy = start_nginx(binary, main_conf(home / "nginx", conf), port)
        for server in servers.values():
            wait_ready(server, timeout=600)
            wait_listening(_port(server) + 1, server)  # its dashboard, which nginx routes to
        people = {s.id: [p.code for p in store.participants(s.id)] for s in sessions}
        yield Proxied(f"http://127.0.0.1:{port}", servers,
                      {sid: codes[0] for sid, codes in people.items()}, home, store,
                      {sid: codes[1:] for sid, codes in people.items()})
    finally:
        if proxy is not None:
            proxy.stop()
        # Both at once: each takes seconds to stop its two dozen kernels.
        with ThreadPoolExecutor() as stopping:
            list(stopping.map(stop_server, servers.values()))


def _port(server: Server) -> int:
    return int(server.url.rsplit(":", 1)[1].strip("/"))


def _get(site: Proxied, path: str) -> tuple[int, bytes]:
    conn = http.client.HTTPConnection(site.url.split("//")[1], timeout=60)
    try:
        conn.request("GET", path)
        resp = conn.getresponse()
        return resp.status, resp.read()
    finally:
        conn.close()


@behind_nginx
def test_each_group_joins_through_nginx(site: Proxied) -> None:
    """A light client joins each group at its own route with its code (page, then the
    kernel's websocket through nginx)."""
    for sid, code in site.codes.items():
        assert light_join(f"{site.url}/g/{sid}/", code, timeout=90) is not None, sid
    assert not (site.home / "workshop.sqlite").exists()  # both on the PostgreSQL store


@behind_nginx
def test_a_code_at_another_groups_route_is_refused_kindly(site: Proxied) -> None:
    """Group A's code at group B's route opens B's app, which says kindly it does not know
    the code."""
    a, b = list(site.codes)
    page = open_page(f"{site.url}/g/{b}/", site.codes[a], timeout=90)
    assert page is not None
    states = widget_states(f"{site.url}/g/{b}/", *page, timeout=90)
    assert states is not None and "couldn" in states


@behind_nginx
def test_nothing_else_is_served(site: Proxied) -> None:
    """/, unknown groups, the servers' own paths without a group, and the dashboards of
    groups not routed give 404."""
    a = next(iter(site.codes))
    for path in ("/", "/g/", "/g/s-nope/", "/api/kernels", "/voila/static/voila.js",
                 "/f/s-nope/", f"/g/{a}/api/contents"):
        assert _get(site, path)[0] == 404, path


@behind_nginx
def test_the_page_loads_its_files_under_the_prefix(site: Proxied) -> None:
    """The page's scripts and styles are addressed under /g/<id>/ and load through nginx."""
    a = next(iter(site.codes))
    status, body = _get(site, f"/g/{a}/")
    assert status == 200
    links = set(re.findall(rb'(?:src|href)="(/[^"]*)"', body))
    assert links and all(link.startswith(f"/g/{a}/".encode()) for link in links), links
    for link in sorted(links)[:5]:
        assert _get(site, link.decode())[0] == 200, link


@behind_nginx
def test_the_dashboard_answers_on_its_own_route_only(site: Proxied) -> None:
    """/f/<id>/ reaches the group's dashboard (with its token); the client route does not."""
    a = next(iter(site.codes))
    log = site.servers[a].log
    assert log is not None
    token = re.search(r"/f/[^/]+/\?token=(\S+)", log.read_text())
    assert token, "the server printed no dashboard address"
    assert _get(site, f"/f/{a}/?token={token.group(1)}")[0] == 200
    assert _get(site, f"/f/{a}/")[0] != 200  # no token, no dashboard
    assert _get(site, f"/g/{a}/f/{a}/?token={token.group(1)}")[0] == 404


@behind_nginx
def test_a_closed_tabs_beacon_reaches_its_groups_server(site: Proxied) -> None:
    """The page's shutdown beacon (/g/<id>/voila/api/shutdown/<kernel>) goes through nginx
    to the server that owns the kernel, which stops it; the other group's server does not
    know it."""
    a, b = list(site.codes)
    page = open_page(f"{site.url}/g/{b}/", site.codes[b], timeout=90)
    assert page is not None
    kernel, cookies = page
    xsrf = re.search(r"_xsrf=([^;]+)", cookies)
    assert xsrf, cookies

    def beacon(group: str) -> int:
        conn = http.client.HTTPConnection(site.url.split("//")[1], timeout=60)
        try:
            conn.request("POST", f"/g/{group}/voila/api/shutdown/{kernel}",
                         body=f"_xsrf={xsrf.group(1)}", headers={
                             "Cookie": cookies,
                             "Content-Type": "application/x-www-form-urlencoded"})
            resp = conn.getresponse()
            resp.read()
            return resp.status
        finally:
            conn.close()

    assert beacon(a) == 404  # group A's server never had this kernel
    assert beacon(b) == 204
    assert beacon(b) == 404  # gone



@behind_nginx
@pytest.mark.browser
def test_a_browser_answers_through_nginx(site: Proxied, page: Any) -> None:
    """Chromium joins group A through nginx and saves an answer: nothing fails to load, and
    every request stays under /g/<id>/."""
    a = next(iter(site.codes))
    prefix = f"{site.url}/g/{a}/"
    failed: list[str] = []
    page.on("response", lambda r: failed.append(f"{r.status} {r.url}") if r.status >= 400
            else None)
    join(page, prefix, site.codes[a])
    page.locator(".ws-sheet-mspss .ws-open").click()
    page.locator(".ws-item-item1 .ws-choice").first.click()
    page.wait_for_selector(".ws-status-saved", timeout=15_000)
    assert failed == []
    assert [u for u in page.requested if not u.startswith((prefix, "blob:", "data:"))] == []


def _unknown_codes(store: Store, n: int) -> list[str]:
    """`n` well-formed join codes that open no one."""
    found: list[str] = []
    while len(found) < n:
        code = new_code()
        if store.participant_by_code(code) is None and code not in found:
            found.append(code)
    return found


def _join_disabled(page: LightPage) -> bool:
    return page.models[page.find("ws-join")[0]].get("disabled") is True


@behind_nginx
def test_wrong_codes_at_both_groups_add_up_for_one_browser(site: Proxied) -> None:
    """One browser's wrong codes count together across the groups' servers: its
    `workshop_client` cookie (set at group A's route) goes with it to group B's route, and
    both servers count in the shared store. 3 wrong at A and 2 at B are still free; the
    6th, at B, must wait, though B has seen only 3."""
    a, b = list(site.codes)
    assert POLICY.free == 5
    wrong = _unknown_codes(site.store, 6)
    browser = Jar()  # what one browser keeps for nginx's host name, sent by path
    tries = {a: wrong[:3], b: wrong[3:]}
    for group in (a, b):
        url = f"{site.url}/g/{group}/"
        if group == b:  # the cookie set at A's route goes to B's (Path=/, one host name)
            assert f"{COOKIE}=" in browser.header(f"/g/{b}/"), "B's route gets no cookie"
        page = open_page(url, tries[group][0], timeout=90, jar=browser)
        assert page is not None
        with LightPage(url, *page, timeout=90) as screen:
            assert "couldn" in screen.text()
            for code in tries[group][1:]:
                # Up to the 5th wrong code: no wait (English: "Please wait 2 seconds, ...").
                assert not _join_disabled(screen) and "Please wait" not in screen.text()
                screen.type(code, "ws-code")
                screen.tap("ws-join")
            if group == b:  # group B's 3rd wrong code was the browser's 6th
                assert _join_disabled(screen), "the 6th wrong code did not have to wait"
                assert "Please wait" in screen.text(), "the page does not say to wait"


FIRST_CHOICE = 1
"""The value of the MSPSS's first choice (worksheets/mspss.yaml, `agree7`)."""


def _join_and_answer(url: str, code: str, timeout: float) -> tuple[float, float] | None:
    """A new participant's phone: join (timed until the consent notice's widgets are there),
    agree, open the MSPSS, tap item 1's first choice, and wait for "Saved" (timed too)."""
    started = time.perf_counter()
    page = open_page(url, code, timeout)
    if page is None:
        return None
    with LightPage(url, *page, timeout=timeout) as screen:
        if not screen.wait(lambda: bool(screen.find("ws-consent-agree"))):
            return None
        joined = time.perf_counter() - started
        screen.tap("ws-consent-agree")
        screen.tap("ws-sheet-mspss", "ws-open")
        screen.tap("ws-item-item1", "ws-choice")
        if not screen.wait(lambda: "ws-status-saved" in screen.text("ws-status")):
            return None
    return joined, time.perf_counter() - started


def _spread(times: list[float]) -> str:
    times = sorted(times)
    return (f"median {statistics.median(times):.2f} s, 90th percentile "
            f"{times[int(0.9 * (len(times) - 1))]:.2f} s, slowest {times[-1]:.2f} s")


@behind_nginx
def test_two_whole_groups_join_through_nginx_at_once_and_their_answers_land(
        site: Proxied) -> None:
    """20 light clients per group (40 in all) open their links through nginx at the same
    moment: every one reaches the consent notice, agrees and saves an answer, and every
    answer is in the shared PostgreSQL store under its own code."""
    clients = [(f"{site.url}/g/{sid}/", code) for sid, codes in site.group.items()
               for code in codes]
    assert len(clients) == 2 * GROUP
    results = at_once(lambda c: _join_and_answer(*c, timeout=240), clients)
    done = [r for r in results if r is not None]
    assert done, "no client joined"
    print(f"\n{len(clients)} light clients through nginx ({GROUP} per group) at once, "
          f"{len(clients) - len(done)} failed: joined in {_spread([j for j, _ in done])}; "
          f"answer saved in {_spread([s for _, s in done])}")
    assert len(done) == len(clients)
    for _, code in clients:
        person = site.store.participant_by_code(code)
        assert person is not None
        assert site.store.latest_for(person, "mspss") == {"item1": FIRST_CHOICE}, "lost"
