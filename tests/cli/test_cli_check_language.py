"""`workshop check` speaks English unless the terminal's language (LANGUAGE, LC_ALL,
LC_MESSAGES, LANG, as gettext reads them) is one the toolkit speaks: then every problem, its
fix, the coverage lines and the summary are in that language, around the same file, line, item
and YAML."""

from __future__ import annotations

import pytest
from support.worksheets import HEAD, SHIPPED, WORKSHEETS, line_of, one_section

from toolkit.cli import main
from toolkit.cli.language import LOCALE_VARIABLES, output_language


@pytest.fixture
def spanish(monkeypatch: pytest.MonkeyPatch) -> None:
    """A counselor's terminal in Mexican Spanish."""
    for name in LOCALE_VARIABLES:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "es_MX.UTF-8")


@pytest.mark.parametrize(("env", "lang"), [
    ({}, "en"),
    ({"LANG": "C.UTF-8"}, "en"),
    ({"LANG": "es_MX.UTF-8"}, "es"),
    ({"LANG": "es"}, "es"),
    ({"LANG": "es-419"}, "es"),
    ({"LANG": "de_DE.UTF-8"}, "en"),
    ({"LANGUAGE": "fr:es_US", "LANG": "en_US.UTF-8"}, "es"),
    ({"LANGUAGE": "", "LANG": "es_PR.UTF-8"}, "es"),
    ({"LC_ALL": "en_US.UTF-8", "LANG": "es_MX.UTF-8"}, "en"),
    ({"LC_MESSAGES": "es_ES@euro", "LANG": "en_US.UTF-8"}, "es"),
    ({"LANGUAGE": "C", "LANG": "es_MX.UTF-8"}, "en"),
])
def test_the_language_is_read_as_gettext_reads_it(env, lang):
    """The first locale variable set decides; a language the toolkit does not speak, C or
    POSIX, or none at all is English."""
    assert output_language(env) == lang


def test_a_broken_file_is_said_in_spanish(capsys, tmp_path, spanish):
    """The problem's line keeps its file, line, item and YAML; the words and summary are
    Spanish; the coverage line too."""
    text = one_section("- {id: a, type: short_text, text: A, max_lenght: 5}\n")
    path = tmp_path / "t.yaml"
    path.write_text(text)
    assert main(["check", str(tmp_path)]) == 1
    out, err = capsys.readouterr()
    assert out.splitlines() == [
        f"{path}:{line_of(text, 'max_lenght')}: elemento 'a': clave desconocida 'max_lenght'; "
        "¿quiso decir `max_length:`?",
        f"{path}: en 100% (3/3)",
    ]
    assert err == "workshop: 1 de 1 archivo de hoja de trabajo tiene problemas\n"


def test_bad_files_are_counted_in_spanish(capsys, tmp_path, spanish):
    """Two bad files of three: the verb agrees with the two, the noun with the three."""
    (tmp_path / "t.yaml").write_text(one_section("- {id: a, type: date, text: A}\n"))
    (tmp_path / "u.yaml").write_text("- not a worksheet\n")
    (tmp_path / "v.yaml").write_text("id: [\n")
    assert main(["check", str(tmp_path)]) == 1
    out, err = capsys.readouterr()
    assert f"{tmp_path / 'u.yaml'}:1: una hoja de trabajo es un archivo YAML" in out
    assert f"{tmp_path / 'v.yaml'}:2: sintaxis YAML: " in out
    assert err == "workshop: 2 de 3 archivos de hojas de trabajo tienen problemas\n"


def test_the_shipped_worksheets_pass_in_spanish(capsys, spanish):
    """A clean run ends with the Spanish summary naming every worksheet by its id."""
    assert main(["check", str(WORKSHEETS)]) == 0
    *_, last = capsys.readouterr().out.splitlines()
    assert last == f"{len(SHIPPED)} hojas de trabajo válidas: {', '.join(sorted(SHIPPED))}"


def test_a_new_language_s_list_is_in_spanish(capsys, tmp_path, spanish):
    """`--lang fr` (the language to translate into, as before) lists each text without French
    in Spanish, with the English to translate from."""
    text = one_section("- id: a\n  type: short_text\n  text: What helps you?\n")
    path = tmp_path / "t.yaml"
    path.write_text(text)
    assert main(["check", "--lang", "fr", str(path)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert (f"{path}:{line_of(text, 'What helps')}: elemento 'a': `text:` necesita fr; escriba "
            "{en: ..., fr: ...} (en: \"What helps you?\")") in lines
    assert lines[-2:] == [f"{path}: en 100% (3/3), fr 0% (0/3, todavía no está en `languages:`)",
                          "1 hoja de trabajo válida: t"]


def test_a_bad_language_code_is_refused_in_spanish(capsys, spanish):
    """`--lang French` is refused in Spanish, saying how a code is written."""
    with pytest.raises(SystemExit):
        main(["check", "--lang", "French", str(WORKSHEETS)])
    assert ("'French' no es un código de idioma; escríbalo como en `languages:`"
            in capsys.readouterr().err)


def test_english_when_the_terminal_speaks_english(capsys, tmp_path, monkeypatch):
    """LANG=en_US.UTF-8 keeps every line as it always was."""
    monkeypatch.setenv("LANG", "en_US.UTF-8")
    for name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(name, raising=False)
    path = tmp_path / "t.yaml"
    path.write_text(one_section("- {id: a, type: short_text}\n", head=HEAD))
    assert main(["check", str(path)]) == 1
    out, err = capsys.readouterr()
    assert out.splitlines()[0].endswith(": item 'a': `text:` is missing; add it")
    assert err == "workshop: 1 of 1 worksheet file has problems\n"
