"""Deletion and retention: forget one participant, purge a group, find the quiet groups."""

from __future__ import annotations

import datetime as dt
import time

import pytest
import sqlalchemy as sa

from toolkit.store import retention
from toolkit.store.store import Participant, Store, answers, participants

WORRY = "Marzipan-Lighthouse-7731"

pytestmark = pytest.mark.stores  # on SQLite and PostgreSQL; file-level tests on SQLite only


@pytest.fixture
def group(store: Store) -> tuple[str, Participant, Participant]:
    """A session of two consenting participants; the first has three versions of an answer."""
    session = store.create_session("Tuesday group", ["opening-up", "mspss"])
    a, b = store.add_participants(session.id, 2)
    for p in (a, b):
        store.record_consent(p)
    for n in range(3):
        store.save_answer(a, "opening-up", "what_to_share", f"{WORRY} {n}", "1.0")
    store.save_answer(b, "mspss", "item1", 6, "1.0")
    return session.id, a, b


def _count(store: Store, sql: str, **params: object) -> int:
    with store.engine.connect() as conn:
        return conn.execute(sa.text(sql), params).scalar()


def test_forget_removes_every_answer_version_consent_and_the_participant(store, group):
    """After forget the participant's answers (all versions), consent and row are gone and
    their code opens nothing; the other participant is untouched."""
    sid, a, b = group
    removed = retention.forget(store, a)
    assert removed.answer_versions == 3
    assert _count(store, "SELECT count(*) FROM answers WHERE participant_id = :p", p=a.id) == 0
    assert _count(store, "SELECT count(*) FROM consents WHERE participant_id = :p", p=a.id) == 0
    assert store.participant_by_code(a.code) is None
    assert store.participants(sid) == [b]
    assert store.latest_for(b, "mspss") == {"item1": 6}


def test_forget_leaves_one_audit_line_with_ids_and_counts_only(store, group):
    """The audit line names the participant by number, with counts, and holds no content."""
    sid, a, _ = group
    retention.forget(store, a, actor="cli")
    [line] = [e for e in store.audit_log() if e.action == "forget"]
    assert (line.actor, line.target) == ("cli", f"participant {a.id}")
    assert line.detail == (f"forgot participant {a.id} of session {sid}, 3 answer versions, "
                           "0 export files removed (deleted whole)")
    text = " ".join(str(v) for e in store.audit_log() for v in vars(e).values())
    assert a.code not in text and WORRY not in text


def test_forget_deletes_the_export_files_that_hold_the_participant(store, group, tmp_path):
    """Recorded files holding the participant are deleted (and counted); a file of only the
    other participant stays; a file already deleted by hand is counted as gone."""
    sid, a, b = group
    both, only_b, gone = tmp_path / "both.csv", tmp_path / "b.csv", tmp_path / "gone.csv"
    for f in (both, only_b, gone):
        f.write_text("data")
    store.record_export([both], sid, [a.id, b.id])
    store.record_export([only_b], sid, [b.id])
    store.record_export([gone], sid, [a.id])
    gone.unlink()
    removed = retention.forget(store, a)
    assert removed.files_removed == [both] and removed.files_missing == [gone]
    assert not both.exists() and only_b.exists()
    assert [f.path for f in store.export_files(sid)] == [only_b]
    assert removed.files_text() == "1 export files removed (deleted whole), 1 already gone"


def test_forget_also_clears_other_tables_that_point_at_the_participant(store, group):
    """A table added later with a foreign key onto participants loses that participant's
    rows too, so a new module cannot keep a trace behind forget's back."""
    _, a, b = group
    notes = sa.Table("notes", sa.MetaData(), sa.Column("id", sa.Integer, primary_key=True),
                     sa.Column("who", sa.Integer, sa.ForeignKey(participants.c.id)))
    with store.transaction() as conn:
        notes.create(conn)
        conn.execute(notes.insert(), [{"who": a.id}, {"who": b.id}])
    retention.forget(store, a)
    with store.engine.connect() as conn:
        assert conn.execute(sa.select(notes.c.who)).scalars().all() == [b.id]


def test_a_forgotten_participants_id_is_never_given_again(store, group):
    """The newest participant forgotten, the next one made gets a higher number, so audit
    lines that name the old one never point at someone new."""
    sid, _, b = group
    retention.forget(store, b)
    [c] = store.add_participants(sid, 1)
    assert c.id > b.id


@pytest.mark.stores("sqlite")
def test_forget_zeroes_the_deleted_ciphertext_in_the_files(store, group, home):
    """With secure_delete and a TRUNCATE checkpoint, neither the database nor its -wal file
    still holds the forgotten participant's sealed answers or code digest."""
    _, a, _ = group
    with store.engine.connect() as conn:
        blobs = list(conn.execute(sa.select(answers.c.value).where(
            answers.c.participant_id == a.id)).scalars())
        sealed = list(conn.execute(sa.select(participants.c.code, participants.c.code_digest)
                                   .where(participants.c.id == a.id)).one())
    before = b"".join(f.read_bytes() for f in home.glob("workshop.sqlite*"))
    assert all(blob[12:44] in before for blob in blobs)  # the check below can fail
    removed = retention.forget(store, a)
    assert removed.wal_cleared
    wal = home / "workshop.sqlite-wal"
    assert not wal.exists() or wal.stat().st_size == 0
    raw = b"".join(f.read_bytes() for f in home.glob("workshop.sqlite*"))
    for blob in [*blobs, sealed[0]]:
        assert blob[12:44] not in raw  # a stretch of the ciphertext itself
    assert sealed[1].encode() not in raw


def test_purge_removes_the_whole_session_and_keeps_others(store, group, tmp_path):
    """purge takes the session, its meetings, participants, answers and export files; another
    session keeps everything."""
    sid, _, _ = group
    other = store.create_session("Thursday group", ["mspss"], 1)
    [c] = store.participants(other.id)
    store.record_consent(c)
    store.save_answer(c, "mspss", "item2", 3, "1.0")
    store.add_meeting(sid)
    export = tmp_path / "long.csv"
    export.write_text("x")
    store.record_export([export], sid, [])
    removed = retention.purge(store, sid)
    assert (removed.participants, removed.answer_versions) == (2, 4)
    assert removed.files_removed == [export] and not export.exists()
    assert [s.id for s in store.sessions()] == [other.id]
    assert store.meetings(sid) == [] and store.participants(sid) == []
    assert _count(store, "SELECT count(*) FROM answers") == 1
    [line] = [e for e in store.audit_log() if e.action == "purge"]
    assert line.target == f"session {sid}" and "2 participants, 4 answer versions" in line.detail


def _age(store: Store, session_id: str, days: float) -> None:
    """Move everything of a session `days` into the past."""
    then = time.time() - days * retention.DAY
    with store.transaction() as conn:
        conn.execute(sa.text("UPDATE sessions SET created_at = :t WHERE id = :s"),
                     {"t": then, "s": session_id})
        conn.execute(sa.text("UPDATE participants SET created_at = :t WHERE session_id = :s"),
                     {"t": then, "s": session_id})
        conn.execute(sa.text("UPDATE answers SET saved_at = :t WHERE session_id = :s"),
                     {"t": then, "s": session_id})
        conn.execute(sa.text("UPDATE consents SET agreed_at = :t WHERE participant_id IN "
                             "(SELECT id FROM participants WHERE session_id = :s)"),
                     {"t": then, "s": session_id})


def test_quiet_sessions_are_those_with_no_recent_activity(store, group):
    """A session whose every time is 100 days old is quiet for 90 days; a fresh one is not;
    one recent answer makes an old session active again."""
    sid, a, _ = group
    fresh = store.create_session("New group", ["mspss"])
    _age(store, sid, 100)
    assert [s.id for s, _ in retention.quiet_sessions(store, 90)] == [sid]
    store.save_answer(a, "mspss", "item1", 2, "1.0")
    assert retention.quiet_sessions(store, 90) == []
    assert fresh.id not in [s.id for s, _ in retention.quiet_sessions(store, 90)]


def test_a_recent_meeting_counts_as_activity(store, group):
    """A meeting yesterday keeps a session with old answers from being quiet."""
    sid, _, _ = group
    _age(store, sid, 100)
    store.add_meeting(sid, dt.date.today() - dt.timedelta(days=1))
    assert retention.quiet_sessions(store, 30) == []
    assert retention.quiet_sessions(store, 0.0001, now=time.time() + 3 * retention.DAY)
