"""`workshop check`: lint worksheet YAML files, every problem as file:line with its fix, then
one translation-coverage line per file; `--lang` lists what a new language still needs. It
speaks English unless the terminal's language (LANGUAGE, LC_ALL, LC_MESSAGES, LANG, as gettext
reads them) is one the toolkit speaks."""

from __future__ import annotations

import argparse
import os
from typing import TYPE_CHECKING

from toolkit.cli.errors import fail

if TYPE_CHECKING:
    from collections.abc import Mapping

LOCALE_VARIABLES = ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")
"""Where the command finds the language to speak, in gettext's order (what its `gettext` and
`ngettext` calls read before the lines moved to the app's catalogs)."""


def output_language(env: Mapping[str, str] | None = None) -> str:
    """The language `workshop check` speaks: the first of LANGUAGE (a `:` list), LC_ALL,
    LC_MESSAGES and LANG that is set, as gettext reads them (`es_MX.UTF-8` is Spanish), when
    the toolkit speaks it; otherwise, and for C or POSIX, English."""
    from toolkit.text.languages import DEFAULT_LANGUAGE, LANGUAGES

    env = os.environ if env is None else env
    value = next((env[name] for name in LOCALE_VARIABLES if env.get(name)), "")
    for entry in value.split(":"):
        code = entry.split(".")[0].split("@")[0]
        if code in ("C", "POSIX"):
            break
        code = code.replace("_", "-")  # es_MX as gettext writes it, pt-BR as the toolkit does
        for candidate in (code, code.split("-")[0]):
            if candidate in LANGUAGES:
                return candidate
    return DEFAULT_LANGUAGE


def _valid(files: int, names: str, lang: str) -> str:
    from toolkit.text.strings import ui_plural

    return ui_plural("check_valid", files, lang, names=names)


def _have_problems(bad: int, files: int, lang: str) -> str:
    from toolkit.text.strings import ui_plural

    if bad == 1:
        return ui_plural("check_one_has_problems", files, lang)
    return ui_plural("check_some_have_problems", files, lang, bad=bad)


def _language(code: str) -> str:
    from toolkit.text.strings import ui
    from toolkit.worksheet.coverage import is_language_code

    if not is_language_code(code):
        raise argparse.ArgumentTypeError(ui("check_not_a_language", output_language(),
                                            code=code))
    return code


def _check(args: argparse.Namespace) -> int:
    from toolkit.settings.config import Config
    from toolkit.text.strings import ui
    from toolkit.worksheet.coverage import coverage, read_source, still_to_translate
    from toolkit.worksheet.loader import WorksheetError, load_worksheet, worksheet_files

    lang = output_language()
    paths = args.paths or [str(Config.from_env().worksheets_dir)]
    asked = list(dict.fromkeys(args.lang or []))
    files = list(worksheet_files(paths))
    if not files:
        return fail(ui("check_no_files", lang, paths=", ".join(paths)))
    bad = 0
    to_translate: list[str] = []
    covered: list[str] = []
    for f in files:
        try:
            load_worksheet(f, translating=asked)
        except WorksheetError as e:
            bad += 1
            for p in e.problems:
                print(p.say(lang))
        source = read_source(f)
        if source is None or not isinstance(source.data, dict):  # the problem above says why
            continue
        found = coverage(source, asked)
        covered.append(found.say(lang))
        # A declared language's gaps are problems already; list only the new ones' gaps.
        to_translate += [p.say(lang) for code in asked if code not in found.declared
                         for p in still_to_translate(source, code)]
    for line in [*to_translate, *covered]:
        print(line)
    if bad:
        return fail(_have_problems(bad, len(files), lang))
    print(_valid(len(files), ", ".join(f.stem for f in files), lang))
    return 0


def add_check_command(sub: argparse._SubParsersAction) -> None:
    check = sub.add_parser("check",
                           help="check worksheet files (each problem: file:line and a fix)")
    check.add_argument("paths", nargs="*", help="files or folders (default: the worksheets)")
    check.add_argument("--lang", action="append", type=_language, metavar="CODE",
                       help="also list every text still missing this language (e.g. fr), "
                            "by file:line, without failing; repeat for more")
    check.set_defaults(func=_check)
