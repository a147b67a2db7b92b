"""The top line: the app's name and days in recovery for each focus area."""

from __future__ import annotations

from datetime import date

from textual.content import Content
from textual.reactive import reactive
from textual.widgets import Static

from recovery_tui.insights import all_days_in_recovery, review_due
from recovery_tui.model import Plan
from recovery_tui.text import for_display

CRISIS_KEYS = "F2 or ! help now"


class PlanHeader(Static):
    """Shows "recovery-tui" and, once focus areas exist, "Alcohol: day 42"."""

    plan: reactive[Plan] = reactive(Plan, always_update=True)
    read_only: reactive[bool] = reactive(False)

    def render(self) -> Content:
        parts = [Content.styled("recovery-tui", "bold")]
        for days in all_days_in_recovery(self.plan, date.today()):
            label = f"{for_display(days.area.name)}: day {days.current}"
            parts.append(Content(label))
        if review_due(self.plan, date.today()):
            parts.append(Content("review due"))
        if self.read_only:
            parts.append(Content.styled("READ-ONLY: open in another window", "reverse"))
        left = Content(" · ").join(parts)
        # The way to help is on screen at all times, whatever the Footer has room for.
        right = Content.styled(CRISIS_KEYS, "bold")
        gap = self.content_region.width - left.cell_length - right.cell_length
        return left + Content(" " * gap) + right if gap >= 1 else left
