"""Reach-out plans for the wallet card: a synthetic map with people, phones and say text."""

from __future__ import annotations

from toolkit.supportmap.people import SupportMap
from toolkit.supportmap.plan import ReachOutPlan, build_plan

CLINIC = "Riverside Clinic 555-0199"
SAY = {"falling": "I am having a hard day. Can you stay on the phone with me?",
       "talk": "Do you have ten minutes to listen? No advice needed.",
       "celebrate": "I made it a month! Coffee on me this week?"}


def card_plan(people: dict[str, tuple[str, str | None]], answers: dict[str, str],
              clinic_line: str | None = CLINIC, pros: int = 1,
              pro_name: str = "Counselor Kim") -> ReachOutPlan:
    """A plan over a synthetic map: `people` maps plan slots to (name, phone)."""
    m = SupportMap()
    rows = {slot: m.add(name, "close", phone=phone).row for slot, (name, phone) in people.items()}
    for i in range(pros):
        m.add(f"{pro_name} {i}", "professional", kind="counselor", phone=f"555-02{i:02}")
    return build_plan({**rows, **answers}, m, clinic_line=clinic_line)


def sample_plan() -> ReachOutPlan:
    """Every moment filled: first and backup people (one without a phone) and say text."""
    people = {"falling_first": ("Alex", "555-0101"), "falling_backup": ("Jordan", "555-0102"),
              "talk_first": ("Sam", "555-0103"), "talk_backup": ("Riley", None),
              "celebrate_first": ("Casey", "555-0105")}
    return card_plan(people, {f"{k}_say": v for k, v in SAY.items()})
