"""Tabs whose forms are still to come say what that part of the plan is for."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Static

from recovery_tui.tabs.base import PlanPane

# What each part of the plan is for, in the method's words (method.md).
PURPOSES: dict[str, tuple[str, str]] = {
    "review": (
        "Review Log",
        "Keep the plan alive: a daily check-in of under a minute, a review every month or "
        "quarter and after a big life event, a kind debrief after a lapse, your days in "
        "recovery and milestones. A lapse is information to learn from, never a failure.",
    ),
}


class IntroPane(PlanPane):
    """Says what this part of the plan is for, until its forms are built."""

    def __init__(self, key: str) -> None:
        title, self.purpose = PURPOSES[key]
        super().__init__(title, id=key)

    def compose(self) -> ComposeResult:
        with VerticalScroll():
            yield Static(Content(self.purpose), classes="purpose")
            yield Static(
                Content(
                    "This part of the app is being built. "
                    "Assessment, Goals, Triggers & Strategies and Support work now (keys 1-4)."
                ),
                classes="hint",
            )
