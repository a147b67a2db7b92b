"""Plan: the gaps to close (Enter jumps to the place to fix one), then the whole written
plan, rendered from the Markdown that render.py makes."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from recovery_tui.insights import Gap, plan_check
from recovery_tui.render import render_plan
from recovery_tui.tabs.base import PlanPane
from recovery_tui.text import for_display


class PlanTab(PlanPane):
    """Renders the plan when the tab is first shown and after each change while shown.

    The Markdown widget is imported and built only then, to keep start-up quick.
    """

    BINDINGS = [Binding("x", "app.export", "Export", id="plan.export")]

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
        yield VerticalScroll(id="plan-scroll", can_focus=True)

    def on_show(self) -> None:
        self.refresh_document()

    def watch_plan(self) -> None:
        if self.display:  # only the active tab is displayed
            self.refresh_document()

    def focus_main(self) -> None:
        """The gaps first when there are any, else the document (arrows and Page Down)."""
        target = "#plan-gaps" if self._gaps else "#plan-scroll"
        self.query_one(target).focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.post_message(self.JumpRequested(self._gaps[event.option_index]))

    def _show_gaps(self, today: date) -> None:
        self._gaps = plan_check(self.plan, today)
        gaps = self.query_one("#plan-gaps", OptionList)
        gaps.set_options(Option(Content(f"• {for_display(g.message)}")) for g in self._gaps)
        gaps.display = bool(self._gaps)
        count = len(self._gaps)
        title = "Plan check: nothing to add right now."
        if count:
            things = f"{count} thing{'s' if count > 1 else ''}"
            title = f"Plan check: {things} to add. Enter takes you there."
        self.query_one("#plan-gaps-title", Static).update(Content.styled(title, "bold"))

    def refresh_document(self) -> None:
        """Render the plan into the Markdown widget (built on first use)."""
        if self._shown_plan is self.plan:
            return
        from textual.widgets import Markdown

        self._shown_plan = self.plan
        today = date.today()
        self._show_gaps(today)
        document = render_plan(self.plan, today, with_check=False)
        scroll = self.query_one("#plan-scroll", VerticalScroll)
        existing = scroll.query(Markdown)
        if existing:
            existing.first().update(document)
        else:
            scroll.mount(Markdown(document, open_links=False, id="plan-document"))
