"""The reading level of a worksheet's client-facing prose in one language, so authors can check
it against the 6th-8th grade target (the worksheet studio flags English above grade 8)."""

from __future__ import annotations

from collections.abc import Iterator
from functools import reduce

from toolkit.text.readability import Counts, Level, count, level_of_counts
from toolkit.text.strings import Text, tr
from toolkit.worksheet.model import Repeat, Worksheet


def prose(ws: Worksheet, lang: str) -> Iterator[tuple[str, str]]:
    """Each piece of prose a client reads, as (where, text): intros, questions, notes, help.

    Titles, choice labels, placeholders and ruler ends are left out: they are fragments, and
    counting each as a sentence would make a worksheet look easier than its prose is.
    """

    def text(where: str, value: Text | None) -> Iterator[tuple[str, str]]:
        if value:
            yield where, tr(value, lang)

    yield from text("intro", ws.intro)
    for section in ws.sections:
        yield from text(f"{section.id}.intro", section.intro)
        for item in section.items:
            yield from text(item.id, item.text)
            yield from text(f"{item.id}.help", item.help)
            if isinstance(item, Repeat):
                for field in item.fields:
                    yield from text(f"{item.id}.{field.id}", field.text)
                    yield from text(f"{item.id}.{field.id}.help", field.help)


def text_levels(ws: Worksheet, lang: str) -> list[tuple[str, Level]]:
    """The reading level of each piece of prose, hardest first (what to simplify first)."""
    levels = [(where, level_of_counts(count(t, lang), lang)) for where, t in prose(ws, lang)
              if count(t, lang).words]
    # Within a band, the higher English grade or the lower Spanish ease is the harder text.
    def hardness(pair: tuple[str, Level]) -> tuple[int, float]:
        level = pair[1]
        return level.band.max_grade, level.score if lang != "es" else -level.score

    return sorted(levels, key=hardness, reverse=True)


def worksheet_level(ws: Worksheet, lang: str) -> Level:
    """The reading level of all the worksheet's prose together, in `lang`."""
    counts = [count(t, lang) for _, t in prose(ws, lang)]
    return level_of_counts(reduce(Counts.__add__, counts, Counts(0, 0, 0)), lang)
