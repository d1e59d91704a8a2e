"""What every printed page carries: the header, crisis lines and clinic line in the footer,
the confidentiality notice, the paper size, page numbers and the page's own words in Spanish."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from pypdf import PdfReader
from support.printouts import CODE, blank, filled, pages, person, squash, worksheets

from toolkit.render.printout import PART2_SHORT, PrintOptions, blank_pdf, filled_pdf, render_html
from toolkit.render.view import build_doc
from toolkit.settings.config import PART2_NOTICE, Config
from toolkit.text.crisis import crisis_lines

LETTER, A4 = (612, 792), (595.3, 841.9)


def test_filled_header_shows_code_and_date_of_answers() -> None:
    """Filled pages name the join code and the day the answers were last saved."""
    first = " ".join(pages(filled("opening-up"))[0].split())
    assert CODE in first
    assert "Answers last saved: March 5, 2026" in first


def test_blank_header_has_lines_for_name_or_code_and_date() -> None:
    """Blank pages ask for a name or code and a date, and carry no notice."""
    first = pages(blank("opening-up"))[0]
    assert "Name or code:" in first and "Date:" in first
    assert squash(PART2_NOTICE[:60]) not in squash(first)


@pytest.mark.parametrize("worksheet_id", ["mspss", "my-support-map"])
def test_every_page_shows_the_crisis_lines(worksheet_id: str) -> None:
    """Each page of blank and filled printouts carries 988 and SAMHSA's helpline."""
    for pdf in (blank(worksheet_id), filled(worksheet_id)):
        for page in pages(pdf):
            for line in crisis_lines("en"):
                assert squash(line) in squash(page)


def test_clinic_line_prints_with_the_crisis_lines() -> None:
    """A program's own clinic line joins the crisis lines in the footer."""
    pdf = blank_pdf(worksheets()["opening-up"], PrintOptions(clinic_line="Riverside 555-0100"))
    assert all("Riverside 555-0100" in p for p in pages(pdf))


def test_filled_pages_carry_the_part2_notice() -> None:
    """Each worksheet's first page carries the full 42 CFR part 2 notice; every other page
    the short statement 42 CFR 2.32(a)(2) allows."""
    texts = [squash(t) for t in pages(filled_pdf(
        [worksheets()["safe-relationships"], worksheets()["my-support-map"]], person()))]
    firsts = [i for i, t in enumerate(texts) if squash("Page 1 of") in t]
    assert len(firsts) == 1 and len(texts) > 2  # one document, page 1 of N
    starts = [i for i, t in enumerate(texts) if squash(PART2_NOTICE) in t]
    assert len(starts) == 2 and starts[0] == 0  # one full notice per worksheet
    for i, t in enumerate(texts):
        if i not in starts:
            assert squash(PART2_SHORT) in t and squash(PART2_NOTICE[:80]) not in t


def test_long_custom_notice_prints_once_per_worksheet() -> None:
    """A long program notice prints in full on page 1 and is pointed to on later pages."""
    notice = "Riverside Clinic: these records are confidential. " * 6
    texts = pages(filled_pdf(worksheets()["my-support-map"], person(),
                             PrintOptions(notice=notice)))
    assert squash(notice) in squash(texts[0])
    for t in texts[1:]:
        assert "The full notice is on the first page of this worksheet." in " ".join(t.split())
        assert "42 CFR" not in t


def test_confidentiality_notice_is_configurable(home: Path) -> None:
    """WORKSHOP_CONFIDENTIALITY_NOTICE replaces the default notice on filled pages."""
    config = Config.from_env({"WORKSHOP_HOME": str(home),
                              "WORKSHOP_CONFIDENTIALITY_NOTICE": "Riverside keeps this private."})
    pdf = filled_pdf(worksheets()["barc-10"], person(), PrintOptions.from_config(config))
    for page in pages(pdf):
        assert "Riverside keeps this private." in page
        assert "42 CFR part 2" not in page


def test_config_notice_defaults_to_part2() -> None:
    """Without the variable, Config carries the 42 CFR part 2 notice."""
    assert Config.from_env({}).confidentiality_notice == PART2_NOTICE
    assert "(see § 2.31)" in PART2_NOTICE


@pytest.mark.parametrize("paper", ["letter", "a4"])
@pytest.mark.parametrize("lang", ["en", "es"])
def test_footer_ends_inside_the_page(paper: str, lang: str) -> None:
    """Crisis lines, a long clinic line and the notice all end above the paper's edge."""
    from weasyprint.formatting_structure.boxes import LineBox

    from toolkit.render.printout import layout

    def line_bottoms(box: object) -> list[float]:
        own = [box.position_y + box.height] if isinstance(box, LineBox) else []  # type: ignore[attr-defined]
        return own + [y for c in getattr(box, "children", []) for y in line_bottoms(c)]

    options = PrintOptions(lang=lang, paper=paper,  # type: ignore[arg-type]
                           clinic_line="Riverside Community Recovery Clinic: 555-0100 "
                           "(Monday to Friday, 8 to 6)")
    ws = worksheets()["opening-up"]
    doc = layout(render_html([build_doc(ws, lang=lang, answers=person().latest[ws.id],
                                        code=CODE)], options), options)
    assert len(doc.pages) > 1
    for page in doc.pages:
        [footer] = [b for b in page._page_box.children
                    if getattr(b, "at_keyword", "") == "@bottom-center"]
        assert max(line_bottoms(footer)) < page.height - 5 / 25.4 * 96  # 5 mm to spare


@pytest.mark.parametrize(("paper", "size"), [("letter", LETTER), ("a4", A4)])
def test_page_size_matches_the_paper(paper: str, size: tuple[float, float]) -> None:
    """Letter pages are 612 x 792 pt and A4 pages 595.3 x 841.9 pt, blank and filled."""
    options = PrintOptions(paper=paper)  # type: ignore[arg-type]
    ws = worksheets()["opening-up"]
    for pdf in (blank_pdf(ws, options), filled_pdf(ws, person(), options)):
        for page in PdfReader(io.BytesIO(pdf)).pages:
            assert float(page.mediabox.width) == pytest.approx(size[0], abs=0.2)
            assert float(page.mediabox.height) == pytest.approx(size[1], abs=0.2)


def test_pages_are_numbered_page_x_of_y() -> None:
    """Each page says 'Page i of N' with N the real page count."""
    texts = pages(blank("my-support-map"))
    assert len(texts) > 1
    for i, page in enumerate(texts, 1):
        assert f"Page {i} of {len(texts)}" in page


def test_spanish_printout_uses_spanish_words() -> None:
    """--lang es prints the page numbers and crisis lines in Spanish."""
    first = pages(blank_pdf(worksheets()["mspss"], PrintOptions(lang="es")))[0]
    assert "Página 1 de" in first and "¿Necesita ayuda ahora?" in first
    assert squash(crisis_lines("es")[0]) in squash(first)
