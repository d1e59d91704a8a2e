"""The printed support map in words: the picture's text alternative in a tagged PDF, which a
screen reader says instead of the picture.

A participant's own map says who is in each ring and what the picture shows beside each
name (supports recovery or not, safety); the blank map says it is empty rings to write names
in. Both go into the picture's `<desc>`, which tags.py joins to its title as the figure's
/Alt. The words are the same names the picture prints: nothing a group would see.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from toolkit.render.labels import labels
from toolkit.supportmap.people import RINGS, SupportMap, ring_label
from toolkit.text.markup import clean, escape
from toolkit.text.strings import ui

_DESC = re.compile(r"(<desc\b[^>]*>).*?(</desc>)", re.S)


def map_words(support_map: SupportMap, safety: Mapping[str, str], lang: str) -> str:
    """'Me in the middle. Closest: Priya (supports my recovery, feels safe). Close: no one
    yet. ...', ring by ring from the middle out, in the map's order within a ring."""
    said = [labels(lang)["map_words_me"]]
    for ring in RINGS:
        people = [_person(e.name, e.supports, safety.get(e.row), lang)
                  for e in support_map.in_ring(ring)]
        said.append(f"{ring_label(ring, lang)}: {'; '.join(people) or ui('map_no_one', lang)}.")
    return " ".join(said)


def _person(name: str, supports: str | None, safety: str | None, lang: str) -> str:
    kind = supports if supports in ("yes", "unsure", "no") else "unknown"
    notes = [ui(f"map_entry_{kind}", lang)]
    if safety in ("safe", "unsure", "not_safe"):
        notes.append(ui(f"map_safety_{safety}", lang))
    name = " ".join(clean(name).split()) or ui("map_no_name", lang)
    return f"{name} ({', '.join(notes)})"


def blank_words(lang: str) -> str:
    """'Empty rings to write names in. From the middle out: Me; Closest; ...'."""
    rings = [ui("map_me", lang)] + [ring_label(r, lang) for r in RINGS]
    return labels(lang)["map_words_blank"].format(rings="; ".join(rings))


def described(svg: str, words: str) -> str:
    """The SVG with `words` (plain text, escaped here) as its description."""
    return _DESC.sub(lambda m: m[1] + escape(words) + m[2], svg, count=1)
