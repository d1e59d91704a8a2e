"""Hostile text for the safety tests: markup, script, emoji, right-to-left text, control
characters and a megabyte paste, as typed into the app and as stored answers."""

from __future__ import annotations

from typing import Any

from toolkit.render.sample import sample_latest
from toolkit.worksheet.answers import ROW_ID
from toolkit.worksheet.model import LongText, Repeat, ShortText, Worksheet

# Markup, script, an event handler, emoji, right-to-left text with its control marks, a
# formula, and control characters (tab and newline are kept, the rest must not break anything).
HOSTILE = ('<script>window.__pwned=1</script><img src=x onerror="window.__pwned=1">'
           '<b>bold?</b> &amp; 😀👍🏽 مرحبا بالعالم \u202eevil\u202c שלום '
           '=HYPERLINK("http://x") \x07\x1b[31m\x0b\x0c\x7f\u200b tab\there\nnew line ')
MEGABYTE = "A" * 1_000_000
# What the client app tests type into its fields.
NAME = '<img src=x onerror="window.__pwned=1">'  # 37 characters: fits a 40-character name
TEXT = ('<script>window.__pwned=1</script><img src=x onerror="window.__pwned=1"> '
        '<b>bold?</b> &amp; 😀👍🏽 مرحبا \u202eevil\u202c שלום \x07\x1b[31m\x7f tab\there\nline')


def cleaned(text: str) -> str:
    """What is saved: the text without its invisible control characters."""
    return text.replace("\x07", "").replace("\x1b", "").replace("\x7f", "")


def hostile(limit: int, salt: int = 0) -> str:
    """The hostile text, cut to `limit` characters, with a marker so it can be found."""
    return (f"H{salt:03d} " + HOSTILE * 40)[:limit]


def text_fields(ws: Worksheet) -> list[tuple[Any, Any]]:
    """(item, repeat parent or None) for every free-text field of a worksheet."""
    out = []
    for item in ws.items():
        if isinstance(item, ShortText | LongText):
            out.append((item, None))
        if isinstance(item, Repeat):
            out += [(f, item) for f in item.fields if isinstance(f, ShortText | LongText)]
    return out


def hostile_answers(ws: Worksheet, seed: int) -> dict[str, Any]:
    """Sample answers to `ws` with every text field (repeat rows too) replaced by hostile text
    as long as the field allows."""
    answers = dict(sample_latest({ws.id: ws}, seed=seed).get(ws.id, {}))
    for n, (item, parent) in enumerate(text_fields(ws)):
        if parent is None:
            answers[item.id] = hostile(item.max_length, n)
        else:
            rows = answers.get(parent.id) or [{ROW_ID: f"r{n:010x}"}]
            answers[parent.id] = [{**row, item.id: hostile(item.max_length, n)} for row in rows]
    return answers
