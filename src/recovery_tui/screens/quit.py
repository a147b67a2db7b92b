"""Before leaving with unsaved words: save them, let them go, or go back to them."""

from __future__ import annotations

from typing import Literal

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from recovery_tui.draft import Draft
from recovery_tui.text import for_display

QuitChoice = Literal["save", "discard", "stay"]


def unsaved_question(drafts: list[Draft]) -> str:
    """ "You have words not saved yet in ..." with where and the first words of each."""
    lines = ["You have words that are not saved yet:"]
    for draft in drafts:
        preview = draft.preview(44)
        lines.append(f"• {draft.where}" + (f": “{preview}”" if preview else ""))
    return "\n".join(lines)


class QuitScreen(ModalScreen[QuitChoice]):
    """Save and quit / Quit without saving / Keep editing (Esc, the safe default)."""

    BINDINGS = [
        Binding("s", "choose('save')", "Save and quit", id="quit.save"),
        Binding("d", "choose('discard')", "Quit without saving", id="quit.discard"),
        Binding("escape,k", "choose('stay')", "Keep editing", id="quit.stay"),
    ]

    def __init__(self, drafts: list[Draft]) -> None:
        super().__init__()
        self.drafts = drafts

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog quit"):
            yield Static(Content(for_display(unsaved_question(self.drafts))), classes="question")
            with Horizontal(classes="buttons"):
                yield Button("Save and quit (s)", id="save", variant="primary")
                yield Button("Quit without saving (d)", id="discard")
                yield Button("Keep editing (Esc)", id="stay")

    def on_mount(self) -> None:
        self.query_one("#stay", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id)  # type: ignore[arg-type]

    def action_choose(self, choice: QuitChoice) -> None:
        self.dismiss(choice)
