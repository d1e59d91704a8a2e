"""Dates, numbers and lists as each language writes them ('6 de diciembre de 2026',
'December 6, 2026'; '3,5' and '3.5'; 'A, B o C'), from Babel's locale data (CLDR), so a new
language needs no Python. A language Babel does not know is written the English way."""

from __future__ import annotations

import datetime as dt
from functools import cache
from typing import Literal

from babel import Locale, UnknownLocaleError
from babel.dates import format_date
from babel.lists import format_list
from babel.numbers import format_decimal

from toolkit.text.languages import DEFAULT_LANGUAGE


@cache
def _locale(lang: str) -> Locale:
    try:
        return Locale.parse(lang.replace("-", "_"))
    except (UnknownLocaleError, ValueError):
        return Locale.parse(DEFAULT_LANGUAGE)


def long_date(day: dt.date, lang: str = DEFAULT_LANGUAGE) -> str:
    """A date as people write it: 'March 5, 2026' or '5 de marzo de 2026'."""
    return format_date(day, "long", locale=_locale(lang))


def number(value: float, lang: str = DEFAULT_LANGUAGE, places: int = 2) -> str:
    """A number with the language's decimal mark, at most `places` decimals ('3.58', '3,58')."""
    return format_decimal(round(value, places), locale=_locale(lang))


def decimal(value: float, lang: str = DEFAULT_LANGUAGE, places: int = 2) -> str:
    """A score with exactly `places` decimals and the language's mark ('3.58', '3,58')."""
    pattern = "0." + "0" * places if places > 0 else "0"
    return format_decimal(value, format=pattern, locale=_locale(lang))


def word_list(words: list[str], lang: str = DEFAULT_LANGUAGE,
              conj: Literal["and", "or"] = "or") -> str:
    """'A', 'A or B', 'A, B, or C' / 'A, B o C': the language's own way of listing."""
    if not words:
        return ""
    return format_list(words, style="or" if conj == "or" else "standard",
                       locale=_locale(lang))
