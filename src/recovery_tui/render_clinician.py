"""The clinician summary: laid out to map onto a treatment plan, and still a summary at ten
years.

Focus areas and days, the latest assessment with BARC-10 totals over time, the active goals
with their SMART parts (the others counted), the strongest triggers and the warning signs
with what the person will do, treatment, then the last twelve months of history
(:mod:`recovery_tui.render_recent`). Each capped list says what it left out.
"""

from __future__ import annotations

from datetime import date

from recovery_tui.insights import missing_smart_words
from recovery_tui.mdtext import bold_name, counted, md_line, title
from recovery_tui.method import TRIGGER_AREA_LABELS, TRIGGER_KIND_LABELS
from recovery_tui.model import STATUS_LABELS, Goal, Plan
from recovery_tui.render_assessment import render_assessment, render_focus_areas
from recovery_tui.render_recent import (
    MonthRow,
    monthly_trends,
    render_lapses,
    render_months,
    render_reviews,
    window_start,
)
from recovery_tui.render_support import treatment_lines

__all__ = ["MonthRow", "clinician_summary", "monthly_trends"]

TRIGGERS_SHOWN = 10  # the strongest
SIGNS_SHOWN = 10
OTHER_GOALS_NAMED = 3  # of the goals achieved, paused or set aside, the last ones named


def clinician_summary(plan: Plan, today: date) -> str:
    """The summary as Markdown: the newest history month by month, older history summed."""
    since = window_start(today)
    parts = [
        title("Clinician summary", plan.profile.name),
        f"*Prepared {today.isoformat()} by the person.*",
        render_focus_areas(plan, today),
        render_assessment(plan),
        _goals(plan),
        _triggers(plan),
        _warning_signs(plan),
        "\n".join(["## Treatment", "", *treatment_lines(plan)]) if plan.treatment else "",
        render_lapses(plan, since),
        render_months(plan, since, today),
        render_reviews(plan, since),
    ]
    return "\n\n".join(part for part in parts if part) + "\n"


def goal_line(goal: Goal) -> str:
    """An active goal on one list line: its SMART parts, latest progress, milestones."""
    due = f", due {goal.due.isoformat()}" if goal.due else ""
    parts = [f"{bold_name(goal.title)}{due}"]
    for label, value in (("Specific", goal.specific), ("Measurable", goal.measure),
                         ("Achievable", goal.achievable), ("Relevant", goal.relevant)):  # fmt: skip
        if value.strip():
            parts.append(f"{label}: {md_line(value)}")
    if goal.progress:
        latest = goal.progress[-1]
        notes = f" (of {counted(len(goal.progress), 'note')})" if len(goal.progress) > 1 else ""
        parts.append(f"Latest progress {latest.date.isoformat()}{notes}: {md_line(latest.note)}")
    if goal.milestones:
        done = sum(1 for m in goal.milestones if m.done)
        parts.append(f"Milestones: {done} of {len(goal.milestones)} done")
    lacking = missing_smart_words(goal)
    if lacking:
        parts.append(f"Still to add: {', '.join(lacking)}")
    return "- " + " · ".join(parts)


def _goals(plan: Plan) -> str:
    if not plan.goals:
        return "## Goals\n\nNo goals yet."
    active = [goal_line(g) for g in plan.goals if g.status == "active"]
    lines = ["## Goals", "", "Active:", "", *(active or ["- None just now."])]
    others = []
    for status, label in STATUS_LABELS.items():
        titles = [g.title for g in plan.goals if g.status == status and status != "active"]
        if titles:
            named = ", ".join(f"“{md_line(t)}”" for t in titles[-OTHER_GOALS_NAMED:])
            if len(titles) > OTHER_GOALS_NAMED:
                named = f"{counted(len(titles), 'goal')}, the latest {named}"
            others.append(f"- {label}: {named}")
    if others:
        lines += ["", "Other goals:", "", *others]
    return "\n".join(lines)


def _triggers(plan: Plan) -> str:
    if not plan.triggers:
        return ""
    ordered = sorted(plan.triggers, key=lambda t: -t.intensity)
    lines = ["## Triggers and my strategies", ""]
    for t in ordered[:TRIGGERS_SHOWN]:
        kind = f"{TRIGGER_KIND_LABELS[t.kind]}, {TRIGGER_AREA_LABELS[t.area]}".lower()
        what = "; ".join(md_line(s) for s in t.strategies) or "no strategy yet"
        lines.append(f"- {md_line(t.text)} ({kind}; intensity {t.intensity} of 5): {what}")
    rest = ordered[TRIGGERS_SHOWN:]
    if rest:
        low, high = rest[-1].intensity, rest[0].intensity
        strength = f"{low}" if low == high else f"{low} to {high}"
        lines += ["", f"Left out here: {counted(len(rest), 'more trigger')}, of intensity "
                  f"{strength}."]  # fmt: skip
    return "\n".join(lines)


def _warning_signs(plan: Plan) -> str:
    if not plan.warning_signs:
        return ""
    lines = ["## Relapse prevention: warning signs and what I will do", ""]
    for sign in plan.warning_signs[:SIGNS_SHOWN]:
        what = "; ".join(md_line(r) for r in sign.responses) or "no response yet"
        lines.append(f"- {md_line(sign.sign)}: {what}")
    rest = len(plan.warning_signs) - SIGNS_SHOWN
    if rest > 0:
        lines += ["", f"Left out here: {counted(rest, 'more warning sign')}."]
    return "\n".join(lines)
