"""The sections of the Support tab (method.md, step 3)."""

from __future__ import annotations

import dataclasses
from datetime import date

from textual.binding import Binding
from textual.content import Content

from recovery_tui.method import ROLE_LABELS, SUPPORT_HINTS, TREATMENT_LABELS
from recovery_tui.model import (
    AvoidItem,
    Contact,
    CrisisLine,
    Meeting,
    Plan,
    Treatment,
)
from recovery_tui.screens.form import Field, Values
from recovery_tui.text import one_line
from recovery_tui.widgets.items_section import ItemsSection, ListSpec, choices, with_id


def _contact_row(c: Contact, plan: Plan) -> Content:
    crisis = " · ★ call in a crisis" if c.crisis else ""
    shared = f" · plan shared {c.plan_shared_on.isoformat()}" if c.plan_shared_on else ""
    phone = f" · {one_line(c.phone)}" if c.phone.strip() else ""
    return Content(f"{ROLE_LABELS[c.role]}: {one_line(c.name)}{phone}{crisis}{shared}")


CONTACTS = ListSpec(
    key="contacts",
    noun="contact",
    hint=SUPPORT_HINTS["contacts"],
    row=_contact_row,
    fields=lambda plan: [
        Field("name", "Name", placeholder="e.g. Alex", required="Please write a name."),
        Field("role", "Role", "choice", choices=choices(ROLE_LABELS)),
        Field("phone", "Phone", placeholder="e.g. 555-0100"),
        Field("email", "Email", placeholder="optional"),
        Field("when", "When", placeholder="when to reach them, e.g. any time"),
        Field("how_they_help", "How they help", placeholder="e.g. talks me through cravings"),
        Field("crisis", "In a crisis", "bool", placeholder="call them in a crisis"),
        Field(
            "plan_shared_on",
            "Plan shared",
            "date",
            placeholder="the date you shared your plan with them (optional)",
        ),
    ],
    build=with_id(Contact, "p", "contacts"),
    defaults={"role": "friend"},
    in_assessment=False,
)

MEETINGS = ListSpec(
    key="meetings",
    noun="meeting",
    hint=SUPPORT_HINTS["meetings"],
    row=lambda m, plan: Content(" · ".join(one_line(x) for x in (m.name, m.when, m.where) if x)),
    fields=lambda plan: [
        Field("name", "Meeting", placeholder="e.g. SMART Recovery", required="Please name it."),
        Field("when", "When", placeholder="e.g. Tue 19:00"),
        Field("where", "Where", placeholder="a place or a link, e.g. Library"),
    ],
    build=with_id(Meeting, "m", "meetings"),
    in_assessment=False,
)

AVOID = ListSpec(
    key="avoid",
    noun="person or place to keep a distance from",
    hint=SUPPORT_HINTS["avoid"],
    row=lambda v, plan: Content(one_line(v.text)),
    fields=lambda plan: [
        Field(
            "text",
            "Who or where",
            placeholder="e.g. The old crew at the pool hall",
            required="Please write who or where.",
        ),
    ],
    build=with_id(AvoidItem, "v", "avoid"),
    in_assessment=False,
)


def _treatment_row(r: Treatment, plan: Plan) -> Content:
    parts = [TREATMENT_LABELS[r.kind], one_line(r.detail), one_line(r.provider)]
    if r.next_date:
        late = " (passed)" if r.next_date < date.today() else ""
        parts.append(f"next {r.next_date.isoformat()}{late}")
    return Content(" · ".join(p for p in parts if p))


TREATMENT = ListSpec(
    key="treatment",
    noun="treatment",
    hint=SUPPORT_HINTS["treatment"],
    row=_treatment_row,
    fields=lambda plan: [
        Field("kind", "Kind", "choice", choices=choices(TREATMENT_LABELS)),
        Field("detail", "Detail", placeholder="e.g. Buprenorphine 8 mg; weekly CBT"),
        Field("provider", "Provider", placeholder="e.g. Dr. Lee"),
        Field("next_date", "Next date", "date", placeholder="e.g. 2027-02-01 (optional)"),
    ],
    build=with_id(Treatment, "r", "treatment"),
    in_assessment=False,
)


def _build_line(values: Values, old: CrisisLine | None, plan: Plan) -> CrisisLine:
    return CrisisLine(**values)


CRISIS_LINES = ListSpec(
    key="crisis_lines",
    noun="crisis line",
    hint=SUPPORT_HINTS["crisis_lines"],
    row=lambda c, plan: Content(
        f"{one_line(c.name)}: {one_line(c.how)}"
        + (f" · checked {c.verified.isoformat()}" if c.verified else "")
    ),
    fields=lambda plan: [
        Field(
            "name",
            "Name",
            placeholder="e.g. My clinic after hours",
            required="Please name the line.",
        ),
        Field(
            "how",
            "How",
            placeholder="how to reach it, e.g. 555-0199",
            required="Please write how to reach it.",
        ),
        Field("verified", "Checked", "date", placeholder="when you last checked it"),
    ],
    build=_build_line,
    defaults={"verified": date.today},
    in_assessment=False,
)


class ContactsSection(ItemsSection):
    """Contacts, with ``s`` to record "I shared my plan with them today"."""

    BINDINGS = [Binding("s", "change_shared", "Shared plan today", id="contacts.shared")]

    def __init__(self) -> None:
        super().__init__(CONTACTS)

    def action_change_shared(self) -> None:
        self.change_current(
            lambda c: dataclasses.replace(c, plan_shared_on=date.today()),
            lambda c: f"Noted: you shared your plan with {c.name} today.",
        )
