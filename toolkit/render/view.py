"""The print view of a worksheet: plain data for the one template, blank or with answers."""

from __future__ import annotations

import datetime as dt
import html
import json
import math
import re
from collections.abc import Mapping
from typing import Any

from markupsafe import Markup

from toolkit.render.colhead import column_head
from toolkit.render.labels import labels
from toolkit.render.mapwords import blank_words, described, map_words
from toolkit.render.marks import SCALE_MM, circles, column_mm, columns_class, mark, ruler_circles
from toolkit.render.viewmodel import (
    DocView,
    GridView,
    Opt,
    PrintedItem,
    RowView,
    ScoreView,
    SectionView,
)
from toolkit.render.wording import band_ranges, choice_label, condition_text
from toolkit.supportmap.people import (
    MAP_ITEM,
    MAP_WORKSHEET,
    SAFETY_ITEM,
    SAFETY_WORKSHEET,
    SupportMap,
    safety_by_row,
)
from toolkit.supportmap.svg import render_map
from toolkit.text.formats import decimal, long_date
from toolkit.text.markup import clean, markdown_html
from toolkit.text.strings import tr, ui
from toolkit.worksheet.answers import OTHER, other_key
from toolkit.worksheet.conditions import is_answered, visible_items
from toolkit.worksheet.model import (
    ChoiceItem,
    Date,
    ItemBase,
    LongText,
    MultiChoice,
    Note,
    Number,
    Person,
    Repeat,
    Scale,
    ShortText,
    Worksheet,
)
from toolkit.worksheet.scoring import score_worksheet

# Handwriting takes about 3 mm a character: a full answer line holds about 60.
CHARS_PER_LINE, MAX_LINES, ROW_MAX_LINES = 60, 8, 3
TABLE_CELL = 40
"""Longest answer printed in a table cell of filled repeat rows (else a paragraph a row)."""
LONG_ANSWER = 300
"""Answers longer than this may split across pages instead of moving whole to the next."""


def _md(text: Any, lang: str) -> Markup | None:
    s = tr(text, lang)
    return Markup(markdown_html(s)) if s.strip() else None


def _clean(value: Any) -> str:
    """Client text as printable characters (line breaks kept; autoescaping does the rest)."""
    return clean(value).strip()


def _rings_only(svg: str) -> str:
    """The empty map cropped to its rings (the canvas keeps room for names that a blank
    map has none of) and without the screen's "add people" hint, so the rings can be big
    enough to write names in."""
    svg = re.sub(r'(<text class="hint"[^>]*>)[^<]*<', r"\1<", svg)  # in any language
    found = re.search(r'data-rings="([^"]*)"', svg)
    if not found:
        return svg
    rings = json.loads(html.unescape(found[1]))
    r = max(z["outer"] for z in rings["rings"].values()) + 2
    box = f'viewBox="{rings["cx"] - r:g} {rings["cy"] - r:g} {2 * r:g} {2 * r:g}"'
    return re.sub(r'viewBox="[^"]*"', box, svg, count=1)


def _write_space(max_length: int, rows: int = 1, cap: int = MAX_LINES) -> tuple[int, int]:
    """(lines, width %) for a write-in answer sized to the longest allowed answer."""
    if max_length <= CHARS_PER_LINE:  # in steps of 5 %, the widths column_css() has
        return 1, min(100, max(35, 5 * round(20 * max_length / CHARS_PER_LINE)))
    return min(cap, max(rows, math.ceil(max_length / (CHARS_PER_LINE * 3.5)))), 100


class _Builder:
    def __init__(self, ws: Worksheet, lang: str, answers: Mapping[str, Any] | None,
                 context: Mapping[str, Mapping[str, Any]]):
        self.ws, self.lang, self.answers = ws, lang, answers
        self.filled = answers is not None
        self.words = labels(lang)
        rows = context.get(MAP_WORKSHEET, {}).get(MAP_ITEM)
        self.support_map = SupportMap.from_rows(rows if isinstance(rows, list) else None)
        self.safety = context.get(SAFETY_WORKSHEET, {}).get(SAFETY_ITEM)

    def options(self, item: ItemBase, value: Any) -> list[Opt]:
        picked = {str(v) for v in (value if isinstance(value, list) else [value])
                  if v is not None}
        multi = isinstance(item, MultiChoice)
        return [Opt(tr(c.label, self.lang), str(c.value), str(c.value) in picked,
                    mark(multi, str(c.value) in picked))
                for c in self.ws.choices_for(item)]

    def circle_row(self, view: PrintedItem) -> None:
        values, picked = [o.value for o in view.options], [o.picked for o in view.options]
        view.cols = columns_class(len(values), ruler=view.kind == "ruler")
        if view.kind == "ruler":
            view.circles = ruler_circles(picked)
            view.numbers = "\t".join(values)
        else:
            view.circles = circles(values, picked)

    def item(self, item: ItemBase, value: Any, in_row: bool = False) -> PrintedItem:
        ws, lang = self.ws, self.lang
        view = PrintedItem("write", item.id, tr(item.text, lang), help=_md(item.help, lang),
                        answered=is_answered(value))
        if isinstance(item, Note):
            view.kind, view.html, view.answered = "note", _md(item.text, lang), False
        elif isinstance(item, ShortText | LongText):
            rows = item.rows if isinstance(item, LongText) else 1
            view.lines, view.width = _write_space(
                item.max_length, rows, ROW_MAX_LINES if in_row else MAX_LINES)
            if view.answered:
                view.value = _clean(value)
                view.long = len(view.value) > LONG_ANSWER
        elif isinstance(item, Scale) and item.ruler is not None:
            view.kind, view.options = "ruler", self.options(item, value)
            view.min_label = tr(item.ruler.min_label, lang) or None
            view.max_label = tr(item.ruler.max_label, lang) or None
            self.circle_row(view)
            if view.answered:
                view.value = str(value)
        elif isinstance(item, Scale):
            view.kind, view.options = "scale", self.options(item, value)
            self.circle_row(view)
            if view.answered:
                view.value = f"{value} · {choice_label(ws, item, value, lang)}"
        elif isinstance(item, ChoiceItem) or item.type == "yes_no_unsure":
            view.kind, view.options = "choice", self.options(item, value)
            view.multi = isinstance(item, MultiChoice)
            if isinstance(item, ChoiceItem) and item.other:
                other = self.answers.get(other_key(item.id)) if self.answers else None
                chosen = OTHER in (value if isinstance(value, list) else [value])
                view.other = Opt(self.words["other_please_say"], OTHER, chosen,
                                 mark(view.multi, chosen))
                view.other_text = _clean(other) if is_answered(other) else None
            if isinstance(item, MultiChoice):
                view.hint = (self.words["pick_up_to"].format(n=item.max_selected)
                             if item.max_selected else self.words["pick_all"])
            elif not in_row:
                view.hint = self.words["pick_one"]
            if view.hint and view.hint.split()[0].lower() in view.text.lower():
                view.hint = None  # the question already says "Pick all that apply"
            labels_ = [o.label for o in view.options]
            short = len(labels_) <= 4 and max(map(len, labels_)) <= 14 and not view.other
            view.layout = "inline" if short or in_row else "list"
            if view.answered:
                picked = [o.label for o in view.options if o.picked]
                if view.other and view.other.picked:
                    picked.append(view.other_text or ui("other", lang))
                view.value = ", ".join(picked)
        elif isinstance(item, Number):
            view.kind, view.unit = "number", tr(item.unit, lang) or None
            view.value = f"{value:g}" if view.answered and isinstance(value, float) else \
                str(value) if view.answered else None
        elif isinstance(item, Date):
            view.kind = "date"
            view.value = self.date(value) if view.answered else None
        elif isinstance(item, Person):
            view.kind, view.width = "person", 60
            view.value = self.person(value) if view.answered else None
            view.answered = view.value is not None
        elif isinstance(item, Repeat):
            self.repeat(view, item, value)
        return view

    def date(self, value: Any) -> str:
        try:
            return long_date(dt.date.fromisoformat(str(value)), self.lang)
        except ValueError:
            return _clean(value)

    def person(self, row: Any) -> str | None:
        if not isinstance(row, str):
            return None
        if row not in self.support_map:
            return self.words["not_on_map"]
        entry = self.support_map.get(row)
        phone = _clean(entry.phone) if entry.phone else ""
        return _clean(entry.label) + (f" · {phone}" if phone else "")

    def repeat(self, view: PrintedItem, item: Repeat, value: Any) -> None:
        view.kind = "repeat"
        rows = [r for r in value if isinstance(r, dict)] if isinstance(value, list) else []
        label = tr(item.row_label, self.lang) or self.words["row"]
        shown = rows or [{} for _ in range(item.print_rows)]
        view.rows = [RowView(f"{label} {i}", [self.item(f, row.get(f.id), in_row=True)
                                               for f in item.fields])
                     for i, row in enumerate(shown, 1)]
        view.answered = bool(rows)
        # Short answers read best in a table; longer ones would be squeezed into narrow
        # columns (and a table row cannot split across pages): a paragraph a row instead.
        view.table = bool(rows) and all(
            len(f.value or "") <= TABLE_CELL for r in view.rows for f in r.fields)
        if item.widget == "support_map":
            if rows:
                m = SupportMap.from_rows(rows)
                safety = safety_by_row(m.entries, self.safety)
                svg = described(render_map(m, safety=safety, lang=self.lang),
                                map_words(m, safety, self.lang))
            else:  # the screen's "add people" hint means nothing on paper
                svg = described(_rings_only(render_map(SupportMap(), lang=self.lang)),
                                blank_words(self.lang))
                view.hint = self.words["map_hint"]
            view.svg = Markup(svg)

    def section_blocks(self, items: list[ItemBase], shown: set[str],
                       counter: list[int]) -> list[PrintedItem | GridView]:
        blocks: list[PrintedItem | GridView] = []
        for it in items:
            if it.id not in shown:
                continue
            view = self.item(it, self.answers.get(it.id) if self.answers else None)
            if it.answerable:
                counter[0] += 1
                view.number = counter[0]
            if not self.filled:
                view.condition = condition_text(self.ws, it.show_if, self.lang)
            if view.kind == "scale":
                choices = [(o.value, o.label) for o in view.options]
                last = blocks[-1] if blocks else None
                if isinstance(last, GridView) and choices == [(o.value, o.label)
                                                              for o in last.options]:
                    last.items.append(view)
                else:
                    labels_ = [o.label for o in view.options]
                    head = column_head(labels_, column_mm(len(labels_), SCALE_MM), self.lang)
                    blocks.append(GridView([Opt(o.label, o.value) for o in view.options],
                                           [view], head))
                continue
            blocks.append(view)
        return blocks

    def scores(self, numbers: Mapping[str, int]) -> list[ScoreView]:
        results = score_worksheet(self.ws, self.answers, self.lang) if self.filled else []
        out = []
        for i, score in enumerate(self.ws.scores):
            nums = ", ".join(str(numbers[x]) for x in score.items if x in numbers)
            method = self.words[score.method].format(items=nums)
            bands = band_ranges(score.bands, self.lang)
            value = band = note = None
            if results:
                r = results[i]
                value = decimal(r.value, self.lang, score.decimals) if r.complete else None
                band = r.band
                note = next((n for _, lab, n in bands if lab == r.band), None) or None
            out.append(ScoreView(tr(score.label, self.lang), value, band, note, method, bands))
        return out


def _shared_note(scores: list[ScoreView]) -> str | None:
    """The band note when every score has the same one (MSPSS): say it once, not four times."""
    notes = {s.note for s in scores}
    if len(scores) < 2 or len(notes) != 1 or None in notes:
        return None
    for s in scores:
        s.note = None
    return notes.pop()


def build_doc(ws: Worksheet, *, lang: str = "en", answers: Mapping[str, Any] | None = None,
              context: Mapping[str, Mapping[str, Any]] | None = None, code: str | None = None,
              saved_at: float | None = None) -> DocView:
    """The print view: blank when `answers` is None, else those answers with scores.

    `context` is the participant's latest answers to every worksheet: a `person` item prints
    the name from their support map, and the map shows safety ratings beside names.
    """
    b = _Builder(ws, lang, answers, context or {})
    shown = {it.id for it in (visible_items(ws, answers) if answers is not None
                              else ws.items())}
    counter = [0]
    sections = []
    for s in ws.sections:
        blocks = b.section_blocks(s.items, shown, counter)
        if blocks:
            sections.append(SectionView(tr(s.title, lang), _md(s.intro, lang), blocks))
    numbers = {v.id: v.number for sec in sections for blk in sec.blocks
               for v in (blk.items if isinstance(blk, GridView) else [blk]) if v.number}
    saved = long_date(dt.datetime.fromtimestamp(saved_at).date(), lang) if saved_at else None
    scores = b.scores(numbers)
    notice = None if ws.validated_in(lang) else ui("translation_not_validated", lang)
    return DocView(ws.id, tr(ws.title, lang), _md(ws.intro, lang), ws.citation, sections,
                   scores, answers is not None, code, saved, _shared_note(scores), notice)
