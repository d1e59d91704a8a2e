"""Exports and pre/post say which language each answer and score was taken in, and flag a
measure taken in a translation nobody validated."""

from __future__ import annotations

import datetime as dt

import pytest
from support.clock import saving_on
from support.worksheets import WORKSHEETS

from toolkit.reports.export import data_dictionary, export_tables
from toolkit.reports.prepost import group_change, prepost_svg, prepost_table
from toolkit.store.store import Store
from toolkit.worksheet.loader import load_folder

DAY1, DAY2 = dt.date(2026, 3, 3), dt.date(2026, 3, 10)
MSPSS = {f"item{i}": v for i, v in enumerate([1, 2, 3, 4, 5, 6, 7, 1, 2, 3, 4, 5], 1)}
BARC = {f"item{i}": v for i, v in enumerate([5, 5, 4, 4, 5, 6, 4, 5, 5, 5], 1)}


@pytest.fixture(scope="module")
def sheets():
    return load_folder(WORKSHEETS)


def test_long_export_carries_each_answers_language(store: Store, sheets) -> None:
    """An MSPSS answered in Spanish exports its rows with lang 'es'; English ones with 'en'."""
    session = store.create_session("Languages", ["mspss"], 2)
    es, en = store.participants(session.id)
    for p in (es, en):
        store.record_consent(p)
    store.save_answers(es, "mspss", MSPSS, "1.1", lang="es")
    store.save_answers(en, "mspss", MSPSS, "1.1")
    long = export_tables(store, session.id, sheets).long
    assert set(long[long.participant == es.code]["lang"]) == {"es"}
    assert set(long[long.participant == en.code]["lang"]) == {"en"}


def test_dictionary_marks_unvalidated_translations(sheets) -> None:
    """The data dictionary lists a measure's Spanish as not validated; exercises plainly."""
    d = data_dictionary(sheets.values()).set_index(["worksheet", "item"])
    assert d.loc[("mspss", "item1"), "languages"] == "en; es (not validated)"
    assert d.loc[("barc-10", "item1"), "languages"] == "en; es (not validated)"
    assert "not validated" not in "".join(d.xs("opening-up")["languages"])


def test_prepost_says_the_language_and_flags_spanish_scores(store: Store, sheets,
                                                            monkeypatch) -> None:
    """A BARC-10 taken in Spanish then English is flagged not validated; one taken twice in
    English is not; the scores themselves are the published ones."""
    session = store.create_session("Pre/post languages", ["barc-10"], 2)
    for day in (DAY1, DAY2):
        store.add_meeting(session.id, day)
    mixed, english = store.participants(session.id)
    for p in (mixed, english):
        store.record_consent(p)
    saving_on(monkeypatch, DAY1)
    store.save_answers(mixed, "barc-10", BARC, "1.1", lang="es")
    store.save_answers(english, "barc-10", BARC, "1.1")
    saving_on(monkeypatch, DAY2)
    store.save_answers(mixed, "barc-10", {"item1": 6}, "1.1", lang="en")
    store.save_answers(english, "barc-10", {"item1": 6}, "1.1")
    table = prepost_table(store, session.id, sheets).set_index("participant")
    row = table.loc[mixed.code]
    assert (row.first, row.first_lang, row.latest, row.latest_lang) == (48, "es", 49, "en+es")
    assert bool(row.not_validated) is True
    row = table.loc[english.code]
    assert (row.first_lang, row.latest_lang, bool(row.not_validated)) == ("en", "en", False)
    # The group's summary and its chart say how many of the scores were in such a translation.
    summary = group_change(table.reset_index(), sheets)
    assert summary.loc[0, ["n", "not_validated"]].tolist() == [2, 1]
    assert "1 score was taken in a translation that is not validated." in prepost_svg(summary)
    assert "1 puntaje se tomó en una traducción no validada." in prepost_svg(summary, lang="es")


def test_old_answers_count_as_english(store: Store, sheets) -> None:
    """Answers saved without a language (before languages were recorded) read as English."""
    session = store.create_session("Old answers", ["mspss"], 1)
    [p] = store.participants(session.id)
    store.record_consent(p)
    store.save_answers(p, "mspss", MSPSS, "1.0")
    [total] = prepost_table(store, session.id, sheets).query("score == 'total'").itertuples()
    assert (total.first, total.first_lang, total.not_validated) == (
        3.58, "en", False)
