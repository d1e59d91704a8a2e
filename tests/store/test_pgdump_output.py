"""What an error repeats of pg_dump's or pg_restore's output: the tool's own lines, never the
rows of the dump that PostgreSQL quotes under them or inside them."""

from __future__ import annotations

from toolkit.store.pgdump import tool_said

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
        'pg_restore: error: could not execute query: ERROR:  syntax error at or near … / '
        'pg_restore: error: COPY failed for table "notes": ERROR:  invalid input syntax for '
        'type integer: … / pg_restore: error: COPY failed for table "notes": ERROR:  invalid '
        'byte sequence for encoding "UTF8": …')


def test_a_plain_failure_is_repeated_whole():
    """A line that quotes no value (a file, a connection) is repeated as the tool wrote it."""
    said = ('pg_dump: error: connection to server at "127.0.0.1", port 1 failed: '
            "Connection refused")
    assert tool_said("pg_dump", said + "\n\tIs the server running on that host?\n") == said
