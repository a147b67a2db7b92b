"""Tabs whose forms are still to come say what that part of the plan is for."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Static

from recovery_tui.tabs.base import PlanPane

# What each part of the plan is for, in the method's words (method.md).
PURPOSES: dict[str, tuple[str, str]] = {
    "assessment": (
        "Assessment",
        "Your self-assessment: what drives your change, the challenges in the way, your "
        "strengths and recovery capital (with the BARC-10 score), your physical and mental "
        "health, your circumstances and your history with each substance or behaviour. "
        "It is dated and kept over time, so you can see how far you have come.",
    ),
    "triggers": (
        "Triggers & Strategies",
        "The people, places, things, feelings and situations that raise cravings, each with "
        "specific strategies; the coping skills you practise; self-care routines; the warning "
        "signs of a lapse and what you will do; and other commitments you make to yourself.",
    ),
    "support": (
        "Support",
        "The people who help you (family, friends, peers, your sponsor, professionals), how "
        "and when to reach them and who to call in a crisis; your meetings and treatment; "
        "and the people and places you keep a distance from.",
    ),
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
                Content("This part of the app is being built. Your Goals tab works now (key 2)."),
                classes="hint",
            )
