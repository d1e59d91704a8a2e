"""The wallet card: five credit-card pages, the right text on each, nothing spilling over."""

from __future__ import annotations

import io
from functools import cache

import pytest
import weasyprint
from pypdf import PdfReader
from support.cards import CLINIC, SAY, card_plan, sample_plan
from support.ci import ARTIFACTS
from weasyprint.formatting_structure.boxes import TextBox

from toolkit.render import render_card
from toolkit.render.card import LIMITS, MAX_PROFESSIONALS, render_html, shorten

CARD_W, CARD_H = 85.6 / 25.4 * 72, 54 / 25.4 * 72  # points
HOSTILE = "<script>alert(1)</script>"
SLOTS = ("first", "backup")


def _pages(pdf: bytes) -> list[str]:
    """Each page's text with whitespace collapsed, so wrapped lines read as one."""
    return [" ".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(pdf)).pages]


@pytest.fixture(scope="module")
def pdf() -> bytes:
    return render_card(sample_plan())


@pytest.fixture(scope="module")
def pages(pdf: bytes) -> list[str]:
    return _pages(pdf)


def test_card_has_five_pages(pdf: bytes) -> None:
    """Front, three moments and back: exactly five pages."""
    assert len(PdfReader(io.BytesIO(pdf)).pages) == 5


def test_every_page_is_one_credit_card_panel(pdf: bytes) -> None:
    """Each page's mediabox is 85.6 x 54 mm (242.65 x 153.07 pt)."""
    for page in PdfReader(io.BytesIO(pdf)).pages:
        assert float(page.mediabox.width) == pytest.approx(CARD_W, abs=0.5)
        assert float(page.mediabox.height) == pytest.approx(CARD_H, abs=0.5)


def test_moment_pages_show_people_phones_and_say_text(pages: list[str]) -> None:
    """Pages 2-4 hold their moment's first and backup with phones, and the say text."""
    falling, talk, celebrate = pages[1:4]
    assert "When I feel like I'm falling" in falling
    assert "1. Alex 555-0101" in falling and "2. Jordan 555-0102" in falling
    assert SAY["falling"] in falling
    assert "1. Sam 555-0103" in talk and "2. Riley" in talk and SAY["talk"] in talk
    assert "1. Casey 555-0105" in celebrate and SAY["celebrate"] in celebrate
    assert "Alex" not in talk and "Sam" not in falling


def test_missing_person_is_a_write_in_line(pages: list[str]) -> None:
    """A backup nobody picked prints "2." and a blank line to write on."""
    assert "2. ______" in pages[3]


def test_crisis_lines_on_front_and_back(pages: list[str]) -> None:
    """988 and the SAMHSA helpline are on the front and on the back."""
    for text in (pages[0], pages[4]):
        assert "988" in text and "1-800-662-4357" in text


def test_back_shows_professionals_and_clinic_line(pages: list[str]) -> None:
    """The back lists professionals with phones and the program's clinic line."""
    assert "Counselor Kim 0 555-0200" in pages[4]
    assert CLINIC in pages[4]


def test_front_reveals_nothing_private(pages: list[str]) -> None:
    """The front has no clinic line, no names, and no word that says what the card is for."""
    front = pages[0].lower()
    assert CLINIC.lower() not in front and "riverside" not in front
    for word in ("addiction", "recovery", "substance", "treatment", "clinic", "alex", "kim"):
        assert word not in front


def test_hostile_text_prints_literally() -> None:
    """Markup typed as a name or say text is printed as the characters typed."""
    plan = card_plan({"falling_first": ("<b>bold</b>", None)}, {"falling_say": HOSTILE})
    html = render_html(plan)
    assert HOSTILE not in html and "<b>bold</b>" not in html
    falling = _pages(render_card(plan))[1]
    assert "<b>bold</b>" in falling and HOSTILE in falling


def test_long_name_and_say_text_are_shortened_on_five_pages() -> None:
    """A 200-character name and 1000-character say text end at a word with "…"."""
    name = ("Alexandra Josephine Maximiliana " * 7)[:200]
    say = ("Please stay with me while I breathe slowly. " * 23)[:1000]
    pages = _pages(render_card(card_plan({"falling_first": (name, "555-0101")},
                                         {"falling_say": say})))
    assert len(pages) == 5
    assert shorten(name, LIMITS["name"]) == "Alexandra Josephine…"
    assert "1. Alexandra Josephine… 555-0101" in pages[1]
    assert shorten(say, LIMITS["say"]).endswith(" while I…")
    assert shorten(say, LIMITS["say"]) in pages[1]


def test_many_professionals_end_with_a_count() -> None:
    """More professionals than the back holds print the first ones and "and N more"."""
    back = _pages(render_card(card_plan({}, {}, pros=MAX_PROFESSIONALS + 2)))[4]
    last = MAX_PROFESSIONALS - 1
    assert f"Counselor Kim {last}" in back and f"Counselor Kim {last + 1}" not in back
    assert "and 2 more" in back


def test_spanish_card_has_spanish_headings() -> None:
    """lang="es" prints Spanish titles and the crisis lines as the app words them."""
    pages = _pages(render_card(sample_plan(), lang="es"))
    assert len(pages) == 5 and "Mi gente" in pages[0]
    assert "Cuando las cosas van bien" in pages[3]
    assert "1-800-662-4357" in pages[0] and "Línea Nacional de Ayuda de SAMHSA" in pages[0]


def _text_boxes(box: object) -> list[TextBox]:
    """Every TextBox under `box`, also in absolute blocks (Box.descendants() skips those)."""
    if isinstance(box, TextBox):
        return [box]
    return [t for child in getattr(box, "children", ()) for t in _text_boxes(child)]


@cache
def _worst_case_layout(lang: str) -> list[tuple[float, float, list[tuple[str, ...]]]]:
    """The widest letters at every limit, laid out: per page its width, height and each run
    of text as (text, left, top, right, bottom) in CSS px."""
    wide = "WWWWWWWWW " * 200
    people = {f"{k}_{s}": (wide, "+1 (555) 010-0000 x12345") for k in SAY for s in SLOTS}
    plan = card_plan(people, {f"{k}_say": wide for k in SAY}, clinic_line=wide, pros=7,
                     pro_name=wide)
    out = []
    for page in weasyprint.HTML(string=render_html(plan, lang=lang)).render().pages:
        # Page has no public box API; the test reaches in because nothing else shows layout.
        runs = [(b.text, b.position_x, b.position_y, b.position_x + b.margin_width(),
                 b.position_y + b.margin_height()) for b in _text_boxes(page._page_box)]
        out.append((page.width, page.height, runs))
    return out


@pytest.mark.parametrize("lang", ["en", "es"])
def test_worst_case_text_stays_inside_the_panel(lang: str) -> None:
    """With the widest letters at every limit, no text reaches the panel's padding."""
    pages = _worst_case_layout(lang)
    assert len(pages) == 5
    pad_x, pad_y = 3.5 / 25.4 * 96, 3 / 25.4 * 96  # card.css padding, in CSS px
    for n, (width, height, runs) in enumerate(pages, 1):
        for text, left, top, right, bottom in runs:
            assert pad_x <= left and right <= width - pad_x, (n, text)
            assert pad_y <= top and bottom <= height - pad_y, (n, text)


@pytest.mark.parametrize("lang", ["en", "es"])
def test_worst_case_text_never_overlaps(lang: str) -> None:
    """With the widest letters at every limit, no two runs of text print over each other."""
    for n, (_, _, runs) in enumerate(_worst_case_layout(lang), 1):
        for i, (a, al, at, ar, ab) in enumerate(runs):
            for b, bl, bt, br, bb in runs[i + 1:]:
                overlap = min(ar, br) - max(al, bl) > 0.5 and min(ab, bb) - max(at, bt) > 0.5
                assert not overlap, (n, a, b)


def test_shorten_cuts_at_a_word_boundary() -> None:
    """Longer text ends with the last whole word that fits, then "…"."""
    assert shorten("Call me when you can please", 15) == "Call me when…"


def test_shorten_drops_trailing_punctuation() -> None:
    """A cut after a comma does not leave ",…"."""
    assert shorten("Call me, then text me", 10) == "Call me…"


def test_shorten_cuts_a_single_long_word() -> None:
    """A first word longer than the limit is cut inside the word, with "…"."""
    assert shorten("Supercalifragilistic", 8) == "Superca…"


def test_shorten_leaves_short_text_unchanged() -> None:
    """Text within the limit comes back as is (whitespace collapsed)."""
    assert shorten("Hi  there\n", 22) == "Hi there"


def test_shorten_limit_edge() -> None:
    """Exactly `limit` characters is kept; one more is shortened to at most `limit`."""
    assert shorten("abcd efgh", 9) == "abcd efgh"
    assert shorten("abcd efghi", 9) == "abcd…"
    assert shorten("abcd efgh ij", 10) == "abcd efgh…"
    assert len(shorten("x" * 50, 10)) == 10


def test_shorten_rejects_a_useless_limit() -> None:
    """A limit below 2 has no room for a letter and "…"."""
    with pytest.raises(ValueError, match="at least 2"):
        shorten("abc", 1)


def test_sample_card_written_to_artifacts(pdf: bytes) -> None:
    """A sample card is saved to artifacts/card.pdf for a person to look at."""
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "card.pdf").write_bytes(pdf)
    assert len(PdfReader(ARTIFACTS / "card.pdf").pages) == 5
