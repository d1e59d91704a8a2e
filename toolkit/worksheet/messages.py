"""A problem's words, made once as a message key with its parameters and said in a language
where it is shown: `workshop check` in the terminal's language, the studio in the counselor's.

Message and msg live in toolkit.text.message (every layer raises keyed errors with them); the
English and every translation of a problem are in the app's catalogs (toolkit.text.check_words).
"""

from __future__ import annotations

from typing import Any

from toolkit.text.message import Message, MessageError, msg

__all__ = ["Message", "Refusal", "msg"]


class Refusal(MessageError, ValueError):
    """A model validator's refusal with its Message, so the loader can say it in any language
    (pydantic keeps the exception in the error's context)."""

    message: Message

    def __init__(self, key: str, /, **params: Any):
        super().__init__(Message(key, params))
