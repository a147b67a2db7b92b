"""What the plan tells: days in recovery and the SMART letters a goal still lacks."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from recovery_tui.model import FocusArea, Goal, Plan

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
