"""The BARC-10 questionnaire: ten statements, one per line, answered with keys 1-6."""

from __future__ import annotations

from datetime import date

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from recovery_tui.insights import barc10_due, barc10_history, sparkline
from recovery_tui.messages import PlanChangeRequested
from recovery_tui.method import (
    BARC10_ANSWERS,
    BARC10_CITATION,
    BARC10_NOTE,
    BARC10_STATEMENTS,
    BARC10_THRESHOLD,
    SECTION_HINTS,
)
from recovery_tui.widgets.sections import Section

SCALE = " · ".join(f"{n} {label}" for n, label in enumerate(BARC10_ANSWERS, start=1))


class Barc10List(OptionList):
    """The ten statements; digits 1-6 answer the highlighted one (they do not switch tabs
    here) and move to the next."""

    BINDINGS = [
        Binding(str(n), f"answer({n})", BARC10_ANSWERS[n - 1], show=False, id=f"barc10.{n}")
        for n in range(1, 7)
    ]

    def action_answer(self, value: int) -> None:
        section = self.parent
        if isinstance(section, Barc10Section) and self.highlighted is not None:
            section.answer(self.highlighted, value)


class Barc10Section(Section):
    """Answers kept here until all ten are given; then saved with the assessment."""

    def __init__(self) -> None:
        super().__init__(id="section-barc10", classes="barc10-section")
        self.answers: list[int | None] = [None] * len(BARC10_STATEMENTS)
        self._shown_id: str | None = None

    def compose(self) -> ComposeResult:
        yield Barc10List(*(Option(self._row(i)) for i in range(len(BARC10_STATEMENTS))))
        with VerticalScroll(classes="barc10-notes"):
            yield Static(id="barc10-statement")
            yield Static(Content(f"Keys: {SCALE}"), classes="hint")
            yield Static(id="barc10-total")
            yield Static(id="barc10-history")
            yield Static(Content(BARC10_CITATION), classes="hint")

    def on_mount(self) -> None:
        self._load()

    def watch_assessment(self) -> None:
        if self.is_mounted:
            self._load()

    def watch_plan(self) -> None:
        if self.is_mounted:
            self._show_notes()

    def _load(self) -> None:
        """Take the answers of the shown assessment (when it is another one)."""
        new_id = self.assessment.id if self.assessment else None
        if new_id != self._shown_id or self.assessment is None:
            stored = self.assessment.barc10 if self.assessment else None
            self.answers = list(stored) if stored else [None] * len(BARC10_STATEMENTS)
            self._shown_id = new_id
        self._show_rows()
        self._show_notes()

    def _row(self, index: int) -> Content:
        """One statement on one line (cut with … to fit; the full text shows below)."""
        answer = self.answers[index]
        mark = str(answer) if answer else "·"
        row = Content(f"{index + 1:>2}. [{mark}] {BARC10_STATEMENTS[index]}")
        statements = self.query(Barc10List)
        width = statements.first().scrollable_content_region.width - 2 if statements else 0
        return row.truncate(width, ellipsis=True) if width > 10 else row

    def on_resize(self) -> None:
        self._show_rows()

    def _show_rows(self) -> None:
        statements = self.query_one(Barc10List)
        for index in range(len(BARC10_STATEMENTS)):
            statements.replace_option_prompt_at_index(index, self._row(index))

    def _show_notes(self) -> None:
        statements = self.query_one(Barc10List)
        index = statements.highlighted or 0
        answer = self.answers[index]
        answered = (
            f"your answer: {answer} {BARC10_ANSWERS[answer - 1]}" if answer else "not answered yet"
        )
        self.query_one("#barc10-statement", Static).update(
            Content(f"{index + 1}. {BARC10_STATEMENTS[index]} ({answered})")
        )
        given = [a for a in self.answers if a is not None]
        if len(given) == len(self.answers):
            total = sum(given)
            strong = " That is a strong base." if total >= BARC10_THRESHOLD else ""
            line = f"Total {total} of 60.{strong} {BARC10_NOTE}"
        elif not given:
            line = SECTION_HINTS["barc10"]
        else:
            line = f"{len(given)} of 10 answered. Your score is saved when all ten are done."
        self.query_one("#barc10-total", Static).update(Content(line))
        self.query_one("#barc10-history", Static).update(Content(self._history_line()))

    def _history_line(self) -> str:
        history = barc10_history(self.plan)
        due = barc10_due(self.plan, date.today())
        parts = []
        if history:
            totals = [s.total for s in history]
            numbers = " → ".join(str(t) for t in totals[-6:])
            parts.append(f"Over time: {sparkline(totals[-12:], 10, 60)} {numbers}")
        if due and not self.read_only:
            parts.append(f"{due} Press n on the tab for a new assessment.")
        return "\n".join(parts)

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        self._show_notes()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()

    def focus_main(self) -> None:
        self.query_one(Barc10List).focus()

    def answer(self, index: int, value: int) -> None:
        """Record ``value`` for statement ``index``; save once all ten are answered."""
        if self.read_only:
            self.app.notify("This is an earlier assessment: it is kept as it was.")
            return
        self.answers[index] = value
        statements = self.query_one(Barc10List)
        statements.replace_option_prompt_at_index(index, self._row(index))
        if index + 1 < len(self.answers):
            statements.highlighted = index + 1
        self._show_notes()
        if all(a is not None for a in self.answers):
            answers = tuple(a for a in self.answers if a is not None)
            plan = self.plan.edit_assessment(self.assessment, date.today(), {"barc10": answers})
            self.post_message(PlanChangeRequested(plan, f"BARC-10 saved: {sum(answers)} of 60."))
