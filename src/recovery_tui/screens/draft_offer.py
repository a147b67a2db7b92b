"""Words kept when the connection dropped, offered back on the next start.

Two small dialogs: :class:`DraftOfferScreen` asks "keep it?" (keep, let it go, or decide
later), and :class:`DraftWordsScreen` shows words that can't go back where they were typed
(a form the app can't reopen, a check-in from another day) so they can be read and copied.
The words are the person's: shown as data, never markup, and without terminal controls.
"""

from __future__ import annotations

from datetime import date
from typing import Literal

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Static, TextArea

from recovery_tui.draft import Draft, DraftValue
from recovery_tui.text import for_display, one_line

Answer = Literal["keep", "let_go", "later"]


def place(draft: Draft, today: date) -> str:
    """Where the words were typed, to say in a sentence ("today's check-in")."""
    if draft.kind == "checkin":
        return "today's check-in" if draft.day == today else f"your check-in for {draft.day}"
    return draft.where


def goes_back(draft: Draft, today: date, can_reopen: bool) -> bool:
    """Whether keeping puts the words back where they were typed (else they are shown)."""
    if draft.kind == "checkin":
        return draft.day == today
    return draft.kind == "text" or can_reopen


def offer_text(draft: Draft, today: date) -> str:
    """The question: where the words were typed, the first of them, and "Keep it?"."""
    words = draft.preview(48)
    said = f": “{words}”" if words else ""
    return f"You were writing in {place(draft, today)} when the connection dropped{said}. Keep it?"


def keep_means(draft: Draft, today: date, can_reopen: bool) -> str:
    """What "Keep it" will do, so the choice is not a guess."""
    if goes_back(draft, today, can_reopen):
        if draft.kind == "checkin":
            return "Keep it puts your answers back in the check-in, to look over and save."
        return "Keep it puts your words back where they were; they are saved as usual."
    if draft.kind == "checkin":
        return (f"That check-in was from {draft.day} and was not saved. Keep it shows your "
                "words, to read or copy.")  # fmt: skip
    return "Keep it shows your words, to read or copy into the form again."


def _shown(value: DraftValue) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list):
        return ", ".join(value)
    return "" if value is None else str(value)


def words_text(draft: Draft) -> str:
    """Every answer of the draft under its label (long texts keep their lines)."""
    blocks = []
    for name, value in draft.values.items():
        shown = for_display(_shown(value)).strip()
        if shown:
            label = one_line(draft.labels.get(name, name))
            joiner = "\n" if "\n" in shown else " "
            blocks.append(f"{label}:{joiner}{shown}")
    return "\n\n".join(blocks)


class DraftOfferScreen(ModalScreen[Answer]):
    """Keep it? for one draft: Enter or y keeps, n lets it go, Esc decides later."""

    BINDINGS = [
        Binding("y", "answer('keep')", "Keep it", id="draft.keep"),
        Binding("n", "answer('let_go')", "Let it go", id="draft.let_go"),
        Binding("escape", "answer('later')", "Later", id="draft.later"),
    ]

    def __init__(self, draft: Draft, today: date, *, can_reopen: bool = False) -> None:
        super().__init__()
        self.draft, self.today, self.can_reopen = draft, today, can_reopen

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog draft-offer"):
            yield Static(Content.styled("Your words were kept", "bold"), classes="title")
            question = for_display(offer_text(self.draft, self.today))
            yield Static(Content(question), id="draft-question")
            means = keep_means(self.draft, self.today, self.can_reopen)
            yield Static(Content(means), classes="hint")
            with Horizontal(classes="buttons"):
                yield Button("Keep it (y)", id="keep", variant="primary")
                yield Button("Let it go (n)", id="let_go")
            yield Static(Content("Esc: decide later (the words stay kept)"), classes="keys")

    def on_mount(self) -> None:
        self.query_one("#keep", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss("keep" if event.button.id == "keep" else "let_go")

    def action_answer(self, answer: Answer) -> None:
        self.dismiss(answer)


class DraftWordsScreen(ModalScreen[bool]):
    """The words of a draft to read and copy; True once the person has them ("done")."""

    BINDINGS = [
        Binding("d", "done", "Done", id="draft.done"),
        Binding("escape", "later", "Keep for later", id="draft.keep_for_later"),
    ]

    def __init__(self, draft: Draft, heading: str) -> None:
        super().__init__()
        self.draft, self.heading = draft, heading

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog draft-words"):
            yield Static(Content.styled(for_display(self.heading), "bold"), classes="title")
            area = TextArea(words_text(self.draft), read_only=True, soft_wrap=True,
                            compact=True, id="draft-text")  # fmt: skip
            yield area
            with Horizontal(classes="buttons"):
                yield Button("Done, let it go (d)", id="done", variant="primary")
                yield Button("Keep for later (Esc)", id="later")
            keys = "Shift+arrows select · Ctrl+C copies · Tab to the buttons"
            yield Static(Content(keys), classes="keys")

    def on_mount(self) -> None:
        self.query_one("#draft-text", TextArea).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "done")

    def action_done(self) -> None:
        self.dismiss(True)

    def action_later(self) -> None:
        self.dismiss(False)
