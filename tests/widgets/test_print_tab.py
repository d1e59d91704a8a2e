"""The dashboard's Print tab: filled, packet and blank printouts, in the chosen language and
paper, owner-only in the exports folder, audited, and recorded for `workshop forget`."""

from __future__ import annotations

import io
import os
import stat

from pypdf import PdfReader

from toolkit.render.labels import labels
from toolkit.text.strings import tr
from toolkit.widgets.facilitator.print_tab import OWN_LANGUAGE


def _pages(path) -> list:
    return PdfReader(io.BytesIO(path.read_bytes())).pages


def test_printing_one_participant_writes_an_owner_only_pdf_and_audits(board):
    """The filled PDF lands in the exports folder, readable by its owner only, audited by id
    and recorded for `workshop forget` under that participant only."""
    d, store, people = board
    assert d.printing.participant(None) is None
    path = d.printing.participant(people[0].code)
    assert path is not None and path.read_bytes().startswith(b"%PDF")
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    assert people[0].code not in path.name
    entry = store.audit_log()[-1]
    assert (entry.action, entry.target) == ("printed", f"participant {people[0].id}")
    assert [f.path for f in store.export_files(participant_id=people[0].id)] == [path.resolve()]
    assert store.export_files(participant_id=people[1].id) == []  # for `workshop forget`


def test_group_packet_reports_progress_and_audits(board):
    """The packet button fills the progress bar to the group's size and writes one PDF,
    recorded for `workshop forget` under every participant."""
    d, store, people = board
    seen: list[tuple[int, int]] = []
    bar = d.printing.progress
    bar.observe(lambda c: seen.append((bar.value, bar.max)), "value")
    path = d.printing.packet()
    assert path.read_bytes().startswith(b"%PDF") and stat.S_IMODE(os.stat(path).st_mode) == 0o600
    assert seen[-1] == (2, 2) and bar.layout.display == "none"
    entry = store.audit_log()[-1]
    assert entry.action == "printed" and "group packet of 2 participants" in entry.detail
    made = store.export_files(participant_id=people[1].id)
    assert [(f.path, f.kind) for f in made] == [(path.resolve(), "packet")]


def test_blank_worksheets_print_in_the_chosen_language_and_paper(board):
    """Paper copies for clients without a device: every worksheet of the session, blank, in
    Spanish on A4 when picked, with no participant's code or answer anywhere."""
    d, store, people = board
    d.printing.lang.value, d.printing.paper.value = "es", "a4"
    path = d.printing.blank()
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    pages = _pages(path)
    text = " ".join(p.extract_text() for p in pages)
    for worksheet_id in d.session.worksheets:
        title = tr(d.catalogue[worksheet_id].title, "es")
        assert " ".join(title.split()) in " ".join(text.split())
    assert all(round(float(p.mediabox.width)) == 595 for p in pages)  # A4
    assert f"{labels('es')['page']} 1 {labels('es')['of']}" in text
    for p in people:
        assert p.code not in text
    assert "Quetzalcoatl" not in text and "Zebulon" not in text
    entry = store.audit_log()[-1]
    assert entry.action == "printed" and "blank worksheets" in entry.detail
    assert store.export_files(participant_id=people[0].id) == []  # holds nobody's data


def test_a_filled_printout_follows_the_language_and_paper_chosen(board):
    d, _, people = board
    d.printing.lang.value, d.printing.paper.value = "es", "letter"
    text = " ".join(p.extract_text() for p in _pages(d.printing.participant(people[0].code)))
    assert f"{labels('es')['page']} 1 {labels('es')['of']}" in text
    assert "Quetzalcoatl" in text
    d.printing.lang.value, d.printing.paper.value = "en", "a4"
    pages = _pages(d.printing.participant(people[0].code))
    assert "Page 1 of" in pages[0].extract_text()
    assert round(float(pages[0].mediabox.width)) == 595


def test_by_default_a_participants_printout_is_in_the_language_they_chose(board):
    """"Participant's own" is the default: someone who chose Español gets a Spanish
    printout, and a blank printout stays in English."""
    d, store, people = board
    assert d.printing.lang.value == OWN_LANGUAGE
    store.set_language(people[0], "es")
    path = d.printing.participant(people[0].code)
    assert f"{labels('es')['page']} 1 {labels('es')['of']}" in " ".join(
        p.extract_text() for p in _pages(path))
    assert "-es-" in path.name
    assert "Page 1 of" in _pages(d.printing.blank())[0].extract_text()
