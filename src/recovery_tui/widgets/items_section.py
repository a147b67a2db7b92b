"""A section that is a list of plan items, with the same keys everywhere: ``a`` adds,
``e`` (or Enter) edits, ``d`` deletes (asking first), ``K``/``J`` move up and down.

An item may hold its own list of short texts (a trigger's strategies, a warning sign's
responses): they show below the main list for the highlighted item, Enter on the item
opens them, and the same keys work there.
"""

from __future__ import annotations

import dataclasses
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
from recovery_tui.model import Plan, move, new_id, remove_at, replace_at
from recovery_tui.read_only import refused
from recovery_tui.screens.confirm import ConfirmScreen
from recovery_tui.screens.form import Field, FormScreen, Values
from recovery_tui.text import for_display
from recovery_tui.widgets.sections import Section


@dataclass(frozen=True)
class ListSpec:
    """How one list of the plan is shown and edited.

    ``key`` names the list: a field of the shown assessment (``motivations``), or of the
    plan itself when ``in_assessment`` is false (``triggers``). ``build`` makes an item
    from form values (raising PlanError for a value to fix); ``values`` gives the form's
    starting values. ``children`` names an item's own list of texts, if it has one.
    """

    key: str
    noun: str
    hint: str
    row: Callable[[Any, Plan], Content]
    fields: Callable[[Plan], list[Field]]
    build: Callable[[Values, Any | None, Plan], Any]
    values: Callable[[Any], dict[str, Any]] = dataclasses.asdict
    in_assessment: bool = True
    needs_focus_area: bool = False  # an item that names a focus area (use history, a lapse)
    defaults: dict[str, Any] = dataclasses.field(default_factory=dict)  # a new item's values
    children: str = ""
    child_noun: str = ""
    child_placeholder: str = ""


def choices(labels: dict[str, str]) -> tuple[tuple[str, str], ...]:
    """A choice field's (label, value) pairs from a value -> label map."""
    return tuple((label, value) for value, label in labels.items())


def with_id(cls: type, prefix: str, key: str, *, dated: bool = False) -> Any:
    """A ``build`` for items that only need their id kept, or a new one made; ``dated``
    items left without a date get today's."""

    def build(values: Values, old: Any | None, plan: Plan) -> Any:
        if dated:
            values = {**values, "date": values["date"] or date.today()}
        if old is not None:
            return dataclasses.replace(old, **values)
        return cls(id=new_id(prefix, getattr(plan, key)), **values)

    return build


class ItemsSection(Section):
    """A list (and, for items that have them, their own sub-list) with the same keys."""

    BINDINGS = [
        Binding("a", "add", "Add", id="list.add"),
        Binding("e", "edit", "Edit", id="list.edit"),
        Binding("d,delete", "delete", "Delete", id="list.delete"),
        Binding("K,shift+up", "move(-1)", "Up", id="list.up"),
        Binding("J,shift+down", "move(1)", "Down", id="list.down"),
    ]

    def __init__(self, spec: ListSpec) -> None:
        nested = " nested" if spec.children else ""
        super().__init__(id=f"section-{spec.key}", classes=f"items-section{nested}")
        self.spec = spec
        # Where the highlight goes once the saved plan comes back down (after an add/move).
        self._want_item: int | None = None
        self._want_child: int | None = None

    def compose(self) -> ComposeResult:
        hint = f"{self.spec.hint}\n\nPress a to add one."
        yield Static(Content(hint), classes="hint section-hint")
        yield OptionList(classes="items")
        if self.spec.children:
            yield Static(classes="children-title")
            yield OptionList(classes="children")

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

    # --- reading -------------------------------------------------------------------------

    @property
    def items(self) -> tuple[Any, ...]:
        if not self.spec.in_assessment:
            return tuple(getattr(self.plan, self.spec.key))
        return tuple(getattr(self.assessment, self.spec.key)) if self.assessment else ()

    @property
    def item_list(self) -> OptionList:
        return self.query_one(".items", OptionList)

    @property
    def in_children(self) -> bool:
        """True when the keyboard is on the sub-list."""
        return bool(self.spec.children) and self.query_one(".children", OptionList).has_focus

    @property
    def current(self) -> int | None:
        index = self.item_list.highlighted
        return index if index is not None and index < len(self.items) else None

    def children_of(self, index: int | None) -> tuple[str, ...]:
        return () if index is None else tuple(getattr(self.items[index], self.spec.children))

    def refresh_items(self) -> None:
        """Show the list again, keeping the highlight where it was."""
        options = self.item_list
        keep = options.highlighted if self._want_item is None else self._want_item
        self._want_item = None
        options.set_options(Option(self.spec.row(item, self.plan)) for item in self.items)
        if self.items:
            options.highlighted = max(0, min(keep or 0, len(self.items) - 1))
        self.set_class(not self.items, "empty")
        self.refresh_children()

    def refresh_children(self) -> None:
        if not self.spec.children:
            return
        index = self.current
        children = self.query_one(".children", OptionList)
        keep = children.highlighted if self._want_child is None else self._want_child
        self._want_child = None
        texts = self.children_of(index)
        children.set_options(Option(Content(f"→ {for_display(t)}")) for t in texts)
        if texts:
            children.highlighted = max(0, min(keep or 0, len(texts) - 1))
        title = self.query_one(".children-title", Static)
        if index is None:
            title.update(Content(""))
        elif texts:
            title.update(Content(f"What I will do ({len(texts)}) · Enter on the item to edit them"))
        else:
            title.update(Content(f"No {self.spec.child_noun} yet: Enter, then a to add one."))

    def focus_main(self) -> None:
        self.item_list.focus()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Nothing in an earlier (read-only) assessment can be changed."""
        if action in ("add", "edit", "delete", "move") or action.startswith("change_"):
            return not (self.read_only and self.spec.in_assessment)
        return True

    # --- writing -------------------------------------------------------------------------

    def plan_with(self, items: tuple[Any, ...]) -> Plan:
        """The plan with this section's list as ``items``."""
        if self.spec.in_assessment:
            changes = {self.spec.key: items}
            return self.plan.edit_assessment(self.assessment, date.today(), changes)
        return self.plan.with_list(self.spec.key, items)

    def post_items(self, items: tuple[Any, ...], done: str) -> None:
        """Ask the app to save the list as ``items``."""
        self.post_message(PlanChangeRequested(self.plan_with(items), done))

    def change_current(self, change: Callable[[Any], Any], done: Callable[[Any], str]) -> None:
        """Save the highlighted item as ``change(item)``; ``done(new)`` says what happened."""
        index = self.current
        if index is not None:
            new = change(self.items[index])
            self.post_items(replace_at(self.items, index, new), done(new))

    def plan_with_children(self, texts: tuple[str, ...]) -> Plan:
        """The plan with the highlighted item's strategies (or responses) as ``texts``."""
        index = self.current
        if index is None:
            return self.plan
        item = dataclasses.replace(self.items[index], **{self.spec.children: texts})
        return self.plan_with(replace_at(self.items, index, item))

    def post_children(self, texts: tuple[str, ...], done: str) -> None:
        self.post_message(PlanChangeRequested(self.plan_with_children(texts), done))

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        if event.option_list is self.item_list:
            self.refresh_children()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option_list is self.item_list and self.spec.children:
            self.query_one(".children", OptionList).focus()  # Enter opens its own list
        elif self.check_action("edit", ()) and not refused(self):
            self.action_edit()

    def action_add(self) -> None:
        if self.spec.needs_focus_area and not self.plan.focus_areas:
            self.app.notify("Add a focus area first (Assessment, key 1), then this.")
            return
        if self.in_children:
            self._child_form(None)
        else:
            self._open_form(None)

    def action_edit(self) -> None:
        if self.in_children:
            index = self.query_one(".children", OptionList).highlighted
            if index is not None and index < len(self.children_of(self.current)):
                self._child_form(index)
        elif self.current is not None:
            self._open_form(self.current)

    def _open_form(self, index: int | None) -> None:
        old = None if index is None else self.items[index]
        verb = "New" if old is None else "Edit"
        if old is None:  # a default may be a function, such as date.today
            start = {k: v() if callable(v) else v for k, v in self.spec.defaults.items()}
        else:
            start = self.spec.values(old)

        def check(values: Values) -> None:
            self.spec.build(values, old, self.plan)

        def commit(values: Values) -> tuple[Plan, str]:
            item = self.spec.build(values, old, self.plan)
            items = (*self.items, item) if index is None else replace_at(self.items, index, item)
            self._want_item = len(items) - 1 if index is None else index
            return self.plan_with(items), f"Saved the {self.spec.noun}."

        def done(values: Values | None) -> None:
            if values is not None:
                self.focus_main()

        title = f"{verb} {self.spec.noun}"
        fields = self.spec.fields(self.plan)
        self.app.push_screen(FormScreen(title, self.spec.hint, fields, start, check, commit), done)

    def _child_form(self, child: int | None) -> None:
        texts = self.children_of(self.current)
        if self.current is None:
            return
        field = Field("text", self.spec.child_noun.capitalize(),
                      placeholder=self.spec.child_placeholder,
                      required="Please write what you will do.")  # fmt: skip
        start = {} if child is None else {"text": texts[child]}
        verb = "New" if child is None else "Edit"

        def commit(values: Values) -> tuple[Plan, str]:
            text = values["text"]
            new = (*texts, text) if child is None else replace_at(texts, child, text)
            self._want_child = len(new) - 1 if child is None else child
            return self.plan_with_children(new), f"Saved the {self.spec.child_noun}."

        title = f"{verb} {self.spec.child_noun}"
        self.app.push_screen(FormScreen(title, "", [field], start, commit=commit))

    def action_delete(self) -> None:
        children = self.in_children
        index = self.query_one(".children", OptionList).highlighted if children else self.current
        if index is None:
            return
        if children:
            texts = self.children_of(self.current)
            if index >= len(texts):
                return
            shown, noun = texts[index], self.spec.child_noun
        else:
            shown, noun = str(self.spec.row(self.items[index], self.plan)), self.spec.noun

        def answer(yes: bool | None) -> None:
            if not yes or index is None:
                return
            if children:
                self.post_children(remove_at(self.children_of(self.current), index), "Removed.")
            else:
                self.post_items(remove_at(self.items, index), f"Removed the {noun}.")

        question = f"Remove this {noun}?\n{shown.strip()}"
        self.app.push_screen(ConfirmScreen(question, "Remove", "Keep it"), answer)

    def action_move(self, step: int) -> None:
        """Move the highlighted item (or sub-item) up or down."""
        if self.in_children:
            children = self.query_one(".children", OptionList)
            texts, index = self.children_of(self.current), children.highlighted
            if index is None or not texts:
                return
            self._want_child = index + step
            self.post_children(move(texts, index, step), "")
        elif self.current is not None:
            index = self.current
            self._want_item = index + step
            self.post_items(move(self.items, index, step), "")
