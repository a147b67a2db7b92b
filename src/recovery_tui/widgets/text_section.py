"""A long free-text part of an assessment (health, circumstances), edited in place.

Typing is saved a moment after it pauses and when the field is left, so a dropped SSH
connection loses at most a second of typing and there is no save key to forget.
"""

from __future__ import annotations

from datetime import date
from typing import cast

from textual import events
from textual.app import ComposeResult
from textual.content import Content
from textual.timer import Timer
from textual.widgets import Static, TextArea

from recovery_tui.draft import Draft
from recovery_tui.messages import PlanChangeRequested, PlanSaver
from recovery_tui.model import Plan
from recovery_tui.read_only import edits_text, refused, window_read_only
from recovery_tui.storage import StoreError
from recovery_tui.text import clean, for_display
from recovery_tui.widgets.sections import Section

SAVE_AFTER_SECONDS = 1.0


class TextSection(Section):
    """One TextArea for the assessment field ``name``, with its hint above it."""

    def __init__(self, name: str, hint: str, title: str = "") -> None:
        super().__init__(id=f"section-{name}", classes="text-section")
        self.field_name, self.hint, self.title = name, hint, title or name
        self._timer: Timer | None = None
        self._shown_id: str | None = None

    def compose(self) -> ComposeResult:
        yield Static(Content(self.hint), classes="hint")
        area = TextArea(compact=True, soft_wrap=True, id=f"text-{self.field_name}")
        area.placeholder = "Write here; it is saved as you go."
        yield area
        yield Static(Content(""), classes="save-status")

    @property
    def area(self) -> TextArea:
        return self.query_one(TextArea)

    @property
    def stored(self) -> str:
        return getattr(self.assessment, self.field_name) if self.assessment else ""

    def on_mount(self) -> None:
        self.area.cursor_blink = getattr(self.app, "cursor_blink", True)
        self._load()

    def watch_assessment(self) -> None:
        if self.is_mounted:
            self._load()

    def watch_read_only(self, read_only: bool) -> None:
        if self.is_mounted:
            self.area.read_only = read_only or window_read_only(self)

    def _load(self) -> None:
        """Show the stored text, unless the person is typing in this same assessment."""
        new_id = self.assessment.id if self.assessment else None
        same = new_id == self._shown_id or self._shown_id is None
        if self.area.has_focus and same and new_id is not None:
            self._shown_id = new_id
            return
        self._shown_id = new_id
        shown = for_display(self.stored)  # bidi overrides never reach the terminal
        if self.area.text != shown:
            self.area.load_text(shown)
        self.area.read_only = self.read_only or window_read_only(self)

    def focus_main(self) -> None:
        self.area.focus()

    def on_key(self, event: events.Key) -> None:
        """Typing in a read-only window: say why nothing is written (a read-only TextArea
        lets the key go on, where a letter would run a binding: q would quit)."""
        typed = event.key == "enter" or edits_text(self.area, event)
        if typed and self.area.has_focus and refused(self):
            event.stop()
            event.prevent_default()
        elif typed and self.area.has_focus and self.read_only:  # an earlier assessment
            event.stop()  # the letter is not written, and never runs a key (q would quit)
            event.prevent_default()
            self.query_one(".save-status", Static).update(
                Content(
                    "This is an earlier assessment, kept as it was. Esc, then l, opens the latest."
                )
            )

    def on_paste(self, event: events.Paste) -> None:
        """A paste in a read-only window says why nothing was written, as typing does."""
        if self.area.has_focus and refused(self):
            event.stop()

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        event.stop()
        if self._timer is not None:
            self._timer.stop()
        self._timer = self.set_timer(SAVE_AFTER_SECONDS, self.save)

    def on_descendant_blur(self) -> None:
        self.save()

    def unsaved(self) -> Draft | None:
        """The text as a draft while it differs from what is stored (a save still waiting)."""
        if not self.is_mounted or self.read_only:
            return None
        text = clean(self.area.text).strip()
        if text in (self.stored.strip(), for_display(self.stored).strip()):
            return None
        where = f"Assessment: {self.title}"
        return Draft("text", where, date.today(), {self.field_name: text},
                     {self.field_name: where}, key=f"text:{self.field_name}")  # fmt: skip

    def restore(self, draft: Draft) -> None:
        """Put a draft's text back (saved as usual a moment later)."""
        text = draft.values.get(self.field_name)
        if isinstance(text, str):
            self.area.load_text(text)
            self._timer = self.set_timer(SAVE_AFTER_SECONDS, self.save)

    def save(self) -> None:
        """Save the text now if it differs from what is stored."""
        plan = self._changed_plan()
        if plan is not None:
            self.post_message(PlanChangeRequested(plan, ""))
            self.query_one(".save-status", Static).update(Content("Saved."))

    def save_now(self) -> bool:
        """Save at once through the app (quitting); False, saying why, if it failed."""
        plan = self._changed_plan()
        if plan is None:
            return True
        try:
            cast(PlanSaver, self.app).save_plan(plan)
        except StoreError as error:
            self.query_one(".save-status", Static).update(Content(f"Not saved: {error}"))
            return False
        return True

    def _changed_plan(self) -> Plan | None:
        """The plan with this text, if it differs from what is stored (a pending save)."""
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        text = clean(self.area.text).strip()
        if self.read_only or text in (self.stored.strip(), for_display(self.stored).strip()):
            return None
        changes = {self.field_name: text}
        return self.plan.edit_assessment(self.assessment, date.today(), changes)
