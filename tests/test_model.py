"""recovery_tui.model: objects check themselves; plan-wide rules; plan helpers."""

from __future__ import annotations

import dataclasses
from datetime import date, datetime
from typing import Any

import pytest
from plans import barc10_answers, example_plan, several_assessments_plan

from recovery_tui.exchange import dumps, loads_plan, plan_from_data, plan_to_data
from recovery_tui.model import (
    Assessment,
    Challenge,
    CheckIn,
    Contact,
    FocusArea,
    Goal,
    Motivation,
    Plan,
    PlanError,
    Profile,
    Trigger,
    check_plan,
    move,
    new_id,
    remove_at,
    replace_at,
)

D = date(2026, 1, 21)


def _error(make: Any) -> PlanError:
    with pytest.raises(PlanError) as info:
        make()
    return info.value


# --- PlanError ------------------------------------------------------------------------------


def test_plan_error_message_and_path() -> None:
    error = PlanError("goals[2].due", '"2026-13-01" is not a date (YYYY-MM-DD)')
    assert str(error) == 'goals[2].due: "2026-13-01" is not a date (YYYY-MM-DD)'
    assert error.path == "goals[2].due"
    assert error.message == '"2026-13-01" is not a date (YYYY-MM-DD)'
    assert isinstance(error, ValueError)
    assert str(PlanError("", "not a plan")) == "not a plan"


def test_plan_error_under_prefixes_the_path() -> None:
    assert str(PlanError("title", "x").under("goals[0]")) == "goals[0].title: x"
    assert PlanError("[3]", "x").under("goals").path == "goals[3]"
    assert PlanError("", "x").under("profile").path == "profile"


# --- validation on construction ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("make", "path", "message"),
    [
        (lambda: CheckIn(date=D, mood=0, craving=0), "mood", "0 is not between 1 and 5"),
        (lambda: CheckIn(date=D, mood=6, craving=0), "mood", "6 is not between 1 and 5"),
        (lambda: CheckIn(date=D, mood=3, craving=11), "craving", "11 is not between 0 and 10"),
        (lambda: CheckIn(date=D, mood=3, craving=-1), "craving", "-1 is not between 0 and 10"),
        (lambda: Trigger(id="t1", text="x", intensity=0), "intensity", "0 is not between 1 and 5"),
        (lambda: Trigger(id="t1", text="x", intensity=6), "intensity", "6 is not between 1 and 5"),
        (lambda: Profile(review_every_days=0), "review_every_days", "0 is not between 1 and 366"),
        (lambda: Goal(id="g1", title=""), "title", "a goal needs a title"),
        (lambda: Goal(id="g1", title="  \n\t "), "title", "a goal needs a title"),
    ],
)
def test_invalid_values_raise_plan_error_naming_the_field(
    make: Any, path: str, message: str
) -> None:
    error = _error(make)
    assert error.path == path
    assert error.message == message


@pytest.mark.parametrize("answers", [(), (4,) * 9, (4,) * 11])
def test_barc10_needs_exactly_ten_answers(answers: tuple[int, ...]) -> None:
    error = _error(lambda: Assessment(id="a1", date=D, barc10=answers))
    assert error.path == "barc10"
    assert error.message == f"needs 10 answers, got {len(answers)}"


@pytest.mark.parametrize("bad", [0, 7])
def test_barc10_answers_lie_between_1_and_6(bad: int) -> None:
    answers = (4, 4, 4, 4, bad, 4, 4, 4, 4, 4)
    error = _error(lambda: Assessment(id="a1", date=D, barc10=answers))
    assert error.path == "barc10"
    assert error.message == f"{bad} is not between 1 and 6"


@pytest.mark.parametrize(
    "make",
    [
        lambda: CheckIn(date=D, mood=1, craving=0),
        lambda: CheckIn(date=D, mood=5, craving=10),
        lambda: Trigger(id="t", text="x", intensity=1),
        lambda: Trigger(id="t", text="x", intensity=5),
        lambda: Assessment(id="a", date=D, barc10=(1,) * 10),
        lambda: Assessment(id="a", date=D, barc10=(6,) * 10),
        lambda: Assessment(id="a", date=D, barc10=None),
        lambda: Profile(review_every_days=366),
        lambda: Goal(id="g", title="x"),
    ],
)
def test_boundary_values_are_accepted(make: Any) -> None:
    make()


def test_objects_are_immutable() -> None:
    goal = Goal(id="g1", title="Meetings")
    with pytest.raises(dataclasses.FrozenInstanceError):
        goal.title = "Other"  # type: ignore[misc]


def test_replace_validates_again() -> None:
    checkin = CheckIn(date=D, mood=3, craving=2)
    assert _error(lambda: dataclasses.replace(checkin, mood=9)).path == "mood"


def test_defaults() -> None:
    goal = Goal(id="g1", title="Meetings")
    assert (goal.status, goal.due, goal.progress, goal.milestones) == ("active", None, (), ())
    assert Profile() == Profile(name="", review_every_days=30)
    assert FocusArea(id="f1", name="Alcohol", since=D).aim == "abstinence"
    assert Contact(id="p1", name="Alex").role == "friend"
    assert Contact(id="p1", name="Alex").crisis is False
    assert Trigger(id="t1", text="x").intensity == 3


# --- new_id -----------------------------------------------------------------------------------


def test_new_id_is_the_smallest_free_number() -> None:
    goals = [Goal(id=i, title="x") for i in ("g1", "g2", "g4", "x1")]
    assert new_id("g", goals) == "g3"
    assert new_id("g", []) == "g1"
    assert new_id("x", goals) == "x2"
    assert new_id("t", goals) == "t1"


# --- Plan helpers -----------------------------------------------------------------------------


def test_empty_plan() -> None:
    assert Plan().is_empty()
    assert not Plan(profile=Profile(name="Sam")).is_empty()
    assert not example_plan().is_empty()


def test_goal_lookup() -> None:
    plan = example_plan()
    assert plan.goal("g1").title == "Meetings"
    with pytest.raises(KeyError):
        plan.goal("nope")


def test_with_goal_replaces_by_id_in_place() -> None:
    a, b, c = (Goal(id=i, title=i.upper()) for i in ("g1", "g2", "g3"))
    plan = Plan(goals=(a, b, c))
    new_b = Goal(id="g2", title="New title", measure="3 a week")
    changed = plan.with_goal(new_b)
    assert changed.goals == (a, new_b, c)
    assert plan.goals == (a, b, c)  # the original plan is untouched


def test_with_goal_appends_a_new_id() -> None:
    a = Goal(id="g1", title="A")
    d = Goal(id="g9", title="D")
    assert Plan(goals=(a,)).with_goal(d).goals == (a, d)
    assert Plan().with_goal(d).goals == (d,)


def test_without_goal() -> None:
    a, b = Goal(id="g1", title="A"), Goal(id="g2", title="B")
    plan = Plan(goals=(a, b))
    assert plan.without_goal("g1").goals == (b,)
    assert plan.without_goal("missing") == plan


def test_with_goal_keeps_everything_else() -> None:
    plan = example_plan()
    changed = plan.with_goal(Goal(id="g2", title="Sleep"))
    assert dataclasses.replace(changed, goals=plan.goals) == plan


def _assessment(day: int, *motivations: Motivation) -> Assessment:
    return Assessment(id=f"a{day}", date=date(2026, 1, day), motivations=motivations)


def test_motivations_of_latest_assessment_north_star_first() -> None:
    old = _assessment(1, Motivation("Old reason", north_star=True))
    latest = _assessment(
        20,
        Motivation("Health"),
        Motivation("My kids", north_star=True),
        Motivation("Career"),
        Motivation("Self-respect", north_star=True),
    )
    middle = _assessment(10, Motivation("Middle"))
    plan = Plan(assessments=(old, latest, middle))
    assert plan.motivations() == ("My kids", "Self-respect", "Health", "Career")


def test_motivations_without_assessments_or_north_star() -> None:
    assert Plan().motivations() == ()
    plan = Plan(assessments=(_assessment(1, Motivation("A"), Motivation("B")),))
    assert plan.motivations() == ("A", "B")
    assert example_plan().motivations() == ("Be there for my kids",)


# --- check_plan -------------------------------------------------------------------------------


def test_check_plan_accepts_valid_plans() -> None:
    check_plan(Plan())
    check_plan(example_plan())


def test_check_plan_rejects_duplicate_ids_in_a_list() -> None:
    goals = (Goal(id="g1", title="A"), Goal(id="g2", title="B"), Goal(id="g1", title="C"))
    error = _error(lambda: check_plan(Plan(goals=goals)))
    assert str(error) == 'goals[2].id: "g1" is used twice in goals'


def test_check_plan_allows_the_same_id_in_different_lists() -> None:
    plan = Plan(
        goals=(Goal(id="x1", title="A"),),
        triggers=(Trigger(id="x1", text="B"),),
    )
    check_plan(plan)


def test_check_plan_rejects_empty_ids() -> None:
    error = _error(lambda: check_plan(Plan(triggers=(Trigger(id="", text="bar"),))))
    assert str(error) == "triggers[0].id: must not be empty"


def test_check_plan_one_checkin_per_date() -> None:
    checkins = (
        CheckIn(date=date(2026, 1, 20), mood=3, craving=1),
        CheckIn(date=date(2026, 1, 21), mood=3, craving=1),
        CheckIn(date=date(2026, 1, 20), mood=4, craving=0),
    )
    error = _error(lambda: check_plan(Plan(checkins=checkins)))
    assert str(error) == "checkins[2].date: a second check-in for 2026-01-20"


def test_check_plan_keeps_use_with_no_focus_area_yet() -> None:
    """Nothing stands between a person and their check-in: the area can be told later."""
    used = CheckIn(date=D, mood=2, craving=8, used=True)
    check_plan(Plan(checkins=(used,)))
    check_plan(Plan(checkins=(dataclasses.replace(used, focus_area="f1"),)))


def test_check_plan_used_needs_a_non_empty_focus_area() -> None:
    bad = CheckIn(date=D, mood=2, craving=8, used=True, focus_area="")
    error = _error(lambda: check_plan(Plan(checkins=(bad,))))
    assert error.path == "checkins[0].focus_area"


def test_check_plan_does_not_check_references_from_history() -> None:
    checkin = CheckIn(date=D, mood=3, craving=4, used=True, focus_area="gone", triggers_met=("t9",))
    check_plan(Plan(checkins=(checkin,)))


# --- with_item, without_item, with_list on any list -------------------------------------------


def _assert_other_lists_are_the_same_objects(old: Plan, new: Plan, changed: str) -> None:
    """Storage writes only the lists that changed, telling them apart by identity."""
    for f in dataclasses.fields(Plan):
        if f.name != changed:
            assert getattr(new, f.name) is getattr(old, f.name), f.name


ALCOHOL = FocusArea(id="f1", name="Alcohol", since=date(2026, 1, 10))
NICOTINE = FocusArea(id="f2", name="Nicotine", aim="reduction", since=date(2026, 3, 1))
GAMBLING = FocusArea(id="f3", name="Gambling", since=date(2026, 2, 1))


def test_with_item_replaces_a_focus_area_in_place() -> None:
    plan = dataclasses.replace(example_plan(), focus_areas=(ALCOHOL, NICOTINE, GAMBLING))
    renamed = dataclasses.replace(NICOTINE, name="Vaping", aim="abstinence")
    changed = plan.with_item("focus_areas", renamed)
    assert changed.focus_areas == (ALCOHOL, renamed, GAMBLING)
    assert plan.focus_areas == (ALCOHOL, NICOTINE, GAMBLING)
    _assert_other_lists_are_the_same_objects(plan, changed, "focus_areas")


def test_with_item_appends_a_new_focus_area() -> None:
    plan = dataclasses.replace(example_plan(), focus_areas=(ALCOHOL,))
    changed = plan.with_item("focus_areas", NICOTINE)
    assert changed.focus_areas == (ALCOHOL, NICOTINE)
    assert changed.focus_areas[0] is ALCOHOL
    _assert_other_lists_are_the_same_objects(plan, changed, "focus_areas")


def test_with_item_replaces_or_appends_an_assessment() -> None:
    plan = several_assessments_plan()
    ids = [a.id for a in plan.assessments]
    edited = dataclasses.replace(plan.assessments[2], mental_health="Better")
    changed = plan.with_item("assessments", edited)
    assert [a.id for a in changed.assessments] == ids
    assert changed.assessments[2] == edited
    for i in (0, 1, 3):
        assert changed.assessments[i] is plan.assessments[i]
    _assert_other_lists_are_the_same_objects(plan, changed, "assessments")

    fresh = Assessment(id="a5", date=date(2026, 5, 1))
    added = plan.with_item("assessments", fresh)
    assert added.assessments == (*plan.assessments, fresh)
    _assert_other_lists_are_the_same_objects(plan, added, "assessments")


def test_without_item_removes_by_id_from_any_list() -> None:
    plan = several_assessments_plan()
    changed = plan.without_item("assessments", "a3")
    assert [a.id for a in changed.assessments] == ["a1", "a2", "a4"]
    _assert_other_lists_are_the_same_objects(plan, changed, "assessments")
    areas = plan.without_item("focus_areas", "f1")
    assert areas.focus_areas == (plan.focus_areas[1],)
    assert areas.lapses is plan.lapses  # history keeps pointing at the removed area
    _assert_other_lists_are_the_same_objects(plan, areas, "focus_areas")
    assert plan.without_item("focus_areas", "missing") == plan


def test_with_list_replaces_only_that_list() -> None:
    plan = several_assessments_plan()
    new = (GAMBLING,)
    changed = plan.with_list("focus_areas", new)
    assert changed.focus_areas is new
    _assert_other_lists_are_the_same_objects(plan, changed, "focus_areas")


# --- latest_assessment and edit_assessment ----------------------------------------------------


def test_latest_assessment_is_the_newest_by_date_not_the_last_in_the_list() -> None:
    plan = several_assessments_plan()
    latest = plan.latest_assessment()
    assert latest is plan.assessments[1]
    assert latest is not None
    assert (latest.id, latest.date) == ("a3", date(2026, 4, 10))
    assert example_plan().latest_assessment() == example_plan().assessments[0]


def test_latest_assessment_on_a_date_tie_is_the_later_in_the_list() -> None:
    day = date(2026, 2, 1)
    first, second = Assessment(id="a1", date=day), Assessment(id="a2", date=day)
    older = Assessment(id="a3", date=date(2026, 1, 1))
    assert Plan(assessments=(first, second, older)).latest_assessment() is second
    assert Plan(assessments=(second, first, older)).latest_assessment() is first


def test_latest_assessment_is_none_without_assessments() -> None:
    assert Plan().latest_assessment() is None


def test_edit_assessment_makes_the_first_one_dated_today() -> None:
    plan = Plan(profile=Profile(name="Sam"), goals=(Goal(id="g1", title="Meetings"),))
    motivations = (Motivation("My kids", north_star=True),)
    changed = plan.edit_assessment(None, D, {"motivations": motivations})
    assert changed.assessments == (Assessment(id="a1", date=D, motivations=motivations),)
    _assert_other_lists_are_the_same_objects(plan, changed, "assessments")
    assert plan.assessments == ()


def test_edit_assessment_changes_only_the_named_fields() -> None:
    plan = several_assessments_plan()
    old = plan.assessments[1]
    challenges = (Challenge("financial", "Debt"),)
    changed = plan.edit_assessment(old, D, {"challenges": challenges, "barc10": (5,) * 10})
    new = changed.assessments[1]
    assert new == dataclasses.replace(old, challenges=challenges, barc10=(5,) * 10)
    assert (new.id, new.date) == ("a3", date(2026, 4, 10))  # not re-dated to today
    assert new.motivations is old.motivations
    assert [a.id for a in changed.assessments] == ["a1", "a3", "a2", "a4"]
    for i in (0, 2, 3):
        assert changed.assessments[i] is plan.assessments[i]
    _assert_other_lists_are_the_same_objects(plan, changed, "assessments")


def test_edit_assessment_refuses_an_invalid_change() -> None:
    plan = several_assessments_plan()
    with pytest.raises(PlanError) as info:
        plan.edit_assessment(plan.assessments[0], D, {"barc10": (4,) * 9})
    assert str(info.value) == "barc10: needs 10 answers, got 9"
    assert plan.assessments[0].barc10 == barc10_answers(38)


# --- replace_at, remove_at, move ---------------------------------------------------------------


ABC = ("a", "b", "c")


@pytest.mark.parametrize(
    ("index", "expected"), [(0, ("x", "b", "c")), (1, ("a", "x", "c")), (2, ("a", "b", "x"))]
)
def test_replace_at(index: int, expected: tuple[str, ...]) -> None:
    assert replace_at(ABC, index, "x") == expected
    assert replace_at(("a",), 0, "x") == ("x",)


@pytest.mark.parametrize(("index", "expected"), [(0, ("b", "c")), (1, ("a", "c")), (2, ("a", "b"))])
def test_remove_at(index: int, expected: tuple[str, ...]) -> None:
    assert remove_at(ABC, index) == expected
    assert remove_at(("a",), 0) == ()


@pytest.mark.parametrize(
    ("index", "step", "expected"),
    [
        (1, -1, ("b", "a", "c")),  # up
        (1, 1, ("a", "c", "b")),  # down
        (0, 1, ("b", "a", "c")),
        (2, -1, ("a", "c", "b")),
        (0, -1, ABC),  # already first
        (2, 1, ABC),  # already last
        (0, 5, ("b", "c", "a")),  # clamped at the end
        (2, -5, ("c", "a", "b")),  # clamped at the start
        (1, 0, ABC),
    ],
)
def test_move(index: int, step: int, expected: tuple[str, ...]) -> None:
    assert move(ABC, index, step) == expected


@pytest.mark.parametrize("step", [-1, 0, 1])
def test_move_a_single_item_stays(step: int) -> None:
    assert move(("a",), 0, step) == ("a",)


def test_list_helpers_leave_the_input_alone() -> None:
    items = ("a", "b", "c")
    replace_at(items, 1, "x")
    remove_at(items, 1)
    move(items, 0, 1)
    assert items == ("a", "b", "c")


# --- several assessments survive the exchange format -----------------------------------------


def test_several_assessments_round_trip_through_the_exchange_format() -> None:
    plan = several_assessments_plan()
    data = plan_to_data(plan, datetime(2026, 4, 20, 9, 30))
    assert [a["id"] for a in data["assessments"]] == ["a1", "a3", "a2", "a4"]
    assert [a["barc10"] is None for a in data["assessments"]] == [False, False, True, False]
    assert plan_from_data(data) == plan
    assert loads_plan(dumps(data)) == plan
