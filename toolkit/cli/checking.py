"""`workshop check`: lint worksheet YAML files, every problem as file:line with its fix, then
one translation-coverage line per file; `--lang` lists what a new language still needs."""

from __future__ import annotations

import argparse
from gettext import gettext, ngettext

from toolkit.cli.errors import fail

# The command's own sentences, in one place, through gettext so that plural forms come from
# the language's rules (and a catalog can translate them) rather than from an added "s".


def _valid(files: int, names: str) -> str:
    return ngettext("%(n)d worksheet valid: %(names)s",
                    "%(n)d worksheets valid: %(names)s", files) % {"n": files, "names": names}


def _have_problems(bad: int, files: int) -> str:
    # Two numbers: the noun follows the total, the verb the count with problems.
    if bad == 1:
        text = ngettext("1 of %(files)d worksheet file has problems",
                        "1 of %(files)d worksheet files has problems", files)
    else:
        text = ngettext("%(bad)d of %(files)d worksheet file have problems",
                        "%(bad)d of %(files)d worksheet files have problems", files)
    return text % {"bad": bad, "files": files}


def _no_files(paths: str) -> str:
    return gettext("no worksheet files (*.yaml) found in %(paths)s") % {"paths": paths}


def _not_a_language(code: str) -> str:
    return gettext("'%(code)s' is not a language code; write it as in `languages:`, "
                   "e.g. fr or pt-BR") % {"code": code}


def _language(code: str) -> str:
    from toolkit.worksheet.coverage import is_language_code

    if not is_language_code(code):
        raise argparse.ArgumentTypeError(_not_a_language(code))
    return code


def _check(args: argparse.Namespace) -> int:
    from toolkit.settings.config import Config
    from toolkit.worksheet.coverage import coverage, read_source, still_to_translate
    from toolkit.worksheet.loader import WorksheetError, load_worksheet, worksheet_files

    paths = args.paths or [str(Config.from_env().worksheets_dir)]
    asked = list(dict.fromkeys(args.lang or []))
    files = list(worksheet_files(paths))
    if not files:
        return fail(_no_files(", ".join(paths)))
    bad = 0
    to_translate: list[str] = []
    covered: list[str] = []
    for f in files:
        try:
            load_worksheet(f, translating=asked)
        except WorksheetError as e:
            bad += 1
            for p in e.problems:
                print(p)
        source = read_source(f)
        if source is None or not isinstance(source.data, dict):  # the problem above says why
            continue
        found = coverage(source, asked)
        covered.append(str(found))
        # A declared language's gaps are problems already; list only the new ones' gaps.
        to_translate += [str(p) for lang in asked if lang not in found.declared
                         for p in still_to_translate(source, lang)]
    for line in [*to_translate, *covered]:
        print(line)
    if bad:
        return fail(_have_problems(bad, len(files)))
    print(_valid(len(files), ", ".join(f.stem for f in files)))
    return 0


def add_check_command(sub: argparse._SubParsersAction) -> None:
    check = sub.add_parser("check",
                           help="check worksheet files (each problem: file:line and a fix)")
    check.add_argument("paths", nargs="*", help="files or folders (default: the worksheets)")
    check.add_argument("--lang", action="append", type=_language, metavar="CODE",
                       help="also list every text still missing this language (e.g. fr), "
                            "by file:line, without failing; repeat for more")
    check.set_defaults(func=_check)
