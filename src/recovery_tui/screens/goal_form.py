"""Add or edit a SMART goal (the generic form with the goal's fields)."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from datetime import date, timedelta

from recovery_tui.model import GOAL_STATUSES, STATUS_LABELS, Goal, Plan
from recovery_tui.screens.form import Field, FormScreen, Values
from recovery_tui.text import for_display

INTRO = "A SMART goal is specific, measurable, achievable, relevant, time-bound."


def goal_fields(motivations: tuple[str, ...]) -> list[Field]:
    """The goal's fields; the placeholders are the method's own examples."""
    example = (date.today() + timedelta(days=30)).isoformat()
    if motivations:
        shown = "; ".join(for_display(m) for m in motivations[:3])
        relevant_hint = f"Your motivations (→ to complete): {shown}"
    else:
        relevant_hint = "Your motivations from the Assessment will be offered here."
    return [
        Field("title", "Goal", placeholder="a short name, e.g. Meetings",
              required="Please give the goal a short name."),
        Field("specific", "Specific",
              placeholder="what exactly? e.g. attend support-group meetings"),
        Field("measure", "Measurable",
              placeholder="a metric and target, e.g. 3 meetings a week"),
        Field("achievable", "Achievable", placeholder="why it is within reach; first steps"),
        Field("relevant", "Relevant", placeholder="which motivation it serves",
              suggestions=motivations, hint=relevant_hint),
        Field("due", "Time-bound", "date", placeholder=f"target date, e.g. {example}"),
        Field("status", "Status", "choice",
              choices=tuple((STATUS_LABELS[s], s) for s in GOAL_STATUSES)),
    ]  # fmt: skip


class GoalFormScreen(FormScreen):
    """The form for one goal; :meth:`goal` turns its values into the saved goal."""

    def __init__(
        self,
        goal: Goal | None,
        goal_id: str,
        motivations: tuple[str, ...],
        commit: Callable[[Goal], tuple[Plan, str]],
    ) -> None:
        """Edit ``goal``, or make a new goal with ``goal_id`` when it is None; ``commit``
        gives the plan with the goal as written (saved before the form closes)."""
        self.goal, self.goal_id = goal, goal_id
        values = dataclasses.asdict(goal) if goal else {"status": "active"}
        heading = "New goal" if goal is None else "Edit goal"
        fields = goal_fields(motivations)
        super().__init__(heading, INTRO, fields, values, commit=lambda v: commit(self.to_goal(v)))

    def to_goal(self, values: Values) -> Goal:
        """The goal as the person wrote it, keeping its progress and milestones."""
        base = self.goal or Goal(id=self.goal_id, title=values["title"])
        return dataclasses.replace(base, **values)
