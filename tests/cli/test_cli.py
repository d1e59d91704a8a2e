"""The `workshop check` command: `file:line: message` for each problem, one translation
coverage line per file, then one summary line."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from support.worksheets import HEAD, ROOT, SHIPPED, WORKSHEETS, line_of, one_section

from toolkit.cli import main

WORKSHOP = Path(sys.executable).with_name("workshop")


@pytest.fixture(autouse=True)
def _english(monkeypatch: pytest.MonkeyPatch) -> None:
    """`workshop check` follows the terminal's language: these lines are its English ones."""
    monkeypatch.setenv("LANGUAGE", "en")


def test_check_valid_folder_prints_coverage_then_one_summary_line(capsys):
    """`check worksheets` returns 0: one coverage line per file, all complete, then one line
    naming all nine worksheets."""
    assert main(["check", str(WORKSHEETS)]) == 0
    out, err = capsys.readouterr()
    assert err == ""
    *covered, line = out.splitlines()
    assert [c.split(": ")[0] for c in covered] == sorted(
        str(WORKSHEETS / f"{w}.yaml") for w in SHIPPED)
    for c in covered:
        shares = re.findall(r"\b([a-z]{2}) (\d+)% \((\d+)/(\d+)\)", c)
        assert shares and all(pct == "100" and n == total for _, pct, n, total in shares), c
    assert line.startswith("9 worksheets valid: ")
    assert sorted(line.split(": ", 1)[1].split(", ")) == sorted(SHIPPED)


def test_check_relative_folder_from_the_checkout(capsys, monkeypatch):
    """`check worksheets` works with the relative folder name, as the README shows."""
    monkeypatch.chdir(ROOT)
    assert main(["check", "worksheets"]) == 0
    assert len(capsys.readouterr().out.splitlines()) == len(SHIPPED) + 1


def test_check_without_paths_uses_the_configured_folder(capsys, monkeypatch, tmp_path):
    """With no paths, check reads WORKSHOP_WORKSHEETS."""
    (tmp_path / "t.yaml").write_text(one_section("- {id: a, type: date, text: A}\n"))
    monkeypatch.setenv("WORKSHOP_WORKSHEETS", str(tmp_path))
    monkeypatch.setenv("WORKSHOP_HOME", str(tmp_path / "home"))
    assert main(["check"]) == 0
    assert capsys.readouterr().out == (f"{tmp_path / 't.yaml'}: en 100% (3/3)\n"
                                       "1 worksheet valid: t\n")


def test_check_broken_file_prints_file_line_message(capsys, tmp_path):
    """A broken file makes check return 1 and print `file:line: item 'id': message`."""
    text = one_section("""\
        - id: a
          type: short_text
          text: A
          max_lenght: 10
    """)
    path = tmp_path / "t.yaml"
    path.write_text(text)
    assert main(["check", str(tmp_path)]) == 1
    out, err = capsys.readouterr()
    assert out.splitlines() == [
        f"{path}:{line_of(text, 'max_lenght')}: item 'a': unknown key 'max_lenght'; "
        "did you mean `max_length:`?",
        f"{path}: en 100% (3/3)",
    ]
    assert err == "workshop: 1 of 1 worksheet file has problems\n"


def test_check_reports_every_bad_file_and_counts_them(capsys, tmp_path):
    """Good and bad files together: each problem printed, the summary counts bad files."""
    (tmp_path / "t.yaml").write_text(one_section("- {id: a, type: date, text: A}\n"))
    (tmp_path / "u.yaml").write_text("- not a worksheet\n")
    (tmp_path / "v.yaml").write_text("id: [\n")
    assert main(["check", str(tmp_path)]) == 1
    out, err = capsys.readouterr()
    problems = [line for line in out.splitlines() if re.match(r".+:\d+: ", line)]
    assert [re.sub(r":\d+:.*", "", line) for line in problems] == [
        str(tmp_path / "u.yaml"), str(tmp_path / "v.yaml")]
    assert out.splitlines()[len(problems):] == [f"{tmp_path / 't.yaml'}: en 100% (3/3)"]
    assert err == "workshop: 2 of 3 worksheet files have problems\n"


def test_check_single_file(capsys):
    """check accepts single files as well as folders."""
    assert main(["check", str(WORKSHEETS / "mspss.yaml")]) == 0
    *_, line = capsys.readouterr().out.splitlines()
    assert line == "1 worksheet valid: mspss"


def test_one_bad_file_of_several_is_counted_in_the_singular(capsys, tmp_path):
    """One bad file among three: `1 of 3 worksheet files has problems`."""
    (tmp_path / "t.yaml").write_text(one_section("- {id: a, type: date, text: A}\n"))
    (tmp_path / "u.yaml").write_text(one_section("- {id: a, type: date, text: A}\n",
                                                 head=HEAD.replace("id: t", "id: u")))
    (tmp_path / "v.yaml").write_text("id: [\n")
    assert main(["check", str(tmp_path)]) == 1
    assert capsys.readouterr().err == "workshop: 1 of 3 worksheet files has problems\n"


def test_missing_spanish_is_a_problem_then_a_coverage_line(capsys, tmp_path):
    """A text without its Spanish fails the check: the problem names file:line, item and what
    to add; the file's coverage line below counts what is there."""
    text = one_section("""\
        - id: a
          type: short_text
          text: {en: "What helps you?"}
    """, head=HEAD.replace("title: T", "title: {en: T, es: T}") + "languages: [en, es]\n")
    text = text.replace("title: S", "title: {en: S, es: Apoyo}")
    path = tmp_path / "t.yaml"
    path.write_text(text)
    assert main(["check", str(path)]) == 1
    out, err = capsys.readouterr()
    assert out.splitlines() == [
        f"{path}:{line_of(text, 'What helps')}: item 'a': missing translation for es; "
        "add `es: ...`",
        f"{path}: en 100% (3/3), es 66% (2/3)",
    ]
    assert err == "workshop: 1 of 1 worksheet file has problems\n"


def test_lang_lists_what_a_new_language_still_needs_without_failing(capsys, tmp_path):
    """`check --lang fr` lists each text without French by file:line and item, with the
    English to translate, and passes; French texts already written are counted."""
    text = one_section("""\
        - id: a
          type: short_text
          text: {en: "What helps you?", fr: "Qu'est-ce qui vous aide ?"}
          help: First name only.
    """)
    path = tmp_path / "t.yaml"
    path.write_text(text)
    assert main(["check", "--lang", "fr", str(path)]) == 0
    out, err = capsys.readouterr()
    assert err == ""
    assert out.splitlines() == [
        f"{path}:4: `title:` needs fr; write {{en: ..., fr: ...}} (en: \"T\")",
        f"{path}:{line_of(text, 'title: S')}: item 's': `title:` needs fr; "
        "write {en: ..., fr: ...} (en: \"S\")",
        f"{path}:{line_of(text, 'help:')}: item 'a': `help:` needs fr; "
        "write {en: ..., fr: ...} (en: \"First name only.\")",
        f"{path}: en 100% (4/4), fr 25% (1/4, not in `languages:` yet)",
        "1 worksheet valid: t",
    ]


def test_lang_on_the_shipped_worksheets_lists_every_text(capsys):
    """A translator starting French gets one line per text of every shipped worksheet."""
    assert main(["check", "--lang", "fr", str(WORKSHEETS)]) == 0
    lines = capsys.readouterr().out.splitlines()
    todo = [line for line in lines if re.match(r".+\.yaml:\d+: ", line)]
    covered = lines[len(todo):-1]
    totals = [int(re.search(r"fr 0% \(0/(\d+),", c)[1]) for c in covered]
    assert len(covered) == len(SHIPPED) and len(todo) == sum(totals) > 0
    assert all("needs fr;" in line for line in todo)


def test_lang_refuses_what_is_not_a_language_code(capsys):
    """`--lang French` stops with a usage error saying how a code is written."""
    with pytest.raises(SystemExit) as info:
        main(["check", "--lang", "French", str(WORKSHEETS)])
    assert info.value.code == 2
    assert "'French' is not a language code" in capsys.readouterr().err


def test_check_empty_folder_fails(capsys, tmp_path):
    """A folder without worksheet files is an error, not a silent success."""
    assert main(["check", str(tmp_path)]) == 1
    assert "no worksheet files" in capsys.readouterr().err


def test_check_missing_file_is_reported(capsys, tmp_path):
    """A path that does not exist is reported as `file:1: file not found`."""
    missing = tmp_path / "nope.yaml"
    assert main(["check", str(missing)]) == 1
    assert capsys.readouterr().out == f"{missing}:1: file not found\n"


def test_unknown_command_exits_with_usage(capsys):
    """An unknown subcommand exits with argparse's usage error."""
    with pytest.raises(SystemExit) as info:
        main(["frobnicate"])
    assert info.value.code == 2


def test_installed_workshop_command_checks_the_worksheets():
    """The installed `workshop check worksheets/` exits 0 with one summary line."""
    if not WORKSHOP.exists():
        pytest.skip("the workshop script is not installed in this environment")
    done = subprocess.run([str(WORKSHOP), "check", "worksheets/"], cwd=ROOT,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[-1].startswith("9 worksheets valid: ")
    assert len(done.stdout.splitlines()) == len(SHIPPED) + 1


def test_card_for_a_participant_writes_their_plan(capsys, home, tmp_path):
    """`workshop card --participant CODE` writes a PDF holding the plan's names."""
    from pypdf import PdfReader

    from toolkit.settings.config import Config
    from toolkit.store.store import Store
    from toolkit.supportmap.people import SupportMap

    store = Store.open(Config.from_env())
    session = store.create_session("G", ["my-support-map", "reach-out-plan"], 1)
    p = store.participants(session.id)[0]
    store.record_consent(p)
    m = SupportMap()
    row = m.add("Quillon", "closest", supports="yes", phone="555-0142").row
    store.save_answer(p, "my-support-map", "people", m.to_rows(), "1.1")
    store.save_answer(p, "reach-out-plan", "falling_first", row, "1.1")
    out = tmp_path / "card.pdf"
    assert main(["card", "--participant", p.code.lower(), "-o", str(out)]) == 0
    text = " ".join(page.extract_text() for page in PdfReader(out).pages)
    assert "Quillon" in text and "555-0142" in text and "988" in text
    # Names and phone numbers: owner-only, audited, and removed by `workshop forget`.
    assert out.stat().st_mode & 0o777 == 0o600
    assert [(e.action, e.target) for e in store.audit_log()][-1] == ("card", f"participant {p.id}")
    assert main(["forget", "--participant", p.code, "--yes"]) == 0
    assert not out.exists()


def test_card_for_an_unknown_code_says_so(capsys, home, tmp_path):
    """An unknown join code exits 1 with a message that names the problem."""
    assert main(["card", "--participant", "ZZZ-ZZZ-ZZZ", "-o", str(tmp_path / "x.pdf")]) == 1
    assert "no participant with join code" in capsys.readouterr().err
    assert not (tmp_path / "x.pdf").exists()


def test_facilitator_set_passphrase_from_stdin(home):
    """`workshop facilitator set-passphrase --stdin` sets the passphrase that opens the
    dashboard, keeps only a hash, and a short one is refused with a message."""
    from toolkit.access.passphrase import check_passphrase
    from toolkit.settings.config import Config
    from toolkit.store.store import Store

    def run(text: str) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", "toolkit.cli", "facilitator",
                               "set-passphrase", "--stdin"], input=text + "\n",
                              capture_output=True, text=True, timeout=120)

    short = run("too short")
    assert short.returncode == 1 and "10 characters" in short.stderr + short.stdout
    done = run("blue kettle on sunday")
    assert done.returncode == 0, done.stderr
    store = Store.open(Config.from_env())
    assert check_passphrase(store, "blue kettle on sunday")
    assert not check_passphrase(store, "blue kettle on monday")
    assert b"blue kettle" not in (home / "workshop.sqlite").read_bytes()


def test_help_says_what_the_tool_and_each_command_do_in_one_line(capsys, monkeypatch) -> None:
    """`workshop --help` in an 80-column terminal: one line for the tool, then each command
    with its help on one line."""
    monkeypatch.setenv("COLUMNS", "80")
    with pytest.raises(SystemExit) as info:
        main(["--help"])
    assert info.value.code == 0
    out = capsys.readouterr().out
    paragraphs = out.split("\n\n")
    assert "\n" not in paragraphs[1].strip()  # the description
    commands = [line.split(None, 1) for line in out.splitlines() if line.startswith("    ")]
    names = [c[0] for c in commands]
    assert {"check", "session", "serve", "demo", "pdf", "backup", "rotate-key",
            "facilitator"} <= set(names)
    assert all(len(c) == 2 and c[1].strip() for c in commands), out


def test_version(capsys) -> None:
    """`workshop --version` names the installed version."""
    from importlib.metadata import version

    with pytest.raises(SystemExit) as info:
        main(["--version"])
    assert info.value.code == 0
    assert capsys.readouterr().out.strip() == f"workshop {version('workshop-toolkit')}"


def test_module_runs_as_the_command() -> None:
    """`python -m toolkit.cli` is the `workshop` command (the server starts the dashboard so)."""
    out = subprocess.run([sys.executable, "-m", "toolkit.cli", "--version"],
                         capture_output=True, text=True, timeout=60)
    assert out.returncode == 0 and out.stdout.startswith("workshop ")


def test_a_bad_setting_is_one_clear_line(tmp_path, monkeypatch, capsys) -> None:
    """A setting that cannot be used ends the command with one line naming it, no traceback."""
    monkeypatch.setenv("WORKSHOP_HOME", str(tmp_path))
    monkeypatch.setenv("WORKSHOP_DB", "not a url")
    assert main(["session", "list"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("workshop: WORKSHOP_DB must be a SQLAlchemy URL")
    assert err.count("\n") == 1 and "Traceback" not in err
