"""The crisis screen: one key from anywhere, calm, and everything to reach help."""

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
    national_heading,
    person_name,
    reach,
)
from recovery_tui.text import for_display as t


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
                    people = [f"{person_name(p)}   {reach(p)}" for p in sheet.crisis_contacts]
                    yield self._block("People to call", people, "call-box")
                if sheet.professionals:
                    pros = [f"{person_name(p)}   {reach(p)}" for p in sheet.professionals]
                    yield self._block("Professionals", pros)
                if sheet.own_lines:
                    yield self._block("My crisis lines", [
                        f"{t(name)}: {t(how)}" + (f" (checked {v.isoformat()})" if v else "")
                        for name, how, v in sheet.own_lines
                    ])  # fmt: skip
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
