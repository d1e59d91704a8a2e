"""Encryption at rest: where the key comes from, and refusing the wrong key loudly."""

from __future__ import annotations

import base64
import os
import stat

import pytest

from toolkit.settings.config import Config
from toolkit.store.crypto import Cipher, CryptoKeyError, load_or_create_key, new_key_text
from toolkit.store.store import Store


def test_key_file_is_created_with_mode_0600(tmp_path):
    """On first use a 32-byte key file is made, readable by its owner only."""
    key_file = tmp_path / "home" / "workshop.key"
    key = load_or_create_key(None, key_file)
    assert len(key) == 32
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600


def test_key_file_is_reused(tmp_path):
    """A second call reads the same key from the file instead of making a new one."""
    key_file = tmp_path / "workshop.key"
    assert load_or_create_key(None, key_file) == load_or_create_key(None, key_file)


def test_key_file_readable_by_others_is_refused(tmp_path):
    """A key file other users can read is refused with the chmod that fixes it."""
    key_file = tmp_path / "workshop.key"
    load_or_create_key(None, key_file)
    os.chmod(key_file, 0o644)
    with pytest.raises(CryptoKeyError, match="chmod 600"):
        load_or_create_key(None, key_file)


def test_workshop_key_is_used_when_set(tmp_path):
    """A key given as text (WORKSHOP_KEY) is used, and no key file is made."""
    text = new_key_text()
    key_file = tmp_path / "workshop.key"
    assert load_or_create_key(text, key_file) == base64.urlsafe_b64decode(text)
    assert not key_file.exists()


def test_workshop_key_from_environment_reaches_the_store(tmp_path, monkeypatch):
    """With WORKSHOP_KEY set, Store.open uses it: the data opens with that key only."""
    monkeypatch.setenv("WORKSHOP_HOME", str(tmp_path / "home"))
    monkeypatch.delenv("WORKSHOP_DB", raising=False)
    monkeypatch.delenv("WORKSHOP_WORKSHEETS", raising=False)
    monkeypatch.setenv("WORKSHOP_KEY", new_key_text())
    config = Config.from_env()
    Store.open(config).create_session("Group", ["mspss"])
    assert not config.key_file.exists()
    monkeypatch.setenv("WORKSHOP_KEY", new_key_text())
    with pytest.raises(CryptoKeyError):
        Store.open(Config.from_env())


@pytest.mark.parametrize("bad", ["not-a-key", "c2hvcnQ=", "!!!!", base64.b64encode(b"x" * 31)
                                 .decode(), base64.b64encode(b"x" * 33).decode()])
def test_malformed_key_is_a_clear_error(tmp_path, bad):
    """A key that is not base64 of 32 bytes names WORKSHOP_KEY and how to make a key."""
    with pytest.raises(CryptoKeyError) as info:
        load_or_create_key(bad, tmp_path / "workshop.key")
    message = str(info.value)
    assert "WORKSHOP_KEY" in message and "32 bytes" in message
    assert "urlsafe_b64encode(os.urandom(32))" in message
    assert bad not in message


def test_malformed_key_file_is_a_clear_error(tmp_path):
    """A key file holding something else names the file."""
    key_file = tmp_path / "workshop.key"
    key_file.write_text("hello\n")
    key_file.chmod(0o600)
    with pytest.raises(CryptoKeyError, match="key file"):
        load_or_create_key(None, key_file)


def test_seal_and_open_round_trip():
    """A sealed JSON value opens to the same value, and the blob is not the plaintext."""
    cipher = Cipher(os.urandom(32))
    blob = cipher.seal({"name": "Zebra-Pancake-4417"}, "s/1/ws/item")
    assert b"Zebra" not in blob
    assert cipher.open(blob, "s/1/ws/item") == {"name": "Zebra-Pancake-4417"}


def test_same_value_seals_differently_each_time():
    """Two seals of one value differ (fresh nonce), so equal answers are not visible."""
    cipher = Cipher(os.urandom(32))
    assert cipher.seal("yes", "a") != cipher.seal("yes", "a")


def test_wrong_key_raises_never_garbage():
    """Opening with another key raises CryptoKeyError with advice, not garbage."""
    blob = Cipher(os.urandom(32)).seal("secret", "a")
    with pytest.raises(CryptoKeyError, match="WORKSHOP_KEY or the key file"):
        Cipher(os.urandom(32)).open(blob, "a")


def test_value_moved_to_another_place_does_not_open():
    """A blob sealed for one answer cannot be opened as another (bound by its place)."""
    cipher = Cipher(os.urandom(32))
    blob = cipher.seal("secret", "s/1/ws/a")
    with pytest.raises(CryptoKeyError):
        cipher.open(blob, "s/1/ws/b")


@pytest.mark.parametrize("blob", [b"", b"short", b"\x00" * 40])
def test_truncated_blob_raises(blob):
    """Empty or damaged blobs raise CryptoKeyError rather than crash."""
    with pytest.raises(CryptoKeyError):
        Cipher(os.urandom(32)).open(blob, "a")


def test_wrong_key_on_existing_store_is_refused(tmp_path):
    """Opening an existing store with another key fails at once with CryptoKeyError."""
    url = f"sqlite:///{tmp_path / 'w.sqlite'}"
    first = Config(home=tmp_path, db_url=url, key=new_key_text())
    store = Store.open(first)
    p = store.add_participants(store.create_session("G", ["mspss"]).id, 1)[0]
    store.record_consent(p)
    store.save_answer(p, "mspss", "item1", 5, "1.0")
    with pytest.raises(CryptoKeyError, match="cannot be opened with this key"):
        Store.open(Config(home=tmp_path, db_url=url, key=new_key_text()))
    assert Store.open(first).latest_for(p, "mspss") == {"item1": 5}


def test_load_key_never_makes_one(tmp_path):
    """load_key (used by restore and rotate-key) fails with where to put the key, and makes
    no key file, when there is none."""
    from toolkit.store.crypto import load_key

    with pytest.raises(CryptoKeyError, match="copy the key file"):
        load_key(None, tmp_path / "workshop.key")
    assert not (tmp_path / "workshop.key").exists()


def test_write_key_file_is_0600_and_never_overwrites(tmp_path):
    """A key file is written owner-only and an existing one is never replaced."""
    from toolkit.store.crypto import write_key_file

    path = tmp_path / "k"
    write_key_file(path, new_key_text())
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    first = path.read_text()
    with pytest.raises(FileExistsError):
        write_key_file(path, new_key_text())
    assert path.read_text() == first
