"""A grid's column labels as a few lines of preformatted text, each word centred on its column.

Seven labels in seven table cells cost WeasyPrint about as much as a page of questions (every
cell a box, every line of every label a line of its own), and the header repeats on each
page the grid runs onto. As one `white-space: pre` paragraph, the labels are three lines of
text: each word is moved to the middle of its column with spaces of known width, measured
with DejaVu Sans' own advance widths (the font every printout uses, see worksheet.css).
"""

from __future__ import annotations

import subprocess
from collections.abc import Sequence
from functools import cache

import pyphen

LABEL_PT = 8.0
"""Size of the labels in worksheet.css (.grid .labs)."""
_PT_MM = 25.4 / 72
_FALLBACK_EM = 0.62
"""An average DejaVu Sans character, if the font file cannot be read."""
_SPACES = (("\u0020", 0.31787109375), ("\u2009", 0.19970703125), ("\u200a", 0.099609375))
"""Space, thin space and hair space, with their DejaVu Sans widths in em."""


@cache
def advances() -> dict[int, float]:
    """Advance width in em of each character of DejaVu Sans (empty if it cannot be read)."""
    try:
        from fontTools.ttLib import TTFont

        path = subprocess.run(["fc-match", "--format=%{file}", "DejaVu Sans"],
                              capture_output=True, text=True, timeout=10, check=True).stdout
        font = TTFont(path, lazy=True)
        units = font["head"].unitsPerEm
        metrics = font["hmtx"].metrics
        return {code: metrics[glyph][0] / units for code, glyph in font.getBestCmap().items()}
    except (OSError, subprocess.SubprocessError, KeyError, ValueError):
        return {}


def width_em(text: str) -> float:
    """The width of `text` in DejaVu Sans, in em (kerning left out: a few hundredths)."""
    widths = advances()
    return sum(widths.get(ord(c), _FALLBACK_EM) for c in text)


@cache
def _splitter(lang: str) -> pyphen.Pyphen | None:
    name = pyphen.language_fallback(lang.replace("-", "_"))
    return pyphen.Pyphen(lang=name, left=2, right=3) if name else None


def _hyphenated(word: str, room: float, lang: str) -> list[str]:
    """A word too wide for its column, cut at hyphenation points into pieces that fit."""
    pieces, splitter = [], _splitter(lang)
    while splitter is not None and width_em(word) > room:
        cut = next(((head, tail) for head, tail in splitter.iterate(word)
                    if width_em(head + "-") <= room), None)
        if cut is None:
            break
        pieces.append(cut[0] + "-")
        word = cut[1]
    return [*pieces, word]


def _lines(label: str, room: float, lang: str) -> list[str]:
    """The label broken into lines that fit `room` em (a word wider is cut, or overflows)."""
    lines: list[str] = []
    for word in label.split():
        for piece in _hyphenated(word, room, lang):
            if lines and width_em(f"{lines[-1]} {piece}") <= room:
                lines[-1] = f"{lines[-1]} {piece}"
            else:
                lines.append(piece)
    return lines or [""]


def _gap(em: float) -> tuple[str, float]:
    """Spaces adding up to about `em` (within a tenth of an em, a quarter of a millimetre
    at 8 pt), and their width."""
    out, total = [], 0.0
    for char, width in _SPACES:
        n = max(0, int((em - total) / width + 1e-6))
        out.append(char * n)
        total += n * width
    return "".join(out), total


def column_head(labels: Sequence[str], column_mm: float, lang: str = "en") -> str:
    """Lines (joined by newlines) with each label centred on its column, the labels'
    last lines side by side on the last line."""
    column = column_mm / (LABEL_PT * _PT_MM)  # in em
    room = column - 0.3  # keeps neighbours apart
    broken = [_lines(label, room, lang) for label in labels]
    depth = max(len(lines) for lines in broken)
    rows = []
    for row in range(depth):
        text, at = "", 0.0
        for i, lines in enumerate(broken):
            skip = depth - len(lines)
            line = lines[row - skip] if row >= skip else ""
            if not line:
                continue
            width = width_em(line)
            # Centred on the column, each position from the intended one, so rounding
            # does not add up along the line.
            start = max((i + 0.5) * column - width / 2, at + (0.3 if text else 0.0))
            gap, gap_width = _gap(start - at)
            text += gap + line
            at += gap_width + width
        rows.append(text)
    return "\n".join(rows)
