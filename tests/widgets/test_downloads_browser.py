"""Files the dashboard makes reach the facilitator's browser: a printout and an export are
downloaded from the dashboard's own server under /f/<id>/ (as behind nginx), open, and hold
what they should; after `workshop forget` the links say the file is gone."""

from __future__ import annotations

import csv
import io
import os
import subprocess
import sys
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader
from support.axe import findings
from support.facilitator import GOOD, log_in, start_facilitator
from support.servers import Server, stop_server

from toolkit.access.passphrase import set_passphrase
from toolkit.settings.config import Config
from toolkit.store.store import Store

pytestmark = [pytest.mark.browser, pytest.mark.server]


@pytest.fixture(scope="module")
def dashboard(tmp_path_factory: pytest.TempPathFactory
              ) -> Iterator[tuple[Server, str, Store, list[str]]]:
    """The dashboard of a group of two under /f/<id>/: the first has an answer, the second a
    finished MSPSS."""
    home = tmp_path_factory.mktemp("downloads") / "home"
    store = Store.open(Config.from_env({"WORKSHOP_HOME": str(home)}))
    session = store.create_session("Download group", ["opening-up", "mspss"], 2)
    people = store.participants(session.id)
    for p in people:
        store.record_consent(p)
    store.save_answer(people[0], "opening-up", "readiness", 6, "1.0")
    store.save_answers(people[1], "mspss", {f"item{i}": 6 for i in range(1, 13)}, "1.0")
    set_passphrase(store, GOOD)
    server, url = start_facilitator(home, base_url=f"/f/{session.id}/")
    yield server, url, store, [p.code for p in people]
    stop_server(server)


def _download(page: Any, link: Any) -> tuple[str, bytes]:
    """Follow a download link by keyboard (focus, Enter): its file name and bytes."""
    link.focus()
    with page.expect_download(timeout=60_000) as info:
        page.keyboard.press("Enter")
    download = info.value
    return download.suggested_filename, Path(download.path()).read_bytes()


def test_printout_and_export_download_then_forget_says_gone(browser: Any,
                                                            dashboard: tuple) -> None:
    """Print tab: a participant's filled PDF downloads and holds their code; Export tab: the
    zip downloads with the MSPSS rows; each download is audited; the links pass axe; after
    forget the printout's link says it is gone and its address answers 404."""
    server, url, store, codes = dashboard
    context = browser.new_context(viewport={"width": 1280, "height": 900},
                                  accept_downloads=True)
    page = context.new_page()
    log_in(page, url)
    page.get_by_role("tab", name="Print").click()
    page.locator(".ws-print-one").locator("..").locator("select").select_option(codes[0])
    page.locator(".ws-print-one").click()
    link = page.get_by_role("link", name="Download ")
    expect(link).to_have_count(1, timeout=60_000)
    base = urlsplit(url).path  # /f/<id>/
    assert link.get_attribute("href").startswith(f"{base}workshop-download/")
    assert findings(page) == []  # the link and the join-cards box as axe sees them
    name, data = _download(page, link)
    assert name.endswith(".pdf") and link.inner_text().startswith(f"Download {name} (")
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages)
    assert codes[0] in text
    printout_href = link.get_attribute("href")

    page.get_by_role("tab", name="Export").click()
    page.locator(".ws-export").click()
    zip_link = page.get_by_role("link", name="Download ").filter(has_text=".zip")
    expect(zip_link).to_have_count(1, timeout=60_000)
    name, data = _download(page, zip_link)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        names = {Path(n).name for n in archive.namelist()}
        assert {"long.csv", "wide.csv", "dictionary.csv"} <= names
        long_name = next(n for n in archive.namelist() if n.endswith("long.csv"))
        rows = list(csv.DictReader(io.StringIO(archive.read(long_name).decode("utf-8-sig"))))
    mspss = [r for r in rows if r["worksheet"] == "mspss"]
    assert len(mspss) == 12 and {r["participant"] for r in mspss} == {codes[1]}
    assert [r["value"] for r in rows if r["participant"] == codes[0]] == ["6"]
    downloads = [e for e in store.audit_log() if e.action == "downloaded"]
    assert len(downloads) == 2 and all(codes[0] not in e.detail for e in downloads)

    env = {**os.environ, "WORKSHOP_HOME": str(server.home)}
    env.pop("WORKSHOP_DB", None)
    subprocess.run([sys.executable, "-m", "toolkit.cli", "forget", "--participant", codes[0],
                    "--yes"], env=env, check=True, capture_output=True, timeout=120)
    page.get_by_role("tab", name="Print").click()
    gone = page.locator(".ws-download-gone >> visible=true")
    expect(gone).to_contain_text("is gone", timeout=30_000)  # the next refresh says so
    assert page.get_by_role("link", name="Download ").count() == 0
    reply = page.request.get(urljoin(url, printout_href))
    assert reply.status == 404 and "no longer here" in reply.text()
    page.goto(urljoin(url, printout_href))  # the old link, opened: a page that says so
    expect(page.locator("main")).to_contain_text("no longer here")
    assert findings(page) == []
    context.close()
