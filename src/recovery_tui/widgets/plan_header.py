"""The top line: the app's name and days in recovery for each focus area."""

from __future__ import annotations

from datetime import date

from textual.content import Content
from textual.reactive import reactive
from textual.widgets import Static

from recovery_tui.insights import review_due
from recovery_tui.model import Plan
from recovery_tui.progress import days_short, recovery
from recovery_tui.text import for_display

CRISIS_KEYS = "F2 or ! help now"


class PlanHeader(Static):
    """Shows "recovery-tui" and, once focus areas exist, "Alcohol: day 42" (on the day of a
    lapse "Alcohol: new run tomorrow, 81 days kept", never "day 0")."""

    plan: reactive[Plan] = reactive(Plan, always_update=True)
    read_only: reactive[str] = reactive("")
    """What a read-only window says ("READ-ONLY: open in another window"); "" when the
    plan can be changed. It takes the name's place, so it never falls off a narrow line."""

    def render(self) -> Content:
        today = date.today()
        if self.read_only:
            parts = [Content.styled(self.read_only, "bold reverse")]
        else:
            parts = [Content.styled("recovery-tui", "bold")]
        for area in self.plan.focus_areas:
            days = days_short(recovery(self.plan, area, today), today)
            parts.append(Content(f"{for_display(area.name)}: {days}"))
        if review_due(self.plan, today):
            parts.append(Content("review due"))
        left = Content(" · ").join(parts)
        # The way to help is on screen at all times, whatever the Footer has room for.
        right = Content.styled(CRISIS_KEYS, "bold")
        width = self.content_region.width
        room = width - right.cell_length - 1
        if left.cell_length > room > len("recovery-tui"):  # the crisis keys never fall off
            left = left.truncate(room, ellipsis=True)
        gap = width - left.cell_length - right.cell_length
        return left + Content(" " * gap) + right if gap >= 1 else left
