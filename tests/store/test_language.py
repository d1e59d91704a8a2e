"""The participant's language in the store: chosen once, read back, and on every answer."""

from __future__ import annotations

import pytest

from toolkit.store.store import ConsentRequired, Participant, Store

pytestmark = pytest.mark.stores


@pytest.fixture
def person(store: Store) -> Participant:
    """One participant of a new session, who has not agreed to the notice yet."""
    session = store.create_session("Tuesday group", ["mspss"])
    return store.add_participants(session.id, 1)[0]


def test_a_new_participant_has_chosen_no_language(store, person):
    """Until they choose, a participant's language is None, not a silent English."""
    assert person.lang is None
    assert store.language(person) is None
    assert store.participant_by_code(person.code).lang is None


def test_the_chosen_language_is_read_back_everywhere(store, person):
    """set_language is remembered: by code, in the session's list, and by language()."""
    chosen = store.set_language(person, "es")
    assert chosen.lang == "es" and chosen == person  # the same person, now in Spanish
    assert store.participant_by_code(person.code).lang == "es"
    assert [p.lang for p in store.participants(person.session_id)] == ["es"]
    assert store.language(person) == "es"
    store.set_language(person, "en")
    assert store.language(person) == "en"


def test_choosing_a_language_needs_no_consent(store, person):
    """A language is not an answer: it is saved before the notice, answers still are not."""
    store.set_language(person, "es")
    with pytest.raises(ConsentRequired):
        store.save_answer(person, "mspss", "item1", 4, "1.0", lang="es")
    assert store.language(person) == "es"


@pytest.mark.parametrize("bad", ["fr", "", "ES", "es-MX"])
def test_only_the_toolkits_languages_are_accepted(store, person, bad):
    """A code outside LANGUAGES is refused, for the participant and for an answer alike."""
    store.record_consent(person)
    with pytest.raises(ValueError, match="unknown language"):
        store.set_language(person, bad)
    with pytest.raises(ValueError, match="unknown language"):
        store.save_answer(person, "mspss", "item1", 4, "1.0", lang=bad)
    assert store.language(person) is None
    assert store.latest(person) == {}


def test_each_answer_version_keeps_the_language_it_was_shown_in(store, person):
    """History says which language each version was answered in, so a score can say too."""
    store.record_consent(person)
    store.save_answer(person, "mspss", "item1", 4, "1.0", lang="es")
    store.save_answers(person, "mspss", {"item1": 6}, "1.0")  # no language given: English
    assert [(v.value, v.lang) for v in store.history(person, "mspss", "item1")] == [
        (4, "es"), (6, "en")]
