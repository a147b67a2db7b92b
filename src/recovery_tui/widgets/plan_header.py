"""The top line: the app's name and days in recovery for each focus area."""

from __future__ import annotations

from datetime import date

from textual.content import Content
from textual.reactive import reactive
from textual.widgets import Static

from recovery_tui.insights import all_days_in_recovery
from recovery_tui.model import Plan
from recovery_tui.text import for_display


class PlanHeader(Static):
    """Shows "recovery-tui" and, once focus areas exist, "Alcohol: day 42"."""

    plan: reactive[Plan] = reactive(Plan, always_update=True)
    read_only: reactive[bool] = reactive(False)

    def render(self) -> Content:
        parts = [Content.styled("recovery-tui", "bold")]
        for days in all_days_in_recovery(self.plan, date.today()):
            label = f"{for_display(days.area.name)}: day {days.current}"
            parts.append(Content(label))
        if self.read_only:
            parts.append(Content.styled("READ-ONLY: open in another window", "reverse"))
        return Content(" · ").join(parts)
