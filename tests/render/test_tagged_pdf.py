"""Tagged printouts: every PDF the toolkit makes is one a screen reader can read in order,
in its own language, with a title, headings, real tables and pictures said in words."""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from support import printouts
from support.cards import sample_plan
from support.tagged import Tagged, read

from toolkit.render import render_card, render_join_cards
from toolkit.render.packet import Packet, build_packet
from toolkit.render.printout import PrintOptions, blank_pdf, filled_pdf
from toolkit.render.sample import fill_with_samples
from toolkit.settings.config import Config
from toolkit.store.store import Store
from toolkit.supportmap.people import MAP_ITEM, MAP_WORKSHEET, RINGS, SupportMap, ring_label
from toolkit.text.strings import tr
from toolkit.worksheet.model import Worksheet

ROOT = Path(__file__).resolve().parents[2]
TEMPLATES = ROOT / "toolkit" / "render" / "templates"
PACKET_SHEETS = ["mspss", "my-support-map"]
CODES = ["K7M-4QP-XZ2", "HGZ-Y9K-ZN3"]


def _es(worksheet_id: str) -> bytes:
    return filled_pdf(printouts.worksheets()[worksheet_id], printouts.person(),
                      PrintOptions(lang="es"))


@pytest.fixture(scope="module")
def packet(tmp_path_factory: pytest.TempPathFactory) -> Packet:
    """Two participants, the second in Spanish, each in their own language."""
    config = Config.from_env({"WORKSHOP_HOME": str(tmp_path_factory.mktemp("tagged"))})
    store = Store.open(config)
    worksheets = printouts.worksheets()
    session = store.create_session("Thursday group", PACKET_SHEETS, 2)
    people = fill_with_samples(store, session.id, {w: worksheets[w] for w in PACKET_SHEETS})
    store.set_language(people[1], "es")
    return build_packet(store, session.id, worksheets, own_languages=True, workers=1)


# Each kind of PDF, made once per module: (how to make it, its language, its title).
KINDS: dict[str, tuple[Callable[[], bytes], str, str]] = {
    "blank": (lambda: printouts.blank("mspss"), "en", "Perceived social support (MSPSS)"),
    "filled": (lambda: printouts.filled("my-support-map"), "en", "My support map"),
    "filled-es": (lambda: _es("my-support-map"), "es", "Mi mapa de apoyo"),
    "card": (lambda: render_card(sample_plan(), lang="es"), "es", "Mi gente"),
    "join-cards": (lambda: render_join_cards(CODES), "en", "Your join code"),
}
_made: dict[str, Tagged] = {}


def tagged(kind: str) -> Tagged:
    if kind not in _made:
        _made[kind] = read(KINDS[kind][0]())
    return _made[kind]


@pytest.mark.parametrize("kind", list(KINDS))
def test_each_printout_is_tagged_with_its_language_and_title(kind: str) -> None:
    """Marked, a structure tree, /Lang from the printout's language, the title shown as the
    window title."""
    pdf, (_, lang, title) = tagged(kind), KINDS[kind]
    catalog = pdf.catalog
    assert catalog["/MarkInfo"]["/Marked"].value is True
    assert catalog["/Lang"] == lang
    assert pdf.reader.metadata.title == title
    assert catalog["/ViewerPreferences"]["/DisplayDocTitle"].value is True
    assert pdf.find("H1") or kind == "join-cards"  # cards of one line each: no headings
    xmp = catalog["/Metadata"].get_data()
    assert b'pdfuaid:part="1"' in xmp and title.encode() in xmp


def test_the_packet_is_tagged_and_keeps_each_participants_tree(packet: Packet) -> None:
    """The merged packet is still tagged: the cover and each participant a Part of it, each
    worksheet's h1 in it, the Spanish participant's part in Spanish, every page mapped."""
    pdf = read(packet.data)
    catalog = pdf.catalog
    assert catalog["/MarkInfo"]["/Marked"].value is True and catalog["/Lang"] == "en"
    assert catalog["/ViewerPreferences"]["/DisplayDocTitle"].value is True
    assert pdf.reader.metadata.title == "Group packet: Thursday group"
    xmp = catalog["/Metadata"].get_data()
    assert b'pdfuaid:part="1"' in xmp and b"Group packet: Thursday group" in xmp
    parts = pdf.root.kids[0].kids
    assert [p.kind for p in parts] == ["Part"] * 3
    assert [p.lang for p in parts] == [None, None, "es"]
    titles = [h.said() for h in pdf.find("H1")]
    sheets = printouts.worksheets()
    assert titles == ["Group packet", *(tr(sheets[w].title, "en") for w in PACKET_SHEETS),
                      *(tr(sheets[w].title, "es") for w in PACKET_SHEETS)]
    assert all("/StructParents" in page for page in pdf.reader.pages)
    spanish_code = re.search(r"[A-Z0-9]{3}-[A-Z0-9]{3}-[A-Z0-9]{3}", parts[2].said())
    assert spanish_code and spanish_code[0] in parts[0].said()  # listed on the cover


def _questions(ws: Worksheet, lang: str) -> list[str]:
    return [tr(item.text, lang) for item in ws.items() if item.answerable]


def _squash(text: str) -> str:
    return re.sub(r"\W+", "", text)


@pytest.mark.parametrize(("kind", "worksheet_id", "lang"),
                         [("blank", "mspss", "en"), ("filled-es", "my-support-map", "es")])
def test_questions_read_in_order_after_the_h1(kind: str, worksheet_id: str, lang: str) -> None:
    """The h1 comes first, then every question in the worksheet's order."""
    pdf = tagged(kind)
    said = _squash(pdf.reading())
    h1 = pdf.find("H1")
    assert len(h1) == 1 and said.startswith(_squash(h1[0].said()))
    at = [said.find(_squash(q)) for q in _questions(printouts.worksheets()[worksheet_id], lang)]
    assert -1 not in at and at == sorted(at)


@pytest.mark.parametrize("kind", ["blank", "filled", "card"])
def test_headings_go_down_one_level_at_a_time(kind: str) -> None:
    """h1, then h2 (then h3): no heading skips a level."""
    levels = [int(n.kind[1]) for n in tagged(kind).root.walk() if re.fullmatch(r"H\d", n.kind)]
    assert levels[0] == 1
    assert all(b <= a + 1 for a, b in itertools.pairwise(levels))


def test_the_filled_map_is_said_ring_by_ring_with_names() -> None:
    """The participant's own map picture has a text alternative: each ring and its people."""
    (figure,) = tagged("filled").find("Figure")
    rows = printouts.person().latest[MAP_WORKSHEET][MAP_ITEM]
    m = SupportMap.from_rows(rows)
    assert figure.alt.startswith("My support map. Me in the middle.")
    for ring in RINGS:
        said = figure.alt.split(f"{ring_label(ring)}: ", 1)[1]
        for entry in m.in_ring(ring):
            assert entry.name in said.split(". ")[0]


def test_the_blank_map_is_said_as_empty_rings_in_spanish() -> None:
    """A blank map's picture says it is empty rings to write in, in the printout's language."""
    pdf = read(blank_pdf(printouts.worksheets()["my-support-map"], PrintOptions(lang="es")))
    (figure,) = pdf.find("Figure")
    assert figure.alt.startswith("Mi mapa de apoyo. Círculos vacíos para escribir nombres.")
    assert "Los más cercanos" in figure.alt


def test_scale_answers_are_said_in_words() -> None:
    """A filled scale's circles read as the answer picked, and the column labels in order."""
    pdf = read(printouts.filled("mspss"))
    answers = printouts.person().latest["mspss"]
    ws = printouts.worksheets()["mspss"]
    labels = {str(c.value): tr(c.label, "en") for c in ws.choices_for(next(ws.items()))}
    said = [n.actual for n in pdf.find("TD") if n.actual]
    assert said == [f"Answer: {labels[str(answers[it.id])]}" for it in ws.items()]
    heads = [n.actual for n in pdf.find("TH") if n.actual]
    assert heads and all(h.startswith("Very Strongly Disagree, Strongly Disagree") for h in heads)


def test_data_tables_have_header_cells_and_layout_tables_none(packet: Packet) -> None:
    """The packet cover's table has a header cell over each column; the join cards' and
    wallet card's layout tables are not tagged as tables at all."""
    for kind in ("join-cards", "card"):
        assert not tagged(kind).find("Table") and not tagged(kind).find("TD")
    cover = read(packet.data).find("Table")[0]
    head = [n.said().strip() for n in cover.walk() if n.kind == "TH"]
    assert head[:4] == ["#", "Join code", "First page", "Pages"]


def test_qr_codes_say_what_they_open() -> None:
    """Each join card's QR code is a figure with its link as alternative text."""
    figures = tagged("join-cards").find("Figure")
    assert [f.alt for f in figures] == [
        f"QR code that opens http://127.0.0.1:8866/?code={code}" for code in CODES]


def _luminance(hex_colour: str) -> float:
    rgb = [int(hex_colour[i:i + 2], 16) / 255 for i in (0, 2, 4)]
    lin = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in rgb]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


def _contrast(a: str, b: str) -> float:
    high, low = sorted([_luminance(a), _luminance(b)], reverse=True)
    return (high + 0.05) / (low + 0.05)


def _hex(colour: str) -> str:
    colour = colour.lstrip("#").lower()
    return "".join(c * 2 for c in colour) if len(colour) == 3 else colour


def test_print_text_contrast_is_at_least_4_5_to_1() -> None:
    """Every text colour in the print stylesheets, and in the printed map's picture against
    its ring shading, has a contrast ratio of at least 4.5:1 (WCAG 1.4.3)."""
    for sheet in ("worksheet.css", "card.css", "joincards.css"):
        css = (TEMPLATES / sheet).read_text(encoding="utf-8")
        colours = re.findall(r"(?<![-\w])color:\s*#([0-9a-fA-F]{3,6})", css)
        assert colours, sheet
        assert all(_contrast(_hex(c), "ffffff") >= 4.5 for c in colours), sheet
    from toolkit.supportmap.svg import render_map  # the picture the printout draws
    svg = render_map(SupportMap.from_rows(printouts.person().latest[MAP_WORKSHEET][MAP_ITEM]))
    shades = {_hex(c) for c in re.findall(r'<circle class="ring"[^>]*fill="#(\w+)"', svg)}
    inks = {_hex(c) for c in re.findall(r'<text[^>]*fill="#(\w+)"', svg)}
    inks |= {_hex(c) for c in re.findall(r'<svg[^>]*fill="#(\w+)"', svg)}  # the default
    inks.discard("ffffff")  # "Me": white on the dark middle, checked next
    assert shades and inks
    assert all(_contrast(i, s) >= 4.5 for i in inks for s in shades | {"ffffff"})
    me = re.search(r'<circle class="me"[^>]*fill="#(\w+)"', svg)
    assert me and _contrast("ffffff", _hex(me[1])) >= 4.5


def test_page_furniture_is_skipped_and_the_crisis_lines_read_once_per_worksheet() -> None:
    """Running headers and page numbers are artifacts a screen reader skips; the crisis lines
    and the notice at the foot of a worksheet's first page are read, once per worksheet."""
    pdf = tagged("filled")
    said = pdf.reading()
    assert len(pdf.reader.pages) >= 2 and "Page 1 of" in pdf.reader.pages[0].extract_text()
    assert "Page 1 of" not in said and "Page 2 of" not in said
    assert said.count("988 Suicide & Crisis Lifeline") == 1
    assert said.index("988 Suicide & Crisis Lifeline") > said.index("My support map")


def test_choices_say_which_were_picked() -> None:
    """A filled list of choices reads each option's words (not the tick box glyph), the
    picked ones marked "(picked)", each once."""
    pdf = read(printouts.filled("treatment-needs"))
    ws = printouts.worksheets()["treatment-needs"]
    item = next(it for it in ws.items() if it.type == "multi_choice")
    picked = printouts.person().latest["treatment-needs"][item.id]
    said = [n.actual for n in pdf.find("LBody") if n.actual]
    labels = {str(c.value): tr(c.label, "en") for c in ws.choices_for(item)}
    assert [s for s in said if s.endswith(" (picked)")][:len(picked)] == [
        f"{labels[str(v)]} (picked)" for v in labels if v in map(str, picked)]
    assert labels[next(v for v in labels if v not in map(str, picked))] in said
    assert not any(n.actual for n in pdf.find("LI"))  # said once, not by the item too


def test_a_ruler_reads_as_its_ends_then_the_answer() -> None:
    """The 0-10 ruler reads as its two ends in words (not eleven circles and numbers), then
    the answer."""
    said = read(printouts.filled("opening-up")).reading()
    answer = printouts.person().latest["opening-up"]
    item = next(it for it in printouts.worksheets()["opening-up"].items()
                if getattr(it, "ruler", None) is not None)
    assert f"0: Not ready at all – 10: Completely ready Answer: {answer[item.id]}" in said
    assert "○" not in said and "●" not in said
