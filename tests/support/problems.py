"""What a worksheet problem's line holds that is the counselor's, not the app's words: the file,
the item's id and every parameter (ids, names, YAML keys and snippets), in any language."""

from __future__ import annotations

from toolkit.worksheet.messages import Message
from toolkit.worksheet.source import Problem


def params_of(message: Message) -> list[str]:
    """Each parameter of `message` as shown, a nested message's own parameters included."""
    out: list[str] = []
    for value in message.params.values():
        out += params_of(value) if isinstance(value, Message) else [str(value)]
    return out


def records(problem: Problem) -> list[str]:
    """The parts of a problem's line that stay as they are in every language."""
    return [problem.file, *([problem.item] if problem.item else []), *params_of(problem.what)]
