"""`workshop tls init` / `tls show`, and how `workshop serve` and `demo` treat certificates and
addresses before anything listens: plain HTTP refused off loopback, a bad certificate or key
named in one line."""

from __future__ import annotations

import datetime as dt
import stat
import time
from pathlib import Path

import pytest

from toolkit.cli import main


def _init(home: Path, *hosts: str) -> Path:
    args = ["tls", "init"]
    for host in hosts:
        args += ["--host", host]
    assert main(args) == 0
    return home / "tls"


def test_init_makes_an_authority_and_a_certificate_for_the_given_names(home, capsys) -> None:
    """The certificate covers the LAN address and name asked for, plus loopback; keys are
    owner-only; the output says how to serve and how devices trust the authority."""
    from toolkit.serve.certs import read_cert

    folder = _init(home, "192.168.1.20", "clinic.lan")
    out = capsys.readouterr().out
    cert = read_cert(folder / "server.crt")
    assert {"192.168.1.20", "clinic.lan", "127.0.0.1", "localhost"} <= set(cert.names)
    assert read_cert(folder / "clinic-ca.crt").is_authority and not cert.is_authority
    for key in ("server.key", "clinic-ca.key"):
        assert stat.S_IMODE((folder / key).stat().st_mode) == 0o600
    assert f"--certfile {folder / 'server.crt'} --keyfile {folder / 'server.key'}" in out
    assert "http://192.168.1.20:8868/" in out and "█" in out  # the link and its QR code
    assert "Certificate Trust Settings" in out and "CA certificate" in out


def test_a_second_init_keeps_the_authority_devices_already_trust(home, capsys) -> None:
    """Devices trust the authority once: a new server certificate does not replace it."""
    folder = _init(home, "192.168.1.20")
    authority = (folder / "clinic-ca.crt").read_bytes()
    _init(home, "192.168.1.21")
    assert (folder / "clinic-ca.crt").read_bytes() == authority


def test_show_prints_expiry_and_fingerprints(home, capsys) -> None:
    """Both certificates, each with its dates and SHA-256 fingerprint."""
    _init(home)
    capsys.readouterr()
    assert main(["tls", "show"]) == 0
    out = capsys.readouterr().out
    assert out.count("SHA-256:") == 2 and out.count("days left") == 2


def test_show_warns_30_days_before_expiry(home, capsys) -> None:
    """A certificate with under 30 days left gets a warning naming its file."""
    from toolkit.serve.tls import SERVER_DAYS, init_tls, tls_files

    files = tls_files(home)
    init_tls(files, ["127.0.0.1"],
             now=dt.datetime.now(dt.UTC) - dt.timedelta(days=SERVER_DAYS - 20))
    assert main(["tls", "show"]) == 0
    out = capsys.readouterr().out
    assert f"Warning: the server's certificate {files.cert} expires in 19 days" in out


@pytest.mark.parametrize("command", ["serve", "demo"])
@pytest.mark.parametrize("host", ["0.0.0.0", "192.168.1.20"])
def test_plain_http_off_loopback_is_refused_with_how_to_turn_tls_on(home, capsys, command,
                                                                    host) -> None:
    """Exit 1 before anything listens; the one line says why and what to run."""
    assert main([command, "--host", host, "--port", "1"]) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"workshop: refusing to serve plain HTTP on {host}")
    assert "workshop tls init" in err and "--allow-plain-http" in err
    assert err.count("\n") == 1
    assert not (home / "workshop.sqlite").exists()  # nothing made, nothing served


def _serve_error(capsys, cert: Path, key: Path) -> str:
    assert main(["serve", "--port", "1", "--certfile", str(cert), "--keyfile", str(key)]) == 1
    err = capsys.readouterr().err
    assert err.startswith("workshop: ") and err.count("\n") == 1
    return err


def test_a_missing_or_unreadable_certificate_is_named(home, capsys) -> None:
    """No such file, a folder, or not PEM: the file and what is wrong, in one line."""
    folder = _init(home)
    key = folder / "server.key"
    err = _serve_error(capsys, home / "nope.crt", key)
    assert f"{home / 'nope.crt'}: no such file" in err
    assert f"{folder}: is a folder" in _serve_error(capsys, folder, key)
    junk = home / "junk.crt"
    junk.write_text("hello")
    assert f"{junk}: not a PEM certificate" in _serve_error(capsys, junk, key)


def test_an_expired_certificate_is_refused(home, capsys) -> None:
    """Expired: the file, the day it expired and how to make a new one."""
    from toolkit.serve.tls import SERVER_DAYS, init_tls, tls_files

    files = tls_files(home)
    init_tls(files, ["127.0.0.1"],
             now=dt.datetime.now(dt.UTC) - dt.timedelta(days=SERVER_DAYS + 5))
    err = _serve_error(capsys, files.cert, files.key)
    assert f"certificate {files.cert}: expired on" in err and "workshop tls init" in err


def test_a_key_from_another_certificate_is_refused(home, capsys, tmp_path) -> None:
    """The key of an earlier certificate does not match the new one: both files named."""
    folder = _init(home)
    old_key = tmp_path / "old.key"
    old_key.write_bytes((folder / "server.key").read_bytes())
    _init(home)
    err = _serve_error(capsys, folder / "server.crt", old_key)
    assert f"key {old_key} does not match certificate {folder / 'server.crt'}" in err
    junk = tmp_path / "junk.key"
    junk.write_text("-----BEGIN PRIVATE KEY-----\nnope\n")
    assert f"key {junk}: not a PEM private key" in _serve_error(capsys, folder / "server.crt",
                                                                junk)


def test_certfile_without_keyfile_is_refused(home, capsys) -> None:
    """Both or neither."""
    folder = _init(home)
    assert main(["serve", "--certfile", str(folder / "server.crt")]) == 1
    assert "--certfile and --keyfile together" in capsys.readouterr().err


def test_the_private_keys_stay_out_of_a_backup(home, capsys, tmp_path) -> None:
    """`workshop backup` copies the database only: no private key travels with it."""
    folder = _init(home)
    out = tmp_path / "backup.sqlite"
    assert main(["backup", "-o", str(out)]) == 0
    data = out.read_bytes()
    for key in ("server.key", "clinic-ca.key"):
        body = (folder / key).read_text().splitlines()[1]  # a line of the key itself
        assert body.encode() not in data


@pytest.mark.parametrize("command", ["serve", "demo"])
def test_a_plain_or_malformed_public_url_is_refused(home, capsys, command) -> None:
    """--public-url must be the https address phones open (plain http only if allowed):
    one line, exit 1, nothing made."""
    for url, says in (("http://workshop.clinic.org/g/s-1/", "is plain http"),
                      ("ftp://workshop.clinic.org/", "must look like")):
        assert main([command, "--port", "1", "--behind-proxy", "127.0.0.1",
                     "--public-url", url]) == 1
        err = capsys.readouterr().err
        assert err.startswith("workshop: --public-url") and says in err, err
        assert err.count("\n") == 1
    assert not (home / "workshop.sqlite").exists()


@pytest.mark.server
def test_behind_a_proxy_the_printed_links_and_cards_carry_the_public_url(home) -> None:
    """`workshop serve --behind-proxy ... --public-url https://...`: the client app's line, the
    join cards line and the dashboard's default card link are the public https address."""
    import psutil
    from support.servers import start_server, stop_server

    from toolkit.settings.config import Config
    from toolkit.store.store import Store
    from toolkit.widgets.facilitator.print_tab import CLIENT_URL_ENV

    store = Store.open(Config.from_env())
    session = store.create_session("Proxy group", ["mspss"], 1)
    public = f"https://workshop.clinic.org/g/{session.id}/"
    server = start_server(home, extra=(
        "--session", session.id, "--pool", "0", "--base-url", f"/g/{session.id}/",
        "--behind-proxy", "127.0.0.1", "--public-url", public))
    try:
        assert server.log is not None
        deadline = time.monotonic() + 120
        while "Press Ctrl+C" not in (log := server.log.read_text()):
            assert time.monotonic() < deadline and server.proc.poll() is None, log[-2000:]
            time.sleep(0.2)
        assert f"Client app: {public}\n" in log
        assert f"workshop cards --session {session.id} --url {public}\n" in log
        assert "http://127.0.0.1" not in log.split("Facilitator dashboard")[0]
        dashboard = [p for p in psutil.Process(server.proc.pid).children()
                     if "facilitator" in p.cmdline()]
        assert dashboard and dashboard[0].environ()[CLIENT_URL_ENV] == public
    finally:
        stop_server(server)


def test_the_server_warns_at_its_start_30_days_before_expiry(home, monkeypatch) -> None:
    """`workshop serve` with a certificate under 30 days from expiry says so in its banner
    (the server itself is swapped out, so nothing listens)."""
    from toolkit.serve.tls import SERVER_DAYS, init_tls, tls_files

    files = tls_files(home)
    init_tls(files, ["127.0.0.1"],
             now=dt.datetime.now(dt.UTC) - dt.timedelta(days=SERVER_DAYS - 20))
    shown: dict[str, str] = {}
    monkeypatch.setattr("toolkit.cli.serving.serve",
                        lambda *args, banner, **kwargs: shown.update(banner=banner))
    assert main(["serve", "--port", "8899", "--certfile", str(files.cert),
                 "--keyfile", str(files.key)]) == 0
    assert (f"Warning: the server's certificate {files.cert} expires in 19 days"
            in shown["banner"])
