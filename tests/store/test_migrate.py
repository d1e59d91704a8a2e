"""Upgrades never lose data: a database made by release 3 (before Alembic) and older ones are
brought to the head revision once, under the writers' lock; a newer one is refused."""

from __future__ import annotations

import datetime as dt
import json
import shutil
import sqlite3
import subprocess
import sys
import threading
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa

from toolkit.settings.config import Config
from toolkit.store.backup import BackupError, check_backup, restore
from toolkit.store.crypto import Cipher, load_key
from toolkit.store.database import writers_queue
from toolkit.store.migrate import (
    HEAD,
    MIGRATIONS,
    NewerDatabaseError,
    current_revision,
    scripts,
    upgrade_database,
)
from toolkit.store.schema import SCHEMA_VERSION, meta, schema_version
from toolkit.store.store import Participant, Store

DATA = Path(__file__).resolve().parent / "data"
BASELINE = "0003_baseline"
LANGUAGE = "0004_participant_language"
TIMES = "0005_full_precision_times"
FROM_RELEASE3 = [BASELINE, LANGUAGE, TIMES]  # what a release-3 database goes through, in order
ROOT = Path(__file__).resolve().parents[2]
RELEASE3_ANSWER_COLUMNS = ("id, session_id, participant_id, worksheet_id, item_id, "
                           "worksheet_version, value, saved_at")


@pytest.fixture
def release3(home: Path) -> dict[str, Any]:
    """The database made by release 3 (tests/store/data) as this test's store, with its
    synthetic key (0600: git keeps no modes); returns what it holds (release3.json)."""
    home.mkdir(mode=0o700)
    shutil.copyfile(DATA / "release3.sqlite", home / "workshop.sqlite")
    shutil.copyfile(DATA / "release3.key", home / "workshop.key")
    (home / "workshop.key").chmod(0o600)
    return json.loads((DATA / "release3.json").read_text())


def _rows(db: Path, sql: str) -> list[tuple]:
    con = sqlite3.connect(db)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def _revision(store: Store) -> str | None:
    with store.transaction(write=False) as conn:
        return current_revision(conn)


def _upgrades(store: Store) -> list[str]:
    return [e.detail for e in store.audit_log() if e.action == "upgrade"]


def _before_alembic(store: Store, schema: int) -> None:
    """Make the store's database look as a toolkit from before Alembic left it."""
    with store.transaction() as conn:
        conn.execute(sa.text("DROP TABLE alembic_version"))
        conn.execute(schema_version.delete())
        conn.execute(schema_version.insert().values(version=schema, applied_at=0.0))


def _holds_release3(store: Store, made: dict[str, Any]) -> None:
    """Everything release3.json lists is in the store, and opens."""
    assert {s.id: s.name for s in store.sessions()} == made["sessions"]
    people = {int(pid): Participant(int(pid), p["session"], p["code"])
              for pid, p in made["participants"].items()}
    for sid in made["sessions"]:
        assert store.participants(sid) == [p for p in people.values() if p.session_id == sid]
    for pid, p in people.items():
        assert store.participant_by_code(p.code) == p
        assert store.latest(p) == made["answers"].get(str(pid), {})
    for pid, sheets in made["earlier"].items():
        for ws, values in sheets.items():
            for item, value in values.items():
                history = store.history(people[int(pid)], ws, item)
                assert [v.value for v in history] == [value, made["answers"][pid][ws][item]]
    for pid, sheets in made["cleared"].items():
        for ws, values in sheets.items():
            for item, value in values.items():
                assert [v.value for v in store.history(people[int(pid)], ws, item)] == [
                    value, None]
    assert [p.id for p in people.values() if store.consented_at(p)] == made["consented"]
    for sid, days in made["meetings"].items():
        assert store.meetings(sid) == [dt.date.fromisoformat(d) for d in days]
    lines = [[e.actor, e.action, e.target, e.detail] for e in store.audit_log()]
    assert lines[:len(made["audit"])] == made["audit"]
    assert [[f.kind, list(f.participant_ids)] for f in store.export_files()] == made["exports"]
    gone = made["forgotten"]
    assert store.participant_by_code(gone["code"]) is None
    with store.transaction(write=False) as conn:
        for table in ("answers", "consents", "participants"):
            column = "id" if table == "participants" else "participant_id"
            assert conn.execute(sa.text(f"SELECT count(*) FROM {table} WHERE {column} = :id"),
                                {"id": gone["id"]}).scalar() == 0
        digests = conn.execute(sa.text("SELECT DISTINCT notice_digest FROM consents")).all()
    assert digests == [(made["notice_sha256"],)]


# --- the head revision --------------------------------------------------------------------


def test_head_is_the_one_newest_revision_script():
    """HEAD names the single newest script in migrations/versions, which ships in the
    package (found beside migrate.py, not through an alembic.ini)."""
    assert scripts().get_heads() == [HEAD]
    assert (MIGRATIONS / "env.py").is_file()
    assert BASELINE in {s.revision for s in scripts().walk_revisions()}


def test_a_new_database_is_made_at_head(store):
    """A new database has today's tables, schema 3 for older toolkits, and the head stamp."""
    assert _revision(store) == HEAD
    with store.transaction(write=False) as conn:
        versions = conn.execute(sa.select(schema_version.c.version)).scalars().all()
    assert versions == [SCHEMA_VERSION]
    assert _upgrades(store) == []


def test_opening_an_up_to_date_store_does_not_import_alembic(store):
    """Kernels open stores all the time: an up-to-date database costs no Alembic import."""
    code = ("import sys; from toolkit.store.store import Store; Store.open(); "
            "print('alembic' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         timeout=120, check=True, cwd=ROOT)
    assert out.stdout.strip() == "False"


# --- the database of release 3 ------------------------------------------------------------


def test_release3_database_opens_with_everything_in_it(release3, home):
    """Store.open upgrades release 3's database: every answer opens with its values, and
    consents, meetings, audit lines, export records and the forgetting are all kept."""
    store = Store.open()
    _holds_release3(store, release3)
    assert _revision(store) == HEAD
    assert _upgrades(store) == [
        f"upgraded from schema 3 (before Alembic): {', '.join(FROM_RELEASE3)}"]
    [newcomer] = store.add_participants(next(iter(release3["sessions"])), 1)
    assert newcomer.id > max(int(p) for p in release3["participants"])  # never reused


def test_upgrade_database_upgrades_release3_once(release3, home):
    """upgrade_database applies the baseline and the later revisions and says so; a second
    call has nothing to do; sealed values and settings keep their exact bytes."""
    db = home / "workshop.sqlite"
    kept = [f"SELECT {RELEASE3_ANSWER_COLUMNS} FROM answers ORDER BY 1",
            "SELECT * FROM settings ORDER BY 1"]
    before = [_rows(db, sql) for sql in kept]
    assert upgrade_database(Config.from_env()) == FROM_RELEASE3
    assert upgrade_database() == []
    assert [_rows(db, sql) for sql in kept] == before
    store = Store.open()
    _holds_release3(store, release3)
    assert len(_upgrades(store)) == 1


def test_release3_answers_read_as_english_and_nobody_has_chosen_a_language(release3, home):
    """Through the language revision: every old answer still opens and reads as English
    (every worksheet was English-only then); no participant has chosen a language yet, and
    one can now, and answers are saved with theirs."""
    store = Store.open()
    _holds_release3(store, release3)
    people = {int(pid): store.participant_by_code(p["code"])
              for pid, p in release3["participants"].items()}
    versions = [v for pid, sheets in release3["answers"].items() for ws, items in sheets.items()
                for item in items for v in store.history(people[int(pid)], ws, item)]
    assert versions and {v.lang for v in versions} == {"en"}
    assert {p.lang for p in people.values()} == {None}
    someone = people[release3["consented"][0]]
    store.set_language(someone, "es")
    store.save_answer(someone, "mspss", "item1", 5, "1.0", lang="es")
    assert store.participant_by_code(someone.code).lang == "es"
    assert store.history(someone, "mspss", "item1")[-1].lang == "es"


def test_an_upgraded_database_has_exactly_the_tables_of_the_schema(release3, home):
    """After the upgrade, Alembic finds no difference between the database and schema.py,
    the tables a new database is made with."""
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext

    store = Store.open()
    with store.engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": _same_on_sqlite})
        assert compare_metadata(context, meta) == []


def _same_on_sqlite(_context, _found, _wanted, inspected, declared) -> bool | None:
    """SQLite keeps FLOAT and DOUBLE alike as 8-byte REAL: revision 0005 leaves its tables
    as they are (see there); any other difference counts as Alembic judges it."""
    if isinstance(declared, sa.Double) and isinstance(inspected, sa.Float):
        return False
    return None


def test_the_baseline_is_release3s_tables(release3, home):
    """The baseline's frozen tables are the ones release 3 made, column for column."""
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext

    frozen = scripts().get_revision(BASELINE).module.release3
    engine = sa.create_engine(f"sqlite:///{home / 'workshop.sqlite'}")
    with engine.connect() as conn:
        assert compare_metadata(MigrationContext.configure(conn), frozen) == []
    engine.dispose()


def test_two_processes_opening_at_once_upgrade_exactly_once(release3, home):
    """Two processes started while another writer holds the lock both want to upgrade; the
    first to get the lock does, the second then finds nothing to do."""
    code = ("from toolkit.store.migrate import upgrade_database\n"
            "print('ready', flush=True)\n"
            "print(upgrade_database())\n")
    with writers_queue(home / "workshop.sqlite"):
        procs = [subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE,
                                  text=True, cwd=ROOT) for _ in range(2)]
        assert [p.stdout.readline().strip() for p in procs] == ["ready", "ready"]
    outs = sorted(p.communicate(timeout=120)[0].strip() for p in procs)
    assert outs == sorted(["[]", str(FROM_RELEASE3)])
    assert len(_upgrades(Store.open())) == 1


def test_two_threads_opening_the_store_at_once_upgrade_exactly_once(release3, home):
    """Stores opened at the same moment by two threads upgrade the database once."""
    start = threading.Barrier(2)
    opened: list[Store] = []

    def open_store() -> None:
        start.wait()
        opened.append(Store.open())

    threads = [threading.Thread(target=open_store) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    assert len(opened) == 2
    assert len(_upgrades(opened[0])) == 1
    _holds_release3(opened[1], release3)


def test_a_release3_backup_is_accepted_and_restored_up_to_date(release3, home, tmp_path):
    """check_backup accepts a backup made by release 3 without changing it, and restore
    brings it up to the head with everything in it."""
    backup = tmp_path / "release3-backup.sqlite"
    shutil.copyfile(DATA / "release3.sqlite", backup)
    config = Config.from_env()
    info = check_backup(backup, Cipher(load_key(config.key, config.key_file)))
    assert (info.schema, info.revision, info.participants) == (3, None, 3)
    assert backup.read_bytes() == (DATA / "release3.sqlite").read_bytes()
    (home / "workshop.sqlite").unlink()
    restore(config, backup)
    store = Store.open()
    assert _revision(store) == HEAD
    _holds_release3(store, release3)


# --- refused and older databases ----------------------------------------------------------


def test_a_revision_unknown_to_this_toolkit_is_refused(store, home, tmp_path):
    """A database stamped by a newer toolkit is refused on open, by upgrade_database and as
    a backup, saying to upgrade the toolkit; nothing in it is changed."""
    with store.transaction() as conn:
        conn.execute(sa.text("UPDATE alembic_version SET version_num = '9999_from_the_future'"))
    db = home / "workshop.sqlite"
    before = _rows(db, "SELECT * FROM sqlite_master")
    for attempt in (Store.open, upgrade_database):
        with pytest.raises(NewerDatabaseError, match=r"newer toolkit \(revision 9999_from_the"
                                                     r"_future.*upgrade the toolkit"):
            attempt()
    config = Config.from_env()
    with pytest.raises(BackupError, match=r"newer toolkit.*upgrade the toolkit first"):
        check_backup(db, Cipher(load_key(config.key, config.key_file)))
    assert _rows(db, "SELECT * FROM sqlite_master") == before
    assert _revision(store) == "9999_from_the_future"


def test_a_newer_schema_from_before_alembic_is_refused(store, home):
    """A database without an Alembic stamp but with a schema number above 3 is refused."""
    _before_alembic(store, SCHEMA_VERSION + 1)
    with pytest.raises(RuntimeError, match=r"newer toolkit \(schema 4\); upgrade the toolkit"):
        Store.open()


def test_version_one_database_gains_the_new_tables(home):
    """A database made by schema 1 opens, gets the consent, audit and failed-join tables,
    keeps its participants, and is stamped with the head."""
    store = Store.open()
    made = store.add_participants(store.create_session("Old", ["mspss"]).id, 1)
    with store.transaction() as conn:
        for name in ("consents", "audit", "failed_joins"):
            conn.execute(sa.text(f"DROP TABLE {name}"))
    _before_alembic(store, 1)
    again = Store.open()
    assert {"consents", "audit", "failed_joins"} <= set(sa.inspect(again.engine).get_table_names())
    with again.engine.connect() as conn:
        versions = conn.execute(sa.select(schema_version.c.version)).scalars().all()
    assert versions == [1, SCHEMA_VERSION]
    assert again.participants(made[0].session_id) == made
    assert _revision(again) == HEAD


OLD_PARTICIPANTS = """CREATE TABLE participants (
    id INTEGER NOT NULL, session_id VARCHAR(16) NOT NULL, code_digest VARCHAR(64) NOT NULL,
    code BLOB NOT NULL, created_at FLOAT NOT NULL, PRIMARY KEY (id), UNIQUE (code_digest),
    FOREIGN KEY(session_id) REFERENCES sessions (id))"""


def test_schema_two_participants_table_is_rebuilt_to_never_reuse_ids(home):
    """A schema-2 participants table (ids reusable) becomes AUTOINCREMENT, keeping its rows,
    their answers and consents; after the newest one is removed, its id is not given again."""
    store = Store.open()
    sid = store.create_session("Old", ["mspss"]).id
    first, second = store.add_participants(sid, 2)
    store.record_consent(first)
    store.save_answer(first, "mspss", "item1", 4, "1.0")
    _before_alembic(store, 2)
    with store.engine.connect() as conn:  # back to the schema-2 table, rows kept
        raw = conn.connection.dbapi_connection
        raw.execute("PRAGMA foreign_keys=OFF")
        raw.execute("PRAGMA legacy_alter_table=ON")  # keep answers' foreign key as it is
        raw.executescript("BEGIN; ALTER TABLE participants RENAME TO p_old;"
                          + OLD_PARTICIPANTS + "; INSERT INTO participants SELECT id, session_id, "
                          "code_digest, code, created_at FROM p_old;"
                          " DROP TABLE p_old; COMMIT;")
    store.engine.dispose()
    again = Store.open()
    with again.transaction(write=False) as conn:
        made = conn.execute(sa.text("SELECT sql FROM sqlite_master "
                                    "WHERE name = 'participants'")).scalar()
    assert "AUTOINCREMENT" in made
    assert again.participants(sid) == [first, second]
    assert again.latest_for(first, "mspss") == {"item1": 4}
    assert again.consented_at(first) is not None
    with again.transaction() as conn:
        conn.execute(sa.text("DELETE FROM participants WHERE id = :id"), {"id": second.id})
    [third] = again.add_participants(sid, 1)
    assert third.id > second.id
    with again.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA foreign_key_check").first() is None
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1  # on again
