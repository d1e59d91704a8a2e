"""Backups (consistent, still sealed, owner-only), restores (checked first, old data kept
aside) and key rotation (all or nothing, the key file replaced only after the commit)."""

from __future__ import annotations

import stat
import threading
from pathlib import Path

import pytest
import sqlalchemy as sa

from toolkit.settings.config import Config
from toolkit.store.backup import BackupError, backup, check_backup, restore
from toolkit.store.crypto import Cipher, CryptoKeyError, decode_key, load_key, new_key_text
from toolkit.store.rotation import reseal, rotate_key
from toolkit.store.sealing import pending_key_file
from toolkit.store.store import Participant, Store, make_engine, settings

PASSPHRASE_ROW = b'{"scheme": "scrypt", "hash": "not-sealed"}'


@pytest.fixture
def config(home: Path) -> Config:
    return Config.from_env()


def _person(store: Store, answer: str = "first") -> Participant:
    session = store.create_session("G", ["opening-up"])
    [p] = store.add_participants(session.id, 1)
    store.record_consent(p)
    store.save_answer(p, "opening-up", "what_to_share", answer, "1.0")
    return p


def _set(store: Store, name: str, value: bytes) -> None:
    with store.transaction() as conn:
        conn.execute(settings.insert().values(name=name, value=value))


def _setting(store: Store, name: str) -> bytes:
    with store.transaction(write=False) as conn:
        return conn.execute(sa.select(settings.c.value).where(settings.c.name == name)).scalar()


def _cipher(config: Config) -> Cipher:
    return Cipher(load_key(config.key, config.key_file))


# --- backup -----------------------------------------------------------------------------------


def test_backup_is_an_owner_only_copy_that_opens_with_the_key(store, config, tmp_path):
    """The backup file is 0600, whole, and holds the sessions and answers, still sealed."""
    p = _person(store)
    info = backup(config, tmp_path / "b.sqlite")
    assert stat.S_IMODE((tmp_path / "b.sqlite").stat().st_mode) == 0o600
    assert (info.sessions, info.participants, info.answer_versions) == (1, 1, 1)
    copy = Store(make_engine(f"sqlite:///{tmp_path / 'b.sqlite'}"), _cipher(config))
    assert copy.latest_for(p, "opening-up") == {"what_to_share": "first"}
    assert not list(tmp_path.glob(".b.sqlite.partial*"))


def test_backup_is_audited_without_content(store, config, tmp_path):
    """A backup leaves one audit line by the cli, with counts only."""
    _person(store)
    backup(config, tmp_path / "b.sqlite")
    [line] = [e for e in store.audit_log() if e.action == "backup"]
    assert line.actor == "cli" and "1 answer versions; key not included" in line.detail


def test_backup_is_consistent_while_another_process_writes(store, config, tmp_path):
    """Backups taken while a writer saves batches of ten in a loop always hold whole
    batches (a multiple of ten answers), and pass SQLite's own check."""
    p = _person(store)
    with store.transaction() as conn:
        conn.execute(sa.text("DELETE FROM answers"))
    writer = Store.open(config)
    stop = threading.Event()

    def write() -> None:
        n = 0
        while not stop.is_set():
            writer.save_answers(p, "mspss", {f"item{i}": n for i in range(1, 11)}, "1.0")
            n += 1

    thread = threading.Thread(target=write)
    thread.start()
    try:
        counts = [backup(config, tmp_path / f"b{n}.sqlite").answer_versions for n in range(5)]
    finally:
        stop.set()
        thread.join()
        writer.engine.dispose()
    assert all(c % 10 == 0 for c in counts), counts
    assert counts[-1] > 0


def test_backing_up_onto_the_database_itself_is_refused(store, config):
    """-o pointing at the live database (or its -wal) fails with a clear message."""
    with pytest.raises(BackupError, match="database itself"):
        backup(config, config.home / "workshop.sqlite-wal")


def test_check_backup_refuses_what_is_not_a_backup(config, store, tmp_path):
    """A text file, a missing file and a SQLite file of something else are refused."""
    (tmp_path / "notes.txt").write_text("hello " * 500)
    for bad in (tmp_path / "notes.txt", tmp_path / "missing.sqlite"):
        with pytest.raises(BackupError):
            check_backup(bad, _cipher(config))
    other = make_engine(f"sqlite:///{tmp_path / 'other.sqlite'}")
    with other.begin() as conn:
        conn.execute(sa.text("CREATE TABLE t (x)"))
    with pytest.raises(BackupError, match="not a workshop backup"):
        check_backup(tmp_path / "other.sqlite", _cipher(config))


def test_check_backup_refuses_another_key_loudly(store, config, tmp_path):
    """A backup sealed with another key raises CryptoKeyError saying so."""
    _person(store)
    backup(config, tmp_path / "b.sqlite")
    with pytest.raises(CryptoKeyError, match="another key"):
        check_backup(tmp_path / "b.sqlite", Cipher(decode_key(new_key_text(), "k")))


# --- restore ----------------------------------------------------------------------------------


def test_restore_brings_back_the_backup_and_keeps_the_old_database_aside(store, config,
                                                                        tmp_path):
    """After restore the store holds what the backup held; the replaced database (with the
    later answer) is kept aside, owner-only, and still opens; the passphrase row survives."""
    p = _person(store, "before backup")
    _set(store, "facilitator-passphrase", PASSPHRASE_ROW)
    backup(config, tmp_path / "b.sqlite")
    store.save_answer(p, "opening-up", "what_to_share", "after backup", "1.0")
    done = restore(config, tmp_path / "b.sqlite")
    assert store.latest_for(p, "opening-up") == {"what_to_share": "before backup"}
    assert _setting(store, "facilitator-passphrase") == PASSPHRASE_ROW
    assert done.previous.name.startswith("workshop.sqlite.before-restore-")
    assert stat.S_IMODE(done.previous.stat().st_mode) == 0o600
    kept = Store(make_engine(f"sqlite:///{done.previous}"), _cipher(config))
    assert kept.latest_for(p, "opening-up") == {"what_to_share": "after backup"}
    assert [e.action for e in store.audit_log()][-1] == "restore"


def test_restore_with_another_key_changes_nothing(store, config, tmp_path, monkeypatch):
    """A backup made under another key is refused before anything is touched."""
    p = _person(store, "live")
    other_home = tmp_path / "other"
    other = Config.from_env({"WORKSHOP_HOME": str(other_home)})
    _person(Store.open(other), "other")
    backup(other, tmp_path / "other.sqlite")
    with pytest.raises(CryptoKeyError, match="another key"):
        restore(config, tmp_path / "other.sqlite")
    assert store.latest_for(p, "opening-up") == {"what_to_share": "live"}
    assert not list(config.home.glob("*before-restore*"))


def test_restore_on_a_new_machine_needs_the_key_file(config, store, tmp_path):
    """Restoring into an empty data folder works once the key file is copied there; without
    it the error says where to put it."""
    p = _person(store, "keep me")
    backup(config, tmp_path / "b.sqlite")
    fresh = Config.from_env({"WORKSHOP_HOME": str(tmp_path / "new")})
    with pytest.raises(CryptoKeyError, match="copy the key file"):
        restore(fresh, tmp_path / "b.sqlite")
    fresh.home.mkdir()
    fresh.key_file.write_text(config.key_file.read_text())
    fresh.key_file.chmod(0o600)
    assert restore(fresh, tmp_path / "b.sqlite").previous is None
    assert Store.open(fresh).latest_for(p, "opening-up") == {"what_to_share": "keep me"}


# --- rotate-key -------------------------------------------------------------------------------


def test_rotate_key_reseals_everything_and_replaces_the_key_file(store, config):
    """After rotation: a new 0600 key file, every answer and code opens under it, the old key
    fails loudly, no .new/.old files are left, the passphrase hash is byte-for-byte kept, a
    sealed setting is sealed again, and wrong-code counts are cleared."""
    p = _person(store, "rotate me")
    old_text = config.key_file.read_text()
    old = _cipher(config)
    _set(store, "facilitator-passphrase", PASSPHRASE_ROW)
    _set(store, "sealed-thing", old.seal({"a": 1}, "sealed-thing"))
    store.record_failed_join("browser")
    done = rotate_key(config)
    assert (done.answer_versions, done.codes, done.sealed_settings) == (1, 1, 2)
    assert done.failed_joins_cleared == 1 and done.new_key is None
    assert config.key_file.read_text() != old_text
    assert stat.S_IMODE(config.key_file.stat().st_mode) == 0o600
    assert sorted(f.name for f in config.home.glob("workshop.key*")) == ["workshop.key"]
    again = Store.open(config)
    assert again.participant_by_code(p.code) == p
    assert again.latest_for(p, "opening-up") == {"what_to_share": "rotate me"}
    assert _setting(again, "facilitator-passphrase") == PASSPHRASE_ROW
    assert _cipher(config).open(_setting(again, "sealed-thing"), "sealed-thing") == {"a": 1}
    with pytest.raises(CryptoKeyError):
        Store(make_engine(config.db_url), old)


def test_a_store_opened_before_rotation_refuses_to_save_after_it(store, config):
    """A running server still holding the old key cannot seal new answers with it."""
    p = _person(store)
    rotate_key(config)
    with pytest.raises(CryptoKeyError):
        store.save_answer(p, "opening-up", "what_to_share", "late", "1.0")
    assert Store.open(config).latest_for(p, "opening-up") == {"what_to_share": "first"}


def test_rotation_that_fails_midway_changes_nothing(store, config):
    """One value that does not open stops the rotation: nothing is re-sealed, the key file
    is the old one and no new or old key file is left."""
    p = _person(store, "unchanged")
    old_text = config.key_file.read_text()
    with store.transaction() as conn:
        conn.execute(sa.text("UPDATE answers SET value = :v"), {"v": b"\0" * 40})
    with pytest.raises(CryptoKeyError):
        rotate_key(config)
    assert config.key_file.read_text() == old_text
    assert sorted(f.name for f in config.home.glob("workshop.key*")) == ["workshop.key"]
    assert store.participant_by_code(p.code) == p  # codes still under the old key


def test_an_interrupted_rotation_is_finished_by_running_it_again(store, config):
    """If the data was re-sealed but the key file not yet replaced, opening the store says
    what happened, and `rotate_key` installs the waiting new key."""
    p = _person(store, "midway")
    new_text = new_key_text()
    pending_key_file(config.key_file).write_text(new_text)
    pending_key_file(config.key_file).chmod(0o600)
    reseal(store, _cipher(config), Cipher(decode_key(new_text, "k")))
    with pytest.raises(CryptoKeyError, match="rotate-key"):
        Store.open(config)
    assert rotate_key(config) is None
    assert config.key_file.read_text().strip() == new_text
    assert Store.open(config).latest_for(p, "opening-up") == {"what_to_share": "midway"}


def test_rotation_with_workshop_key_gives_the_new_key_before_committing(home, monkeypatch):
    """With WORKSHOP_KEY the new key is announced before the change and returned; the old
    key then fails and the new one opens everything."""
    monkeypatch.setenv("WORKSHOP_KEY", new_key_text())
    config = Config.from_env()
    store = Store.open(config)
    p = _person(store, "env key")
    store.engine.dispose()
    heard = []
    done = rotate_key(config, heard.append)
    assert heard == [done.new_key]
    with pytest.raises(CryptoKeyError):
        Store.open(config)
    monkeypatch.setenv("WORKSHOP_KEY", done.new_key)
    assert Store.open().latest_for(p, "opening-up") == {"what_to_share": "env key"}
    assert not config.key_file.exists()


def test_two_restores_in_a_row_keep_both_replaced_databases(store, config, tmp_path):
    """Restoring twice within a second keeps each replaced database under its own name."""
    _person(store)
    backup(config, tmp_path / "b.sqlite")
    first = restore(config, tmp_path / "b.sqlite").previous
    second = restore(config, tmp_path / "b.sqlite").previous
    assert first != second and first.exists() and second.exists()


def test_a_new_data_folder_is_owner_only(tmp_path):
    """The folder made for the key file and database is readable by its owner only."""
    Store.open(Config.from_env({"WORKSHOP_HOME": str(tmp_path / "fresh")})).engine.dispose()
    assert stat.S_IMODE((tmp_path / "fresh").stat().st_mode) == 0o700
