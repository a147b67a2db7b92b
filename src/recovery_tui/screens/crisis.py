"""The crisis screen: one key from anywhere, calm, and everything to reach help.

Every entry is one line; a number comes before its name (``555-0100 · Alex``), so a
terminal that lays out right-to-left names cannot turn it into ``0100-555``.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from recovery_tui.helplines import (
    NATIONAL_LINES,
    CrisisSheet,
    calm_lines,
    line_entry,
    national_heading,
    person_line,
)
from recovery_tui.text import one_line


def t(text: str) -> str:
    """The person's words on one line, safe for the terminal."""
    return one_line(text).strip()


class CrisisScreen(ModalScreen[None]):
    """The person's own warning signs, coping steps, people and lines, then national lines."""

    BINDINGS = [Binding("escape", "close", "Close", id="crisis.close")]

    def __init__(self, sheet: CrisisSheet) -> None:
        super().__init__()
        self.sheet = sheet

    def compose(self) -> ComposeResult:
        sheet = self.sheet
        with Vertical(classes="crisis"):
            with VerticalScroll(id="crisis-body", can_focus=True):
                calm = [Content.styled(line, "bold") for line in calm_lines(sheet)]
                yield Static(Content("\n").join(calm), classes="calm")
                if sheet.warning_signs:
                    yield self._block("My warning signs, and what I will do", [
                        line
                        for sign, responses in sheet.warning_signs
                        for line in (t(sign), *(f"  → {t(r)}" for r in responses))
                    ])  # fmt: skip
                if sheet.coping:
                    yield self._block("Coping steps", [f"• {t(step)}" for step in sheet.coping])
                if sheet.crisis_contacts:
                    people = [person_line(p) for p in sheet.crisis_contacts]
                    yield self._block("People to call", people, "call-box")
                if sheet.professionals:
                    pros = [person_line(p) for p in sheet.professionals]
                    yield self._block("Professionals", pros)
                if sheet.own_lines:
                    own = [line_entry(*line, str) for line in sheet.own_lines]
                    yield self._block("My crisis lines", own)
                yield self._block(national_heading(),
                                  [f"{name}: {how}" for name, how in NATIONAL_LINES])  # fmt: skip
            yield Static(Content("Esc to close · ↑↓ PgUp PgDn to scroll"), classes="keys")

    @staticmethod
    def _block(title: str, lines: list[str], classes: str = "") -> Static:
        body = Content("\n").join([Content.styled(title, "bold underline"), *map(Content, lines)])
        return Static(body, classes=f"crisis-block {classes}".strip())

    def on_mount(self) -> None:
        self.query_one("#crisis-body").focus()

    def action_close(self) -> None:
        self.dismiss(None)
