"""The shipped worksheets follow the worksheets/WRITING.md rules that code can check.

Validated measures keep their published wording (copied here from the published sources on purpose:
a change to the YAML must also change this file, consciously).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
import yaml
from support.worksheets import SHIPPED, WORKSHEETS, shipped

from toolkit.text.strings import tr
from toolkit.worksheet.model import ItemBase, LongText, ShortText

MSPSS_ITEMS = [
    "There is a special person who is around when I am in need.",
    "There is a special person with whom I can share my joys and sorrows.",
    "My family really tries to help me.",
    "I get the emotional help and support I need from my family.",
    "I have a special person who is a real source of comfort to me.",
    "My friends really try to help me.",
    "I can count on my friends when things go wrong.",
    "I can talk about my problems with my family.",
    "I have friends with whom I can share my joys and sorrows.",
    "There is a special person in my life who cares about my feelings.",
    "My family is willing to help me make decisions.",
    "I can talk about my problems with my friends.",
]
MSPSS_LABELS = [
    (1, "Very Strongly Disagree"), (2, "Strongly Disagree"), (3, "Mildly Disagree"),
    (4, "Neutral"), (5, "Mildly Agree"), (6, "Strongly Agree"), (7, "Very Strongly Agree"),
]
MSPSS_INSTRUCTION = (
    "We are interested in how you feel about the following statements. Read each "
    "statement carefully. Indicate how you feel about each statement."
)
MSPSS_SUBSCALES = {
    "significant_other": [1, 2, 5, 10],
    "family": [3, 4, 8, 11],
    "friends": [6, 7, 9, 12],
    "total": list(range(1, 13)),
}

BARC_ITEMS = [
    "There are more important things to me in life than using substances.",
    "In general I am happy with my life.",
    "I have enough energy to complete the tasks I set myself.",
    "I am proud of the community I live in and feel part of it.",
    "I get lots of support from friends.",
    "I regard my life as challenging and fulfilling without the need for using drugs or "
    "alcohol.",
    "My living space has helped to drive my recovery journey.",
    "I take full responsibility for my actions.",
    "I am happy dealing with a range of professional people.",
    "I am making good progress on my recovery journey.",
]
BARC_LABELS = [
    (1, "Strongly disagree"), (2, "Disagree"), (3, "Somewhat disagree"),
    (4, "Somewhat agree"), (5, "Agree"), (6, "Strongly agree"),
]

TITLES = {
    "safe-relationships": "Safe people, safe relationships",
    "my-support-map": "My support map",
    "opening-up": "Opening up",
    "leap-of-faith": "A leap of faith",
    "meetings-plan": "My meetings plan",
    "reach-out-plan": "Who I reach out to",
    "treatment-needs": "What kind of help fits me",
    "mspss": "Perceived social support (MSPSS)",
    "barc-10": "Recovery capital (BARC-10)",
}

STIGMA = re.compile(r"\b(addicts?|clean|dirty|relapse[sd]?)\b", re.IGNORECASE)
PHONE = re.compile(r"\d{3}[-. ]\d{3,4}")


def _strings(node: Any) -> Iterator[str]:
    """Every string value anywhere in parsed YAML (text, labels, notes, citations...)."""
    if isinstance(node, str):
        yield node
    elif isinstance(node, dict):
        for value in node.values():
            yield from _strings(value)
    elif isinstance(node, list):
        for value in node:
            yield from _strings(value)


def _raw(worksheet_id: str) -> str:
    return (WORKSHEETS / f"{worksheet_id}.yaml").read_text(encoding="utf-8")


def _one_line(text: str) -> str:
    return " ".join(text.split())


# --- validated measures --------------------------------------------------------------------


def test_mspss_has_the_twelve_published_items_word_for_word():
    """MSPSS items 1-12 are, in order, the published statements."""
    ws = shipped("mspss")
    assert [it.id for it in ws.answerable()] == [f"item{n}" for n in range(1, 13)]
    assert [tr(it.text) for it in ws.answerable()] == MSPSS_ITEMS


def test_mspss_every_item_uses_the_published_seven_point_labels():
    """Every MSPSS item offers exactly the seven published responses, 1 to 7."""
    ws = shipped("mspss")
    for item in ws.answerable():
        assert [(c.value, tr(c.label)) for c in ws.choices_for(item)] == MSPSS_LABELS


def test_mspss_intro_is_the_published_instruction():
    """The MSPSS intro is the published instruction."""
    assert _one_line(tr(shipped("mspss").intro)) == MSPSS_INSTRUCTION


def test_mspss_subscales_use_the_published_items():
    """Significant Other, Family, Friends and Total are means of the published items."""
    ws = shipped("mspss")
    got = {s.id: (s.method, s.items) for s in ws.scores}
    assert got == {sid: ("mean", [f"item{n}" for n in items])
                   for sid, items in MSPSS_SUBSCALES.items()}


def test_mspss_bands_are_the_guide_bands_and_say_so():
    """Each MSPSS score has the low/moderate/high guide bands, each noting there are no norms."""
    for score in shipped("mspss").scores:
        assert [b.min for b in score.bands] == [1.0, 3.0, 5.1]
        assert all("no official norms" in tr(b.note) for b in score.bands)


def test_barc10_has_the_ten_published_items_word_for_word():
    """BARC-10 items 1-10 are, in order, the published statements."""
    ws = shipped("barc-10")
    assert [it.id for it in ws.answerable()] == [f"item{n}" for n in range(1, 11)]
    assert [tr(it.text) for it in ws.answerable()] == BARC_ITEMS


def test_barc10_every_item_uses_the_published_six_point_labels():
    """Every BARC-10 item offers exactly the six published responses, 1 to 6."""
    ws = shipped("barc-10")
    for item in ws.answerable():
        assert [(c.value, tr(c.label)) for c in ws.choices_for(item)] == BARC_LABELS


def test_barc10_total_is_the_sum_with_the_47_reference_point():
    """BARC-10 total sums all ten items; its bands split at the published 47."""
    [score] = shipped("barc-10").scores
    assert (score.method, score.items) == ("sum", [f"item{n}" for n in range(1, 11)])
    assert [b.min for b in score.bands] == [10, 47]
    assert all("not a diagnosis" in tr(b.note) for b in score.bands)


@pytest.mark.parametrize(("worksheet_id", "authors", "year"), [
    ("mspss", "Zimet, G.D., Dahlem, N.W., Zimet, S.G. & Farley, G.K.", "(1988)"),
    ("barc-10", "Vilsaint, C.L., Kelly, J.F., Bergman, B.G., Groshkova, T., Best, D. & "
                "White, W.", "(2017)"),
])
def test_measures_cite_their_source(worksheet_id, authors, year):
    """Both measures carry the published citation."""
    citation = _one_line(shipped(worksheet_id).citation or "")
    assert citation.startswith(f"{authors} {year}.")


def test_only_measure_items_are_required():
    """Every measure item is required (to score) and nothing else in any worksheet is."""
    for worksheet_id in SHIPPED:
        ws = shipped(worksheet_id)
        measure = worksheet_id in ("mspss", "barc-10")
        assert all(it.required == measure for it in ws.answerable()), worksheet_id


# --- titles and wording --------------------------------------------------------------------


def test_titles_are_the_client_facing_titles():
    """Every shipped worksheet has the title worksheets/WRITING.md gives it."""
    assert {wid: tr(shipped(wid).title) for wid in SHIPPED} == TITLES


def test_treatment_options_cover_the_listed_kinds():
    """The current-treatment question offers every kind worksheets/WRITING.md lists."""
    ws = shipped("treatment-needs")
    values = [c.value for c in ws.choices_for(ws.item("current_treatment"))]
    assert values == ["none", "psychotherapy", "outpatient", "intensive_outpatient",
                      "residential", "mat", "peer_support"]


@pytest.mark.parametrize("worksheet_id", SHIPPED)
def test_no_stigmatizing_words(worksheet_id):
    """No text says addict, clean, dirty or relapse (whole words, any case)."""
    found = [s for s in _strings(yaml.safe_load(_raw(worksheet_id))) if STIGMA.search(s)]
    assert found == []


def test_stigma_pattern_matches_whole_words_only():
    """The stigma check catches 'Addict' and 'relapsed' but not 'addiction' or 'cleaning'."""
    assert STIGMA.search("an Addict") and STIGMA.search("she relapsed") and STIGMA.search(
        "stay clean.")
    assert not STIGMA.search("medication for addiction treatment, cleaning up")


@pytest.mark.parametrize("worksheet_id", SHIPPED)
def test_no_phone_numbers_in_worksheets(worksheet_id):
    """No worksheet holds a phone number (crisis lines come from the app, not the YAML)."""
    assert PHONE.findall(_raw(worksheet_id)) == []


def test_phone_pattern_catches_common_formats():
    """The phone check catches 555-0100, 555.123.4567 and 1-800-662-4357."""
    for number in ("555-0100", "555.123.4567", "1-800-662-4357", "(555) 123-4567"):
        assert PHONE.search(number), number


# --- sensitive fields ----------------------------------------------------------------------
# A free-text answer may hold another person's name or phone number when its id or its
# question points at a person. Choice, date and number answers cannot, so only text counts.

PERSON_ID_WORDS = {"name", "phone", "who", "first", "backup", "person", "people"}
PERSON_TEXT = re.compile(r"\b(who|names?|nicknames?|phone|person)\b", re.IGNORECASE)

NOT_A_PERSON = {
    "meetings-plan/meetings.name_place": "the name or place of a meeting, not of a person",
}


def _text_items() -> Iterator[tuple[str, ItemBase]]:
    for worksheet_id in SHIPPED:
        for item in shipped(worksheet_id).items():
            for field in [item, *getattr(item, "fields", [])]:
                if isinstance(field, ShortText | LongText):
                    key = field.id if field is item else f"{item.id}.{field.id}"
                    yield f"{worksheet_id}/{key}", field


def _points_at_a_person(item: ItemBase) -> bool:
    return bool(PERSON_ID_WORDS & set(item.id.split("_"))) or bool(
        PERSON_TEXT.search(tr(item.text)))


PERSON_ITEMS = [key for key, it in _text_items() if _points_at_a_person(it)]


def test_person_heuristic_finds_the_known_person_fields():
    """The heuristic is a real filter: it finds the name/phone fields and skips the rest."""
    assert len(PERSON_ITEMS) >= 15
    for key in ("my-support-map/people.name", "my-support-map/people.phone",
                "reach-out-plan/sponsor_name", "reach-out-plan/counselor_phone",
                "leap-of-faith/steps.who", "opening-up/first_person",
                "safe-relationships/reflect_safe_people"):
        assert key in PERSON_ITEMS
    for key in ("opening-up/what_to_share", "reach-out-plan/falling_say",
                "treatment-needs/worries", "meetings-plan/first_meeting_date"):
        assert key not in PERSON_ITEMS


@pytest.mark.parametrize("key", [
    k for k in PERSON_ITEMS if k not in NOT_A_PERSON
])
def test_text_about_a_person_is_sensitive(key):
    """A text answer whose id or question points at a person is marked `sensitive: true`."""
    items = dict(_text_items())
    assert items[key].sensitive


def test_people_picked_from_the_map_are_sensitive():
    """Every `person` item (a pick from the support map) is marked sensitive."""
    picks = [(wid, it) for wid in SHIPPED for it in shipped(wid).items() if it.type == "person"]
    assert len(picks) == 6
    assert all(it.sensitive for _, it in picks)
