"""What both apps (the full one and the inline check-in) promise alike: the crisis sheet
one key away, and a crash that shows a short message with no plan text in it."""

from __future__ import annotations

import sys

from textual.app import App

from recovery_tui.crash import crash_message, write_crash_log
from recovery_tui.helplines import crisis_sheet
from recovery_tui.model import Plan
from recovery_tui.paths import crash_log_file
from recovery_tui.screens.crisis import CrisisScreen
from recovery_tui.storage import PlanStore
from recovery_tui.versions import VersionError


class CaringApp(App[None]):
    """Crisis sheet, careful saving, kind crash; needs ``plan`` and ``store``."""

    plan: Plan
    store: PlanStore

    def action_crisis(self) -> None:
        """Open the crisis screen (or close it, pressed again)."""
        if isinstance(self.screen, CrisisScreen):
            self.screen.dismiss(None)
            return
        self.push_screen(CrisisScreen(crisis_sheet(self.plan)))

    def save_plan(self, plan: Plan, done: str = "") -> None:
        """Save ``plan`` and show it; StoreError (nothing changed) if the save failed."""
        try:
            self.store.save(plan)
        except VersionError as error:  # the plan is saved; only its version is missing
            self.notify(str(error), severity="warning", timeout=10, markup=False)
        self.plan = plan
        if done:
            self.notify(done, markup=False)

    def _fatal_error(self) -> None:
        """Replace Textual's crash report (it prints local variables: the person's notes)."""
        error = sys.exc_info()[1] or self._exception
        log = crash_log_file(self.store.path)
        try:
            if error is not None:
                write_crash_log(log, error)
        except OSError:
            log = None  # type: ignore[assignment]
        self.bell()
        self._exit_renderables.append(crash_message(self.store.path, log))
        self._close_messages_no_wait()
