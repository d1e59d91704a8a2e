"""The fast text drawing (with reused page margins) changes nothing in any printout: the same
PDF bytes as WeasyPrint's own drawing and layout."""

from __future__ import annotations

from collections.abc import Callable

import pytest
import weasyprint
from support.cards import sample_plan
from support.hostile import hostile_answers
from support.printouts import CODE, SAVED, person, worksheets

from toolkit.render import fastdraw, marginboxes, render_card, render_join_cards
from toolkit.render.printout import ParticipantAnswers, PrintOptions, blank_pdf, filled_pdf

# fontTools stamps the time into the fonts it subsets: fixed, to compare bytes.
pytestmark = pytest.mark.usefixtures("reproducible")


def both_ways(render: Callable[[], bytes]) -> tuple[bytes, bytes]:
    """(WeasyPrint alone, ours) for the same render."""
    with fastdraw.stock(), marginboxes.disabled():
        assert not fastdraw.installed()
        theirs = render()
    assert fastdraw.installed()
    return theirs, render()


def test_installed_on_the_pinned_weasyprint() -> None:
    """pyproject pins the WeasyPrint this was checked against; a new one must be re-checked
    (these tests, then CHECKED in fastdraw.py) before the pin moves."""
    assert fastdraw.supported(), f"fastdraw not checked against WeasyPrint {weasyprint.__version__}"
    assert fastdraw.installed()


@pytest.mark.parametrize("lang", ["en", "es"])
@pytest.mark.parametrize("worksheet_id", sorted(worksheets()))
def test_blank_and_filled_worksheets_print_byte_for_byte_the_same(worksheet_id: str,
                                                                   lang: str) -> None:
    ws = worksheets()[worksheet_id]
    options = PrintOptions(lang=lang, paper="a4" if lang == "es" else "letter")
    for render in (lambda: blank_pdf(ws, options), lambda: filled_pdf(ws, person(), options)):
        stock, fast = both_ways(render)
        assert fast == stock


@pytest.mark.parametrize("worksheet_id", sorted(worksheets()))
def test_hostile_answers_print_byte_for_byte_the_same(worksheet_id: str) -> None:
    """Markup, emoji (drawn the stock way), right-to-left text, bidi overrides, control
    characters, tabs and newlines."""
    ws = worksheets()[worksheet_id]
    answers = hostile_answers(ws, seed=3)
    someone = ParticipantAnswers(CODE, {ws.id: answers}, {ws.id: SAVED})
    stock, fast = both_ways(lambda: filled_pdf(ws, someone, PrintOptions()))
    assert fast == stock


def test_the_wallet_card_and_join_cards_print_byte_for_byte_the_same() -> None:
    for render in (lambda: render_card(sample_plan()),
                   lambda: render_join_cards(["K7M-4QP-XZ2", "ABC-DEF-GHJ"], lang="es")):
        stock, fast = both_ways(render)
        assert fast == stock


def test_a_document_drawn_twice_is_the_same_both_times() -> None:
    """Kept layouts are freed once drawn; drawing the same pages again builds them anew."""
    from toolkit.render.printout import filled_docs, layout, render_html
    ws = worksheets()["opening-up"]
    doc = layout(render_html(filled_docs(ws, person()), PrintOptions()), PrintOptions())
    assert doc.write_pdf() == doc.write_pdf()
