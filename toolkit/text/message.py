"""A sentence made once as a message key with its parameters and said in a language where it is
shown: a worksheet problem in `workshop check` or the studio, an error in the terminal's
language. Any layer can raise a MessageError (with the kind of error beside it: ValueError,
RuntimeError): str(error) stays its English sentence (logs and tracebacks), error.message says
it in the language of whoever reads it.

The English and every translation live in the app's catalogs (toolkit.text.strings and the words
it merges in). The parameters are what the counselor wrote or must type (ids, names, paths,
options, YAML keys, line numbers), never translated; a parameter may itself be a Message, said
in the same language.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from toolkit.text.catalogs import translation
from toolkit.text.languages import DEFAULT_LANGUAGE
from toolkit.text.strings import MESSAGES


@dataclass(frozen=True)
class Message:
    """One sentence to show: its key in the catalogs and what fills its {placeholders}."""

    key: str
    params: Mapping[str, Any] = field(default_factory=dict, hash=False)
    """Left out of the hash (a dict is not hashable): equal messages still hash alike."""

    def say(self, lang: str = DEFAULT_LANGUAGE) -> str:
        """The sentence in `lang` (English for a language the app does not speak)."""
        params = {k: v.say(lang) if isinstance(v, Message) else v for k, v in self.params.items()}
        # As toolkit.text.strings.ui, whose own arguments are named `key` and `lang`: so are
        # some of ours (a YAML key, a language to add).
        return translation(lang).pgettext(self.key, MESSAGES[self.key]).format(**params)

    def __str__(self) -> str:
        return self.say()


def msg(key: str, /, **params: Any) -> Message:
    """A Message for `key` with `params` (the shorthand the checks write)."""
    return Message(key, params)


class MessageError(Exception):
    """An error whose words are a Message: str(error) is the English sentence, `message` says
    it in any language. Given plain text (a caller not yet keyed), `message` is None and the
    text is shown as it is. A subclass names its kind too: `class TlsError(MessageError,
    ValueError)`, so `except ValueError` still catches it."""

    def __init__(self, message: Message | str):
        self.message = message if isinstance(message, Message) else None
        super().__init__(str(message))

    def say(self, lang: str = DEFAULT_LANGUAGE) -> str:
        """The error's sentence in `lang` (its plain text when it has no Message)."""
        return self.message.say(lang) if self.message is not None else str(self)
