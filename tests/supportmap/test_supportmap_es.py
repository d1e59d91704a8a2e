"""The support map printed in Spanish: the picture's words follow the print's language."""

from __future__ import annotations

import io
import re
from pathlib import Path

from pypdf import PdfReader

from toolkit.render.printout import ParticipantAnswers, PrintOptions, filled_pdf, render_html
from toolkit.render.view import build_doc
from toolkit.supportmap.people import SupportMap
from toolkit.text.strings import ui
from toolkit.worksheet.loader import load_folder

ROOT = Path(__file__).resolve().parents[2]
SPANISH_RINGS = ("Los más cercanos", "Cercanos", "Círculo más amplio", "Profesionales y grupos")


def _map_answers() -> dict[str, dict[str, object]]:
    m = SupportMap()
    m.add("Rosa", "closest", supports="yes")
    m.add("Tío Javier", "close", supports="unsure")
    m.add("Grupo del martes", "professional", supports="yes")
    return {"my-support-map": {"people": m.to_rows()}}


def test_filled_spanish_print_shows_spanish_ring_names() -> None:
    """A filled my-support-map printed with lang="es" has the Spanish ring names in the PDF."""
    ws = load_folder(ROOT / "worksheets")["my-support-map"]
    pdf = filled_pdf(ws, ParticipantAnswers("K7M-4QP-XZ2", _map_answers()),
                     PrintOptions(lang="es"))
    text = re.sub(r"\s+", "", "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages))
    for name in (*SPANISH_RINGS, "Yo", "Apoya mi recuperación"):
        assert re.sub(r"\s+", "", name) in text, name


def test_filled_spanish_picture_has_no_english_words() -> None:
    """The printed Spanish picture holds no English ring name, legend or title (the worksheet's
    own questions are translated, or not, by the worksheet file)."""
    ws = load_folder(ROOT / "worksheets")["my-support-map"]
    answers = _map_answers()
    html = render_html([build_doc(ws, lang="es", answers=answers["my-support-map"],
                                  context=answers)])
    (svg,) = re.findall(r"<svg.*?</svg>", html, re.S)
    for english in ("Wider circle", ">Me<", "Supports my recovery", "My support map",
                    "Closest", "no one yet"):
        assert english not in svg, english
    assert "<title" in svg and "Mi mapa de apoyo" in svg


def test_blank_spanish_print_has_spanish_rings_and_no_screen_hint() -> None:
    """A blank Spanish map prints Spanish ring names, without the screen's 'add people' hint."""
    ws = load_folder(ROOT / "worksheets")["my-support-map"]
    html = render_html([build_doc(ws, lang="es")])
    assert all(f">{name}<" in html for name in SPANISH_RINGS)
    assert f">{ui('map_empty_hint', 'es')}<" not in html and 'class="hint"' in html
