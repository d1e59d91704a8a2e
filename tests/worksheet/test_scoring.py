"""Scoring: the published worked examples, band edges, and properties over any answers."""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from support.worksheets import shipped

from toolkit.text.strings import tr
from toolkit.worksheet.scoring import ScoreResult, compute, score_worksheet

MSPSS_IDS = [f"item{n}" for n in range(1, 13)]
BARC_IDS = [f"item{n}" for n in range(1, 11)]
LOW, MODERATE, HIGH = ("Low perceived support", "Moderate perceived support",
                       "High perceived support")
BELOW_47, AT_47 = "Below the 47 reference point", "At or above the 47 reference point"


def _answers(ids: list[str], values: list[int]) -> dict[str, int]:
    return dict(zip(ids, values, strict=True))


def _by_id(results: list[ScoreResult]) -> dict[str, ScoreResult]:
    return {r.id: r for r in results}


def _mspss_score(score_id: str, answers: dict[str, object]) -> ScoreResult:
    return _by_id(score_worksheet(shipped("mspss"), answers))[score_id]


# --- the worked examples of worksheets/WRITING.md ------------------------------------------


def test_mspss_all_sevens_scores_seven_everywhere_high():
    """MSPSS with every answer 7: every subscale and the total are 7.00, high."""
    results = score_worksheet(shipped("mspss"), _answers(MSPSS_IDS, [7] * 12))
    assert [(r.id, r.display(2), r.band) for r in results] == [
        ("significant_other", "7.00", HIGH), ("family", "7.00", HIGH),
        ("friends", "7.00", HIGH), ("total", "7.00", HIGH),
    ]


def test_mspss_worked_example_subscales_and_total():
    """MSPSS 1,2,3,4,5,6,7,1,2,3,4,5 gives 2.75, 3.00, 5.00 and total 3.58 (moderate)."""
    answers = _answers(MSPSS_IDS, [1, 2, 3, 4, 5, 6, 7, 1, 2, 3, 4, 5])
    results = _by_id(score_worksheet(shipped("mspss"), answers))
    assert {k: r.display(2) for k, r in results.items()} == {
        "significant_other": "2.75", "family": "3.00", "friends": "5.00", "total": "3.58",
    }
    assert results["total"].value == pytest.approx(3.58)
    assert results["total"].band == MODERATE


def test_mspss_worked_example_subscale_bands():
    """In the worked example 2.75 is low, and both 3.00 and 5.00 are moderate."""
    answers = _answers(MSPSS_IDS, [1, 2, 3, 4, 5, 6, 7, 1, 2, 3, 4, 5])
    results = _by_id(score_worksheet(shipped("mspss"), answers))
    assert [results[k].band for k in ("significant_other", "family", "friends")] == [
        LOW, MODERATE, MODERATE]


def test_barc10_worked_example_is_48_at_the_reference_point():
    """BARC-10 5,5,4,4,5,6,4,5,5,5 totals 48, at or above the 47 reference point."""
    [total] = score_worksheet(shipped("barc-10"),
                              _answers(BARC_IDS, [5, 5, 4, 4, 5, 6, 4, 5, 5, 5]))
    assert (total.value, total.display(0), total.band) == (48, "48", AT_47)


def test_barc10_with_item7_unanswered_is_incomplete():
    """BARC-10 without item 7 has no total, no band, and names item7 as missing."""
    answers = _answers(BARC_IDS, [5, 5, 4, 4, 5, 6, 4, 5, 5, 5])
    del answers["item7"]
    [total] = score_worksheet(shipped("barc-10"), answers)
    assert (total.value, total.band, total.missing) == (None, None, ("item7",))
    assert not total.complete
    assert total.display(0) == "incomplete"


# --- band edges ----------------------------------------------------------------------------


@pytest.mark.parametrize(("mean", "band"), [
    (1.0, LOW), (2.9, LOW), (3.0, MODERATE), (5.0, MODERATE), (5.1, HIGH), (7.0, HIGH),
])
def test_mspss_band_edges(mean, band):
    """MSPSS bands: 2.9 is low, 3.0 moderate, 5.0 moderate, 5.1 high."""
    total = next(s for s in shipped("mspss").scores if s.id == "total")
    one_item = total.model_copy(update={"items": ["x"]})
    assert compute(one_item, {"x": mean}).band == band


def test_mspss_total_band_edge_with_real_items():
    """A real MSPSS total of 35/12 (2.92) is low and 36/12 (3.00) is moderate."""
    low = [3] * 11 + [2]
    assert _mspss_score("total", _answers(MSPSS_IDS, low)).band == LOW
    assert _mspss_score("total", _answers(MSPSS_IDS, [3] * 12)).band == MODERATE


@pytest.mark.parametrize(("values", "total", "band"), [
    ([5, 5, 5, 5, 5, 5, 4, 4, 4, 4], 46, BELOW_47),
    ([5, 5, 5, 5, 5, 5, 5, 4, 4, 4], 47, AT_47),
    ([1] * 10, 10, BELOW_47),
    ([6] * 10, 60, AT_47),
])
def test_barc10_band_edges(values, total, band):
    """BARC-10: 46 is below the 47 reference point, 47 at it; 10 and 60 are the ends."""
    [result] = score_worksheet(shipped("barc-10"), _answers(BARC_IDS, values))
    assert (result.value, result.band) == (total, band)


# --- what counts as an answer ----------------------------------------------------------------


@pytest.mark.parametrize("bad", [None, "", "5", True, [5], float("nan"), float("inf"),
                                 pytest.param(10**400, id="huge-int")])
def test_a_non_number_answer_makes_the_score_incomplete(bad):
    """Text, booleans, lists, NaN, infinity and huge ints do not count as answers."""
    answers = {**_answers(BARC_IDS, [5] * 10), "item3": bad}
    [result] = score_worksheet(shipped("barc-10"), answers)
    assert (result.value, result.missing) == (None, ("item3",))


def test_incomplete_lists_every_missing_item_in_order():
    """An incomplete score lists every missing item, in the score's order."""
    result = _mspss_score("family", {"item3": 4, "item8": 4})
    assert result.missing == ("item4", "item11")


def test_subscale_is_complete_without_the_other_items():
    """A subscale scores as soon as its own four items are answered."""
    answers = {"item6": 6, "item7": 7, "item9": 2, "item12": 5}
    results = _by_id(score_worksheet(shipped("mspss"), answers))
    assert results["friends"].value == 5.0
    assert not results["total"].complete


def test_labels_follow_the_language():
    """Score labels resolve through tr(): the BARC-10 total is labelled in Spanish."""
    [result] = score_worksheet(shipped("barc-10"), {}, lang="es")
    assert result.label == "Total de capital de recuperación (10-60)"


@pytest.mark.parametrize(("worksheet_id", "ids", "values"), [
    ("mspss", MSPSS_IDS, [7] * 12),
    ("mspss", MSPSS_IDS, [1, 2, 3, 4, 5, 6, 7, 1, 2, 3, 4, 5]),
    ("barc-10", BARC_IDS, [5, 5, 4, 4, 5, 6, 4, 5, 5, 5]),
    ("barc-10", BARC_IDS, [5, 5, 4, 4, 5, 6, None, 5, 5, 5]),  # item 7 blank
])
def test_worked_examples_score_the_same_in_every_language(worksheet_id, ids, values):
    """The worked examples give the same values, completeness and band in each language."""
    ws = shipped(worksheet_id)
    answers = {k: v for k, v in zip(ids, values, strict=True) if v is not None}
    results = {lang: score_worksheet(ws, answers, lang) for lang in ws.languages}
    assert len(results) > 1
    english = [(r.id, r.value, r.complete) for r in results["en"]]
    for lang, found in results.items():
        assert [(r.id, r.value, r.complete) for r in found] == english, lang
        bands = [next((i for i, b in enumerate(s.bands) if r.band == tr(b.label, lang)), None)
                 for s, r in zip(ws.scores, found, strict=True)]
        english_bands = [next((i for i, b in enumerate(s.bands) if r.band == tr(b.label, "en")),
                              None) for s, r in zip(ws.scores, results["en"], strict=True)]
        assert bands == english_bands, lang


# --- properties ----------------------------------------------------------------------------

GARBAGE = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(), st.text(max_size=5),
    st.lists(st.integers(), max_size=3), st.dictionaries(st.text(max_size=2), st.integers(),
                                                         max_size=2),
)
IN_RANGE = st.integers(min_value=1, max_value=7)


def _random_answers(ids: list[str]) -> st.SearchStrategy[dict[str, object]]:
    keys = st.one_of(st.sampled_from(ids), st.text(max_size=8))
    return st.dictionaries(keys, st.one_of(IN_RANGE, GARBAGE), max_size=len(ids) + 3)


@settings(max_examples=300, deadline=None)
@given(worksheet_id=st.sampled_from(["mspss", "barc-10"]), data=st.data())
def test_any_answers_never_raise(worksheet_id, data):
    """Any subset of answers, in range or garbage, scores without raising."""
    ws = shipped(worksheet_id)
    ids = [it.id for it in ws.answerable()]
    answers = data.draw(_random_answers(ids))
    for result in score_worksheet(ws, answers):
        assert result.value is None or math.isfinite(result.value)
        assert (result.value is None) == bool(result.missing)


@settings(max_examples=300, deadline=None)
@given(values=st.lists(IN_RANGE, min_size=12, max_size=12))
def test_complete_mspss_scores_lie_between_1_and_7(values):
    """Every complete MSPSS score is within 1-7 and falls in one of the three bands."""
    for result in score_worksheet(shipped("mspss"), _answers(MSPSS_IDS, values)):
        assert 1 <= result.value <= 7
        assert result.band in (LOW, MODERATE, HIGH)


@settings(max_examples=300, deadline=None)
@given(values=st.lists(st.integers(min_value=1, max_value=6), min_size=10, max_size=10))
def test_complete_barc10_total_lies_between_10_and_60(values):
    """Every complete BARC-10 total is the sum, within 10-60, and its band matches 47."""
    [result] = score_worksheet(shipped("barc-10"), _answers(BARC_IDS, values))
    assert result.value == sum(values)
    assert 10 <= result.value <= 60
    assert result.band == (AT_47 if sum(values) >= 47 else BELOW_47)
