"""The wallet card: a reach-out plan printed as five credit-card panels, one per PDF page.

Names and "say" text are typed by clients, so the template autoescapes everything and the
PDF renderer is given no way to fetch anything: the CSS is inlined and every URL is refused.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import jinja2
import weasyprint

from toolkit.render.pdf import NO_FETCH
from toolkit.render.templating import environment
from toolkit.supportmap.plan import MOMENTS, ReachOutPlan

TEMPLATES = Path(__file__).parent / "templates"

# Per-field limits, in characters, measured against card.css (7.5 pt DejaVu Sans on a
# 78 mm text column, about 50 average characters a line). tests/render/test_card.py lays the card
# out with worst-case text and checks nothing reaches the panel's edge.
LIMITS = {"name": 22, "phone": 20, "say": 120, "clinic": 60}
MAX_PROFESSIONALS = 3
"""The back panel has room for three; more would push the crisis lines off the card."""

ELLIPSIS = "…"
BLANK = "____________________"

LABELS: dict[str, dict[str, Any]] = {
    "en": {
        "title": "My people", "subtitle": "Who I reach out to", "help": "Need help now?",
        "say": "What I will say:", "phone": "phone", "pros": "Professionals and groups",
        "more": "and {n} more on my support map", "anytime": "Crisis lines, any time",
        "moments": dict(MOMENTS), "crisis": {},
    },
    "es": {
        "title": "Mi gente", "subtitle": "A quién busco", "help": "¿Necesita ayuda ahora?",
        "say": "Lo que voy a decir:", "phone": "teléfono", "pros": "Profesionales y grupos",
        "more": "y {n} más en mi mapa de apoyo", "anytime": "Líneas de crisis, a toda hora",
        "moments": {"falling": "Cuando siento que me estoy cayendo",
                    "talk": "Cuando necesito alguien con quien hablar",
                    "celebrate": "Cuando las cosas van bien"},
        # CARD_LINES are English only; the same lines, worded as i18n.UI words them.
        "crisis": {"988": ("988 Línea de Prevención del Suicidio y Crisis",
                           "llame o envíe texto"),
                   "1-800-662-4357": ("Línea Nacional de Ayuda de SAMHSA",
                                      "gratis, 24/7, inglés/español")},
    },
}


def shorten(text: object, limit: int) -> str:
    """`text` on one line, at most `limit` characters: cut at a word boundary with "…".

    A first word longer than the limit is cut inside the word (still with "…"), so the
    result never exceeds `limit` and a word is never silently split.
    """
    if limit < 2:
        raise ValueError(f"limit must be at least 2 (got {limit!r})")
    flat = " ".join(str(text).split())
    if len(flat) <= limit:
        return flat
    head = flat[: limit - 1]
    if flat[limit - 1] != " " and " " in head:
        head = head.rsplit(" ", 1)[0]
    # "Call me, then" -> "Call me…", not "Call me,…"
    head = head.rstrip(" ,;:-–—") or flat[: limit - 1]
    return head + ELLIPSIS



@cache
def _environment() -> jinja2.Environment:
    env = environment()
    env.filters["shorten"] = shorten
    return env


def render_html(plan: ReachOutPlan, *, lang: str = "en") -> str:
    """The card as one HTML document, five `.panel` sections (a PDF page each)."""
    text = LABELS.get(lang, LABELS["en"])
    moments = [
        {"title": text["moments"].get(m.key, m.title), "first": m.first, "backup": m.backup,
         "say": m.say if m.say and str(m.say).strip() else None}
        for m in plan.moments
    ]
    pros = list(plan.professionals)
    crisis = []
    for c in plan.crisis:
        name, detail = text["crisis"].get(c.number, (c.name, c.detail))
        crisis.append({"number": c.number, "name": name, "detail": detail})
    return _environment().get_template("card.html.j2").render(
        lang=lang if lang in LABELS else "en", text=text, limits=LIMITS, blank=BLANK,
        moments=moments, pros=pros[:MAX_PROFESSIONALS],
        more=max(0, len(pros) - MAX_PROFESSIONALS), crisis=crisis,
        clinic_line=plan.clinic_line,
    )


def render_card(plan: ReachOutPlan, *, lang: str = "en") -> bytes:
    """The wallet card as PDF bytes: front, three moments, back; each page 85.6 x 54 mm."""
    html = weasyprint.HTML(string=render_html(plan, lang=lang),
                           base_url=TEMPLATES.as_uri() + "/", url_fetcher=NO_FETCH)
    return html.write_pdf()
