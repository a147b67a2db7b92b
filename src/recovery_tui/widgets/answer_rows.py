"""Rows of the daily check-in that are answered with one key each (no typing, no Enter)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, ClassVar

from textual import events
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.message import Message
from textual.reactive import reactive
from textual.widgets import Static

from recovery_tui.method import HALT_LABELS, MOOD_WORDS
from recovery_tui.text import for_display, one_line
from recovery_tui.widgets.key_order import pass_on_if_moved, run_own_binding

LABEL_WIDTH = 14
SHORT_TRIGGER = 13


class AnswerRow(Static, can_focus=True):
    """A labelled row; its keys set ``value`` and move on to the next question."""

    KEYS: ClassVar[dict[str, Any]] = {}
    HINT = ""
    value: reactive[Any] = reactive(None)

    @dataclass
    class Answered(Message):
        row: AnswerRow

    answered: Callable[[AnswerRow], None] | None = None
    """Called at once when the row is answered (the form moves on before the next key)."""

    def __init__(self, label: str, *, id: str) -> None:
        super().__init__(id=id, classes="answer-row")
        self.label = label

    async def _on_key(self, event: events.Key) -> None:
        """Handle this row's keys now, in the order they came (see key_order)."""
        if not pass_on_if_moved(self, event):
            await run_own_binding(self, event)

    def done(self) -> None:
        """Tell the form this row is answered: at once when it asked, else by message."""
        if self.answered is not None:
            self.answered(self)
        else:
            self.post_message(self.Answered(self))

    def action_answer(self, key: str) -> None:
        self.value = self.KEYS[key]
        self.done()

    def describe(self) -> str:
        return "—" if self.value is None else str(self.value)

    def render(self) -> Content:
        return self.lay_out([(f"{self.describe():<13}", ""), (self.HINT, "dim")])

    def lay_out(self, parts: list[tuple[str, str]]) -> Content:
        """The label, then ``parts`` (text, style) side by side, wrapped under one another
        when the row is narrow (80 columns) rather than cut off."""
        room = max(20, (self.size.width or 80) - LABEL_WIDTH)
        lines: list[list[tuple[str, str]]] = [[]]
        used = 0
        for text, style in (part for part in parts if part[0]):
            needed = len(text) + (2 if used else 0)
            if used and used + needed > room:
                lines.append([])
                used, needed = 0, len(text)
            lines[-1].append(("  " if used else "", ""))
            lines[-1].append((text, style))
            used += needed
        rows = [Content.assemble((f"{self.label if n == 0 else '':<{LABEL_WIDTH}}", "bold"), *line)
                for n, line in enumerate(lines)]  # fmt: skip
        return Content("\n").join(rows)


def _keys(keys: dict[str, Any], noun: str) -> list[BindingType]:
    return [Binding(k, f"answer('{k}')", noun, show=False, id=f"{noun}.{k}") for k in keys]


class MoodRow(AnswerRow):
    KEYS: ClassVar[dict[str, Any]] = {str(n): n for n in range(1, 6)}
    BINDINGS = _keys(KEYS, "mood")
    HINT = "1 very low … 5 very good"

    def describe(self) -> str:
        return "—" if self.value is None else f"{self.value} · {MOOD_WORDS[self.value]}"


class CravingRow(AnswerRow):
    KEYS: ClassVar[dict[str, Any]] = {**{str(n): n for n in range(10)}, "t": 10}
    BINDINGS = _keys(KEYS, "craving")
    HINT = "0 none … 9, t = 10"

    def describe(self) -> str:
        return "—" if self.value is None else f"{self.value} of 10"


class UsedRow(AnswerRow):
    KEYS: ClassVar[dict[str, Any]] = {"n": False, "y": True}
    BINDINGS = _keys(KEYS, "used")
    HINT = "y yes · n no"

    def describe(self) -> str:
        return {None: "—", False: "no", True: "yes"}[self.value]


class PickRow(AnswerRow):
    """Pick one of up to nine options by number (which focus area)."""

    BINDINGS = _keys({str(n): n for n in range(1, 10)}, "pick")
    options: reactive[tuple[tuple[str, str], ...]] = reactive(())  # (value, label)

    def action_answer(self, key: str) -> None:
        index = int(key) - 1
        if index < len(self.options):
            self.value = self.options[index][0]
            self.done()

    def describe(self) -> str:
        chosen = next((label for value, label in self.options if value == self.value), "—")
        return for_display(chosen)

    def render(self) -> Content:
        numbered = "  ".join(f"{i} {one_line(label)}" for i, (_, label) in
                             enumerate(self.options, start=1))  # fmt: skip
        return self.lay_out([(self.describe(), ""), (numbered, "dim")])


class ToggleRow(AnswerRow):
    """Mark any of several options (keys toggle), Enter moves on."""

    value: reactive[Any] = reactive(tuple)
    options: reactive[tuple[tuple[str, str, str], ...]] = reactive(())  # (key, value, label)

    def action_flip(self, key: str) -> None:
        chosen = next(value for k, value, _ in self.options if k == key)
        current = tuple(self.value)
        self.value = tuple(v for v in current if v != chosen) if chosen in current else (
            *current, chosen,
        )  # fmt: skip

    def action_done(self) -> None:
        self.done()

    def render(self) -> Content:
        marks = [(f"[{'x' if value in self.value else ' '}] {k} {self.short(label)}", "")
                 for k, value, label in self.options]  # fmt: skip
        return self.lay_out(marks or [("(none yet)", "")])

    def short(self, label: str) -> str:
        """The label as shown in the row (a trigger's whole text is on its own tab)."""
        return one_line(label)


class HaltRow(ToggleRow):
    BINDINGS = [
        *(Binding(k[0], f"flip('{k[0]}')", label, show=False, id=f"halt_row.{k}")
          for k, label in HALT_LABELS.items()),
        Binding("enter", "done", "Next", show=False, id="halt_row.next"),
    ]  # fmt: skip

    def on_mount(self) -> None:
        self.options = tuple((k[0], k, label) for k, label in HALT_LABELS.items())


class TriggersRow(ToggleRow):
    BINDINGS = [
        *(Binding(str(n), f"flip('{n}')", "Trigger", show=False, id=f"triggers_row.{n}")
          for n in range(1, 10)),
        Binding("enter", "done", "Next", show=False, id="triggers_row.next"),
    ]  # fmt: skip

    def action_flip(self, key: str) -> None:
        if any(k == key for k, _, _ in self.options):
            super().action_flip(key)

    def short(self, label: str) -> str:
        """Short enough for two to a line at 80 columns: the whole text is on its tab."""
        text = one_line(label)
        return text if len(text) <= SHORT_TRIGGER else text[: SHORT_TRIGGER - 1] + "…"
