"""What the studio knows about one worksheet file: the model (when it loads), `workshop check`
problems, translation coverage naming each missing text, and reading levels. No ipywidgets."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from toolkit.text.readability import supported
from toolkit.worksheet.coverage import Coverage, coverage, read_source, still_to_translate
from toolkit.worksheet.loader import WorksheetError, load_worksheet
from toolkit.worksheet.model import Worksheet
from toolkit.worksheet.reading import text_levels
from toolkit.worksheet.source import Problem


@dataclass(frozen=True)
class ReadingRow:
    """The reading level of one piece of prose in one language."""

    where: str
    lang: str
    formula: str
    score: float
    grades: str
    hard: bool
    """Above the grade-8 target (never set for a validated measure)."""


@dataclass(frozen=True)
class Inspection:
    """One look at a worksheet file, as `workshop check` and the studio see it."""

    path: Path
    worksheet: Worksheet | None
    problems: list[Problem]
    coverage: Coverage | None = None
    missing: dict[str, list[Problem]] = field(default_factory=dict)
    """Per language after the first: each text that has no translation yet, at its line."""
    reading: list[ReadingRow] = field(default_factory=list)
    exempt: bool = False
    """A validated measure: its published wording is not flagged for reading level."""

    @property
    def ok(self) -> bool:
        return self.worksheet is not None and not self.problems


def is_measure(ws: Worksheet) -> bool:
    """A validated measure keeps its published wording, so its reading level is not flagged."""
    return any(status == "validated" for status in ws.validation.values())


def reading_rows(ws: Worksheet) -> list[ReadingRow]:
    """Each question's and note's level in each declared language the formulas know."""
    exempt = is_measure(ws)
    return [ReadingRow(where, lang, level.formula, round(level.score, 1), level.band.grades,
                       not exempt and not level.band.plain)
            for lang in ws.languages if supported(lang)
            for where, level in text_levels(ws, lang)]


def inspect(path: str | Path) -> Inspection:
    """Load and check `path`; coverage and reading levels as far as the file allows."""
    path = Path(path)
    try:
        ws: Worksheet | None = load_worksheet(path)
        problems: list[Problem] = []
    except WorksheetError as e:
        ws, problems = None, list(e.problems)
    source = read_source(path)
    found = missing = None
    if source is not None and isinstance(source.data, dict):
        found = coverage(source)
        missing = {lang: still_to_translate(source, lang) for lang in found.declared[1:]}
    return Inspection(path, ws, problems, found, missing or {},
                      reading_rows(ws) if ws else [], bool(ws and is_measure(ws)))


_VERSION = re.compile(r"^(?P<lead>version:\s*)(?P<q>[\"']?)(?P<v>\d+(?:\.\d+){0,2})(?P=q)",
                      re.MULTILINE)


def bumped(version: str) -> str:
    """The next version: the last number goes up by one ("1.1" -> "1.2", "2" -> "3")."""
    parts = version.split(".")
    parts[-1] = str(int(parts[-1]) + 1)
    return ".".join(parts)


def bump_version(text: str) -> tuple[str, str]:
    """The YAML text with its top-level `version:` bumped in place (comments and quoting
    kept), and the new version; ValueError when there is no such line."""
    match = _VERSION.search(text)
    if match is None:
        raise ValueError("no top-level `version:` line")
    new = bumped(match["v"])
    return (text[:match.start("v")] + new + text[match.end("v"):], new)
