"""`workshop check`: lint worksheet YAML files, every problem as file:line with its fix, then
one translation-coverage line per file; `--lang` lists what a new language still needs. It
speaks English unless the terminal's language (LANGUAGE, LC_ALL, LC_MESSAGES, LANG, as gettext
reads them) is one the toolkit speaks."""

from __future__ import annotations

import argparse

from toolkit.cli.errors import fail
from toolkit.cli.helptext import helped
from toolkit.cli.language import output_language


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
    check = sub.add_parser("check", help=helped("help_check"))
    check.add_argument("paths", nargs="*", help=helped("help_check_paths"))
    check.add_argument("--lang", action="append", type=_language, metavar="CODE",
                       help=helped("help_check_lang"))
    check.set_defaults(func=_check)
