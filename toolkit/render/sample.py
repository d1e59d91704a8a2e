"""Synthetic answers for any worksheet (no real client data): print previews, tests, benchmarks."""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Mapping
from typing import Any

from toolkit.supportmap.people import MAP_ITEM, MAP_WORKSHEET
from toolkit.worksheet.answers import ROW_ID, new_row_id, validate_answer
from toolkit.worksheet.model import (
    ChoiceItem,
    Date,
    ItemBase,
    LongText,
    MultiChoice,
    Note,
    Number,
    Person,
    Repeat,
    Scale,
    ShortText,
    Worksheet,
    YesNoUnsure,
)

NAMES = ("Alex", "Sam", "Rosa", "Jordan", "Tuesday group", "Kim", "Dee", "Marcus", "Lena",
         "Aunt May", "Coach Ray", "Priya")
SENTENCES = (
    "I want to keep showing up, even on hard days.",
    "Talking to someone early helps more than waiting.",
    "I feel calmer after a meeting.",
    "My sister listens without judging me.",
    "Weekends are the hardest time for me.",
    "I could call before things get bad, not after.",
    "Walking in the morning clears my head.",
    "I am learning to say no without feeling guilty.",
)


def _text(rng: random.Random, limit: int, sentences: int) -> str:
    text = " ".join(rng.choice(SENTENCES) for _ in range(sentences))
    return text[:limit].rstrip()


def _value(ws: Worksheet, item: ItemBase, rng: random.Random, people: list[str]) -> Any:
    if isinstance(item, ShortText):
        if item.id in ("name", "who") or item.id.endswith("_name"):
            return rng.choice(NAMES)[: item.max_length]
        if "phone" in item.id:
            return f"555-01{rng.randrange(100):02d}"
        return _text(rng, item.max_length, 1)
    if isinstance(item, LongText):
        return _text(rng, item.max_length, rng.randint(1, 3))
    if isinstance(item, MultiChoice):
        values = [c.value for c in ws.choices_for(item)]
        return rng.sample(values, k=min(len(values), rng.randint(1, item.max_selected or 3)))
    if isinstance(item, ChoiceItem | Scale | YesNoUnsure):
        return rng.choice([c.value for c in ws.choices_for(item)])
    if isinstance(item, Number):
        low = int(item.min if item.min is not None else 0)
        return rng.randint(low, max(low, min(int(item.max if item.max is not None else 12), 12)))
    if isinstance(item, Date):
        return (dt.date(2026, 3, 1) + dt.timedelta(days=rng.randrange(60))).isoformat()
    if isinstance(item, Person):
        return rng.choice(people) if people else None
    if isinstance(item, Repeat):
        rows = []
        for _ in range(rng.randint(2, min(5, item.max_rows))):
            row: dict[str, Any] = {ROW_ID: new_row_id()}
            for f in item.fields:
                row[f.id] = _value(ws, f, rng, people)
            rows.append(row)
        return rows
    return None


def sample_answers(ws: Worksheet, seed: int = 0,
                   latest: Mapping[str, Mapping[str, Any]] | None = None) -> dict[str, Any]:
    """Valid answers to every item; `person` items pick from the map in `latest`."""
    rng = random.Random(f"{ws.id}/{seed}")
    rows = (latest or {}).get(MAP_WORKSHEET, {}).get(MAP_ITEM) or []
    people = [r[ROW_ID] for r in rows if isinstance(r, dict) and ROW_ID in r]
    out: dict[str, Any] = {}
    for item in ws.items():
        if isinstance(item, Note):
            continue
        value = _value(ws, item, rng, people)
        if value is not None:
            out[item.id] = validate_answer(ws, item, value)
    return out


def sample_latest(worksheets: Mapping[str, Worksheet], seed: int = 0
                  ) -> dict[str, dict[str, Any]]:
    """Synthetic latest answers to every worksheet, the support map first."""
    order = sorted(worksheets, key=lambda w: w != MAP_WORKSHEET)
    latest: dict[str, dict[str, Any]] = {}
    for wid in order:
        latest[wid] = sample_answers(worksheets[wid], seed, latest)
    return latest


def fill_with_samples(store: Any, session_id: str, worksheets: Mapping[str, Worksheet]) -> list:
    """Give every participant of a session synthetic answers to `worksheets` (consent
    recorded first), one seed per participant; returns the participants. For previews,
    tests and benchmarks only: never for a real group."""
    people = store.participants(session_id)
    for seed, p in enumerate(people):
        store.record_consent(p, "synthetic sample data")
        for wid, answers in sample_latest(worksheets, seed=seed).items():
            store.save_answers(p, wid, answers, worksheets[wid].version)
    return people
