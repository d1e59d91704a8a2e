"""The store under concurrency on a real PostgreSQL (and SQLite where the same promise holds):
schema made once by many openers, forget and key rotation against a running writer, backup
and restore through pg_dump, full-precision times, other databases refused."""

from __future__ import annotations

import multiprocessing as mp
import threading
import time
from typing import Any

import pytest
import sqlalchemy as sa

from toolkit.cli.main import main
from toolkit.settings.config import Config
from toolkit.store import retention
from toolkit.store.backup import BackupError, backup, restore
from toolkit.store.crypto import Cipher, CryptoKeyError, decode_key, load_key, new_key_text
from toolkit.store.database import UnsupportedDatabase, make_engine
from toolkit.store.migrate import VERSION_TABLE
from toolkit.store.pgbackup import check_pg_dump
from toolkit.store.rotation import rotate_key
from toolkit.store.sealing import KEY_CHECK
from toolkit.store.store import (
    Participant,
    ParticipantGone,
    Store,
    answers,
    consents,
    participants,
    schema_version,
    settings,
)

pytestmark = pytest.mark.stores
OPENERS = 20
DEADLINE = 60.0


def _opener(url: str, key: str, go: Any, results: Any) -> None:
    """One process: wait for the start, open the store on the (empty) database, report."""
    go.wait()
    try:
        store = Store(make_engine(url), Cipher(decode_key(key, "test key")))
        store.engine.dispose()
        results.put("ok")
    except Exception as e:  # reported to the parent, which fails the test
        results.put(f"{type(e).__name__}: {e}")


def open_at_once(url: str, processes: int = OPENERS) -> list[str]:
    """`processes` separate processes open the store at the same moment; their reports."""
    ctx = mp.get_context("forkserver")
    ctx.set_forkserver_preload(["toolkit.store.store"])
    go, results = ctx.Event(), ctx.Queue()
    key = new_key_text()
    workers = [ctx.Process(target=_opener, args=(url, key, go, results))
               for _ in range(processes)]
    for w in workers:
        w.start()
    try:
        time.sleep(0.5)  # every process waiting on the event
        go.set()
        return [results.get(timeout=DEADLINE) for _ in workers]
    finally:
        for w in workers:
            w.join(timeout=10)
            if w.is_alive():
                w.kill()


@pytest.mark.postgres  # its own database, not the `database` fixture
def test_twenty_processes_opening_an_empty_database_at_once_all_succeed(pg_cluster):
    """20 processes open the store on an empty PostgreSQL database together: none fails,
    the schema is made once (one revision row, one schema row) with one key check."""
    url = pg_cluster.fresh_database(empty=True)
    reports = open_at_once(url)
    assert reports == ["ok"] * OPENERS
    engine = make_engine(url)
    with engine.connect() as conn:
        assert conn.exec_driver_sql(f"SELECT count(*) FROM {VERSION_TABLE}").scalar() == 1
        assert conn.execute(sa.select(sa.func.count()).select_from(schema_version)).scalar() == 1
        assert conn.execute(sa.select(sa.func.count()).select_from(settings).where(
            settings.c.name == KEY_CHECK)).scalar() == 1
    engine.dispose()


# --- writes racing each other -----------------------------------------------------------------


def _consenting(store: Store, n: int = 1) -> list[Participant]:
    session = store.create_session("Race", ["opening-up"])
    people = store.add_participants(session.id, n)
    for p in people:
        store.record_consent(p)
    return people


def _count(store: Store, table: sa.Table, p: Participant) -> int:
    with store.engine.connect() as conn:
        return conn.execute(sa.select(sa.func.count()).select_from(table).where(
            table.c.participant_id == p.id)).scalar()


class Writer(threading.Thread):
    """Saves one answer after another with its own store until a save fails; keeps the
    error and how many saves succeeded."""

    def __init__(self, config: Config, p: Participant):
        super().__init__(daemon=True)
        self.store = Store.open(config)
        self.p = p
        self.saved = 0
        self.error: Exception | None = None
        self.stop = threading.Event()

    def run(self) -> None:
        deadline = time.monotonic() + DEADLINE
        try:
            while not self.stop.is_set() and time.monotonic() < deadline:
                self.store.save_answer(self.p, "opening-up", "what_to_share",
                                       f"draft {self.saved}", "1.0")
                self.saved += 1
        except Exception as e:
            self.error = e
        finally:
            self.store.engine.dispose()

    def wait_for(self, saves: int) -> None:
        deadline = time.monotonic() + DEADLINE
        while self.saved < saves and self.is_alive() and time.monotonic() < deadline:
            time.sleep(0.01)


def test_forget_while_a_writer_saves_leaves_nothing_and_the_writer_gets_a_clear_error(
        store, database):
    """Forget runs while another connection saves answers for the same person: afterwards
    no answer, consent or row of them remains, and the writer's next save fails with
    ParticipantGone (not a database error), having saved nothing more."""
    a, b = _consenting(store, 2)
    writer = Writer(Config.from_env(), a)
    writer.start()
    writer.wait_for(20)
    removed = retention.forget(store, a)
    writer.join(DEADLINE)
    assert isinstance(writer.error, ParticipantGone), writer.error
    assert removed.answer_versions >= 20
    assert _count(store, answers, a) == 0
    assert _count(store, consents, a) == 0
    with store.engine.connect() as conn:
        assert conn.execute(sa.select(participants.c.id).where(
            participants.c.id == a.id)).first() is None
    store.save_answer(b, "opening-up", "what_to_share", "still here", "1.0")
    if store.engine.dialect.name == "postgresql":
        assert removed.vacuumed and "answers" in removed.vacuumed


def test_rotate_key_while_a_writer_saves_leaves_every_answer_open_with_the_new_key(
        store, database, home):
    """Key rotation while another connection saves: the writer stops with a key error (it
    holds the old key), and every answer version in the database opens with the new key."""
    [p] = _consenting(store)
    config = Config.from_env()
    writer = Writer(config, p)
    writer.start()
    writer.wait_for(20)
    rotate_key(config)
    writer.join(DEADLINE)
    assert isinstance(writer.error, CryptoKeyError), writer.error
    after = Store.open(Config.from_env())
    versions = after.history(p, "opening-up", "what_to_share")
    assert len(versions) == writer.saved
    assert [v.value for v in versions] == [f"draft {n}" for n in range(writer.saved)]
    after.engine.dispose()


def test_consent_and_meetings_recorded_twice_at_once_make_one_row(store, database):
    """Two stores agree for the same person and record the same meeting at once: one
    consent row, one meeting, and both calls succeed."""
    session = store.create_session("Race", ["opening-up"])
    [p] = store.add_participants(session.id, 1)
    other = Store.open(Config.from_env())
    barrier = threading.Barrier(2)
    errors: list[Exception] = []

    def both(s: Store) -> None:
        barrier.wait()
        try:
            s.record_consent(p)
            s.add_meeting(session.id)
        except Exception as e:
            errors.append(e)

    threads = [threading.Thread(target=both, args=(s,)) for s in (store, other)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(DEADLINE)
    other.engine.dispose()
    assert errors == []
    assert _count(store, consents, p) == 1
    assert len(store.meetings(session.id)) == 1


def test_times_are_kept_to_the_microsecond(store, database):
    """A save's time reads back exactly as it was taken (double precision everywhere)."""
    [p] = _consenting(store)
    before = time.time()
    store.save_answer(p, "opening-up", "what_to_share", "x", "1.0")
    [version] = store.history(p, "opening-up", "what_to_share")
    assert version.saved_at >= before
    assert abs(version.saved_at - before) < 5 and version.saved_at != round(version.saved_at)


@pytest.mark.stores("sqlite")
@pytest.mark.parametrize("url", ["mysql+pymysql://u@h/db", "oracle://u@h/db", "mssql://h/db"])
def test_other_databases_are_refused_with_a_clear_message(url):
    """WORKSHOP_DB naming a database the toolkit is not tested on is refused, naming the
    two it supports."""
    with pytest.raises(UnsupportedDatabase, match=r"SQLite .* PostgreSQL 15"):
        make_engine(url)


# --- backup and restore through pg_dump -------------------------------------------------------


@pytest.mark.stores("postgres")
def test_pg_dump_backup_while_saving_restores_into_a_new_database_with_every_answer(
        store, database, home, tmp_path, pg_cluster, monkeypatch):
    """A backup taken while a writer saves is a pg_dump file (0600), checked; restored into
    a new empty database, every answer it holds opens with the key."""
    [p] = _consenting(store)
    config = Config.from_env()
    writer = Writer(config, p)
    writer.start()
    writer.wait_for(10)
    info = backup(config, tmp_path / "b.dump")
    writer.stop.set()
    writer.join(DEADLINE)
    assert writer.error is None
    assert (tmp_path / "b.dump").read_bytes()[:5] == b"PGDMP"
    assert (tmp_path / "b.dump").stat().st_mode & 0o077 == 0
    assert info.answer_versions >= 10 and info.participants == 1

    monkeypatch.setenv("WORKSHOP_DB", pg_cluster.fresh_database(empty=True))
    done = restore(Config.from_env(), tmp_path / "b.dump")
    assert done.previous is None  # nothing was there to keep aside
    again = Store.open(Config.from_env())
    versions = again.history(p, "opening-up", "what_to_share")
    assert len(versions) == info.answer_versions
    assert [v.value for v in versions] == [f"draft {n}" for n in range(len(versions))]
    again.engine.dispose()


@pytest.mark.stores("postgres")
def test_pg_restore_over_the_live_database_keeps_it_aside(store, database, home, tmp_path):
    """Restoring over a PostgreSQL store keeps the data it replaces as an owner-only dump in
    WORKSHOP_HOME; the store then holds what the backup held."""
    [p] = _consenting(store)
    store.save_answer(p, "opening-up", "what_to_share", "in the backup", "1.0")
    config = Config.from_env()
    backup(config, tmp_path / "b.dump")
    store.save_answer(p, "opening-up", "what_to_share", "after the backup", "1.0")
    done = restore(config, tmp_path / "b.dump")
    assert done.previous is not None and done.previous.parent == home
    assert done.previous.stat().st_mode & 0o077 == 0
    assert store.latest_for(p, "opening-up") == {"what_to_share": "in the backup"}
    assert [e.action for e in store.audit_log()][-1] == "restore"


@pytest.mark.stores("postgres")
def test_a_pg_dump_sealed_with_another_key_is_refused(store, database, tmp_path):
    """Checking a dump with a key that does not open it fails loudly, changing nothing."""
    _consenting(store)
    config = Config.from_env()
    backup(config, tmp_path / "b.dump")
    with pytest.raises(CryptoKeyError, match="another key"):
        check_pg_dump(tmp_path / "b.dump", Cipher(decode_key(new_key_text(), "k")), config)
    assert check_pg_dump(tmp_path / "b.dump", Cipher(load_key(config.key, config.key_file)),
                         config).participants == 1


@pytest.mark.stores("postgres")
def test_a_sqlite_backup_is_not_restored_into_postgres(store, database, tmp_path):
    """A file that is not a pg_dump is refused by a PostgreSQL store, with a reason."""
    (tmp_path / "b.sqlite").write_bytes(b"SQLite format 3\x00" + bytes(100))
    with pytest.raises(BackupError, match="not a PostgreSQL backup"):
        restore(Config.from_env(), tmp_path / "b.sqlite")


# --- at rest ----------------------------------------------------------------------------------


def _table_files(store: Store) -> bytes:
    """Every table, TOAST and index file of the store's database, as on disk (after a
    checkpoint); read through the server (pg_read_binary_file), as its superuser."""
    with store.engine.connect() as conn:
        conn.exec_driver_sql("CHECKPOINT")
        files = conn.exec_driver_sql(
            "SELECT pg_relation_filepath(c.oid) FROM pg_class c JOIN pg_namespace n "
            "ON n.oid = c.relnamespace WHERE n.nspname IN ('public', 'pg_toast') "
            "AND c.relkind IN ('r', 't', 'i')").scalars().all()
        return b"".join(conn.execute(sa.text("SELECT pg_read_binary_file(:f)"), {"f": f})
                        .scalar() for f in files if f)


@pytest.mark.stores("postgres")
def test_postgres_files_hold_no_plaintext_and_nothing_of_a_forgotten_person(
        store, database, capsys):
    """The table files hold answers and codes only sealed; after `workshop forget` they
    hold not even the person's ciphertext (the tables are rewritten), the other person's is
    still there, and the command says what PostgreSQL may still hold elsewhere."""
    a, b = _consenting(store, 2)
    texts = {a: "Velvet-Anchor-6620", b: "Copper-Orchard-1184"}
    for p, text in texts.items():
        for n in range(3):
            store.save_answer(p, "opening-up", "what_to_share", f"{text} {n}", "1.0")
    raw = _table_files(store)
    assert [t for t in [*texts.values(), a.code, b.code] if t.encode() in raw] == []

    def sealed(p: Participant) -> list[bytes]:
        with store.engine.connect() as conn:
            blobs = conn.execute(sa.select(answers.c.value).where(
                answers.c.participant_id == p.id)).scalars().all()
            blobs += conn.execute(sa.select(participants.c.code).where(
                participants.c.id == p.id)).scalars().all()
        return [bytes(v)[12:44] for v in blobs]

    sealed_a, sealed_b = sealed(a), sealed(b)
    assert all(s in raw for s in sealed_a)
    assert main(["forget", "--participant", a.code, "--yes"]) == 0
    assert "write-ahead log" in capsys.readouterr().err
    raw = _table_files(store)
    assert [s for s in sealed_a if s in raw] == []
    assert all(s in raw for s in sealed_b)


# --- migrations -------------------------------------------------------------------------------


@pytest.mark.postgres  # its own database, not the `database` fixture
def test_a_postgres_database_of_revision_0004_is_upgraded_to_double_precision(pg_cluster):
    """A database made revision by revision up to 0004 is brought to the head on open (the
    revisions run on PostgreSQL, 0005's column changes included): every time column is
    DOUBLE PRECISION and Alembic finds no difference from schema.py."""
    from alembic import command
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext

    from toolkit.store.migrate import HEAD, alembic_config, current_revision
    from toolkit.store.schema import meta

    engine = make_engine(pg_cluster.fresh_database(empty=True))
    with engine.begin() as conn:
        command.upgrade(alembic_config(conn), "0004_participant_language")
    store = Store(engine, Cipher(decode_key(new_key_text(), "k")))
    with engine.connect() as conn:
        assert current_revision(conn) == HEAD
        kinds = set(conn.exec_driver_sql(
            "SELECT data_type FROM information_schema.columns WHERE table_schema = "
            "'public' AND column_name IN ('applied_at', 'created_at', 'saved_at', "
            "'agreed_at', 'at', 'made_at')").scalars())
        assert kinds == {"double precision"}
        assert compare_metadata(MigrationContext.configure(conn), meta) == []
    assert [e.action for e in store.audit_log()] == ["upgrade"]
    engine.dispose()


@pytest.mark.postgres  # its own role and database
def test_a_backup_by_a_role_that_cannot_create_databases_says_what_to_grant(
        pg_cluster, home, tmp_path, monkeypatch):
    """Checking a dump needs a scratch database: a role without CREATEDB gets a message
    naming the grant, and no backup file is left behind half-checked."""
    role = f"clerk{next(pg_cluster._n)}"
    pg_cluster.admin(f"CREATE ROLE {role} LOGIN")
    name = f"owned_{role}"
    pg_cluster.admin(f"CREATE DATABASE {name} OWNER {role} TEMPLATE template0")
    url = pg_cluster.database_url(name).replace("//postgres@", f"//{role}@", 1)
    monkeypatch.setenv("WORKSHOP_DB", url)
    config = Config.from_env()
    Store.open(config).engine.dispose()
    with pytest.raises(BackupError, match=f"ALTER ROLE {role} CREATEDB"):
        backup(config, tmp_path / "backups" / "b.dump")
    assert list((tmp_path / "backups").iterdir()) == []
