"""The `workshop` command: check worksheets, run the demo."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from toolkit.worksheet.loader import WorksheetError, load_worksheet, worksheet_files


def _check(args: argparse.Namespace) -> int:
    from toolkit.settings.config import Config

    paths = args.paths or [str(Config.from_env().worksheets_dir)]
    files = list(worksheet_files(paths))
    if not files:
        print(f"no worksheet files (*.yaml) found in {', '.join(paths)}", file=sys.stderr)
        return 1
    bad = 0
    for f in files:
        try:
            load_worksheet(f)
        except WorksheetError as e:
            bad += 1
            for p in e.problems:
                print(p)
    if bad:
        print(f"{bad} of {len(files)} worksheet files have problems", file=sys.stderr)
        return 1
    print(f"{len(files)} worksheets valid: {', '.join(f.stem for f in files)}")
    return 0


def _card(args: argparse.Namespace) -> int:
    from toolkit.render.card import render_card
    from toolkit.settings.config import Config
    from toolkit.store.files import write_private
    from toolkit.store.store import Store
    from toolkit.supportmap.plan import plan_from_answers

    config = Config.from_env()
    store = Store.open(config)
    participant = store.participant_by_code(args.participant)
    if participant is None:
        print(f"no participant with join code {args.participant!r}; check the code "
              "(`workshop demo` prints the demo codes)", file=sys.stderr)
        return 1
    plan = plan_from_answers(store.latest(participant), config.clinic_line)
    out = Path(args.output)
    # The card holds names and phone numbers: owner-only, and recorded so that `workshop
    # forget` removes it with the rest of the participant.
    store.record_export([out], participant.session_id, [participant.id], kind="wallet card")
    write_private(out, render_card(plan))
    store.audit("card", f"participant {participant.id}", "wallet card PDF", actor="cli")
    print(f"wallet card written to {out}")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="workshop", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    check = sub.add_parser("check", help="lint worksheet YAML files")
    check.add_argument("paths", nargs="*", help="files or folders (default: the worksheets)")
    check.set_defaults(func=_check)
    card = sub.add_parser("card", help="print a participant's reach-out plan as a wallet card")
    card.add_argument("--participant", required=True, metavar="CODE", help="their join code")
    card.add_argument("-o", "--output", default="card.pdf", help="PDF file to write")
    card.set_defaults(func=_card)
    from toolkit.cli.serving import add_demo_command

    add_demo_command(sub)
    from toolkit.cli.session import add_session_commands

    add_session_commands(sub)
    from toolkit.cli.printing import add_print_commands

    add_print_commands(sub)
    from toolkit.cli.admin import add_admin_commands

    add_admin_commands(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return args.func(args)

