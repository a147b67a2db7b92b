"""The written plan's last part: how the plan is kept alive (trends, the latest review).

The full check-in history belongs in exports; the plan shows a short summary.
"""

from __future__ import annotations

from datetime import date

from recovery_tui.mdtext import md, md_line
from recovery_tui.method import REVIEW_KIND_LABELS
from recovery_tui.model import Plan
from recovery_tui.progress import streak, trend

QUESTIONS = (
    ("still_relevant", "Still relevant"),
    ("new_challenges", "New challenges"),
    ("working", "What works"),
    ("celebrate", "To celebrate"),
    ("adjust", "To adjust"),
)


def render_review_log(plan: Plan, today: date) -> str:
    """A short trend summary and the latest periodic review with its goal changes."""
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
        lines += [f"- {label}: {md(getattr(review, name))}" for name, label in QUESTIONS
                  if getattr(review, name).strip()]  # fmt: skip
        titles = {g.id: g.title for g in plan.goals}
        for change in review.goal_changes:
            title = titles.get(change.goal, "a goal since removed")
            lines.append(f"- Goal “{md_line(title)}”: {md(change.change)}")
        blocks.append("\n".join(lines))
    if not blocks:
        return ""
    return "\n\n".join(["## Keeping the plan alive", *blocks])
