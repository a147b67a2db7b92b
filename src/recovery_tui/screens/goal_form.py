"""Add or edit a SMART goal."""

from __future__ import annotations

import dataclasses
import re
from datetime import date, timedelta

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.suggester import SuggestFromList
from textual.widgets import Button, Input, Label, Select, Static

from recovery_tui.model import GOAL_STATUSES, STATUS_LABELS, Goal, GoalStatus
from recovery_tui.screens.confirm import ConfirmScreen
from recovery_tui.text import for_display
from recovery_tui.widgets.fields import PlanInput

# (field, label, placeholder): the placeholders are the method's own examples.
TEXT_FIELDS = (
    ("title", "Goal", "a short name, e.g. Meetings"),
    ("specific", "Specific", "what exactly? e.g. attend support-group meetings"),
    ("measure", "Measurable", "a metric and target, e.g. 3 meetings a week"),
    ("achievable", "Achievable", "why it is within reach; first steps"),
    ("relevant", "Relevant", "which motivation it serves"),
)


def parse_due(text: str) -> date | None:
    """Read a due date typed as YYYY-MM-DD ("" means none); ValueError says what to fix."""
    if not text:
        return None
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        raise ValueError("Please write the date as YYYY-MM-DD, e.g. 2027-01-31.")
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise ValueError(f"{text} is not a date on the calendar.") from None


class GoalFormScreen(ModalScreen[Goal | None]):
    """A form for one goal; dismisses with the new goal, or None when cancelled."""

    BINDINGS = [
        Binding("ctrl+s", "save", "Save", id="goal_form.save", priority=True),
        Binding("escape", "cancel", "Cancel", id="goal_form.cancel"),
    ]

    def __init__(self, goal: Goal | None, goal_id: str, motivations: tuple[str, ...]) -> None:
        """Edit ``goal``, or make a new goal with ``goal_id`` when it is None."""
        super().__init__()
        self.goal, self.goal_id, self.motivations = goal, goal_id, motivations

    def compose(self) -> ComposeResult:
        heading = "New goal" if self.goal is None else "Edit goal"
        with Vertical(classes="dialog form"):
            yield Static(Content.styled(heading, "bold"), classes="title")
            yield Static(
                Content("A SMART goal is specific, measurable, achievable, relevant, time-bound."),
                classes="hint",
            )
            with VerticalScroll(classes="fields"):
                for name, label, placeholder in TEXT_FIELDS:
                    yield from self._row(name, label, placeholder)
                    if name == "relevant":
                        yield Static(self._motivation_hint(), classes="hint indent")
                due = self.goal.due.isoformat() if self.goal and self.goal.due else ""
                example = (date.today() + timedelta(days=30)).isoformat()
                yield from self._row("due", "Time-bound", f"target date, e.g. {example}", due)
                with Horizontal(classes="row"):
                    yield Label("Status", classes="field-label")
                    options = [(STATUS_LABELS[s], s) for s in GOAL_STATUSES]
                    status = self.goal.status if self.goal else "active"
                    yield Select(
                        options, value=status, allow_blank=False, compact=True, id="status"
                    )
            with Horizontal(classes="buttons"):
                yield Button("Save (Ctrl+S)", id="save", variant="primary", compact=True)
                yield Button("Cancel (Esc)", id="cancel", compact=True)

    def _row(
        self, name: str, label: str, placeholder: str, value: str | None = None
    ) -> ComposeResult:
        text = value if value is not None else getattr(self.goal, name, "") if self.goal else ""
        suggester = None
        if name == "relevant" and self.motivations:
            suggester = SuggestFromList(self.motivations, case_sensitive=False)
        with Horizontal(classes="row"):
            yield Label(label, classes="field-label")
            yield PlanInput(text, placeholder=placeholder, id=name, suggester=suggester)
        yield Static(Content(""), classes="field-error", id=f"{name}-error")

    def _motivation_hint(self) -> Content:
        if not self.motivations:
            return Content("Your motivations from the Assessment will be offered here.")
        shown = "; ".join(for_display(m) for m in self.motivations[:3])
        return Content(f"Your motivations (→ to complete): {shown}")

    def on_mount(self) -> None:
        self.query_one("#title", PlanInput).focus()
        self._initial = self._values()

    def _values(self) -> dict[str, str]:
        values = {name: self.query_one(f"#{name}", PlanInput).value for name, *_ in TEXT_FIELDS}
        values["due"] = self.query_one("#due", PlanInput).value
        values["status"] = str(self.query_one("#status", Select).value)
        return values

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.focus_next()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "save":
            self.action_save()
        else:
            self.action_cancel()

    def _show_error(self, name: str, message: str) -> None:
        error = self.query_one(f"#{name}-error", Static)
        error.update(Content(message))
        error.set_class(bool(message), "shown")

    def action_save(self) -> None:
        """Check the fields; show what to fix at the field, or dismiss with the goal."""
        title, specific, measure, achievable, relevant = (
            self.query_one(f"#{name}", PlanInput).clean_value for name, *_ in TEXT_FIELDS
        )
        problems: dict[str, str] = {"title": "", "due": ""}
        if not title:
            problems["title"] = "Please give the goal a short name."
        try:
            due = parse_due(self.query_one("#due", PlanInput).clean_value)
        except ValueError as error:
            problems["due"], due = str(error), None
        for name, message in problems.items():
            self._show_error(name, message)
        first_problem = next((name for name, message in problems.items() if message), None)
        if first_problem:
            self.query_one(f"#{first_problem}", PlanInput).focus()
            return
        status: GoalStatus = self.query_one("#status", Select).value  # type: ignore[assignment]
        base = self.goal or Goal(id=self.goal_id, title=title)
        goal = dataclasses.replace(
            base, title=title, specific=specific, measure=measure, achievable=achievable,
            relevant=relevant, due=due, status=status,
        )  # fmt: skip
        self.dismiss(goal)

    def action_cancel(self) -> None:
        """Leave the form; ask first if something was typed."""
        if self._values() == self._initial:
            self.dismiss(None)
            return

        def discard(yes: bool | None) -> None:
            if yes:
                self.dismiss(None)

        self.app.push_screen(
            ConfirmScreen("Leave without saving your changes?", "Leave", "Keep editing"), discard
        )
