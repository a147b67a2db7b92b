"""Review Log: the daily check-in, its history, days in recovery and trends."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from textual.content import Content

from recovery_tui.insights import review_due
from recovery_tui.progress import checkin_on, streak
from recovery_tui.tabs.review_lists import LapsesSection, ReviewsSection
from recovery_tui.tabs.review_sections import DaysSection, HistorySection, TrendsSection
from recovery_tui.tabs.sectioned import SectionedTab
from recovery_tui.widgets.checkin_form import CheckInForm
from recovery_tui.widgets.sections import Section

SECTIONS = (
    ("checkin", "Today's check-in"),
    ("days", "Days & milestones"),
    ("trends", "Trends"),
    ("history", "History"),
    ("reviews", "Periodic reviews"),
    ("lapses", "Lapse debriefs"),
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
            "reviews": ReviewsSection,
            "lapses": LapsesSection,
        }
        return makers[key]()

    def section_status(self, key: str) -> str:
        if key == "checkin":
            return "✓" if checkin_on(self.plan, date.today()) else "—"
        if key in ("history", "reviews", "lapses"):
            items = {"history": self.plan.checkins, "reviews": self.plan.reviews,
                     "lapses": self.plan.lapses}[key]  # fmt: skip
            return str(len(items)) if items else "—"
        return ""

    def heading(self) -> Content:
        done = checkin_on(self.plan, date.today()) is not None
        days = streak(self.plan.checkins, date.today())
        parts = [f"Check-in streak {days} day{'s' if days != 1 else ''}"]
        parts.append("checked in today" if done else "today's check-in is waiting")
        if review_due(self.plan, date.today()):
            parts.append("a review is due")
        return Content(" · ".join(parts))
