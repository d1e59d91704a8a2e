"""Worksheets as print HTML and PDF (WeasyPrint): blank, or filled with a participant's answers.

One template serves every worksheet. Clients type the answers, so the template autoescapes
everything and WeasyPrint may fetch nothing: CSS comes in as prebuilt objects, every URL is
refused. The Jinja environment, the stylesheets and the font configuration are built once
per process, which is what makes a warm render fast.
"""

from __future__ import annotations

import gc
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache, lru_cache
from pathlib import Path
from typing import Any, Literal

import jinja2
import weasyprint
from markupsafe import Markup

from toolkit.render import marginboxes, tags
from toolkit.render.colhead import advances
from toolkit.render.labels import labels
from toolkit.render.marks import column_css
from toolkit.render.pdf import PrintHTML, collector_paused, css, fonts
from toolkit.render.templating import environment
from toolkit.render.view import DocView, build_doc
from toolkit.settings.config import PART2_NOTICE, Config
from toolkit.store.store import Participant, Store
from toolkit.text.crisis import crisis_lines
from toolkit.text.strings import MESSAGES, ui
from toolkit.worksheet.model import Worksheet

TEMPLATES = Path(__file__).parent / "templates"
Paper = Literal["letter", "a4"]
PAPERS: dict[str, tuple[str, float]] = {"letter": ("letter", 215.9), "a4": ("A4", 210.0)}
"""CSS page size and page width in mm."""
SIDE_MM, TOP_MM, EDGE_MM = 16.0, 18.0, 7.0
PART2_SHORT = MESSAGES["part2_short"]
"""The short statement 42 CFR 2.32(a)(2) allows in place of the full notice."""
SHORT_NOTICE = 200
"""A notice up to this many characters prints in full on every page."""


@dataclass(frozen=True)
class PrintOptions:
    """How to print: language, paper, the clinic line, and the notice on filled pages."""

    lang: str = "en"
    paper: Paper = "letter"
    clinic_line: str | None = None
    notice: str | None = PART2_NOTICE
    tagged: bool = True
    """A tagged PDF (PDF/UA-1) that a screen reader reads in order; off only to measure
    what tagging costs (benchmarks/pdf.py)."""

    @classmethod
    def from_config(cls, config: Config, lang: str = "en", paper: Paper = "letter"
                    ) -> PrintOptions:
        return cls(lang, paper, config.clinic_line, config.confidentiality_notice)


DEFAULT_OPTIONS = PrintOptions()


@dataclass(frozen=True)
class ParticipantAnswers:
    """What a filled printout needs of one participant: code, latest answers, save times."""

    code: str
    latest: Mapping[str, Mapping[str, Any]]
    saved: Mapping[str, float | None] = field(default_factory=dict)
    lang: str | None = None
    """Print this person's pages in this language rather than the options' (their own
    language, in a packet the facilitator printed without choosing one); None: the options'."""


@cache
def _ua_css() -> weasyprint.CSS:
    """A user-agent stylesheet cut down to what the template uses (see the file)."""
    return css((TEMPLATES / "worksheet-ua.css").read_text(encoding="utf-8"))


@cache
def _environment() -> jinja2.Environment:
    env = environment()
    env.globals["ui"] = ui
    env.filters["block"] = _block
    return env


def _block(html: Markup, cls: str) -> Markup:
    """Rendered markdown as one block of class `cls` (a literal from the template).

    A lone paragraph becomes the block itself: every box costs WeasyPrint about as much
    as a line of text, and most help texts and intros are one paragraph.
    """
    inner = html.strip()
    if inner.startswith("<p>") and inner.endswith("</p>") and inner.count("<p>") == 1:
        return Markup(f'<p class="{cls}">') + Markup(inner[3:-4]) + Markup("</p>")
    return Markup(f'<div class="{cls}">') + html + Markup("</div>")


@cache
def _css_text() -> str:
    return (TEMPLATES / "worksheet.css").read_text(encoding="utf-8") + column_css()


@cache
def _base_css() -> weasyprint.CSS:
    return css(_css_text())


def _page_rules(paper: str, lang: str, first_mm: float, more_mm: float) -> str:
    """Paper, margins, the header, and the footers: each worksheet's first page (a page
    group named `sheet`) gets the first-page footer, every other page the shorter one."""
    size, _ = PAPERS[paper]
    words = labels(lang)
    # Widths given, not left to WeasyPrint, which would measure both boxes' text on each page.
    small = "font-size: 9pt; vertical-align: bottom; padding-bottom: 3mm"
    foot = "width: 100%; vertical-align: top; padding-top: 3mm"
    return (
        f"@page {{ size: {size}; margin: {TOP_MM}mm {SIDE_MM}mm {more_mm:.1f}mm;\n"
        f'  @top-left {{ content: string(sheet-title) "\\2003" string(sheet-code); '
        f"width: 74%; {small} }}\n"
        f'  @top-right {{ content: "{words["page"]} " counter(page) " {words["of"]} " '
        f"counter(pages); width: 26%; text-align: right; {small} }}\n"
        f"  @bottom-center {{ content: element(footer-more); {foot} }} }}\n"
        f"@page :nth(1 of sheet) {{ margin-bottom: {first_mm:.1f}mm;\n"
        f"  @bottom-center {{ content: element(footer-first); {foot} }} }}\n")


@lru_cache(maxsize=64)
def _page_css(paper: str, lang: str, first_mm: float, more_mm: float) -> weasyprint.CSS:
    return css(_page_rules(paper, lang, first_mm, more_mm))


@dataclass(frozen=True)
class _Footer:
    """What the footers say: the crisis lines on every page; on filled pages the notice in
    full on each worksheet's first page and, when it is long, a short form on the others
    (42 CFR 2.32(a)(2) allows "42 CFR part 2 prohibits unauthorized disclosure of these
    records."). Printing the long notice once per worksheet instead of on every page saves
    a page in eight and about a tenth of the time."""

    title: str
    crisis: list[str]
    first: str | None
    more: str | None

    @classmethod
    def of(cls, options: PrintOptions, filled: bool) -> _Footer:
        title = ui("crisis_title", options.lang)
        crisis = crisis_lines(options.lang, options.clinic_line)
        notice = options.notice if filled else None
        part2 = notice == PART2_NOTICE  # the built-in notice: in the printout's language
        notice = ui("part2_notice", options.lang) if part2 else notice
        if not notice or len(notice) <= SHORT_NOTICE:
            return cls(title, crisis, notice, notice)
        pointer = labels(options.lang)["notice_first_page"]
        short = f"{ui('part2_short', options.lang)} {pointer}" if part2 else pointer
        return cls(title, crisis, notice, short)

    def margins(self, paper: str) -> tuple[float, float]:
        """Bottom margins (mm) for a worksheet's first page and for the other pages."""
        return self._mm(paper, self.first), self._mm(paper, self.more)

    def _mm(self, paper: str, notice: str | None) -> float:
        """Room for a footer at DejaVu Sans' width (0.62 em, generous) and line height.

        A margin box cannot grow, so an underestimate would push the notice off the page.
        """
        width = PAPERS[paper][1] - 2 * SIDE_MM
        pt = 25.4 / 72

        def lines(text: str, size: float) -> int:
            return math.ceil(len(text) / (width / (0.62 * size * pt)))

        height = 2.0 + lines(" · ".join([self.title, *self.crisis]), 8.5) * 8.5 * 1.25 * pt
        if notice:
            height += 1.5 + lines(notice, 6.5) * 6.5 * 1.2 * pt
        return round(EDGE_MM + 3 + height + 1, 1)


def render_html(docs: Sequence[DocView], options: PrintOptions = DEFAULT_OPTIONS, *,
                cover: Mapping[str, Any] | None = None, inline_css: bool = False) -> str:
    """The print HTML of one or more worksheet views (and an optional packet cover).

    With `inline_css` the page is self-contained (for a browser); WeasyPrint gets the
    stylesheets as prebuilt objects instead.
    """
    lang = options.lang
    footer = _Footer.of(options, _is_filled(docs, cover))
    css = None
    if inline_css:
        css = _css_text() + _page_rules(options.paper, lang, *footer.margins(options.paper))
    title = docs[0].title if len(docs) == 1 and not cover else labels(lang)["cover_title"]
    return _environment().get_template("worksheet.html.j2").render(
        lang=lang, title=title, docs=docs, cover=cover, words=labels(lang), css=css,
        footer=footer)


def _is_filled(docs: Sequence[DocView], cover: Mapping[str, Any] | None) -> bool:
    return any(d.filled for d in docs) or cover is not None


def html_to_pdf(html: str, options: PrintOptions = DEFAULT_OPTIONS, *,
                filled: bool = True) -> bytes:
    """PDF bytes from print HTML made by render_html with the same options."""
    return html_to_pdf_pages(html, options, filled=filled)[0]


def html_to_pdf_pages(html: str, options: PrintOptions = DEFAULT_OPTIONS, *,
                      filled: bool = True) -> tuple[bytes, int]:
    """PDF bytes and the number of pages."""
    with collector_paused():
        doc = layout(html, options, filled=filled)
        return doc.write_pdf(**tags.write_options(options.tagged)), len(doc.pages)


def layout(html: str, options: PrintOptions = DEFAULT_OPTIONS, *,
           filled: bool = True) -> weasyprint.Document:
    """The laid-out pages of print HTML (what html_to_pdf writes; tests inspect it)."""
    footer = _Footer.of(options, filled)
    sheets = [_base_css(), _page_css(options.paper, options.lang,
                                     *footer.margins(options.paper))]
    with marginboxes.reusing((_ua_css(), *sheets)):  # headers and footers: laid out once
        return PrintHTML(html, _ua_css()).render(stylesheets=sheets, font_config=fonts())


def _many(worksheets: Worksheet | Sequence[Worksheet]) -> list[Worksheet]:
    return [worksheets] if isinstance(worksheets, Worksheet) else list(worksheets)


def blank_pdf(worksheets: Worksheet | Sequence[Worksheet],
              options: PrintOptions = DEFAULT_OPTIONS) -> bytes:
    """Blank worksheets to fill in by hand, each starting on a new page."""
    docs = [build_doc(ws, lang=options.lang) for ws in _many(worksheets)]
    return html_to_pdf(render_html(docs, options), options, filled=False)


def filled_docs(worksheets: Worksheet | Sequence[Worksheet], person: ParticipantAnswers,
                lang: str = "en") -> list[DocView]:
    return [build_doc(ws, lang=lang, answers=person.latest.get(ws.id, {}),
                      context=person.latest, code=person.code, saved_at=person.saved.get(ws.id))
            for ws in _many(worksheets)]


def filled_pdf(worksheets: Worksheet | Sequence[Worksheet], person: ParticipantAnswers,
               options: PrintOptions = DEFAULT_OPTIONS) -> bytes:
    """A participant's worksheets with their latest answers and scores, one PDF."""
    docs = filled_docs(worksheets, person, options.lang)
    return html_to_pdf(render_html(docs, options), options, filled=True)


def participant_answers(store: Store, participant: Participant,
                        worksheet_ids: Sequence[str], own_language: bool = False
                        ) -> ParticipantAnswers:
    """Read what a filled printout needs from the store (every worksheet's latest answers:
    `person` items resolve names through the support map); with `own_language`, in the
    language the participant chose (if they chose one)."""
    return ParticipantAnswers(participant.code, store.latest(participant),
                              {w: store.last_saved(participant, w) for w in worksheet_ids},
                              participant.lang if own_language else None)


def warm_up() -> None:
    """Get a long-lived printing process ready: build the template, stylesheets and fonts
    now (a process pool's initializer does this), then freeze everything alive so far out
    of the garbage collector's sight (gc.freeze: the modules, fonts and templates never
    become garbage, and each collection would walk them all again)."""
    _environment().get_template("worksheet.html.j2")
    _base_css()
    _ua_css()
    advances()  # the font metrics grid labels are centred with
    gc.freeze()
