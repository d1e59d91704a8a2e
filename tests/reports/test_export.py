"""Exports: tidy long, wide and dictionary tables; CSV and Excel; sensitive fields left out."""

from __future__ import annotations

import datetime as dt
import stat

import openpyxl
import pandas as pd
import pytest
from support.worksheets import WORKSHEETS, one_section

from toolkit.cli import main
from toolkit.reports.export import (
    FILES,
    as_text,
    data_dictionary,
    export_session,
    export_tables,
    neutralise,
)
from toolkit.store.store import Participant, Store
from toolkit.supportmap.people import SupportMap
from toolkit.worksheet.loader import load_folder, parse_worksheet

pytestmark = pytest.mark.stores  # on SQLite and on PostgreSQL

NAME, OTHER_NAME, PHONE = "Philomena Gracklethorpe", "Barnaby Fiddlewick", "555-0123-9876"
WORRY = "PRIVATE-WORRY-about-my-brother"
OTHER_TEXT = "SECRET-OTHER-treatment"  # `.other` text of a sensitive item
SESSION_SHEETS = ["my-support-map", "opening-up", "reach-out-plan", "mspss", "t"]
SENSITIVE_CHOICE = one_section("""\
    - id: who
      type: single_choice
      text: Who would you tell?
      sensitive: true
      other: true
      choices: [{value: friend, label: A friend}]
""")


@pytest.fixture(scope="module")
def sheets():
    """The shipped worksheets and `t`, whose one question is sensitive and has "other"."""
    return {**load_folder(WORKSHEETS), "t": parse_worksheet(SENSITIVE_CHOICE)}


def _session(store: Store) -> tuple[str, list[Participant]]:
    """Two participants with names, phones, free text, lists, repeats and hostile text."""
    session = store.create_session("Export group", SESSION_SHEETS, 2)
    a, b = store.participants(session.id)
    store.record_consent(a)
    store.record_consent(b)
    m = SupportMap()
    first = m.add(NAME, "closest", kind="family", supports="yes", phone=PHONE, note="listens")
    m.add(OTHER_NAME, "wider", supports="unsure")
    store.save_answers(a, "my-support-map", {"people": m.to_rows(), "map_worry": WORRY,
                                             "map_strengths": "=1+1"}, "1.1")
    store.save_answers(a, "opening-up", {
        "readiness": 6, "why_not_lower": "+SUM(A1)", "one_point_higher": "-2+3",
        "barriers": ["judged", "other"], "barriers.other": "@cmd and more"}, "1.0")
    store.save_answers(a, "reach-out-plan", {"falling_first": first.row}, "1.0")
    store.save_answers(a, "mspss", {f"item{i}": 5 for i in range(1, 13)}, "1.0")
    store.save_answer(a, "mspss", "item3", 7, "1.0")  # a later version wins
    store.save_answer(a, "mspss", "_status", "done", "1.0")
    store.save_answers(b, "opening-up", {"readiness": 2}, "1.0")
    store.save_answers(b, "t", {"who": "other", "who.other": OTHER_TEXT}, "1")
    return session.id, [a, b]


def _expected_long(store: Store, people: list[Participant], sheets) -> set[tuple[str, ...]]:
    """(participant, worksheet, item, value) the long table must hold, from Store.latest."""
    expected = set()
    for p in people:
        for wid, answers in store.latest(p).items():
            for item, value in answers.items():
                if item.startswith("_"):
                    continue
                if isinstance(value, list) and value and isinstance(value[0], dict):
                    for n, row in enumerate(value, 1):
                        expected |= {(p.code, wid, f"{item}[{n}].{k}", as_text(v))
                                     for k, v in row.items() if k != "_row"}
                else:
                    expected.add((p.code, wid, item, as_text(value)))
    return expected


def test_long_csv_round_trips_to_the_stores_latest_values(store, sheets, tmp_path):
    """Read back with pandas, long.csv holds exactly the latest values (sensitive included)."""
    sid, people = _session(store)
    export_session(store, sid, sheets, tmp_path, include_sensitive=True)
    back = pd.read_csv(tmp_path / "long.csv", dtype=str, keep_default_na=False)
    values = back["value"].str.removeprefix("'")  # formula guard: see the injection test
    got = set(zip(back.participant, back.worksheet, back["item"], values, strict=True))
    expected = _expected_long(store, people, sheets)
    person = [(people[0].code, "reach-out-plan", "falling_first", NAME)]  # shown by name
    expected = {e for e in expected if e[2] != "falling_first"} | set(person)
    assert got == expected
    assert list(back.columns) == ["participant", "worksheet", "worksheet_version", "lang",
                                  "item", "label", "type", "value", "sensitive", "saved_at"]


def test_long_table_columns_labels_lists_and_repeat_rows(store, sheets):
    """Lists join with '; ', repeats flatten to people[1].name, labels are the question text."""
    sid, people = _session(store)
    long = export_tables(store, sid, sheets, include_sensitive=True).long
    rows = long.set_index(["participant", "item"])
    a = people[0].code
    assert rows.loc[(a, "barriers"), "value"] == "judged; other"
    assert rows.loc[(a, "people[1].name"), "value"] == NAME
    assert rows.loc[(a, "people[2].supports_recovery"), "value"] == "unsure"
    assert rows.loc[(a, "people[1].ring"), "type"] == "single_choice"
    assert rows.loc[(a, "item3"), "label"] == "My family really tries to help me."
    assert rows.loc[(a, "item3"), "value"] == "7"
    assert rows.loc[(a, "barriers.other"), "type"] == "other_text"
    assert not any(long["item"].str.startswith("_")), "app markers are not answers"


def test_saved_at_is_the_iso_time_of_the_latest_version(store, sheets):
    """saved_at parses as an ISO datetime equal to the item's newest history entry."""
    sid, people = _session(store)
    long = export_tables(store, sid, sheets).long
    row = long[(long.participant == people[0].code) & (long["item"] == "item3")].iloc[0]
    newest = store.history(people[0], "mspss", "item3")[-1]
    assert dt.datetime.fromisoformat(row.saved_at).timestamp() == pytest.approx(
        newest.saved_at, abs=1)
    assert row.worksheet_version == "1.0"


def test_sensitive_fields_are_left_out_by_default(store, sheets, tmp_path):
    """Names, phones, person picks, sensitive text and its `.other` appear in no file."""
    sid, _ = _session(store)
    export_session(store, sid, sheets, tmp_path)
    wide = pd.read_csv(tmp_path / "wide.csv", dtype=str)
    for column in ("people[1].name", "people[1].phone", "falling_first", "map_worry", "who",
                   "who.other"):
        assert column not in wide.columns
    assert "people[1].ring" in wide.columns
    long = pd.read_csv(tmp_path / "long.csv", dtype=str)
    assert set(long.sensitive) == {"False"}
    for f in FILES[:3]:
        text = (tmp_path / f).read_text(encoding="utf-8-sig")
        for secret in (NAME, OTHER_NAME, PHONE, WORRY, OTHER_TEXT):
            assert secret not in text, (f, secret)
    book = openpyxl.load_workbook(tmp_path / "workshop-export.xlsx")
    cells = {str(c.value) for ws in book for row in ws.iter_rows() for c in row}
    assert not any(s in c for c in cells for s in (NAME, OTHER_NAME, PHONE, WORRY))


def test_sensitive_fields_are_present_when_asked_for(store, sheets):
    """include_sensitive=True brings names, phones, person picks and sensitive text back."""
    sid, _ = _session(store)
    tables = export_tables(store, sid, sheets, include_sensitive=True)
    for column in ("people[1].name", "people[1].phone", "falling_first", "map_worry",
                   "who.other"):
        assert column in tables.wide.columns
    sensitive = tables.long[tables.long.sensitive]
    assert {NAME, OTHER_NAME, PHONE, WORRY, OTHER_TEXT} <= set(sensitive.value)
    assert not tables.long[~tables.long.sensitive]["value"].isin([NAME, PHONE]).any()


def test_wide_table_has_a_row_per_participant_and_worksheet(store, sheets):
    """Wide: one row per participant x worksheet answered, one column per item, in order."""
    sid, people = _session(store)
    wide = export_tables(store, sid, sheets).wide
    keys = list(zip(wide.participant, wide.worksheet, strict=True))
    a, b = (p.code for p in people)
    assert keys == [(a, "my-support-map"), (a, "opening-up"), (a, "mspss"), (b, "opening-up")]
    # b's only answers to `t` are sensitive, so `t` has no row for b
    mspss = wide.set_index(["participant", "worksheet"]).loc[(a, "mspss")]
    assert [mspss[f"item{i}"] for i in range(1, 13)] == ["5", "5", "7", *["5"] * 9]
    columns = list(wide.columns)
    assert columns.index("people[1].ring") < columns.index("people[2].ring") < columns.index(
        "map_strengths")


def test_formula_injection_is_neutralised_in_csv_and_excel(store, sheets, tmp_path):
    """Text starting with = + - @ gets a leading quote in CSV and Excel; no cell is a formula."""
    sid, _ = _session(store)
    export_session(store, sid, sheets, tmp_path)
    long = pd.read_csv(tmp_path / "long.csv", dtype=str).set_index("item")
    assert long.loc["map_strengths", "value"] == "'=1+1"
    assert long.loc["why_not_lower", "value"] == "'+SUM(A1)"
    assert long.loc["one_point_higher", "value"] == "'-2+3"
    assert long.loc["barriers.other", "value"] == "'@cmd and more"
    wide = pd.read_csv(tmp_path / "wide.csv", dtype=str)
    assert "'=1+1" in set(wide["map_strengths"])
    book = openpyxl.load_workbook(tmp_path / "workshop-export.xlsx")
    cells = [c for ws in book for row in ws.iter_rows() for c in row]
    assert all(c.data_type != "f" for c in cells)
    texts = {c.value for c in cells if isinstance(c.value, str)}
    assert {"'=1+1", "'+SUM(A1)", "'-2+3", "'@cmd and more"} <= texts
    assert not any(t.startswith(("=", "+", "@")) for t in texts)


def test_neutralise_leaves_plain_numbers_and_ordinary_text_alone():
    """'-3' and '2.5' stay numbers and 'hello' stays as typed; '-cmd' and tab/CR are guarded."""
    assert [neutralise(v) for v in ("-3", "-2.5", "2.5", "hello", 7, None)] == [
        "-3", "-2.5", "2.5", "hello", 7, None]
    assert [neutralise(v) for v in ("-cmd", "\t=1", "\r=1")] == ["'-cmd", "'\t=1", "'\r=1"]


def test_excel_opens_with_three_sheets(store, sheets, tmp_path):
    """workshop-export.xlsx opens with openpyxl and has the long, wide and dictionary sheets."""
    sid, _ = _session(store)
    export_session(store, sid, sheets, tmp_path)
    book = openpyxl.load_workbook(tmp_path / "workshop-export.xlsx")
    assert book.sheetnames == ["long", "wide", "dictionary"]
    assert [c.value for c in book["long"][1]][:4] == ["participant", "worksheet",
                                                       "worksheet_version", "lang"]
    rows = len(data_dictionary([sheets[w] for w in SESSION_SHEETS]))
    assert book["dictionary"].max_row == rows + 1


def test_control_characters_in_answers_do_not_break_the_workbook(store, sheets, tmp_path):
    """A bell or escape typed into an answer is dropped from Excel instead of failing."""
    session = store.create_session("Odd text", ["opening-up"], 1)
    [p] = store.participants(session.id)
    store.record_consent(p)
    store.save_answer(p, "opening-up", "why_not_lower", "ring\x07ring \x1b[0m", "1.0")
    export_session(store, session.id, sheets, tmp_path)
    book = openpyxl.load_workbook(tmp_path / "workshop-export.xlsx")
    assert "ringring [0m" in {c.value for row in book["long"].iter_rows() for c in row}


def test_dictionary_lists_choice_codes_labels_and_sensitive_flags(sheets):
    """The dictionary gives '1=Very Strongly Disagree; ...', repeat fields and the flags."""
    d = data_dictionary([sheets["mspss"], sheets["my-support-map"], sheets["opening-up"]])
    rows = d.set_index(["worksheet", "item"])
    assert rows.loc[("mspss", "item1"), "choices"] == (
        "1=Very Strongly Disagree; 2=Strongly Disagree; 3=Mildly Disagree; 4=Neutral; "
        "5=Mildly Agree; 6=Strongly Agree; 7=Very Strongly Agree")
    assert rows.loc[("mspss", "item1"), "type"] == "scale"
    assert bool(rows.loc[("my-support-map", "people[n].name"), "sensitive"]) is True
    assert bool(rows.loc[("my-support-map", "people[n].ring"), "sensitive"]) is False
    assert rows.loc[("opening-up", "readiness"), "choices"].startswith("0-10; 0=")
    assert rows.loc[("opening-up", "barriers"), "choices"].endswith("other=Other, please say")
    assert ("opening-up", "barriers.other") in rows.index
    assert list(d.columns) == ["worksheet", "item", "label", "type", "choices", "sensitive",
                               "languages"]


def test_person_items_and_their_sensitive_others_are_flagged(sheets):
    """Person picks are sensitive even unflagged, and so is `.other` text of a sensitive item."""
    d = data_dictionary(sheets.values()).set_index(["worksheet", "item"])
    assert bool(d.loc[("reach-out-plan", "falling_first"), "sensitive"]) is True
    assert bool(d.loc[("t", "who.other"), "sensitive"]) is True
    others = [(k, v) for k, v in d["sensitive"].items() if k[1].endswith(".other")]
    for (wid, item), flag in others:
        assert flag == bool(d.loc[(wid, item.removesuffix(".other")), "sensitive"])


def test_answers_to_items_no_longer_in_the_worksheet_count_as_sensitive(store, sheets):
    """An item id the worksheet no longer has is exported only with sensitive fields."""
    session = store.create_session("Old answers", ["opening-up"], 1)
    [p] = store.participants(session.id)
    store.record_consent(p)
    store.save_answer(p, "opening-up", "removed_question", "old text", "0.9")
    assert export_tables(store, session.id, sheets).long.empty
    long = export_tables(store, session.id, sheets, include_sensitive=True).long
    assert long.iloc[0][["item", "type", "sensitive"]].tolist() == [
        "removed_question", "unknown", True]


def test_export_files_are_owner_only(store, sheets, tmp_path):
    """Every export file is readable by its owner only (they hold client answers)."""
    sid, _ = _session(store)
    files = export_session(store, sid, sheets, tmp_path / "out")
    assert [f.name for f in files] == list(FILES)
    for f in files:
        assert stat.S_IMODE(f.stat().st_mode) == 0o600


def test_export_command_writes_four_files(store, tmp_path, capsys):
    """`workshop export --session ID -o DIR` writes the files; --include-sensitive adds names."""
    sid, _ = _session(store)
    assert main(["export", "--session", sid, "-o", str(tmp_path / "plain")]) == 0
    assert sorted(p.name for p in (tmp_path / "plain").iterdir()) == sorted(FILES)
    assert NAME not in (tmp_path / "plain" / "long.csv").read_text(encoding="utf-8-sig")
    assert main(["export", "--session", sid, "-o", str(tmp_path / "all"),
                 "--include-sensitive"]) == 0
    assert NAME in (tmp_path / "all" / "long.csv").read_text(encoding="utf-8-sig")
    assert "sensitive fields left out" in capsys.readouterr().err


def test_export_command_unknown_session_fails(home, capsys):
    """An unknown session id exits 1 with a message saying how to list sessions."""
    assert main(["export", "--session", "s-nope", "-o", str(home / "x")]) == 1
    assert "workshop session list" in capsys.readouterr().err


def test_export_files_are_recorded_with_the_participants_they_hold(store, sheets, tmp_path):
    """export_session records each file it writes, with the ids of the participants in it,
    so that `workshop forget` can find and delete them."""
    sid, (a, b) = _session(store)
    [c] = store.add_participants(sid, 1)  # no answers: not in the files
    files = export_session(store, sid, sheets, tmp_path / "out")
    recorded = store.export_files(sid)
    assert [f.path for f in recorded] == [f.resolve() for f in files]
    assert {f.participant_ids for f in recorded} == {tuple(sorted((a.id, b.id)))}
    assert store.export_files(sid, participant_id=c.id) == []
