"""``recovery-tui review``: today's check-in drawn under the shell prompt, then back to it.

The same check-in form as the Review Log tab, in a tiny app of its own (Textual's inline
mode; full screen where that is not supported), saving through the same store.
"""

from __future__ import annotations

import os
from datetime import date

from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.widgets import Static

from recovery_tui.app_care import CaringApp
from recovery_tui.app_drafts import DraftKeeper
from recovery_tui.messages import PlanChangeRequested
from recovery_tui.paths import styles_dir
from recovery_tui.read_only import ReadOnlyLine, ReadOnlyWindow
from recovery_tui.storage import PlanStore, StoreError
from recovery_tui.unsaved import CarefulQuit
from recovery_tui.widgets.checkin_form import CheckInForm


class ReviewApp(ReadOnlyWindow, DraftKeeper, CarefulQuit, CaringApp):
    """Only today's check-in; Esc leaves (asking first if words would be lost); the crisis
    keys work here as in the app."""

    CSS_PATH = [
        styles_dir() / name
        for name in ("app.tcss", "sections.tcss", "review.tcss", "drafts.tcss", "read_only.tcss")
    ]
    ENABLE_COMMAND_PALETTE = False
    BINDINGS = [
        Binding("escape", "quit", "Leave", id="review.leave"),
        Binding("ctrl+q", "quit", "Leave", priority=True, id="review.quit"),
        Binding("f2,ctrl+g", "crisis", "Help now", priority=True, id="review.crisis_anywhere"),
        Binding("exclamation_mark", "crisis", "Crisis", id="review.crisis"),
    ]

    def __init__(self, store: PlanStore) -> None:
        super().__init__()
        self.store = store
        self.plan = store.open()
        self.cursor_blink = "SSH_CONNECTION" not in os.environ

    def compose(self) -> ComposeResult:
        if self.store.read_only:  # no header here: the line above the form says it
            yield ReadOnlyLine(self.store.read_only_reason, classes="inline")
        form = CheckInForm(id="section-checkin")
        form.set_reactive(CheckInForm.plan, self.plan)
        yield form
        keys = "Enter next · Ctrl+S save · Esc leave · F2 or ! help now"
        if self.store.read_only:
            keys = "Esc leave · F2 or ! help now"
        yield Static(Content(keys), classes="keys")

    def on_mount(self) -> None:
        form = self.query_one(CheckInForm)
        form.load(date.today())
        form.focus_main()
        self.show_read_only(toast=False)
        self.start_keeping_drafts()  # a dropped connection keeps a draft; last one offered

    def refuse_edit(self) -> None:
        """An answer in a read-only window: say so where the check-in says what it did."""
        status = "Nothing was changed: this window is read-only (see above)."
        self.query_one("#checkin-status", Static).update(Content(status))

    def on_plan_change_requested(self, message: PlanChangeRequested) -> None:
        """Save, leave the summary on screen, and hand the terminal back."""
        try:
            self.store.save(message.plan)
        except StoreError as error:
            self.query_one("#checkin-status", Static).update(Content(str(error)))
            return
        self.plan = message.plan
        form = self.query_one(CheckInForm)
        form.plan = message.plan  # the form shows its summary now
        if not form.asking_area:  # else "which focus area was it?" is answered first
            self.set_timer(0.3, self.exit)
