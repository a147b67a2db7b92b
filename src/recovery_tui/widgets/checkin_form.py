"""The daily check-in: under a minute from the keyboard, kind in its words.

Mood, craving and "used today?" take one key each and move on by themselves; HALT and the
person's own triggers toggle by key and Enter moves on; then three short lines of text.
Enter on the last line (or Ctrl+S anywhere) saves. Opening it again the same day edits
that day's check-in.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import cast

from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.message import Message
from textual.widgets import Input, Static

from recovery_tui.draft import Draft, DraftValue
from recovery_tui.messages import PlanChangeRequested, PlanSaver
from recovery_tui.method import CHECKIN_TEXTS as TEXTS
from recovery_tui.method import LAPSE_WORDS
from recovery_tui.model import CheckIn, Plan
from recovery_tui.progress import checkin_on, checkin_summary, record_checkin
from recovery_tui.read_only import refused, window_read_only
from recovery_tui.storage import StoreError
from recovery_tui.widgets.answer_rows import (
    AnswerRow,
    CravingRow,
    HaltRow,
    MoodRow,
    PickRow,
    TriggersRow,
    UsedRow,
)
from recovery_tui.widgets.fields import PlanInput
from recovery_tui.widgets.sections import Section

AREA_ASKED = "Which focus area was it? Press its number, so your days stay true (or later)."
AREA_WANTED = (
    "Your check-in is kept. When you are ready, add the focus area this was about "
    "(Assessment, key 1), so your days can be counted kindly."
)


class CheckInForm(Section):
    """Today's check-in; posts PlanChangeRequested when saved."""

    BINDINGS = [Binding("ctrl+s", "save", "Save check-in", id="checkin.save")]

    @dataclass
    class DebriefOffered(Message):
        """Use was recorded today: the app may gently offer the lapse debrief."""

        focus_area: str
        day: date

    @dataclass
    class AreaWanted(Message):
        """Use was saved on a plan with no focus area yet: the app may offer to add one."""

        day: date

    _loaded: tuple[object, ...] = ()
    _pending: tuple[Plan, str] | None = None  # a check-in sent to be saved, and its summary
    _asking_area = False  # use was saved without a focus area: "which one?" is asked now

    def compose(self) -> ComposeResult:
        yield Static(id="checkin-title", classes="checkin-title")
        # Right under the title: "Saved" and what to fix stay in sight however long the form.
        yield Static(Content(""), id="checkin-status", classes="checkin-status")
        yield MoodRow("Mood", id="mood")
        yield CravingRow("Craving now", id="craving")
        yield UsedRow("Used today?", id="used")
        yield PickRow("Which one?", id="focus_area")
        yield HaltRow("HALT", id="halt")
        yield TriggersRow("Triggers met", id="triggers_met")
        for name, label, placeholder in TEXTS:
            yield PlanInput(placeholder=f"{label}: {placeholder}", id=name)

    def on_mount(self) -> None:
        for row in self.query(AnswerRow):
            row.answered = self._answered
        locked = window_read_only(self)  # another window has the plan: typing is refused
        for name, _, _ in TEXTS:
            field = self.query_one(f"#{name}", PlanInput)
            field.on_enter, field.locked = self._entered, locked
        self.load(date.today())

    def watch_plan(self) -> None:
        """Take in a newer plan; reload today's answers only if nothing was changed here."""
        if not self.is_mounted:
            return
        saved, self._pending = self._pending, None
        if saved is not None and self.plan is saved[0]:  # this form's check-in is saved
            self.load(date.today())
            self._status(saved[1])
            if self._asking_area:  # saved; now, gently, which focus area it was
                self._show_area_row()
                self.screen.set_focus(self.query_one(PickRow))
        elif self._snapshot() == self._loaded:
            self.load(date.today())
        else:
            self._options()

    def _snapshot(self) -> tuple[object, ...]:
        """Every answer as the form holds it now."""
        rows = tuple(row.value for row in self.query(AnswerRow))
        return rows + tuple(self.query_one(f"#{n}", PlanInput).value for n, _, _ in TEXTS)

    def unsaved(self) -> Draft | None:
        """Today's answers as a draft, if the person changed anything since it was loaded."""
        if not self.is_mounted or self._snapshot() == self._loaded:
            return None
        values: dict[str, DraftValue] = {}
        for row in self.query(AnswerRow):
            value = row.value
            values[row.id or ""] = list(value) if isinstance(value, tuple) else value
        labels = {row.id or "": row.label for row in self.query(AnswerRow)}
        for name, label, _ in TEXTS:
            values[name] = self.query_one(f"#{name}", PlanInput).value
            labels[name] = label
        return Draft("checkin", "Today's check-in", date.today(), values, labels, key="checkin")

    def restore(self, draft: Draft) -> None:
        """Put a draft's answers back in the form (the person saves them as usual)."""
        rows = {row.id: row for row in self.query(AnswerRow)}
        for name, value in draft.values.items():
            if name in rows:
                rows[name].value = tuple(value) if isinstance(value, list) else value
            elif name in {n for n, _, _ in TEXTS} and isinstance(value, str):
                self.query_one(f"#{name}", PlanInput).value = value
        self._show_area_row()

    def _options(self) -> None:
        self.query_one(PickRow).options = tuple((a.id, a.name) for a in self.plan.focus_areas)
        self.query_one(TriggersRow).options = tuple(
            (str(n), t.id, t.text) for n, t in enumerate(self.plan.triggers[:9], start=1)
        )

    def load(self, day: date) -> None:
        """Fill the form from ``day``'s check-in (empty when there is none yet)."""
        self._options()
        old = checkin_on(self.plan, day)
        self.query_one(MoodRow).value = old.mood if old else None
        self.query_one(CravingRow).value = old.craving if old else None
        self.query_one(UsedRow).value = old.used if old else None
        self.query_one(PickRow).value = old.focus_area if old else None
        self.query_one(HaltRow).value = old.halt if old else ()
        self.query_one(TriggersRow).value = old.triggers_met if old else ()
        for name, _, _ in TEXTS:
            self.query_one(f"#{name}", PlanInput).value = getattr(old, name) if old else ""
        again = " (you checked in already today: this updates it)" if old else ""
        title = f"Check-in for {day.isoformat()}{again}"
        self.query_one("#checkin-title", Static).update(Content.styled(title, "bold"))
        self._show_area_row()
        self._loaded = self._snapshot()

    def _show_area_row(self) -> None:
        used = self.query_one(UsedRow).value is True
        self.query_one(PickRow).display = used and len(self.plan.focus_areas) > 1

    def focus_main(self) -> None:
        self.query_one(MoodRow).focus()

    def _answered(self, row: AnswerRow) -> None:
        """A one-key answer: move on at once (the next key of a burst goes to the next row)."""
        self._show_area_row()
        if row.id == "focus_area" and self._asking_area:  # the area, asked after saving
            self.action_save()
            return
        self._focus_after(row.id or "")

    def on_answer_row_answered(self, event: AnswerRow.Answered) -> None:
        event.stop()
        self._answered(event.row)

    def _entered(self, field: Input) -> None:
        """Enter in a text line: the next line, or on the last one save."""
        if field.id == TEXTS[-1][0]:
            self.action_save()
        else:
            self._focus_after(field.id or "")

    ORDER = ("mood", "craving", "used", "focus_area", "halt", "triggers_met",
             *(name for name, _, _ in TEXTS))  # fmt: skip

    def _focus_after(self, name: str) -> None:
        """Move to the next question that is shown ("which one?" only after a yes)."""
        following = self.ORDER[self.ORDER.index(name) + 1 :]
        for next_name in following:
            widget = self.query_one(f"#{next_name}")
            if widget.display:
                self.screen.set_focus(widget)  # now, not after the keys already sent
                return

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self._entered(event.input)

    def _new_plan(self) -> tuple[Plan, CheckIn, str] | None:
        """The plan with today's check-in, and the words to show once saved; None (and the
        status says what) while mood or craving is missing. Nothing else can stop it: use
        with no focus area known is saved too, and the area asked afterwards."""
        mood = self.query_one(MoodRow).value
        craving = self.query_one(CravingRow).value
        used = self.query_one(UsedRow).value is True
        areas = self.plan.focus_areas
        area = self.query_one(PickRow).value if len(areas) > 1 else (areas[0].id if areas else None)
        if mood is None or craving is None:
            missing = "your mood" if mood is None else "your craving"
            self._status(f"Almost there: press a key for {missing} first.")
            self.screen.set_focus(self.query_one(MoodRow if mood is None else CravingRow))
            return None
        texts = {name: self.query_one(f"#{name}", PlanInput).clean_value for name, _, _ in TEXTS}
        checkin = CheckIn(
            date=date.today(), mood=mood, craving=craving, used=used,
            focus_area=area if used else None, halt=tuple(self.query_one(HaltRow).value),
            triggers_met=tuple(self.query_one(TriggersRow).value), **texts,
        )  # fmt: skip
        plan = record_checkin(self.plan, checkin)
        lines = checkin_summary(plan, date.today())
        if used:
            lines.append(LAPSE_WORDS)
            if area is None:
                lines.append(AREA_ASKED if areas else AREA_WANTED)
        return plan, checkin, "\n".join(lines)

    @property
    def asking_area(self) -> bool:
        """Use was saved with no focus area, and the form asks which one it was."""
        return self._asking_area

    def _status(self, text: str) -> None:
        self.query_one("#checkin-status", Static).update(Content(text))

    def action_save(self) -> None:
        """Save today's check-in, or say what is still needed (or why it can't be)."""
        if refused(self):  # Enter on the last line, too, in a read-only window
            return
        made = self._new_plan()
        if made is None:
            return
        plan, checkin, summary = made
        self._asking_area = (
            checkin.used and checkin.focus_area is None and bool(self.plan.focus_areas)
        )
        self._pending = (plan, summary)  # shown once the app has saved it
        self.post_message(PlanChangeRequested(plan, ""))
        if checkin.used and checkin.focus_area:
            self.post_message(self.DebriefOffered(checkin.focus_area, checkin.date))
        elif checkin.used and not self.plan.focus_areas:
            self.post_message(self.AreaWanted(checkin.date))

    def save_now(self) -> bool:
        """Save at once through the app (quitting); False, with the reason shown, if not."""
        made = self._new_plan()
        if made is None:
            return False
        try:
            cast(PlanSaver, self.app).save_plan(made[0])
        except StoreError as error:
            self._status(f"Not saved: {error} Your answers are still here.")
            return False
        return True

    def summary_for(self, plan: Plan) -> str:
        return "\n".join(checkin_summary(plan, date.today()))
