"""Keeping the plan alive, in numbers: runs of days, milestones, check-in streak, trends.

Pure functions over the plan and an explicit ``today``. A lapse starts a new run of days
but never erases the total: every day since ``since`` that was not a lapse day counts. The
same rule in words (``days_short``, ``run_words``, ``lapse_note``): on the day of a lapse the
new run "begins tomorrow" (never "day 0") and the days without use are "kept"; wherever a
lapse leaves the total below the days since the start, a sentence says why.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from recovery_tui.method import DAYS_WORDS
from recovery_tui.model import CheckIn, FocusArea, Lapse, Plan, new_id

MILESTONE_DAYS = (1, 7, 30, 60, 90, 180)
YEAR = 365


@dataclass(frozen=True)
class Run:
    """A run of days in recovery, both ends included."""

    start: date
    end: date

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1


@dataclass(frozen=True)
class Recovery:
    """Days in recovery for one focus area."""

    area: FocusArea
    current: int
    total: int
    longest: int
    earlier: tuple[Run, ...]
    lapse_days: tuple[date, ...] = ()
    """The lapse days from ``since`` to today, oldest first: each one left out of ``total``."""


def recovery(plan: Plan, area: FocusArea, today: date) -> Recovery:
    """Runs for ``area`` up to ``today``: the current one, the total, the longest, earlier."""
    lapse_days = sorted(
        {x.date for x in plan.lapses if x.focus_area == area.id and area.since <= x.date <= today}
    )
    runs: list[Run] = []
    start = area.since
    for lapse in lapse_days:
        if lapse > start:
            runs.append(Run(start, lapse - timedelta(days=1)))
        start = lapse + timedelta(days=1)
    current = Run(start, today) if start <= today else None
    total = max(0, (today - area.since).days + 1 - len(lapse_days))
    every = [*runs, current] if current else runs
    return Recovery(
        area=area,
        current=current.days if current else 0,
        total=total,
        longest=max((r.days for r in every), default=0),
        earlier=tuple(runs),
        lapse_days=tuple(lapse_days),
    )


def day_count(days: int) -> str:
    """ "1 day", "81 days"."""
    return f"{days} day{'s' if days != 1 else ''}"


def lapsed_today(counted: Recovery, today: date) -> bool:
    """True on the day of a lapse: the new run begins tomorrow."""
    return bool(counted.lapse_days) and counted.lapse_days[-1] == today


def days_short(counted: Recovery, today: date) -> str:
    """Days beside a focus area's name ("day 42"), for the header, the Assessment rows and
    the check-in summary. On the day of a lapse, not "day 0" but the new run and the days
    kept, so no number drops without a word."""
    if lapsed_today(counted, today):
        if counted.total == 0:
            return DAYS_WORDS["short_lapse_first_day"]
        return DAYS_WORDS["short_lapse_today"].format(kept=day_count(counted.total))
    if counted.area.since > today:
        return DAYS_WORDS["short_not_started"].format(since=counted.area.since.isoformat())
    return DAYS_WORDS["short"].format(current=counted.current)


def run_words(counted: Recovery, today: date) -> str:
    """The current run after "This run:" ("42 days"): "begins tomorrow" on the day of a lapse,
    since a lapse day starts nothing that could be counted as zero."""
    if lapsed_today(counted, today):
        return DAYS_WORDS["run_lapse_today"]
    if counted.area.since > today:
        return DAYS_WORDS["run_not_started"].format(since=counted.area.since.isoformat())
    return day_count(counted.current)


def lapse_note(counted: Recovery, today: date) -> str | None:
    """Why the days in all are fewer than the days since the start (None with no lapse):
    a lapse day is not added, and no day without use is taken away. The same words for a
    lapse today, yesterday or long ago, so a total that is lower is never unexplained."""
    if not counted.lapse_days:
        return None
    latest = counted.lapse_days[-1]
    if latest == today:
        if counted.total == 0:
            return DAYS_WORDS["why_today_first_day"]
        return DAYS_WORDS["why_today"].format(kept=day_count(counted.total))
    yesterday = latest == today - timedelta(days=1)
    if len(counted.lapse_days) == 1:
        key = "lapse_yesterday" if yesterday else "lapse_on_day"
        return DAYS_WORDS["why_one"].format(lapse=DAYS_WORDS[key].format(day=latest.isoformat()))
    when = DAYS_WORDS["when_yesterday" if yesterday else "when_on_day"]
    return DAYS_WORDS["why_several"].format(
        count=len(counted.lapse_days), when=when.format(day=latest.isoformat())
    )


def milestones_up_to(days: int) -> list[int]:
    """The milestones reached within ``days``: 1, 7, 30, 60, 90, 180 days, then each year."""
    reached = [m for m in MILESTONE_DAYS if m <= days]
    reached += [YEAR * n for n in range(1, days // YEAR + 1)]
    return reached


def next_milestone(days: int) -> int:
    """The next milestone after ``days``."""
    for m in MILESTONE_DAYS:
        if m > days:
            return m
    return YEAR * (days // YEAR + 1)


def milestone_name(days: int) -> str:
    """ "30 days", "1 year", "2 years"."""
    if days >= YEAR and days % YEAR == 0:
        years = days // YEAR
        return f"{years} year{'s' if years > 1 else ''}"
    return f"{days} day{'s' if days != 1 else ''}"


def streak(checkins: Sequence[CheckIn], today: date) -> int:
    """Days in a row with a check-in, ending today (or yesterday, if today's is still to come)."""
    dates = {c.date for c in checkins}
    day = today if today in dates else today - timedelta(days=1)
    count = 0
    while day in dates:
        count += 1
        day -= timedelta(days=1)
    return count


@dataclass(frozen=True)
class Trend:
    """Mood or craving over a window of days: the values, their average, the latest."""

    values: tuple[int, ...]
    average: float | None
    latest: int | None


def trend(checkins: Sequence[CheckIn], field: str, today: date, days: int) -> Trend:
    """``field`` ("mood" or "craving") of the check-ins in the last ``days`` days, oldest first."""
    since = today - timedelta(days=days - 1)
    values = tuple(
        getattr(c, field)
        for c in sorted(checkins, key=lambda c: c.date)
        if since <= c.date <= today
    )
    average = round(sum(values) / len(values), 1) if values else None
    return Trend(values, average, values[-1] if values else None)


def checkin_on(plan: Plan, day: date) -> CheckIn | None:
    """The check-in of ``day``, if there is one (at most one per date)."""
    return next((c for c in plan.checkins if c.date == day), None)


def with_checkin(plan: Plan, checkin: CheckIn) -> Plan:
    """The plan with ``checkin`` replacing that day's check-in, or added in date order."""
    others = [c for c in plan.checkins if c.date != checkin.date]
    ordered = sorted([*others, checkin], key=lambda c: c.date)
    return plan.with_list("checkins", tuple(ordered))


def record_checkin(plan: Plan, checkin: CheckIn) -> Plan:
    """Save ``checkin`` as that day's check-in. Use on a day records a lapse for its focus
    area (so days in recovery stay true); changing the answer back removes that lapse
    again if its debrief is still empty."""
    old = checkin_on(plan, checkin.date)
    plan = with_checkin(plan, checkin)
    if (
        old is not None
        and old.used
        and old.focus_area
        and old.focus_area != (checkin.focus_area if checkin.used else None)
    ):
        plan = plan.with_list("lapses", tuple(
            x for x in plan.lapses
            if not (x.focus_area == old.focus_area and x.date == old.date and _blank(x))
        ))  # fmt: skip
    if checkin.used and checkin.focus_area:
        exists = any(
            x.focus_area == checkin.focus_area and x.date == checkin.date for x in plan.lapses
        )
        if not exists:
            lapse = Lapse(id=new_id("l", plan.lapses), focus_area=checkin.focus_area,
                          date=checkin.date)  # fmt: skip
            plan = plan.with_item("lapses", lapse)
    return plan


def _blank(lapse: Lapse) -> bool:
    return not any((lapse.what_happened, lapse.trigger, lapse.what_helped, lapse.plan_change))


def checkin_summary(plan: Plan, today: date) -> list[str]:
    """One or two lines after saving: days in recovery (``days_short``: on the day of a lapse
    "new run tomorrow, 81 days kept"), streak, a milestone reached today."""
    parts = ["Saved"]
    reached = []
    for area in plan.focus_areas:
        counted = recovery(plan, area, today)
        parts.append(f"{area.name}: {days_short(counted, today)}")
        if counted.current in milestones_up_to(counted.current) and counted.current > 0:
            reached.append(f"{milestone_name(counted.current)} of {area.name}")
    days = streak(plan.checkins, today)
    parts.append(f"check-in streak {days} day{'s' if days != 1 else ''}")
    lines = [" · ".join(parts)]
    if reached:
        lines.append(f"A milestone today: {', '.join(reached)}. Well done.")
    return lines


STALL_WORDS = (
    "Plateaus and setbacks are normal. It may help to revisit your motivations, try a new "
    "coping skill, or reach out to someone who supports you."
)


def stall_note(plan: Plan, today: date) -> str | None:
    """A gentle suggestion when progress stalls: no check-in for a week, or cravings rising
    over two weeks (the last seven days' average at least one point above the seven before)."""
    if not plan.checkins:
        return None
    last = max(c.date for c in plan.checkins)
    if (today - last).days >= 7:
        return f"Your last check-in was on {last.isoformat()}. {STALL_WORDS}"
    recent = trend(plan.checkins, "craving", today, 7)
    before = trend(plan.checkins, "craving", today - timedelta(days=7), 7)
    r, b = recent.values, before.values
    # Compared exactly (not the rounded averages): mean(r) >= mean(b) + 1.
    if len(r) >= 3 and b and sum(r) * len(b) >= (sum(b) + len(b)) * len(r):
        return f"Cravings have been higher this week. {STALL_WORDS}"
    return None
