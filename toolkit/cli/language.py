"""The language every `workshop` command speaks: the terminal's (LANGUAGE, LC_ALL,
LC_MESSAGES, LANG, as gettext reads them) when the toolkit speaks it, English otherwise; and
the command's lines and errors in it, from the keyed messages in toolkit.text.cli_words and
toolkit.text.error_words (its help: toolkit.cli.helptext)."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Mapping

LOCALE_VARIABLES = ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")
"""Where the commands find the language to speak, in gettext's order."""


def output_language(env: Mapping[str, str] | None = None) -> str:
    """The language the commands speak: the first of LANGUAGE (a `:` list), LC_ALL,
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


def say(key: str, **fmt: object) -> str:
    """The command's line `key` in the terminal's language, formatted with `fmt`."""
    from toolkit.text.strings import ui

    return ui(key, output_language(), **fmt)


def say_plural(key: str, n: int, **fmt: object) -> str:
    """The counted line `key` in the terminal's language, in the form it uses for `n`."""
    from toolkit.text.strings import ui_plural

    return ui_plural(key, n, output_language(), **fmt)


def said(error: BaseException) -> str:
    """An error's line in the terminal's language: its keyed message (a MessageError's) when it
    has one, its own text otherwise."""
    from toolkit.text.message import MessageError

    return error.say(output_language()) if isinstance(error, MessageError) else str(error)
