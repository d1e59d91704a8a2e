"""At rest: the database, its -wal file and backups hold no plaintext; a wrong key fails
loudly; after `forget` nothing the toolkit holds or makes afterwards contains the person."""

from __future__ import annotations

from pathlib import Path

import pytest
import sqlalchemy as sa

from toolkit.cli import main
from toolkit.reports.export import export_session
from toolkit.settings.config import Config
from toolkit.store.backup import backup, check_backup, restore
from toolkit.store.crypto import Cipher, CryptoKeyError, decode_key, new_key_text
from toolkit.store.store import Participant, Store, answers, participants
from toolkit.supportmap.people import SupportMap
from toolkit.worksheet.loader import load_folder

# Distinctive text per participant: found nowhere by chance.
A = {"name": "Ottoline Brackenbury", "phone": "555-0199-4821", "worry": "Velvet-Anchor-6620"}
B = {"name": "Cornelius Thistlewood", "phone": "555-0177-3390", "worry": "Copper-Orchard-1184"}


@pytest.fixture
def config(home: Path) -> Config:
    return Config.from_env()


def _fill(store: Store, p: Participant, who: dict[str, str]) -> None:
    store.record_consent(p)
    m = SupportMap()
    first = m.add(who["name"], "closest", kind="family", supports="yes", phone=who["phone"])
    store.save_answers(p, "my-support-map", {"people": m.to_rows(), "map_worry": who["worry"]},
                       "1.1")
    store.save_answers(p, "reach-out-plan", {"falling_first": first.row}, "1.0")
    store.save_answer(p, "my-support-map", "map_worry", who["worry"] + " (edited)", "1.1")


@pytest.fixture
def group(store: Store) -> tuple[str, Participant, Participant]:
    session = store.create_session("At rest", ["my-support-map", "reach-out-plan"])
    a, b = store.add_participants(session.id, 2)
    _fill(store, a, A)
    _fill(store, b, B)
    return session.id, a, b


def _texts(who: dict[str, str], p: Participant) -> list[str]:
    return [who["name"], who["phone"], who["worry"], p.code, p.code.replace("-", "")]


def _plaintext_in(raw: bytes, texts: list[str]) -> list[str]:
    """Which of `texts` appear in `raw`, as UTF-8 or UTF-16 (SQLite can store either)."""
    return [t for t in texts
            if t.encode() in raw or t.encode("utf-16-le") in raw or t.encode("utf-16-be") in raw]


def _database_bytes(home: Path) -> bytes:
    return b"".join(f.read_bytes() for f in sorted(home.glob("workshop.sqlite*")))


def _folder_bytes(folder: Path) -> bytes:
    return b"".join(f.read_bytes() for f in sorted(folder.rglob("*")) if f.is_file())


def _sealed_of(store: Store, p: Participant) -> list[bytes]:
    """Stretches of every ciphertext stored for `p` (answers and code)."""
    with store.engine.connect() as conn:
        blobs = list(conn.execute(sa.select(answers.c.value).where(
            answers.c.participant_id == p.id)).scalars())
        blobs += list(conn.execute(sa.select(participants.c.code).where(
            participants.c.id == p.id)).scalars())
    return [b[12:44] for b in blobs]


def test_database_and_wal_hold_no_plaintext(store, group, home):
    """Names, phone numbers, free text and join codes are in neither the database file nor
    its -wal file (checked before the WAL is folded in, and after)."""
    _, a, b = group
    texts = _texts(A, a) + _texts(B, b)
    assert (home / "workshop.sqlite-wal").stat().st_size > 0
    assert _plaintext_in(_database_bytes(home), texts) == []
    store.engine.dispose()
    assert _plaintext_in(_database_bytes(home), texts) == []


def test_a_backup_holds_no_plaintext(store, group, config, tmp_path):
    """A backup is sealed like the database: none of the distinctive text is in it."""
    _, a, b = group
    backup(config, tmp_path / "b.sqlite")
    raw = (tmp_path / "b.sqlite").read_bytes()
    assert _plaintext_in(raw, _texts(A, a) + _texts(B, b)) == []
    assert all(s in raw for s in _sealed_of(store, a))  # the data is there, sealed


def test_a_wrong_key_fails_loudly_everywhere(store, group, config, tmp_path, monkeypatch):
    """Another key is refused on open, on backup check, on restore (CLI exit 1, nothing
    changed), and a damaged sealed value raises instead of returning garbage."""
    _, a, _ = group
    backup(config, tmp_path / "b.sqlite")
    other = Config.from_env({"WORKSHOP_HOME": str(config.home), "WORKSHOP_KEY": new_key_text()})
    with pytest.raises(CryptoKeyError):
        Store.open(other)
    with pytest.raises(CryptoKeyError):
        check_backup(tmp_path / "b.sqlite", Cipher(decode_key(other.key, "k")))
    with pytest.raises(CryptoKeyError):
        restore(other, tmp_path / "b.sqlite")
    monkeypatch.setenv("WORKSHOP_KEY", other.key)
    assert main(["restore", str(tmp_path / "b.sqlite")]) == 1
    monkeypatch.delenv("WORKSHOP_KEY")
    with store.transaction() as conn:  # one flipped byte in the newest answer
        row = conn.execute(sa.select(answers.c.id, answers.c.value).order_by(
            answers.c.id.desc())).first()
        flipped = row.value[:-1] + bytes([row.value[-1] ^ 1])
        conn.execute(answers.update().where(answers.c.id == row.id).values(value=flipped))
    with pytest.raises(CryptoKeyError):
        store.latest(group[2])
    assert store.latest_for(a, "reach-out-plan")  # the others still open


def test_after_forget_nothing_holds_the_participant(store, group, config, home, tmp_path,
                                                   capsys):
    """After `workshop forget`: the database and -wal hold neither their text nor their
    ciphertext; the exports and join cards made before are gone; a backup and an export made
    afterwards hold nothing of them, while the other participant is still fully there."""
    sid, a, b = group
    sheets = load_folder(config.worksheets_dir)
    exports = tmp_path / "exports"
    export_session(store, sid, sheets, exports / "before", include_sensitive=True)
    assert main(["cards", "--session", sid, "-o", str(exports / "cards.pdf")]) == 0
    assert _plaintext_in(_folder_bytes(exports), [A["name"], A["worry"], a.code]) != []
    sealed_a, sealed_b = _sealed_of(store, a), _sealed_of(store, b)

    assert main(["forget", "--participant", a.code, "--yes"]) == 0
    capsys.readouterr()
    raw = _database_bytes(home)
    assert _plaintext_in(raw, _texts(A, a)) == []
    assert [s for s in sealed_a if s in raw] == []
    assert all(s in raw for s in sealed_b)

    backup(config, tmp_path / "after.sqlite")
    export_session(store, sid, sheets, exports / "after", include_sensitive=True)
    after = (tmp_path / "after.sqlite").read_bytes()
    assert [s for s in sealed_a if s in after] == [] and all(s in after for s in sealed_b)
    left = sorted(str(f.relative_to(exports)) for f in exports.rglob("*") if f.is_file())
    assert not [f for f in left if not f.startswith("after/")]  # before/* and cards.pdf gone
    files = _folder_bytes(exports)
    assert _plaintext_in(files, _texts(A, a)) == []
    assert _plaintext_in(files, [B["name"], B["phone"], B["worry"], b.code]) != []
