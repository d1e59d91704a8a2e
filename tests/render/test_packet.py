"""Group packets: 30 participants x 9 worksheets behind a codes-only cover, or a zip."""

from __future__ import annotations

import io
import re
import subprocess
import sys
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from pypdf import PdfReader

from toolkit.render.packet import Packet, build_packet
from toolkit.render.printout import PrintOptions, filled_pdf, participant_answers
from toolkit.render.sample import NAMES, fill_with_samples
from toolkit.settings.config import Config
from toolkit.store.store import Store
from toolkit.worksheet.loader import load_folder
from toolkit.worksheet.model import Worksheet

ROOT = Path(__file__).resolve().parents[2]
GROUP = 6  # enough for two workers to share; the 30-person figure is benchmarks/pdf.py


@dataclass
class Group:
    store: Store
    session: str
    codes: list[str]
    worksheets: dict[str, Worksheet]
    packet: Packet
    calls: list[tuple[int, int]]


def _store(home: Path, n: int, ids: list[str] | None = None) -> tuple[Store, str, list[str]]:
    """A store with one session of `n` participants, each with synthetic answers."""
    config = Config.from_env({"WORKSHOP_HOME": str(home)})
    store = Store.open(config)
    worksheets = load_folder(ROOT / "worksheets")
    session = store.create_session("Thursday group", ids or list(worksheets), n)
    people = fill_with_samples(store, session.id, worksheets)
    return store, session.id, [p.code for p in people]


@pytest.fixture(scope="module")
def group(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Group]:
    """One packet of GROUP participants and all nine worksheets, built once for these tests."""
    store, session, codes = _store(tmp_path_factory.mktemp("packet") / "home", GROUP)
    worksheets = load_folder(ROOT / "worksheets")
    calls: list[tuple[int, int]] = []
    packet = build_packet(store, session, worksheets,
                          progress=lambda done, total: calls.append((done, total)))
    yield Group(store, session, codes, worksheets, packet, calls)


class Pages:
    """The packet's page texts, extracted on first use (pypdf takes a while per page)."""

    def __init__(self, pdf: bytes):
        self.reader = PdfReader(io.BytesIO(pdf))
        self.cache: dict[int, str] = {}

    def __len__(self) -> int:
        return len(self.reader.pages)

    def __getitem__(self, i: int) -> str:
        if i not in self.cache:
            self.cache[i] = self.reader.pages[i].extract_text()
        return self.cache[i]


@pytest.fixture(scope="module")
def texts(group: Group) -> Pages:
    return Pages(group.packet.data)


def _cover(texts: Pages) -> str:
    """The text of the cover: the leading pages headed 'Group packet'."""
    n = next(i for i in range(len(texts)) if "Group packet" not in texts[i])
    return "".join(texts[i] for i in range(n))


def _starts(cover: str) -> dict[str, int]:
    """{code: first page} read back from the cover's table."""
    return {code: int(start) for code, start in
            re.findall(r"([A-Z0-9]{3}-[A-Z0-9]{3}-[A-Z0-9]{3})\s+(\d+)\s+\d+", cover)}


def test_progress_counts_up_to_every_participant(group: Group) -> None:
    """The progress callback starts at 0/30, only counts up, and ends at 30/30."""
    assert group.calls[0] == (0, GROUP) and group.calls[-1] == (GROUP, GROUP)
    done = [d for d, _ in group.calls]
    assert done == sorted(done) and len(set(done)) == GROUP + 1


def test_page_count_is_the_cover_plus_each_participant(group: Group, texts: Pages) -> None:
    """Pages = cover pages + the sum of each participant's pages."""
    cover_pages = min(_starts(_cover(texts)).values()) - 1
    assert cover_pages >= 1
    assert len(texts) == cover_pages + group.packet.total_pages
    assert set(group.packet.pages) == set(group.codes)


def test_cover_lists_every_code_and_no_names(group: Group, texts: Pages) -> None:
    """The cover lists all 30 join codes and none of the names on anyone's map."""
    cover = _cover(texts)
    assert all(code in cover for code in group.codes)
    assert not any(name in cover for name in NAMES)
    assert "Group packet" in cover and "Thursday group" in cover


def test_each_participant_starts_on_a_new_page(group: Group, texts: Pages) -> None:
    """At each start page the participant's code and 'Page 1 of' appear; the page before
    belongs to someone else (or the cover)."""
    starts = _starts(_cover(texts))
    assert set(starts) == set(group.codes)
    cover_pages = min(starts.values()) - 1
    for code, start in starts.items():
        page = texts[start - 1]
        assert code in page and "Page 1 of" in page
        if start - 1 > cover_pages:
            assert code not in texts[start - 2]
        n = group.packet.pages[code]
        assert f"Page {n} of {n}" in texts[start + n - 2]


def test_packet_pages_match_a_participant_printed_alone(group: Group) -> None:
    """A participant's packet pages equal their own filled printout, page for page."""
    for p in group.store.participants(group.session)[:2]:
        ids = list(group.store.session(group.session).worksheets)
        alone = filled_pdf([group.worksheets[w] for w in ids],
                           participant_answers(group.store, p, ids), PrintOptions())
        assert len(PdfReader(io.BytesIO(alone)).pages) == group.packet.pages[p.code]


def test_zip_holds_one_pdf_per_participant_named_by_code(tmp_path: Path) -> None:
    """--zip mode gives <code>.pdf for each participant, each a readable PDF."""
    ids = ["mspss", "opening-up"]
    store, session, codes = _store(tmp_path / "home", 3, ids)
    packet = build_packet(store, session, load_folder(ROOT / "worksheets"), as_zip=True)
    with zipfile.ZipFile(io.BytesIO(packet.data)) as zf:
        assert sorted(zf.namelist()) == sorted(f"{c}.pdf" for c in codes)
        for code in codes:
            reader = PdfReader(io.BytesIO(zf.read(f"{code}.pdf")))
            assert len(reader.pages) == packet.pages[code]
            assert code in reader.pages[0].extract_text()


def test_worksheet_subset_prints_only_those(tmp_path: Path) -> None:
    """worksheet_ids limits every participant to the chosen worksheets, in that order."""
    store, session, _ = _store(tmp_path / "home", 2, ["mspss", "barc-10", "opening-up"])
    worksheets = load_folder(ROOT / "worksheets")
    packet = build_packet(store, session, worksheets, worksheet_ids=["barc-10"], workers=1)
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(packet.data)).pages)
    assert "Recovery capital (BARC-10)" in text and "Opening up" not in text


def test_unknown_session_and_worksheet_are_refused(tmp_path: Path) -> None:
    """An unknown session raises LookupError; an unknown worksheet KeyError."""
    store, session, _ = _store(tmp_path / "home", 1, ["mspss"])
    worksheets = load_folder(ROOT / "worksheets")
    with pytest.raises(LookupError):
        build_packet(store, "s-nothere", worksheets)
    with pytest.raises(KeyError):
        build_packet(store, session, worksheets, worksheet_ids=["nope"])


def test_render_modules_never_import_ipywidgets() -> None:
    """Printing works without widgets: the render modules do not import ipywidgets."""
    code = ("import sys, toolkit.render.packet, toolkit.render.printout, toolkit.cli.printing; "
            "assert 'ipywidgets' not in sys.modules")
    subprocess.run([sys.executable, "-c", code], check=True)
