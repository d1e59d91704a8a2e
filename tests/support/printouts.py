"""The shipped worksheets with one participant's synthetic answers, printed blank and filled
(each once per run), and reading PDFs back."""

from __future__ import annotations

import datetime as dt
import io
import re
from functools import cache

from pypdf import PdfReader

from support.worksheets import WORKSHEETS
from toolkit.render.printout import ParticipantAnswers, blank_pdf, filled_pdf
from toolkit.render.sample import sample_latest
from toolkit.worksheet.loader import load_folder
from toolkit.worksheet.model import Worksheet

CODE = "K7M-4QP-XZ2"
SAVED = dt.datetime(2026, 3, 5, 14, 30).timestamp()


@cache
def worksheets() -> dict[str, Worksheet]:
    return load_folder(WORKSHEETS)


@cache
def person() -> ParticipantAnswers:
    """Synthetic answers to all nine worksheets, saved at a known time."""
    ws = worksheets()
    return ParticipantAnswers(CODE, sample_latest(ws, seed=7), {w: SAVED for w in ws})


def pages(pdf: bytes) -> list[str]:
    """The text of each page of `pdf`."""
    return [p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages]


def squash(text: str) -> str:
    """Text without any whitespace, so line wrapping cannot hide a match."""
    return re.sub(r"\s+", "", text)


@cache
def blank(worksheet_id: str) -> bytes:
    """A shipped worksheet printed blank (once per test run)."""
    return blank_pdf(worksheets()[worksheet_id])


@cache
def filled(worksheet_id: str) -> bytes:
    """A shipped worksheet printed with person()'s answers (once per test run)."""
    return filled_pdf(worksheets()[worksheet_id], person())
