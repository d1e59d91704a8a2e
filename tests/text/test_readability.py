"""Reading levels: short easy sentences score easy, long academic ones hard, in English and
Spanish alike, and a text and its translation land in neighbouring bands."""

from __future__ import annotations

import pytest

from toolkit.text.readability import (
    BANDS,
    Counts,
    band_for_ease,
    band_for_grade,
    count,
    fernandez_huerta,
    flesch_kincaid_grade,
    reading_level,
    supported,
    syllables,
)

EASY = {
    "en": "The cat sat on the mat. The dog ran to me. I like my hat.",
    "es": "El gato se sentó. El perro corre. Me gusta mi casa.",
}
ACADEMIC = {
    "en": "The epistemological ramifications of institutional accountability mechanisms "
          "necessitate comprehensive interdisciplinary evaluation, particularly regarding "
          "organizational responsibilities and administrative implementation.",
    "es": "Las ramificaciones epistemológicas de los mecanismos institucionales de rendición "
          "de cuentas requieren una evaluación interdisciplinaria exhaustiva, particularmente "
          "en relación con las responsabilidades organizacionales y la implementación "
          "administrativa.",
}
# One plain paragraph and one dense one, each written in both languages.
PAIRS = [
    {"en": "Trust grows in small steps. You do not have to trust everyone with everything at "
           "once. Pick one small step. Try it this week. Each step you try is a win.",
     "es": "La confianza crece poco a poco. No tiene que confiar todo a todo el mundo de una "
           "vez. Elija un paso pequeño. Pruébelo esta semana. Cada paso que intente es un logro."},
    {"en": "Participants who reported higher perceived social support at baseline demonstrated "
           "significantly greater likelihood of sustained remission during the subsequent "
           "twelve months, independent of demographic characteristics and treatment history.",
     "es": "Los participantes que informaron un mayor apoyo social percibido al inicio "
           "demostraron una probabilidad significativamente mayor de remisión sostenida durante "
           "los doce meses siguientes, independientemente de sus características demográficas "
           "y de su historia de tratamiento."},
]


def _band_index(lang: str, text: str) -> int:
    band = reading_level(text, lang).band
    return [b for _, b in BANDS].index(band)


@pytest.mark.parametrize("lang", ["en", "es"])
def test_short_easy_sentences_score_very_easy(lang: str) -> None:
    """A few short sentences of short words are 'very easy', 4th grade, within the target."""
    level = reading_level(EASY[lang], lang)
    assert level.band.label == "very easy" and level.band.grades == "4" and level.band.plain


@pytest.mark.parametrize("lang", ["en", "es"])
def test_a_long_academic_sentence_scores_very_hard(lang: str) -> None:
    """One long sentence of long abstract words is 'very hard' and outside the target."""
    level = reading_level(ACADEMIC[lang], lang)
    assert level.band.label == "very hard" and not level.band.plain


@pytest.mark.parametrize("pair", PAIRS, ids=["plain", "dense"])
def test_a_text_and_its_translation_land_in_neighbouring_bands(pair: dict[str, str]) -> None:
    """English and Spanish versions of the same text are at most one band apart."""
    assert abs(_band_index("en", pair["en"]) - _band_index("es", pair["es"])) <= 1


def test_the_plain_pair_is_plain_and_the_dense_pair_is_not() -> None:
    """The plain paragraph is within the 6th-8th grade target in both languages, the dense not."""
    for lang in ("en", "es"):
        assert reading_level(PAIRS[0][lang], lang).band.plain
        assert not reading_level(PAIRS[1][lang], lang).band.plain


def test_spanish_syllables_follow_the_hyphenation_dictionary() -> None:
    """Spanish words split into the syllables a reader would clap."""
    counted = {w: syllables(w, "es") for w in ("recuperación", "confianza", "escalera", "sí")}
    assert counted == {"recuperación": 5, "confianza": 3, "escalera": 4, "sí": 1}


def test_english_syllables_follow_the_hyphenation_dictionary() -> None:
    """English words split into their syllables, one-letter pieces included."""
    counted = {w: syllables(w, "en") for w in ("relationship", "ability", "the", "People")}
    assert counted == {"relationship": 4, "ability": 4, "the": 1, "People": 2}


def test_counts_ignore_markdown_and_treat_list_items_as_sentences() -> None:
    """Bold marks are not words, and each list item or heading is a sentence of its own."""
    text = "**A safe person:**\n\n- **Listens.** Always\n- Keeps what you share private"
    assert count(text, "en") == Counts(sentences=4, words=10, syllables=count(
        "A safe person Listens Always Keeps what you share private", "en").syllables)


def test_a_question_without_a_full_stop_is_one_sentence() -> None:
    """A heading or label with no end punctuation still counts as one sentence."""
    assert count("My trust ladder", "en").sentences == 1


def test_the_formulas_match_their_published_weights() -> None:
    """100 words, 10 sentences and 150 syllables give the formulas' textbook values."""
    c = Counts(sentences=10, words=100, syllables=150)
    assert flesch_kincaid_grade(c) == pytest.approx(0.39 * 10 + 11.8 * 1.5 - 15.59)
    assert fernandez_huerta(c) == pytest.approx(206.84 - 60 * 1.5 - 1.02 * 10)


def test_shorter_sentences_read_easier_in_spanish() -> None:
    """Splitting the same words into more sentences raises the Spanish ease (Law's correction)."""
    long = Counts(sentences=2, words=40, syllables=80)
    short = Counts(sentences=5, words=40, syllables=80)
    assert fernandez_huerta(short) > fernandez_huerta(long)


@pytest.mark.parametrize(("ease", "grades"), [(95, "4"), (85, "5"), (75, "6"), (65, "7-8"),
                                              (55, "9-12"), (40, "13-16"), (10, "17+")])
def test_fernandez_huerta_bands(ease: float, grades: str) -> None:
    """Each Fernández-Huerta score range maps to its published school grades."""
    assert band_for_ease(ease).grades == grades


@pytest.mark.parametrize(("grade", "label"), [(2.0, "very easy"), (6.2, "fairly easy"),
                                              (8.4, "normal"), (8.6, "fairly hard"),
                                              (30.0, "very hard")])
def test_english_grades_fall_in_the_band_with_the_same_school_grades(grade: float,
                                                                     label: str) -> None:
    """An English grade level, rounded, lands in the band that names that grade."""
    assert band_for_grade(grade).label == label


def test_an_unsupported_language_says_which_ones_work() -> None:
    """Asking for a language without a formula names the languages that have one."""
    assert not supported("fr")
    with pytest.raises(ValueError, match="en, es"):
        reading_level("Bonjour à tous.", "fr")


def test_text_without_words_is_refused() -> None:
    """An empty or digits-only text has no reading level, and says so."""
    with pytest.raises(ValueError, match="no words"):
        reading_level("0 - 10", "en")
