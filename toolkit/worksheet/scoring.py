"""Score worksheets (sum or mean, subscales, bands); incomplete when any item is missing."""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from toolkit.text.strings import tr
from toolkit.worksheet.conditions import is_answered
from toolkit.worksheet.model import Band, Score, Worksheet


@dataclass(frozen=True)
class ScoreResult:
    """One computed score. `value` is None when the score is incomplete."""

    id: str
    label: str
    value: float | None
    band: str | None
    missing: tuple[str, ...]

    @property
    def complete(self) -> bool:
        return self.value is not None

    def display(self, decimals: int = 2) -> str:
        if self.value is None:
            return "incomplete"
        return f"{self.value:.{decimals}f}"


def _band(bands: list[Band], value: float) -> Band | None:
    chosen = None
    for band in bands:
        if value >= band.min:
            chosen = band
    return chosen


def compute(score: Score, answers: Mapping[str, Any], lang: str = "en") -> ScoreResult:
    """Compute one score; items not answered (or not numbers) make it incomplete."""
    missing = tuple(i for i in score.items if not _is_number(answers.get(i)))
    if missing:
        return ScoreResult(score.id, tr(score.label, lang), None, None, missing)
    values = [float(answers[i]) for i in score.items]
    total = sum(values)
    value = round(total if score.method == "sum" else total / len(values), score.decimals)
    band = _band(score.bands, value)
    return ScoreResult(score.id, tr(score.label, lang), value,
                       tr(band.label, lang) if band else None, ())


def _is_number(v: Any) -> bool:
    if not is_answered(v) or not isinstance(v, int | float) or isinstance(v, bool):
        return False
    try:  # NaN, infinity or an int too big for a float is no answer to score
        return math.isfinite(v)
    except OverflowError:
        return False


def score_worksheet(ws: Worksheet, answers: Mapping[str, Any],
                    lang: str = "en") -> list[ScoreResult]:
    """Every score a worksheet declares, in order."""
    return [compute(s, answers, lang) for s in ws.scores]
