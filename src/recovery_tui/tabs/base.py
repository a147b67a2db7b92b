"""What every tab shares: the plan passed down from the app."""

from __future__ import annotations

from textual.reactive import reactive
from textual.widgets import ContentSwitcher, TabPane

from recovery_tui.model import Plan


class PlanPane(TabPane):
    """A tab that shows part of the plan; the app binds ``plan`` to its own."""

    plan: reactive[Plan] = reactive(Plan, init=False)
    stale = False  # the plan changed while the tab was hidden: show it again when shown

    def is_shown_tab(self) -> bool:
        """Whether this is the tab on screen (a hidden tab need not redraw on each save)."""
        switcher = self.parent
        return isinstance(switcher, ContentSwitcher) and switcher.current == self.id
