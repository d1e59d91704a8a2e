"""The `workshop session`, `cards` and `export` commands: group sessions and their data."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from typing import Any

from toolkit.cli.context import load_worksheets, open_store
from toolkit.cli.errors import fail
from toolkit.cli.helptext import helped
from toolkit.cli.language import said, say, say_plural
from toolkit.store.files import write_private
from toolkit.text.languages import DEFAULT_LANGUAGE, LANGUAGES

MAX_PARTICIPANTS = 30
"""A workshop group is 6 to 30 people; a bigger group is better run as two sessions."""
MAX_NAME = 200  # the sessions.name column


def _session(store: Any, session_id: str) -> Any:
    try:
        return store.session(session_id)
    except LookupError:
        return None


def _no_session(session_id: str) -> int:
    return fail(say("cli_no_session", id=session_id))


def _created(session: Any) -> str:
    return dt.datetime.fromtimestamp(session.created_at).date().isoformat()


# --- workshop session ... -------------------------------------------------------------------


def _new(args: argparse.Namespace) -> int:
    from toolkit.store.demo import WORKSHOP_ORDER
    from toolkit.worksheet.loader import WorksheetError

    name = " ".join(args.name.split())
    if not name or len(name) > MAX_NAME:
        return fail(say("cli_name_length", most=MAX_NAME))
    if not 1 <= args.participants <= MAX_PARTICIPANTS:
        return fail(say("cli_participants_range", most=MAX_PARTICIPANTS, got=args.participants))
    wanted = (list(WORKSHOP_ORDER) if args.worksheets is None
              else [w.strip() for w in args.worksheets.split(",") if w.strip()])
    wanted = list(dict.fromkeys(wanted))
    config, store = open_store()
    try:
        known = load_worksheets(config)
    except WorksheetError as e:
        print(e, file=sys.stderr)
        return fail(say("cli_fix_worksheets"))
    if not wanted:
        return fail(say("cli_worksheets_empty"))
    unknown = [w for w in wanted if w not in known]
    if unknown:
        return fail(say("cli_unknown_worksheet", id=unknown[0], known=", ".join(sorted(known))))
    session = store.create_session(name, wanted, args.participants)
    first = store.add_meeting(session.id)
    store.audit("session new", f"session {session.id}",
                f"{args.participants} participants, worksheets {','.join(wanted)}"[:500],
                actor="cli")
    print(say_plural("cli_session_made", args.participants, id=session.id, name=session.name,
                     date=first.isoformat()))
    print(say("cli_session_worksheets", ids=", ".join(session.worksheets)))
    print(say("cli_join_codes"))
    for p in store.participants(session.id):
        print(f"  {p.code}")
    print(say("cli_print_cards_with",
              command=f"workshop cards --session {session.id} -o cards.pdf"))
    return 0


def _list(args: argparse.Namespace) -> int:
    _, store = open_store()
    sessions = store.sessions()
    if not sessions:
        print(say("cli_no_sessions"))
        return 0
    rows = [tuple(say(f"cli_col_{c}") for c in
                  ("id", "name", "created", "participants", "worksheets"))]
    rows += [(s.id, s.name, _created(s), str(len(store.participants(s.id))),
              ", ".join(s.worksheets)) for s in sessions]
    widths = [max(len(r[i]) for r in rows) for i in range(4)]
    for r in rows:
        print("  ".join(c.ljust(w) for c, w in zip(r[:4], widths, strict=True)) + "  " + r[4])
    return 0


def _show(args: argparse.Namespace) -> int:
    _, store = open_store()
    session = _session(store, args.id)
    if session is None:
        return _no_session(args.id)
    people = store.participants(session.id)
    meetings = store.meetings(session.id)
    fields = [("session", session.id), ("name", session.name),
              ("created", _created(session)),
              ("meetings", ", ".join(d.isoformat() for d in meetings)
               or say("cli_show_no_meetings")),
              ("worksheets", ", ".join(session.worksheets)),
              ("participants", str(len(people)))]
    labels = [say(f"cli_show_{field}") for field, _ in fields]
    width = max(len(label) for label in labels) + 1
    for label, (_, value) in zip(labels, fields, strict=True):
        print(f"{label.ljust(width)}{value}")
    print(say("cli_join_codes"))
    for p in people:
        print(f"  {p.code}")
    return 0


def _meeting(args: argparse.Namespace) -> int:
    _, store = open_store()
    if _session(store, args.id) is None:
        return _no_session(args.id)
    try:
        day = dt.date.fromisoformat(args.date) if args.date else None
    except ValueError:
        return fail(say("cli_date_format", got=args.date))
    day = store.add_meeting(args.id, day)
    print(say("cli_meeting_recorded", date=day.isoformat(), id=args.id))
    return 0


# --- workshop cards / export ----------------------------------------------------------------


def _cards(args: argparse.Namespace) -> int:
    from pathlib import Path
    from urllib.parse import urlsplit

    from toolkit.render.joincards import DEFAULT_URL, PER_PAGE, check_url, render_join_cards

    try:
        url = check_url(args.url or DEFAULT_URL)
    except ValueError as e:
        return fail(said(e))
    _, store = open_store()
    if _session(store, args.session) is None:
        return _no_session(args.session)
    people = store.participants(args.session)
    codes = [p.code for p in people]
    if not codes:
        return fail(say("cli_no_participants", id=args.session))
    out = Path(args.output)
    # The cards carry join codes: recorded so that forget and purge delete them too.
    store.record_export([out], args.session, [p.id for p in people], kind="join cards")
    pdf = render_join_cards(codes, url, lang=args.lang)
    write_private(out, pdf)  # codes open answers
    store.audit("cards", f"session {args.session}", f"{len(codes)} join cards printed to a "
                "PDF file", actor="cli")
    pages = -(-len(codes) // PER_PAGE)
    print(say_plural("cli_cards_written", len(codes), path=out,
                     pages=say_plural("cli_cards_pages", pages, per=PER_PAGE)))
    if urlsplit(url).hostname in ("127.0.0.1", "localhost", "::1"):
        print(say("cli_cards_this_computer", url=url), file=sys.stderr)
    return 0


def _export(args: argparse.Namespace) -> int:
    from toolkit.reports.export import export_session
    from toolkit.worksheet.loader import WorksheetError

    config, store = open_store()
    if _session(store, args.session) is None:
        return _no_session(args.session)
    try:
        worksheets = load_worksheets(config)
    except WorksheetError as e:
        print(e, file=sys.stderr)
        return fail(say("cli_fix_worksheets"))
    files = export_session(store, args.session, worksheets, args.output,
                           include_sensitive=args.include_sensitive)
    store.audit("export", f"session {args.session}",
                f"{len(files)} files, sensitive fields "
                f"{'included' if args.include_sensitive else 'left out'}", actor="cli")
    for f in files:
        print(f)
    print(say("cli_exported_sensitive" if args.include_sensitive else "cli_exported",
              id=args.session), file=sys.stderr)
    return 0


def add_session_commands(sub: Any) -> None:
    """Register `session`, `cards` and `export` on the `workshop` command's subparsers."""
    session = sub.add_parser("session", help=helped("help_session"))
    ssub = session.add_subparsers(dest="session_command", required=True)
    new = ssub.add_parser("new", help=helped("help_session_new"))
    new.add_argument("name", help=helped("help_session_name"))
    new.add_argument("--participants", type=int, required=True, metavar="N",
                     help=helped("help_session_participants", most=MAX_PARTICIPANTS))
    new.add_argument("--worksheets", metavar="A,B,...",
                     help=helped("help_session_worksheets"))
    new.set_defaults(func=_new)
    ls = ssub.add_parser("list", help=helped("help_session_list"))
    ls.set_defaults(func=_list)
    show = ssub.add_parser("show", help=helped("help_session_show"))
    show.add_argument("id", help=helped("help_session_show_id"))
    show.set_defaults(func=_show)
    meeting = ssub.add_parser("meeting", help=helped("help_session_meeting"))
    meeting.add_argument("id", help=helped("help_session_id"))
    meeting.add_argument("--date", metavar="YYYY-MM-DD", help=helped("help_meeting_date"))
    meeting.set_defaults(func=_meeting)

    # Not importing the renderer here: WeasyPrint takes a second or two to load.
    cards = sub.add_parser("cards", help=helped("help_cards"))
    cards.add_argument("--session", required=True, metavar="ID", help=helped("help_session_id"))
    cards.add_argument("--url", help=helped("help_cards_url"))
    cards.add_argument("--lang", default=DEFAULT_LANGUAGE, choices=list(LANGUAGES),
                       help=helped("help_cards_lang"))
    cards.add_argument("-o", "--output", default="cards.pdf", help=helped("help_pdf_file"))
    cards.set_defaults(func=_cards)
    export = sub.add_parser("export", help=helped("help_export"))
    export.add_argument("--session", required=True, metavar="ID",
                        help=helped("help_session_id"))
    export.add_argument("-o", "--output", required=True, metavar="DIR",
                        help=helped("help_export_output"))
    export.add_argument("--include-sensitive", action="store_true",
                        help=helped("help_export_sensitive"))
    export.set_defaults(func=_export)
