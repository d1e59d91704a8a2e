"""`workshop pdf`, `packet` and `card`: printable worksheets, blank or filled, one or a
group's, and a participant's wallet card.

Errors are one line on stderr with exit status 1. Nothing printed here contains answer text.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from toolkit.cli.errors import fail
from toolkit.cli.helptext import helped
from toolkit.cli.language import say, say_plural
from toolkit.store.files import write_private
from toolkit.text.languages import DEFAULT_LANGUAGE, LANGUAGES

PAPERS = ("letter", "a4")



def _setup(args: argparse.Namespace, lang: str | None = None) -> tuple[Any, Any, Any]:
    """The configuration, the worksheets, and the print options: in `--lang` if given, else
    in `lang` (a participant's own), else in the default language."""
    from toolkit.render.printout import PrintOptions
    from toolkit.settings.config import Config
    from toolkit.worksheet.loader import load_folder

    config = Config.from_env()
    worksheets = load_folder(config.worksheets_dir)
    chosen = args.lang or lang or DEFAULT_LANGUAGE
    return config, worksheets, PrintOptions.from_config(config, chosen, args.paper)


def _unknown_worksheet(name: str, worksheets: dict[str, Any]) -> int:
    return fail(say("cli_no_worksheet", id=name, known=", ".join(sorted(worksheets))))


def _unknown_code(code: str) -> int:
    return fail(say("cli_no_participant_with_code", code=code))


def _pdf(args: argparse.Namespace) -> int:
    from toolkit.render.printout import blank_pdf, filled_pdf, participant_answers
    from toolkit.settings.config import Config

    if args.all == bool(args.worksheet):
        return fail(say("cli_one_or_all"))
    person = store = participant = None
    if args.participant:
        from toolkit.store.store import Store

        store = Store.open(Config.from_env())
        participant = store.participant_by_code(args.participant)
        if participant is None:
            return _unknown_code(args.participant)
    # A participant's printout is in their own language unless --lang says otherwise.
    _, worksheets, options = _setup(args, participant.lang if participant else None)
    if args.worksheet and args.worksheet not in worksheets:
        return _unknown_worksheet(args.worksheet, worksheets)
    chosen = list(worksheets) if args.all else [args.worksheet]
    if participant is not None:
        person = participant_answers(store, participant, chosen)

    def write(out: Path, wid: str) -> None:
        ws = worksheets[wid]
        if person is None:
            out.write_bytes(blank_pdf(ws, options))
            return
        # A filled worksheet is a health record: owner-only, recorded for `workshop forget`.
        store.record_export([out], participant.session_id, [participant.id], kind="printout")
        write_private(out, filled_pdf(ws, person, options))
        store.audit("printed", f"participant {participant.id}", f"worksheet {wid} to a PDF",
                    actor="cli")

    if not args.all:
        out = Path(args.output or f"{args.worksheet}.pdf")
        write(out, args.worksheet)
        print(say("cli_blank_written" if person is None else "cli_filled_written", path=out))
        return 0
    folder = Path(args.output or ".")
    if folder.exists() and not folder.is_dir():
        return fail(say("cli_output_is_file", path=folder))
    folder.mkdir(parents=True, exist_ok=True)
    for wid in chosen:
        write(folder / f"{wid}.pdf", wid)
    print(say_plural("cli_blanks_written" if person is None else "cli_filleds_written",
                     len(chosen), path=folder))
    return 0


def _packet(args: argparse.Namespace) -> int:
    from tqdm import tqdm

    from toolkit.render.packet import build_packet
    from toolkit.store.store import Store

    config, worksheets, options = _setup(args)
    ids = [w.strip() for w in args.worksheets.split(",") if w.strip()] if args.worksheets \
        else None
    for wid in ids or ():
        if wid not in worksheets:
            return _unknown_worksheet(wid, worksheets)
    store = Store.open(config)
    try:
        store.session(args.session)
    except LookupError:
        known = ", ".join(s.id for s in store.sessions()) or say("cli_none_yet")
        return fail(say("cli_no_session_known", id=args.session, known=known))
    bars: list[tqdm] = []

    def progress(done: int, total: int) -> None:
        # Made on the first call, once the workers exist: tqdm starts a thread, and a
        # process with threads gets its workers from a slower fork server.
        if not bars:
            bars.append(tqdm(total=total, unit=say("cli_progress_unit"),
                             desc=say("cli_progress_printing"), leave=False, file=sys.stderr))
        bars[0].update(done - bars[0].n)

    try:
        packet = build_packet(store, args.session, worksheets, worksheet_ids=ids,
                              options=options, as_zip=args.zip, progress=progress,
                              own_languages=args.lang is None)
    except KeyError as e:  # a worksheet the session lists is no longer in the folder
        return _unknown_worksheet(str(e.args[0]), worksheets)
    finally:
        for bar in bars:
            bar.close()
    out = Path(args.output or f"packet-{args.session}.{'zip' if args.zip else 'pdf'}")
    people = store.participants(args.session)
    store.record_export([out], args.session, [p.id for p in people], kind="packet")
    write_private(out, packet.data)
    store.audit("printed", f"session {args.session}",
                f"packet of {len(packet.pages)} participants", actor="cli")
    what = (say("cli_packet_one_each") if args.zip
            else say_plural("cli_packet_pages", packet.total_pages))
    print(say("cli_packet_written", path=out, what=what,
              participants=say_plural("cli_participants_count", len(packet.pages))))
    return 0


def _language(p: argparse.ArgumentParser) -> None:
    p.add_argument("--lang", choices=list(LANGUAGES), default=None,
                   help=helped("help_print_lang", default=DEFAULT_LANGUAGE))


def _common(p: argparse.ArgumentParser) -> None:
    _language(p)
    p.add_argument("--paper", choices=PAPERS, default="letter",
                   help=helped("help_paper"))


def _card(args: argparse.Namespace) -> int:
    from toolkit.render.card import render_card
    from toolkit.settings.config import Config
    from toolkit.store.store import Store
    from toolkit.supportmap.plan import plan_from_answers

    config = Config.from_env()
    store = Store.open(config)
    participant = store.participant_by_code(args.participant)
    if participant is None:
        return _unknown_code(args.participant)
    plan = plan_from_answers(store.latest(participant), config.clinic_line)
    out = Path(args.output)
    # The card holds names and phone numbers: owner-only, and recorded so that `workshop
    # forget` removes it with the rest of the participant.
    store.record_export([out], participant.session_id, [participant.id], kind="wallet card")
    write_private(out, render_card(plan, lang=args.lang or participant.lang or DEFAULT_LANGUAGE))
    store.audit("card", f"participant {participant.id}", "wallet card PDF", actor="cli")
    print(say("cli_wallet_card_written", path=out))
    return 0


def add_print_commands(sub: Any) -> None:
    """Register `pdf`, `packet` and `card` on the `workshop` subcommand parser."""
    pdf = sub.add_parser("pdf", help=helped("help_pdf"))
    pdf.add_argument("worksheet", nargs="?", metavar="WORKSHEET_ID",
                     help=helped("help_pdf_worksheet"))
    pdf.add_argument("--all", action="store_true", help=helped("help_pdf_all"))
    mode = pdf.add_mutually_exclusive_group(required=True)
    mode.add_argument("--blank", action="store_true", help=helped("help_pdf_blank"))
    mode.add_argument("--participant", metavar="CODE", help=helped("help_pdf_participant"))
    pdf.add_argument("-o", "--output", help=helped("help_pdf_output"))
    _common(pdf)
    pdf.set_defaults(func=_pdf)
    packet = sub.add_parser("packet", help=helped("help_packet"))
    packet.add_argument("--session", required=True, metavar="ID",
                        help=helped("help_packet_session"))
    packet.add_argument("--worksheets", metavar="A,B", help=helped("help_packet_worksheets"))
    packet.add_argument("--zip", action="store_true", help=helped("help_packet_zip"))
    packet.add_argument("-o", "--output", help=helped("help_packet_output"))
    _common(packet)
    packet.set_defaults(func=_packet)
    card = sub.add_parser("card", help=helped("help_card"))
    card.add_argument("--participant", required=True, metavar="CODE",
                      help=helped("help_join_code"))
    card.add_argument("-o", "--output", default="card.pdf", help=helped("help_pdf_file"))
    _language(card)
    card.set_defaults(func=_card)
