"""The shipped worksheets and small inline YAML sheets, for the model tests and the CLI's."""

from __future__ import annotations

import textwrap
from functools import cache
from pathlib import Path

from toolkit.worksheet.loader import (
    Problem,
    WorksheetError,
    load_folder,
    load_worksheet,
    parse_worksheet,
)
from toolkit.worksheet.model import Worksheet

ROOT = Path(__file__).resolve().parents[2]
WORKSHEETS = ROOT / "worksheets"
SHIPPED = (
    "safe-relationships my-support-map opening-up leap-of-faith meetings-plan "
    "reach-out-plan treatment-needs mspss barc-10"
).split()

HEAD = """\
schema_version: 1
id: t
version: 1
title: T
"""


@cache
def shipped(worksheet_id: str) -> Worksheet:
    """One shipped worksheet, loaded once through the real file loader (models are frozen)."""
    return load_worksheet(WORKSHEETS / f"{worksheet_id}.yaml")


@cache
def _every_shipped() -> dict[str, Worksheet]:
    return load_folder(WORKSHEETS)


def shipped_worksheets() -> dict[str, Worksheet]:
    """Every shipped worksheet by id, loaded once per run through the real folder loader
    (models are frozen); a new dict each call, so a test may add or drop entries."""
    return dict(_every_shipped())


def sheet(body: str, head: str = HEAD) -> str:
    """A worksheet text: the standard head followed by `body` (dedented)."""
    return head + textwrap.dedent(body)


def one_section(items: str, head: str = HEAD, tail: str = "") -> str:
    """A worksheet with one section holding `items` (YAML list entries, dedented)."""
    body = "sections:\n  - id: s\n    title: S\n    items:\n"
    body += textwrap.indent(textwrap.dedent(items), " " * 6)
    return head + body + textwrap.dedent(tail)


def line_of(text: str, needle: str) -> int:
    """The 1-based line of the only line in `text` containing `needle`."""
    hits = [n for n, line in enumerate(text.splitlines(), 1) if needle in line]
    assert len(hits) == 1, f"{needle!r} is on lines {hits}"
    return hits[0]


def problems_of(text: str, file: str = "t.yaml") -> list[Problem]:
    """The problems parse_worksheet reports for `text` (fails the test when it loads)."""
    try:
        parse_worksheet(text, file)
    except WorksheetError as e:
        return e.problems
    raise AssertionError("the worksheet loaded, but problems were expected")


def only_problem(text: str, file: str = "t.yaml") -> Problem:
    """The single problem reported for `text`."""
    found = problems_of(text, file)
    assert len(found) == 1, [str(p) for p in found]
    return found[0]
