"""What an error says of pg_dump and pg_restore: that one is missing, in the reader's language;
and of their output, the tool's own lines, never the rows of the dump that PostgreSQL quotes
under them or inside them."""

from __future__ import annotations

import pytest

from toolkit.store import pgdump
from toolkit.store.pgdump import PgToolError, tool, tool_said

OUTPUT = """\
pg_restore: error: could not execute query: ERROR:  syntax error at or near "Ana"
LINE 1: INSERT INTO notes VALUES (Ana 555-0143);
Command was: INSERT INTO notes VALUES (Ana 555-0143);
pg_restore: error: COPY failed for table "notes": ERROR:  invalid input syntax for type integer: "Ana 555-0143"
CONTEXT:  COPY notes, line 1, column note: "Ana 555-0143"
pg_restore: error: COPY failed for table "notes": ERROR:  invalid byte sequence for encoding "UTF8": 0xe9 0x20
DETAIL:  Failing row contains (Ana 555-0143).
"""  # noqa: E501


def test_the_tools_own_lines_are_kept_and_quoted_values_cut():
    """The last three `pg_restore:` lines, each up to where it quotes a value."""
    assert tool_said("pg_restore", OUTPUT) == (
        'pg_restore: error: could not execute query: ERROR:  syntax error at or near ... / '
        'pg_restore: error: COPY failed for table "notes": ERROR:  invalid input syntax for '
        'type integer: ... / pg_restore: error: COPY failed for table "notes": ERROR:  invalid '
        'byte sequence for encoding "UTF8": ...')


def test_a_plain_failure_is_repeated_whole():
    """A line that quotes no value (a file, a connection) is repeated as the tool wrote it."""
    said = ('pg_dump: error: connection to server at "127.0.0.1", port 1 failed: '
            "Connection refused")
    assert tool_said("pg_dump", said + "\n\tIs the server running on that host?\n") == said


def test_a_missing_tool_is_said_in_english_and_spanish(monkeypatch, tmp_path):
    """Neither on PATH nor in Debian's folders: what to install, in both languages."""
    monkeypatch.setenv("PATH", str(tmp_path))
    monkeypatch.setattr(pgdump.glob, "glob", lambda _pattern: [])
    with pytest.raises(PgToolError) as caught:
        tool("pg_restore")
    assert str(caught.value) == (
        "pg_restore is not installed; install PostgreSQL's client tools (apt-get install "
        "postgresql-client), the same major version as the server or newer")
    assert caught.value.say("es") == (
        "pg_restore no está instalado; instale las herramientas de cliente de PostgreSQL "
        "(apt-get install postgresql-client), de la misma versión principal que el servidor o "
        "más nueva")


def test_output_with_none_of_the_tools_own_lines_keeps_the_others_but_the_servers():
    """A wrapper's error (no `pg_dump:` line) is repeated; PostgreSQL's lines still are not."""
    assert tool_said("pg_dump", "Error: no such cluster\nDETAIL:  Failing row contains (Ana)."
                     "\n") == "Error: no such cluster"
