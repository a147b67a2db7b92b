"""Support: the people who help, meetings, treatment, places to avoid, crisis lines."""

from __future__ import annotations

from collections.abc import Callable

from textual.content import Content

from recovery_tui.tabs.sectioned import SectionedTab
from recovery_tui.tabs.strategies_sections import GapsSection
from recovery_tui.tabs.support_sections import (
    AVOID,
    CRISIS_LINES,
    MEETINGS,
    TREATMENT,
    ContactsSection,
)
from recovery_tui.widgets.items_section import ItemsSection
from recovery_tui.widgets.sections import Section

SECTIONS = (
    ("contacts", "People"),
    ("meetings", "Meetings"),
    ("treatment", "Treatment"),
    ("avoid", "Keep distance"),
    ("crisis_lines", "Crisis lines"),
    ("gaps", "Plan check"),
)


class SupportTab(SectionedTab):
    """Whom to reach, and how."""

    SECTIONS = SECTIONS

    def __init__(self) -> None:
        super().__init__("Support", id="support")

    def make_section(self, key: str) -> Section:
        makers: dict[str, Callable[[], Section]] = {
            "contacts": ContactsSection,
            "meetings": lambda: ItemsSection(MEETINGS),
            "treatment": lambda: ItemsSection(TREATMENT),
            "avoid": lambda: ItemsSection(AVOID),
            "crisis_lines": lambda: ItemsSection(CRISIS_LINES),
            "gaps": lambda: GapsSection("support"),
        }
        return makers[key]()

    def section_status(self, key: str) -> str:
        if key == "gaps":
            return self.gaps_status()
        count = len(getattr(self.plan, key))
        return str(count) if count else "—"

    def heading(self) -> Content:
        return self.gaps_heading(
            "The people and places that help you. F2 or ! shows them in a crisis."
        )
