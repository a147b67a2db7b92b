"""What a section of a tab needs to know: the plan, which assessment is shown, and whether
it may be changed. Tabs bind these down; sections post PlanChangeRequested up."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.reactive import reactive
from textual.widgets import Static

from recovery_tui.model import Assessment, Plan


class Section(Vertical):
    """A part of a tab that shows and edits one piece of the plan."""

    plan: reactive[Plan] = reactive(Plan, init=False)
    assessment: reactive[Assessment | None] = reactive(None, init=False)
    read_only: reactive[bool] = reactive(False)

    def focus_main(self) -> None:
        """Put the keyboard on the section's main widget."""
        self.focus()


class TextBlockSection(Section):
    """A section that is a scrollable block of text, rebuilt when the plan changes."""

    can_focus = True

    def compose(self) -> ComposeResult:
        with VerticalScroll():
            yield Static(classes="section-text")

    def on_mount(self) -> None:
        self.show()

    def watch_plan(self) -> None:
        if self.is_mounted:
            self.show()

    def show(self) -> None:
        self.query_one(".section-text", Static).update(Content("\n".join(self.lines())))

    def lines(self) -> list[str]:
        """The text, a line each."""
        raise NotImplementedError
