"""Where text sits on the map picture: the agreed size estimate of a line of text, the
overlap test, a placed label, and reading the label boxes back out of a drawn SVG."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass

from toolkit.text.markup import escape

Box = tuple[float, float, float, float]  # x0, y0, x1, y1
GAP = 2.0
"""Least room between two labels."""
SVG_NS = "http://www.w3.org/2000/svg"


def text_box(x: float, y: float, anchor: str, size: float, chars: int) -> Box:
    """The agreed text estimate: 0.6 em per character, one em tall, y on the baseline."""
    w = chars * 0.6 * size
    x0 = x - w / 2 if anchor == "middle" else x - w if anchor == "end" else x
    return (x0, y - 0.8 * size, x0 + w, y + 0.2 * size)


def overlaps(a: Box, b: Box, gap: float = GAP) -> bool:
    """True when two boxes come closer than `gap`."""
    return a[0] < b[2] + gap and b[0] < a[2] + gap and a[1] < b[3] + gap and b[1] < a[3] + gap


@dataclass
class Label:
    """A line of text on the picture, where it is anchored and how big."""

    x: float
    y: float
    text: str
    size: float
    anchor: str = "start"
    cls: str = "label"
    badge: str = ""

    @property
    def box(self) -> Box:
        return text_box(self.x, self.y, self.anchor, self.size,
                        len(self.text) + (len(self.badge) + 1 if self.badge else 0))

    def svg(self, dx: float = 0, dy: float = 0, extra: str = "") -> str:
        badge = f'<tspan class="badge" font-weight="bold"> {escape(self.badge)}</tspan>'
        return (f'<text class="{self.cls}" x="{self.x + dx:.1f}" y="{self.y + dy:.1f}" '
                f'font-size="{self.size:g}" text-anchor="{self.anchor}"{extra}>'
                f'{escape(self.text)}{badge if self.badge else ""}</text>')


def label_boxes(svg: str, cls: str | None = None) -> list[Box]:
    """Every <text> box in a rendered SVG (only class `cls` if given), by the same estimate."""
    out: list[Box] = []

    def walk(el: ET.Element, ox: float, oy: float) -> None:
        move = re.fullmatch(r"translate\(([-\d.]+)[ ,]+([-\d.]+)\)", el.get("transform", ""))
        ox, oy = (ox + float(move[1]), oy + float(move[2])) if move else (ox, oy)
        if el.tag == f"{{{SVG_NS}}}text" and (cls is None or cls in el.get("class", "").split()):
            out.append(text_box(ox + float(el.get("x", 0)), oy + float(el.get("y", 0)),
                            el.get("text-anchor", "start"), float(el.get("font-size", 12)),
                            len("".join(el.itertext()))))
        for child in el:
            walk(child, ox, oy)

    walk(ET.fromstring(svg), 0.0, 0.0)
    return out
