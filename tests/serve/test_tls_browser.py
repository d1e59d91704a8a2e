"""A real Chromium over real TLS: it trusts the certificate `workshop tls init` made (that one
certificate, not every error), joins, answers and sees "Saved"; every request and the kernel
websocket are https/wss, every cookie is Secure, the console stays quiet; a return visit
stays within the budgets, its scripts handed over by the service worker, which keeps nothing
but immutable files and replaces itself and its cache when the list of files changes."""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from support.browser import CHROMIUM_ARGS, join
from support.ci import ARTIFACTS
from support.meter import CountingProxy, Meter
from support.servers import Server, stop_server
from support.tls import spki_pin, start_tls_server

pytestmark = [pytest.mark.browser, pytest.mark.server]

RETURN_BYTES = 150_000
RETURN_REQUESTS = 10
WORKER_READY = """() => Promise.race([
  navigator.serviceWorker.ready.then(() => true),
  new Promise((done) => setTimeout(() => done(false), 60000))])"""
KEPT = """async () => {
  const out = [];
  for (const name of await caches.keys()) {
    for (const request of await (await caches.open(name)).keys()) out.push([name, request.url]);
  }
  return out;
}"""


def _immutable(url: str) -> bool:
    """An address whose content never changes (the only kind the worker may keep)."""
    from toolkit.serve.static import HASHED_NAME, VERSIONED

    path, _, query = url.partition("?")
    return VERSIONED in path or re.search(r"(^|&)v=", query) is not None or bool(
        HASHED_NAME.search(path))


@contextmanager
def _tls_page(browser: Any, tmp_path_factory: pytest.TempPathFactory,
              kind: str) -> Iterator[tuple[Any, Server, CountingProxy]]:
    """A phone-sized page in a Chromium that trusts the server's certificate, the server (a
    group of two, on page `kind`; its url is the relay's) and the relay that counts the
    bytes on the wire. The Chromium is another one of the session's Playwright."""
    from toolkit.settings.config import Config
    from toolkit.store.demo import WORKSHOP_ORDER
    from toolkit.store.store import Store

    home = tmp_path_factory.mktemp(f"tlsbrowser-{kind}") / "home"
    store = Store.open(Config.from_env({"WORKSHOP_HOME": str(home)}))
    session = store.create_session("TLS group", list(WORKSHOP_ORDER), 2)
    server, _ca = start_tls_server(home, extra=("--page", kind))
    server.codes = [p.code for p in store.participants(session.id)]
    pin = spki_pin(home / "tls" / "server.crt")
    proxy = CountingProxy(int(server.url.rsplit(":", 1)[1].strip("/")))
    trusting = None
    try:
        path = shutil.which("chromium") or shutil.which("chromium-browser")
        trusting = browser.browser_type.launch(executable_path=path, args=[
            *CHROMIUM_ARGS, f"--ignore-certificate-errors-spki-list={pin}"])
        context = trusting.new_context(viewport={"width": 360, "height": 780})
        page = context.new_page()
        try:
            yield page, replace(server, url=proxy.url_for(server.url)), proxy
        finally:
            ARTIFACTS.mkdir(exist_ok=True)
            page.screenshot(path=str(ARTIFACTS / f"tls_browser_{kind}.png"), full_page=True)
    finally:
        if trusting is not None:
            trusting.close()
        proxy.close()
        stop_server(server)


@pytest.fixture(scope="module")
def tls_page(browser: Any, tmp_path_factory: pytest.TempPathFactory
             ) -> Iterator[tuple[Any, Server, CountingProxy]]:
    """On Voila's page: about 100 scripts for the worker to keep (what tests it hardest)."""
    with _tls_page(browser, tmp_path_factory, "voila") as made:
        yield made


@pytest.fixture(scope="module")
def light_tls_page(browser: Any, tmp_path_factory: pytest.TempPathFactory
                   ) -> Iterator[tuple[Any, Server, CountingProxy]]:
    """On the light page (the default): three files for the worker to keep."""
    with _tls_page(browser, tmp_path_factory, "light") as made:
        yield made


FROM_WORKER = {"light_tls_page": 3, "tls_page": 50}
"""Files a return visit gets from the worker, at least: the light page's script and two
styles; Voila's voila.js and its chunks."""


@pytest.fixture(params=list(FROM_WORKER))
def any_page(request: pytest.FixtureRequest) -> tuple[Any, Server, CountingProxy, int]:
    """Each page in turn (their tests run in file order on each page's own browser)."""
    return (*request.getfixturevalue(request.param), FROM_WORKER[request.param])


def test_join_answer_and_save_over_tls(any_page: tuple[Any, Server, CountingProxy, int]
                                       ) -> None:
    """Join, agree, answer: "Saved"; https and wss only; every cookie Secure."""
    page, server, _, _ = any_page
    sockets: list[str] = []
    page.on("websocket", lambda ws: sockets.append(ws.url))
    meter = Meter.attach(page)
    join(page, server.url, server.codes[0])
    page.locator(".ws-sheet-opening-up .ws-open").click()
    page.wait_for_selector(".ws-form", timeout=30_000)
    page.locator(".ws-item-first_person input").fill("Marigold")
    page.wait_for_selector(".ws-status-saved", timeout=15_000)
    assert "Saved" in page.locator(".ws-status").inner_text()
    assert sockets and all(u.startswith("wss://127.0.0.1:") for u in sockets)
    plain = [u for u in meter.urls
             if not u.startswith((server.url, "wss://", "data:", "blob:"))]
    assert plain == []
    cookies = page.context.cookies()
    assert {c["name"] for c in cookies} >= {"workshop_client", "_xsrf"}
    assert all(c["secure"] for c in cookies), cookies
    assert server.log is not None
    console = server.log.read_text()  # a counselor's console: nothing that reads like a fault
    assert "not trusted" not in console and "ping" not in console, console[-2000:]


def test_a_return_visit_is_light(any_page: tuple[Any, Server, CountingProxy, int]) -> None:
    """The same browser again: few requests reach the server and few bytes cross the wire
    (the scripts are cached for good), and the worksheet list is there."""
    page, server, proxy, from_worker = any_page
    assert page.evaluate(WORKER_READY), "the service worker did not install"
    page.goto("about:blank")
    meter = Meter.attach(page)
    proxy.reset()
    page.goto(f"{server.url}?code={server.codes[0]}")
    page.locator(".ws-open").first.wait_for(timeout=90_000)
    page.wait_for_timeout(500)  # the last widget messages
    assert len(meter.reached) <= RETURN_REQUESTS, meter.reached
    assert proxy.down + proxy.up <= RETURN_BYTES, (proxy.down, proxy.up)
    assert not [u for u in meter.reached if _immutable(u)], meter.reached
    assert len(meter.from_worker) >= from_worker  # kept, compiled code too
    documents = [u for u in meter.reached if "code=" in u]  # the page: never from the worker
    assert documents and not set(documents) & set(meter.from_worker)


def test_the_worker_keeps_immutable_files_only(
        tls_page: tuple[Any, Server, CountingProxy]) -> None:
    """Its cache holds scripts and styles whose address changes with their content: never the
    page (or its join code), the API, or anything else."""
    page, _server, _ = tls_page
    kept = page.evaluate(KEPT)
    assert len(kept) >= 50
    assert [url for _, url in kept if not _immutable(url)] == []
    assert not [url for _, url in kept if "code=" in url or "/api/" in url]


def test_a_changed_list_of_files_brings_a_new_worker_and_drops_the_old_cache(
        tls_page: tuple[Any, Server, CountingProxy]) -> None:
    """When pages need a file the worker does not keep (as after an upgrade changes the
    files' addresses), the next check installs a worker that keeps it, and the old cache
    goes."""
    from toolkit.serve.server import _voila_static

    page, _server, _ = tls_page
    for _ in range(60):  # a worker still replacing an older one has two caches for a moment
        before = page.evaluate(KEPT)
        old = {name for name, _ in before}
        if len(old) == 1:
            break
        page.wait_for_timeout(500)
    assert len(old) == 1, old
    versioned = next(url for _, url in before if "/voila/static/v/" in url)
    folder = next(p for p in map(Path, _voila_static()) if (p / "voila.js").exists())
    unseen = next(f.name for f in sorted(folder.glob("*.voila.js"))
                  if not any(url.endswith("/" + f.name) for _, url in before))
    new_file = versioned.rsplit("/", 1)[0] + "/" + unseen
    assert page.evaluate("(u) => fetch(u).then((r) => r.status)", new_file) == 200
    for _ in range(120):  # the page asks for a newer worker (as it does after each load)
        page.evaluate("() => navigator.serviceWorker.getRegistration().then((r) => r.update())")
        after = page.evaluate(KEPT)
        names = {name for name, _ in after}
        if new_file in {url for _, url in after} and len(names) == 1:
            break
        page.wait_for_timeout(500)
    assert new_file in {url for _, url in after}
    assert len(names) == 1 and not names & old, (old, names)
