"""`workshop audit`, `forget`, `purge`, `backup`, `restore` and `rotate-key` from the command
line: messages, confirmations, exit codes and the audit lines they leave."""

from __future__ import annotations

import csv
import io
import json
import shutil
import stat
import time
from pathlib import Path

import pytest
import sqlalchemy as sa

from toolkit.cli import main
from toolkit.settings.config import Config
from toolkit.store.crypto import CryptoKeyError, new_key_text
from toolkit.store.store import Participant, Store

ANSWER = "Pumpernickel-Harbor-5521"


def _group(store: Store) -> tuple[str, Participant, Participant]:
    session = store.create_session("Tuesday group", ["opening-up"])
    a, b = store.add_participants(session.id, 2)
    for p in (a, b):
        store.record_consent(p)
        store.save_answer(p, "opening-up", "what_to_share", f"{ANSWER} {p.id}", "1.0")
    return session.id, a, b


def _no_input(monkeypatch: pytest.MonkeyPatch, text: str = "") -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO(text))


# --- audit ------------------------------------------------------------------------------------


def test_audit_prints_time_actor_action_target_detail(store, capsys):
    """`workshop audit` prints a header and one line per entry, oldest first."""
    store.audit("viewed participant", "participant 3", "dashboard")
    store.audit("export", "session s-1", "4 files", actor="cli")
    assert main(["audit"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split() == ["time", "actor", "action", "target", "detail"]
    assert "viewed participant" in lines[1] and "participant 3" in lines[1]
    assert lines[2].split()[1:] == ["cli", "export", "session", "s-1", "4", "files"]


def test_audit_of_an_empty_log_says_so(store, capsys):
    """An empty log prints one friendly line and exits 0."""
    assert main(["audit"]) == 0
    assert capsys.readouterr().out.strip() == "the audit log is empty"


def test_audit_csv_is_owner_only_and_formula_safe(store, tmp_path, capsys):
    """--csv writes every line with a header, 0600, cells that could run as formulas quoted;
    the export itself is then audited."""
    store.audit("note", "=HYPERLINK(\"x\")", "detail")
    out = tmp_path / "audit.csv"
    assert main(["audit", "--csv", str(out)]) == 0
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    rows = list(csv.reader(out.read_text(encoding="utf-8-sig").splitlines()))
    assert rows[0] == ["time", "actor", "action", "target", "detail"]
    assert rows[1][1:] == ["facilitator", "note", "'=HYPERLINK(\"x\")", "detail"]
    assert store.audit_log()[-1].action == "audit export"


def test_cli_actions_write_audit_lines_as_cli(home, capsys, tmp_path):
    """session new and export each leave an audit line by "cli" with ids, not codes."""
    assert main(["session", "new", "G", "--participants", "2", "--worksheets",
                 "opening-up"]) == 0
    out = capsys.readouterr().out
    store = Store.open()
    [session] = store.sessions()
    assert main(["export", "--session", session.id, "-o", str(tmp_path / "x")]) == 0
    log = store.audit_log()
    assert [(e.actor, e.action, e.target) for e in log] == [
        ("cli", "session new", f"session {session.id}"),
        ("cli", "export", f"session {session.id}")]
    codes = [p.code for p in store.participants(session.id)]
    assert all(c in out for c in codes)
    assert not any(c in e.detail or c in e.target for c in codes for e in log)


# --- forget -----------------------------------------------------------------------------------


def test_forget_unknown_code_is_one_clear_line(store, capsys):
    """An unknown join code exits 1 with one line and changes nothing."""
    _group(store)
    assert main(["forget", "--participant", "ABC-DEF-GHJ", "--yes"]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "no participant with that join code" in err
    assert not [e for e in store.audit_log() if e.action == "forget"]


def test_forget_asks_first_and_a_no_removes_nothing(store, capsys, monkeypatch):
    """Without --yes it shows what would go and asks; no answer (or "n") keeps everything."""
    _, a, _ = _group(store)
    _no_input(monkeypatch)
    assert main(["forget", "--participant", a.code]) == 1
    out, err = capsys.readouterr()
    assert f"this removes participant {a.id}" in out and ": 1 answer version," in out
    assert "nothing removed" in err
    assert store.participant_by_code(a.code) == a


def test_forget_with_a_typed_yes_removes_and_reports(store, capsys, monkeypatch, tmp_path):
    """A typed "y" forgets: the output gives counts, names the deleted export files and
    warns about older backups; the other participant stays."""
    sid, a, b = _group(store)
    export = tmp_path / "long.csv"
    export.write_text("x")
    store.record_export([export], sid, [a.id, b.id])
    _no_input(monkeypatch, "y\n")
    assert main(["forget", "--participant", a.code.lower()]) == 0
    out, err = capsys.readouterr()
    assert (f"forgot participant {a.id} of session {sid}: 1 answer version, 1 export file "
            "removed (deleted whole)") in out
    assert str(export) in out and not export.exists()
    assert "backups made before now" in err
    assert a.code not in out and a.code.lower() not in out  # never echoed back
    assert store.participant_by_code(a.code) is None
    assert store.participant_by_code(b.code) == b


# --- purge ------------------------------------------------------------------------------------


def test_purge_unknown_session_is_one_clear_line(store, capsys):
    """An unknown session exits 1 with one line."""
    assert main(["purge", "--session", "s-nope", "--yes"]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "no session 's-nope'" in err


def test_purge_session_removes_the_group(store, capsys):
    """purge --session ID --yes removes the session and reports the counts."""
    sid, _, _ = _group(store)
    assert main(["purge", "--session", sid, "--yes"]) == 0
    out = capsys.readouterr().out
    assert f"purged session {sid}: 2 participants, 2 answer versions" in out
    assert store.sessions() == []


def test_purge_older_than_takes_only_quiet_sessions(store, capsys, monkeypatch):
    """--older-than 30 removes a session quiet for 40 days and keeps today's one; it asks
    first, listing them."""
    old, _, _ = _group(store)
    new, _, _ = _group(store)
    then = time.time() - 40 * 24 * 3600
    with store.transaction() as conn:
        for table, column in [("sessions", "created_at"), ("participants", "created_at"),
                              ("answers", "saved_at")]:
            key = "id" if table == "sessions" else "session_id"
            conn.execute(sa.text(f"UPDATE {table} SET {column} = :t WHERE {key} = :s"),
                         {"t": then, "s": old})
        conn.execute(sa.text("UPDATE consents SET agreed_at = :t"), {"t": then})
    _no_input(monkeypatch, "yes\n")
    assert main(["purge", "--older-than", "30"]) == 0
    out = capsys.readouterr().out
    assert f"session {old} \"Tuesday group\"" in out and f"purged session {old}" in out
    assert [s.id for s in store.sessions()] == [new]
    assert main(["purge", "--older-than", "30"]) == 0
    assert "nothing to purge" in capsys.readouterr().out


# --- backup, restore, rotate-key --------------------------------------------------------------


def test_backup_command_says_where_the_key_is_and_that_it_is_not_inside(store, home,
                                                                      tmp_path, capsys):
    """backup -o FILE writes the file and says the key file must be kept separately."""
    _group(store)
    assert main(["backup", "-o", str(tmp_path / "b.sqlite")]) == 0
    out = capsys.readouterr().out
    assert f"backup written to {tmp_path / 'b.sqlite'}" in out
    assert f"the key is NOT in the backup: it is the key file {home / 'workshop.key'}" in out
    assert stat.S_IMODE((tmp_path / "b.sqlite").stat().st_mode) == 0o600


def test_restore_command_reports_the_kept_database(store, home, tmp_path, capsys):
    """restore FILE restores and names where the replaced database was kept."""
    _group(store)
    assert main(["backup", "-o", str(tmp_path / "b.sqlite")]) == 0
    assert main(["restore", str(tmp_path / "b.sqlite")]) == 0
    out = capsys.readouterr().out
    assert "restored" in out and "workshop.sqlite.before-restore-" in out


def test_restore_command_refuses_a_backup_with_another_key(store, tmp_path, capsys):
    """A backup made with another key exits 1 with a message saying so."""
    other = Config.from_env({"WORKSHOP_HOME": str(tmp_path / "other")})
    _group(Store.open(other))
    from toolkit.store.backup import backup

    backup(other, tmp_path / "other.sqlite")
    assert main(["restore", str(tmp_path / "other.sqlite")]) == 1
    assert "sealed with another key" in capsys.readouterr().err


def test_rotate_key_command(store, home, capsys):
    """rotate-key reports the counts and that the old key is gone; the store opens after."""
    _, a, _ = _group(store)
    assert main(["rotate-key"]) == 0
    out, err = capsys.readouterr()
    assert "2 answer versions, 2 join codes" in out and "the old key is gone" in out
    assert "make a new backup now" in err
    assert Store.open().participant_by_code(a.code) == a


def test_rotate_key_command_with_workshop_key_prints_the_new_one(home, monkeypatch, capsys):
    """With WORKSHOP_KEY set, rotate-key prints WORKSHOP_KEY=<new key> and how to set it."""
    monkeypatch.setenv("WORKSHOP_KEY", new_key_text())
    _group(Store.open())
    assert main(["rotate-key"]) == 0
    out = capsys.readouterr().out
    new = out.split("WORKSHOP_KEY=")[1].split()[0]
    assert "set WORKSHOP_KEY to the new key" in out
    with pytest.raises(CryptoKeyError):
        Store.open()
    monkeypatch.setenv("WORKSHOP_KEY", new)
    Store.open()


def test_upgrade_brings_a_release3_database_up_once(home, capsys):
    """`workshop upgrade` on a database from the schema-3 release upgrades it and says to
    back it up; run again, it says there is nothing to do; the answers still open."""
    data = Path(__file__).resolve().parents[1] / "store" / "data"
    home.mkdir(mode=0o700, exist_ok=True)
    shutil.copyfile(data / "release3.sqlite", home / "workshop.sqlite")
    shutil.copyfile(data / "release3.key", home / "workshop.key")
    (home / "workshop.key").chmod(0o600)
    assert main(["upgrade"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("database upgraded (") and "workshop backup" in out
    assert main(["upgrade"]) == 0
    assert capsys.readouterr().out == "the database is up to date; nothing to do\n"
    made = json.loads((data / "release3.json").read_text())
    store = Store.open(Config.from_env())
    for pid, info in made["participants"].items():
        assert store.participant_by_code(info["code"]).id == int(pid)
    assert any(e.action == "upgrade" for e in store.audit_log())


def test_upgrade_refuses_a_database_from_a_newer_toolkit(home, capsys):
    """A database stamped by a newer toolkit is left alone, with one line saying why."""
    Store.open(Config.from_env())
    engine = sa.create_engine(f"sqlite:///{home / 'workshop.sqlite'}")
    with engine.begin() as conn:
        conn.exec_driver_sql("UPDATE alembic_version SET version_num = '9999_future'")
    engine.dispose()
    assert main(["upgrade"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("workshop: this database was made by a newer toolkit")
    assert err.rstrip().endswith("nothing was changed")
