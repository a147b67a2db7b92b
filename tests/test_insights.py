"""recovery_tui.insights: missing SMART letters and days in recovery (time passed in)."""

from __future__ import annotations

import dataclasses
from datetime import date, timedelta

import pytest
from plans import example_plan

from recovery_tui.insights import (
    DaysInRecovery,
    all_days_in_recovery,
    days_in_recovery,
    missing_smart,
    missing_smart_words,
)
from recovery_tui.model import FocusArea, Goal, Lapse, Plan

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
