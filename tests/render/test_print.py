"""Printed worksheets: every question, answers, scores, conditions, repeats, the map, safety
(what every page carries: test_print_pages.py)."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from pypdf import PdfReader
from support.ci import ARTIFACTS, IN_CI
from support.printouts import CODE, SAVED, blank, filled, pages, person, squash, worksheets

from toolkit.render.printout import ParticipantAnswers, blank_pdf, filled_pdf, render_html
from toolkit.render.view import build_doc
from toolkit.store.store import Store
from toolkit.supportmap.people import SupportMap
from toolkit.supportmap.svg import EMPTY_HINT
from toolkit.text.strings import tr
from toolkit.worksheet.loader import parse_worksheet
from toolkit.worksheet.model import Repeat, Worksheet

ROOT = Path(__file__).resolve().parents[2]
HOSTILE = '<script>alert("x")</script><b>bold?</b> & <img src=x onerror=alert(1)>'


def questions(ws: Worksheet) -> list[str]:
    """Every question's English text, repeat fields included (notes are not questions)."""
    out = []
    for item in ws.items():
        if item.type == "note":
            continue
        out.append(tr(item.text, "en"))
        if isinstance(item, Repeat):
            out += [tr(f.text, "en") for f in item.fields]
    return out


def sheet(yaml_items: str, extra: str = "") -> Worksheet:
    """A small synthetic worksheet with the given items (YAML, indented six spaces)."""
    return parse_worksheet(f"schema_version: 1\nid: t\nversion: 1\ntitle: Test sheet\n{extra}"
                           f"sections:\n  - id: s\n    title: Section\n    items:\n{yaml_items}")


@pytest.mark.parametrize("worksheet_id", sorted(worksheets()))
def test_blank_prints_every_question(worksheet_id: str) -> None:
    """A blank printout holds the start of every question of every shipped worksheet."""
    text = squash("".join(pages(blank(worksheet_id))))
    for q in questions(worksheets()[worksheet_id]):
        assert squash(q[:40]) in text, q


@pytest.mark.parametrize("worksheet_id", sorted(worksheets()))
def test_filled_prints_visible_questions_and_text_answers(worksheet_id: str) -> None:
    """A filled printout holds every visible question and the start of every text answer."""
    from toolkit.worksheet.conditions import visible_items

    ws, answers = worksheets()[worksheet_id], person().latest[worksheet_id]
    text = squash("".join(pages(filled(worksheet_id))))
    for item in visible_items(ws, answers):
        if item.type == "note":
            continue
        assert squash(tr(item.text, "en")[:40]) in text, item.id
        value = answers.get(item.id)
        if item.type in ("short_text", "long_text") and value:
            assert squash(value[:40]) in text, item.id
        if isinstance(item, Repeat) and value:
            for row in value:
                assert squash(row.get("name", "")) in text


def test_scores_print_with_bands_and_a_guide_note() -> None:
    """MSPSS answered all 6 prints each subscale 6.00, its band, and 'not a diagnosis'."""
    ws = worksheets()["mspss"]
    answers = {f"item{i}": 6 for i in range(1, 13)}
    text = " ".join("".join(pages(filled_pdf(ws, ParticipantAnswers(
        CODE, {"mspss": answers}, {"mspss": SAVED})))).split())
    for label in ("Significant Other", "Family", "Friends", "Total"):
        assert f"{label}: 6.00 · High perceived support" in text
    assert "A guide only: the MSPSS has no official norms." in text
    assert "not a diagnosis" in text


def test_incomplete_score_says_what_is_missing() -> None:
    """A score with unanswered items prints as incomplete, not as a number."""
    ws = worksheets()["barc-10"]
    person_ = ParticipantAnswers(CODE, {"barc-10": {"item1": 5}}, {})
    text = " ".join("".join(pages(filled_pdf(ws, person_))).split())
    assert "Answer every question to see this score." in text


def test_blank_scores_show_how_to_score_by_hand() -> None:
    """A blank measure prints each score's method and band ranges for the counselor."""
    text = " ".join("".join(pages(blank("mspss"))).split())
    assert "Average of questions 1, 2, 5, 10" in text
    assert "5.1 and up: High perceived support" in text


def test_hostile_answers_print_as_literal_text() -> None:
    """Markup typed by a client prints as the characters typed, never as markup."""
    ws = worksheets()["opening-up"]
    mine = ParticipantAnswers(CODE, {"opening-up": {"what_to_share": HOSTILE,
                                                    "first_person": HOSTILE[:40]}})
    html = render_html([build_doc(ws, answers=mine.latest["opening-up"], code=CODE)])
    assert "<script>" not in html and "&lt;script&gt;" in html
    text = squash("".join(pages(filled_pdf(ws, mine))))
    assert squash(HOSTILE) in text and squash(HOSTILE[:40]) in text


EMOJI_FONT = Path("/usr/share/fonts/truetype/noto/NotoColorEmoji.ttf")


def test_emoji_in_answers_print_as_emoji() -> None:
    """An emoji a client typed prints as that emoji (Debian's colour emoji font), not as an
    empty box; the words around it print as usual."""
    if not EMOJI_FONT.exists():
        if IN_CI:
            pytest.fail("fonts-noto-color-emoji is not installed (required in CI)")
        pytest.skip("fonts-noto-color-emoji is not installed")
    ws = worksheets()["opening-up"]
    mine = ParticipantAnswers(CODE, {"opening-up": {"first_person": "My sister 😢🙏 and me"}})
    reader = PdfReader(io.BytesIO(filled_pdf(ws, mine)))
    fonts = {str(f.get_object()["/BaseFont"]) for page in reader.pages
             for f in (page["/Resources"].get("/Font") or {}).values()}
    assert any("Emoji" in f for f in fonts), fonts
    assert "My sister" in "".join(p.extract_text() for p in reader.pages)


def test_hostile_names_on_the_map_print_inert() -> None:
    """A support-map name with markup prints literally in the list and the picture."""
    m = SupportMap()
    m.add("<b>Rosa</b>", "close", supports="yes")
    latest = {"my-support-map": {"people": m.to_rows()}}
    ws = worksheets()["my-support-map"]
    html = render_html([build_doc(ws, answers=latest["my-support-map"], context=latest)])
    assert "<b>Rosa" not in html and "&lt;b&gt;Rosa&lt;/b&gt;" in html
    text = "".join(pages(filled_pdf(ws, ParticipantAnswers(CODE, latest))))
    assert text.count("<b>Rosa</b>") >= 2  # the picture and the list


def test_a_2000_character_answer_flows_onto_the_next_page() -> None:
    """A max-length answer splits across pages and its last word still prints."""
    ws = sheet("      - {id: a, type: long_text, text: First, max_length: 2000}\n"
               "      - {id: b, type: long_text, text: Second, max_length: 2000}\n")
    words = [f"word{i:03d}" for i in range(220)]
    long_answer = " ".join(words)[:1990] + " lastword"
    answers = {"a": "Opening answer. " * 60, "b": long_answer}
    texts = pages(filled_pdf(ws, ParticipantAnswers(CODE, {"t": answers})))
    first = next(i for i, t in enumerate(texts) if "word000" in t)
    last = next(i for i, t in enumerate(texts) if "lastword" in t)
    assert last > first
    assert all(squash(w) in squash("".join(texts)) for w in long_answer.split())


def test_an_unbroken_2000_character_answer_wraps_and_prints_in_full() -> None:
    """One 2000-character 'word' wraps anywhere and none of it is lost."""
    ws = sheet("      - {id: a, type: long_text, text: Paste, max_length: 2000}\n")
    blob = "".join(chr(ord("a") + i % 26) for i in range(1999)) + "Z"
    text = squash("".join(pages(filled_pdf(ws, ParticipantAnswers(CODE, {"t": {"a": blob}})))))
    assert blob in text


def test_notes_print_as_markdown_with_html_escaped() -> None:
    """Note markdown prints formatted (no asterisks) and raw HTML in it prints literally."""
    ws = sheet("      - {id: n, type: note, text: '**Safe** people <i>matter</i>'}\n")
    text = "".join(pages(blank_pdf(ws)))
    assert "Safe people" in text and "**" not in text
    assert "<i>matter</i>" in text


def test_blank_prints_conditions_in_words() -> None:
    """A show_if item prints on a blank with its condition in words."""
    text = " ".join("".join(pages(blank("opening-up"))).split())
    assert "If you answered “How ready are you to open up to someone about" in text
    treatment = " ".join("".join(pages(blank("treatment-needs"))).split())
    assert "If you picked anything other than “None right now”" in treatment


def test_filled_prints_only_visible_items() -> None:
    """Filled: follow-ups of a 'no' print, those of a 'yes' do not."""
    ws = worksheets()["leap-of-faith"]
    answers = {"first_step_date": "2026-03-09", "tried_first_step": "no"}
    text = " ".join("".join(pages(filled_pdf(ws, ParticipantAnswers(
        CODE, {"leap-of-faith": answers})))).split())
    assert "What got in the way?" in text
    assert "What happened?" not in text
    assert "March 9, 2026" in text


def test_blank_repeat_prints_its_print_rows() -> None:
    """The trust ladder prints print_rows (5) empty steps to fill in."""
    text = "".join(pages(blank("leap-of-faith")))
    assert "Step 5" in text and "Step 6" not in text


def test_choices_print_as_tick_boxes_and_picks_are_marked() -> None:
    """Blank choices print empty boxes; a filled pick prints ticked."""
    ws = worksheets()["treatment-needs"]
    assert "☐ Peer support" in "".join(pages(blank("treatment-needs")))
    mine = ParticipantAnswers(CODE, {"treatment-needs": {"current_treatment": ["peer_support"]}})
    assert "☑ Peer support" in "".join(pages(filled_pdf(ws, mine)))


def test_person_items_print_names_from_the_support_map() -> None:
    """Reach-out picks print the person's name (and phone) from the support map."""
    m = SupportMap()
    alex = m.add("Alex", "closest", supports="yes", phone="555-0101")
    latest = {"my-support-map": {"people": m.to_rows()},
              "reach-out-plan": {"falling_first": alex.row, "talk_first": "r-gone"}}
    ws = worksheets()["reach-out-plan"]
    text = "".join(pages(filled_pdf(ws, ParticipantAnswers(CODE, latest))))
    assert "Alex · 555-0101" in text
    assert "(no longer on the support map)" in " ".join(text.split())
    assert "(a person or group from your support map)" in " ".join(
        "".join(pages(blank("reach-out-plan"))).split())


def test_support_map_prints_with_the_shared_svg_renderer() -> None:
    """The map prints as svgmap's picture: empty rings blank, people when filled."""
    ws = worksheets()["my-support-map"]
    blank_html = render_html([build_doc(ws)])
    assert 'class="ring"' in blank_html and f">{EMPTY_HINT}<" not in blank_html
    m = SupportMap()
    m.add("Sam", "close", supports="yes")
    m.add("Dee", "wider", supports="unsure")
    latest = {"my-support-map": {"people": m.to_rows()}}
    html = render_html([build_doc(ws, answers=latest["my-support-map"], context=latest)])
    assert html.count('class="entry"') == 2


def test_store_last_saved_is_the_latest_save_of_that_worksheet(home: Path) -> None:
    """Store.last_saved gives the newest saved_at of a worksheet's answers, or None."""
    store = Store.open()
    session = store.create_session("g", ["mspss"], 1)
    [p] = store.participants(session.id)
    store.record_consent(p)
    assert store.last_saved(p, "mspss") is None
    store.save_answer(p, "mspss", "item1", 3, "1.0")
    first = store.last_saved(p, "mspss")
    store.save_answer(p, "mspss", "item2", None, "1.0")  # a clear is a save too
    assert first is not None and store.last_saved(p, "mspss") >= first
    assert store.last_saved(p, "mspss") == max(
        v.saved_at for i in ("item1", "item2") for v in store.history(p, "mspss", i))
    assert store.last_saved(p, "barc-10") is None


@pytest.mark.parametrize("worksheet_id", sorted(worksheets()))
def test_blank_first_page_picture(worksheet_id: str) -> None:
    """Page 1 of each blank worksheet renders to artifacts/blank-<id>.png (pdftoppm)."""
    if shutil.which("pdftoppm") is None:
        if IN_CI:
            pytest.fail("pdftoppm is missing (apt-get install poppler-utils); required in CI")
        pytest.skip("pdftoppm is missing (apt-get install poppler-utils)")
    ARTIFACTS.mkdir(exist_ok=True)
    pdf = ARTIFACTS / f"blank-{worksheet_id}.pdf"
    pdf.write_bytes(blank(worksheet_id))
    subprocess.run(["pdftoppm", "-png", "-r", "80", "-f", "1", "-l", "1", "-singlefile",
                    str(pdf), str(ARTIFACTS / f"blank-{worksheet_id}")], check=True)
    pdf.unlink()
    png = ARTIFACTS / f"blank-{worksheet_id}.png"
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_render_package_exports_the_print_entry_points() -> None:
    """toolkit.render's public names are the print entry points, sorted, each importable."""
    import toolkit.render as render

    assert render.__all__ == sorted(render.__all__)
    assert {"blank_pdf", "build_packet", "filled_pdf", "render_card",
            "render_join_cards"} <= set(render.__all__)
    assert all(hasattr(render, name) for name in render.__all__)


def test_grid_labels_are_centred_on_their_columns() -> None:
    """Each label's last line sits in the middle of its column, to a third of a millimetre."""
    from toolkit.render.colhead import LABEL_PT, column_head, width_em

    head = column_head(["Very Strongly Disagree", "Neutral", "Mildly Agree"], 15.0)
    lines = head.split("\n")
    assert lines[0].split() == ["Very"] and lines[-1].split() == ["Disagree", "Neutral", "Agree"]
    em_mm = LABEL_PT * 25.4 / 72
    for column, word in enumerate(re.finditer(r"\S+", lines[-1])):
        middle = (width_em(lines[-1][:word.start()]) + width_em(word.group()) / 2) * em_mm
        assert middle == pytest.approx((column + 0.5) * 15.0, abs=0.35)


def test_grid_label_too_wide_for_its_column_is_hyphenated() -> None:
    """A word wider than its column breaks at a hyphenation point instead of overflowing."""
    from toolkit.render.colhead import column_head

    head = column_head(["Extraordinariamente"], 15.0, "es")
    assert len(head.split("\n")) > 1 and head.split("\n")[0].strip().endswith("-")


def test_repeat_rows_print_as_a_table_when_short_and_as_paragraphs_when_long() -> None:
    """Filled repeat rows of short answers make a table; longer ones a paragraph a row."""
    ws = worksheets()["meetings-plan"]
    [item] = [it for it in ws.items() if isinstance(it, Repeat)]
    texts = {f.id for f in item.fields if f.type in ("short_text", "long_text")}
    rows = person().latest["meetings-plan"][item.id]
    short = [{k: v[:12] if k in texts else v for k, v in r.items()} for r in rows]
    for answers, table in ((rows, False), (short, True)):
        latest = {**person().latest["meetings-plan"], item.id: answers}
        html = render_html([build_doc(ws, answers=latest, code=CODE)])
        assert ('<table class="rows">' in html) is table
        assert ('class="rrow"' in html) is not table
        text = squash("".join(pages(filled_pdf(ws, ParticipantAnswers(
            CODE, {"meetings-plan": latest})))))
        assert all(squash(r[k]) in text for r in answers for k in texts if r.get(k))
