"""The studio's panels as HTML: problems, translation coverage, reading levels, and the
printed pages as pictures with their words. Every
worksheet text is escaped (a worksheet file is the counselor's, but it is still input)."""

from __future__ import annotations

import base64

from toolkit.text.languages import own_name
from toolkit.text.markup import escape
from toolkit.text.strings import ui, ui_plural
from toolkit.widgets.studio.inspect import Inspection
from toolkit.widgets.studio.pictures import Pages

STUDIO_CSS = """
.studio .ws-bar { position: sticky; top: auto; bottom: 0; order: 99; }
.studio :is(.studio-problems, .studio-missing, .studio-reading) code { overflow-wrap: break-word; }
.studio .studio-reading { display: block; max-width: 100%; overflow-x: auto; }
.studio .studio-page-picture { max-width: 100%; border: 1px solid var(--ws-line); }
"""
"""In the studio (Voila's preview too) a form's save bar sits at the bottom of that form, not
fixed over the bottom of the whole studio; long ids and paths wrap inside their column."""


def _list(lines: list[str], cls: str) -> str:
    items = "".join(f"<li><code>{escape(line)}</code></li>" for line in lines)
    return f'<ul class="{cls}">{items}</ul>'


def problems_html(found: Inspection, lang: str) -> str:
    """`workshop check` problems as file:line lines in `lang`, or that there are none."""
    head = f"<h2>{escape(ui('studio_problems', lang))}</h2>"
    if not found.problems:
        return head + f'<p class="studio-ok">{escape(ui("studio_no_problems", lang))}</p>'
    return (head + _list([p.say(lang) for p in found.problems], "studio-problems")
            + f'<p class="studio-stale" role="status">{escape(ui("studio_stale", lang))}</p>')


def coverage_html(found: Inspection, lang: str) -> str:
    """Per declared language: how many texts it has, and each missing one at its line."""
    out = [f"<h2>{escape(ui('studio_coverage', lang))}</h2>"]
    if found.coverage is None:
        return "".join(out)
    c = found.coverage
    for code in c.declared:
        line = ui("studio_coverage_line", lang, language=own_name(code), have=c.have.get(code, 0),
                  total=c.total)
        out.append(f"<p>{escape(line)}</p>")
        if missing := found.missing.get(code):
            out.append(_list([p.say(lang) for p in missing], "studio-missing"))
    return "".join(out)


FORMULA_WORDS = {"Flesch-Kincaid grade": "studio_formula_fk"}
"""A formula's name that has words in it to translate; the others are proper names."""


def formula_name(formula: str, lang: str) -> str:
    """A reading formula's name as the studio says it in `lang`."""
    return ui(FORMULA_WORDS[formula], lang) if formula in FORMULA_WORDS else formula


def reading_html(found: Inspection, lang: str) -> str:
    """Each question and note with its level, the ones above grade 8 flagged in words."""
    out = [f"<h2>{escape(ui('studio_reading', lang))}</h2>"]
    if found.exempt:
        out.append(f"<p>{escape(ui('studio_reading_exempt', lang))}</p>")
    rows = "".join(
        f"<tr><td><code>{escape(r.where).replace('.', '.<wbr>')}</code></td>"
        f"<td>{escape(own_name(r.lang))}</td>"
        f"<td>{escape(formula_name(r.formula, lang))} {r.score}</td><td>{escape(r.grades)}</td>"
        f"<td>{'⚠ ' + escape(ui('studio_reading_hard', lang)) if r.hard else ''}</td></tr>"
        for r in found.reading)
    head = "".join(f"<th>{escape(ui(key, lang))}</th>" for key in (
        "studio_reading_where", "studio_reading_lang", "studio_reading_score",
        "studio_reading_grades")) + "<th></th>"
    out.append(f'<table class="studio-reading"><tr>{head}</tr>{rows}</table>')
    return "".join(out)


def pages_html(pages: Pages, which: str, lang: str, *, paper: str, title: str) -> str:
    """Each drawn page as a picture with a text alternative and "Page 1 of N" under it, and
    how many pages are not drawn."""
    out = []
    for n, png in enumerate(pages.pngs, start=1):
        alt = ui("studio_page_alt", lang, which=which, page=n, total=pages.total, paper=paper,
                 title=title)
        src = "data:image/png;base64," + base64.b64encode(png).decode("ascii")
        caption = ui("studio_page", lang, page=n, total=pages.total)
        out.append(f'<figure class="studio-page"><img src="{src}" alt="{escape(alt)}" '
                   f'class="studio-page-picture">'
                   f"<figcaption>{escape(caption)}</figcaption></figure>")
    if (more := pages.total - len(pages.pngs)) > 0:
        out.append(f"<p>{escape(ui_plural('studio_more_pages', more, lang))}</p>")
    return "".join(out)
