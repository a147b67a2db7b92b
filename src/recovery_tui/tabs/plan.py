"""Plan: the whole written plan, rendered from the Markdown that render.py makes."""

from __future__ import annotations

from datetime import date

from textual.app import ComposeResult
from textual.containers import VerticalScroll

from recovery_tui.render import render_plan
from recovery_tui.tabs.base import PlanPane


class PlanTab(PlanPane):
    """Renders the plan when the tab is first shown and after each change while shown.

    The Markdown widget is imported and built only then, to keep start-up quick.
    """

    def __init__(self) -> None:
        super().__init__("Plan", id="plan")
        self._shown_plan: object = None

    def compose(self) -> ComposeResult:
        yield VerticalScroll(id="plan-scroll", can_focus=True)

    def on_show(self) -> None:
        self.refresh_document()

    def watch_plan(self) -> None:
        if self.display:  # only the active tab is displayed
            self.refresh_document()

    def focus_main(self) -> None:
        """Put the keyboard on the document so arrows and Page Down scroll it."""
        self.query_one("#plan-scroll").focus()

    def refresh_document(self) -> None:
        """Render the plan into the Markdown widget (built on first use)."""
        if self._shown_plan is self.plan:
            return
        from textual.widgets import Markdown

        self._shown_plan = self.plan
        document = render_plan(self.plan, date.today())
        scroll = self.query_one("#plan-scroll", VerticalScroll)
        existing = scroll.query(Markdown)
        if existing:
            existing.first().update(document)
        else:
            scroll.mount(Markdown(document, open_links=False, id="plan-document"))
