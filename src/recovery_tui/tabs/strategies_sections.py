"""The sections of the Triggers & Strategies tab (method.md, step 2 but goals)."""

from __future__ import annotations

import dataclasses

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Static

from recovery_tui.insights import halt_steps, plan_check
from recovery_tui.method import (
    HALT_LABELS,
    SELF_CARE_LABELS,
    STRATEGY_HINTS,
    TRIGGER_AREA_LABELS,
    TRIGGER_KIND_LABELS,
)
from recovery_tui.model import (
    Commitment,
    CopingSkill,
    Plan,
    SelfCare,
    Trigger,
    WarningSign,
    new_id,
)
from recovery_tui.screens.form import Field, Values
from recovery_tui.text import for_display, one_line
from recovery_tui.widgets.items_section import ItemsSection, ListSpec, choices, with_id
from recovery_tui.widgets.sections import Section, TextBlockSection


def intensity_bar(intensity: int) -> str:
    """Intensity as a number and a bar, so it never rests on colour alone: ``4 ████░``."""
    return f"{intensity} {'█' * intensity}{'░' * (5 - intensity)}"


def _trigger_row(trigger: Trigger, plan: Plan) -> Content:
    count = len(trigger.strategies)
    plans = f"{count} strateg{'y' if count == 1 else 'ies'}" if count else "no strategy yet"
    kind = TRIGGER_KIND_LABELS[trigger.kind].lower()
    return Content(
        f"{intensity_bar(trigger.intensity)}  {one_line(trigger.text)} · {kind} · {plans}"
    )


def _build_trigger(values: Values, old: Trigger | None, plan: Plan) -> Trigger:
    fields = {**values, "intensity": int(values["intensity"])}
    if old is not None:
        return dataclasses.replace(old, **fields)
    return Trigger(id=new_id("t", plan.triggers), **fields)


TRIGGERS = ListSpec(
    key="triggers",
    noun="trigger",
    hint=STRATEGY_HINTS["triggers"],
    row=_trigger_row,
    fields=lambda plan: [
        Field(
            "text",
            "Trigger",
            placeholder="e.g. Passing the bar on my way home",
            required="Please write the trigger.",
        ),
        Field("kind", "Kind", "choice", choices=choices(TRIGGER_KIND_LABELS)),
        Field("area", "Area", "choice", choices=choices(TRIGGER_AREA_LABELS)),
        Field(
            "intensity",
            "Intensity",
            "choice",
            choices=tuple((intensity_bar(n), str(n)) for n in range(1, 6)),
        ),
    ],
    build=_build_trigger,
    values=lambda t: {**dataclasses.asdict(t), "intensity": str(t.intensity)},
    defaults={"intensity": "3"},
    in_assessment=False,
    children="strategies",
    child_noun="strategy",
    child_placeholder="e.g. Take another route home every day",
)


COPING_SKILLS = ListSpec(
    key="coping_skills",
    noun="coping skill",
    hint=STRATEGY_HINTS["coping_skills"],
    row=lambda s, plan: Content(
        f"{one_line(s.name)} · {one_line(s.practice) or 'how to practise?'}"
    ),
    fields=lambda plan: [
        Field("name", "Skill", placeholder="e.g. Box breathing", required="Please name the skill."),
        Field(
            "practice",
            "Practice",
            placeholder="how you will learn or practise it, e.g. 5 minutes each morning",
        ),
    ],
    build=with_id(CopingSkill, "c", "coping_skills"),
    in_assessment=False,
)

SELF_CARE = ListSpec(
    key="self_care",
    noun="self-care routine",
    hint=STRATEGY_HINTS["self_care"],
    row=lambda s, plan: Content(f"{SELF_CARE_LABELS[s.area]}: {one_line(s.commitment)}"),
    fields=lambda plan: [
        Field("area", "Area", "choice", choices=choices(SELF_CARE_LABELS)),
        Field(
            "commitment",
            "Commitment",
            placeholder="e.g. In bed by 11 pm to get eight hours of sleep",
            required="Please write the commitment.",
        ),
    ],
    build=with_id(SelfCare, "s", "self_care"),
    in_assessment=False,
)


def _sign_row(sign: WarningSign, plan: Plan) -> Content:
    count = len(sign.responses)
    plans = f"{count} response{'' if count == 1 else 's'}" if count else "no response yet"
    return Content(f"{one_line(sign.sign)} · {plans}")


WARNING_SIGNS = ListSpec(
    key="warning_signs",
    noun="warning sign",
    hint=STRATEGY_HINTS["warning_signs"],
    row=_sign_row,
    fields=lambda plan: [
        Field(
            "sign",
            "Warning sign",
            placeholder="e.g. Skipping meetings",
            required="Please write the warning sign.",
        ),
    ],
    build=with_id(WarningSign, "w", "warning_signs"),
    in_assessment=False,
    children="responses",
    child_noun="response",
    child_placeholder="e.g. Call my sponsor",
)


def _commitment_row(c: Commitment, plan: Plan) -> Content:
    held = f" · held by {one_line(c.accountable_to)}" if c.accountable_to.strip() else ""
    return Content(f"{one_line(c.text)}{held}")


COMMITMENTS = ListSpec(
    key="commitments",
    noun="commitment",
    hint=STRATEGY_HINTS["commitments"],
    row=_commitment_row,
    fields=lambda plan: [
        Field(
            "text",
            "Commitment",
            placeholder="e.g. Volunteer monthly",
            required="Please write the commitment.",
        ),
        Field("consequence", "Consequence", placeholder="optional: a consequence you set"),
        Field("accountable_to", "Held by", placeholder="optional: who holds you to it"),
    ],
    build=with_id(Commitment, "k", "commitments"),
    in_assessment=False,
)


class TriggersSection(ItemsSection):
    """Triggers with their strategies; ``i`` puts the strongest first."""

    BINDINGS = [Binding("i", "change_sort", "Strongest first", id="triggers.sort")]

    def __init__(self) -> None:
        super().__init__(TRIGGERS)

    def action_change_sort(self) -> None:
        ordered = tuple(sorted(self.items, key=lambda t: -t.intensity))
        self.post_items(ordered, "Sorted: strongest first.")


class HaltSection(Section):
    """HALT: mark Hungry, Angry, Lonely, Tired; see the person's own steps for each."""

    can_focus = True
    BINDINGS = [
        Binding(key[0], f"mark('{key}')", label, id=f"halt.{key}")
        for key, label in HALT_LABELS.items()
    ]

    def __init__(self) -> None:
        super().__init__(id="section-halt", classes="halt-section")
        self.marked: list[str] = []

    def compose(self) -> ComposeResult:
        yield Static(Content(STRATEGY_HINTS["halt"]), classes="hint")
        yield Static(id="halt-states")
        with VerticalScroll():
            yield Static(id="halt-steps")

    def on_mount(self) -> None:
        self.show()

    def watch_plan(self) -> None:
        if self.is_mounted:
            self.show()

    def action_mark(self, state: str) -> None:
        if state in self.marked:
            self.marked.remove(state)
        else:
            self.marked.append(state)
        self.show()

    def show(self) -> None:
        marks = "   ".join(
            f"[{'x' if key in self.marked else ' '}] {label}" for key, label in HALT_LABELS.items()
        )
        self.query_one("#halt-states", Static).update(Content(marks))
        states = [key for key in HALT_LABELS if key in self.marked]
        lines = []
        for step in halt_steps(self.plan, states):
            label = HALT_LABELS.get(step.state, "Your coping skills")
            lines.append(f"{label}: {one_line(step.text)}")
        if states and not self.plan.coping_skills:
            lines.append("Add coping skills (the section above) and they will show here.")
        self.query_one("#halt-steps", Static).update(Content("\n".join(lines)))


class GapsSection(TextBlockSection):
    """A tab's part of the plan check: the gaps to close, in kind words."""

    def __init__(self, tab: str) -> None:
        super().__init__(id="section-gaps", classes="gaps-section")
        self.tab = tab

    def lines(self) -> list[str]:
        gaps = [gap for gap in plan_check(self.plan) if gap.tab == self.tab]
        if not gaps:
            return ["Nothing to close here."]
        return "\n\n".join(f"• {for_display(gap.message)}" for gap in gaps).split("\n")
