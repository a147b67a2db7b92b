"""The written plan as Markdown (pure: no Textual, no files), in the method's order.

Each part of the plan has its render function; user text always goes through
:mod:`recovery_tui.mdtext`, so it is shown literally.
"""

from __future__ import annotations

from datetime import date

from recovery_tui.insights import missing_smart_words
from recovery_tui.mdtext import bold_name, md, md_line, title
from recovery_tui.model import STATUS_LABELS, Goal, Plan
from recovery_tui.render_assessment import (
    render_assessment,
    render_focus_areas,
    render_north_star,
)
from recovery_tui.render_review import render_review_log
from recovery_tui.render_strategies import (
    render_commitments,
    render_coping_and_self_care,
    render_plan_check,
    render_relapse_prevention,
    render_triggers,
)
from recovery_tui.render_support import render_support, render_when_things_get_hard

__all__ = [
    "bold_name",
    "md",
    "md_line",
    "render_assessment",
    "render_focus_areas",
    "render_goal",
    "render_goals",
    "render_north_star",
    "render_plan",
]


def render_plan(plan: Plan, today: date, *, with_check: bool = True) -> str:
    """Return the whole written plan as Markdown, in the method's template order."""
    parts = [
        title("My recovery plan", plan.profile.name),
        f"*Written {today.isoformat()}.*",
        render_plan_check(plan, today) if with_check else "",
        render_north_star(plan),
        render_focus_areas(plan, today),
        render_assessment(plan),
        render_goals(plan.goals),
        render_triggers(plan),
        render_coping_and_self_care(plan),
        render_relapse_prevention(plan),
        render_when_things_get_hard(plan),
        render_support(plan),
        render_commitments(plan),
        render_review_log(plan, today),
    ]
    return "\n\n".join(part for part in parts if part) + "\n"


def render_goals(goals: tuple[Goal, ...]) -> str:
    """The Goals section: each goal's SMART parts, progress and milestones."""
    if not goals:
        return "## Goals\n\nNo goals yet. A first small, specific goal is a good start."
    return "\n\n".join(["## Goals", *(render_goal(goal) for goal in goals)])


def render_goal(goal: Goal) -> str:
    """One goal as a Markdown block."""
    status = STATUS_LABELS[goal.status]
    due = f", due {goal.due.isoformat()}" if goal.due else ""
    lines = [f"### {md_line(goal.title)}", "", f"*{status}{due}*", ""]
    parts = [
        ("Specific", goal.specific),
        ("Measurable", goal.measure),
        ("Achievable", goal.achievable),
        ("Relevant", goal.relevant),
    ]
    lines += [f"- **{label}:** {md(value)}" for label, value in parts if value.strip()]
    if goal.due:
        lines.append(f"- **Time-bound:** by {goal.due.isoformat()}")
    lacking = missing_smart_words(goal)
    if lacking:
        lines += ["", f"Still to add: {', '.join(lacking)}."]
    if goal.progress:
        lines += ["", "Progress:", ""]
        lines += [f"- {p.date.isoformat()}: {md(p.note)}" for p in goal.progress]
    if goal.milestones:
        lines += ["", "Milestones:", ""]
        for m in goal.milestones:
            mark = f"done {m.done.isoformat()}" if m.done else "to do"
            lines.append(f"- {md(m.text)} ({mark})")
    return "\n".join(lines)
