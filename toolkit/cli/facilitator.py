"""`workshop facilitator set-passphrase`: the passphrase that opens the dashboard.

The passphrase never appears on screen, in logs or in the audit log; only its scrypt hash is
stored. Errors are one line on stderr with exit status 1.
"""

from __future__ import annotations

import argparse
import getpass
import sys
from collections.abc import Callable

from toolkit.access.passphrase import MIN_LENGTH, PassphraseError, check_strength, set_passphrase
from toolkit.cli.errors import fail
from toolkit.cli.helptext import helped
from toolkit.cli.language import said, say

Ask = Callable[[str], str]



def _read_stdin() -> str:
    line = sys.stdin.readline()
    return line[:-1] if line.endswith("\n") else line  # only the newline: spaces count


def set_passphrase_cmd(args: argparse.Namespace, ask: Ask = getpass.getpass) -> int:
    """Ask for the new passphrase twice (or read one line with --stdin) and store its hash."""
    from toolkit.settings.config import Config
    from toolkit.store.store import Store

    if getattr(args, "stdin", False):
        text = _read_stdin()
    else:
        print(say("cli_passphrase_intro", least=MIN_LENGTH))
        text = ask(say("cli_passphrase_new"))
        try:
            check_strength(text)
        except PassphraseError as e:
            return fail(say("cli_nothing_changed", error=said(e)))
        if ask(say("cli_passphrase_again")) != text:
            return fail(say("cli_passphrases_differ"))
    config = Config.from_env()
    store = Store.open(config)
    try:
        replaced = set_passphrase(store, text)
    except PassphraseError as e:
        return fail(say("cli_nothing_changed", error=said(e)))
    store.audit("changed settings", "facilitator passphrase", "changed" if replaced else "set",
                actor="facilitator")
    print(say("cli_passphrase_changed" if replaced else "cli_passphrase_set", home=config.home))
    return 0


def add_facilitator_commands(fac: argparse.ArgumentParser) -> None:
    """Subcommands under `workshop facilitator` (which on its own serves the dashboard)."""
    sub = fac.add_subparsers(dest="facilitator_command")
    p = sub.add_parser("set-passphrase", help=helped("help_set_passphrase"))
    p.add_argument("--stdin", action="store_true",
                   help=helped("help_passphrase_stdin"))
    p.set_defaults(func=set_passphrase_cmd)
