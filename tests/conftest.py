"""Shared fixtures: a private data folder, a real Voila server, and a real Chromium.
Plain helpers live in tests/support."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from support.browser import CHROMIUM_ARGS
from support.ci import ARTIFACTS, IN_CI, unavailable
from support.servers import Server, start_server, stop_server
from support.worksheets import shipped_worksheets

SERVING_FIXTURES = {"server", "browser", "page", "studio_lab"}
"""Fixtures that start a Voila server or Chromium: a test using one is marked `server`."""
SKIPPED_IN_CI: list[str] = []


def pytest_configure(config: pytest.Config) -> None:
    """The tests read English lines from the commands and the servers they start: begin from
    an English terminal whatever the developer's own is (a test that wants Spanish sets LANG;
    UTF-8 kept)."""
    from toolkit.cli.language import LOCALE_VARIABLES

    for name in LOCALE_VARIABLES:
        os.environ.pop(name, None)
    os.environ["LANG"] = "C.UTF-8"


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Refuse to run a test that starts a server or Chromium without the `server` marker,
    so `-m "not server"` never waits for one (every browser test starts a server too)."""
    unmarked = [item.nodeid for item in items if item.get_closest_marker("server") is None
                and (item.get_closest_marker("browser") is not None
                     or SERVING_FIXTURES & set(getattr(item, "fixturenames", ())))]
    if unmarked:
        raise pytest.UsageError("mark these `server` (they start a server or a browser): "
                                + ", ".join(unmarked))


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    """Note every browser or server test that skipped: in CI that is a failure."""
    if IN_CI and report.skipped and {"browser", "server", "postgres"} & set(report.keywords):
        SKIPPED_IN_CI.append(report.nodeid)


def pytest_sessionfinish(session: pytest.Session) -> None:
    """In CI a missing browser or server fails the run, even where a test only skipped."""
    if SKIPPED_IN_CI and session.exitstatus == pytest.ExitCode.OK:
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


def pytest_terminal_summary(terminalreporter: Any) -> None:
    if SKIPPED_IN_CI:
        terminalreporter.section("browser or server tests skipped in CI (a failure)")
        for nodeid in SKIPPED_IN_CI:
            terminalreporter.line(nodeid)


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh WORKSHOP_HOME for one test, so no test touches real data."""
    monkeypatch.setenv("WORKSHOP_HOME", str(tmp_path / "home"))
    for name in ("WORKSHOP_DB", "WORKSHOP_KEY", "WORKSHOP_WORKSHEETS"):
        monkeypatch.delenv(name, raising=False)
    return tmp_path / "home"


@pytest.fixture
def store(home: Path, database: str) -> Iterator[object]:
    """The store of the test's WORKSHOP_HOME (and `database`), opened as the commands open
    it."""
    from toolkit.store.store import Store

    s = Store.open()
    yield s
    s.engine.dispose()


@pytest.fixture
def setup(home: Path, database: str) -> tuple[object, dict, list[str]]:
    """A store with a group of two, the shipped worksheets, and the two join codes."""
    from toolkit.store.demo import WORKSHOP_ORDER
    from toolkit.store.store import Store

    store = Store.open()
    session = store.create_session("Group", list(WORKSHOP_ORDER), 2)
    return store, shipped_worksheets(), [p.code for p in store.participants(session.id)]


@pytest.fixture
def board(home: Path) -> tuple[Any, Any, list]:
    """A facilitator dashboard (no timer) over a group of two who consented: one with a
    support map and an answer, one with a finished MSPSS; with the store and the two."""
    from toolkit.settings.config import Config
    from toolkit.store.demo import WORKSHOP_ORDER
    from toolkit.store.store import Store
    from toolkit.supportmap.people import SupportMap
    from toolkit.widgets.facilitator.board import Dashboard

    store = Store.open(Config.from_env())
    session = store.create_session("Tuesday group", list(WORKSHOP_ORDER), 2)
    people = store.participants(session.id)
    for p in people:
        store.record_consent(p)
    m = SupportMap()
    m.add("Zebulon", "closest", supports="yes")
    store.save_answer(people[0], "my-support-map", "people", m.to_rows(), "1.1")
    store.save_answer(people[0], "opening-up", "first_person", "Quetzalcoatl", "1.0")
    store.save_answers(people[1], "mspss", {f"item{i}": 7 for i in range(1, 13)}, "1.0")
    board = Dashboard(store, shipped_worksheets(), session.id, export_dir=home / "exports",
                      scheduler=None)
    return board, store, people


@pytest.fixture
def reproducible(monkeypatch: pytest.MonkeyPatch) -> None:
    """fontTools stamps the time into the fonts it subsets (the emoji font): fix it, so two
    renders a second apart can be compared byte for byte."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """A real client server over a store with one group session of four participants."""
    home = tmp_path_factory.mktemp("server") / "home"
    os.environ.pop("WORKSHOP_DB", None)
    from toolkit.settings.config import Config
    from toolkit.store.demo import WORKSHOP_ORDER
    from toolkit.store.store import Store

    config = Config.from_env({"WORKSHOP_HOME": str(home)})
    store = Store.open(config)
    session = store.create_session("Test group", list(WORKSHOP_ORDER), 4)
    srv = start_server(home)
    try:
        srv.codes = [p.code for p in store.participants(session.id)]
        yield srv
    finally:
        stop_server(srv)


@pytest.fixture(scope="session")
def _studio_labs(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    from support.studio import StudioLabs

    labs = StudioLabs(lambda: tmp_path_factory.mktemp("studio"))
    yield labs
    labs.stop_all()


@pytest.fixture
def studio_lab(_studio_labs: Any) -> Any:
    """A real `workshop studio --lang es` (JupyterLab on loopback) over two new worksheets,
    shared by the tests that need JupyterLab (support/studio.py); started again only after a
    test stopped it."""
    return _studio_labs.current()


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    """Debian's Chromium driven by Playwright (never a downloaded browser)."""
    path = shutil.which("chromium") or shutil.which("chromium-browser")
    if path is None:
        unavailable("chromium is not installed (apt-get install chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        unavailable("playwright is not installed")
    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=path, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser: object, request: pytest.FixtureRequest) -> Iterator[object]:
    """A phone-sized page that records every request, so tests can prove nothing left
    127.0.0.1."""
    context = browser.new_context(viewport={"width": 360, "height": 780})  # type: ignore[attr-defined]
    pg = context.new_page()
    pg.requested = []  # type: ignore[attr-defined]
    pg.on("request", lambda r: pg.requested.append(r.url))  # type: ignore[attr-defined]
    yield pg
    ARTIFACTS.mkdir(exist_ok=True)
    try:
        pg.screenshot(path=str(ARTIFACTS / f"{request.node.name}.png"), full_page=True)
    except Exception:
        pass
    context.close()


# --- PostgreSQL: a module marked `stores` runs its store tests on SQLite and PostgreSQL -------


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """A test that uses `database` (the `store` fixture does) in a module or class marked
    `stores` runs once per database; `@pytest.mark.stores("sqlite")` keeps one to SQLite."""
    marker = metafunc.definition.get_closest_marker("stores")
    if marker is None or "database" not in metafunc.fixturenames:
        return
    kinds = marker.args or ("sqlite", "postgres")
    metafunc.parametrize("database", [
        pytest.param(k, marks=[pytest.mark.postgres] if k == "postgres" else []) for k in kinds],
        indirect=True)


@pytest.fixture(scope="session")
def pg_cluster() -> Iterator[Any]:
    """A throw-away PostgreSQL for this test process (one per xdist worker)."""
    from support.postgres import start_cluster, stop_cluster

    try:
        cluster = start_cluster()
    except (RuntimeError, OSError) as e:
        unavailable(str(e))
    try:
        yield cluster
    finally:
        stop_cluster(cluster)


@pytest.fixture
def database(request: pytest.FixtureRequest, home: Path,
             monkeypatch: pytest.MonkeyPatch) -> str:
    """The test's database URL: the SQLite file in WORKSHOP_HOME, or (param "postgres") an
    emptied PostgreSQL database, set as WORKSHOP_DB for everything the test opens."""
    if getattr(request, "param", "sqlite") == "postgres":
        url = request.getfixturevalue("pg_cluster").reused_database()
        monkeypatch.setenv("WORKSHOP_DB", url)
        return url
    return f"sqlite:///{home / 'workshop.sqlite'}"
