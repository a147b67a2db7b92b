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
from recovery_tui.screens.form import Field, FormScreen, Values
from recovery_tui.text import one_line
from recovery_tui.widgets.items_section import ItemsSection, ListSpec, choices, with_id

NAME_HINT = (
    "Your name heads your written plan and the support card you may share, so a supporter "
    "knows whose card it is. Leave it blank for no name."
)


def _contact_row(c: Contact, plan: Plan) -> Content:
    crisis = " · ★ call in a crisis" if c.crisis else ""
    card = " · on my card" if c.on_card and not c.crisis else ""
    shared = f" · plan shared {c.plan_shared_on.isoformat()}" if c.plan_shared_on else ""
    phone = f"{one_line(c.phone)} · " if c.phone.strip() else ""  # before the name: see helplines
    return Content(f"{ROLE_LABELS[c.role]}: {phone}{one_line(c.name)}{crisis}{card}{shared}")


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
            "on_card",
            "On my card",
            "bool",
            placeholder="on the support card I share",
            hint="People to call in a crisis are on it anyway; add others (your therapist, "
            "say) by choice.",
        ),
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
    """Contacts, with ``s`` to record "I shared my plan with them today" and ``n`` for the
    person's own name, which heads the plan and the support card."""

    BINDINGS = [
        Binding("s", "change_shared", "Shared plan today", id="contacts.shared"),
        Binding("n", "change_name", "Your name", id="contacts.name"),
    ]

    def __init__(self) -> None:
        super().__init__(CONTACTS)

    def action_change_shared(self) -> None:
        self.change_current(
            lambda c: dataclasses.replace(c, plan_shared_on=date.today()),
            lambda c: f"Noted: you shared your plan with {c.name} today.",
        )

    def action_change_name(self) -> None:
        """Write or change the person's name (blank: no name on the plan or the card)."""
        field = Field("name", "Your name", placeholder="e.g. Sam (optional)")

        def commit(values: Values) -> tuple[Plan, str]:
            profile = dataclasses.replace(self.plan.profile, name=values["name"])
            name = values["name"]
            done = f"Saved: your plan and card carry the name {name}." if name else "No name."
            return dataclasses.replace(self.plan, profile=profile), done

        start = {"name": self.plan.profile.name}
        self.app.push_screen(FormScreen("Your name", NAME_HINT, [field], start, commit=commit))
