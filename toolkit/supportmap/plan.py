"""The reach-out plan: who I reach, in order, at the three moments that matter.

Plan answers refer to support-map entries by their stable row id, so renaming someone on the
map renames them in the plan, and removing someone clears the reference (never dangling).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from toolkit.supportmap.people import PROFESSIONAL_KINDS, Entry, SupportMap
from toolkit.text.crisis import CARD_LINES, CrisisLine

PLAN_WORKSHEET = "reach-out-plan"
MOMENTS = (
    ("falling", "When I feel like I'm falling"),
    ("talk", "When I need someone to talk to"),
    ("celebrate", "When things go well"),
)
PICK_SLOTS = tuple(f"{key}_{slot}" for key, _ in MOMENTS for slot in ("first", "backup"))
"""The plan items whose answer is a support-map row id."""


@dataclass(frozen=True)
class Contact:
    name: str
    phone: str | None = None
    row: str | None = None


@dataclass(frozen=True)
class Moment:
    key: str
    title: str
    first: Contact | None
    backup: Contact | None
    say: str | None


@dataclass(frozen=True)
class ReachOutPlan:
    moments: tuple[Moment, ...]
    professionals: tuple[Contact, ...]
    crisis: tuple[CrisisLine, ...] = CARD_LINES
    clinic_line: str | None = None


def _text(value: Any) -> str | None:
    return str(value).strip() or None if value is not None else None


def _contact(e: Entry) -> Contact:
    return Contact(e.name, _text(e.phone), e.row)


def choices_for_pick(support_map: SupportMap) -> list[Entry]:
    """People to pick from: supportive first, then not sure, then the rest, each in map
    order."""
    rank = {"yes": 0, "unsure": 1, None: 2, "no": 3}
    return sorted(support_map.entries, key=lambda e: rank.get(e.supports, 2))


def needs_confirmation(entry: Entry) -> bool:
    """Choosing someone marked 'no' or 'not sure' asks once, kindly, if the client is sure."""
    return entry.supports in ("no", "unsure")


def dangling(plan_answers: Mapping[str, Any], support_map: SupportMap) -> dict[str, None]:
    """Plan answers that point at people no longer on the map, as clears to save."""
    return {slot: None for slot in PICK_SLOTS
            if isinstance(plan_answers.get(slot), str) and plan_answers[slot] not in support_map}


def build_plan(plan_answers: Mapping[str, Any], support_map: SupportMap,
               clinic_line: str | None = None) -> ReachOutPlan:
    """The plan as a client reads it: names and numbers resolved from the map today."""

    def pick(slot: str) -> Contact | None:
        row = plan_answers.get(slot)
        return _contact(support_map.get(row)) if isinstance(row, str) and row in support_map \
            else None

    moments = tuple(
        Moment(key, title, pick(f"{key}_first"), pick(f"{key}_backup"),
               _text(plan_answers.get(f"{key}_say")))
        for key, title in MOMENTS
    )
    # The counselor and sponsor the client named in the plan come first: they matter most
    # and the card has room for only a few.
    pros: list[Contact] = []
    for name_key, phone_key in (("counselor_name", "counselor_phone"),
                                ("sponsor_name", "sponsor_phone")):
        name = _text(plan_answers.get(name_key))
        if name:
            pros.append(Contact(name, _text(plan_answers.get(phone_key))))
    named = {c.name.casefold() for c in pros}
    pros += [_contact(e) for e in support_map.entries
             if (e.ring == "professional" or e.kind in PROFESSIONAL_KINDS)
             and e.name.casefold() not in named]
    return ReachOutPlan(moments, tuple(pros), CARD_LINES, clinic_line)


def plan_from_answers(latest: Mapping[str, Mapping[str, Any]],
                      clinic_line: str | None = None) -> ReachOutPlan:
    """The plan from a participant's latest answers to all worksheets."""
    from toolkit.supportmap.people import MAP_ITEM, MAP_WORKSHEET

    rows = latest.get(MAP_WORKSHEET, {}).get(MAP_ITEM)
    return build_plan(latest.get(PLAN_WORKSHEET, {}), SupportMap.from_rows(rows), clinic_line)
