"""Goals: SMART goals with status, due date, progress notes and milestones."""

from __future__ import annotations

import dataclasses
from datetime import date

from rich.cells import set_cell_size
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from recovery_tui.insights import missing_smart, missing_smart_words
from recovery_tui.messages import PlanChangeRequested
from recovery_tui.model import (
    STATUS_LABELS,
    Goal,
    Milestone,
    Plan,
    ProgressEntry,
    move,
    new_id,
)
from recovery_tui.read_only import refused
from recovery_tui.screens.confirm import ConfirmScreen
from recovery_tui.screens.form import Values
from recovery_tui.screens.goal_form import GoalFormScreen
from recovery_tui.screens.pick import PickScreen
from recovery_tui.screens.prompt import PromptScreen
from recovery_tui.tabs.base import PlanPane
from recovery_tui.text import for_display

EMPTY_HINT = (
    "No goals yet. Press a to add one: something specific and within reach, like "
    '"attend three support-group meetings a week for the next month".'
)
COLUMNS = f"{'Goal':<34} {'Status':<10} {'Due':<10}  SMART"


def goal_row(goal: Goal) -> Content:
    """One line of the goal list: title, status, due date and the SMART letters missing."""
    title = set_cell_size(for_display(goal.title).replace("\n", " "), 34)
    due = goal.due.isoformat() if goal.due else "no date"
    lacking = missing_smart(goal)
    smart = f"needs {' '.join(lacking)}" if lacking else "✓ complete"
    return Content(f"{title} {STATUS_LABELS[goal.status]:<10} {due:<10}  {smart}")


def goal_detail(goal: Goal) -> Content:
    """The highlighted goal in full, every user text shown literally."""
    lines = [Content.styled(for_display(goal.title), "bold")]
    for label, value in (
        ("Specific", goal.specific),
        ("Measurable", goal.measure),
        ("Achievable", goal.achievable),
        ("Relevant", goal.relevant),
    ):
        shown = for_display(value) if value else "(not written yet)"
        lines.append(Content.assemble((f"{label}: ", "bold"), shown))
    due = goal.due.isoformat() if goal.due else "(no target date yet)"
    lines.append(Content.assemble(("Time-bound: ", "bold"), due))
    lacking = missing_smart_words(goal)
    if lacking:
        lines.append(Content(f"Still to add: {', '.join(lacking)}."))
    if goal.progress:
        lines.append(Content.styled("Progress", "bold"))
        lines += [Content(f"  {p.date.isoformat()}  {for_display(p.note)}") for p in goal.progress]
    if goal.milestones:
        lines.append(Content.styled("Milestones", "bold"))
        lines += [milestone_line(m) for m in goal.milestones]
    return Content("\n").join(lines)


def milestone_line(milestone: Milestone) -> Content:
    """A milestone with a mark that is a symbol and a word, not colour alone."""
    state = f"✓ done {milestone.done.isoformat()}" if milestone.done else "○ to do"
    return Content(f"  {state}  {for_display(milestone.text)}")


class GoalsTab(PlanPane):
    """The goal list above, the highlighted goal below; every change saved at once."""

    BINDINGS = [
        Binding("a", "add", "Add", id="goals.add"),
        Binding("e", "edit", "Edit", id="goals.edit"),
        Binding("d,delete", "delete", "Delete", id="goals.delete"),
        Binding("p", "progress", "Progress", id="goals.progress"),
        Binding("m", "milestone", "Milestone", id="goals.milestone"),
        Binding("x", "tick", "Mark done", id="goals.tick"),
        Binding("K,shift+up", "move(-1)", "Up", show=False, id="goals.up"),
        Binding("J,shift+down", "move(1)", "Down", show=False, id="goals.down"),
    ]

    def __init__(self) -> None:
        super().__init__("Goals", id="goals")

    def compose(self) -> ComposeResult:
        yield Static(Content(EMPTY_HINT), id="goals-empty", classes="hint")
        yield Static(Content(COLUMNS), id="goal-columns", classes="columns")
        yield OptionList(id="goal-list")
        with VerticalScroll(id="goal-detail-box"):
            yield Static(id="goal-detail")

    def watch_plan(self) -> None:
        if self.is_shown_tab():
            self.show_goals()
        else:
            self.stale = True

    def on_show(self) -> None:
        if self.stale:
            self.show_goals()

    def show_goals(self) -> None:
        """Show the plan's goals, keeping the highlight on the same goal."""
        self.stale = False
        goals_list = self.query_one("#goal-list", OptionList)
        current = self.current_goal()
        goals_list.set_options(Option(goal_row(g), id=g.id) for g in self.plan.goals)
        ids = [g.id for g in self.plan.goals]
        if ids:
            keep = ids.index(current.id) if current and current.id in ids else None
            goals_list.highlighted = (
                keep if keep is not None else min(goals_list.highlighted or 0, len(ids) - 1)
            )
        self.set_class(not ids, "empty")
        self.show_detail()

    def current_goal(self) -> Goal | None:
        """The highlighted goal, if any."""
        goals_list = self.query_one("#goal-list", OptionList)
        index = goals_list.highlighted
        if index is None or index >= goals_list.option_count:
            return None
        option_id = goals_list.get_option_at_index(index).id
        return next((g for g in self.plan.goals if g.id == option_id), None)

    def show_detail(self) -> None:
        goal = self.current_goal()
        detail = goal_detail(goal) if goal else Content("")
        self.query_one("#goal-detail", Static).update(detail)

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        self.show_detail()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        if not refused(self):  # Enter edits, as e does (not in a read-only window)
            self.action_edit()

    def focus_main(self) -> None:
        """Put the keyboard on the goal list (used when the tab is opened by key)."""
        self.screen.set_focus(self.query_one("#goal-list", OptionList))  # now: see key_order

    def _save(self, goal: Goal, done: str) -> None:
        self.post_message(PlanChangeRequested(self.plan.with_goal(goal), done))

    def action_add(self) -> None:
        self._open_form(None)

    def action_edit(self) -> None:
        goal = self.current_goal()
        if goal is not None:
            self._open_form(goal)

    def _open_form(self, goal: Goal | None) -> None:
        goal_id = goal.id if goal else new_id("g", self.plan.goals)

        def commit(saved: Goal) -> tuple[Plan, str]:
            return self.plan.with_goal(saved), f"Saved the goal “{for_display(saved.title)}”."

        def done(values: Values | None) -> None:
            if values is not None:
                self.screen.set_focus(self.query_one("#goal-list", OptionList))

        form = GoalFormScreen(goal, goal_id, self.plan.motivations(), commit)
        self.app.push_screen(form, done)

    def action_move(self, step: int) -> None:
        """Move the highlighted goal up or down (the highlight stays on it)."""
        goal = self.current_goal()
        if goal is not None:
            index = self.plan.goals.index(goal)
            goals = move(self.plan.goals, index, step)
            self.post_message(PlanChangeRequested(self.plan.with_list("goals", goals), ""))

    def action_delete(self) -> None:
        goal = self.current_goal()
        if goal is None:
            return

        def answer(yes: bool | None) -> None:
            if yes:
                self.post_message(
                    PlanChangeRequested(self.plan.without_goal(goal.id), "Goal deleted.")
                )

        question = f"Delete the goal “{goal.title}” with its progress and milestones?"
        self.app.push_screen(ConfirmScreen(question, "Delete", "Keep it"), answer)

    def action_progress(self) -> None:
        goal = self.current_goal()
        if goal is None:
            return

        def add(note: str | None) -> None:
            if note:
                entry = ProgressEntry(date=date.today(), note=note)
                new = dataclasses.replace(goal, progress=(*goal.progress, entry))
                self._save(new, "Progress noted. Every step counts.")

        hint = "How is it going? e.g. 2 meetings this week"
        self.app.push_screen(PromptScreen("Progress note", hint), add)

    def action_milestone(self) -> None:
        goal = self.current_goal()
        if goal is None:
            return

        def add(text: str | None) -> None:
            if text:
                new = dataclasses.replace(goal, milestones=(*goal.milestones, Milestone(text)))
                self._save(new, "Milestone added.")

        hint = "A step on the way, e.g. First meeting"
        self.app.push_screen(PromptScreen("New milestone", hint), add)

    def action_tick(self) -> None:
        """Mark a milestone done today (or not done, if it was)."""
        goal = self.current_goal()
        if goal is None or not goal.milestones:
            self.app.notify("This goal has no milestones yet: press m to add one.")
            return

        def toggle(index: int | None) -> None:
            if index is None:
                return
            old = goal.milestones[index]
            done = None if old.done else date.today()
            milestones = list(goal.milestones)
            milestones[index] = dataclasses.replace(old, done=done)
            message = "Milestone reached. Well done!" if done else "Milestone marked not done."
            self._save(dataclasses.replace(goal, milestones=tuple(milestones)), message)

        choices = [milestone_line(m) for m in goal.milestones]
        self.app.push_screen(PickScreen("Mark a milestone done (or not)", choices), toggle)
