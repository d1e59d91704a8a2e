"""Each kind of worksheet problem is made once (a message key and its parameters) and said in
the language where it is shown: in Spanish it names the same file, line, item and fix as in
English, keeps what the counselor must type as it is, and has no English words left (the
pseudo-locale `qps` shows that every word around the parameters comes from the catalog)."""

from __future__ import annotations

import re
import string

import pytest
from support.problems import params_of, records
from support.pseudo import PSEUDO, english_words, write_catalog
from support.worksheets import HEAD, line_of, one_section, problems_of

from toolkit.text.check_words import CHECK_MESSAGES, CHECK_PLURALS
from toolkit.text.languages import add_locale_folder, remove_locale_folder
from toolkit.text.strings import ui_plural
from toolkit.worksheet.coverage import still_to_translate
from toolkit.worksheet.loader import WorksheetError, load_worksheet
from toolkit.worksheet.messages import Message
from toolkit.worksheet.source import Problem, read_yaml

BILINGUAL = HEAD.replace("title: T\n", "title: {en: T, es: T}\nlanguages: [en, es]\n")

CASES: dict[str, str] = {
    # cross-references (checks.py)
    "id twice": one_section("- {id: a, type: short_text, text: A}\n"
                            "- {id: a, type: short_text, text: B}\n"),
    "unknown choice set": one_section("- {id: a, type: single_choice, text: A, choices: feel}\n",
                                      head=HEAD + "choice_sets:\n  feelings:\n"
                                                  "    - {value: ok, label: OK}\n"),
    "show_if names a close id": one_section(
        "- {id: ready, type: yes_no_unsure, text: A}\n"
        "- {id: b, type: short_text, text: B, show_if: {item: redy, equals: 'yes'}}\n"),
    "show_if value not a choice": one_section(
        "- {id: a, type: yes_no_unsure, text: A}\n"
        "- {id: b, type: short_text, text: B, show_if: {item: a, equals: maybe}}\n"),
    "missing translation": one_section("- {id: a, type: short_text, text: {en: A}}\n",
                                       head=BILINGUAL),
    "plain text in two languages": one_section("- {id: a, type: short_text, text: A}\n",
                                               head=BILINGUAL),
    "language not declared": one_section("- {id: a, type: short_text, text: {en: A, fr: A}}\n"),
    "score of a text": one_section(
        "- {id: a, type: short_text, text: A}\n",
        tail="scores:\n  - {id: t, label: T, method: sum, items: [a]}\n"),
    "measure without validation": one_section(
        "- {id: a, type: number, text: {en: A, es: A}}\n", head=BILINGUAL,
        tail="scores:\n  - {id: t, label: {en: T, es: T}, method: sum, items: [a]}\n"),
    # the schema (loader.py)
    "unknown key close": one_section("- {id: a, type: short_text, text: A, max_lenght: 5}\n"),
    "missing key": one_section("- {id: a, type: short_text}\n"),
    "not a whole number": one_section("- {id: a, type: short_text, text: A, max_length: lots}\n"),
    "not true or false": one_section("- {id: a, type: short_text, text: A, sensitive: maybe}\n"),
    "text given as a list": one_section("- {id: a, type: short_text, text: [A]}\n"),
    "text not quoted": one_section("- {id: a, type: short_text, text: 12}\n"),
    "bad item type": one_section("- {id: a, type: shorttext, text: A}\n"),
    "bad enum value": one_section("- {id: a, type: repeat, text: A, widget: map,\n"
                                  "   fields: [{id: f, type: short_text, text: F}]}\n"),
    "below the lowest": one_section("- {id: a, type: short_text, text: A, max_length: 0}\n"),
    "bad id": one_section("- {id: Feel Safe, type: short_text, text: A}\n"),
    "model refusal": one_section("- {id: a, type: scale, text: A, ruler: {min: 5, max: 1}}\n"),
    "show_if shape": one_section("- {id: a, type: short_text, text: A}\n"
                                 "- {id: b, type: short_text, text: B, show_if: a}\n"),
    "unmapped pydantic error": HEAD.replace("schema_version: 1", "schema_version: " + "9" * 30)
    + "sections:\n  - {id: s, title: S, items: [{id: a, type: short_text, text: A}]}\n",
    # YAML itself (source.py)
    "key written twice": one_section("- id: a\n  type: short_text\n  text: A\n  text: B\n"),
    "text needs quotes": one_section("- id: a\n  type: short_text\n  text: Later: how was it\n"),
    "tab indentation": HEAD + "sections:\n\t- id: s\n",
    "not valid YAML": HEAD + "sections: [\n",
}


@pytest.fixture(scope="module")
def qps(tmp_path_factory: pytest.TempPathFactory):
    """The pseudo-locale, added as a program adds a language (its catalog only)."""
    folder = tmp_path_factory.mktemp("qps") / "locale"
    write_catalog(folder)
    add_locale_folder(folder)
    yield PSEUDO
    remove_locale_folder(folder)


def _problems(name: str) -> list[Problem]:
    found = problems_of(CASES[name])
    assert found, f"{name}: no problem found"
    return found


@pytest.mark.parametrize("name", CASES)
def test_each_problem_names_the_same_file_line_item_and_fix_in_spanish(name):
    """Spanish and English lines start with the same `file:line:`, name the same item and
    carry the same parameters; the words around them differ."""
    for p in _problems(name):
        english, spanish = p.say("en"), p.say("es")
        assert english == str(p) and english != spanish
        assert spanish.startswith(f"{p.file}:{p.line}: ")
        if p.item:
            assert f"elemento '{p.item}': " in spanish and f"item '{p.item}': " in english
        for value in params_of(p.what):
            assert value in spanish and value in english


@pytest.mark.parametrize("name", CASES)
def test_each_problem_has_no_english_words_in_another_language(qps, name):
    """Said in `qps`, nothing but the file, item and parameters is left in plain letters."""
    for p in _problems(name):
        assert english_words([p.say(qps)], records(p)) == [], p.say("en")


def test_a_file_named_after_another_id_is_said_in_spanish(tmp_path):
    """The file-name check (load_worksheet) names the same file and id in Spanish."""
    path = tmp_path / "other.yaml"
    path.write_text(one_section("- {id: a, type: short_text, text: A}\n"), encoding="utf-8")
    with pytest.raises(WorksheetError) as caught:
        load_worksheet(path)
    [p] = caught.value.problems
    assert p.say("es") == (f"{path}:1: `id: t` no coincide con el nombre del archivo; cambie el "
                           "nombre del archivo a t.yaml o cambie el id")


def test_a_missing_text_to_translate_is_said_in_spanish(qps):
    """`workshop check --lang fr`'s list: in Spanish, the same line, key and text to translate."""
    text = one_section("- id: a\n  type: short_text\n  text: Who helps you?\n")
    source, _ = read_yaml(text, "t.yaml")
    [p] = [p for p in still_to_translate(source, "fr") if p.item == "a"]
    assert p.say("es") == (f"t.yaml:{line_of(text, 'Who helps')}: elemento 'a': `text:` "
                           "necesita fr; escriba {en: ..., fr: ...} (en: \"Who helps you?\")")
    assert english_words([p.say(qps)], records(p)) == []


def test_an_unmapped_pydantic_error_gets_a_general_sentence_with_the_path():
    """A pydantic error type with no message of ours is said in a general sentence naming
    the field's path, never in pydantic's English."""
    [p] = _problems("unmapped pydantic error")
    assert p.what.key == "load_not_allowed" and p.what.params["path"] == "schema_version"
    assert "Unable to parse" not in p.say("en")
    assert p.say("es").startswith("t.yaml:1: `schema_version`: este valor no está permitido")


def test_pyyaml_english_never_reaches_a_spanish_line():
    """A YAML syntax mistake is said in Spanish through our own sentences."""
    for name in ("tab indentation", "not valid YAML"):
        [p] = _problems(name)
        assert p.say("es").startswith(f"t.yaml:{p.line}: sintaxis YAML: ")
        assert "token" not in p.say("es") and "found" not in p.say("es")


_CODE = re.compile(r"`[^`]*`|'[^']*'|\b[a-z]+_[a-z_]+\b|\b(?:true|false|min|max)\b|\*name")
"""What a counselor types, in an English message: `code`, 'quoted values', snake_case keys and
types, true/false and the ruler's min/max (a translation keeps each as it is)."""


@pytest.mark.parametrize("key", sorted(CHECK_MESSAGES))
def test_spanish_keeps_what_the_counselor_must_type(key):
    """Every `code`, 'value' and YAML word of a message is in its Spanish as it is in English
    (but an example's placeholder word, *name, which Spanish says as *nombre)."""
    english = CHECK_MESSAGES[key]
    fields = {f for _, f, _, _ in string.Formatter().parse(english) if f}
    values = {f: f"<{f}>" for f in fields}
    spanish = Message(key, values).say("es")
    kept = [c for c in _CODE.findall(english.format(**values)) if c != "*name"]
    assert [c for c in kept if c not in spanish] == [], spanish


@pytest.mark.parametrize("key", sorted(CHECK_PLURALS))
def test_counted_lines_agree_with_the_number_in_spanish(key):
    """One worksheet and several: the Spanish noun follows the count."""
    one = ui_plural(key, 1, "es", names="a", bad=2)
    many = ui_plural(key, 3, "es", names="a, b, c", bad=2)
    assert "hoja de trabajo" in one and "hojas de trabajo" in many
