"""The first-run guide: a short start for an empty plan, one skippable step at a time.

Five steps: what the app is and where the plan lives (with the person's name, if they
want it on their plan and the card they may share), a focus area, the north star, one
trigger with a strategy, one person to call. Each step is saved the moment it is done,
so quitting midway keeps it; Esc leaves the guide at once, without asking.
"""

from __future__ import annotations

import getpass
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date
from typing import Protocol, cast

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalGroup
from textual.content import Content
from textual.screen import ModalScreen
from textual.widget import Widget
from textual.widgets import Button, ContentSwitcher, Input, Label, Select, Static

from recovery_tui.messages import PlanSaver
from recovery_tui.method import AIM_LABELS, ROLE_LABELS, SECTION_HINTS
from recovery_tui.model import Contact, FocusArea, Motivation, Plan, PlanError, Trigger, new_id
from recovery_tui.screens.form import Field, Values, parse_date
from recovery_tui.storage import PlanStore, StoreError
from recovery_tui.text import for_display
from recovery_tui.widgets.fields import PlanInput

LAST_WORDS = "Your plan has a start. Press 6 for the Plan check: it lists what to add next."
LEAVE_WORDS = "You can add to your plan at any time. Press 6: the Plan check lists what to add."
CHOOSE = "Space or ↓ to choose"


class _GuideApp(PlanSaver, Protocol):
    """The app as the guide sees it: the plan, its store, and a save that may fail."""

    plan: Plan
    store: PlanStore


@dataclass(frozen=True)
class Step:
    """One step: ``build`` makes the new plan and the words to show once it is saved."""

    key: str
    title: str
    intro: str
    fields: tuple[Field, ...] = ()
    build: Callable[[Plan, Values, date], tuple[Plan, str]] | None = None
    start: tuple[tuple[str, str], ...] = ()  # the values a field starts with


def _name(plan: Plan, values: Values, today: date) -> tuple[Plan, str]:
    """The person's name on their plan (optional: the guide goes on without it)."""
    plan = replace(plan, profile=replace(plan.profile, name=values["name"]))
    return plan, f"Saved: your plan and your support card carry the name {values['name']}."


def _focus_area(plan: Plan, values: Values, today: date) -> tuple[Plan, str]:
    try:
        since = parse_date(values["since"])
    except ValueError as error:
        raise PlanError("since", str(error)) from None
    if since is None or since > today:  # None: the field is required
        raise PlanError("since", "That day is still to come: the day you started, or today.")
    area = FocusArea(new_id("f", plan.focus_areas), values["name"], values["aim"], since=since)
    words = f"Saved: {area.name}, {AIM_LABELS[area.aim].lower()} since {since.isoformat()}."
    return plan.with_item("focus_areas", area), words


def _north_star(plan: Plan, values: Values, today: date) -> tuple[Plan, str]:
    """A north-star motivation added to the latest assessment, or to a first one of today."""
    latest = plan.latest_assessment()
    stars = (*(latest.motivations if latest else ()), Motivation(values["text"], north_star=True))
    plan = plan.edit_assessment(latest, today, {"motivations": stars})
    return plan, "Saved: your north star heads your plan."


def _trigger(plan: Plan, values: Values, today: date) -> tuple[Plan, str]:
    trigger = Trigger(new_id("t", plan.triggers), values["text"], strategies=(values["how"],))
    return plan.with_item("triggers", trigger), "Saved: your trigger and what you will do."


def _person(plan: Plan, values: Values, today: date) -> tuple[Plan, str]:
    person = Contact(new_id("p", plan.contacts), values["name"], values["role"],
                     phone=values["phone"], crisis=True)  # fmt: skip
    return plan.with_item("contacts", person), f"Saved: {person.name}, to call in a crisis."


def guide_steps(path: str, user: str) -> tuple[Step, ...]:
    """The guide's steps, in the method's words (method.md)."""
    return (
        Step("welcome", "Welcome",
             "recovery-tui helps you write your own recovery plan: what drives you, what gets "
             "in the way, what helps, and whom to call. You are the author; the app only "
             f"guides.\n\nYour plan stays on this computer, in one file:\n  {path}\nIt is "
             f"readable by your user account ({user}) alone. The app has no network code and "
             "no telemetry: nothing leaves this machine unless you export or share it.\n\n"
             "Four short questions follow. Skip any of them, or leave the guide with Esc: "
             "everything can be written or changed later.",
             (Field("name", "Your name",
                    placeholder="optional: on your plan and the card you may share",
                    hint="A supporter then knows whose card it is. Change it on the Support "
                         "tab (n)."),),
             _name),
        Step("focus", "What you are working on",
             SECTION_HINTS["focus_areas"] + " Start with one; you can add more later.",
             (Field("name", "Name", placeholder="e.g. Alcohol, Nicotine, Gambling",
                    required="Please name the substance or behaviour."),
              Field("aim", "Aim", "choice", hint=CHOOSE,
                    choices=tuple((v, k) for k, v in AIM_LABELS.items())),
              Field("since", "Since", "date", placeholder="YYYY-MM-DD",
                    required="When did you start? Today is fine: write today's date.",
                    hint="The day you started (YYYY-MM-DD): today if you start now.")),
             _focus_area, (("since", date.today().isoformat()),)),
        Step("star", "Your north star",
             "What drives your change? Career, family, health, self-esteem... The one that "
             "matters most is your north star: it heads your plan.",
             (Field("text", "North star", placeholder="e.g. Be there for my kids",
                    required="Please write what drives you."),),
             _north_star),
        Step("trigger", "One trigger, and what you will do",
             "Triggers are people, places, things, emotions or situations that bring on an "
             "urge. Each one gets a specific strategy: what you will do when you meet it.",
             (Field("text", "Trigger", placeholder="e.g. Passing the bar on my way home",
                    required="Please write the trigger."),
              Field("how", "Strategy", placeholder="e.g. Take another route home every day",
                    required="What will you do when you meet it? One small step is enough.")),
             _trigger),
        Step("person", "Someone to call",
             "Having even one person you can reach in a hard moment makes a real difference. "
             "Who could that be? They will be on your crisis screen (F2).",
             (Field("name", "Name", placeholder="e.g. Alex", required="Please write a name."),
              Field("role", "Role", "choice", hint=CHOOSE,
                    choices=tuple((v, k) for k, v in ROLE_LABELS.items())),
              Field("phone", "Phone", placeholder="e.g. 555-0100",
                    required="How can you reach them? A phone number helps in a hard moment.")),
             _person, (("role", "friend"),)),
    )  # fmt: skip


def guide_wanted(plan: Plan, read_only: bool) -> bool:
    """An empty plan in a window that can save; a profile alone (the settings file's review
    rhythm) still counts as empty: the person has written nothing yet."""
    return not read_only and plan == Plan(profile=plan.profile)


class _Choice(Select[str]):
    """A Select where Enter moves on, as in the other fields (Space or Down opens it)."""

    BINDINGS = [Binding("enter", "screen.next_field", "Next field", show=False)]


class FirstRunScreen(ModalScreen[None]):
    """The guide: Enter moves on, Ctrl+S saves the step, Ctrl+N skips it, Esc leaves."""

    BINDINGS = [
        # Not priority (unlike the forms): keys typed just before reach the field first.
        Binding("ctrl+s", "save", "Save, go on", id="guide.save"),
        Binding("ctrl+n,f8", "skip", "Skip this step", key_display="Ctrl+N", id="guide.skip"),
        Binding("escape", "leave", "Leave the guide", id="guide.leave"),
    ]
    DEFAULT_CSS = """
    FirstRunScreen .intro { margin-bottom: 1; }
    FirstRunScreen #guide-status { display: none; &.-saved { display: block; color: $text-muted; }
                                   &.-problem { display: block; color: $error; } }
    """

    def __init__(self) -> None:
        super().__init__()
        self.steps: tuple[Step, ...] = ()
        self.index, self.step = 0, Step("", "", "")
        self._start: Values = {}

    @property
    def guide_app(self) -> _GuideApp:
        return cast(_GuideApp, self.app)

    def compose(self) -> ComposeResult:
        path = for_display(str(self.guide_app.store.path.absolute()))
        try:
            user = getpass.getuser()
        except (KeyError, OSError):  # a uid without a name: still this one account
            user = "yours"
        self.steps = guide_steps(path, for_display(user))
        with Vertical(classes="dialog form guide"):
            yield Static(id="guide-title", classes="title")
            with ContentSwitcher(initial="guide-welcome"):
                for step in self.steps:
                    with VerticalGroup(id=f"guide-{step.key}"):
                        yield Static(Content(step.intro), classes="intro")
                        for field in step.fields:
                            start = dict(step.start).get(field.name, "")
                            yield from self._row(f"guide-{step.key}-{field.name}", field, start)
            yield Static(Content(""), id="guide-status")  # (not .field-error: app CSS hides it)
            with Horizontal(classes="buttons"):
                for name, label in (("save", "Begin (Enter)"), ("skip", "Skip this step (Ctrl+N)"),
                                    ("leave", "Leave the guide (Esc)")):  # fmt: skip
                    yield Button(label, id=name, compact=True, action=f"screen.{name}")

    def _row(self, name: str, field: Field, start: str) -> ComposeResult:
        with Horizontal(classes=f"row {field.kind}"):
            yield Label(field.label, classes="field-label")
            if field.kind == "choice":
                yield _Choice(field.choices, value=start or field.choices[0][1], allow_blank=False,
                              compact=True, id=name)  # fmt: skip
            else:
                yield PlanInput(start, placeholder=field.placeholder, id=name)
        if field.hint:
            yield Static(Content(field.hint), classes="hint indent")

    def on_mount(self) -> None:
        for field in self.query(PlanInput):
            field.on_enter = lambda _: self.action_next_field()  # at once: see key_order
        self._show(0, "")

    def _widget(self, field: Field) -> PlanInput | Select[str]:
        return self.query_one(f"#guide-{self.step.key}-{field.name}")  # type: ignore[return-value]

    def _show(self, index: int, saved: str) -> None:
        """Show step ``index``, with ``saved`` (what the step before saved) under it."""
        self.index, self.step = index, self.steps[index]
        title = f"Step {index + 1} of {len(self.steps)} · {self.step.title}"
        self.query_one("#guide-title", Static).update(Content.styled(title, "bold"))
        self.query_one(ContentSwitcher).current = f"guide-{self.step.key}"
        self._status(saved, problem=False)
        welcome = self.step.key == "welcome"
        self.query_one("#save", Button).label = "Begin (Enter)" if welcome else "Save (Ctrl+S)"
        self.query_one("#skip").display = not welcome
        self._start = self.values()
        (self._widget(self.step.fields[0]) if self.step.fields else self.query_one("#save")).focus()

    def _status(self, message: str, *, problem: bool) -> None:
        """One line under the step: what was saved, or what to fix (in words, not colour)."""
        status = self.query_one("#guide-status", Static)
        status.update(Content(for_display(message)))
        status.set_class(bool(message) and problem, "-problem")
        status.set_class(bool(message) and not problem, "-saved")

    def action_next_field(self) -> None:
        """Enter in a field: on to the next one; on the last one, save the step."""
        fields: list[Widget] = [self._widget(f) for f in self.step.fields]
        if self.focused not in fields or self.focused is fields[-1]:
            self.action_save()
        else:
            self.set_focus(fields[fields.index(self.focused) + 1])

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_next_field()

    def values(self) -> Values:
        """The step's values as typed, without control characters or outer spaces."""
        widgets = {f.name: self._widget(f) for f in self.step.fields}
        return {k: w.value if isinstance(w, Select) else w.clean_value for k, w in widgets.items()}

    def action_save(self) -> None:
        """Save the step and go on (nothing typed: just go on); a problem names its field."""
        build = self.step.build
        values = self.values()
        if build is None or values == self._start:
            self._next("")
            return
        try:
            for field in self.step.fields:
                if field.required and not values[field.name]:
                    raise PlanError(field.name, field.required)
            plan, words = build(self.guide_app.plan, values, date.today())
        except PlanError as error:
            field = next((f for f in self.step.fields if f.name == error.path), self.step.fields[0])
            self._status(f"{field.label}: {error.message}", problem=True)
            self._widget(field).focus()
            return
        try:
            self.guide_app.save_plan(plan)
        except StoreError as error:
            self._status(f"Not saved: {error} Your words are still here.", problem=True)
            return
        self._next(words)

    def action_skip(self) -> None:
        """Leave this step unwritten and go on (its text is not saved)."""
        self._next("")

    def _next(self, saved: str) -> None:
        if self.index + 1 < len(self.steps):
            self._show(self.index + 1, saved)
        else:
            self.action_leave()

    def action_leave(self) -> None:
        """Esc (or the end): leave the guide; what was saved stays, nothing is asked."""
        plan = self.guide_app.plan
        words = LEAVE_WORDS if plan == Plan(profile=plan.profile) else LAST_WORDS
        self.app.notify(words, timeout=10, markup=False)
        self.dismiss(None)
