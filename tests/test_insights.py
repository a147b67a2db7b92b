"""recovery_tui.insights: missing SMART letters, days in recovery, BARC-10 scores and when
one is due, sparklines (time passed in, or frozen with time-machine)."""

from __future__ import annotations

import dataclasses
from datetime import date, timedelta

import pytest
import time_machine
from hypothesis import given
from hypothesis import strategies as st
from plans import barc10_answers, example_plan, several_assessments_plan

from recovery_tui.insights import (
    Barc10Score,
    DaysInRecovery,
    all_days_in_recovery,
    barc10_due,
    barc10_history,
    barc10_total,
    days_in_recovery,
    missing_smart,
    missing_smart_words,
    sparkline,
)
from recovery_tui.model import Assessment, FocusArea, Goal, Lapse, Plan, PlanError

COMPLETE = Goal(
    id="g1",
    title="Meetings",
    specific="Attend support-group meetings",
    measure="3 a week",
    achievable="Two are near work",
    relevant="My kids",
    due=date(2026, 2, 28),
)


# --- missing_smart ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("changes", "letters"),
    [
        ({}, ""),
        ({"specific": ""}, "S"),
        ({"measure": ""}, "M"),
        ({"achievable": ""}, "A"),
        ({"relevant": ""}, "R"),
        ({"due": None}, "T"),
        ({"specific": "", "due": None}, "ST"),
        ({"measure": "", "relevant": ""}, "MR"),
        ({"specific": "", "measure": "", "achievable": "", "relevant": "", "due": None}, "SMART"),
        ({"specific": "   ", "measure": "\n\t", "achievable": "\u3000"}, "SMA"),
    ],
)
def test_missing_smart_letters_in_order(changes: dict[str, object], letters: str) -> None:
    goal = dataclasses.replace(COMPLETE, **changes)  # type: ignore[arg-type]
    assert missing_smart(goal) == letters


def test_bare_goal_lacks_all_letters_and_title_does_not_count() -> None:
    bare = Goal(id="g1", title="Specific measurable achievable relevant time-bound")
    assert missing_smart(bare) == "SMART"
    assert missing_smart_words(bare) == [
        "what exactly",
        "a metric and target",
        "why it is within reach",
        "which motivation it serves",
        "a target date",
    ]
    assert missing_smart_words(COMPLETE) == []


def test_missing_smart_words_follow_letters() -> None:
    goal = Goal(id="g1", title="x", measure="3 a week", relevant="kids")
    assert missing_smart(goal) == "SAT"
    assert missing_smart_words(goal) == [
        "what exactly",
        "why it is within reach",
        "a target date",
    ]


def test_example_goal_is_complete() -> None:
    assert missing_smart(example_plan().goal("g1")) == ""


# --- days in recovery -------------------------------------------------------------------------

ALCOHOL = FocusArea(id="f1", name="Alcohol", since=date(2026, 1, 10))
NICOTINE = FocusArea(id="f2", name="Nicotine", since=date(2026, 3, 1), aim="reduction")


def _lapse(n: int, area: str, day: date) -> Lapse:
    return Lapse(id=f"l{n}", focus_area=area, date=day)


def _days(plan: Plan, area: FocusArea, today: date) -> tuple[int, int]:
    result = days_in_recovery(plan, area, today)
    assert result.area == area
    return result.current, result.total


def test_since_today_is_day_one() -> None:
    plan = Plan(focus_areas=(ALCOHOL,))
    assert _days(plan, ALCOHOL, ALCOHOL.since) == (1, 1)
    assert _days(plan, ALCOHOL, ALCOHOL.since + timedelta(days=1)) == (2, 2)
    assert _days(plan, ALCOHOL, date(2026, 2, 8)) == (30, 30)


def test_lapse_yesterday_starts_a_new_run_and_total_skips_the_lapse_day() -> None:
    today = date(2026, 1, 20)  # day 11 since 2026-01-10
    plan = Plan(focus_areas=(ALCOHOL,), lapses=(_lapse(1, "f1", today - timedelta(days=1)),))
    assert _days(plan, ALCOHOL, today) == (1, 10)


def test_lapse_today_means_no_current_run_yet() -> None:
    today = date(2026, 1, 20)
    plan = Plan(focus_areas=(ALCOHOL,), lapses=(_lapse(1, "f1", today),))
    assert _days(plan, ALCOHOL, today) == (0, 10)


def test_lapse_on_the_since_date() -> None:
    plan = Plan(focus_areas=(ALCOHOL,), lapses=(_lapse(1, "f1", ALCOHOL.since),))
    assert _days(plan, ALCOHOL, ALCOHOL.since) == (0, 0)
    assert _days(plan, ALCOHOL, date(2026, 1, 12)) == (2, 2)


def test_several_lapses_latest_one_counts_and_each_day_once() -> None:
    lapses = (
        _lapse(1, "f1", date(2026, 1, 15)),
        _lapse(2, "f1", date(2026, 1, 30)),
        _lapse(3, "f1", date(2026, 1, 20)),
        _lapse(4, "f1", date(2026, 1, 30)),  # two debriefs of one day: one lapse day
    )
    plan = Plan(focus_areas=(ALCOHOL,), lapses=lapses)
    # 2026-01-10..2026-02-09 is 31 days, 3 of them lapse days; the run starts 2026-01-31.
    assert _days(plan, ALCOHOL, date(2026, 2, 9)) == (10, 28)


def test_lapses_outside_the_counted_days_are_ignored() -> None:
    lapses = (
        _lapse(1, "f1", date(2025, 12, 31)),  # before since
        _lapse(2, "f1", date(2026, 1, 25)),  # after today
    )
    plan = Plan(focus_areas=(ALCOHOL,), lapses=lapses)
    assert _days(plan, ALCOHOL, date(2026, 1, 19)) == (10, 10)


def test_leap_day_counts() -> None:
    area = FocusArea(id="f1", name="Alcohol", since=date(2028, 2, 28))
    plan = Plan(focus_areas=(area,))
    assert _days(plan, area, date(2028, 3, 1)) == (3, 3)
    area_2027 = FocusArea(id="f1", name="Alcohol", since=date(2027, 2, 28))
    assert _days(Plan(focus_areas=(area_2027,)), area_2027, date(2027, 3, 1)) == (2, 2)
    assert _days(plan, area, date(2029, 2, 27)) == (366, 366)


def test_focus_areas_are_independent_and_other_areas_lapses_are_ignored() -> None:
    lapses = (_lapse(1, "f2", date(2026, 3, 5)), _lapse(2, "f9", date(2026, 3, 9)))
    plan = Plan(focus_areas=(ALCOHOL, NICOTINE), lapses=lapses)
    today = date(2026, 3, 10)
    assert _days(plan, ALCOHOL, today) == (60, 60)  # 2026-01-10..2026-03-10
    assert _days(plan, NICOTINE, today) == (5, 9)
    assert all_days_in_recovery(plan, today) == [
        DaysInRecovery(area=ALCOHOL, current=60, total=60),
        DaysInRecovery(area=NICOTINE, current=5, total=9),
    ]


def test_future_since_gives_zero() -> None:
    plan = Plan(focus_areas=(NICOTINE,), lapses=(_lapse(1, "f2", date(2026, 3, 2)),))
    assert _days(plan, NICOTINE, date(2026, 2, 28)) == (0, 0)
    assert _days(plan, NICOTINE, date(2025, 1, 1)) == (0, 0)


def test_example_plan_days() -> None:
    plan = example_plan()
    (alcohol,) = all_days_in_recovery(plan, date(2026, 11, 26))
    # since 2026-01-10 (321 days to 2026-11-26), lapse 2026-05-02: run from 2026-05-03.
    assert (alcohol.current, alcohol.total) == (208, 320)
    assert all_days_in_recovery(Plan(), date(2026, 1, 1)) == []


# --- BARC-10 total ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("answers", "total"),
    [
        ((1,) * 10, 10),
        ((6,) * 10, 60),
        ((5, 5, 5, 5, 5, 5, 4, 4, 4, 4), 46),
        ((5, 5, 5, 5, 5, 5, 5, 4, 4, 4), 47),
        ((5, 4, 4, 3, 3, 4, 5, 6, 4, 4), 42),  # the plan-format.md example
        ([1, 2, 3, 4, 5, 6, 1, 2, 3, 4], 31),  # any sequence, not only a tuple
    ],
)
def test_barc10_total(answers: tuple[int, ...], total: int) -> None:
    assert barc10_total(answers) == total


def test_barc10_answers_helper_gives_the_total_asked_for() -> None:
    for total in range(10, 61):
        assert barc10_total(barc10_answers(total)) == total


@pytest.mark.parametrize("count", [0, 9, 11])
def test_barc10_total_needs_ten_answers(count: int) -> None:
    with pytest.raises(PlanError) as info:
        barc10_total((4,) * count)
    assert info.value.path == "barc10"
    assert str(info.value) == f"barc10: needs 10 answers, got {count}"


@pytest.mark.parametrize(
    ("position", "bad", "shown"),
    [
        (0, 0, "0"),
        (2, 7, "7"),
        (4, True, "True"),  # a bool is not an answer, though Python counts it as 1
        (9, "5", "'5'"),
        (6, 4.0, "4.0"),
        (7, None, "None"),
    ],
)
def test_barc10_total_names_the_statement_with_a_bad_answer(
    position: int, bad: object, shown: str
) -> None:
    answers: list[object] = [4] * 10
    answers[position] = bad
    with pytest.raises(PlanError) as info:
        barc10_total(answers)  # type: ignore[arg-type]
    number = position + 1
    assert info.value.path == f"barc10[{position}]"
    assert info.value.message == f"statement {number}: {shown} is not an answer from 1 to 6"


def test_barc10_total_names_the_first_bad_statement() -> None:
    with pytest.raises(PlanError, match="statement 3: 0 is"):
        barc10_total((4, 4, 0, 4, 9, 4, 4, 4, 4, 4))


# --- BARC-10 history and when one is due ------------------------------------------------------

JAN_12 = date(2026, 1, 12)


def _taken(n: int, day: date, total: int | None) -> Assessment:
    answers = None if total is None else barc10_answers(total)
    return Assessment(id=f"a{n}", date=day, barc10=answers)


def test_barc10_history_oldest_first_only_assessments_with_a_barc10() -> None:
    assert barc10_history(several_assessments_plan()) == [
        Barc10Score(date(2026, 1, 12), 38),
        Barc10Score(date(2026, 3, 5), 44),
        Barc10Score(date(2026, 4, 10), 47),
    ]
    assert barc10_history(example_plan()) == [Barc10Score(JAN_12, 42)]
    assert barc10_history(Plan()) == []
    assert barc10_history(Plan(assessments=(_taken(1, JAN_12, None),))) == []


def test_barc10_history_same_date_keeps_list_order() -> None:
    plan = Plan(assessments=(_taken(1, JAN_12, 30), _taken(2, JAN_12, 50)))
    assert [s.total for s in barc10_history(plan)] == [30, 50]


def _assert_plain_words(message: str | None) -> str:
    assert message is not None
    assert "BARC-10" in message
    assert "fail" not in message.lower()
    return message


def test_barc10_due_when_none_was_taken() -> None:
    _assert_plain_words(barc10_due(Plan(), JAN_12))
    not_taken = Plan(assessments=(_taken(1, JAN_12, None),))
    message = _assert_plain_words(barc10_due(not_taken, JAN_12))
    assert "not taken" in message


def test_barc10_due_ninety_days_after_the_last_one() -> None:
    plan = Plan(assessments=(_taken(1, date(2025, 6, 1), 40), _taken(2, JAN_12, 45)))
    assert barc10_due(plan, JAN_12) is None
    assert barc10_due(plan, JAN_12 + timedelta(days=89)) is None
    for days in (90, 91, 400):
        message = _assert_plain_words(barc10_due(plan, JAN_12 + timedelta(days=days)))
        assert "2026-01-12" in message  # the last one, not the older one


def test_barc10_due_after_a_lapse_since_the_last_one_even_if_recent() -> None:
    lapse = Lapse(id="l1", focus_area="f1", date=JAN_12 + timedelta(days=3))
    plan = Plan(assessments=(_taken(1, JAN_12, 45),), lapses=(lapse,))
    message = _assert_plain_words(barc10_due(plan, JAN_12 + timedelta(days=5)))
    assert "lapse" in message
    # Taking it again after the lapse answers it.
    again = plan.with_item("assessments", _taken(2, JAN_12 + timedelta(days=6), 44))
    assert barc10_due(again, JAN_12 + timedelta(days=7)) is None


def test_barc10_not_due_for_a_lapse_before_the_last_one() -> None:
    plan = several_assessments_plan()  # lapse 2026-03-15, last BARC-10 2026-04-10
    last = date(2026, 4, 10)
    assert barc10_due(plan, last + timedelta(days=1)) is None
    assert barc10_due(plan, last + timedelta(days=89)) is None
    assert "2026-04-10" in _assert_plain_words(barc10_due(plan, last + timedelta(days=90)))


def test_barc10_due_follows_the_clock() -> None:
    plan = Plan(assessments=(_taken(1, JAN_12, 45),))
    with time_machine.travel(date(2026, 4, 11), tick=False):  # day 89 after
        assert barc10_due(plan, date.today()) is None
    with time_machine.travel(date(2026, 4, 12), tick=False):  # day 90 after
        assert barc10_due(plan, date.today()) is not None


# --- sparkline --------------------------------------------------------------------------------


def test_sparkline_uses_every_level_from_low_to_high() -> None:
    assert sparkline(range(8), 0, 7) == "▁▂▃▄▅▆▇█"
    assert sparkline([10, 60, 35], 10, 60) == "▁█▅"
    assert sparkline([], 10, 60) == ""


def test_sparkline_clamps_values_outside_the_range() -> None:
    assert sparkline([-5, 0, 10, 99], 0, 10) == "▁▁██"


def test_sparkline_with_equal_low_and_high_is_a_flat_line() -> None:
    line = sparkline([3, 5, 8], 5, 5)
    assert len(line) == 3
    assert len(set(line)) == 1


@given(
    st.lists(st.floats(-100, 100) | st.integers(-100, 100), max_size=20),
    st.integers(-50, 50),
    st.integers(0, 50),
)
def test_sparkline_one_mark_per_value_in_value_order(
    values: list[float], low: int, width: int
) -> None:
    high = low + width
    line = sparkline(values, low, high)
    assert len(line) == len(values)
    assert set(line) <= set("▁▂▃▄▅▆▇█")
    marks = sorted(zip(values, line, strict=True))
    assert [mark for _, mark in marks] == sorted(line)  # a higher value is never lower
    for value, mark in marks:
        if value <= low:
            assert mark == "▁"
        elif value >= high and width:
            assert mark == "█"


def test_first_steps_are_asked_for_until_each_is_there() -> None:
    from recovery_tui.insights import first_step_gaps
    from recovery_tui.model import Assessment, FocusArea, Motivation, Trigger

    assert [(g.tab, g.section) for g in first_step_gaps(Plan())] == [
        ("assessment", "focus_areas"),
        ("assessment", "motivations"),
        ("triggers", "triggers"),
    ]
    started = Plan(
        focus_areas=(FocusArea("f1", "Alcohol", since=date(2026, 1, 10)),),
        assessments=(Assessment("a1", date(2026, 1, 10), (Motivation("Kids", north_star=True),)),),
        triggers=(Trigger("t1", "Payday"),),
    )
    assert first_step_gaps(started) == []
    not_the_north_star = started.edit_assessment(
        started.latest_assessment(), date(2026, 1, 10), {"motivations": (Motivation("Kids"),)}
    )
    assert [g.section for g in first_step_gaps(not_the_north_star)] == ["motivations"]
