"""The store's own refusals reach a Spanish-speaking counselor in Spanish, each triggered for
real: a database or backup from a newer toolkit, a key rotation that could not finish, a
PostgreSQL tool that failed (its own lines kept, the values it quotes from the data cut off),
and `--version` from a checkout; with no Spanish set they stay the English they always were."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from toolkit.cli import main
from toolkit.cli.language import LOCALE_VARIABLES
from toolkit.store.migrate import HEAD
from toolkit.store.store import Store

NEWER = "f00000000000"
"""A revision no toolkit of this version knows."""


@pytest.fixture
def spanish(monkeypatch: pytest.MonkeyPatch) -> None:
    """A counselor's terminal in Spanish from Spain's locale (es_ES), still Spanish."""
    for name in LOCALE_VARIABLES:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "es_ES.UTF-8")


def _stamp(path: Path, revision: str) -> None:
    """Stamp the SQLite database at `path` with `revision`, as a newer toolkit would."""
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE alembic_version SET version_num = ?", (revision,))
    conn.close()


def _newer_backup(capsys, tmp_path: Path) -> Path:
    """A backup of a fresh store, stamped by a newer toolkit."""
    Store.open().engine.dispose()
    path = tmp_path / "nueva.sqlite"
    assert main(["backup", "-o", str(path)]) == 0
    _stamp(path, NEWER)
    capsys.readouterr()
    return path


def test_a_backup_from_a_newer_toolkit_is_said_in_spanish(home, capsys, tmp_path, spanish):
    """Why it cannot be restored is Spanish too; the file and the revisions as they are."""
    path = _newer_backup(capsys, tmp_path)
    assert main(["restore", str(path)]) == 1
    assert capsys.readouterr().err == (
        f"workshop: {path} no se puede restaurar aquí: esta base de datos la hizo una versión "
        f"más nueva del programa (revisión {NEWER}; esta versión conoce hasta {HEAD}); "
        "actualice el programa primero\n")


def test_a_backup_from_a_newer_toolkit_stays_english_by_default(home, capsys, tmp_path):
    """With no language set it is the English sentence it always was."""
    path = _newer_backup(capsys, tmp_path)
    assert main(["restore", str(path)]) == 1
    assert capsys.readouterr().err == (
        f"workshop: {path} cannot be restored here: this database was made by a newer toolkit "
        f"(revision {NEWER}, this toolkit knows up to {HEAD}); upgrade the toolkit first\n")


def _newer_store(home: Path) -> None:
    """The store's own database, stamped by a newer toolkit."""
    Store.open().engine.dispose()
    _stamp(home / "workshop.sqlite", NEWER)


def test_a_database_from_a_newer_toolkit_is_said_in_spanish(home, capsys, spanish):
    """`upgrade` refuses in Spanish; any other command says why in one line, no traceback."""
    _newer_store(home)
    newer = (f"esta base de datos la hizo una versión más nueva del programa (revisión {NEWER}; "
             f"esta versión conoce hasta {HEAD}); actualice el programa")
    assert main(["upgrade"]) == 1
    assert capsys.readouterr().err == f"workshop: {newer}; no se cambió nada\n"
    assert main(["session", "list"]) == 1
    assert capsys.readouterr().err == f"workshop: {newer}\n"


def test_a_database_from_a_newer_toolkit_stays_english_by_default(home, capsys):
    """With no language set `upgrade` says the English it always did."""
    _newer_store(home)
    assert main(["upgrade"]) == 1
    assert capsys.readouterr().err == (
        f"workshop: this database was made by a newer toolkit (revision {NEWER}, this toolkit "
        f"knows up to {HEAD}); upgrade the toolkit; nothing was changed\n")


def _release3_with_an_orphan(home: Path) -> None:
    """The database release 3 made (tests/store/data), with an answer whose participant is
    gone, left by a crash with foreign keys off: the upgrade's check finds it."""
    import shutil

    data = Path(__file__).resolve().parents[1] / "store" / "data"
    home.mkdir(mode=0o700)
    shutil.copyfile(data / "release3.sqlite", home / "workshop.sqlite")
    shutil.copyfile(data / "release3.key", home / "workshop.key")
    (home / "workshop.key").chmod(0o600)
    with sqlite3.connect(home / "workshop.sqlite") as conn:
        conn.execute("PRAGMA foreign_keys=OFF")
        conn.execute("INSERT INTO answers (session_id, participant_id, worksheet_id, item_id, "
                     "worksheet_version, value, saved_at) SELECT session_id, 999999, "
                     "worksheet_id, item_id, worksheet_version, value, saved_at FROM answers "
                     "LIMIT 1")
    conn.close()


def test_an_upgrade_that_would_break_a_foreign_key_is_said_in_spanish(home, capsys, spanish):
    """`upgrade` refuses in Spanish and the database keeps its old revision."""
    _release3_with_an_orphan(home)
    assert main(["upgrade"]) == 1
    assert capsys.readouterr().err == (
        "workshop: la actualización rompió una clave foránea; no se cambió nada\n")
    assert main(["session", "list"]) == 1  # opening it tries again: one line, no traceback
    assert capsys.readouterr().err == (
        "workshop: la actualización rompió una clave foránea; no se cambió nada\n")
    with sqlite3.connect(home / "workshop.sqlite") as conn:  # still as release 3 left it
        assert conn.execute("SELECT name FROM sqlite_master "
                            "WHERE name = 'alembic_version'").fetchall() == []
    conn.close()


def test_an_upgrade_that_would_break_a_foreign_key_stays_english_by_default(home, capsys):
    """With no language set it is the English sentence it always was."""
    _release3_with_an_orphan(home)
    assert main(["upgrade"]) == 1
    assert capsys.readouterr().err == (
        "workshop: the upgrade broke a foreign key; nothing was changed\n")


def _audit_refuses_rotation(home: Path) -> None:
    """A store whose audit trail refuses the rotation's line: the step after the commit
    fails, as a full disk or a lost connection would make it."""
    Store.open().engine.dispose()
    with sqlite3.connect(home / "workshop.sqlite") as conn:
        conn.execute("CREATE TRIGGER refuse BEFORE INSERT ON audit "
                     "WHEN NEW.action = 'rotate-key' BEGIN SELECT RAISE(ABORT, 'disk full'); END")
    conn.close()


def test_a_rotation_that_did_not_finish_is_said_in_spanish(home, capsys, spanish):
    """The data is under the new key, the key file already holds it: both files as they are,
    the database's own words after."""
    _audit_refuses_rotation(home)
    key_file = home / "workshop.key"
    assert main(["rotate-key"]) == 1
    assert capsys.readouterr().err == (
        "workshop: los datos ya están sellados con la clave nueva (en "
        f"{home / 'workshop.key.new'} o {key_file}), pero no se pudo terminar: disk full\n")
    Store.open().engine.dispose()  # the key file opens the data


def test_a_rotation_that_did_not_finish_with_workshop_key_is_said_in_spanish(
        home, capsys, monkeypatch, spanish):
    """With WORKSHOP_KEY the new key was printed above the error, which points to it."""
    from toolkit.store.crypto import new_key_text

    monkeypatch.setenv("WORKSHOP_KEY", new_key_text())
    _audit_refuses_rotation(home)
    assert main(["rotate-key"]) == 1
    out, err = capsys.readouterr()
    assert "WORKSHOP_KEY=" in out
    assert err == ("workshop: los datos ya están sellados con la clave nueva (la que se mostró "
                   "arriba), pero no se pudo terminar: disk full\n")


def test_a_rotation_that_did_not_finish_stays_english_by_default(home, capsys):
    """With no language set it is the English sentence it always was."""
    _audit_refuses_rotation(home)
    assert main(["rotate-key"]) == 1
    assert capsys.readouterr().err == (
        "workshop: the data is now sealed with the new key (in "
        f"{home / 'workshop.key.new'} or {home / 'workshop.key'}), but finishing failed: "
        "disk full\n")


def _version(env: dict[str, str]) -> str:
    """`workshop --version` as this checkout's interpreter runs it, told that the package is
    not installed (as when run from a checkout that never was)."""
    code = ("import importlib.metadata as m, sys\n"
            "def missing(name): raise m.PackageNotFoundError(name)\n"
            "m.version = missing\n"
            "from toolkit.cli import main\n"
            "sys.exit(main(['--version']))\n")
    done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True,
                          timeout=60, check=True)
    return done.stdout


def test_version_when_not_installed_is_said_in_spanish():
    """Spanish terminal: the version is unknown in Spanish; English by default."""
    import os

    env = {k: v for k, v in os.environ.items() if k not in LOCALE_VARIABLES}
    assert _version({**env, "LANG": "es_ES.UTF-8"}) == (
        "workshop versión desconocida (no está instalado)\n")
    assert _version(env) == "workshop unknown (not installed)\n"


# --- PostgreSQL's tools -----------------------------------------------------------------------

SECRET = "Ana 555-0143"
"""What a client wrote, in a row of the dump."""


def _dump_that_fails_to_restore(url: str, out: Path) -> None:
    """A real pg_dump (uncompressed) of a table holding `SECRET` as text, its column then made
    an integer in the dump itself: pg_restore's COPY of the row fails, and PostgreSQL's error
    quotes the row's value."""
    import sqlalchemy as sa

    from toolkit.store import pgdump
    from toolkit.store.database import make_engine

    engine = make_engine(url)
    with engine.begin() as conn:
        conn.execute(sa.text("CREATE TABLE notes (note character varying(40))"))
        conn.execute(sa.text("INSERT INTO notes VALUES (:v)"), {"v": SECRET})
    uri, env = pgdump.libpq(url)
    subprocess.run([pgdump.tool("pg_dump"), "--format=custom", "--compress=0", "--table=notes",
                    "--file", str(out), "--dbname", uri], env=env, check=True, timeout=120)
    with engine.begin() as conn:
        conn.execute(sa.text("DROP TABLE notes"))
    engine.dispose()
    data = out.read_bytes()
    text_type = b"character varying(40)"
    assert data.count(text_type) == 1
    out.write_bytes(data.replace(text_type, b"integer".ljust(len(text_type))))


@pytest.mark.stores("postgres")
def test_a_failing_pg_restore_is_said_in_spanish_without_the_data(store, database, capsys,
                                                                  tmp_path, spanish):
    """Our sentences in Spanish around pg_restore's own lines; the value PostgreSQL quotes
    from the row, and its CONTEXT line, are not repeated."""
    dump = tmp_path / "notas.dump"
    _dump_that_fails_to_restore(database, dump)
    assert main(["restore", str(dump)]) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"workshop: no se pudo revisar {dump}: pg_restore falló: pg_restore: ")
    assert err.count("\n") == 1
    assert "notes" in err  # what failed is still named
    assert "555" not in err and "Ana" not in err


@pytest.mark.stores("postgres")
def test_a_failing_pg_restore_stays_english_by_default(store, database, capsys, tmp_path):
    """With no language set our sentences are English; the data is left out there too."""
    dump = tmp_path / "notes.dump"
    _dump_that_fails_to_restore(database, dump)
    assert main(["restore", str(dump)]) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"workshop: {dump} could not be checked: pg_restore failed: "
                          "pg_restore: ")
    assert "555" not in err and "Ana" not in err


def _store_of_a_role_without_createdb(cluster, monkeypatch: pytest.MonkeyPatch) -> str:
    """A PostgreSQL store owned by a new role that may not create databases, as WORKSHOP_DB;
    returns the role's name."""
    import secrets

    role = f"sin_createdb_{secrets.token_hex(4)}"
    cluster.admin(f"CREATE ROLE {role} LOGIN NOCREATEDB")
    db = cluster.fresh_database(empty=True).rsplit("/", 1)[1]
    cluster.admin(f"ALTER DATABASE {db} OWNER TO {role}")
    netloc = cluster.url.split("@", 1)[1].rsplit("/", 1)[0]
    monkeypatch.setenv("WORKSHOP_DB", f"postgresql://{role}@{netloc}/{db}")
    Store.open().engine.dispose()
    return role


@pytest.mark.postgres
def test_a_role_that_cannot_check_a_backup_is_said_in_spanish(home, pg_cluster, monkeypatch,
                                                              capsys, tmp_path, spanish):
    """A backup is checked in a scratch database this role may not create: the refusal and
    the fix in Spanish, the role and the SQL to run as they are."""
    role = _store_of_a_role_without_createdb(pg_cluster, monkeypatch)
    out = tmp_path / "copia.dump"
    assert main(["backup", "-o", str(out)]) == 1
    err = capsys.readouterr().err
    assert err.startswith(
        f"workshop: no se pudo revisar {tmp_path / '.copia.dump.partial'}: para revisar una copia "
        "de seguridad se restaura en una base de datos temporal, y este rol de la base de datos "
        "no puede crearla (")
    assert err.endswith(f"); dele el permiso con ALTER ROLE {role} CREATEDB\n")


@pytest.mark.postgres
def test_a_role_that_cannot_check_a_backup_stays_english_by_default(home, pg_cluster,
                                                                    monkeypatch, capsys,
                                                                    tmp_path):
    """With no language set it is the English sentence it always was."""
    role = _store_of_a_role_without_createdb(pg_cluster, monkeypatch)
    assert main(["backup", "-o", str(tmp_path / "copy.dump")]) == 1
    err = capsys.readouterr().err
    assert "checking a backup restores it into a scratch database, which this database role " \
           "may not create (" in err
    assert err.endswith(f"); give it the right with ALTER ROLE {role} CREATEDB\n")
