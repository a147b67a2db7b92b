"""The list sections of the Assessment tab: what each shows and asks (method.md, step 1)."""

from __future__ import annotations

import dataclasses
from datetime import date
from typing import Any

from textual.binding import Binding
from textual.content import Content

from recovery_tui.method import AIM_LABELS, CHALLENGE_LABELS, SECTION_HINTS, STRENGTH_LABELS
from recovery_tui.model import (
    Challenge,
    FocusArea,
    Motivation,
    Plan,
    PlanError,
    Strength,
    UseHistory,
    new_id,
)
from recovery_tui.progress import days_short, recovery
from recovery_tui.screens.form import Field, Values
from recovery_tui.text import one_line
from recovery_tui.widgets.items_section import ItemsSection, ListSpec


def _focus_area_row(area: FocusArea, plan: Plan) -> Content:
    """ "Alcohol · Abstinence since 2026-01-10 · day 42", in the header's words for the days."""
    today = date.today()
    days = days_short(recovery(plan, area, today), today)
    aim = AIM_LABELS[area.aim]
    return Content(f"{one_line(area.name)} · {aim} since {area.since.isoformat()} · {days}")


def _build_focus_area(values: Values, old: FocusArea | None, plan: Plan) -> FocusArea:
    if values["since"] is None:
        raise PlanError("since", "When did you start? e.g. 2026-01-10")
    area_id = old.id if old else new_id("f", plan.focus_areas)
    return FocusArea(id=area_id, name=values["name"], aim=values["aim"], since=values["since"])


FOCUS_AREAS = ListSpec(
    key="focus_areas",
    noun="focus area",
    hint=SECTION_HINTS["focus_areas"],
    row=_focus_area_row,
    fields=lambda plan: [
        Field(
            "name",
            "Name",
            placeholder="e.g. Alcohol, Nicotine, Gambling",
            required="Please name the substance or behaviour.",
        ),
        Field("aim", "Aim", "choice", choices=tuple((v, k) for k, v in AIM_LABELS.items())),
        Field("since", "Since", "date", placeholder="the day you started, e.g. 2026-01-10"),
    ],
    build=_build_focus_area,
    values=dataclasses.asdict,
    in_assessment=False,
)


def _motivation_row(motivation: Motivation, plan: Plan) -> Content:
    star = "★ north star  " if motivation.north_star else ""
    return Content(f"{star}{one_line(motivation.text)}")


MOTIVATIONS = ListSpec(
    key="motivations",
    noun="motivation",
    hint=SECTION_HINTS["motivations"],
    row=_motivation_row,
    fields=lambda plan: [
        Field(
            "text",
            "Motivation",
            placeholder="e.g. Be there for my kids",
            required="Please write what drives you.",
        ),
        Field("north_star", "North star", "bool", placeholder="shown at the top of my plan"),
    ],
    build=lambda values, old, plan: Motivation(**values),
    values=dataclasses.asdict,
)


def _kind_row(labels: dict[str, str], text_field: str) -> Any:
    def row(item: Any, plan: Plan) -> Content:
        return Content(f"{labels[item.kind]}: {one_line(getattr(item, text_field))}")

    return row


CHALLENGES = ListSpec(
    key="challenges",
    noun="challenge",
    hint=SECTION_HINTS["challenges"],
    row=_kind_row(CHALLENGE_LABELS, "note"),
    fields=lambda plan: [
        Field("kind", "Kind", "choice", choices=tuple((v, k) for k, v in CHALLENGE_LABELS.items())),
        Field("note", "Note", placeholder="e.g. Most friends still drink"),
    ],
    build=lambda values, old, plan: Challenge(**values),
    values=dataclasses.asdict,
)

STRENGTHS = ListSpec(
    key="strengths",
    noun="strength",
    hint=SECTION_HINTS["strengths"],
    row=_kind_row(STRENGTH_LABELS, "text"),
    fields=lambda plan: [
        Field("kind", "Kind", "choice", choices=tuple((v, k) for k, v in STRENGTH_LABELS.items())),
        Field(
            "text",
            "Strength",
            placeholder="e.g. Steady job; my sister; Tuesday meeting",
            required="Please write the strength.",
        ),
    ],
    build=lambda values, old, plan: Strength(**values),
    values=dataclasses.asdict,
)


def _use_row(use: UseHistory, plan: Plan) -> Content:
    pattern = one_line(use.pattern) or "(pattern not written yet)"
    return Content(f"{one_line(plan.focus_area_name(use.focus_area))}: {pattern}")


USE_HISTORY = ListSpec(
    key="use_history",
    noun="use history",
    hint=SECTION_HINTS["use_history"],
    row=_use_row,
    fields=lambda plan: [
        Field(
            "focus_area",
            "Focus area",
            "choice",
            choices=tuple((one_line(a.name), a.id) for a in plan.focus_areas),
        ),
        Field("pattern", "Pattern", placeholder="how often, how much, when"),
        Field("since", "Since", placeholder="since when, e.g. my early twenties"),
        Field("last_use", "Last use", placeholder="e.g. 2026-01-09"),
        Field(
            "earlier_attempts",
            "Earlier",
            "long",
            placeholder="earlier attempts to stop or cut down, and treatment",
        ),
    ],
    build=lambda values, old, plan: UseHistory(**values),
    values=dataclasses.asdict,
    needs_focus_area=True,
)


class MotivationsSection(ItemsSection):
    """Motivations, with ``s`` to mark or unmark the north star."""

    BINDINGS = [Binding("s", "change_star", "North star", id="motivations.star")]

    def __init__(self) -> None:
        super().__init__(MOTIVATIONS)

    def action_change_star(self) -> None:
        self.change_current(
            lambda m: dataclasses.replace(m, north_star=not m.north_star),
            lambda m: "Marked as your north star." if m.north_star else "No longer a north star.",
        )
