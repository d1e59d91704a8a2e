"""The wallet card's and join cards' words: English from the code, other languages from the
catalogs, and the card's moments and crisis lines worded as the plan words them."""

from __future__ import annotations

from toolkit.render.card import card_words
from toolkit.render.joincards import card_words as join_card_words
from toolkit.supportmap.plan import MOMENTS
from toolkit.text.crisis import CARD_LINES


def test_card_moments_and_crisis_lines_match_the_plan_in_english() -> None:
    """In English the card's moment titles and crisis lines are the plan's own words."""
    words = card_words("en")
    assert words["moments"] == dict(MOMENTS)
    assert [words["crisis"][c.number] for c in CARD_LINES] == [(c.name, c.detail)
                                                              for c in CARD_LINES]


def test_cards_speak_spanish() -> None:
    """A Spanish card and join card carry the Spanish catalog's words."""
    assert card_words("es")["title"] == "Mi gente"
    assert card_words("es")["moments"]["celebrate"] == "Cuando las cosas van bien"
    assert join_card_words("es")["title"] == "Su código para entrar"
    assert join_card_words("xx")["title"] == "Your join code"
