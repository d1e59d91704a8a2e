"""The dashboard's download links without a server: what a link says, that forget turns it
into a kind "gone" line, that log off withdraws every ticket; and the Print tab's cards."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from support.worksheets import shipped_worksheets

from toolkit.access.downloads import DOWNLOADS_ENV, redeem
from toolkit.store.files import write_private
from toolkit.store.retention import forget
from toolkit.widgets.facilitator.board import Dashboard
from toolkit.widgets.facilitator.downloads import DownloadLinks, file_size


def _printout(store, tmp_path: Path) -> tuple[object, Path]:
    session = store.create_session("Group", ["opening-up"], 2)
    person = store.participants(session.id)[0]
    path = write_private(tmp_path / "exports" / "s-participant-1.pdf", b"%PDF-1.4\n" * 200)
    store.record_export([path], session.id, [person.id], kind="filled PDF")
    return person, path


def test_a_link_names_the_file_and_size_then_says_gone_after_forget(
        store, tmp_path: Path) -> None:
    """"Download <name> (size)" under the base URL; after forget, a line that it is gone."""
    folder = tmp_path / "tickets"
    folder.mkdir()
    person, path = _printout(store, tmp_path)
    links = DownloadLinks(store, person.session_id, "en",
                          env={DOWNLOADS_ENV: str(folder), "VOILA_BASE_URL": "/f/s-1/"})
    links.offer([path])
    assert ">Download s-participant-1.pdf (2 KB)</a>" in links.value
    assert 'href="/f/s-1/workshop-download/' in links.value and len(list(folder.iterdir())) == 1
    forget(store, person)
    links.refresh()
    assert "Download" not in links.value and "s-participant-1.pdf is gone" in links.value
    links.revoke()
    assert links.value == "" and list(folder.iterdir()) == []


def test_log_off_withdraws_the_dashboards_tickets(store, tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    """The saved audit log's ticket is there while logged in and gone once the board stops."""
    folder = tmp_path / "tickets"
    folder.mkdir()
    monkeypatch.setenv(DOWNLOADS_ENV, str(folder))
    session = store.create_session("Group", ["opening-up"], 1)
    board = Dashboard(store, shipped_worksheets(), session.id,
                      export_dir=tmp_path / "exports", scheduler=None)
    path = board.export_audit()
    token = re.search(r'workshop-download/([^"]+)"', board.audit_links.value)
    assert token and redeem(folder, token.group(1)).path == path.resolve()
    board.stop()
    assert list(folder.iterdir()) == []


def test_sizes_read_in_the_dashboards_language() -> None:
    """Sizes in the language's own numbers."""
    assert file_size(1_400_000, "es") == "1,4 MB" and file_size(1_400_000) == "1.4 MB"
    assert file_size(10) == "1 KB"


def test_print_tab_makes_the_groups_join_cards(board: tuple) -> None:
    """Join cards from the Print tab: every code, linking to the address given, recorded for
    every participant (forget finds them); an address that is not a web address is refused
    with a message."""
    from pypdf import PdfReader

    from toolkit.render.joincards import spaced

    d, store, people = board
    d.printing.cards_url.value = "ftp://nowhere"
    assert d.printing.join_cards() is None
    assert "must look like https://" in d.printing.result.value
    d.printing.cards_url.value = "https://workshop.clinic.example/g/s-1/"
    path = d.printing.join_cards()
    text = "".join(p.extract_text() for p in PdfReader(path).pages).replace("\n", "")
    assert all(spaced(p.code) in text for p in people)
    assert f"https://workshop.clinic.example/g/s-1/?code={people[0].code}" in text
    assert "2 join cards written" in d.printing.result.value
    made = [f for f in store.export_files(people[0].session_id) if f.path == path.resolve()]
    assert [(f.kind, set(f.participant_ids)) for f in made] == [
        ("join cards", {p.id for p in people})]


def test_print_tab_makes_a_participants_wallet_card(board: tuple) -> None:
    """The picked participant's wallet card, recorded for them alone (forget removes it)."""
    from pypdf import PdfReader

    d, store, people = board
    assert d.printing.card(None) is None
    path = d.printing.card(people[0].code)
    assert len(PdfReader(path).pages) >= 1 and "Written" in d.printing.result.value
    made = [f for f in store.export_files(people[0].session_id) if f.path == path.resolve()]
    assert [(f.kind, f.participant_ids) for f in made] == [("wallet card", (people[0].id,))]
