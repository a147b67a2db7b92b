"""Plan: the gaps to close (Enter jumps to the place to fix one), then the whole written
plan, rendered from the Markdown that render.py makes; ``]``/``[`` and ``g`` move between
its sections."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.message import Message
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from recovery_tui.insights import Gap, first_step_gaps, plan_check
from recovery_tui.render import render_plan
from recovery_tui.screens.pick import PickScreen
from recovery_tui.tabs.base import PlanPane
from recovery_tui.text import for_display
from recovery_tui.widgets.plan_document import PlanDocument


class PlanTab(PlanPane):
    """Renders the plan when the tab is first shown and after each change while shown."""

    BINDINGS = [
        Binding("g", "go_to_section", "Sections", id="plan.go_to"),
        Binding("x", "app.export", "Export", id="plan.export"),
        Binding("v", "app.keep_version", "Save a version", show=False, id="plan.keep_version"),
        Binding("h", "app.history", "History", id="plan.history"),
    ]

    @dataclass
    class JumpRequested(Message):
        """Take the person to the place where a gap can be closed."""

        gap: Gap

    def __init__(self) -> None:
        super().__init__("Plan", id="plan")
        self._shown_plan: object = None
        self._gaps: list[Gap] = []

    def compose(self) -> ComposeResult:
        yield Static(id="plan-gaps-title")
        yield OptionList(id="plan-gaps")
        yield PlanDocument(id="plan-document")

    def on_show(self) -> None:
        self.refresh_document()

    def watch_plan(self) -> None:
        if self.is_shown_tab():
            self.refresh_document()

    def focus_main(self) -> None:
        """The gaps first when there are any, else the document (arrows and Page Down)."""
        if self._shown_plan is not self.plan:  # asked before on_show: the gaps, not the
            self._show_gaps(date.today())  # document (it is laid out once the tab has a size)
        target = "#plan-gaps" if self._gaps else "#plan-document"
        self.screen.set_focus(self.query_one(target))  # now: see key_order

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.post_message(self.JumpRequested(self._gaps[event.option_index]))

    def _show_gaps(self, today: date) -> None:
        self._gaps = [*first_step_gaps(self.plan), *plan_check(self.plan, today)]
        gaps = self.query_one("#plan-gaps", OptionList)
        gaps.set_options(Option(Content(f"• {for_display(g.message)}")) for g in self._gaps)
        gaps.display = bool(self._gaps)
        if self._gaps:
            gaps.highlighted = 0  # Enter works at once, as the title says
        count = len(self._gaps)
        title = "Plan check: nothing to add right now."
        if count:
            things = f"{count} thing{'s' if count > 1 else ''}"
            title = f"Plan check: {things} to add. Enter takes you there."
        self.query_one("#plan-gaps-title", Static).update(Content.styled(title, "bold"))

    def refresh_document(self) -> None:
        """Render the plan into the document view, unless it already shows this plan."""
        if self._shown_plan is self.plan:
            return
        self._shown_plan = self.plan
        today = date.today()
        self._show_gaps(today)
        self.query_one(PlanDocument).update(render_plan(self.plan, today, with_check=False))

    def action_go_to_section(self) -> None:
        """Pick a section of the written plan and show it at the top."""
        document = self.query_one(PlanDocument)
        titles = document.section_titles()

        def go(choice: int | None) -> None:
            if choice is not None:
                document.go_to_section(titles[choice])
                document.focus()

        choices = [Content(title) for title in titles]
        self.app.push_screen(PickScreen("Go to a section of the plan", choices), go)
