"""Assessment: focus areas and the dated self-assessment, section by section.

A menu of sections on the left, the chosen section on the right (built on first visit).
The latest assessment is the one edited; earlier ones open read-only; a new one starts
as a copy of the latest, without the BARC-10, which is taken afresh.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from datetime import date

from textual.binding import Binding
from textual.content import Content
from textual.reactive import reactive

from recovery_tui.insights import barc10_total
from recovery_tui.messages import PlanChangeRequested
from recovery_tui.method import SECTION_HINTS
from recovery_tui.model import Assessment, new_id
from recovery_tui.screens.confirm import ConfirmScreen
from recovery_tui.screens.pick import PickScreen
from recovery_tui.tabs.assessment_sections import (
    CHALLENGES,
    FOCUS_AREAS,
    STRENGTHS,
    USE_HISTORY,
    MotivationsSection,
)
from recovery_tui.tabs.sectioned import SectionedTab
from recovery_tui.widgets.barc10 import Barc10Section
from recovery_tui.widgets.items_section import ItemsSection
from recovery_tui.widgets.sections import Section
from recovery_tui.widgets.text_section import TextSection

SECTIONS = (
    ("focus_areas", "Focus areas"),
    ("motivations", "Motivations"),
    ("challenges", "Challenges"),
    ("strengths", "Strengths"),
    ("barc10", "BARC-10"),
    ("physical_health", "Physical health"),
    ("mental_health", "Mental health"),
    ("social_circumstances", "Circumstances"),
    ("use_history", "Use history"),
)
TEXT_FIELDS = ("physical_health", "mental_health", "social_circumstances")


def make_section(key: str) -> Section:
    """The widget for the section ``key``."""
    if key in TEXT_FIELDS:
        return TextSection(key, SECTION_HINTS[key], dict(SECTIONS)[key])
    makers: dict[str, Callable[[], Section]] = {
        "focus_areas": lambda: ItemsSection(FOCUS_AREAS),
        "motivations": MotivationsSection,
        "challenges": lambda: ItemsSection(CHALLENGES),
        "strengths": lambda: ItemsSection(STRENGTHS),
        "barc10": Barc10Section,
        "use_history": lambda: ItemsSection(USE_HISTORY),
    }
    return makers[key]()


def section_status(key: str, assessment: Assessment | None, focus_areas: int) -> str:
    """A short mark for the menu: how much the section holds (words, not colour)."""
    if key == "focus_areas":
        return str(focus_areas) if focus_areas else "—"
    if assessment is None:
        return "—"
    if key == "barc10":
        return str(barc10_total(assessment.barc10)) if assessment.barc10 else "—"
    value = getattr(assessment, key)
    if isinstance(value, str):
        return "✓" if value.strip() else "—"
    return str(len(value)) if value else "—"


class AssessmentTab(SectionedTab):
    """Focus areas and the self-assessment."""

    SECTIONS = SECTIONS
    BINDINGS = [
        Binding("n", "new_assessment", "New assessment", id="assessment.new"),
        Binding("o", "open_earlier", "Earlier ones", id="assessment.earlier"),
        Binding("l", "latest", "Latest", id="assessment.latest"),
    ]

    viewing: reactive[str | None] = reactive(None, init=False)

    def __init__(self) -> None:
        super().__init__("Assessment", id="assessment")

    def watch_viewing(self) -> None:
        self.refresh_sections()

    def make_section(self, key: str) -> Section:
        return make_section(key)

    def section_status(self, key: str) -> str:
        return section_status(key, self.shown(), len(self.plan.focus_areas))

    def shown(self) -> Assessment | None:
        """The assessment on screen: an earlier one being read, or the latest."""
        earlier = next((a for a in self.plan.assessments if a.id == self.viewing), None)
        return earlier or self.plan.latest_assessment()

    @property
    def read_only(self) -> bool:
        latest = self.plan.latest_assessment()
        return self.viewing is not None and latest is not None and self.viewing != latest.id

    def heading(self) -> Content:
        shown = self.shown()
        if shown is None:
            return Content("No assessment yet: Enter opens a section, a adds · 6: what to add next")
        earlier = len(self.plan.assessments) - 1
        if self.read_only:
            return Content.assemble(
                (f"Assessment of {shown.date.isoformat()}", "bold"),
                " · an earlier one, read-only · l: back to the latest",
            )
        more = f" · {earlier} earlier (o)" if earlier else ""
        return Content.assemble((f"Assessment of {shown.date.isoformat()}", "bold"), more)

    def action_new_assessment(self) -> None:
        latest = self.plan.latest_assessment()
        today = date.today()
        fresh_id = new_id("a", self.plan.assessments)
        if latest is None:
            fresh = Assessment(id=fresh_id, date=today)
        else:
            fresh = dataclasses.replace(latest, id=fresh_id, date=today, barc10=None)

        def answer(yes: bool | None) -> None:
            if yes:
                self.viewing = None
                done = "New assessment started. The earlier one is kept."
                self.post_message(
                    PlanChangeRequested(self.plan.with_item("assessments", fresh), done)
                )

        question = (
            f"Start a new assessment dated {today.isoformat()}? It begins as a copy of the "
            "latest (the BARC-10 is taken afresh), and the earlier one is kept as it is."
        )
        self.app.push_screen(ConfirmScreen(question, "Start it", "Not now"), answer)

    def action_open_earlier(self) -> None:
        indexed = sorted(enumerate(self.plan.assessments), key=lambda p: (p[1].date, p[0]))
        ordered = [a for _, a in reversed(indexed)]  # newest first, as latest_assessment()
        if len(ordered) < 2:
            self.app.notify("There is no earlier assessment yet.")
            return

        def chosen(index: int | None) -> None:
            if index is not None:
                latest = self.plan.latest_assessment()
                pick = ordered[index]
                self.viewing = None if latest and pick.id == latest.id else pick.id

        choices = []
        for position, a in enumerate(ordered):
            score = f" · BARC-10 {barc10_total(a.barc10)}" if a.barc10 else ""
            latest = " (latest)" if position == 0 else ""
            choices.append(Content(f"{a.date.isoformat()}{latest}{score}"))
        self.app.push_screen(PickScreen("Open an assessment", choices), chosen)

    def action_latest(self) -> None:
        self.viewing = None
