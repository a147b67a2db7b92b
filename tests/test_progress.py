"""recovery_tui.progress: runs of days in recovery, milestones, the check-in streak, mood and
craving trends, and saving a check-in (a use records a lapse; an empty one is taken back)."""

from __future__ import annotations

import dataclasses
from datetime import date, timedelta

import pytest
import time_machine
from hypothesis import given
from hypothesis import strategies as st

from recovery_tui.model import CheckIn, FocusArea, Lapse, Plan, check_plan
from recovery_tui.progress import (
    Recovery,
    Run,
    checkin_on,
    checkin_summary,
    day_count,
    days_short,
    lapse_note,
    lapsed_today,
    milestone_name,
    milestones_up_to,
    next_milestone,
    record_checkin,
    recovery,
    run_words,
    streak,
    trend,
    with_checkin,
)

TODAY = date(2026, 6, 15)
DAY = timedelta(days=1)
ALCOHOL = FocusArea(id="f1", name="Alcohol", since=date(2026, 6, 1))
GAMBLING = FocusArea(id="f2", name="Gambling", aim="reduction", since=date(2026, 5, 1))


def _area(since: date, area_id: str = "f1", name: str = "Alcohol") -> FocusArea:
    return FocusArea(id=area_id, name=name, since=since)


def _lapses(area_id: str, *days: date) -> tuple[Lapse, ...]:
    return tuple(Lapse(f"{area_id}-l{i}", area_id, d) for i, d in enumerate(days))


def _plan(
    *areas: FocusArea, lapses: tuple[Lapse, ...] = (), checkins: tuple[CheckIn, ...] = ()
) -> Plan:
    return Plan(focus_areas=areas, lapses=lapses, checkins=checkins)


def _checkin(day: date, mood: int = 3, craving: int = 2, **changes: object) -> CheckIn:
    return CheckIn(date=day, mood=mood, craving=craving, **changes)  # type: ignore[arg-type]


def _counted(area: FocusArea, today: date, *lapse_days: date) -> Recovery:
    return recovery(_plan(area, lapses=_lapses(area.id, *lapse_days)), area, today)


# --- recovery: runs of days -------------------------------------------------------------------


def test_run_counts_both_ends() -> None:
    assert Run(TODAY, TODAY).days == 1
    assert Run(date(2026, 6, 1), date(2026, 6, 30)).days == 30


def test_first_day_counts_as_day_one() -> None:
    area = _area(TODAY)
    counted = _counted(area, TODAY)
    assert counted == Recovery(area=area, current=1, total=1, longest=1, earlier=())


def test_no_lapses_every_day_since_counts() -> None:
    counted = _counted(ALCOHOL, TODAY)  # June 1..15
    assert (counted.current, counted.total, counted.longest, counted.earlier) == (15, 15, 15, ())


def test_lapse_yesterday_starts_a_new_run_today() -> None:
    counted = _counted(ALCOHOL, TODAY, TODAY - DAY)
    assert counted.current == 1
    assert counted.total == 14  # 15 days, the lapse day not counted
    assert counted.earlier == (Run(ALCOHOL.since, TODAY - 2 * DAY),)  # ends the day before
    assert counted.earlier[0].days == 13
    assert counted.longest == 13  # the earlier run is longer than today's


def test_longest_is_the_current_run_when_it_is_longer() -> None:
    counted = _counted(ALCOHOL, TODAY, date(2026, 6, 3))
    assert counted.earlier == (Run(date(2026, 6, 1), date(2026, 6, 2)),)
    assert (counted.current, counted.longest, counted.total) == (12, 12, 14)


def test_lapse_on_the_since_date_records_no_earlier_run() -> None:
    counted = _counted(ALCOHOL, TODAY, ALCOHOL.since)
    assert counted.earlier == ()
    assert (counted.current, counted.total, counted.longest) == (14, 14, 14)


def test_lapses_on_consecutive_days_record_no_empty_run() -> None:
    counted = _counted(ALCOHOL, TODAY, date(2026, 6, 5), date(2026, 6, 6))
    assert counted.earlier == (Run(date(2026, 6, 1), date(2026, 6, 4)),)
    assert all(run.days > 0 for run in counted.earlier)
    assert counted.current == 9  # June 7..15
    assert counted.total == 13  # both lapse days left out


def test_lapse_today_current_is_zero_and_today_not_counted() -> None:
    counted = _counted(ALCOHOL, TODAY, TODAY)
    assert counted.current == 0
    assert counted.total == 14
    assert counted.earlier == (Run(ALCOHOL.since, TODAY - DAY),)
    assert counted.longest == 14


def test_lapse_order_in_the_list_does_not_matter() -> None:
    days = (date(2026, 6, 10), date(2026, 6, 3), date(2026, 6, 7))
    assert _counted(ALCOHOL, TODAY, *days) == _counted(ALCOHOL, TODAY, *sorted(days))
    assert [r.start for r in _counted(ALCOHOL, TODAY, *days).earlier] == [
        date(2026, 6, 1),
        date(2026, 6, 4),
        date(2026, 6, 8),
    ]


def test_across_a_leap_day() -> None:
    area = _area(date(2028, 2, 27))
    counted = _counted(area, date(2028, 3, 1))  # 27, 28, 29 Feb and 1 Mar
    assert (counted.current, counted.total) == (4, 4)
    with_lapse = _counted(area, date(2028, 3, 1), date(2028, 2, 29))
    assert with_lapse.earlier == (Run(date(2028, 2, 27), date(2028, 2, 28)),)
    assert (with_lapse.current, with_lapse.total, with_lapse.longest) == (1, 3, 2)


def test_focus_areas_are_counted_independently() -> None:
    plan = _plan(
        ALCOHOL,
        GAMBLING,
        lapses=_lapses("f1", date(2026, 6, 10)) + _lapses("f2", date(2026, 5, 31)),
    )
    alcohol = recovery(plan, ALCOHOL, TODAY)
    gambling = recovery(plan, GAMBLING, TODAY)
    assert (alcohol.current, alcohol.total) == (5, 14)
    assert (gambling.current, gambling.total) == (15, 45)  # May 1..June 15 is 46 days
    assert alcohol.area == ALCOHOL and gambling.area == GAMBLING


def test_lapses_of_another_area_are_ignored() -> None:
    plan = _plan(ALCOHOL, GAMBLING, lapses=_lapses("f2", TODAY, TODAY - DAY))
    counted = recovery(plan, ALCOHOL, TODAY)
    assert (counted.current, counted.total, counted.earlier) == (15, 15, ())


def test_lapses_of_a_removed_area_are_ignored() -> None:
    plan = _plan(ALCOHOL, lapses=_lapses("f9", TODAY))
    assert recovery(plan, ALCOHOL, TODAY).current == 15


def test_lapses_after_today_and_before_since_are_ignored() -> None:
    counted = _counted(ALCOHOL, TODAY, TODAY + DAY, date(2026, 7, 1), date(2026, 5, 20))
    assert (counted.current, counted.total, counted.longest, counted.earlier) == (15, 15, 15, ())


def test_since_in_the_future_counts_nothing() -> None:
    area = _area(TODAY + 3 * DAY)
    counted = _counted(area, TODAY, TODAY + 4 * DAY)
    assert (counted.current, counted.total, counted.longest, counted.earlier) == (0, 0, 0, ())


def test_duplicate_lapses_on_one_day_take_away_one_day() -> None:
    lapses = (
        Lapse(id="l1", focus_area="f1", date=date(2026, 6, 8)),
        Lapse(id="l2", focus_area="f1", date=date(2026, 6, 8), what_happened="A wedding"),
    )
    counted = recovery(_plan(ALCOHOL, lapses=lapses), ALCOHOL, TODAY)
    assert counted.total == 14
    assert counted.earlier == (Run(date(2026, 6, 1), date(2026, 6, 7)),)


def test_a_lapse_never_erases_the_total() -> None:
    area = _area(date(2025, 1, 1))
    before = _counted(area, TODAY)
    after = _counted(area, TODAY, TODAY - 2 * DAY)
    assert after.current == 2
    assert after.total == before.total - 1  # one lapse day, not back to zero
    assert after.longest == before.total - 3


def test_recovery_follows_the_clock() -> None:
    plan = _plan(ALCOHOL, lapses=_lapses("f1", date(2026, 6, 10)))
    with time_machine.travel(date(2026, 6, 10), tick=False):
        assert recovery(plan, ALCOHOL, date.today()).current == 0
    with time_machine.travel(date(2026, 6, 11), tick=False):
        counted = recovery(plan, ALCOHOL, date.today())
        assert (counted.current, counted.total) == (1, 10)


BASE = date(2024, 1, 1)


@given(
    st.integers(0, 400),
    st.integers(0, 400),
    st.lists(st.integers(-20, 420), max_size=30),
)
def test_runs_add_up_to_the_total(since_at: int, today_at: int, lapse_at: list[int]) -> None:
    since, today = BASE + since_at * DAY, BASE + today_at * DAY
    area = _area(since)
    lapse_days = [BASE + n * DAY for n in lapse_at]
    counted = _counted(area, today, *lapse_days)

    in_range = {d for d in lapse_days if since <= d <= today}
    span = max(0, (today - since).days + 1)
    assert counted.total == span - len(in_range)
    assert 0 <= counted.current <= counted.longest <= counted.total
    assert sum(run.days for run in counted.earlier) + counted.current == counted.total
    for run in counted.earlier:
        assert run.days >= 1
        assert run.end + DAY in in_range  # every earlier run ends the day before a lapse
        assert not any(run.start <= d <= run.end for d in in_range)
    starts = [run.start for run in counted.earlier]
    assert starts == sorted(starts)
    if counted.current:
        latest = max(in_range, default=since - DAY)
        assert counted.current == (today - max(latest + DAY, since)).days + 1


# --- milestones -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("days", "reached"),
    [
        (0, []),
        (1, [1]),
        (6, [1]),
        (7, [1, 7]),
        (30, [1, 7, 30]),
        (179, [1, 7, 30, 60, 90]),
        (364, [1, 7, 30, 60, 90, 180]),
        (365, [1, 7, 30, 60, 90, 180, 365]),
        (730, [1, 7, 30, 60, 90, 180, 365, 730]),
        (800, [1, 7, 30, 60, 90, 180, 365, 730]),
        (1095, [1, 7, 30, 60, 90, 180, 365, 730, 1095]),
    ],
)
def test_milestones_up_to(days: int, reached: list[int]) -> None:
    assert milestones_up_to(days) == reached


@pytest.mark.parametrize(
    ("days", "following"),
    [(0, 1), (1, 7), (6, 7), (7, 30), (30, 60), (90, 180), (180, 365), (364, 365), (365, 730)],
)
def test_next_milestone(days: int, following: int) -> None:
    assert next_milestone(days) == following


@given(st.integers(0, 3000))
def test_next_milestone_is_the_first_one_not_yet_reached(days: int) -> None:
    following = next_milestone(days)
    assert following > days
    assert following not in milestones_up_to(days)
    assert milestones_up_to(following) == [*milestones_up_to(days), following]


@pytest.mark.parametrize(
    ("days", "name"),
    [(1, "1 day"), (7, "7 days"), (180, "180 days"), (365, "1 year"), (730, "2 years")],
)
def test_milestone_name(days: int, name: str) -> None:
    assert milestone_name(days) == name


# --- streak -----------------------------------------------------------------------------------


def test_streak_without_checkins_is_zero() -> None:
    assert streak((), TODAY) == 0


def test_streak_today_only_is_one() -> None:
    assert streak((_checkin(TODAY),), TODAY) == 1


def test_streak_counts_to_yesterday_while_todays_is_still_to_come() -> None:
    checkins = (_checkin(TODAY - DAY), _checkin(TODAY - 2 * DAY))
    assert streak(checkins, TODAY) == 2
    assert streak((*checkins, _checkin(TODAY)), TODAY) == 3


def test_a_gap_breaks_the_streak() -> None:
    checkins = (_checkin(TODAY), _checkin(TODAY - DAY), _checkin(TODAY - 3 * DAY))
    assert streak(checkins, TODAY) == 2
    assert streak((_checkin(TODAY - 2 * DAY), _checkin(TODAY - 3 * DAY)), TODAY) == 0


def test_streak_ignores_checkin_order_and_future_checkins() -> None:
    checkins = [_checkin(TODAY - n * DAY) for n in (2, 0, 3, 1)]
    assert streak(checkins, TODAY) == 4
    assert streak(list(reversed(checkins)), TODAY) == 4
    assert streak([*checkins, _checkin(TODAY + DAY)], TODAY) == 4


def test_streak_follows_the_clock() -> None:
    checkins = (_checkin(date(2026, 6, 14)), _checkin(date(2026, 6, 13)))
    with time_machine.travel(date(2026, 6, 15), tick=False):
        assert streak(checkins, date.today()) == 2
    with time_machine.travel(date(2026, 6, 16), tick=False):
        assert streak(checkins, date.today()) == 0


# --- trend ------------------------------------------------------------------------------------


def test_trend_values_oldest_first_within_the_window() -> None:
    checkins = (
        _checkin(TODAY, mood=4, craving=1),
        _checkin(TODAY - 29 * DAY, mood=2, craving=7),  # first day of the window
        _checkin(TODAY - 30 * DAY, mood=1, craving=9),  # just outside
        _checkin(TODAY - 5 * DAY, mood=3, craving=4),
        _checkin(TODAY + DAY, mood=5, craving=0),  # not yet
    )
    mood = trend(checkins, "mood", TODAY, 30)
    assert mood.values == (2, 3, 4)
    assert mood.average == 3.0
    assert mood.latest == 4
    craving = trend(checkins, "craving", TODAY, 30)
    assert (craving.values, craving.average, craving.latest) == ((7, 4, 1), 4.0, 1)


def test_trend_average_is_rounded_to_one_decimal() -> None:
    checkins = [_checkin(TODAY - n * DAY, mood=m) for n, m in enumerate((3, 4, 4))]
    mood = trend(checkins, "mood", TODAY, 7)
    assert mood.values == (4, 4, 3)
    assert mood.average == 3.7  # 11 / 3
    assert mood.latest == 3


def test_trend_of_nothing() -> None:
    empty = trend((), "mood", TODAY, 30)
    assert (empty.values, empty.average, empty.latest) == ((), None, None)
    old = trend((_checkin(TODAY - 40 * DAY),), "craving", TODAY, 30)
    assert (old.values, old.average, old.latest) == ((), None, None)


# --- checkin_on / with_checkin ----------------------------------------------------------------


def test_checkin_on_finds_the_days_checkin() -> None:
    first, second = _checkin(TODAY - DAY, mood=2), _checkin(TODAY, mood=5)
    plan = _plan(ALCOHOL, checkins=(first, second))
    assert checkin_on(plan, TODAY) == second
    assert checkin_on(plan, TODAY - DAY) == first
    assert checkin_on(plan, TODAY - 2 * DAY) is None
    assert checkin_on(Plan(), TODAY) is None


def test_with_checkin_adds_in_date_order() -> None:
    plan = _plan(ALCOHOL, checkins=(_checkin(TODAY - 3 * DAY), _checkin(TODAY)))
    plan = with_checkin(plan, _checkin(TODAY - DAY))
    plan = with_checkin(plan, _checkin(TODAY - 5 * DAY))
    assert [c.date for c in plan.checkins] == [TODAY - n * DAY for n in (5, 3, 1, 0)]
    check_plan(plan)


def test_with_checkin_replaces_the_same_dates_checkin() -> None:
    plan = _plan(ALCOHOL, checkins=(_checkin(TODAY - DAY), _checkin(TODAY, mood=2)))
    changed = with_checkin(plan, _checkin(TODAY, mood=5, note="Better"))
    assert len(changed.checkins) == 2
    assert [c.date for c in changed.checkins] == [TODAY - DAY, TODAY]
    assert checkin_on(changed, TODAY) == _checkin(TODAY, mood=5, note="Better")
    assert plan.checkins[1].mood == 2  # the plan itself is unchanged
    check_plan(changed)


# --- record_checkin ---------------------------------------------------------------------------


def _lapse_keys(plan: Plan) -> list[tuple[str, date]]:
    return [(x.focus_area, x.date) for x in plan.lapses]


def test_recording_a_plain_checkin_adds_no_lapse() -> None:
    plan = record_checkin(_plan(ALCOHOL), _checkin(TODAY, focus_area="f1"))
    assert plan.lapses == ()
    assert plan.checkins == (_checkin(TODAY, focus_area="f1"),)
    check_plan(plan)


def test_use_records_a_lapse_for_the_area_and_day() -> None:
    plan = record_checkin(_plan(ALCOHOL, GAMBLING), _checkin(TODAY, used=True, focus_area="f1"))
    check_plan(plan)
    assert _lapse_keys(plan) == [("f1", TODAY)]
    lapse = plan.lapses[0]
    assert lapse.id and (lapse.what_happened, lapse.trigger) == ("", "")
    assert recovery(plan, ALCOHOL, TODAY).current == 0
    assert recovery(plan, ALCOHOL, TODAY).total == 14
    assert recovery(plan, GAMBLING, TODAY).current == 46


def test_recording_again_the_same_day_adds_no_second_lapse() -> None:
    plan = _plan(ALCOHOL)
    for mood in (2, 3, 1):
        plan = record_checkin(plan, _checkin(TODAY, mood=mood, used=True, focus_area="f1"))
        check_plan(plan)
    assert _lapse_keys(plan) == [("f1", TODAY)]
    assert len(plan.checkins) == 1 and plan.checkins[0].mood == 1


def test_existing_lapse_of_that_day_is_not_doubled() -> None:
    debriefed = Lapse(id="l1", focus_area="f1", date=TODAY, what_happened="A party")
    plan = record_checkin(
        _plan(ALCOHOL, lapses=(debriefed,)), _checkin(TODAY, used=True, focus_area="f1")
    )
    assert plan.lapses == (debriefed,)
    check_plan(plan)


def test_lapse_ids_stay_unique() -> None:
    plan = _plan(ALCOHOL, lapses=(Lapse("l1", "f1", date(2026, 6, 3)),))
    plan = record_checkin(plan, _checkin(TODAY - DAY, used=True, focus_area="f1"))
    plan = record_checkin(plan, _checkin(TODAY, used=True, focus_area="f1"))
    check_plan(plan)
    assert len({x.id for x in plan.lapses}) == 3


def test_taking_the_use_back_removes_the_empty_lapse() -> None:
    plan = record_checkin(_plan(ALCOHOL), _checkin(TODAY, used=True, focus_area="f1"))
    plan = record_checkin(plan, _checkin(TODAY, used=False))
    check_plan(plan)
    assert plan.lapses == ()
    assert checkin_on(plan, TODAY) == _checkin(TODAY, used=False)
    assert recovery(plan, ALCOHOL, TODAY).current == 15


def test_taking_the_use_back_with_the_area_still_chosen_removes_the_lapse() -> None:
    plan = record_checkin(_plan(ALCOHOL), _checkin(TODAY, used=True, focus_area="f1"))
    plan = record_checkin(plan, _checkin(TODAY, used=False, focus_area="f1"))
    check_plan(plan)
    assert plan.lapses == ()


def test_taking_the_use_back_keeps_a_written_debrief() -> None:
    plan = record_checkin(_plan(ALCOHOL), _checkin(TODAY, used=True, focus_area="f1"))
    debriefed = dataclasses.replace(plan.lapses[0], what_happened="Stressful call")
    plan = plan.with_item("lapses", debriefed)
    plan = record_checkin(plan, _checkin(TODAY, used=False))
    check_plan(plan)
    assert plan.lapses == (debriefed,)
    assert recovery(plan, ALCOHOL, TODAY).current == 0


@pytest.mark.parametrize("field", ["what_happened", "trigger", "what_helped", "plan_change"])
def test_any_debrief_field_keeps_the_lapse(field: str) -> None:
    plan = record_checkin(_plan(ALCOHOL), _checkin(TODAY, used=True, focus_area="f1"))
    plan = plan.with_item("lapses", dataclasses.replace(plan.lapses[0], **{field: "x"}))
    plan = record_checkin(plan, _checkin(TODAY))
    assert _lapse_keys(plan) == [("f1", TODAY)]


def test_switching_focus_area_moves_the_lapse() -> None:
    plan = record_checkin(_plan(ALCOHOL, GAMBLING), _checkin(TODAY, used=True, focus_area="f1"))
    plan = record_checkin(plan, _checkin(TODAY, used=True, focus_area="f2"))
    check_plan(plan)
    assert _lapse_keys(plan) == [("f2", TODAY)]
    assert recovery(plan, ALCOHOL, TODAY).current == 15
    assert recovery(plan, GAMBLING, TODAY).current == 0


def test_switching_focus_area_keeps_a_debriefed_lapse() -> None:
    plan = record_checkin(_plan(ALCOHOL, GAMBLING), _checkin(TODAY, used=True, focus_area="f1"))
    plan = plan.with_item("lapses", dataclasses.replace(plan.lapses[0], trigger="Payday"))
    plan = record_checkin(plan, _checkin(TODAY, used=True, focus_area="f2"))
    check_plan(plan)
    assert sorted(_lapse_keys(plan)) == [("f1", TODAY), ("f2", TODAY)]


def test_recording_another_day_leaves_other_lapses_alone() -> None:
    plan = record_checkin(_plan(ALCOHOL), _checkin(TODAY - DAY, used=True, focus_area="f1"))
    plan = record_checkin(plan, _checkin(TODAY, used=False))
    check_plan(plan)
    assert _lapse_keys(plan) == [("f1", TODAY - DAY)]
    counted = recovery(plan, ALCOHOL, TODAY)
    assert (counted.current, counted.total) == (1, 14)


def test_a_week_of_checkins_keeps_the_plan_valid() -> None:
    plan = _plan(ALCOHOL, GAMBLING)
    answers = [
        (TODAY - 3 * DAY, True, "f1"),
        (TODAY - 2 * DAY, False, None),
        (TODAY - 3 * DAY, True, "f2"),
        (TODAY - DAY, True, "f1"),
        (TODAY - 3 * DAY, False, "f2"),
        (TODAY, False, None),
    ]
    for day, used, area in answers:
        plan = record_checkin(plan, _checkin(day, used=used, focus_area=area))
        check_plan(plan)
    assert _lapse_keys(plan) == [("f1", TODAY - DAY)]
    assert [c.date for c in plan.checkins] == [TODAY - n * DAY for n in (3, 2, 1, 0)]
    assert recovery(plan, ALCOHOL, TODAY).current == 1
    assert recovery(plan, GAMBLING, TODAY).current == 46


# --- checkin_summary --------------------------------------------------------------------------


def test_summary_names_each_area_and_the_streak() -> None:
    plan = _plan(
        ALCOHOL,
        GAMBLING,
        lapses=_lapses("f2", TODAY - 3 * DAY),
        checkins=(_checkin(TODAY - DAY), _checkin(TODAY)),
    )
    lines = checkin_summary(plan, TODAY)
    assert len(lines) == 1
    assert lines[0].startswith("Saved")
    assert "Alcohol: day 15" in lines[0]
    assert "Gambling: day 3" in lines[0]
    assert "check-in streak 2 days" in lines[0]


def test_summary_streak_of_one_day() -> None:
    lines = checkin_summary(_plan(ALCOHOL, checkins=(_checkin(TODAY),)), TODAY)
    assert "check-in streak 1 day" in lines[0]
    assert "1 days" not in lines[0]


def test_summary_without_focus_areas() -> None:
    lines = checkin_summary(Plan(checkins=(_checkin(TODAY),)), TODAY)
    assert lines == ["Saved · check-in streak 1 day"]


def test_summary_after_a_use_today_keeps_the_days_without_judgment() -> None:
    plan = record_checkin(_plan(ALCOHOL), _checkin(TODAY, used=True, focus_area="f1"))
    lines = checkin_summary(plan, TODAY)
    assert lines == ["Saved · Alcohol: new run tomorrow, 14 days kept · check-in streak 1 day"]
    _assert_kind(" ".join(lines))


@pytest.mark.parametrize("current", [1, 7, 30, 60, 90, 180, 365, 730])
def test_summary_celebrates_a_milestone_reached_today(current: int) -> None:
    area = _area(TODAY - (current - 1) * DAY)
    lines = checkin_summary(_plan(area, checkins=(_checkin(TODAY),)), TODAY)
    assert len(lines) == 2
    assert lines[0].startswith("Saved") and f"Alcohol: day {current}" in lines[0]
    assert lines[1].startswith("A milestone today: ")
    assert f"{milestone_name(current)} of Alcohol" in lines[1]
    text = " ".join(lines).lower()
    for word in ("fail", "reset", "relapse"):
        assert word not in text


@pytest.mark.parametrize("current", [2, 6, 8, 29, 31, 179, 364, 366, 800])
def test_summary_has_no_milestone_line_on_other_days(current: int) -> None:
    area = _area(TODAY - (current - 1) * DAY)
    lines = checkin_summary(_plan(area, checkins=(_checkin(TODAY),)), TODAY)
    assert len(lines) == 1
    assert f"Alcohol: day {current}" in lines[0]


def test_summary_milestone_follows_the_current_run_not_the_total() -> None:
    area = _area(date(2025, 1, 1))
    plan = _plan(area, lapses=_lapses("f1", TODAY - 7 * DAY))  # current run: 7 days
    lines = checkin_summary(plan, TODAY)
    assert "Alcohol: day 7" in lines[0]
    assert lines[1] == "A milestone today: 7 days of Alcohol. Well done."
    no_lapse = checkin_summary(_plan(area), TODAY)  # 531 days: no milestone
    assert len(no_lapse) == 1


def test_summary_names_every_area_reaching_a_milestone() -> None:
    plan = _plan(_area(TODAY, "f1", "Alcohol"), _area(TODAY - 29 * DAY, "f2", "Gambling"))
    lines = checkin_summary(plan, TODAY)
    assert "check-in streak 0 days" in lines[0]
    assert lines[1].startswith("A milestone today: ")
    assert "1 day of Alcohol" in lines[1] and "30 days of Gambling" in lines[1]


def test_summary_follows_the_clock() -> None:
    plan = _plan(_area(date(2026, 6, 9)), checkins=(_checkin(date(2026, 6, 15)),))
    with time_machine.travel(date(2026, 6, 15), tick=False):
        lines = checkin_summary(plan, date.today())
        assert "Alcohol: day 7" in lines[0] and "7 days of Alcohol" in lines[1]
    with time_machine.travel(date(2026, 6, 16), tick=False):
        lines = checkin_summary(plan, date.today())
        assert len(lines) == 1 and "Alcohol: day 8" in lines[0]


# --- the rule in words: a lapse today, yesterday, long ago --------------------------------------
# A lapse day is not added to the days in all, and takes no day away. On the day of a lapse the
# new run "begins tomorrow" (never "day 0") and the days without use are "kept"; wherever a
# lapse leaves the total below the days since the start, a sentence says why.

EIGHTY_TWO = _area(TODAY - 81 * DAY)  # TODAY is day 82 (both ends count)
HARSH = ("fail", "reset", "relapse", "zero", "day 0", " 0 days", "lost", "back to")


def _assert_kind(text: str) -> None:
    for word in HARSH:
        assert word not in text.lower(), word


def _words(area: FocusArea, today: date, *lapse_days: date) -> tuple[str, str, str | None]:
    counted = _counted(area, today, *lapse_days)
    return days_short(counted, today), run_words(counted, today), lapse_note(counted, today)


def test_day_count_says_one_day_not_one_days() -> None:
    assert [day_count(n) for n in (0, 1, 2, 81)] == ["0 days", "1 day", "2 days", "81 days"]


def test_recovery_keeps_the_lapse_days_it_left_out() -> None:
    lapses = (TODAY, TODAY - 9 * DAY, ALCOHOL.since - DAY, TODAY + DAY)
    counted = _counted(ALCOHOL, TODAY, *lapses)
    assert counted.lapse_days == (TODAY - 9 * DAY, TODAY)  # in range, oldest first
    assert lapsed_today(counted, TODAY)
    assert not lapsed_today(counted, TODAY + DAY)
    assert not lapsed_today(_counted(ALCOHOL, TODAY), TODAY)


def test_without_a_lapse_the_words_stay_as_they_were() -> None:
    assert _words(EIGHTY_TWO, TODAY) == ("day 82", "82 days", None)


def test_a_lapse_today_keeps_the_days_and_begins_a_new_run_tomorrow() -> None:
    before = _counted(EIGHTY_TWO, TODAY)
    after = _counted(EIGHTY_TWO, TODAY, TODAY)
    # The number: today was counted while it had no use; with a lapse it is not added.
    assert (before.total, after.total, after.current) == (82, 81, 0)
    short, run, note = _words(EIGHTY_TWO, TODAY, TODAY)
    assert short == "new run tomorrow, 81 days kept"
    assert run == "begins tomorrow"
    assert note == (
        "Today's lapse is not added to the days in all; 81 days without use before it, all kept."
    )
    _assert_kind(f"{short} {run} {note}")


def test_the_day_after_a_lapse_is_day_one_and_the_total_says_why() -> None:
    tomorrow = TODAY + DAY
    counted = _counted(EIGHTY_TWO, tomorrow, TODAY)
    assert (counted.current, counted.total) == (1, 82)  # tomorrow is added again
    short, run, note = _words(EIGHTY_TWO, tomorrow, TODAY)
    assert (short, run) == ("day 1", "1 day")
    assert note == (
        "Yesterday's lapse is not added to the days in all; no day without use is taken away."
    )
    _assert_kind(f"{short} {run} {note}")


def test_a_lapse_recorded_for_an_earlier_day_is_explained_the_same_way() -> None:
    ten_days_ago = TODAY - 10 * DAY
    counted = _counted(EIGHTY_TWO, TODAY, ten_days_ago)
    assert (counted.current, counted.total) == (10, 81)  # lower than the 82 days since: say why
    short, run, note = _words(EIGHTY_TWO, TODAY, ten_days_ago)
    assert (short, run) == ("day 10", "10 days")
    assert note == (
        "The lapse on 2026-06-05 is not added to the days in all; no day without use is taken away."
    )


def test_several_lapse_days_name_the_count_and_the_latest() -> None:
    note = lapse_note(_counted(EIGHTY_TWO, TODAY, TODAY - 30 * DAY, TODAY - 3 * DAY), TODAY)
    assert note == (
        "The 2 lapse days, the latest on 2026-06-12, are not added to the days in all; "
        "no day without use is taken away."
    )
    yesterday = lapse_note(_counted(EIGHTY_TWO, TODAY, TODAY - 30 * DAY, TODAY - DAY), TODAY)
    assert yesterday is not None and "the latest yesterday," in yesterday
    today = _counted(EIGHTY_TWO, TODAY, TODAY - 30 * DAY, TODAY)
    assert lapse_note(today, TODAY) == (
        "Today's lapse is not added to the days in all; 80 days without use before it, all kept."
    )


def test_a_lapse_on_the_first_day_begins_the_count_tomorrow() -> None:
    area = _area(TODAY)
    short, run, note = _words(area, TODAY, TODAY)
    assert (short, run) == ("new run tomorrow", "begins tomorrow")
    assert note == "Today's lapse is not added to the days in all; they begin counting tomorrow."
    _assert_kind(f"{short} {run} {note}")


def test_a_start_date_still_to_come_is_named_not_counted_as_day_zero() -> None:
    area = _area(TODAY + 3 * DAY)
    assert _words(area, TODAY) == ("starts 2026-06-18", "starts 2026-06-18", None)


def test_one_lapse_day_a_single_day_kept() -> None:
    counted = _counted(_area(TODAY - DAY), TODAY, TODAY)
    assert days_short(counted, TODAY) == "new run tomorrow, 1 day kept"
    assert lapse_note(counted, TODAY) == (
        "Today's lapse is not added to the days in all; 1 day without use before it, all kept."
    )


def test_the_summary_on_the_day_of_a_lapse_and_the_day_after() -> None:
    plan = record_checkin(_plan(EIGHTY_TWO, GAMBLING), _checkin(TODAY, used=True, focus_area="f1"))
    [today] = checkin_summary(plan, TODAY)
    assert "Alcohol: new run tomorrow, 81 days kept" in today
    assert "Gambling: day 46" in today  # the other focus area is not touched
    plan = record_checkin(plan, _checkin(TODAY + DAY))
    lines = checkin_summary(plan, TODAY + DAY)
    assert "Alcohol: day 1 " in lines[0]
    assert lines[1] == "A milestone today: 1 day of Alcohol. Well done."
    _assert_kind(" ".join(lines))


def test_the_words_follow_the_clock() -> None:
    plan = _plan(EIGHTY_TWO, lapses=_lapses("f1", TODAY))
    with time_machine.travel(TODAY, tick=False):
        counted = recovery(plan, EIGHTY_TWO, date.today())
        assert days_short(counted, date.today()) == "new run tomorrow, 81 days kept"
    with time_machine.travel(TODAY + DAY, tick=False):
        counted = recovery(plan, EIGHTY_TWO, date.today())
        assert days_short(counted, date.today()) == "day 1"


@given(
    st.integers(0, 200),
    st.integers(0, 200),
    st.lists(st.integers(-5, 205), max_size=12),
)
def test_the_words_never_say_day_zero_and_explain_every_lower_total(
    since_at: int, today_at: int, lapse_at: list[int]
) -> None:
    since, today = BASE + since_at * DAY, BASE + today_at * DAY
    area = _area(since)
    counted = _counted(area, today, *(BASE + n * DAY for n in lapse_at))
    short, run = days_short(counted, today), run_words(counted, today)
    assert "day 0" not in short and run != "0 days"
    span = max(0, (today - since).days + 1)
    note = lapse_note(counted, today)
    assert (note is not None) == (counted.total < span)  # a lower total always has its why
    _assert_kind(f"{short} {run} {note or ''}")
