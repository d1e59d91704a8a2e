"""Tick boxes, scale circles and rulers drawn as DejaVu Sans glyphs in one line of text.

WeasyPrint spends most of its time per run of text, so a row of seven circles is one string
with tabs between the circles (the stylesheet sets `tab-size` to the column width), not seven
boxes. Every glyph here is in DejaVu Sans, which every supported system has.
"""

from __future__ import annotations

from collections.abc import Sequence

BOX, BOX_TICKED = "☐", "☑"
RADIO, RADIO_PICKED = "○", "◉"
RULER, RULER_PICKED = "○", "●"
CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩"
CIRCLED_PICKED = "❶❷❸❹❺❻❼❽❾❿"
GLYPH_EM = 0.9
"""Advance width of these glyphs in DejaVu Sans, in em (0.87-0.9)."""
DIGIT_EM = 0.64
CIRCLE_PT, NUMBER_PT = 18, 10
"""Sizes in worksheet.css: .circles and .ruler-numbers."""
SPAN_MM = 150.0
"""Widest a row of circles may be; both papers have at least 178 mm between margins."""

_PT = 25.4 / 72


def mark(multi: bool, picked: bool) -> str:
    """A tick box (pick any) or a round button (pick one), filled in when picked."""
    if multi:
        return BOX_TICKED if picked else BOX
    return RADIO_PICKED if picked else RADIO


def _numbered(values: Sequence[str]) -> bool:
    return all(v.isdigit() and 1 <= int(v) <= len(CIRCLED) for v in values)


def circles(values: Sequence[str], picked: Sequence[bool]) -> str:
    """A tab-separated row of circles, numbered ①-⑩ when the values are 1-10."""
    if _numbered(values):
        return "\t".join((CIRCLED_PICKED if p else CIRCLED)[int(v) - 1]
                         for v, p in zip(values, picked, strict=True))
    return "\t".join(RULER_PICKED if p else RULER for p in picked)


def ruler_circles(picked: Sequence[bool]) -> str:
    return "\t".join(RULER_PICKED if p else RULER for p in picked)


def column_mm(n: int, widest: float = 15.0) -> float:
    """The width of one circle's column for `n` circles."""
    return round(min(widest, SPAN_MM / max(n, 1)), 2)


def centring_mm(column: float, em: float = GLYPH_EM, size_pt: float = CIRCLE_PT) -> float:
    """Left padding that puts a glyph of `em` width in the middle of its first column."""
    return round(max(0.0, (column - em * size_pt * _PT) / 2), 2)


SCALE_MM, RULER_MM = 15.0, 14.0
"""The widest column of a grid of scale items, and of a ruler."""
MAX_COLUMNS = 60


def columns_class(n: int, ruler: bool) -> str:
    """The name that column_css() gives the sizes of a row of `n` circles."""
    return f"{'r' if ruler else 's'}{min(max(n, 1), MAX_COLUMNS)}"


def column_css() -> str:
    """Column widths, tab stops and centring for every row of circles, as class rules.

    WeasyPrint parses a `style` attribute for each element that has one, which costs about
    as much as laying out a short paragraph; one class per size, in the shared stylesheet,
    costs nothing per element.
    """
    rules = []
    for n in range(1, MAX_COLUMNS + 1):
        col = column_mm(n, SCALE_MM)
        rules += [f".ts-s{n} {{ tab-size: {col}mm }}",
                  f".hw-s{n} {{ width: {round(col * n, 2)}mm }}",
                  f".cp-s{n} {{ padding-left: {centring_mm(col)}mm }}"]
        col = column_mm(n, RULER_MM)
        rules += [f".rw-r{n} {{ tab-size: {col}mm; width: {round(col * n, 2)}mm }}",
                  f".cp-r{n} {{ padding-left: {centring_mm(col)}mm }}",
                  f".np-r{n} {{ padding-left: {centring_mm(col, DIGIT_EM, NUMBER_PT)}mm }}"]
    rules += [f".w{pct} {{ width: {pct}% }}" for pct in range(5, 100, 5)]
    return "\n".join(rules) + "\n"
