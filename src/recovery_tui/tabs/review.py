"""Review Log: the daily check-in, its history, days in recovery and trends."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from textual.content import Content

from recovery_tui.progress import checkin_on, streak
from recovery_tui.tabs.review_sections import DaysSection, HistorySection, TrendsSection
from recovery_tui.tabs.sectioned import SectionedTab
from recovery_tui.widgets.checkin_form import CheckInForm
from recovery_tui.widgets.sections import Section

SECTIONS = (
    ("checkin", "Today's check-in"),
    ("days", "Days & milestones"),
    ("trends", "Trends"),
    ("history", "History"),
)


class ReviewTab(SectionedTab):
    """Keeping the plan alive, day by day."""

    SECTIONS = SECTIONS

    def __init__(self) -> None:
        super().__init__("Review Log", id="review")

    def make_section(self, key: str) -> Section:
        makers: dict[str, Callable[[], Section]] = {
            "checkin": lambda: CheckInForm(id="section-checkin"),
            "days": lambda: DaysSection(id="section-days"),
            "trends": lambda: TrendsSection(id="section-trends"),
            "history": lambda: HistorySection(id="section-history"),
        }
        return makers[key]()

    def section_status(self, key: str) -> str:
        if key == "checkin":
            return "✓" if checkin_on(self.plan, date.today()) else "—"
        if key == "history":
            return str(len(self.plan.checkins)) if self.plan.checkins else "—"
        return ""

    def heading(self) -> Content:
        done = checkin_on(self.plan, date.today()) is not None
        days = streak(self.plan.checkins, date.today())
        today = "checked in today" if done else "today's check-in is waiting (Enter)"
        return Content(f"Check-in streak {days} days · {today}")
