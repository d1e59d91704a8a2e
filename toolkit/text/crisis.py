"""Crisis resources shown on every client screen and printout (worksheets/WRITING.md: no
other default numbers, ever)."""

from __future__ import annotations

from dataclasses import dataclass

from toolkit.text.strings import ui


@dataclass(frozen=True)
class CrisisLine:
    name: str
    number: str
    detail: str


def crisis_lines(lang: str = "en", clinic_line: str | None = None) -> list[str]:
    """The crisis lines as sentences, the program's own clinic line last when it has one."""
    lines = [ui("crisis_988", lang), ui("crisis_samhsa", lang)]
    if clinic_line:
        lines.append(clinic_line)
    return lines


CARD_LINES = (
    CrisisLine("988 Suicide & Crisis Lifeline", "988", "call or text"),
    CrisisLine("SAMHSA National Helpline", "1-800-662-4357", "free, 24/7, English/Spanish"),
)
"""Short forms for small print (the wallet card)."""
