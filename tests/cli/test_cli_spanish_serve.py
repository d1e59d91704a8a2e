"""Serving's refusals reach a Spanish-speaking counselor in Spanish, each from a real `workshop`
process: a join or public URL that cannot go on a card, a --base-url or session id that cannot
be a path, a certificate without its key, plain HTTP on the network, a value nginx cannot take;
with no Spanish set they stay the English they always were."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from toolkit.cli.language import LOCALE_VARIABLES

WORKSHOP = Path(sys.executable).with_name("workshop")
"""The command as installed beside this Python."""


def _workshop(args: list[str], lang: str | None) -> str:
    """Run `workshop args` with LANG=`lang` (none: no language set); it fails with one line on
    stderr, which is returned."""
    env = {k: v for k, v in os.environ.items() if k not in LOCALE_VARIABLES}
    if lang:
        env["LANG"] = lang
    done = subprocess.run([str(WORKSHOP), *args], env=env, capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 1, done
    assert done.stderr.count("\n") == 1, done.stderr
    return done.stderr


def _both(args: list[str]) -> tuple[str, str]:
    """The line in a Spanish terminal (Spain's locale) and in one with no language set."""
    return _workshop(args, "es_ES.UTF-8"), _workshop(args, None)


def test_a_join_url_that_is_not_one_is_said_in_spanish(home):
    """`cards --url ftp://...`: the form to write, and what was typed as it was."""
    es, en = _both(["cards", "--session", "s-1", "--url", "ftp://clinic/"])
    assert es == ("workshop: la dirección de acceso debe tener la forma http://HOST:PORT/ "
                  "(usted escribió 'ftp://clinic/')\n")
    assert en == "workshop: the join URL must look like http://HOST:PORT/ (got 'ftp://clinic/')\n"


def test_a_join_url_python_cannot_read_is_said_in_spanish(home):
    """An open bracket ('http://[::1') is the same sentence, not Python's own English."""
    es, en = _both(["cards", "--session", "s-1", "--url", "http://[::1"])
    assert es == ("workshop: la dirección de acceso debe tener la forma http://HOST:PORT/ "
                  "(usted escribió 'http://[::1')\n")
    assert en == "workshop: the join URL must look like http://HOST:PORT/ (got 'http://[::1')\n"


def test_a_join_url_with_a_query_is_said_in_spanish(home):
    """`cards --url ...?x=1`: the card adds ?code= itself."""
    es, en = _both(["cards", "--session", "s-1", "--url", "http://clinic/?x=1"])
    assert es == ("workshop: escriba la dirección de acceso sin ?... ni #... (usted escribió "
                  "'http://clinic/?x=1'); la tarjeta agrega ?code=\n")
    assert en == ("workshop: give the join URL without ?... or #... (got 'http://clinic/?x=1'); "
                  "the card adds ?code=\n")


def test_a_public_url_that_is_not_one_is_said_in_spanish(home):
    """`serve --public-url ftp://...`: the option, then the join URL's sentence."""
    es, en = _both(["serve", "--port", "1", "--behind-proxy", "127.0.0.1",
                    "--public-url", "ftp://clinic/"])
    assert es == ("workshop: --public-url: la dirección de acceso debe tener la forma "
                  "http://HOST:PORT/ (usted escribió 'ftp://clinic/')\n")
    assert en == ("workshop: --public-url: the join URL must look like http://HOST:PORT/ "
                  "(got 'ftp://clinic/')\n")


def test_a_plain_public_url_is_said_in_spanish(home):
    """`serve --public-url http://...` for phones on the network: the address as typed."""
    es, en = _both(["serve", "--port", "1", "--behind-proxy", "127.0.0.1",
                    "--public-url", "http://clinic.org/g/s-1/"])
    assert es == ("workshop: --public-url http://clinic.org/g/s-1/ es http sin cifrar: los "
                  "teléfonos enviarían los códigos de acceso y las respuestas sin protección. "
                  "Indique la dirección https del proxy (o agregue --allow-plain-http)\n")
    assert en == ("workshop: --public-url http://clinic.org/g/s-1/ is plain http: phones would "
                  "send join codes and answers unencrypted. Give the https address of the proxy "
                  "(or add --allow-plain-http)\n")


@pytest.mark.parametrize("command", ["serve", "facilitator"])
def test_a_base_url_that_is_not_a_path_is_said_in_spanish(home, command):
    """`serve --base-url` and `facilitator --base-url` with a full URL: the same sentence."""
    es, en = _both([command, "--port", "1", "--base-url", "http://clinic/g/"])
    assert es == ("workshop: --base-url 'http://clinic/g/': use una ruta como /g/<session id>/ "
                  "(letras, números, '-', '_', '.' y '~' entre barras)\n")
    assert en == ("workshop: --base-url 'http://clinic/g/': use a path such as /g/<session id>/ "
                  "(letters, digits, '-', '_', '.' and '~' between slashes)\n")


def test_a_session_id_that_cannot_be_a_path_is_said_in_spanish(home):
    """`serve --session 'a b' --base-url ...`: the id as typed."""
    es, en = _both(["serve", "--port", "1", "--session", "a b", "--base-url", "/g/x/"])
    assert es == "workshop: el id de la sesión 'a b' no puede ser parte de la ruta de una URL\n"
    assert en == "workshop: session id 'a b' cannot be part of a URL path\n"


def test_a_certificate_without_its_key_is_said_in_spanish(home, tmp_path):
    """`serve --certfile` alone: both options are named as they are typed."""
    es, en = _both(["serve", "--port", "1", "--certfile", str(tmp_path / "server.crt")])
    assert es == ("workshop: indique --certfile y --keyfile juntos (el certificado y su clave "
                  "privada)\n")
    assert en == ("workshop: give --certfile and --keyfile together (the certificate and its "
                  "private key)\n")


def test_plain_http_on_the_network_is_said_in_spanish(home):
    """`serve --host <a network address>` without TLS: the refusal, the command, the options."""
    es, en = _both(["serve", "--port", "1", "--host", "192.0.2.10"])
    assert es == (
        "workshop: no se puede servir HTTP sin cifrar en 192.0.2.10: cualquier persona en esa "
        "red podría leer los códigos de acceso y las respuestas. Active TLS: ejecute `workshop "
        "tls init --host <la dirección de esta computadora>` y luego agregue el --certfile y el "
        "--keyfile que le muestra (o use su propio certificado). Para servir sin cifrar de todos "
        "modos, agregue --allow-plain-http.\n")
    assert en == (
        "workshop: refusing to serve plain HTTP on 192.0.2.10: anyone on that network could "
        "read join codes and answers. Turn on TLS: run `workshop tls init --host <this "
        "computer's address>`, then add the --certfile and --keyfile it prints (or pass your "
        "own certificate). To serve unencrypted anyway, add --allow-plain-http.\n")


def test_a_value_nginx_cannot_take_is_said_in_spanish(home):
    """`deploy nginx --server-name 'a b'`: which value, as typed, and what it may not hold."""
    es, en = _both(["deploy", "nginx", "--server-name", "a b"])
    assert es == ("workshop: el nombre del sitio 'a b' no puede ir en una configuración de nginx "
                  "(sin espacios, comillas, ';', '{', '}', '#', '$' ni '\\')\n")
    assert en == ("workshop: the server name 'a b' cannot go in an nginx configuration "
                  "(no spaces, quotes, ';', '{', '}', '#', '$' or '\\')\n")


def test_a_group_address_nginx_cannot_use_is_said_in_spanish(home):
    """`deploy nginx --app-host 'bad host'` for a group in the store: the host and port."""
    from toolkit.store.store import Store

    store = Store.open()
    store.create_session("Grupo", ["mspss"], 1)
    store.engine.dispose()
    es, en = _both(["deploy", "nginx", "--app-host", "bad host"])
    assert es == "workshop: bad host:8866 no es un servidor y puerto que nginx pueda usar\n"
    assert en == "workshop: bad host:8866 is not a host and port nginx can use\n"


def test_tls_init_with_no_name_is_said_in_spanish(home, capsys, monkeypatch):
    """`tls init --host ' '` where this computer had no name of its own (it always has the
    loopback names, so in-process): Spanish, then the English by default."""
    from toolkit.cli import main

    monkeypatch.setattr("toolkit.serve.tls.default_hosts", lambda: [])
    for name in LOCALE_VARIABLES:
        monkeypatch.delenv(name, raising=False)
    assert main(["tls", "init", "--host", " "]) == 1
    assert capsys.readouterr().err == (
        "workshop: give at least one name or address with --host\n")
    monkeypatch.setenv("LANG", "es_ES.UTF-8")
    assert main(["tls", "init", "--host", " "]) == 1
    assert capsys.readouterr().err == (
        "workshop: indique al menos un nombre o una dirección con --host\n")


def test_the_plain_http_warning_at_start_is_said_in_spanish(monkeypatch):
    """`--allow-plain-http` on a network address: the warning printed as the server starts is
    in the terminal's language (English with none set)."""
    import argparse

    from toolkit.cli.serving import _secure
    from toolkit.serve.transport import PLAIN_HTTP_ENV
    from toolkit.settings.config import Config

    monkeypatch.setenv(PLAIN_HTTP_ENV, "")  # _secure sets it: put back as it was after

    args = argparse.Namespace(host="192.0.2.10", certfile=None, keyfile=None,
                              allow_plain_http=True, behind_proxy=None)
    for lang, start in (("es_ES.UTF-8", "Aviso: se sirve HTTP sin cifrar a la red"),
                        (None, "Warning: serving plain HTTP to the network")):
        for name in LOCALE_VARIABLES:
            monkeypatch.delenv(name, raising=False)
        if lang:
            monkeypatch.setenv("LANG", lang)
        _transport, context, notes, ca = _secure(args, Config.from_env())
        assert context is None and ca is None
        assert len(notes) == 1 and notes[0].startswith(start), notes
