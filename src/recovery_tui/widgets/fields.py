"""Form fields that keep user text clean and respect the no-blink setting."""

from __future__ import annotations

from collections.abc import Callable

from textual import events
from textual.widgets import Input

from recovery_tui.read_only import edits_text, refused
from recovery_tui.text import clean_line
from recovery_tui.widgets.key_order import handle_in_order


class PlanInput(Input):
    """A compact one-line Input: pasted control characters are dropped on the way in,
    and the cursor does not blink when the app says so (over SSH blinking costs bandwidth).
    """

    on_enter: Callable[[PlanInput], object] | None = None
    """What Enter does, at once (move to the next field, save): set by the form, so keys
    typed right after Enter in one burst already land in the next field."""

    locked = False
    """True in a window that can't save the plan: typing is refused, saying why (an
    Input has no read-only mode of its own)."""

    def __init__(self, value: str = "", **kwargs: object) -> None:
        super().__init__(value, compact=True, **kwargs)  # type: ignore[arg-type]

    async def _on_key(self, event: events.Key) -> None:
        if handle_in_order(self, event):
            return
        if self.locked and edits_text(self, event) and refused(self):
            event.stop()
            event.prevent_default()
            return
        if event.key == "enter" and self.on_enter is not None:
            event.stop()
            event.prevent_default()
            self.on_enter(self)
            return
        await super()._on_key(event)

    def on_mount(self) -> None:
        self.cursor_blink = getattr(self.app, "cursor_blink", True)

    def _on_paste(self, event: events.Paste) -> None:
        if self.locked and refused(self):
            event.stop()
            event.prevent_default()  # (else Input's own handler pastes it after this one)
            return
        event.text = clean_line(event.text)
        super()._on_paste(event)
        event.prevent_default()  # pasted once: Input's own handler would paste it again

    @property
    def clean_value(self) -> str:
        """The value as it should be stored: no control characters, no outer spaces."""
        return clean_line(self.value).strip()
