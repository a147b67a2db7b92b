"""What every tab shares: the plan passed down from the app."""

from __future__ import annotations

from textual.reactive import reactive
from textual.widgets import TabPane

from recovery_tui.model import Plan


class PlanPane(TabPane):
    """A tab that shows part of the plan; the app binds ``plan`` to its own."""

    plan: reactive[Plan] = reactive(Plan, init=False)
