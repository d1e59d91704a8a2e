"""How hard a text is to read: a school-grade band for English and Spanish text, so authors can
keep worksheets at the 6th-8th grade level the content brief asks for.

English uses the Flesch-Kincaid grade level (Kincaid, Fishburne, Rogers & Chissom, 1975):

    grade = 0.39 * words/sentences + 11.8 * syllables/words - 15.59

Spanish uses Fernández-Huerta's reading ease (Fernández Huerta, J. (1959). Medidas sencillas de
lecturabilidad. Consigna, 214, 29-32), in the corrected form of Gwillim Law (2011), "Error in
the Fernandez Huerta Readability Formula" (the widely copied version divides sentences by
words, which makes shorter sentences score harder):

    ease = 206.84 - 60 * syllables/words - 1.02 * words/sentences

Its grade bands are Fernández Huerta's table as given by A. Muñoz Fernández, "Lecturabilidad de
Fernández Huerta", legible.es: 90-100 very easy (4th grade), 80-90 easy (5th), 70-80 fairly
easy (6th), 60-70 normal for adults (7th-8th), 50-60 fairly hard (pre-university), 30-50 hard
(selective courses), 0-30 very hard (university specialisation). An English grade falls into
the band with the same school grades, so the two languages can be compared.

Syllables come from pyphen's hyphenation dictionaries (the LibreOffice/TeX patterns), with
one-letter pieces allowed at word ends. Hyphenation is close to, not the same as,
syllabification: it does not split a vowel pair or, in Spanish, a lone first vowel ("día",
"idea", "ayuda", "area" each count one syllable short), so both scores run slightly easy.
That bias is small and the same from one draft to the next, which is what an author
comparing drafts needs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

import pyphen

_DICTIONARIES = {"en": "en_US", "es": "es"}
"""The languages a reading level can be measured in, and pyphen's dictionary for each."""
PLAIN_MAX_GRADE = 8
"""The highest school grade the content brief allows for client text (6th-8th grade)."""

# A sentence ends at . ! ? or an ellipsis, and also where markdown starts a new block: a blank
# line, or a list item. A list item without a full stop is still its own sentence to a reader.
_SENTENCE_END = re.compile(r"[.!?…]+|\n\s*\n|\n\s*(?:[-*+]|\d+[.)])\s+")
_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")
_MARKUP = re.compile(r"[*_`#>]+")


@dataclass(frozen=True)
class Band:
    """A school-grade band shared by both languages (Fernández Huerta's table)."""

    label: str
    """How hard, in a word or two: "very easy" ... "very hard"."""
    grades: str
    """The US school grades it matches, as a reader would say them: "6", "7-8", "13-16"."""
    max_grade: int
    """The band's highest school grade, for comparing texts and flagging hard ones."""

    @property
    def plain(self) -> bool:
        """True when the band is within the 6th-8th grade target (or easier)."""
        return self.max_grade <= PLAIN_MAX_GRADE


# From the easiest; each band with the lowest Fernández-Huerta score that still reaches it.
BANDS: tuple[tuple[float, Band], ...] = (
    (90, Band("very easy", "4", 4)),
    (80, Band("easy", "5", 5)),
    (70, Band("fairly easy", "6", 6)),
    (60, Band("normal", "7-8", 8)),
    (50, Band("fairly hard", "9-12", 12)),
    (30, Band("hard", "13-16", 16)),
    (float("-inf"), Band("very hard", "17+", 99)),
)


@dataclass(frozen=True)
class Counts:
    """What the formulas are computed from."""

    sentences: int
    words: int
    syllables: int

    def __add__(self, other: Counts) -> Counts:
        return Counts(self.sentences + other.sentences, self.words + other.words,
                      self.syllables + other.syllables)


@dataclass(frozen=True)
class Level:
    """The reading level of a text in one language."""

    lang: str
    formula: str
    """"Flesch-Kincaid grade" (English) or "Fernández-Huerta" (Spanish)."""
    score: float
    """The formula's own number: a school grade (English), or an ease (Spanish, higher easier)."""
    band: Band
    counts: Counts


def supported(lang: str) -> bool:
    """True when a reading level can be measured in `lang`."""
    return lang in _DICTIONARIES


@cache
def _hyphenator(lang: str) -> pyphen.Pyphen:
    if not supported(lang):
        raise ValueError(f"no reading level for language {lang!r}; "
                         f"it can be measured in: {', '.join(sorted(_DICTIONARIES))}")
    return pyphen.Pyphen(lang=_DICTIONARIES[lang], left=1, right=1)


def syllables(word: str, lang: str) -> int:
    """The syllables in one word, by pyphen's hyphenation points (at least one)."""
    return len(_hyphenator(lang).positions(word.lower())) + 1


def count(text: str, lang: str) -> Counts:
    """Sentences, words and syllables in `text` (markdown emphasis and list markers ignored).

    A text with words but no end punctuation (a heading, a question label) is one sentence.
    """
    plain = _MARKUP.sub("", text)
    sentences = [s for s in _SENTENCE_END.split(plain) if _WORD.search(s)]
    words = _WORD.findall(plain)
    return Counts(len(sentences), len(words), sum(syllables(w, lang) for w in words))


def flesch_kincaid_grade(c: Counts) -> float:
    """The Flesch-Kincaid grade level of English counts."""
    return 0.39 * c.words / c.sentences + 11.8 * c.syllables / c.words - 15.59


def fernandez_huerta(c: Counts) -> float:
    """Fernández-Huerta reading ease of Spanish counts (Law's corrected form; higher is easier)."""
    return 206.84 - 60 * c.syllables / c.words - 1.02 * c.words / c.sentences


def band_for_ease(ease: float) -> Band:
    """The school-grade band of a Fernández-Huerta score."""
    return next(band for low, band in BANDS if ease >= low)


def band_for_grade(grade: float) -> Band:
    """The band whose school grades hold an English grade level, rounded (below 4: very easy)."""
    return next((band for _, band in BANDS if grade < band.max_grade + 0.5), BANDS[-1][1])


def level_of_counts(c: Counts, lang: str) -> Level:
    """The reading level of already-counted text (several texts' counts may be added first)."""
    _hyphenator(lang)  # the same error for an unsupported language as `reading_level`
    if c.words == 0:
        raise ValueError("no words to measure")
    if lang == "es":
        ease = fernandez_huerta(c)
        return Level(lang, "Fernández-Huerta", round(ease, 1), band_for_ease(ease), c)
    grade = flesch_kincaid_grade(c)
    return Level(lang, "Flesch-Kincaid grade", round(grade, 1), band_for_grade(grade), c)


def reading_level(text: str, lang: str) -> Level:
    """The reading level of `text` in `lang` ("en" or "es"); ValueError for other languages."""
    return level_of_counts(count(text, lang), lang)
