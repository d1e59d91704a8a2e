"""`workshop session new/list/show/meeting` and the store's meetings."""

from __future__ import annotations

import datetime as dt
import re

import sqlalchemy as sa

from toolkit.cli import main
from toolkit.store import codes
from toolkit.store.demo import WORKSHOP_ORDER
from toolkit.store.store import SCHEMA_VERSION, Store, schema_version

CODE = re.compile(r"^  ([2-9A-Z]{3}-[2-9A-Z]{3}-[2-9A-Z]{3})$", re.M)


def _new(capsys, *args: str) -> tuple[str, str]:
    """Run `session new`, returning the new session's id and the output."""
    assert main(["session", "new", *args]) == 0
    out = capsys.readouterr().out
    return re.search(r"^session (s-[0-9a-f]{8}) ", out, re.M).group(1), out


def test_new_makes_the_session_with_its_join_codes(home, capsys):
    """`session new` stores the session and prints N valid, distinct join codes."""
    sid, out = _new(capsys, "Tuesday group", "--participants", "12")
    printed = CODE.findall(out)
    assert len(printed) == len(set(printed)) == 12
    assert all(codes.normalize(c) == c for c in printed)
    store = Store.open()
    assert store.session(sid).name == "Tuesday group"
    assert [p.code for p in store.participants(sid)] == printed


def test_new_defaults_to_the_whole_workshop_in_order(home, capsys):
    """Without --worksheets a session gets WORKSHOP_ORDER."""
    sid, _ = _new(capsys, "G", "--participants", "6")
    assert Store.open().session(sid).worksheets == WORKSHOP_ORDER


def test_new_keeps_the_given_worksheets_in_their_order(home, capsys):
    """--worksheets 'mspss, barc-10,opening-up' is stored as written, spaces trimmed."""
    sid, _ = _new(capsys, "G", "--participants", "6", "--worksheets",
                  "mspss, barc-10,opening-up")
    assert Store.open().session(sid).worksheets == ("mspss", "barc-10", "opening-up")


def test_new_records_the_first_meeting_today(home, capsys):
    """The day a session is made is its first meeting."""
    sid, out = _new(capsys, "G", "--participants", "6")
    today = dt.date.today()
    assert Store.open().meetings(sid) == [today]
    assert f"first meeting {today.isoformat()}" in out


def test_new_with_an_unknown_worksheet_names_it_and_the_known_ones(home, capsys):
    """An unknown id exits 1 naming the id and every known worksheet; nothing is made."""
    assert main(["session", "new", "G", "--participants", "6",
                 "--worksheets", "mspss,my-suport-map"]) == 1
    err = capsys.readouterr().err
    assert "unknown worksheet 'my-suport-map'" in err
    assert all(w in err for w in WORKSHOP_ORDER)
    assert Store.open().sessions() == []


def test_new_refuses_a_participant_count_out_of_range(home, capsys):
    """0 or 31 participants exits 1 with the allowed range."""
    for n in ("0", "31"):
        assert main(["session", "new", "G", "--participants", n]) == 1
        assert "1 to 30" in capsys.readouterr().err
    assert Store.open().sessions() == []


def test_new_refuses_a_blank_name(home, capsys):
    """A name of only spaces exits 1."""
    assert main(["session", "new", "   ", "--participants", "6"]) == 1
    assert "session name" in capsys.readouterr().err


def test_list_shows_id_name_date_count_and_worksheets(home, capsys):
    """`session list` prints a header and one line per session with its facts."""
    a, _ = _new(capsys, "Tuesday group", "--participants", "7", "--worksheets", "mspss")
    b, _ = _new(capsys, "Thursday group", "--participants", "9")
    assert main(["session", "list"]) == 0
    header, *lines = capsys.readouterr().out.splitlines()
    assert header.split() == ["id", "name", "created", "participants", "worksheets"]
    today = dt.date.today().isoformat()
    assert lines[0].split("  ")[0] == a and "Tuesday group" in lines[0]
    assert re.search(rf"{today}\s+7\s+mspss$", lines[0])
    assert lines[1].startswith(b) and re.search(rf"{today}\s+9\s+safe-relationships, ", lines[1])


def test_list_with_no_sessions_says_how_to_make_one(home, capsys):
    """With no sessions, `session list` exits 0 and points at `session new`."""
    assert main(["session", "list"]) == 0
    assert "workshop session new" in capsys.readouterr().out


def test_show_prints_details_and_every_join_code(home, capsys):
    """`session show ID` prints name, dates, worksheets, count and the join codes."""
    sid, out = _new(capsys, "Tuesday group", "--participants", "6", "--worksheets", "mspss")
    assert main(["session", "show", sid]) == 0
    shown = capsys.readouterr().out
    assert CODE.findall(shown) == CODE.findall(out)
    assert "name:         Tuesday group" in shown
    assert f"meetings:     {dt.date.today().isoformat()}" in shown
    assert "worksheets:   mspss" in shown and "participants: 6" in shown


def test_show_unknown_session_fails(home, capsys):
    """An unknown id exits 1 and says how to list the sessions."""
    assert main(["session", "show", "s-00000000"]) == 1
    assert "no session 's-00000000'" in capsys.readouterr().err


def test_meeting_records_a_later_meeting(home, capsys):
    """`session meeting ID --date` adds a meeting day; a bad date exits 1."""
    sid, _ = _new(capsys, "G", "--participants", "6")
    assert main(["session", "meeting", sid, "--date", "2099-01-05"]) == 0
    assert Store.open().meetings(sid)[-1] == dt.date(2099, 1, 5)
    assert main(["session", "meeting", sid, "--date", "05/01/2099"]) == 1
    assert "2026-01-31" in capsys.readouterr().err


def test_add_meeting_counts_a_day_once_and_lists_in_order(home):
    """Recording a day twice keeps one; meetings() is oldest first."""
    store = Store.open()
    session = store.create_session("G", ["mspss"])
    for day in (dt.date(2026, 2, 9), dt.date(2026, 2, 2), dt.date(2026, 2, 9)):
        store.add_meeting(session.id, day)
    assert store.meetings(session.id) == [dt.date(2026, 2, 2), dt.date(2026, 2, 9)]
    assert store.meetings("s-other") == []


def test_meetings_table_is_made_with_the_store(home):
    """A fresh store has the meetings table, stamped with the current schema version."""
    store = Store.open()
    assert "meetings" in sa.inspect(store.engine).get_table_names()
    with store.transaction() as conn:
        assert conn.execute(sa.select(schema_version.c.version)).scalars().all() == [SCHEMA_VERSION]


def test_cards_are_owner_only_recorded_and_audited(home, capsys, tmp_path):
    """`workshop cards` writes a 0600 PDF (the codes open answers), records it as a file
    holding every participant (so forget deletes it) and leaves an ids-only audit line."""
    import stat

    sid, out = _new(capsys, "G", "--participants", "3", "--worksheets", "mspss")
    pdf = tmp_path / "cards.pdf"
    assert main(["cards", "--session", sid, "-o", str(pdf)]) == 0
    assert stat.S_IMODE(pdf.stat().st_mode) == 0o600
    store = Store.open()
    [made] = store.export_files(sid)
    assert (made.path, made.kind) == (pdf.resolve(), "join cards")
    assert made.participant_ids == tuple(p.id for p in store.participants(sid))
    line = store.audit_log()[-1]
    assert (line.actor, line.action, line.target) == ("cli", "cards", f"session {sid}")
    assert not any(c in line.detail for c in CODE.findall(out))
