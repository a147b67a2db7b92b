"""The written plan's last part: how the plan is kept alive (trends, the latest review,
the lapse debriefs).

The full check-in history belongs in exports; the plan shows a short summary.
"""

from __future__ import annotations

from datetime import date

from recovery_tui.mdtext import md, md_line
from recovery_tui.method import REVIEW_KIND_LABELS
from recovery_tui.model import Lapse, Plan, Review
from recovery_tui.progress import streak, trend

QUESTIONS = (
    ("still_relevant", "Still relevant"),
    ("new_challenges", "New challenges"),
    ("working", "What works"),
    ("celebrate", "To celebrate"),
    ("adjust", "To adjust"),
)
# A lapse debrief's parts (method.md: what happened, the trigger, what helped or would
# have, what the plan should change), as the written plan names them.
DEBRIEF = (
    ("what_happened", "what happened"),
    ("trigger", "the trigger"),
    ("what_helped", "what helped"),
    ("plan_change", "what the plan changes"),
)
LAPSES_TITLE = "Lapses, and what I learned"


def render_review_log(plan: Plan, today: date) -> str:
    """A short trend summary, the latest periodic review with its goal changes, and every
    lapse with its debrief (oldest first)."""
    blocks = []
    if plan.checkins:
        mood = trend(plan.checkins, "mood", today, 30)
        craving = trend(plan.checkins, "craving", today, 30)
        lines = ["### The last 30 days", ""]
        days = streak(plan.checkins, today)
        lines.append(
            f"- Check-ins: {len(mood.values)}; streak {days} day{'s' if days != 1 else ''}"
        )
        if mood.values:
            lines.append(f"- Mood: average {mood.average} of 5, latest {mood.latest}")
            lines.append(f"- Craving: average {craving.average} of 10, latest {craving.latest}")
        blocks.append("\n".join(lines))
    if plan.reviews:
        review = max(enumerate(plan.reviews), key=lambda pair: (pair[1].date, pair[0]))[1]
        kind = REVIEW_KIND_LABELS[review.kind].lower()
        lines = [f"### Latest review ({review.date.isoformat()}, {kind})", ""]
        blocks.append("\n".join(lines + review_lines(plan, review)))
    if plan.lapses:
        lines = [f"### {LAPSES_TITLE}", ""]
        lines += [lapse_line(plan, lapse) for lapse in sorted(plan.lapses, key=lambda x: x.date)]
        blocks.append("\n".join(lines))
    if not blocks:
        return ""
    return "\n\n".join(["## Keeping the plan alive", *blocks])


def review_lines(plan: Plan, review: Review) -> list[str]:
    """A review's answers, then its goal changes, as list lines."""
    lines = [f"- {label}: {md(getattr(review, name))}" for name, label in QUESTIONS
             if getattr(review, name).strip()]  # fmt: skip
    titles = {g.id: g.title for g in plan.goals}
    for change in review.goal_changes:
        title = titles.get(change.goal, "a goal since removed")
        lines.append(f"- Goal “{md_line(title)}”: {md(change.change)}")
    return lines


def lapse_line(plan: Plan, lapse: Lapse) -> str:
    """A lapse as a list line: its date, focus area and debrief, without judgment."""
    area = md_line(plan.focus_area_name(lapse.focus_area))
    told = [f"{label}: {md(getattr(lapse, name))}" for name, label in DEBRIEF
            if getattr(lapse, name).strip()]  # fmt: skip
    return f"- {lapse.date.isoformat()}, {area}: " + ("; ".join(told) or "no debrief written yet")
