"""What the plan tells: days in recovery, SMART gaps, BARC-10 scores and when one is due."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from recovery_tui.method import BARC10_EVERY_DAYS
from recovery_tui.model import (
    BARC10_ITEMS,
    BARC10_MAX,
    BARC10_MIN,
    FocusArea,
    Goal,
    Plan,
    PlanError,
)

SMART_LETTERS = (
    ("S", "specific", "what exactly"),
    ("M", "measure", "a metric and target"),
    ("A", "achievable", "why it is within reach"),
    ("R", "relevant", "which motivation it serves"),
    ("T", "due", "a target date"),
)


def missing_smart(goal: Goal) -> str:
    """Return the SMART letters the goal still lacks, in order ("" when complete)."""
    letters = []
    for letter, name, _ in SMART_LETTERS:
        value = getattr(goal, name)
        if value is None or (isinstance(value, str) and not value.strip()):
            letters.append(letter)
    return "".join(letters)


def missing_smart_words(goal: Goal) -> list[str]:
    """Return plain words for what the goal still lacks ("a target date", ...)."""
    missing = missing_smart(goal)
    return [words for letter, _, words in SMART_LETTERS if letter in missing]


@dataclass(frozen=True)
class DaysInRecovery:
    """Counts for one focus area; a lapse starts a new run but never erases the total."""

    area: FocusArea
    current: int
    total: int


def days_in_recovery(plan: Plan, area: FocusArea, today: date) -> DaysInRecovery:
    """Count days for ``area`` up to ``today``, both ends included (``since`` is day 1).

    The current run starts the day after the latest lapse (or on ``since``); the total
    counts every day from ``since`` that is not a lapse day.
    """
    lapse_days = {
        lapse.date
        for lapse in plan.lapses
        if lapse.focus_area == area.id and area.since <= lapse.date <= today
    }
    start = max((d.toordinal() + 1 for d in lapse_days), default=area.since.toordinal())
    current = max(0, today.toordinal() - start + 1)
    total = max(0, (today - area.since).days + 1 - len(lapse_days))
    return DaysInRecovery(area=area, current=current, total=total)


def all_days_in_recovery(plan: Plan, today: date) -> list[DaysInRecovery]:
    """Days in recovery for every focus area, in the plan's order."""
    return [days_in_recovery(plan, area, today) for area in plan.focus_areas]


def barc10_total(answers: Sequence[int]) -> int:
    """The BARC-10 total (10-60); PlanError for a wrong count or an answer outside 1-6."""
    if len(answers) != BARC10_ITEMS:
        raise PlanError("barc10", f"needs {BARC10_ITEMS} answers, got {len(answers)}")
    for number, answer in enumerate(answers, start=1):
        if type(answer) is not int or not BARC10_MIN <= answer <= BARC10_MAX:
            raise PlanError(
                f"barc10[{number - 1}]",
                f"statement {number}: {answer!r} is not an answer from 1 to 6",
            )
    return sum(answers)


@dataclass(frozen=True)
class Barc10Score:
    """One BARC-10 taken: when, and its total."""

    date: date
    total: int


def barc10_history(plan: Plan) -> list[Barc10Score]:
    """Every BARC-10 taken, oldest first."""
    scores = [
        Barc10Score(a.date, barc10_total(a.barc10))
        for a in plan.assessments
        if a.barc10 is not None
    ]
    return sorted(scores, key=lambda s: s.date)


def barc10_due(plan: Plan, today: date) -> str | None:
    """Why a new BARC-10 is due (plain words), or None when it is not due yet.

    Due when none was taken, 90 days after the last one, or after a lapse since then.
    """
    history = barc10_history(plan)
    if not history:
        return "You have not taken the BARC-10 yet."
    last = history[-1].date
    if any(lapse.date > last for lapse in plan.lapses):
        return "After a lapse it helps to take the BARC-10 again."
    if (today - last).days >= BARC10_EVERY_DAYS:
        return f"Your last BARC-10 was on {last.isoformat()}: time for a new one."
    return None


_BARS = "▁▂▃▄▅▆▇█"


def sparkline(values: Sequence[float], low: float, high: float) -> str:
    """One block character per value, scaled between ``low`` and ``high``."""
    span = high - low or 1
    marks = []
    for value in values:
        level = round((min(max(value, low), high) - low) / span * (len(_BARS) - 1))
        marks.append(_BARS[level])
    return "".join(marks)
