"""A problem's words, made once as a message key with its parameters and said in a language
where it is shown: `workshop check` in the terminal's language, the studio in the counselor's.

The English and every translation live in the app's catalogs (toolkit.text.check_words). The
parameters are what the counselor wrote or must type (ids, names, YAML keys and snippets, line
numbers), never translated; a parameter may itself be a Message, said in the same language.
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


class Refusal(ValueError):
    """A model validator's refusal with its Message, so the loader can say it in any language
    (pydantic keeps the exception in the error's context)."""

    def __init__(self, key: str, /, **params: Any):
        self.message = Message(key, params)
        super().__init__(self.message.say())
