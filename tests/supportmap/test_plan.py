"""The reach-out plan: references to the map stay consistent; supportive people first."""

from __future__ import annotations

from toolkit.supportmap.people import SupportMap
from toolkit.supportmap.plan import (
    PICK_SLOTS,
    build_plan,
    choices_for_pick,
    dangling,
    needs_confirmation,
    plan_from_answers,
)


def _map() -> tuple[SupportMap, dict[str, str]]:
    m = SupportMap()
    rows = {
        "ana": m.add("Ana", "closest", supports="yes", phone="555-0101").row,
        "bo": m.add("Bo", "close", supports="no").row,
        "cy": m.add("Cy", "wider", supports="unsure").row,
        "dee": m.add("Dee", "wider", supports="yes").row,
        "sam": m.add("Sam", "professional", kind="counselor", phone="555-0199").row,
    }
    return m, rows


def test_supportive_people_come_first():
    """Choices list supportive people first, then not sure, unmarked, and 'no' last."""
    m, _ = _map()
    assert [e.name for e in choices_for_pick(m)] == ["Ana", "Dee", "Cy", "Sam", "Bo"]


def test_no_and_not_sure_ask_for_confirmation():
    """Choosing someone marked 'no' or 'not sure' asks once; supportive people don't."""
    m, rows = _map()
    assert needs_confirmation(m.get(rows["bo"])) and needs_confirmation(m.get(rows["cy"]))
    assert not needs_confirmation(m.get(rows["ana"]))


def test_rename_on_the_map_shows_in_the_plan():
    """The plan stores row ids, so a new name on the map is the name in the plan."""
    m, rows = _map()
    answers = {"falling_first": rows["ana"], "falling_say": "Can you talk?"}
    m.rename(rows["ana"], "Annie")
    moment = build_plan(answers, m).moments[0]
    assert moment.first.name == "Annie" and moment.first.phone == "555-0101"
    assert moment.say == "Can you talk?" and moment.backup is None


def test_removed_people_are_cleared_never_dangling():
    """Removing someone from the map clears exactly the plan slots that pointed at them."""
    m, rows = _map()
    answers = {"falling_first": rows["ana"], "talk_backup": rows["bo"],
               "celebrate_first": rows["bo"], "talk_say": "hi"}
    assert dangling(answers, m) == {}
    m.remove(rows["bo"])
    assert dangling(answers, m) == {"talk_backup": None, "celebrate_first": None}
    plan = build_plan(answers, m)
    assert plan.moments[1].backup is None and plan.moments[2].first is None


def test_professionals_include_the_named_counselor_first():
    """The counselor typed in the plan comes first, then the map's professionals."""
    m, _ = _map()
    plan = build_plan({"counselor_name": "Dr. Lee", "counselor_phone": "555-0100"}, m)
    assert [c.name for c in plan.professionals] == ["Dr. Lee", "Sam"]
    assert plan.professionals[0].phone == "555-0100"


def test_plan_from_all_answers():
    """The plan is built from a participant's latest answers to both worksheets."""
    m, rows = _map()
    latest = {"my-support-map": {"people": m.to_rows()},
              "reach-out-plan": {"talk_first": rows["dee"]}}
    plan = plan_from_answers(latest, clinic_line="Clinic: 555-0111")
    assert plan.moments[1].first.name == "Dee" and plan.clinic_line == "Clinic: 555-0111"
    assert len(PICK_SLOTS) == 6
