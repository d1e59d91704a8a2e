"""The answer store: append-only versions, per-participant answers, nothing readable at rest."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from toolkit.settings.config import Config
from toolkit.store.crypto import CryptoKeyError
from toolkit.store.sealing import KEY_CHECK, seal_key_check
from toolkit.store.store import ConsentRequired, Participant, Store, answers

pytestmark = pytest.mark.stores  # on SQLite and PostgreSQL; file-level tests on SQLite only
SECRET = "Zebra-Pancake-4417"
SECRET_NAME = "Quokka-Marmalade"


@pytest.fixture
def two(store: Store) -> tuple[Participant, Participant]:
    """Two participants of one session."""
    session = store.create_session("Tuesday group", ["opening-up", "mspss"])
    first, second = store.add_participants(session.id, 2)
    store.record_consent(first)
    store.record_consent(second)
    return first, second


def _scalar(store: Store, sql: str) -> object:
    with store.engine.connect() as conn:
        return conn.execute(sa.text(sql)).scalar()


# --- the database itself ----------------------------------------------------------------------


@pytest.mark.stores("sqlite")
def test_default_database_lives_in_workshop_home(store, home):
    """With only WORKSHOP_HOME set, the SQLite file and key file are made inside it."""
    assert (home / "workshop.sqlite").exists()
    assert (home / "workshop.key").exists()


@pytest.mark.stores("sqlite")
def test_journal_mode_is_wal(store):
    """SQLite runs in WAL mode, so readers do not block the autosave writer."""
    assert _scalar(store, "PRAGMA journal_mode") == "wal"


def test_reopening_keeps_answers(store, two, home):
    """A second Store.open on the same home (same key file) sees the saved answers."""
    store.save_answer(two[0], "mspss", "item1", 6, "1.0")
    again = Store.open()
    assert again.latest_for(two[0], "mspss") == {"item1": 6}
    again.engine.dispose()


# --- answers ----------------------------------------------------------------------------------


def test_two_saves_make_two_versions_latest_second(store, two):
    """Saving twice keeps both versions in order; latest is the second."""
    p = two[0]
    store.save_answer(p, "opening-up", "what_to_share", "first draft", "1.0")
    store.save_answer(p, "opening-up", "what_to_share", "second draft", "1.0")
    history = store.history(p, "opening-up", "what_to_share")
    assert [v.value for v in history] == ["first draft", "second draft"]
    assert history[0].saved_at <= history[1].saved_at
    assert store.latest_for(p, "opening-up") == {"what_to_share": "second draft"}


def test_saves_never_overwrite_rows(store, two):
    """Every save appends a row to the answers table."""
    for n in range(3):
        store.save_answer(two[0], "mspss", "item1", n + 1, "1.0")
    assert _scalar(store, "SELECT count(*) FROM answers") == 3


def test_none_clears_but_stays_in_history(store, two):
    """Saving None removes the answer from latest and records the clear in history."""
    p = two[0]
    store.save_answer(p, "mspss", "item1", 4, "1.0")
    store.save_answer(p, "mspss", "item1", None, "1.0")
    assert store.latest_for(p, "mspss") == {}
    assert [v.value for v in store.history(p, "mspss", "item1")] == [4, None]


def test_history_records_the_worksheet_version(store, two):
    """Each version remembers the worksheet version it was answered under."""
    store.save_answer(two[0], "mspss", "item1", 4, "1.0")
    store.save_answer(two[0], "mspss", "item1", 5, "1.1")
    assert [v.worksheet_version for v in store.history(two[0], "mspss", "item1")] == [
        "1.0", "1.1"]


def test_answers_are_isolated_per_participant(store, two):
    """One participant's answers never show up for another."""
    first, second = two
    store.save_answer(first, "mspss", "item1", 7, "1.0")
    assert store.latest(second) == {}
    store.save_answer(second, "mspss", "item1", 1, "1.0")
    assert store.latest_for(first, "mspss") == {"item1": 7}
    assert store.latest_for(second, "mspss") == {"item1": 1}
    assert [v.value for v in store.history(second, "mspss", "item1")] == [1]


def test_latest_groups_by_worksheet(store, two):
    """latest() maps worksheet id to that worksheet's answers."""
    p = two[0]
    store.save_answers(p, "mspss", {"item1": 2, "item2": 3}, "1.0")
    store.save_answer(p, "opening-up", "readiness", 8, "1.0")
    assert store.latest(p) == {"mspss": {"item1": 2, "item2": 3},
                               "opening-up": {"readiness": 8}}
    assert store.latest(p, "opening-up") == {"opening-up": {"readiness": 8}}


def test_structured_answers_round_trip(store, two):
    """Lists and repeat rows come back exactly as saved."""
    rows = [{"_row": "r1", "name": "Sam", "kind": "friend"}]
    store.save_answers(two[0], "my-support-map", {"people": rows, "tags": ["a", "b"]}, "1.0")
    assert store.latest_for(two[0], "my-support-map") == {"people": rows, "tags": ["a", "b"]}


def test_a_failed_batch_saves_nothing(store, two):
    """If one value of a batch cannot be saved, none of the batch is."""
    with pytest.raises(TypeError):
        store.save_answers(two[0], "mspss", {"item1": 3, "item2": object()}, "1.0")
    assert store.latest(two[0]) == {}


@pytest.mark.stores("sqlite")
def test_nothing_readable_at_rest(store, two, home):
    """After saving, neither the .sqlite file nor its -wal file holds an answer in plaintext."""
    p = two[0]
    store.save_answer(p, "opening-up", "what_to_share", SECRET, "1.0")
    store.save_answer(p, "my-support-map", "people",
                      [{"_row": "r1", "name": SECRET_NAME, "phone": "555-0100"}], "1.0")
    files = [home / "workshop.sqlite", home / "workshop.sqlite-wal"]
    raw = b"".join(f.read_bytes() for f in files if f.exists())
    assert raw, "the database files should not be empty"
    for text in (SECRET, SECRET_NAME, "555-0100"):
        assert text.encode() not in raw
        assert text.encode("utf-16-le") not in raw
    store.engine.dispose()  # checkpoint the WAL into the main file, then look again
    raw = (home / "workshop.sqlite").read_bytes()
    assert SECRET.encode() not in raw and SECRET_NAME.encode() not in raw


def test_answer_rows_hold_only_sealed_values(store, two):
    """The value column of every answer row is a sealed blob, not JSON text."""
    store.save_answer(two[0], "opening-up", "what_to_share", SECRET, "1.0")
    with store.engine.connect() as conn:
        [blob] = conn.execute(sa.select(answers.c.value)).scalars().all()
    assert isinstance(blob, bytes) and SECRET.encode() not in blob
    assert not blob.startswith(b'"')


# --- sessions and participants ----------------------------------------------------------------


def test_session_lists_its_worksheets_in_order(store):
    """A session keeps its worksheet list in order and can be found by id."""
    made = store.create_session("Group", ["opening-up", "mspss"], participants_n=3)
    assert store.session(made.id).worksheets == ("opening-up", "mspss")
    assert [s.id for s in store.sessions()] == [made.id]
    assert len(store.participants(made.id)) == 3


def test_unknown_session_is_a_lookup_error(store):
    """Asking for a session that does not exist raises LookupError."""
    with pytest.raises(LookupError):
        store.session("s-nope")


def test_participant_codes_are_unique(store):
    """Participants of a session each get their own code."""
    session = store.create_session("Group", ["mspss"])
    made = store.add_participants(session.id, 50)
    assert len({p.code for p in made}) == 50


def test_participant_found_by_loosely_typed_code(store, two):
    """A code typed in lower case without dashes finds its participant."""
    p = two[1]
    assert store.participant_by_code(p.code.replace("-", " ").lower()) == p


@pytest.mark.parametrize("typed", [None, "", "nonsense", "ABC-DEF-GHJ"])
def test_malformed_or_unknown_code_finds_nobody(store, two, typed):
    """A malformed or unknown code returns None."""
    assert store.participant_by_code(typed) is None


def test_store_accepts_an_explicit_config(tmp_path):
    """Store.open takes a Config with any SQLAlchemy URL (here a file in tmp_path)."""
    from toolkit.store.crypto import new_key_text

    url = f"sqlite:///{tmp_path / 'sub' / 'other.sqlite'}"
    s = Store.open(Config(home=tmp_path, db_url=url, key=new_key_text()))
    assert (tmp_path / "sub" / "other.sqlite").exists()
    s.engine.dispose()


@pytest.mark.stores("sqlite")
def test_join_codes_are_not_stored_in_clear(store, two, home):
    """A copy of the database does not reveal the join codes that open answers."""
    raw = b"".join(f.read_bytes() for f in home.glob("workshop.sqlite*"))
    for p in two:
        assert p.code.encode() not in raw and p.code.replace("-", "").encode() not in raw
    assert {p.code for p in store.participants(two[0].session_id)} >= {p.code for p in two}


@pytest.mark.stores("sqlite")
def test_database_file_is_owner_only(store, home):
    """The SQLite file (health records) is readable by its owner only."""
    assert (home / "workshop.sqlite").stat().st_mode & 0o077 == 0


# --- consent ---------------------------------------------------------------------------------


def test_nothing_is_saved_without_consent(store):
    """A participant who has not agreed yet cannot save: the error says why, no row is made."""
    session = store.create_session("G", ["mspss"])
    [p] = store.add_participants(session.id, 1)
    assert store.consented_at(p) is None
    with pytest.raises(ConsentRequired, match="consent"):
        store.save_answer(p, "mspss", "item1", 5, "1.0")
    assert _scalar(store, "SELECT count(*) FROM answers") == 0
    agreed = store.record_consent(p, "Our privacy notice")
    assert store.consented_at(p) == agreed
    store.save_answer(p, "mspss", "item1", 5, "1.0")
    assert store.latest_for(p, "mspss") == {"item1": 5}


def test_agreeing_twice_keeps_the_first_time(store):
    """The consent time is the first agreement; a second click changes nothing."""
    [p] = store.add_participants(store.create_session("G", ["mspss"]).id, 1)
    first = store.record_consent(p, "notice")
    assert store.record_consent(p, "notice") == first == store.consented_at(p)


# --- audit log and wrong codes ---------------------------------------------------------------


def test_audit_log_keeps_lines_in_order(store):
    """Audit lines come back oldest first with what, whom and the actor."""
    store.audit("viewed participant", "participant 3", "session s-1")
    store.audit("exported", "session s-1", "csv, sensitive left out", actor="cli")
    log = store.audit_log()
    assert [(e.action, e.target, e.actor) for e in log] == [
        ("viewed participant", "participant 3", "facilitator"), ("exported", "session s-1", "cli")]
    assert log[0].at <= log[1].at
    assert store.audit_log(since=log[1].at + 1) == []


def test_failed_joins_are_counted_per_client_and_cleared(store):
    """Wrong codes are counted for one browser only, under a digest, and can be cleared."""
    store.record_failed_join("browser-a")
    store.record_failed_join("browser-a")
    store.record_failed_join("browser-b")
    assert len(store.failed_joins("browser-a", since=0)) == 2
    assert len(store.failed_joins("browser-b", since=0)) == 1
    with store.engine.connect() as conn:
        kept = conn.execute(sa.text("SELECT client_digest FROM failed_joins")).scalars().all()
    assert not any("browser" in k for k in kept)
    store.clear_failed_joins("browser-a")
    assert store.failed_joins("browser-a", since=0) == []
    assert len(store.failed_joins("browser-b", since=0)) == 1


# --- exports, writers that wait -------------------------------------------------------------


def test_recorded_exports_are_found_by_session_and_participant(store, two, tmp_path):
    """record_export keeps absolute paths with the participant ids each file holds."""
    a, b = two
    store.record_export([tmp_path / "long.csv"], a.session_id, [a.id, b.id])
    store.record_export([tmp_path / "card.pdf"], a.session_id, [b.id], kind="wallet card")
    assert [f.path for f in store.export_files(participant_id=a.id)] == [tmp_path / "long.csv"]
    found = store.export_files(a.session_id, participant_id=b.id)
    assert [(f.path.name, f.kind, f.participant_ids) for f in found] == [
        ("long.csv", "export", (a.id, b.id)), ("card.pdf", "wallet card", (b.id,))]
    assert store.export_files("s-other") == []


@pytest.mark.stores("sqlite")
def test_connections_zero_deleted_content(store):
    """Every connection runs with secure_delete, so deleted rows do not linger in free pages."""
    assert _scalar(store, "PRAGMA secure_delete") == 1


@pytest.mark.stores("sqlite")
def test_a_writer_holds_the_write_lock_from_its_start(store, two):
    """A writing transaction begins IMMEDIATE: a second writer cannot start until it ends
    (it waits under busy_timeout rather than failing half-way through)."""
    import sqlite3

    path = store.engine.url.database
    with store.transaction():
        other = sqlite3.connect(path, timeout=0, isolation_level=None)
        with pytest.raises(sqlite3.OperationalError, match="locked"):
            other.execute("BEGIN IMMEDIATE")
        other.execute("SELECT count(*) FROM answers").fetchone()  # readers are not blocked
        other.close()
    with store.transaction(write=False):
        other = sqlite3.connect(path, timeout=0, isolation_level=None)
        other.execute("BEGIN IMMEDIATE")
        other.execute("ROLLBACK")
        other.close()


def test_saving_after_the_key_changed_under_the_store_fails_loudly(store, two, home):
    """If the key check row changes (rotate-key or a restore by another program) to one this
    store's key cannot open, saves are refused instead of sealing with a dead key."""
    from toolkit.store.crypto import Cipher

    with store.transaction() as conn:
        conn.execute(sa.text("UPDATE settings SET value = :v WHERE name = :name"),
                     {"v": seal_key_check(Cipher(b"k" * 32)), "name": KEY_CHECK})
    with pytest.raises(CryptoKeyError):
        store.save_answer(two[0], "mspss", "item1", 5, "1.0")
    assert _scalar(store, "SELECT count(*) FROM answers") == 0


def test_writers_queue_lets_one_writer_at_a_time_and_is_reentrant(tmp_path):
    """The writers' queue lock is held by one thread at a time (another waits until it is
    let go), and taking it again inside itself does not wait on itself."""
    import threading

    from toolkit.store.store import writers_queue

    db = tmp_path / "q.sqlite"
    entered = threading.Event()

    def other() -> None:
        with writers_queue(db):
            entered.set()

    with writers_queue(db):
        with writers_queue(db):  # nested: must not hang
            pass
        thread = threading.Thread(target=other)
        thread.start()
        assert not entered.wait(0.3)
    assert entered.wait(10)
    thread.join()
    assert (tmp_path / "q.sqlite.lock").stat().st_mode & 0o077 == 0
