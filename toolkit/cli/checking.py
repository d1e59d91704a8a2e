"""`workshop check`: lint worksheet YAML files, every problem as file:line with its fix."""

from __future__ import annotations

import argparse

from toolkit.cli.errors import fail


def _check(args: argparse.Namespace) -> int:
    from toolkit.settings.config import Config
    from toolkit.worksheet.loader import WorksheetError, load_worksheet, worksheet_files

    paths = args.paths or [str(Config.from_env().worksheets_dir)]
    files = list(worksheet_files(paths))
    if not files:
        return fail(f"no worksheet files (*.yaml) found in {', '.join(paths)}")
    bad = 0
    for f in files:
        try:
            load_worksheet(f)
        except WorksheetError as e:
            bad += 1
            for p in e.problems:
                print(p)
    if bad:
        return fail(f"{bad} of {len(files)} worksheet files have problems")
    print(f"{len(files)} worksheets valid: {', '.join(f.stem for f in files)}")
    return 0


def add_check_command(sub: argparse._SubParsersAction) -> None:
    check = sub.add_parser("check",
                           help="check worksheet files (each problem: file:line and a fix)")
    check.add_argument("paths", nargs="*", help="files or folders (default: the worksheets)")
    check.set_defaults(func=_check)
