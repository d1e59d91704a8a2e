"""Print views: plain models rendered as HTML/CSS and then PDF (no widgets).

Worksheets blank or filled, a group's packet, the wallet card and join cards, each a tagged
PDF a screen reader can read (tags.py); everything else in this package is how they are
drawn. Imports the store and the layers below it, never
widgets, serving or the CLI.
"""

from __future__ import annotations

from toolkit.render.card import render_card
from toolkit.render.joincards import render_join_cards
from toolkit.render.packet import Packet, build_packet
from toolkit.render.printout import (
    ParticipantAnswers,
    PrintOptions,
    blank_pdf,
    filled_pdf,
    participant_answers,
)

__all__ = [
    "Packet",
    "ParticipantAnswers",
    "PrintOptions",
    "blank_pdf",
    "build_packet",
    "filled_pdf",
    "participant_answers",
    "render_card",
    "render_join_cards",
]
