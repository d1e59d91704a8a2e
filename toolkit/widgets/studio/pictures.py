"""The first printed pages of a worksheet as PNG pictures, blank and with sample answers,
with the number of pages the printout has."""

from __future__ import annotations

import subprocess
import tempfile
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from toolkit.render.printout import ParticipantAnswers, PrintOptions, blank_pdf, filled_pdf
from toolkit.render.sample import sample_answers
from toolkit.worksheet.model import Worksheet

SAMPLE_CODE = "SAMPLE"
"""What stands for the join code on the filled preview: no real participant is printed."""
DPI = 60
"""Enough to read the layout on screen; a page is about 510 by 660 pixels on Letter."""
PAGES = 3
"""How many pages are drawn: the first pages show the layout; the count says the rest."""


@dataclass(frozen=True)
class Pages:
    """The first pages of one printout as PNG, and how many pages it has in all."""

    pngs: list[bytes]
    total: int


def page_pngs(pdf: bytes, pages: int = PAGES, dpi: int = DPI) -> Pages:
    """Pages 1 to `pages` of `pdf` as PNG (poppler's pdftoppm), and its page count."""
    with tempfile.TemporaryDirectory(prefix="studio-") as tmp:
        src = Path(tmp) / "doc.pdf"
        src.write_bytes(pdf)
        info = subprocess.run(["pdfinfo", str(src)], check=True, capture_output=True,
                              text=True, timeout=60).stdout
        total = next(int(line.split(":")[1]) for line in info.splitlines()
                     if line.startswith("Pages:"))
        subprocess.run(["pdftoppm", "-png", "-r", str(dpi), "-f", "1", "-l", str(pages),
                        str(src), str(Path(tmp) / "page")],
                       check=True, capture_output=True, timeout=60)
        # page-1.png, or page-01.png when the document has ten pages or more: name order.
        return Pages([p.read_bytes() for p in sorted(Path(tmp).glob("page-*.png"))], total)


def sample_person(ws: Worksheet) -> ParticipantAnswers:
    """Synthetic answers to every item, under a code that names no one."""
    return ParticipantAnswers(SAMPLE_CODE, {ws.id: sample_answers(ws)})


def page_pictures(ws: Worksheet, lang: str, paper: str) -> tuple[Pages, Pages]:
    """The first pages blank and filled with sample answers, in `lang` on `paper`."""
    options = PrintOptions(lang=lang, paper=paper)  # type: ignore[arg-type]
    # The blank pages are drawn (pdftoppm, another process) while the filled PDF is laid out.
    with ThreadPoolExecutor(1) as pool:
        blank = pool.submit(page_pngs, blank_pdf(ws, options))
        filled = page_pngs(filled_pdf(ws, sample_person(ws), options))
        return blank.result(), filled
