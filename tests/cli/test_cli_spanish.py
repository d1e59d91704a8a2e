"""The `workshop` commands speak the terminal's language (LANGUAGE, LC_ALL, LC_MESSAGES, LANG,
as gettext reads them): a Spanish-speaking counselor reads every line in Spanish, around the
same ids, paths, URLs, join codes, commands and options; with no Spanish set they stay English."""

from __future__ import annotations

import io
import re
import sys
from pathlib import Path

import pytest

from toolkit.cli import main
from toolkit.cli.language import LOCALE_VARIABLES
from toolkit.store.store import Store

CODE = re.compile(r"^  ([2-9A-Z]{3}-[2-9A-Z]{3}-[2-9A-Z]{3})$", re.M)


@pytest.fixture
def spanish(monkeypatch: pytest.MonkeyPatch) -> None:
    """A counselor's terminal in Spanish from Spain's locale (es_ES), still Spanish."""
    for name in LOCALE_VARIABLES:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "es_ES.UTF-8")


def _new(capsys, *args: str) -> tuple[str, str]:
    """Run `session new` and return the session's id and what it printed."""
    assert main(["session", "new", *args]) == 0
    out = capsys.readouterr().out
    return Store.open().sessions()[-1].id, out


def test_session_new_in_spanish(home, capsys, spanish):
    """The session's line, its worksheets, its join codes and the next command, in Spanish."""
    sid, out = _new(capsys, "Grupo del martes", "--participants", "3", "--worksheets",
                    "mspss,barc-10")
    lines = out.splitlines()
    assert re.fullmatch(rf'sesión {sid} "Grupo del martes": 3 participantes, primera reunión '
                        r"el \d{4}-\d\d-\d\d", lines[0])
    assert lines[1:3] == ["hojas de trabajo: mspss, barc-10", "códigos de acceso:"]
    assert len(CODE.findall(out)) == 3
    assert lines[-1] == (f"imprima las tarjetas de acceso con: workshop cards --session {sid} "
                         "-o cards.pdf")


def test_one_participant_is_singular(home, capsys, spanish):
    """One join code: "1 participante"."""
    _, out = _new(capsys, "G", "--participants", "1", "--worksheets", "mspss")
    assert ": 1 participante, primera reunión el " in out


def test_session_list_with_no_sessions_in_spanish(home, capsys, spanish):
    """No sessions: the way to make one, its command and options as typed."""
    assert main(["session", "list"]) == 0
    assert capsys.readouterr().out == (
        "todavía no hay sesiones; cree una con `workshop session new NOMBRE --participants N`\n")


def test_session_list_headers_in_spanish(home, capsys, spanish):
    """The table's columns are named in Spanish; the row keeps its id and name."""
    sid, _ = _new(capsys, "Grupo", "--participants", "2", "--worksheets", "mspss")
    assert main(["session", "list"]) == 0
    head, row = capsys.readouterr().out.splitlines()
    assert head.split() == ["id", "nombre", "creada", "participantes", "hojas", "de", "trabajo"]
    assert row.startswith(f"{sid}  Grupo ")


def test_a_wrong_session_id_is_said_in_spanish(home, capsys, spanish):
    """The error keeps `workshop: `, the id as typed and the command that lists sessions."""
    for args in (["session", "show", "s-nope"], ["session", "meeting", "s-nope"],
                 ["export", "--session", "s-nope", "-o", "out"]):
        assert main(args) == 1
        assert capsys.readouterr().err == (
            "workshop: no hay ninguna sesión 's-nope'; `workshop session list` muestra las "
            "sesiones\n")


def test_session_new_errors_in_spanish(home, capsys, spanish):
    """Out-of-range counts and unknown worksheets keep the option and the ids as typed."""
    assert main(["session", "new", "G", "--participants", "31"]) == 1
    assert capsys.readouterr().err == (
        "workshop: --participants debe ser de 1 a 30 (usted escribió 31); para un grupo más "
        "grande, cree dos sesiones\n")
    assert main(["session", "new", "G", "--participants", "2", "--worksheets", "mspsss"]) == 1
    assert capsys.readouterr().err.startswith(
        "workshop: no existe la hoja de trabajo 'mspsss'; las hojas de trabajo que hay son: ")


def test_session_show_in_spanish(home, capsys, spanish):
    """Labels in Spanish, lined up; the values (id, name, dates, ids, codes) as stored."""
    sid, _ = _new(capsys, "Grupo", "--participants", "2", "--worksheets", "mspss")
    assert main(["session", "show", sid]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == f"sesión:           {sid}"
    assert lines[1] == "nombre:           Grupo"
    assert lines[4] == "hojas de trabajo: mspss"
    assert lines[5] == "participantes:    2"
    assert lines[6] == "códigos de acceso:"


def test_meeting_in_spanish(home, capsys, spanish):
    """A recorded meeting and a badly written date, in Spanish."""
    sid, _ = _new(capsys, "G", "--participants", "1", "--worksheets", "mspss")
    assert main(["session", "meeting", sid, "--date", "2026-02-03"]) == 0
    assert capsys.readouterr().out == f"reunión del 2026-02-03 registrada en la sesión {sid}\n"
    assert main(["session", "meeting", sid, "--date", "3/2/2026"]) == 1
    assert capsys.readouterr().err == (
        "workshop: --date debe tener la forma 2026-01-31 (usted escribió '3/2/2026')\n")


def test_cards_in_spanish(home, capsys, tmp_path, spanish):
    """How many cards and pages went where, and the this-computer-only note, in Spanish."""
    sid, _ = _new(capsys, "G", "--participants", "3", "--worksheets", "mspss")
    pdf = tmp_path / "cards.pdf"
    assert main(["cards", "--session", sid, "-o", str(pdf)]) == 0
    out, err = capsys.readouterr()
    assert out == f"3 tarjetas de acceso (1 página, 8 por página) guardadas en {pdf}\n"
    assert err.startswith("nota: las tarjetas llevan a http://127.0.0.1:8866/, que solo se "
                          "abre en esta computadora; para los teléfonos, use --url https://")


def test_tls_init_and_show_in_spanish(home, capsys, spanish):
    """The certificates' labels, the serve command and the plain-words trust steps in Spanish,
    around the same paths, URL and fingerprint."""
    from toolkit.serve.certs import read_cert

    assert main(["tls", "init", "--host", "192.168.1.20"]) == 0
    out = capsys.readouterr().out
    folder = home / "tls"
    ca = read_cert(folder / "clinic-ca.crt")
    assert f"Autoridad (cada dispositivo tiene que confiar en ella una vez): {folder}" in out
    assert f"  clave:        {folder / 'clinic-ca.key'} (solo usted puede leerla" in out
    assert ("Inicie el servidor con él:\n  workshop serve --host 192.168.1.20 --certfile "
            f"{folder / 'server.crt'} --keyfile {folder / 'server.key'}\n") in out
    assert ("  1. En el dispositivo, conectado al wifi de la clínica, escanee este código o abra "
            "http://192.168.1.20:8868/ y toque Descargar.") in out
    assert "Certificado de CA > Instalar de todos modos" in out
    assert "Ajustes de confianza de certificados" in out
    assert f"compruebe que sea {ca.sha256}." in out
    assert "█" in out  # the QR code
    for english_word in ("Authority", "Settings", "trust", "Serve", "days left", "Download"):
        assert english_word not in out
    assert main(["tls", "show"]) == 0
    out = capsys.readouterr().out
    assert out.count("  SHA-256:      ") == 2 and out.count("  válido:       del ") == 2
    assert "Certificado del servidor: " in out and "días)" in out


def test_no_certificate_in_spanish(home, capsys, spanish):
    """`tls show` before `tls init`: the folder and the command as typed."""
    assert main(["tls", "show"]) == 1
    assert capsys.readouterr().err == (
        f"workshop: no hay ningún certificado en {home / 'tls'}; cree uno con "
        "`workshop tls init`\n")


def test_the_same_commands_stay_english_by_default(home, capsys, tmp_path):
    """With no language set the lines are the English ones programs and people already read."""
    assert main(["session", "list"]) == 0
    assert capsys.readouterr().out == (
        "no sessions yet; make one with `workshop session new NAME --participants N`\n")
    sid, out = _new(capsys, "G", "--participants", "3", "--worksheets", "mspss")
    assert re.match(rf'session {sid} "G": 3 participants, first meeting ', out)
    assert "\nworksheets: mspss\njoin codes:\n" in out
    assert main(["session", "show", "s-nope"]) == 1
    assert capsys.readouterr().err == (
        "workshop: no session 's-nope'; `workshop session list` shows the sessions\n")
    assert main(["session", "show", sid]) == 0
    assert capsys.readouterr().out.startswith(f"session:      {sid}\nname:         G\n")
    pdf = tmp_path / "cards.pdf"
    assert main(["cards", "--session", sid, "-o", str(pdf)]) == 0
    assert capsys.readouterr().out == f"3 join cards (1 page, 8 a page) written to {pdf}\n"
    assert main(["tls", "init"]) == 0
    out = capsys.readouterr().out
    assert "  subject:     " in out and "Serve with it:\n" in out
    assert "Each tablet and phone trusts this clinic's authority once" in out


def test_audit_forget_and_upgrade_in_spanish(home, capsys, spanish):
    """The empty audit log, an unknown join code and an up-to-date database, in Spanish."""
    assert main(["audit"]) == 0
    assert capsys.readouterr().out == "el registro de auditoría está vacío\n"
    assert main(["forget", "--participant", "ABC-DEF-GHJ", "--yes"]) == 1
    assert capsys.readouterr().err == (
        "workshop: nadie tiene ese código de acceso; revíselo (`workshop session show ID` "
        "muestra los códigos de una sesión)\n")
    assert main(["upgrade"]) == 0
    assert capsys.readouterr().out == "la base de datos está al día; no hay nada que hacer\n"


def test_audit_table_headers_in_spanish(home, capsys, spanish):
    """The table's columns are Spanish words; its lines stay the stored ids."""
    sid, _ = _new(capsys, "G", "--participants", "1", "--worksheets", "mspss")
    assert main(["audit"]) == 0
    head, line = capsys.readouterr().out.splitlines()
    assert head.split() == ["hora", "quién", "acción", "sobre", "detalle"]
    assert f"cli    session new  session {sid}" in line


def test_forget_asks_in_spanish_and_takes_a_spanish_yes(home, capsys, monkeypatch, spanish):
    """The plan and the question are Spanish, `[s/N]`; a typed "s" forgets."""
    sid, out = _new(capsys, "G", "--participants", "1", "--worksheets", "mspss")
    [code] = CODE.findall(out)
    [person] = Store.open().participants(sid)
    monkeypatch.setattr("sys.stdin", io.StringIO("s\n"))
    assert main(["forget", "--participant", code]) == 0
    out = capsys.readouterr().out
    assert out.startswith(f"esto borra para siempre a participante {person.id} de la sesión "
                          f"{sid}: 0 versiones de respuestas, su consentimiento y su código de "
                          "acceso, y 0 archivos exportados que tienen sus respuestas\n")
    assert f"¿Borrar para siempre a participante {person.id}? [s/N] " in out
    assert code not in out
    assert Store.open().participant_by_code(code) is None


def test_print_errors_in_spanish(home, capsys, spanish):
    """An unknown worksheet and an unknown join code keep the id and code as typed."""
    assert main(["pdf", "mspsss", "--blank"]) == 1
    assert capsys.readouterr().err.startswith(
        "workshop: no existe la hoja de trabajo 'mspsss'; las hojas de trabajo que hay son: ")
    assert main(["card", "--participant", "ABC-DEF-GHJ", "-o", "card.pdf"]) == 1
    assert capsys.readouterr().err == (
        "workshop: nadie tiene el código de acceso 'ABC-DEF-GHJ'; revise el código (`workshop "
        "demo` muestra los códigos de demostración)\n")


def test_serve_and_studio_errors_in_spanish(home, capsys, tmp_path, spanish):
    """An unknown session for `serve` and a missing file for `studio`, in Spanish."""
    assert main(["serve", "--session", "s-nope"]) == 1
    assert capsys.readouterr().err == (
        "no hay ninguna sesión 's-nope' (sesiones que hay: ninguna todavía); cree una con "
        "`workshop session new`\n")
    missing = tmp_path / "nada.yaml"
    assert main(["studio", str(missing)]) == 1
    assert capsys.readouterr().err == (
        f"workshop: {missing}: no existe ese archivo de hoja de trabajo\n")


def test_the_demo_banner_in_spanish_keeps_its_machine_read_lines(home, monkeypatch, spanish):
    """The banner's words are Spanish; each code's link and the `Client app: ` line (what
    scripts and tests read) stay as they are."""
    shown: dict[str, str] = {}
    monkeypatch.setattr("toolkit.cli.serving.serve",
                        lambda *args, banner, **kwargs: shown.update(banner=banner))
    assert main(["demo", "--port", "8899"]) == 0
    lines = shown["banner"].splitlines()
    assert re.fullmatch(r"Grupo de demostración '.+' \(s-[0-9a-f]{8}\), \d+ códigos de acceso:",
                        lines[0])
    codes = [line.split()[0] for line in lines[1:] if line.startswith("  ")]
    assert codes and all(f"  {c}   http://127.0.0.1:8899/?code={c}" in lines for c in codes)
    assert "Client app: http://127.0.0.1:8899/" in lines
    assert f"Carpeta de datos: {home}" in lines
    assert lines[-1] == "Oprima Ctrl+C para detener el servidor."


def _bad_files(home, tmp_path) -> tuple[Path, Path, Path, Path]:
    """`tls init` twice: the certificate now, the key of the first one, a file that is not a
    certificate, and a certificate that is not there."""
    assert main(["tls", "init"]) == 0
    folder = home / "tls"
    old_key = tmp_path / "old.key"
    old_key.write_bytes((folder / "server.key").read_bytes())
    assert main(["tls", "init"]) == 0
    junk = tmp_path / "junk.crt"
    junk.write_text("hello")
    return folder / "server.crt", old_key, junk, tmp_path / "nope.crt"


def _serve_error(capsys, cert: Path, key: Path) -> str:
    """`workshop serve` with these files: it fails before anything listens, with one line."""
    capsys.readouterr()
    assert main(["serve", "--port", "1", "--certfile", str(cert), "--keyfile", str(key)]) == 1
    return capsys.readouterr().err


def test_a_bad_certificate_is_said_in_spanish(home, capsys, tmp_path, spanish):
    """A key that does not match, a file that is not a certificate, a missing one: one
    Spanish line naming the files as typed."""
    cert, old_key, junk, missing = _bad_files(home, tmp_path)
    assert _serve_error(capsys, cert, old_key) == (
        f"workshop: la clave {old_key} no corresponde al certificado {cert}; use la clave que "
        "se creó junto con ese certificado\n")
    assert _serve_error(capsys, junk, old_key) == (
        f"workshop: certificado {junk}: no es un certificado PEM (debe empezar con "
        "-----BEGIN CERTIFICATE-----)\n")
    assert _serve_error(capsys, missing, old_key) == (
        f"workshop: certificado {missing}: no existe ese archivo; cree uno con "
        "`workshop tls init`\n")
    assert main(["tls", "show", "--certfile", str(junk)]) == 1
    assert capsys.readouterr().err.startswith(f"workshop: certificado {junk}: no es un ")


def test_a_bad_setting_is_said_in_spanish(home, capsys, monkeypatch, spanish):
    """A setting that cannot be used: the variable and what was typed, the rest in Spanish."""
    monkeypatch.setenv("WORKSHOP_DB", "/data/w.sqlite")
    assert main(["session", "list"]) == 1
    assert capsys.readouterr().err == (
        "workshop: WORKSHOP_DB debe ser una URL de SQLAlchemy, como "
        "sqlite:///path/to/file.sqlite (usted escribió '/data/w.sqlite')\n")
    monkeypatch.delenv("WORKSHOP_DB")
    monkeypatch.setenv("WORKSHOP_CONSENT_FILE", str(home / "aviso.md"))
    assert main(["session", "list"]) == 1
    assert capsys.readouterr().err == (
        f"workshop: WORKSHOP_CONSENT_FILE: no se encuentra {home / 'aviso.md'}; escriba el "
        "aviso en ese archivo o quite la variable para usar el aviso incluido\n")


def test_bad_certificates_and_settings_stay_english_by_default(home, capsys, tmp_path,
                                                               monkeypatch):
    """With no language set the same errors are the English sentences logs already hold."""
    cert, old_key, junk, _ = _bad_files(home, tmp_path)
    assert _serve_error(capsys, cert, old_key) == (
        f"workshop: key {old_key} does not match certificate {cert}; give the key that was "
        "made with that certificate\n")
    assert _serve_error(capsys, junk, old_key) == (
        f"workshop: certificate {junk}: not a PEM certificate (it should start with "
        "-----BEGIN CERTIFICATE-----)\n")
    monkeypatch.setenv("WORKSHOP_DB", "/data/w.sqlite")
    assert main(["session", "list"]) == 1
    assert capsys.readouterr().err == (
        "workshop: WORKSHOP_DB must be a SQLAlchemy URL such as sqlite:///path/to/file.sqlite "
        "(got '/data/w.sqlite')\n")


NEW_KEY = 'python -c "import base64,os;print(base64.urlsafe_b64encode(os.urandom(32)).decode())"'


def test_a_bad_key_is_said_in_spanish(home, capsys, monkeypatch, spanish):
    """A malformed WORKSHOP_KEY and a key file others can read: the variable, the file and the
    commands as typed, the rest in Spanish."""
    monkeypatch.setenv("WORKSHOP_KEY", "nope")
    assert main(["session", "list"]) == 1
    assert capsys.readouterr().err == (
        "workshop: WORKSHOP_KEY debe contener una clave AES-256 en base64 (32 bytes); cree una "
        f"con: {NEW_KEY}\n")
    monkeypatch.delenv("WORKSHOP_KEY")
    assert main(["session", "list"]) == 0
    key_file = home / "workshop.key"
    key_file.chmod(0o644)
    capsys.readouterr()
    assert main(["session", "list"]) == 1
    assert capsys.readouterr().err == (
        f"workshop: otros usuarios pueden leer el archivo de clave {key_file}; ejecute: "
        f"chmod 600 {key_file}\n")


def test_a_bad_key_stays_english_by_default(home, capsys, monkeypatch):
    """With no language set the key's error is the English sentence it always was."""
    monkeypatch.setenv("WORKSHOP_KEY", "nope")
    assert main(["session", "list"]) == 1
    assert capsys.readouterr().err == (
        "workshop: WORKSHOP_KEY must hold a base64 AES-256 key (32 bytes); make one with: "
        f"{NEW_KEY}\n")


def _not_a_backup(tmp_path) -> Path:
    """A store with its key, and a SQLite file with none of the workshop's tables."""
    import sqlite3

    Store.open()

    path = tmp_path / "otra.sqlite"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE notas (texto TEXT)")
    conn.close()
    return path


def test_a_file_that_is_not_a_backup_is_said_in_spanish(home, capsys, tmp_path, spanish):
    """`restore` of another SQLite file: the file as typed, what is wrong in Spanish."""
    path = _not_a_backup(tmp_path)
    assert main(["restore", str(path)]) == 1
    assert capsys.readouterr().err == (
        f"workshop: {path} no es una copia de seguridad del taller (le faltan tablas)\n")


def test_a_file_that_is_not_a_backup_stays_english_by_default(home, capsys, tmp_path):
    """With no language set it is the English sentence it always was."""
    path = _not_a_backup(tmp_path)
    assert main(["restore", str(path)]) == 1
    assert capsys.readouterr().err == (
        f"workshop: {path} is not a workshop backup (tables missing)\n")


def test_a_short_passphrase_is_said_in_spanish(home, capsys, monkeypatch, spanish):
    """Too short: how long it must be and how long it was, with a Spanish example."""
    monkeypatch.setattr("sys.stdin", io.StringIO("corta\n"))
    assert main(["facilitator", "set-passphrase", "--stdin"]) == 1
    assert capsys.readouterr().err == (
        "workshop: la frase de acceso debe tener al menos 10 caracteres (la suya tiene 5); unas "
        "cuantas palabras comunes con espacios hacen una buena frase, por ejemplo 'tetera azul "
        "el domingo'; no se cambió nada\n")


def test_a_short_passphrase_stays_english_by_default(home, capsys, monkeypatch):
    """With no language set it is the English sentence it always was."""
    monkeypatch.setattr("sys.stdin", io.StringIO("short\n"))
    assert main(["facilitator", "set-passphrase", "--stdin"]) == 1
    assert capsys.readouterr().err == (
        "workshop: the passphrase must be at least 10 characters (got 5); a few ordinary words "
        "with spaces make a good one, e.g. 'blue kettle on sunday'; nothing was changed\n")


def _backup_with_another_key(tmp_path) -> Path:
    """A backup of another data folder, sealed with that folder's own key."""
    from toolkit.settings.config import Config
    from toolkit.store.backup import backup

    other = Config.from_env({"WORKSHOP_HOME": str(tmp_path / "otra")})
    Store.open(other).create_session("Otro grupo", ["mspss"], 1)
    return backup(other, tmp_path / "otra.sqlite").path


def test_a_backup_with_another_key_is_said_in_spanish(home, capsys, monkeypatch, tmp_path,
                                                      spanish):
    """`restore` of a backup sealed with another key: the file and where this key comes from
    (the key file, or WORKSHOP_KEY) as typed, the rest in Spanish."""
    from toolkit.store.crypto import new_key_text

    path = _backup_with_another_key(tmp_path)
    Store.open()
    assert main(["restore", str(path)]) == 1
    assert capsys.readouterr().err == (
        f"workshop: la copia de seguridad {path} se selló con otra clave, no con el archivo de "
        f"clave {home / 'workshop.key'}; no se cambió nada. Restáurela con la clave con la que "
        "se hizo (ponga ese archivo de clave en su lugar o defina WORKSHOP_KEY con esa clave)\n")
    monkeypatch.setenv("WORKSHOP_KEY", new_key_text())
    assert main(["restore", str(path)]) == 1
    assert "se selló con otra clave, no con WORKSHOP_KEY (variable de entorno); no se cambió " \
        "nada." in capsys.readouterr().err


def test_a_backup_with_another_key_stays_english_by_default(home, capsys, tmp_path):
    """With no language set it is the English sentence it always was."""
    path = _backup_with_another_key(tmp_path)
    Store.open()
    assert main(["restore", str(path)]) == 1
    assert capsys.readouterr().err == (
        f"workshop: the backup {path} was sealed with another key than the key file "
        f"{home / 'workshop.key'}; nothing was changed. Restore it with the key it was made with "
        "(put that key file in place or set WORKSHOP_KEY to it)\n")


def test_backup_files_that_cannot_be_used_are_said_in_spanish(home, capsys, tmp_path, spanish):
    """No such file, a PostgreSQL dump into a SQLite store, the database itself as the backup
    or as the file to restore: each file as typed, the rest in Spanish."""
    Store.open()
    db = home / "workshop.sqlite"
    dump = tmp_path / "grupo.dump"
    dump.write_bytes(b"PGDMP" + bytes(20))
    cases = [
        (["restore", str(tmp_path / "nada.sqlite")],
         f"no existe el archivo de copia de seguridad {tmp_path / 'nada.sqlite'}"),
        (["restore", str(dump)],
         f"{dump} es una copia de seguridad de PostgreSQL (pg_dump); se restaura en una base de "
         "datos PostgreSQL (WORKSHOP_DB=postgresql://...)"),
        (["backup", "-o", str(db)],
         f"{db} es la base de datos misma o uno de sus archivos; elija otro nombre"),
        (["restore", str(db)], f"{db} es la base de datos en uso"),
    ]
    for args, line in cases:
        assert main(args) == 1
        assert capsys.readouterr().err == f"workshop: {line}\n"


def test_backup_files_stay_english_by_default(home, capsys, tmp_path):
    """With no language set they are the English sentences they always were."""
    Store.open()
    assert main(["restore", str(tmp_path / "nada.sqlite")]) == 1
    assert capsys.readouterr().err == f"workshop: no backup file {tmp_path / 'nada.sqlite'}\n"
    db = home / "workshop.sqlite"
    assert main(["restore", str(db)]) == 1
    assert capsys.readouterr().err == f"workshop: {db} is the live database itself\n"


def test_a_postgresql_restore_of_the_wrong_file_is_said_in_spanish(home, capsys, monkeypatch,
                                                                   tmp_path, spanish):
    """Into a PostgreSQL store (refused before it connects): no such dump, and a SQLite file
    given instead of a dump."""
    Store.open()  # the key file
    monkeypatch.setenv("WORKSHOP_DB", "postgresql://nadie@127.0.0.1:1/ninguna")
    assert main(["restore", str(tmp_path / "nada.dump")]) == 1
    assert capsys.readouterr().err == (
        f"workshop: no existe el archivo de copia de seguridad {tmp_path / 'nada.dump'}\n")
    sqlite = home / "workshop.sqlite"
    assert main(["restore", str(sqlite)]) == 1
    assert capsys.readouterr().err == (
        f"workshop: {sqlite} no es una copia de seguridad de PostgreSQL (formato personalizado "
        "de pg_dump); una copia de SQLite se restaura en una base de datos SQLite\n")


def test_an_unsupported_database_is_said_in_spanish(home, capsys, monkeypatch, spanish):
    """Another database, another PostgreSQL driver, no psycopg: the variable, the database and
    the driver as typed, the rest in Spanish; `backup` says the same."""
    monkeypatch.setenv("WORKSHOP_DB", "mysql://ana@db.clinica.org/taller")
    line = ("workshop: WORKSHOP_DB: mysql no es compatible; el programa está probado con SQLite "
            "(sqlite:///path/to/file.sqlite) y con PostgreSQL 15 o más reciente "
            "(postgresql://user@host/dbname)\n")
    assert main(["session", "list"]) == 1
    assert capsys.readouterr().err == line
    assert main(["backup", "-o", "copia.sqlite"]) == 1
    assert capsys.readouterr().err == line
    monkeypatch.setenv("WORKSHOP_DB", "postgresql+asyncpg://ana@db.clinica.org/taller")
    assert main(["session", "list"]) == 1
    assert capsys.readouterr().err == (
        "workshop: WORKSHOP_DB: el controlador asyncpg no es compatible; use "
        "postgresql://... (psycopg 3)\n")
    monkeypatch.setenv("WORKSHOP_DB", "postgresql://ana@db.clinica.org/taller")
    monkeypatch.setitem(sys.modules, "psycopg", None)  # as if it were not installed
    assert main(["session", "list"]) == 1
    assert capsys.readouterr().err == (
        "workshop: WORKSHOP_DB es una base de datos PostgreSQL, pero su controlador no está "
        "instalado: pip install 'workshop-toolkit[postgres]'\n")


def test_an_unsupported_database_stays_english_by_default(home, capsys, monkeypatch):
    """With no language set it is the English sentence it always was."""
    monkeypatch.setenv("WORKSHOP_DB", "mysql://ana@db.clinica.org/taller")
    assert main(["session", "list"]) == 1
    assert capsys.readouterr().err == (
        "workshop: WORKSHOP_DB: mysql is not supported; the toolkit is tested on SQLite "
        "(sqlite:///path/to/file.sqlite) and PostgreSQL 15 or later "
        "(postgresql://user@host/dbname)\n")


def _interrupted_rotation(home) -> Path:
    """A store whose key file now holds another key, with the new key a rotation left."""
    from toolkit.store.crypto import new_key_text, write_key_file

    Store.open()
    key_file = home / "workshop.key"
    pending = home / "workshop.key.new"
    write_key_file(pending, new_key_text())
    key_file.unlink()
    write_key_file(key_file, new_key_text())
    return pending


def test_an_interrupted_rotation_is_said_in_spanish(home, capsys, spanish):
    """A key that does not open the data, with a rotation's new key beside it: both sentences
    in Spanish, the file and the command as typed."""
    pending = _interrupted_rotation(home)
    assert main(["session", "list"]) == 1
    assert capsys.readouterr().err == (
        "workshop: las respuestas guardadas no se pueden abrir con esta clave: revise "
        "WORKSHOP_KEY o el archivo de clave (tienen que ser los mismos con los que se guardaron "
        f"los datos); un `workshop rotate-key` se interrumpió y dejó la clave nueva en {pending}: "
        "ejecute `workshop rotate-key` otra vez para terminarlo\n")


def test_an_interrupted_rotation_stays_english_by_default(home, capsys):
    """With no language set it is the English sentence it always was."""
    pending = _interrupted_rotation(home)
    assert main(["session", "list"]) == 1
    assert capsys.readouterr().err.endswith(
        f"; a `workshop rotate-key` was interrupted and left the new key in {pending}: run "
        "`workshop rotate-key` again to finish it\n")


def test_a_failed_key_check_says_it_in_spanish():
    """The key check's own error: English as str(), Spanish when said in Spanish."""
    from toolkit.store.crypto import Cipher, CryptoKeyError, decode_key, new_key_text
    from toolkit.store.sealing import verify_key_check

    with pytest.raises(CryptoKeyError) as caught:
        verify_key_check(Cipher(decode_key(new_key_text(), "WORKSHOP_KEY")), None)
    assert str(caught.value) == "key check failed"
    assert caught.value.say("es") == "la clave no pasó la comprobación"


@pytest.mark.stores("postgres")
def test_a_dump_that_cannot_be_checked_is_said_in_spanish(store, capsys, tmp_path, spanish):
    """A damaged pg_dump file into a PostgreSQL store: the file as typed and the refusal in
    Spanish, then what pg_restore said (its own words)."""
    dump = tmp_path / "dañada.dump"
    dump.write_bytes(b"PGDMP" + bytes(200))
    assert main(["restore", str(dump)]) == 1
    assert capsys.readouterr().err.startswith(
        f"workshop: no se pudo revisar {dump}: pg_restore ")
