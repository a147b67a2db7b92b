"""What a section of a tab needs to know: the plan, which assessment is shown, and whether
it may be changed. Tabs bind these down; sections post PlanChangeRequested up."""

from __future__ import annotations

from textual.containers import Vertical
from textual.reactive import reactive

from recovery_tui.model import Assessment, Plan


class Section(Vertical):
    """A part of a tab that shows and edits one piece of the plan."""

    plan: reactive[Plan] = reactive(Plan, init=False)
    assessment: reactive[Assessment | None] = reactive(None, init=False)
    read_only: reactive[bool] = reactive(False)

    def focus_main(self) -> None:
        """Put the keyboard on the section's main widget."""
        self.focus()
