"""A section that is a list of plan items: add, edit, delete (and more) by key."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from recovery_tui.messages import PlanChangeRequested
from recovery_tui.model import Plan, remove_at, replace_at
from recovery_tui.screens.confirm import ConfirmScreen
from recovery_tui.screens.form import Field, FormScreen, Values
from recovery_tui.widgets.sections import Section


@dataclass(frozen=True)
class ListSpec:
    """How one list of the plan is shown and edited.

    ``key`` names the list: a field of the shown assessment (``motivations``), or of the
    plan itself when ``in_assessment`` is false (``focus_areas``). ``build`` makes an item
    from form values (raising PlanError for a value to fix); ``values`` gives the form's
    starting values.
    """

    key: str
    noun: str
    hint: str
    row: Callable[[Any, Plan], Content]
    fields: Callable[[Plan], list[Field]]
    build: Callable[[Values, Any | None, Plan], Any]
    values: Callable[[Any], dict[str, Any]]
    in_assessment: bool = True


class ItemsSection(Section):
    """A list with a hint when empty; ``a`` adds, ``e``/Enter edits, ``d`` deletes."""

    BINDINGS = [
        Binding("a", "add", "Add", id="list.add"),
        Binding("e", "edit", "Edit", id="list.edit"),
        Binding("d,delete", "delete", "Delete", id="list.delete"),
    ]

    def __init__(self, spec: ListSpec) -> None:
        super().__init__(id=f"section-{spec.key}", classes="items-section")
        self.spec = spec

    def compose(self) -> ComposeResult:
        hint = f"{self.spec.hint}\n\nPress a to add one."
        yield Static(Content(hint), classes="hint section-hint")
        yield OptionList(classes="items")

    def on_mount(self) -> None:
        self.refresh_items()

    def watch_plan(self) -> None:
        if self.is_mounted:
            self.refresh_items()

    def watch_assessment(self) -> None:
        if self.is_mounted:
            self.refresh_items()

    def watch_read_only(self) -> None:
        self.refresh_bindings()

    @property
    def items(self) -> tuple[Any, ...]:
        if not self.spec.in_assessment:
            return tuple(getattr(self.plan, self.spec.key))
        return tuple(getattr(self.assessment, self.spec.key)) if self.assessment else ()

    def refresh_items(self) -> None:
        """Show the list again, keeping the highlight where it was."""
        options = self.query_one(OptionList)
        keep = options.highlighted
        options.set_options(Option(self.spec.row(item, self.plan)) for item in self.items)
        if self.items:
            options.highlighted = min(keep or 0, len(self.items) - 1)
        self.set_class(not self.items, "empty")

    def focus_main(self) -> None:
        self.query_one(OptionList).focus()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Nothing in an earlier (read-only) assessment can be changed."""
        if action in ("add", "edit", "delete") or action.startswith("change_"):
            return not (self.read_only and self.spec.in_assessment)
        return True

    @property
    def current(self) -> int | None:
        index = self.query_one(OptionList).highlighted
        return index if index is not None and index < len(self.items) else None

    def post_items(self, items: tuple[Any, ...], done: str) -> None:
        """Ask the app to save the list as ``items``."""
        if self.spec.in_assessment:
            changes = {self.spec.key: items}
            plan = self.plan.edit_assessment(self.assessment, date.today(), changes)
        else:
            plan = self.plan.with_list(self.spec.key, items)
        self.post_message(PlanChangeRequested(plan, done))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if self.check_action("edit", ()):
            self.action_edit()

    def action_add(self) -> None:
        self._open_form(None)

    def action_edit(self) -> None:
        if self.current is not None:
            self._open_form(self.current)

    def _open_form(self, index: int | None) -> None:
        old = None if index is None else self.items[index]
        verb = "New" if old is None else "Edit"
        start = {} if old is None else self.spec.values(old)

        def check(values: Values) -> None:
            self.spec.build(values, old, self.plan)

        def done(values: Values | None) -> None:
            if values is None:
                return
            item = self.spec.build(values, old, self.plan)
            items = (*self.items, item) if index is None else replace_at(self.items, index, item)
            self.post_items(items, f"Saved the {self.spec.noun}.")
            self.query_one(OptionList).highlighted = len(items) - 1 if index is None else index
            self.focus_main()

        form = FormScreen(f"{verb} {self.spec.noun}", self.spec.hint, self.spec.fields(self.plan),
                          start, check)  # fmt: skip
        self.app.push_screen(form, done)

    def action_delete(self) -> None:
        index = self.current
        if index is None:
            return

        def answer(yes: bool | None) -> None:
            if yes:
                self.post_items(remove_at(self.items, index), f"Removed the {self.spec.noun}.")

        shown = str(self.spec.row(self.items[index], self.plan)).strip()
        question = f"Remove this {self.spec.noun}?\n{shown}"
        self.app.push_screen(ConfirmScreen(question, "Remove", "Keep it"), answer)
