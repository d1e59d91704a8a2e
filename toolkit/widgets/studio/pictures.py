"""The first printed page of a worksheet as a PNG picture, blank or with sample answers."""

from __future__ import annotations

import subprocess
import tempfile
from pathlib import Path

from toolkit.render.printout import ParticipantAnswers, PrintOptions, blank_pdf, filled_pdf
from toolkit.render.sample import sample_answers
from toolkit.worksheet.model import Worksheet

SAMPLE_CODE = "SAMPLE"
"""What stands for the join code on the filled preview: no real participant is printed."""
DPI = 60
"""Enough to read the layout on screen; a page is about 510 by 660 pixels on Letter."""


def first_page_png(pdf: bytes, dpi: int = DPI) -> bytes:
    """Page one of `pdf` as PNG (poppler's pdftoppm)."""
    with tempfile.TemporaryDirectory(prefix="studio-") as tmp:
        src = Path(tmp) / "page.pdf"
        src.write_bytes(pdf)
        subprocess.run(["pdftoppm", "-png", "-r", str(dpi), "-f", "1", "-l", "1",
                        "-singlefile", str(src), str(Path(tmp) / "page")],
                       check=True, capture_output=True, timeout=60)
        return (Path(tmp) / "page.png").read_bytes()


def sample_person(ws: Worksheet) -> ParticipantAnswers:
    """Synthetic answers to every item, under a code that names no one."""
    return ParticipantAnswers(SAMPLE_CODE, {ws.id: sample_answers(ws)})


def page_pictures(ws: Worksheet, lang: str, paper: str) -> tuple[bytes, bytes]:
    """The first page blank and filled with sample answers, in `lang` on `paper`."""
    options = PrintOptions(lang=lang, paper=paper)  # type: ignore[arg-type]
    return (first_page_png(blank_pdf(ws, options)),
            first_page_png(filled_pdf(ws, sample_person(ws), options)))
