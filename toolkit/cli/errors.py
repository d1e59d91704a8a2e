"""How every `workshop` command reports a problem: one line on stderr, `workshop: ` and what
went wrong with what to do about it, and exit status 1. Never answer text or join codes of
others: the line may end up in a terminal log."""

from __future__ import annotations

import sys


def fail(message: str, status: int = 1) -> int:
    """Print `message` as the command's error and return the exit status to end with."""
    sys.stdout.flush()  # what the command printed before comes first, even when piped together
    print(f"workshop: {message}", file=sys.stderr)
    return status
