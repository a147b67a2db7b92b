"""Ask for one line of text (a progress note, a milestone)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from recovery_tui.widgets.fields import PlanInput


class PromptScreen(ModalScreen[str | None]):
    """One labelled field; Enter keeps the text, Escape cancels (dismisses None)."""

    BINDINGS = [Binding("escape", "cancel", "Cancel", id="prompt.cancel")]

    def __init__(self, title: str, hint: str, placeholder: str = "") -> None:
        super().__init__()
        self.title_text, self.hint, self.placeholder = title, hint, placeholder

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(Content.styled(self.title_text, "bold"), classes="title")
            yield Static(Content(self.hint), classes="hint")
            yield PlanInput(placeholder=self.placeholder, id="answer")
            yield Static(Content(""), classes="field-error", id="answer-error")
            yield Static(Content("Enter to keep · Esc to cancel"), classes="keys")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        text = self.query_one("#answer", PlanInput).clean_value
        if not text:
            self.query_one("#answer-error", Static).update(Content("Please write a few words."))
            return
        self.dismiss(text)

    def action_cancel(self) -> None:
        self.dismiss(None)
