"""The one SVG picture of a support map (rings around "Me"), for the widget, print and groups."""

from __future__ import annotations

import json
import math
import zlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TypeVar

from toolkit.supportmap.geometry import SVG_NS, Box, Label, overlaps, text_box
from toolkit.supportmap.people import RINGS, SUPPORT_LABELS, Entry, SupportMap, ring_label
from toolkit.text.languages import DEFAULT_LANGUAGE
from toolkit.text.markup import clean, escape
from toolkit.text.strings import ui, ui_plural

T = TypeVar("T")

KINDS = ("yes", "unsure", "no", "unknown")
SAFETY = ("safe", "unsure", "not_safe")
NAME_LIMIT, MIN_FONT = 16, 9
RING_CLEAR = 2.0  # room between a ring's name and the circles that bound its zone
INK, GREY, LINE, ACCENT = "#222222", "#8a8a8a", "#b5b5b5", "#3d6b6b"
FONT = "DejaVu Sans, Arial, Helvetica, sans-serif"
EMPTY_HINT = ui("map_empty_hint")
"""The English invitation on an empty map (`ui("map_empty_hint", lang)` in other languages)."""


def _clean(text: str) -> str:
    """A name on one line of the picture (clean() keeps only what XML can hold)."""
    return " ".join(clean(text).split())


def _name(e: Entry, lang: str) -> str:
    return _clean(e.name) or ui("map_no_name", lang)


def _count(kind: str, n: int, lang: str) -> str:
    return ui_plural(f"map_count_{kind}", n, lang)


def _attr(value: str) -> str:
    return escape(clean(value))


def shorten(name: str, limit: int = NAME_LIMIT) -> str:
    """Cut a long name at a word boundary with '…' (mid-word only for one very long word)."""
    if len(name) <= limit:
        return name
    cut = name.rfind(" ", 0, limit + 1)
    return (name[:cut].rstrip() if cut > 0 else name[:limit - 1]) + "…"


@dataclass(frozen=True)
class _Rings:
    me: float
    widths: tuple[float, ...]
    names: tuple[str, ...]  # "Me", then each ring's name, in the picture's language

    def zone(self, k: int) -> tuple[float, float]:
        inner = self.me + sum(self.widths[:k])
        return inner, inner + self.widths[k]

    @property
    def outer(self) -> float:
        return self.zone(len(RINGS) - 1)[1]

    def _ring_name(self, k: int) -> Label:
        """Near the bottom of zone k, raised until its ends clear the curving outer edge."""
        fs, text = 11, self.names[k + 1]
        outer, half = self.zone(k)[1], len(text) * 0.3 * fs
        lowest = math.sqrt(max(outer ** 2 - half ** 2, 0)) - RING_CLEAR - 0.2 * fs
        return Label(0, min(outer - 7, lowest), text, fs, "middle", "ring-label")

    def fixed_texts(self) -> list[Label]:
        """'Me' and one ring name at the bottom of each zone, inside its edges."""
        return [Label(0, 5, self.names[0], 14, "middle", "me")] + [
            self._ring_name(k) for k in range(len(RINGS))]

    def cramped(self) -> int | None:
        """The first zone whose name does not fit between its edges (long in some languages)."""
        for k in range(len(RINGS)):  # raised too far, a name would cross the inner edge
            if self._ring_name(k).box[1] < self.zone(k)[0] + RING_CLEAR:
                return k
        return None


def _fit(size: int, lang: str, attempt: Callable[[_Rings], T | int]) -> tuple[_Rings, T]:
    """Widen the zone of whichever ring could not be laid out until every ring fits."""
    names = (ui("map_me", lang), *(ring_label(r, lang) for r in RINGS))
    widths = [size * 0.075] * len(RINGS)
    while True:  # each round widens one zone, so labels (fixed size) always fit eventually
        rings = _Rings(size * 0.055, tuple(widths), names)
        cramped = rings.cramped()
        result = attempt(rings) if cramped is None else cramped
        if not isinstance(result, int):
            return rings, result
        widths[result] *= 1.1


KEY_ROOM = 8
"""Half the width of a legend marker, stroke included (the diamond is the widest)."""


def _marker(kind: str, s: float) -> str:
    stroke = f'stroke="{INK}" stroke-width="1.5"'
    if kind == "yes":
        return f'<circle class="marker" data-shape="circle" r="{s:g}" fill="{INK}"/>'
    if kind == "unsure":
        d = s * 1.25
        return (f'<path class="marker" data-shape="diamond" d="M0,{-d:g} L{d:g},0 L0,{d:g} '
                f'L{-d:g},0 Z" fill="{GREY}" {stroke}/>')
    if kind == "no":
        a = s * 0.6
        return (f'<g class="marker" data-shape="square-x"><rect x="{-s:g}" y="{-s:g}" '
                f'width="{2 * s:g}" height="{2 * s:g}" fill="#ffffff" {stroke}/>'
                f'<path d="M{-a:g},{-a:g} L{a:g},{a:g} M{-a:g},{a:g} L{a:g},{-a:g}" {stroke}/></g>')
    return (f'<circle class="marker" data-shape="hollow-circle" r="{s:g}" fill="#ffffff" '
            f'{stroke} stroke-dasharray="2 1.5"/>')


def _kind(e: Entry) -> str:
    return e.supports if e.supports in SUPPORT_LABELS else "unknown"


def _font(n: int) -> float:
    return 12 if n <= 8 else 11 if n <= 14 else 10 if n <= 20 else MIN_FONT


def _candidates(x: float, y: float, ux: float, uy: float, m: float, fs: float,
                chars: int) -> list[tuple[float, float, str]]:
    """Label spots beside the marker, best first: outward, close, then shifted or inward."""
    g, mid, w = m + 3, y + 0.35 * fs, chars * 0.6 * fs
    spots = []
    for dy, cost in ((0, 0), (-0.6 * fs, 0.3), (0.6 * fs, 0.3), (-1.2 * fs, 0.6), (1.2 * fs, 0.6)):
        spots += [(x + g, mid + dy, "start", cost), (x - g, mid + dy, "end", cost)]
    for dx, cost in ((0, 0), (-w / 3, 0.4), (w / 3, 0.4)):
        spots += [(x + dx, y - g - 0.2 * fs, "middle", cost),
                  (x + dx, y + g + 0.8 * fs, "middle", cost)]
    for sx in (1, -1):
        for ly in (y - g - 0.2 * fs, y + g + 0.8 * fs):
            spots.append((x + sx * m, ly, "start" if sx > 0 else "end", 0.1))
    scored = []
    for lx, ly, anchor, cost in spots:
        b = text_box(lx, ly, anchor, fs, chars)
        dx, dy = (b[0] + b[2]) / 2 - x, (b[1] + b[3]) / 2 - y
        norm = math.hypot(dx, dy) or 1
        scored.append((1 - (dx * ux + dy * uy) / norm + cost, lx, ly, anchor))
    return [(lx, ly, a) for _, lx, ly, a in sorted(scored, key=lambda s: s[0])]


@dataclass
class _Placed:
    entry: Entry
    ring: str
    x: float
    y: float
    s: float
    label: Label
    box: Box  # the label's, in picture coordinates


def _place(rings: _Rings, by_ring: dict[str, list[Entry]], badges: Mapping[str, str],
           lang: str) -> list[_Placed] | int:
    """Every entry with a label that hits nothing, or the index of the ring that needs room."""
    fixed = [t.box for t in rings.fixed_texts()] + [(-rings.me, -rings.me, rings.me, rings.me)]
    spots, markers = [], []
    for k, ring in enumerate(RINGS):
        inner, outer = rings.zone(k)
        n, fs = len(by_ring[ring]), _font(len(by_ring[ring]))
        s = 6.0 if n <= 12 else 5.0
        for i, e in enumerate(by_ring[ring]):
            # Crowded rings alternate two tracks; the inner track labels inward, which
            # doubles the room for labels around the circle.
            track = 0.0 if n <= 12 else (fs * 0.7 + s) * (1 if i % 2 else -1)
            m = s * 1.3
            # Hug the outer edge (just above the ring name, which a long name in some
            # languages raises) once a zone grows wide, so a crowded ring does not leave a
            # wide empty band outside its labels.
            r = max((inner + outer) / 2, fixed[k + 1][1] - 4.2 - abs(track) - m) + track
            a = -math.pi / 2 + 2 * math.pi * i / n
            x, y = r * math.cos(a), r * math.sin(a)
            mbox = (x - m, y - m, x + m, y + m)
            if any(overlaps(mbox, b, 1) for b in fixed + markers):
                return k
            markers.append(mbox)
            out = -1 if track < 0 else 1
            spots.append((k, e, x, y, s, out * math.cos(a), out * math.sin(a), fs, mbox))
    labels: list[Box] = []
    placed = []
    for k, e, x, y, s, ux, uy, fs, own in spots:
        text, badge = shorten(_name(e, lang)), badges.get(e.row, "")
        chars = len(text) + (len(badge) + 1 if badge else 0)
        # A label keeps about a line clear of other markers, so it cannot read as theirs.
        others = [b for b in markers if b is not own]
        for lx, ly, anchor in _candidates(x, y, ux, uy, s * 1.3, fs, chars):
            box = text_box(lx, ly, anchor, fs, chars)
            if not (any(overlaps(box, b) for b in fixed + labels + [own])
                    or any(overlaps(box, b, fs * 0.9) for b in others)):
                break
        else:
            return k
        labels.append(box)
        label = Label(lx - x, ly - y, text, fs, anchor, badge=badge)
        placed.append(_Placed(e, RINGS[k], x, y, s, label, box))
    return placed


def _summary(counts: Mapping[str, Mapping[str, int]], lang: str) -> str:
    parts = []
    for ring in RINGS:
        c = counts.get(ring, {})
        words = ", ".join(_count(k, c[k], lang) for k in KINDS if c.get(k))
        total = sum(c.get(k, 0) for k in KINDS)
        said = f"{total} ({words})" if total else ui("map_no_one", lang)
        parts.append(f"{ring_label(ring, lang)}: {said}.")
    return " ".join(parts)


def _frame(rings: _Rings, texts: list[Label], body: Callable[[float, float], list[str]],
           title: str, desc: str, size: int, extent: list[Box]) -> str:
    """The shared drawing: canvas grown to fit, shaded rings, ring names, 'Me', then `body`."""
    boxes = [t.box for t in texts] + extent + [(-rings.outer, -rings.outer, rings.outer,
                                                rings.outer)]
    x0, y0 = min(b[0] for b in boxes) - 12, min(b[1] for b in boxes) - 12
    x1, y1 = max(b[2] for b in boxes) + 12, max(b[3] for b in boxes) + 12
    w, h = max(size, math.ceil(x1 - x0)), max(size, math.ceil(y1 - y0))
    cx, cy = round((w - x1 - x0) / 2, 1), round((h - y1 - y0) / 2, 1)
    zones = {r: {"inner": round(rings.zone(k)[0], 1), "outer": round(rings.zone(k)[1], 1)}
             for k, r in enumerate(RINGS)}
    data = json.dumps({"cx": cx, "cy": cy, "rings": zones}, separators=(",", ":"))
    parts = [f'<circle class="ring" data-ring="{r}" cx="{cx:g}" cy="{cy:g}" '
             f'r="{zones[r]["outer"]:g}" fill="{"#ececec" if k % 2 else "#f8f8f8"}" '
             f'stroke="{ACCENT if r == "professional" else LINE}" stroke-width="1.2"/>'
             for k, r in reversed(list(enumerate(RINGS)))]
    parts.append(f'<circle class="me" cx="{cx:g}" cy="{cy:g}" r="{rings.me:g}" fill="{INK}"/>')
    parts += [t.svg(cx, cy, ' font-weight="bold" fill="#ffffff"' if t.cls == "me" else
                    f' fill="{ACCENT}"') for t in rings.fixed_texts()]
    parts += [t.svg(cx, cy) for t in texts] + body(cx, cy)
    uid = f"svgmap-{zlib.crc32((title + desc).encode()):08x}"
    return (f'<svg xmlns="{SVG_NS}" viewBox="0 0 {w} {h}" role="img" '
            f'aria-labelledby="{uid}-title {uid}-desc" data-rings="{escape(data)}" '
            f'font-family="{FONT}" fill="{INK}"><title id="{uid}-title">{_attr(title)}</title>'
            f'<desc id="{uid}-desc">{escape(desc)}</desc>{"".join(parts)}</svg>')


def _entry(p: _Placed, cx: float, cy: float, safety: Mapping[str, str], lang: str) -> str:
    kind, rating = _kind(p.entry), safety.get(p.entry.row)
    words = [_name(p.entry, lang), ring_label(p.ring, lang).lower(),
             ui(f"map_entry_{kind}", lang)] + ([ui(f"map_safety_{rating}", lang)] if rating
                                               else [])
    said = escape(", ".join(words))
    return (f'<g class="entry" data-row="{_attr(p.entry.row)}" data-ring="{p.ring}" '
            f'data-support="{kind}"' + (f' data-safety="{rating}"' if rating else "")
            + f' aria-label="{said}" transform="translate({p.x + cx:.1f} {p.y + cy:.1f})">'
            f"<title>{said}</title>{_marker(kind, p.s)}{p.label.svg()}</g>")


def render_map(support_map: SupportMap, *, safety: Mapping[str, str] | None = None,
               size: int = 640, title: str | None = None,
               lang: str = DEFAULT_LANGUAGE) -> str:
    """The client's map as a standalone SVG in `lang`: entries spread around their rings, no
    overlaps. The title defaults to "My support map" in that language."""
    by_ring = {r: support_map.in_ring(r) for r in RINGS}
    rated = {row: v for row, v in (safety or {}).items() if v in SAFETY}
    badges = {row: ui(f"map_badge_{v}", lang) for row, v in rated.items()}
    rings, placed = _fit(size, lang, lambda r: _place(r, by_ring, badges, lang))
    extent = [p.box for p in placed]
    y = max([rings.outer] + [b[3] for b in extent]) + 24
    texts, keys = [], []
    hint = ui("map_empty_hint", lang)
    if not placed:
        texts.append(Label(0, y, hint, 12, "middle", "hint"))
    legend = {k: ui(f"map_entry_{k}", lang) for k in KINDS}
    col = max(len(words) for words in legend.values()) * 0.6 * 11 + 40
    for i, kind in enumerate(KINDS if placed else ()):
        kx, ky = (i % 2 - 1) * col + 10, y + (i // 2) * 20
        texts.append(Label(kx + 12, ky + 4, legend[kind].capitalize(), 11, cls="legend"))
        keys.append((kx, ky, kind))

    def body(cx: float, cy: float) -> list[str]:
        return [_entry(p, cx, cy, rated, lang) for p in placed] + [
            f'<g class="key" data-support="{kind}" transform="translate({kx + cx:.1f} '
            f'{ky + cy:.1f})">{_marker(kind, 5)}</g>' for kx, ky, kind in keys]

    desc = _summary(support_map.counts(), lang) + ("" if placed else f" {hint}.")
    title = ui("map_sheet", lang) if title is None else title
    # The legend's markers count in the canvas too (they were cut off at its left edge).
    marks = [(kx - KEY_ROOM, ky - KEY_ROOM, kx + KEY_ROOM, ky + KEY_ROOM) for kx, ky, _ in keys]
    return _frame(rings, texts, body, title, desc, size, extent + marks)


def _blocks(rings: _Rings, counts: Mapping[str, Mapping[str, int]],
            lang: str) -> list[Label] | int:
    """Count lines at the top of each zone, hugging its inner edge, or the ring needing room."""
    out = []
    for k, ring in enumerate(RINGS):
        inner, outer = rings.zone(k)
        lines = [_count(kind, counts[ring][kind], lang) for kind in KINDS
                 if counts[ring][kind]] or [ui("map_no_one", lang)]
        for j, line in enumerate(reversed(lines)):
            t = Label(0, -inner - 6 - 2.2 - j * 14, line, 11, "middle", "count")
            x0, y0, x1, _ = t.box
            if math.hypot(max(-x0, x1), y0) > outer - 8:
                return k
            out.append(t)
    return out


def render_group(counts: Mapping[str, Mapping[str, int]], *, size: int = 640,
                 title: str | None = None, lang: str = DEFAULT_LANGUAGE) -> str:
    """A group's summed maps in `lang`: the same rings with counts per ring and kind, never
    any names. The title defaults to "Our group's support maps" in that language."""
    unknown = set(counts) - set(RINGS) | {k for c in counts.values() for k in c} - set(KINDS)
    if unknown:
        raise ValueError(f"counts may only use rings {RINGS} and kinds {KINDS} "
                         f"(got {sorted(unknown)})")
    full = {r: {k: int(counts.get(r, {}).get(k, 0)) for k in KINDS} for r in RINGS}
    rings, texts = _fit(size, lang, lambda r: _blocks(r, full, lang))
    title = ui("group_map_title", lang) if title is None else title
    return _frame(rings, texts, lambda cx, cy: [], title, _summary(full, lang), size, [])
