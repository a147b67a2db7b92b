"""Triggers & Strategies: triggers, coping, HALT, self-care, relapse prevention, commitments."""

from __future__ import annotations

from collections.abc import Callable

from textual.content import Content

from recovery_tui.tabs.sectioned import SectionedTab
from recovery_tui.tabs.strategies_sections import (
    COMMITMENTS,
    COPING_SKILLS,
    SELF_CARE,
    WARNING_SIGNS,
    GapsSection,
    HaltSection,
    TriggersSection,
)
from recovery_tui.widgets.items_section import ItemsSection
from recovery_tui.widgets.sections import Section

SECTIONS = (
    ("triggers", "Triggers"),
    ("coping_skills", "Coping skills"),
    ("halt", "HALT check"),
    ("self_care", "Self-care"),
    ("warning_signs", "Warning signs"),
    ("commitments", "Commitments"),
    ("gaps", "Plan check"),
)


class StrategiesTab(SectionedTab):
    """What raises cravings, and what the person will do about it."""

    SECTIONS = SECTIONS

    def __init__(self) -> None:
        super().__init__("Triggers & Strategies", id="triggers")

    def make_section(self, key: str) -> Section:
        makers: dict[str, Callable[[], Section]] = {
            "triggers": TriggersSection,
            "coping_skills": lambda: ItemsSection(COPING_SKILLS),
            "halt": HaltSection,
            "self_care": lambda: ItemsSection(SELF_CARE),
            "warning_signs": lambda: ItemsSection(WARNING_SIGNS),
            "commitments": lambda: ItemsSection(COMMITMENTS),
            "gaps": lambda: GapsSection("triggers"),
        }
        return makers[key]()

    def section_status(self, key: str) -> str:
        if key == "halt":
            return ""
        if key == "gaps":
            return self.gaps_status()
        count = len(getattr(self.plan, key))
        return str(count) if count else "—"

    def heading(self) -> Content:
        return self.gaps_heading("What raises cravings, and what you will do about it.")
