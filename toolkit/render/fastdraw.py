"""WeasyPrint 70 drawing text faster, the same PDF bytes out.

Drawing was a fifth of a render, and half of that was work done twice. Stock WeasyPrint
shapes each line with Pango while laying it out, throws the shaped line away, and at drawing
time builds a new Pango context and layout and shapes the line again; then it walks the
glyphs one cdata attribute at a time and formats each glyph's PDF text afresh. Here:

- the shaped layout of a line is kept from line breaking to drawing and drawn as it is
  (only for a line without a newline, of the style it was shaped for, not justified: the
  cases where re-shaping gives the same glyphs); it is freed once drawn, as stock does;
- a run's glyphs are read in one block, and each (glyph, advance, offset) is formatted once
  per font and size per document.

Everything else (ellipsis, emoji fonts, missing glyphs, raised glyphs, old Pango) takes the
stock path untouched. tests/render/test_fastdraw.py renders every worksheet, blank and
filled, in both languages, with hostile text and the support map, both ways and compares the bytes.
Installed only on the WeasyPrint versions it was checked against (pyproject pins 70.x);
on any other version printing is simply stock.
"""

from __future__ import annotations

import struct
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from typing import Any

import weasyprint
from weasyprint.draw import text as draw_text
from weasyprint.text import line_break
from weasyprint.text.ffi import FROM_UNITS, ffi, pango

CHECKED = ("70.",)
"""WeasyPrint versions (prefixes) whose drawing code this was compared against."""

_STOCK_DRAW = draw_text.draw_first_line
_STOCK_DEACTIVATE = line_break.Layout.deactivate
_STOCK_REACTIVATE = line_break.Layout.reactivate
_GLYPH = struct.Struct("<Iiii4x")  # PangoGlyphInfo: glyph, width, x_offset, y_offset, attr
_EMPTY = pango.PANGO_GLYPH_EMPTY
_UNKNOWN = pango.PANGO_GLYPH_UNKNOWN_FLAG


@cache
def supported() -> bool:
    """Whether this WeasyPrint and Pango are the ones the fast path reproduces (also asked
    by marginboxes.py, which patches WeasyPrint's page layout the same way)."""
    return (weasyprint.__version__.startswith(CHECKED)
            and ffi.sizeof("PangoGlyphInfo") == _GLYPH.size
            and pango.pango_version() >= 14802)


def install() -> bool:
    """Draw text the fast way from now on (where supported); True if installed."""
    if not supported():
        return False
    draw_text.draw_first_line = _draw_first_line
    line_break.Layout.deactivate = _keep
    line_break.Layout.reactivate = _reactivate
    return True


def uninstall() -> None:
    """Back to WeasyPrint's own drawing."""
    draw_text.draw_first_line = _STOCK_DRAW
    line_break.Layout.deactivate = _STOCK_DEACTIVATE
    line_break.Layout.reactivate = _STOCK_REACTIVATE


def installed() -> bool:
    return draw_text.draw_first_line is _draw_first_line


@contextmanager
def stock() -> Iterator[None]:
    """WeasyPrint's own drawing for the duration (what the tests compare against)."""
    was = installed()
    uninstall()
    try:
        yield
    finally:
        if was:
            install()


def pin(box: Any) -> None:
    """Keep the shaped lines of a laid-out box after drawing too: it will be drawn again
    (a header or footer reused by marginboxes.py)."""
    for child in box.descendants():
        layout = getattr(child, "pango_layout", None)
        if layout is not None:
            layout._pinned = True


def _keep(self: Any) -> None:
    """Layout.deactivate: after line breaking, keep the shaped line for drawing; after
    drawing, free it as stock does (unless pinned)."""
    if self.__dict__.pop("_drawing", False) and not self.__dict__.get("_pinned"):
        _STOCK_DEACTIVATE(self)
    else:
        self._kept = True


def _reactivate(self: Any, style: Any) -> None:
    """Layout.reactivate (before drawing): use the kept layout when re-shaping would give
    the same line, else build it anew as stock does."""
    self._drawing = True
    kept = ((self.__dict__.pop("_kept", False) or self.__dict__.get("_pinned", False))
            and "layout" in self.__dict__)  # not freed by stock drawing (fastdraw.stock())
    self._ready = (kept and style is self.style and not self.justification_spacing
                   and "\n" not in self.text)
    if not self._ready:
        _STOCK_REACTIVATE(self, style)


def _draw_first_line(stream: Any, textbox: Any, text_overflow: str, block_ellipsis: Any,
                     matrix: Any) -> list:
    """draw.text.draw_first_line, same output; the stock function for the rare cases."""
    if text_overflow == "ellipsis" or block_ellipsis != "none":
        return _STOCK_DRAW(stream, textbox, text_overflow, block_ellipsis, matrix)
    if not textbox.text.strip() or textbox.style["font_size"] < 1e-6:
        return []
    layout = textbox.pango_layout
    if not layout.__dict__.get("_ready"):
        pango.pango_layout_set_single_paragraph_mode(layout.layout, True)
    first_line, _ = layout.get_first_line()
    runs = []
    run = first_line.runs[0]
    while run != ffi.NULL:
        item, glyphs = run.data.item, run.data.glyphs
        run = run.next
        count = glyphs.num_glyphs
        infos = list(_GLYPH.iter_unpack(ffi.buffer(glyphs.glyphs, count * _GLYPH.size)))
        if any((glyph & _UNKNOWN and glyph != _EMPTY) or rise
               for glyph, _, _, rise in infos):
            return _STOCK_DRAW(stream, textbox, text_overflow, block_ellipsis, matrix)
        font, font_size = stream.add_font(item.analysis.font)
        if font.svg or font.png or font.colr:  # emoji fonts
            return _STOCK_DRAW(stream, textbox, text_overflow, block_ellipsis, matrix)
        runs.append((item, glyphs, infos, font, font_size))

    stream.set_text_matrix(*matrix.values)
    parts: list[str] = []
    previous = None
    utf8 = None
    for item, glyphs, infos, font, font_size in runs:
        pango_font = item.analysis.font
        if pango_font != previous:
            previous = pango_font
            if parts:
                stream.show_text("".join(parts))
            parts = []
            stream.set_font_size(font.hash, 1 if font.bitmap else font_size)
        parts.append("<")
        texts = _texts(font, font_size)
        clusters = None
        for i, info in enumerate(infos):
            text = texts.get(info)
            if text is None:
                glyph, width, x_offset, _ = info
                if glyph == _EMPTY:
                    parts.append(f">{-width / font_size}<")
                    continue
                if glyph not in font.to_unicode:
                    if clusters is None:
                        clusters = ffi.unpack(glyphs.log_clusters, len(infos))
                    utf8 = utf8 or layout.text.encode()
                    font.to_unicode[glyph] = _characters(item, clusters, i, utf8)
                text = texts[info] = _glyph_text(stream, font, pango_font, font_size, glyph,
                                                 width, x_offset)
            parts.append(text)
        if parts[-1] == "<":
            parts.pop()
        elif parts[-1][-1] == "<":
            parts[-1] = parts[-1][:-1]
        else:
            parts.append(">")
    stream.show_text("".join(parts))
    return []


def _texts(font: Any, font_size: float) -> dict:
    """The PDF text of each (glyph, width, x offset, y offset) seen in this font and size."""
    return font.__dict__.setdefault("_workshop_texts", {}).setdefault(font_size, {})


def _characters(item: Any, clusters: list[int], i: int, utf8: bytes) -> str:
    """The characters glyph i of a run stands for (its cluster), as stock maps them."""
    last = len(clusters) - 1
    start = clusters[i]
    if item.analysis.level % 2:  # right to left
        end = item.length if i == 0 else clusters[i - 1]
    else:
        end = item.length if i == last else clusters[i + 1]
    return utf8[item.offset + start:item.offset + end].decode()


def _glyph_text(stream: Any, font: Any, pango_font: Any, font_size: float, glyph: int,
                width: int, x_offset: int) -> str:
    """One glyph's PDF text: offset, glyph id, kerning, with stock's arithmetic."""
    offset = x_offset / font_size
    text = f">{-offset}<" if offset else ""
    text += f"{glyph:02x}" if font.bitmap else f"{glyph:04x}"
    logical_width = font.widths.get(glyph)
    if logical_width is None:
        pango.pango_font_get_glyph_extents(
            pango_font, glyph, stream.ink_rect, stream.logical_rect)
        logical_width = font.widths[glyph] = round(
            stream.logical_rect.width * 1000 * FROM_UNITS / font_size)
    kerning = logical_width + offset - width * 1000 * FROM_UNITS / font_size
    if kerning:
        text += f">{int(kerning)}<"
    return text
