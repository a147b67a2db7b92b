"""Every key, in words, grouped by where it works."""

from __future__ import annotations

from collections.abc import Sequence

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

_NAMES = {
    "ctrl": "Ctrl",
    "shift": "Shift",
    "alt": "Alt",
    "pagedown": "PgDn",
    "pageup": "PgUp",
    "escape": "Esc",
    "enter": "Enter",
    "delete": "Delete",
    "question_mark": "?",
    "exclamation_mark": "!",
    "tab": "Tab",
    "space": "Space",
    "right_square_bracket": "]",
    "left_square_bracket": "[",
}


def key_label(keys: str) -> str:
    """``"ctrl+pagedown,f1"`` -> ``"Ctrl+PgDn / F1"``."""
    labels = []
    for key in keys.split(","):
        chord = "+" in key
        parts = [_NAMES.get(p, p.upper() if len(p) > 1 or chord else p) for p in key.split("+")]
        labels.append("+".join(parts))
    return " / ".join(labels)


def binding_lines(bindings: Sequence[BindingType]) -> list[Content]:
    """One line per binding: its keys in words, then what it does."""
    lines = []
    for b in bindings:
        if isinstance(b, Binding) and b.description:
            binding_id = (f"  ({b.id})", "dim") if b.id else ""  # for [keys] in the settings
            lines.append(Content.assemble((f"  {key_label(b.key):<22}", "bold"), b.description,
                                          binding_id))  # fmt: skip
    return lines


class HelpScreen(ModalScreen[None]):
    """Lists ``sections``: (where, bindings) pairs; any of Esc, q, ? or F1 closes it."""

    BINDINGS = [Binding("escape,q,question_mark,f1", "close", "Close", id="help.close")]

    def __init__(self, sections: Sequence[tuple[str, Sequence[BindingType]]]) -> None:
        super().__init__()
        self.sections = sections

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog help"):
            yield Static(Content.styled("Keys", "bold"), classes="title")
            with VerticalScroll(can_focus=True, id="help-body"):
                for where, bindings in self.sections:
                    yield Static(Content.styled(where, "bold underline"))
                    yield Static(Content("\n").join(binding_lines(bindings)))
            yield Static(Content("Esc to close · Ctrl+P finds every action"), classes="keys")

    def on_mount(self) -> None:
        self.query_one("#help-body").focus()

    def action_close(self) -> None:
        self.dismiss(None)
