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

from toolkit.render import tags
from toolkit.render.pdf import NO_FETCH
from toolkit.render.templating import environment
from toolkit.supportmap.plan import MOMENTS, ReachOutPlan
from toolkit.text.catalogs import NC_, words_in
from toolkit.text.languages import DEFAULT_LANGUAGE, LANGUAGES

TEMPLATES = Path(__file__).parent / "templates"

# Per-field limits, in characters, measured against card.css (7.5 pt DejaVu Sans on a
# 78 mm text column, about 50 average characters a line). tests/render/test_card.py lays the card
# out with worst-case text and checks nothing reaches the panel's edge.
LIMITS = {"name": 22, "phone": 20, "say": 120, "clinic": 60}
MAX_PROFESSIONALS = 3
"""The back panel has room for three; more would push the crisis lines off the card."""

ELLIPSIS = "…"
BLANK = "____________________"

# The card's words in English (`NC_`: key as msgctxt, English as msgid); other languages'
# live in their gettext catalogs. The moments' titles are the plan's MOMENTS, and the crisis
# lines CARD_LINES, worded for the card (tests/render/test_card.py keeps them the same).
_WORDS: dict[str, str] = dict((
    NC_("card.title", "My people"),
    NC_("card.subtitle", "Who I reach out to"),
    NC_("card.help", "Need help now?"),
    NC_("card.say", "What I will say:"),
    NC_("card.phone", "phone"),
    NC_("card.pros", "Professionals and groups"),
    NC_("card.more", "and {n} more on my support map"),
    NC_("card.anytime", "Crisis lines, any time"),
    NC_("card.moment_falling", "When I feel like I'm falling"),
    NC_("card.moment_talk", "When I need someone to talk to"),
    NC_("card.moment_celebrate", "When things go well"),
    NC_("card.988_name", "988 Suicide & Crisis Lifeline"),
    NC_("card.988_detail", "call or text"),
    NC_("card.samhsa_name", "SAMHSA National Helpline"),
    NC_("card.samhsa_detail", "free, 24/7, English/Spanish"),
))
_CRISIS_KEYS = {"988": "988", "1-800-662-4357": "samhsa"}


def card_words(lang: str) -> dict[str, Any]:
    """The card's words in `lang`: labels by name, plus "moments" and "crisis" lookups."""
    text: dict[str, Any] = dict(words_in(lang, _WORDS, "card."))
    text["moments"] = {key: text[f"moment_{key}"] for key, _title in MOMENTS}
    text["crisis"] = {number: (text[f"{key}_name"], text[f"{key}_detail"])
                      for number, key in _CRISIS_KEYS.items()}
    return text


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
    text = card_words(lang)
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
        lang=lang if lang in LANGUAGES else DEFAULT_LANGUAGE, text=text, limits=LIMITS, blank=BLANK,
        moments=moments, pros=pros[:MAX_PROFESSIONALS],
        more=max(0, len(pros) - MAX_PROFESSIONALS), crisis=crisis,
        clinic_line=plan.clinic_line,
    )


def render_card(plan: ReachOutPlan, *, lang: str = "en") -> bytes:
    """The wallet card as PDF bytes: front, three moments, back; each page 85.6 x 54 mm."""
    html = weasyprint.HTML(string=render_html(plan, lang=lang),
                           base_url=TEMPLATES.as_uri() + "/", url_fetcher=NO_FETCH)
    return html.write_pdf(**tags.write_options())
