"""The support map model: add, move, rename, remove, counts and prompts."""

from __future__ import annotations

import pytest

from toolkit.supportmap.people import (
    RING_LABELS,
    RINGS,
    Entry,
    SupportMap,
    ring_label,
    safety_by_row,
)


def test_add_starts_in_the_wider_circle_with_a_stable_row():
    """A new person gets a unique row id and the ring asked for (wider by default)."""
    m = SupportMap()
    a, b = m.add("Ana"), m.add("Bo", "closest")
    assert a.ring == "wider" and b.ring == "closest" and a.row != b.row


def test_move_rename_remove():
    """Moving and renaming keep the row id; removing takes the person off the map."""
    m = SupportMap()
    a = m.add("Ana")
    m.move(a.row, "closest")
    m.rename(a.row, "  Annie ")
    assert m.get(a.row) == Entry(a.row, "Annie", "closest")
    m.remove(a.row)
    assert a.row not in m and len(m) == 0
    with pytest.raises(KeyError):
        m.remove(a.row)


def test_closer_and_further_stop_at_the_edges():
    """'Move closer' stops at closest; 'move further' stops at professionals and groups."""
    m = SupportMap()
    a = m.add("Ana", "close")
    assert m.closer(a.row).ring == "closest" and m.closer(a.row).ring == "closest"
    for _ in RINGS:
        m.further(a.row)
    assert m.get(a.row).ring == "professional"


def test_unknown_ring_is_refused():
    """A ring that does not exist is an error, not a silent default."""
    m = SupportMap()
    with pytest.raises(ValueError):
        m.add("Ana", "orbit")
    a = m.add("Ana")
    with pytest.raises(ValueError):
        m.move(a.row, "orbit")


def test_rows_round_trip_through_the_repeat_answer():
    """The map is stored as the worksheet's repeat rows and reads back equal."""
    m = SupportMap()
    m.add("Ana", "closest", supports="yes", phone="555-0101", kind="friend")
    m.add("Group", "professional", kind="group")
    again = SupportMap.from_rows(m.to_rows())
    assert again.entries == m.entries
    assert all("_row" in r for r in m.to_rows())


def test_counts_have_no_names():
    """Counts per ring by support: what a group view may show."""
    m = SupportMap()
    m.add("Ana", "closest", supports="yes")
    m.add("Bo", "closest", supports="no")
    m.add("Cy", "wider")
    counts = m.counts()
    assert counts["closest"] == {"yes": 1, "unsure": 0, "no": 1, "unknown": 0}
    assert counts["wider"]["unknown"] == 1
    assert "Ana" not in repr(counts)


def test_prompts_nudge_gently():
    """An empty professionals band and no supportive closest person each get a kind nudge."""
    m = SupportMap()
    assert any("Even one is a good start" in p for p in m.prompts())
    m.add("Bo", "closest", supports="unsure")
    prompts = " ".join(m.prompts())
    assert "support group" in prompts and "closer to" in prompts
    m.add("Tuesday group", "professional", supports="yes")
    m.add("Ana", "closest", supports="yes")
    prompts = " ".join(m.prompts())
    assert "Closest: 1 supportive person." in prompts and "support group" not in prompts


def test_prompts_in_spanish():
    """With lang="es" the same nudges are Spanish, with the Spanish ring names."""
    m = SupportMap()
    assert any("Uno solo ya es un buen comienzo" in p for p in m.prompts("es"))
    m.add("Bo", "closest", supports="unsure")
    prompts = " ".join(m.prompts(lang="es"))
    assert "grupo de apoyo" in prompts and "más cerca" in prompts
    assert "Los más cercanos: 0 personas que apoyan su recuperación." in prompts
    m.add("Ana", "closest", supports="yes")
    m.add("Tuesday group", "professional", supports="yes")
    prompts = m.prompts("es")
    assert "Los más cercanos: 1 persona que apoya su recuperación." in prompts
    assert not [p for p in prompts if "grupo de apoyo" in p or "supportive" in p]


def test_ring_label_speaks_each_language():
    """ring_label gives the English RING_LABELS text, or the Spanish name."""
    assert [ring_label(r) for r in RINGS] == [RING_LABELS[r] for r in RINGS]
    assert ring_label("wider", "es") == "Círculo más amplio"


def test_safety_ratings_match_by_name():
    """Ratings from the safe-relationships worksheet attach to map entries by name."""
    m = SupportMap()
    a, b = m.add("Ana"), m.add("Bo")
    rated = safety_by_row(m.entries, [{"_row": "x", "name": "ana", "overall": "safe"},
                                      {"_row": "y", "name": "Zed", "overall": "not_safe"}])
    assert rated == {a.row: "safe"} and b.row not in rated
