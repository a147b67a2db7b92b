"""The Review Log's lists: periodic reviews (with goal changes) and lapse debriefs."""

from __future__ import annotations

import dataclasses
from datetime import date

from textual.binding import Binding
from textual.content import Content

from recovery_tui.insights import goal_change_summary
from recovery_tui.method import REVIEW_HINTS, REVIEW_KIND_LABELS
from recovery_tui.model import Goal, GoalChange, Lapse, Plan, Review
from recovery_tui.screens.form import Field
from recovery_tui.screens.goal_form import GoalFormScreen
from recovery_tui.screens.pick import PickScreen
from recovery_tui.text import one_line
from recovery_tui.widgets.items_section import ItemsSection, ListSpec, choices, with_id

QUESTIONS = (
    ("still_relevant", "Relevant?", "are your goals still the right ones?"),
    ("new_challenges", "Challenges", "what is new, or has come up?"),
    ("working", "What works", "what helps, that you want to keep"),
    ("celebrate", "Celebrate", "what went well, small things too"),
    ("adjust", "Adjust", "what to change in the plan"),
)


def _review_row(r: Review, plan: Plan) -> Content:
    changes = len(r.goal_changes)
    counted = f" · {changes} goal change{'s' if changes != 1 else ''}" if changes else ""
    celebrate = f" · {one_line(r.celebrate)}" if r.celebrate.strip() else ""
    return Content(f"{r.date.isoformat()} · {REVIEW_KIND_LABELS[r.kind]}{counted}{celebrate}")


REVIEWS = ListSpec(
    key="reviews",
    noun="review",
    hint=REVIEW_HINTS["reviews"],
    row=_review_row,
    fields=lambda plan: [
        Field("date", "Date", "date", placeholder="YYYY-MM-DD"),
        Field("kind", "Kind", "choice", choices=choices(REVIEW_KIND_LABELS)),
        *(Field(name, label, placeholder=hint) for name, label, hint in QUESTIONS),
    ],
    build=with_id(Review, "r", "reviews", dated=True),
    defaults={"date": date.today, "kind": "monthly"},
    in_assessment=False,
)


def _lapse_row(x: Lapse, plan: Plan) -> Content:
    what = one_line(x.what_happened) or "debrief not written yet (Enter to write it)"
    return Content(
        f"{x.date.isoformat()} · {one_line(plan.focus_area_name(x.focus_area))} · {what}"
    )


LAPSES = ListSpec(
    key="lapses",
    noun="lapse debrief",
    hint=REVIEW_HINTS["lapses"],
    row=_lapse_row,
    fields=lambda plan: [
        Field(
            "focus_area",
            "Focus area",
            "choice",
            choices=tuple((one_line(a.name), a.id) for a in plan.focus_areas),
        ),
        Field("date", "Date", "date", placeholder="YYYY-MM-DD"),
        Field("what_happened", "What happened", "long", placeholder="in your own words"),
        Field("trigger", "The trigger", placeholder="what set it off"),
        Field("what_helped", "What helped", placeholder="what helped, or would have"),
        Field("plan_change", "Plan change", placeholder="what the plan should change"),
    ],
    build=with_id(Lapse, "l", "lapses", dated=True),
    defaults={"date": date.today},
    in_assessment=False,
    needs_focus_area=True,
)


class ReviewsSection(ItemsSection):
    """Periodic reviews; ``g`` changes a goal as part of the highlighted review."""

    BINDINGS = [Binding("g", "change_goal", "Change a goal", id="reviews.goal")]

    def __init__(self) -> None:
        super().__init__(REVIEWS)

    def action_change_goal(self) -> None:
        index = self.current
        if index is None:
            self.app.notify("Add a review first (a), then change goals as part of it.")
            return
        if not self.plan.goals:
            self.app.notify("There are no goals yet: add them in the Goals tab (key 2).")
            return
        review = self.items[index]
        goals = self.plan.goals

        def picked(choice: int | None) -> None:
            if choice is None:
                return
            goal = goals[choice]

            def commit(new: Goal) -> tuple[Plan, str]:
                change = GoalChange(goal=goal.id, change=goal_change_summary(goal, new))
                updated = dataclasses.replace(review, goal_changes=(*review.goal_changes, change))
                plan = self.plan.with_goal(new).with_item("reviews", updated)
                return plan, f"Goal changed: {change.change}"

            self.app.push_screen(GoalFormScreen(goal, goal.id, self.plan.motivations(), commit))

        choices = [Content(one_line(g.title)) for g in goals]
        self.app.push_screen(PickScreen("Which goal does this review change?", choices), picked)


class LapsesSection(ItemsSection):
    """Lapse debriefs, linked to a focus area and a date."""

    def __init__(self) -> None:
        super().__init__(LAPSES)
