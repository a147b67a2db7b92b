"""One form for every kind of plan item: fields described as data, checked at the field.

A tab describes its fields (:class:`Field`), passes the current values, and gets back a
dict of clean values (text without control characters, dates as ``date``) or None when
the person cancelled. Problems are shown under the field they belong to.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from contextlib import suppress
from dataclasses import dataclass
from datetime import date
from typing import Any, Literal, cast

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.suggester import SuggestFromList
from textual.widget import Widget
from textual.widgets import Button, Checkbox, Input, Label, Select, Static, TextArea
from textual.widgets.select import InvalidSelectValueError

from recovery_tui.draft import Draft, DraftValue
from recovery_tui.messages import PlanSaver
from recovery_tui.model import Plan, PlanError
from recovery_tui.screens.confirm import ConfirmScreen
from recovery_tui.storage import StoreError
from recovery_tui.text import clean, for_display
from recovery_tui.widgets.fields import PlanInput
from recovery_tui.widgets.key_order import KeepsKeyOrder

FieldKind = Literal["text", "long", "date", "choice", "bool"]
Values = dict[str, Any]


@dataclass(frozen=True)
class Field:
    """One form field. ``required`` is the message shown when it is left empty."""

    name: str
    label: str
    kind: FieldKind = "text"
    placeholder: str = ""
    required: str = ""
    choices: tuple[tuple[str, str], ...] = ()  # (label, value) for kind "choice"
    suggestions: tuple[str, ...] = ()  # offered as completions (press → to accept)
    hint: str = ""  # a line under the field


def parse_date(text: str) -> date | None:
    """Read a date typed as YYYY-MM-DD ("" means none); ValueError says what to fix."""
    if not text:
        return None
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        raise ValueError("Please write the date as YYYY-MM-DD, e.g. 2027-01-31.")
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise ValueError(f"{text} is not a date on the calendar.") from None


class InOrderSelect(KeepsKeyOrder, Select[Any]):
    """A form's choice that keeps a burst's keys in order (see key_order)."""


class InOrderCheckbox(KeepsKeyOrder, Checkbox):
    """A form's box that keeps a burst's keys in order (see key_order)."""


class FormScreen(ModalScreen[Values | None]):
    """A modal form; Ctrl+S saves, Esc cancels (asking first when something was typed).

    ``check`` may raise PlanError whose path names a field: the message is shown there.
    ``commit`` turns the values into the new plan (and the words to say once saved): the
    form saves it itself and closes only when the save succeeded.
    """

    BINDINGS = [
        Binding("ctrl+s", "save", "Save", id="form.save", priority=True),
        Binding("escape", "cancel", "Cancel", id="form.cancel"),
    ]

    def __init__(
        self,
        title: str,
        intro: str,
        fields: Sequence[Field],
        values: Mapping[str, Any],
        check: Callable[[Values], None] | None = None,
        commit: Callable[[Values], tuple[Plan, str]] | None = None,
        draft_key: str = "",
    ) -> None:
        """``draft_key`` names the form for a draft kept when the connection drops, so the
        app can open the same form again with the words (empty: the words are shown)."""
        super().__init__()
        self.heading, self.intro, self.fields = title, intro, tuple(fields)
        self.initial_values, self.check, self.commit = dict(values), check, commit
        self.draft_key = draft_key

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog form"):
            yield Static(Content.styled(self.heading, "bold"), classes="title")
            if self.intro:
                yield Static(Content(self.intro), classes="hint")
            with VerticalScroll(classes="fields"):
                for field in self.fields:
                    with Horizontal(classes=f"row {field.kind}"):
                        yield Label(field.label, classes="field-label")
                        yield self._widget(field, self.initial_values.get(field.name))
                    if field.hint:
                        yield Static(Content(field.hint), classes="hint indent")
                    yield Static(Content(""), classes="field-error", id=f"{field.name}-error")
            yield Static(Content(""), classes="field-error", id="form-status")
            with Horizontal(classes="buttons"):
                yield Button("Save (Ctrl+S)", id="save", variant="primary", compact=True)
                yield Button("Cancel (Esc)", id="cancel", compact=True)

    def _widget(self, field: Field, value: Any) -> Widget:
        if field.kind == "choice":
            first = field.choices[0][1]
            return InOrderSelect(
                field.choices, value=value or first, allow_blank=False, compact=True,
                id=field.name,
            )  # fmt: skip
        if field.kind == "bool":
            return InOrderCheckbox(field.placeholder, bool(value), compact=True, id=field.name)
        if field.kind == "long":
            area = TextArea(for_display(value or ""), compact=True, id=field.name, soft_wrap=True)
            area.placeholder = field.placeholder
            return area
        text = value.isoformat() if isinstance(value, date) else for_display(value or "")
        suggester = None
        if field.suggestions:
            suggester = SuggestFromList(field.suggestions, case_sensitive=False)
        return PlanInput(text, placeholder=field.placeholder, id=field.name, suggester=suggester)

    def on_mount(self) -> None:
        for field in self.query(PlanInput):
            field.on_enter = lambda _: self.focus_next()  # at once: see key_order
        self.query_one(f"#{self.fields[0].name}").focus()
        self._typed = self._raw()

    def _raw(self) -> dict[str, Any]:
        """Every field's value as the widget holds it (to tell if something was typed)."""
        raw: dict[str, Any] = {}
        for field in self.fields:
            widget = self.query_one(f"#{field.name}")
            raw[field.name] = widget.text if isinstance(widget, TextArea) else widget.value  # type: ignore[attr-defined]
        return raw

    def unsaved(self) -> Draft | None:
        """What was typed here and not saved, as a draft (None when nothing changed, and
        for a form that saves nothing to the plan, like the export's)."""
        if self.commit is None or not self.is_mounted or self._raw() == self._typed:
            return None
        values: dict[str, DraftValue] = {}
        for name, value in self._raw().items():
            plain = isinstance(value, str | bool | int) or value is None
            values[name] = value if plain else str(value)
        labels = {field.name: field.label for field in self.fields}
        return Draft("form", self.heading, date.today(), values, labels, key=self.draft_key)

    def restore(self, draft: Draft) -> None:
        """Put a draft's words back in the fields (what the person typed before)."""
        for field in self.fields:
            value = draft.values.get(field.name)
            widget = self.query_one(f"#{field.name}")
            if isinstance(widget, TextArea) and isinstance(value, str):
                widget.load_text(value)
            elif isinstance(widget, Input) and isinstance(value, str):
                widget.value = value
            elif isinstance(widget, Checkbox):
                widget.value = bool(value)
            elif isinstance(widget, Select) and value is not None:
                with suppress(InvalidSelectValueError):  # a choice gone since: keep the default
                    widget.value = value

    def values(self) -> tuple[Values, dict[str, str]]:
        """The clean values, and a message for each field that needs fixing."""
        values: Values = {}
        problems: dict[str, str] = {}
        for field in self.fields:
            widget = self.query_one(f"#{field.name}")
            if isinstance(widget, PlanInput):
                text = widget.clean_value
                if field.kind == "date":
                    try:
                        values[field.name] = parse_date(text)
                    except ValueError as error:
                        problems[field.name] = str(error)
                else:
                    values[field.name] = text
                empty = not text
            elif isinstance(widget, TextArea):
                values[field.name] = clean(widget.text).strip()
                empty = not values[field.name]
            else:
                values[field.name] = widget.value  # type: ignore[attr-defined]
                empty = False
            if empty and field.required:
                problems[field.name] = field.required
        return values, problems

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.focus_next()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "save":
            self.action_save()
        else:
            self.action_cancel()

    def _show_problems(self, problems: Mapping[str, str]) -> None:
        for field in self.fields:
            message = problems.get(field.name, "")
            error = self.query_one(f"#{field.name}-error", Static)
            error.update(Content(message))
            error.set_class(bool(message), "shown")
        first = next((f.name for f in self.fields if f.name in problems), None)
        if first:
            self.query_one(f"#{first}").focus()

    def action_save(self) -> None:
        """Dismiss with the values, or show at each field what to fix."""
        values = self._checked_values()
        if values is not None and self._saved(values):
            self.dismiss(values)

    def save_now(self) -> bool:
        """Save the words without closing (quitting): False, with the reasons shown, if not."""
        values = self._checked_values()
        return values is not None and self._saved(values)

    def _checked_values(self) -> Values | None:
        """The values when every field is right; else None, each problem shown at its field."""
        values, problems = self.values()
        if not problems and self.check is not None:
            try:
                self.check(values)
            except PlanError as error:
                name = error.path.split(".")[-1].split("[")[0]
                known = any(f.name == name for f in self.fields)
                problems[name if known else self.fields[0].name] = error.message
        self._show_problems(problems)
        return None if problems else values

    def _saved(self, values: Values) -> bool:
        """Save through the app when the form commits its own change; say so if it failed."""
        if self.commit is None:
            return True
        plan, done = self.commit(values)
        status = self.query_one("#form-status", Static)
        try:
            cast(PlanSaver, self.app).save_plan(plan, done)
        except StoreError as error:
            status.update(Content(f"Not saved: {error} Your words are still here."))
            status.set_class(True, "shown")
            return False
        return True

    def action_cancel(self) -> None:
        """Leave the form; ask first if something was typed."""
        if self._raw() == self._typed:
            self.dismiss(None)
            return

        def discard(yes: bool | None) -> None:
            if yes:
                self.dismiss(None)

        question = "Leave without saving your changes?"
        self.app.push_screen(ConfirmScreen(question, "Leave", "Keep editing"), discard)
