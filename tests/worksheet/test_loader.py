"""Loading worksheets: every item type loads, a Problem names file, line, item and a fix,
and files and folders load or say why not.

The mistakes a worksheet author can make are in test_loader_errors.py (schema and YAML) and
test_checks.py (cross-references).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from support.worksheets import HEAD, SHIPPED, WORKSHEETS, line_of, one_section, problems_of

from toolkit.worksheet.loader import (
    Problem,
    WorksheetError,
    load_folder,
    load_worksheet,
    parse_worksheet,
)
from toolkit.worksheet.messages import msg
from toolkit.worksheet.model import (
    Date,
    LongText,
    MultiChoice,
    Note,
    Number,
    Repeat,
    Scale,
    ShortText,
    SingleChoice,
    YesNoUnsure,
)

EVERY_TYPE = one_section("""\
    - id: intro_note
      type: note
      text: Read this first.
    - id: nickname
      type: short_text
      text: A nickname
      sensitive: true
    - id: story
      type: long_text
      text: Tell me more
      rows: 3
    - id: kind
      type: single_choice
      text: Which kind?
      choices: kinds
      other: true
    - id: kinds_many
      type: multi_choice
      text: Which kinds?
      choices:
        - {value: a, label: A}
        - {value: b, label: B}
      max_selected: 1
    - id: agree
      type: scale
      text: How much?
      choices: kinds
    - id: ready
      type: scale
      text: How ready?
      ruler: {min: 0, max: 10, min_label: Not, max_label: Very}
    - id: sure
      type: yes_no_unsure
      text: Sure?
    - id: count
      type: number
      text: How many?
      min: 0
      max: 9
      unit: times
    - id: when
      type: date
      text: When?
    - id: people
      type: repeat
      text: People
      fields:
        - id: name
          type: short_text
          text: Name
          sensitive: true
        - id: close
          type: yes_no_unsure
          text: Close?
""", head=HEAD + "choice_sets:\n  kinds:\n    - {value: 1, label: One}\n"
     "    - {value: 2, label: Two}\n")


# --- what loads ---------------------------------------------------------------------------


def test_every_item_type_loads_as_its_model_class():
    """One item of each of the ten types loads into the matching model class."""
    ws = parse_worksheet(EVERY_TYPE, "every.yaml")
    kinds = {it.id: type(it) for it in ws.items()}
    assert kinds == {
        "intro_note": Note, "nickname": ShortText, "story": LongText, "kind": SingleChoice,
        "kinds_many": MultiChoice, "agree": Scale, "ready": Scale, "sure": YesNoUnsure,
        "count": Number, "when": Date, "people": Repeat,
    }


def test_repeat_fields_load_inside_their_repeat():
    """A repeat's fields are models of their own types and not top-level items."""
    ws = parse_worksheet(EVERY_TYPE, "every.yaml")
    people = ws.item("people")
    assert [(f.id, type(f)) for f in people.fields] == [("name", ShortText),
                                                        ("close", YesNoUnsure)]
    assert "name" not in {it.id for it in ws.items()}


def test_named_choice_set_and_ruler_resolve_to_choices():
    """choices_for resolves a named set, an inline list and a ruler to Choice lists."""
    ws = parse_worksheet(EVERY_TYPE, "every.yaml")
    assert [c.value for c in ws.choices_for(ws.item("kind"))] == [1, 2]
    assert [c.value for c in ws.choices_for(ws.item("kinds_many"))] == ["a", "b"]
    assert [c.value for c in ws.choices_for(ws.item("ready"))] == list(range(11))


def test_yes_stays_text_under_yaml_1_2():
    """`yes`, `no` and `on` stay strings (YAML 1.2 booleans are only true/false)."""
    text = one_section("""\
        - id: q
          type: single_choice
          text: Q
          choices:
            - {value: yes, label: Yes}
            - {value: no, label: No}
            - {value: on, label: On}
        - id: follow
          type: short_text
          text: F
          show_if: {item: q, equals: yes}
          sensitive: true
    """)
    ws = parse_worksheet(text)
    assert [c.value for c in ws.choices_for(ws.item("q"))] == ["yes", "no", "on"]
    assert [c.label for c in ws.choices_for(ws.item("q"))] == ["Yes", "No", "On"]
    assert ws.item("follow").show_if.equals == "yes"
    assert ws.item("follow").sensitive is True


def test_date_like_text_stays_text():
    """A date-looking value (even an impossible one) is text, not a YAML 1.1 timestamp."""
    text = one_section("""\
        - id: q
          type: short_text
          text: 2024-13-45
          placeholder: 2024-01-31
    """)
    ws = parse_worksheet(text)
    assert ws.item("q").text == "2024-13-45"
    assert ws.item("q").placeholder == "2024-01-31"


def test_version_written_as_a_number_is_kept_as_text():
    """`version: 1` and `version: 1.2` become the text '1' and '1.2'."""
    text = one_section("- {id: q, type: date, text: Q}\n")
    assert parse_worksheet(text).version == "1"
    assert parse_worksheet(text.replace("\nversion: 1\n", "\nversion: 1.2\n")).version == "1.2"


def test_load_folder_loads_all_nine_shipped_worksheets():
    """load_folder('worksheets') returns the nine shipped worksheets by id."""
    found = load_folder(WORKSHEETS)
    assert sorted(found) == sorted(SHIPPED)
    assert all(ws.id == key for key, ws in found.items())


def test_load_folder_from_relative_path(monkeypatch):
    """load_folder accepts the relative folder name used in the README."""
    monkeypatch.chdir(WORKSHEETS.parent)
    assert set(load_folder("worksheets")) == set(SHIPPED)


# --- the Problem ---------------------------------------------------------------------------


def test_problem_prints_as_file_line_item_message():
    """A Problem prints as `file:line: item 'id': message` (the item part only when known)."""
    twice = msg("yaml_key_twice", key="text")
    assert str(Problem("a.yaml", 3, twice, "q1")) == (
        "a.yaml:3: item 'q1': key 'text' is written twice here; keep one")
    assert str(Problem("a.yaml", 3, twice)) == (
        "a.yaml:3: key 'text' is written twice here; keep one")


def test_a_problem_is_said_in_a_language_with_the_same_file_line_item_and_key():
    """The same Problem in Spanish: its file, line, item and the YAML key stay as they are."""
    problem = Problem("a.yaml", 3, msg("load_missing", key="text"), "q1")
    assert problem.say("es") == "a.yaml:3: elemento 'q1': falta `text:`; agréguelo"
    assert problem.message == "`text:` is missing; add it"


def test_worksheet_error_is_a_value_error_listing_every_problem():
    """WorksheetError is a ValueError whose text has one line per problem."""
    err = WorksheetError([Problem("a.yaml", 1, msg("load_no_file")),
                          Problem("a.yaml", 2, msg("load_not_utf8"))])
    assert isinstance(err, ValueError)
    assert str(err) == "a.yaml:1: file not found\na.yaml:2: save this file as UTF-8 text"


def test_every_problem_is_reported_at_once_in_line_order():
    """Two independent mistakes are both reported, sorted by line."""
    text = one_section("""\
        - id: a
          type: short_text
          text: A
          max_lenght: 10
        - id: b
          type: short_txt
          text: B
    """)
    found = problems_of(text)
    assert [p.line for p in found] == [line_of(text, "max_lenght"),
                                       line_of(text, "short_txt")]
    assert [p.item for p in found] == ["a", "b"]


# --- files ---------------------------------------------------------------------------------


def test_file_name_must_match_id(tmp_path):
    """A file whose name is not `<id>.yaml` is refused, naming the rename."""
    path = tmp_path / "other-name.yaml"
    path.write_text(one_section("- {id: a, type: date, text: A}\n"), encoding="utf-8")
    with pytest.raises(WorksheetError) as info:
        load_worksheet(path)
    [p] = info.value.problems
    assert (p.file, p.line) == (str(path), 1)
    assert "does not match the file name" in p.message and "t.yaml" in p.message


def test_problems_from_a_file_name_that_file(tmp_path):
    """Problems found loading a file carry that file's path."""
    path = tmp_path / "t.yaml"
    path.write_text(one_section("- {id: a, type: date, text: A, sensitiv: true}\n"))
    with pytest.raises(WorksheetError) as info:
        load_worksheet(path)
    assert [p.file for p in info.value.problems] == [str(path)]


def test_missing_file_is_a_problem(tmp_path):
    """A file that does not exist is a WorksheetError, not an OSError."""
    with pytest.raises(WorksheetError, match="file not found"):
        load_worksheet(tmp_path / "nope.yaml")


def test_non_utf8_file_is_a_problem(tmp_path):
    """A file saved in another encoding asks to be saved as UTF-8."""
    path = tmp_path / "t.yaml"
    path.write_bytes(one_section("- {id: a, type: date, text: Año}\n").encode("latin-1"))
    with pytest.raises(WorksheetError, match="UTF-8"):
        load_worksheet(path)


def test_load_folder_reports_problems_of_every_file(tmp_path: Path):
    """load_folder lists the problems of all bad files, not only the first."""
    good = one_section("- {id: a, type: date, text: A}\n")
    (tmp_path / "t.yaml").write_text(good)
    (tmp_path / "b1.yaml").write_text(good.replace("id: t", "id: b1").replace("text: A", "x: 1"))
    (tmp_path / "b2.yaml").write_text("- not a mapping\n")
    with pytest.raises(WorksheetError) as info:
        load_folder(tmp_path)
    assert {Path(p.file).name for p in info.value.problems} == {"b1.yaml", "b2.yaml"}
