"""The `workshop` command's help in the terminal's language: each command's, argument's and
option's help text by key (toolkit.text.help_words), resolved as the parser is built, and
argparse's own words around them ("usage:", "options", "the following arguments are
required"), said from the same catalog while the parser is built and reads the command line."""

from __future__ import annotations

import argparse
from collections.abc import Iterator
from contextlib import contextmanager

from toolkit.cli.language import output_language, say


def helped(key: str, **fmt: object) -> str:
    """The help text `key` in the terminal's language, formatted with `fmt`: every `help=` and
    `description=` of the `workshop` parser is one (tests/cli read the code to keep it so)."""
    return say(key, **fmt)


@contextmanager
def argparse_words(lang: str | None = None) -> Iterator[None]:
    """argparse's own words in `lang` (the terminal's language by default) inside the block.

    argparse looks each one up by its English text through its module's `_` and `ngettext`
    (gettext's global domain, where nothing of ours is installed, so they stay English). In the
    block they are looked up in the toolkit's catalog instead, under their keys in
    toolkit.text.help_words; a word it does not list (a newer Python's) stays English. Put back
    after, so nothing else in the process (pytest's own parser) speaks differently."""
    from toolkit.text.catalogs import translation
    from toolkit.text.help_words import ARGPARSE_MESSAGES, ARGPARSE_PLURALS
    from toolkit.text.languages import DEFAULT_LANGUAGE

    lang = output_language() if lang is None else lang
    if lang == DEFAULT_LANGUAGE:  # argparse's words are English already
        yield
        return
    words = translation(lang)
    keys = {english: key for key, english in ARGPARSE_MESSAGES.items()}
    plural_keys = {forms[0]: key for key, forms in ARGPARSE_PLURALS.items()}

    def gettext(message: str) -> str:
        key = keys.get(message)
        return message if key is None else words.pgettext(key, message)

    def ngettext(singular: str, plural: str, n: int) -> str:
        key = plural_keys.get(singular)
        if key is None:
            return singular if n == 1 else plural
        return words.npgettext(key, singular, plural, n)

    saved = {name: getattr(argparse, name) for name in ("_", "ngettext")}
    argparse._ = gettext  # type: ignore[attr-defined]
    argparse.ngettext = ngettext  # type: ignore[attr-defined]
    try:
        yield
    finally:
        for name, value in saved.items():
            setattr(argparse, name, value)
