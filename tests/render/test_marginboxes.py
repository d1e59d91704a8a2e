"""Reused headers and footers change nothing: every printout is byte for byte what it is
with each page's margin boxes laid out anew, whatever was printed before it."""

from __future__ import annotations

import pytest
from support.printouts import CODE, SAVED, pages, worksheets

from toolkit.render import marginboxes
from toolkit.render.printout import ParticipantAnswers, PrintOptions, blank_pdf, filled_pdf
from toolkit.render.sample import sample_latest
from toolkit.settings.config import PART2_NOTICE

pytestmark = pytest.mark.usefixtures("reproducible")  # bytes compared: no time stamps
LONG_NOTICE = "Program notice. " * 30


def someone(seed: int) -> ParticipantAnswers:
    code = f"K7M-4QP-{seed:03d}"
    return ParticipantAnswers(code, sample_latest(worksheets(), seed=seed),
                              {w: SAVED + seed for w in worksheets()})


PRINTS = [  # one after another in the same process, each with other options or people
    ("mspss", PrintOptions(), 1),
    ("mspss", PrintOptions(), 2),
    ("opening-up", PrintOptions(lang="es", paper="a4"), 3),
    ("mspss", PrintOptions(clinic_line="Riverside Clinic 555-0199"), 1),
    ("mspss", PrintOptions(clinic_line="Lakeside Clinic 555-0123"), 1),
    ("reach-out-plan", PrintOptions(notice=LONG_NOTICE), 4),
    ("reach-out-plan", PrintOptions(notice=PART2_NOTICE), 4),
    ("my-support-map", PrintOptions(paper="a4"), 5),
    ("mspss", PrintOptions(lang="es"), None),  # blank
    ("mspss", PrintOptions(), None),
]


def render(worksheet_id: str, options: PrintOptions, seed: int | None) -> bytes:
    ws = worksheets()[worksheet_id]
    if seed is None:
        return blank_pdf(ws, options)
    return filled_pdf(ws, someone(seed), options)


def test_printouts_in_a_row_are_byte_for_byte_the_same_as_without_reuse() -> None:
    marginboxes.clear()
    for worksheet_id, options, seed in PRINTS:
        reused = render(worksheet_id, options, seed)
        with marginboxes.disabled():
            fresh = render(worksheet_id, options, seed)
        assert reused == fresh, (worksheet_id, options, seed)


def test_each_printout_keeps_its_own_clinic_line_code_and_page_numbers() -> None:
    """What a counselor would see if a footer or header were wrongly reused."""
    ws = worksheets()["reach-out-plan"]
    first = pages(filled_pdf(ws, someone(1), PrintOptions(clinic_line="Riverside 555-0199")))
    second = pages(filled_pdf(ws, someone(2), PrintOptions(clinic_line="Lakeside 555-0123")))
    assert all("Riverside 555-0199" in p and "Lakeside" not in p for p in first)
    assert all("Lakeside 555-0123" in p and "Riverside" not in p for p in second)
    assert all("K7M-4QP-001" in p for p in first) and all("K7M-4QP-002" in p for p in second)
    for text in (first, second):
        assert all(f"Page {n} of {len(text)}" in p for n, p in enumerate(text, 1))


@pytest.mark.parametrize("worksheet_id", ["mspss", "my-support-map"])
def test_a_header_from_another_participant_is_never_reused(worksheet_id: str) -> None:
    ws = worksheets()[worksheet_id]
    for seed in (7, 8):
        text = pages(filled_pdf(ws, someone(seed), PrintOptions()))
        assert all(f"K7M-4QP-{seed:03d}" in p for p in text)
        assert not any(f"K7M-4QP-{15 - seed:03d}" in p for p in text)
    assert CODE not in " ".join(text)
