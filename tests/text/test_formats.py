"""Dates, numbers and lists follow the language (Babel's locale data)."""

from __future__ import annotations

import datetime as dt

from toolkit.text.formats import long_date, number, word_list

DAY = dt.date(2026, 12, 6)


def test_long_date_in_each_language() -> None:
    """The date as people write it in English and in Spanish."""
    assert long_date(DAY, "en") == "December 6, 2026"
    assert long_date(DAY, "es") == "6 de diciembre de 2026"


def test_a_language_babel_does_not_know_is_written_the_english_way() -> None:
    """A made-up language code (a test pseudo-locale) still gets a readable date."""
    assert long_date(DAY, "qps") == "December 6, 2026"


def test_numbers_use_the_languages_decimal_mark() -> None:
    """3.58 in English, 3,58 in Spanish."""
    assert number(43 / 12, "en") == "3.58"
    assert number(43 / 12, "es") == "3,58"


def test_lists_use_the_languages_conjunction() -> None:
    """'or' lists: the Spanish one has no comma before 'o'."""
    assert word_list(["A"], "es") == "A"
    assert word_list(["A", "B"], "en") == "A or B"
    assert word_list(["A", "B", "C"], "es") == "A, B o C"
    assert word_list(["A", "B", "C"], "en", conj="and").endswith("and C")


def test_scores_keep_their_decimals_in_each_language() -> None:
    """A score prints with its fixed decimals and the language's decimal mark."""
    from toolkit.text.formats import decimal

    assert decimal(7, "en") == "7.00"
    assert decimal(43 / 12, "es") == "3,58"
    assert decimal(48, "es", places=0) == "48"
