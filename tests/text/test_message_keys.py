"""Each key names one message: a staff string (text/staff.py) with a client string's key would
silently replace the client's words in MESSAGES, so the template may hold each key once."""

from __future__ import annotations

from collections import Counter

from babel.messages.pofile import read_po

from toolkit.text.catalogs import LOCALE_DIR


def test_every_key_is_one_message() -> None:
    """No msgctxt twice in toolkit.pot (with two English texts, one would be lost)."""
    with (LOCALE_DIR / "toolkit.pot").open("rb") as fh:
        keys = Counter(m.context for m in read_po(fh) if m.id)
    assert [k for k, n in keys.items() if n > 1] == []
