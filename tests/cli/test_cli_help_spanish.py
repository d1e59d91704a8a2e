"""`workshop --help` and each command's help speak the terminal's language: a Spanish-speaking
counselor reads what each command and option is for, and argparse's own words around them, in
Spanish, with the commands, options, metavars and paths as typed; with no Spanish set the help
is the English it always was. Run as the installed command runs, in a process of its own."""

from __future__ import annotations

import argparse
import ast
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

import toolkit.cli
from toolkit.cli.helptext import argparse_words
from toolkit.cli.language import LOCALE_VARIABLES
from toolkit.cli.main import build_parser
from toolkit.text.catalogs import read_catalog
from toolkit.text.help_words import ARGPARSE_MESSAGES, ARGPARSE_PLURALS, HELP_MESSAGES

CLI = Path(toolkit.cli.__file__).parent


def _workshop(*args: str, lang: str) -> subprocess.CompletedProcess[str]:
    """`workshop ARGS` in a terminal 100 columns wide whose language is `lang` (LANG)."""
    env = {k: v for k, v in os.environ.items() if k not in LOCALE_VARIABLES}
    env.update(LANG=lang, COLUMNS="100")
    return subprocess.run([sys.executable, "-m", "toolkit.cli", *args], capture_output=True,
                          text=True, timeout=60, env=env)


def _help(*args: str, lang: str = "es_ES.UTF-8") -> list[str]:
    done = _workshop(*args, "--help", lang=lang)
    assert done.returncode == 0, done.stderr
    return done.stdout.splitlines()


def test_the_tools_help_in_spanish():
    """`workshop --help`: argparse's words, the description and each command's line."""
    lines = _help()
    assert lines[0] == "uso: workshop [-h] [--version] COMMAND ..."
    assert ("Hojas de trabajo de apoyo a la recuperación para talleres en grupo: sesiones, "
            "aplicación,") in lines
    assert "argumentos:" in lines and "opciones:" in lines
    assert "  -h, --help       muestra esta ayuda y termina" in lines
    assert "  --version        muestra la versión del programa y termina" in lines
    assert "    session        crea, lista y muestra sesiones de grupo" in lines
    assert ("    restore        restaura una copia de seguridad; los datos que reemplaza se "
            "guardan aparte") in lines
    assert "    forget         borra todo rastro de una persona participante" in lines
    assert "    rotate-key     vuelve a sellar todo con una clave nueva" in lines


def test_session_new_help_in_spanish():
    """`workshop session new --help`, line by line: the usage, the name and the options as
    typed (--participants N), what they are for in Spanish."""
    assert _help("session", "new") == [
        "uso: workshop session new [-h] --participants N [--worksheets A,B,...] name",
        "",
        "argumentos:",
        '  name                  un nombre para usted, por ejemplo "Grupo del martes"',
        "",
        "opciones:",
        "  -h, --help            muestra esta ayuda y termina",
        "  --participants N      cuántos códigos de acceso crear (de 1 a 30)",
        "  --worksheets A,B,...  ids de las hojas de trabajo, en orden (si no se indica: todo el "
        "taller)",
    ]


def test_more_commands_help_in_spanish():
    """restore, purge, tls init and studio: Spanish around the same options and commands."""
    assert "  file        un archivo hecho con `workshop backup`" in _help("restore")
    purge = _help("purge")
    assert purge[0] == "uso: workshop purge [-h] (--session ID | --older-than DAYS) [--yes]"
    assert "  --older-than DAYS  las sesiones sin actividad en los últimos DAYS días" in purge
    assert "  --yes              no pide confirmación" in purge
    tls = _help("tls", "init")
    assert any(line.startswith("  --new-authority       reemplaza también la autoridad")
               for line in tls)
    assert "  --port PORT     si no se indica: 8890" in _help("studio")


def test_the_help_stays_english_by_default():
    """With no language set (or C), the help is the English it always was, word for word."""
    assert _help("session", "new", lang="C") == [
        "usage: workshop session new [-h] --participants N [--worksheets A,B,...] name",
        "",
        "positional arguments:",
        '  name                  a name for the counselor, e.g. "Tuesday group"',
        "",
        "options:",
        "  -h, --help            show this help message and exit",
        "  --participants N      how many join codes to make (1 to 30)",
        "  --worksheets A,B,...  worksheet ids in order (default: the whole workshop)",
    ]
    lines = _help(lang="C")
    assert "Recovery-support worksheets for group workshops: sessions, app, print, data." in lines
    assert "    forget         remove every trace of one participant" in lines


def test_argparse_errors_in_spanish():
    """A missing argument and a value not among the choices: argparse's own error lines in
    Spanish, the options and values as typed, exit status 2."""
    done = _workshop("session", "new", lang="es_MX.UTF-8")
    assert done.returncode == 2
    assert done.stderr.splitlines() == [
        "uso: workshop session new [-h] --participants N [--worksheets A,B,...] name",
        "workshop session new: error: faltan estos argumentos, que son obligatorios: name, "
        "--participants",
    ]
    done = _workshop("cards", "--session", "s-1", "--lang", "fr", lang="es_ES.UTF-8")
    assert done.stderr.splitlines()[-1] == (
        "workshop cards: error: argumento --lang: 'fr' no es válido (elija entre 'en', 'es')")
    done = _workshop("cards", "--session", "s-1", "--lang", "fr", lang="C")
    assert done.stderr.splitlines()[-1].startswith(
        "workshop cards: error: argument --lang: invalid choice: 'fr' (choose from ")


def _helps(parser: argparse.ArgumentParser) -> list[str]:
    """Every help text and description of the parser and its commands, in build order."""
    found = [parser.description] if parser.description else []
    for action in parser._actions:
        if action.help is not None and action.help != argparse.SUPPRESS:
            found.append(action.help)
        if isinstance(action, argparse._SubParsersAction):
            found += [choice.help for choice in action._choices_actions]
            for sub in action.choices.values():
                found += _helps(sub)
    return found


def test_every_help_text_is_said_in_spanish(monkeypatch):
    """Built in Spanish as `workshop` builds it, no help text of any command (argparse's own
    -h included) is its English one: an option added with a help left untranslated fails here."""
    for name in LOCALE_VARIABLES:
        monkeypatch.delenv(name, raising=False)
    english = _helps(build_parser())
    monkeypatch.setenv("LANG", "es_ES.UTF-8")
    with argparse_words():
        spanish = _helps(build_parser())
    assert len(english) == len(spanish) > 90
    assert [en for en, es in zip(english, spanish, strict=True) if en == es] == []


def _keyword_values(name: str) -> list[tuple[str, ast.expr]]:
    """Each `name=` argument given in toolkit/cli, as (file:line, its expression)."""
    found = []
    for path in sorted(CLI.glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call):
                found += [(f"{path.name}:{node.lineno}", kw.value) for kw in node.keywords
                          if kw.arg == name]
    return found


@pytest.mark.parametrize("keyword", ["help", "description"])
def test_no_help_is_plain_english_in_the_code(keyword):
    """Every help= and description= in toolkit/cli is helped("key") with a key in
    toolkit/text/help_words.py (or argparse.SUPPRESS), never a literal or an f-string."""
    wrong = []
    for where, value in _keyword_values(keyword):
        if isinstance(value, ast.Attribute) and ast.unparse(value) == "argparse.SUPPRESS":
            continue
        ok = (isinstance(value, ast.Call) and ast.unparse(value.func) == "helped"
              and value.args and (not isinstance(value.args[0], ast.Constant)
                                  or value.args[0].value in HELP_MESSAGES))
        if not ok:
            wrong.append(f"{where}: {ast.unparse(value)}")
    assert wrong == []


def test_argparse_words_are_argparses_own():
    """Each of argparse's words the catalog translates is one this Python's argparse says, so
    a Python that rewords one is caught rather than left English unnoticed."""
    source = Path(argparse.__file__).read_text(encoding="utf-8")
    words = [*ARGPARSE_MESSAGES.values(), *(forms[0] for forms in ARGPARSE_PLURALS.values())]
    assert [w for w in words if repr(w)[1:-1] not in source] == []


def test_argparse_words_keep_their_placeholders():
    """A translation of argparse's words keeps every %-placeholder of the English."""
    placeholder = re.compile(r"%(?:\(\w+\))?[sr]")
    catalog = read_catalog("es")
    wrong = []
    for key in [*ARGPARSE_MESSAGES, *ARGPARSE_PLURALS]:
        message = next(m for m in catalog if m.context == key)
        english = message.id if isinstance(message.id, str) else message.id[-1]
        forms = (message.string,) if isinstance(message.string, str) else message.string
        if any(sorted(placeholder.findall(f)) != sorted(placeholder.findall(english))
               for f in forms):
            wrong.append(key)
    assert wrong == []


def test_argparse_words_are_put_back():
    """Outside the block argparse speaks as before (pytest's own parser is not changed)."""
    before = argparse._
    with argparse_words("es"):
        assert argparse._("usage: ") == "uso: "
        assert argparse.ngettext("expected %s argument", "expected %s arguments", 2) == (
            "se esperaban %s valores")
        assert argparse._("a word it does not list") == "a word it does not list"
    assert argparse._ is before
    assert argparse._("usage: ") == "usage: "
