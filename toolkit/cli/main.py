"""The `workshop` command's parser: one line for the tool and one for each command; the
commands themselves live in the modules beside this one."""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from importlib.metadata import PackageNotFoundError, version

from toolkit.cli.admin import add_admin_commands
from toolkit.cli.checking import add_check_command
from toolkit.cli.deploy import add_deploy_commands
from toolkit.cli.errors import fail
from toolkit.cli.helptext import argparse_words, helped
from toolkit.cli.language import said, say
from toolkit.cli.printing import add_print_commands
from toolkit.cli.serving import add_demo_command
from toolkit.cli.session import add_session_commands
from toolkit.cli.studio import add_studio_command
from toolkit.cli.tls import add_tls_commands


class _OneLineHelp(argparse.HelpFormatter):
    """Each command and its help on one line. argparse measures a command's name 2 columns
    short of where it prints it, so a long name (facilitator, rotate-key) had its help
    pushed onto the next line; measure the names where they are printed."""

    def add_argument(self, action: argparse.Action) -> None:
        super().add_argument(action)
        for sub in self._iter_indented_subactions(action):
            self._indent()
            width = len(self._format_action_invocation(sub)) + self._current_indent
            self._action_max_length = max(self._action_max_length, width)
            self._dedent()


def _version() -> str:
    try:
        return version("workshop-toolkit")
    except PackageNotFoundError:  # run from a checkout that was never installed
        return say("cli_version_unknown")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="workshop", description=helped("help_workshop"),
                                     formatter_class=_OneLineHelp)
    parser.add_argument("--version", action="version", version=f"workshop {_version()}",
                        help=helped("help_version"))
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    add_check_command(sub)
    add_session_commands(sub)
    add_demo_command(sub)
    add_print_commands(sub)
    add_admin_commands(sub)
    add_tls_commands(sub)
    add_studio_command(sub)
    add_deploy_commands(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    with argparse_words():  # its "usage:", "options" and errors, as the help around them
        args = build_parser().parse_args(argv)
    from toolkit.settings.config import ConfigError
    from toolkit.store.crypto import CryptoKeyError
    from toolkit.store.migrate import NewerDatabaseError, UpgradeError

    try:
        return args.func(args)
    except (ConfigError, CryptoKeyError, NewerDatabaseError, UpgradeError) as e:  # no trace
        return fail(said(e))
