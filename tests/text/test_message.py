"""A keyed error any layer can raise: English in str() (logs, tracebacks, tests that match the
English), the same sentence in another language from its Message."""

from __future__ import annotations

from toolkit.text.message import MessageError, msg


def test_a_message_error_is_english_in_str_and_spanish_when_said() -> None:
    """str() is the English sentence; say("es") the catalog's, with the parameters as given."""
    error = MessageError(msg("config_home_is_file", home="/data/w"))
    assert str(error) == "WORKSHOP_HOME=/data/w is a file; point it at a folder"
    assert error.say("es") == "WORKSHOP_HOME=/data/w es un archivo; indique una carpeta"
    assert error.message is not None and error.message.key == "config_home_is_file"


def test_a_message_inside_a_message_is_said_in_the_same_language() -> None:
    """A parameter that is itself a Message (the kind of file) follows the language."""
    error = MessageError(msg("tls_no_file", what=msg("tls_what_key"), path="/x/server.key"))
    assert str(error).startswith("key /x/server.key: no such file")
    assert error.say("es").startswith("clave /x/server.key: no existe ese archivo")


def test_plain_text_is_shown_as_it_is() -> None:
    """A caller not yet keyed gives text: no message, the text in every language."""
    error = MessageError("something plain")
    assert error.message is None and error.say("es") == "something plain"
