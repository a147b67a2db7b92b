"""The written plan's support network and "When things get hard" sections.

A phone number or email comes before the name it belongs to (``555-0100 · **Alex**``) and
is never set apart by invisible marks: see :mod:`recovery_tui.helplines`.
"""

from __future__ import annotations

from recovery_tui.helplines import (
    CALM_LINE,
    NATIONAL_LINES,
    NO_NUMBER,
    Person,
    crisis_sheet,
    national_heading,
    reach_text,
)
from recovery_tui.mdtext import bold_name, escape_line, md, md_line, md_reach
from recovery_tui.method import ROLE_LABELS, TREATMENT_LABELS
from recovery_tui.model import Contact, CrisisLine, Plan


def numbers(phone: str, email: str) -> str:
    """``555-0100 · a@example.org`` ("" when neither is written)."""
    return " · ".join(md_reach(x) for x in (phone, email) if reach_text(x))


def numbers_then(phone: str, email: str, after: str) -> str:
    """``555-0100 · a@example.org · after``: the numbers first, then what names them."""
    found = numbers(phone, email)
    return f"{found} · {after}" if found else after


def person_entry(person: Person | Contact) -> str:
    """A person to call as Markdown: number first, or the name and "no number yet"."""
    name = bold_name(person.name)
    found = numbers(person.phone, person.email)
    return f"{found} · {name}" if found else f"{name}: {NO_NUMBER}"


def line_entry(line: CrisisLine) -> str:
    """One of the person's own crisis lines: how to reach it, then its name."""
    checked = f" (checked {line.verified.isoformat()})" if line.verified else ""
    name = md_line(line.name) or "(unnamed)"
    how = md_reach(line.how)
    return (f"{how} · {name}" if how else name) + checked


def render_support(plan: Plan) -> str:
    """Contacts by role, meetings, treatment, and whom to keep a distance from."""
    blocks = []
    if plan.contacts:
        lines = ["### People who help me", ""]
        for role, label in ROLE_LABELS.items():
            for c in (c for c in plan.contacts if c.role == role):
                details = []
                if c.when.strip():
                    details.append(f"when: {md(c.when)}")
                if c.how_they_help.strip():
                    details.append(f"helps by: {md(c.how_they_help)}")
                if c.crisis:
                    details.append("call in a crisis")
                if c.on_card:
                    details.append("on my card")
                if c.plan_shared_on:
                    details.append(f"plan shared {c.plan_shared_on.isoformat()}")
                who = numbers_then(c.phone, c.email, bold_name(c.name))
                lines.append(f"- {label}: {who}" + "".join(f"; {d}" for d in details))
        blocks.append("\n".join(lines))
    if plan.meetings:
        lines = ["### Meetings", ""]
        lines += [
            f"- {bold_name(m.name)}" + "".join(f"; {md(x)}" for x in (m.when, m.where) if x.strip())
            for m in plan.meetings
        ]
        blocks.append("\n".join(lines))
    if plan.treatment:
        blocks.append("\n".join(["### Treatment", "", *treatment_lines(plan)]))
    if plan.avoid:
        lines = ["### People and places I keep a distance from", ""]
        lines += [f"- {md(v.text)}" for v in plan.avoid]
        blocks.append("\n".join(lines))
    if not blocks:
        return ""
    return "\n\n".join(["## Support network", *blocks])


def treatment_lines(plan: Plan) -> list[str]:
    """One list line per treatment: kind, detail, provider, next date."""
    lines = []
    for r in plan.treatment:
        parts = [md(x) for x in (r.detail, r.provider) if x.strip()]
        if r.next_date:
            parts.append(f"next {r.next_date.isoformat()}")
        lines.append(f"- {TREATMENT_LABELS[r.kind]}" + "".join(f"; {p}" for p in parts))
    return lines


def render_when_things_get_hard(plan: Plan) -> str:
    """The crisis screen as a section: signs, coping steps, people, lines."""
    sheet = crisis_sheet(plan)
    calm = [CALM_LINE]
    if sheet.crisis_contacts:
        first = sheet.crisis_contacts[0]
        name = md_line(first.name) or "(unnamed)"
        found = numbers(first.phone, first.email)
        who = f"{found} ({name})" if found else f"{name} {NO_NUMBER}"
        calm.append(f"If you need someone now: {who}.")
    blocks = ["## When things get hard", "\n\n".join(calm)]
    if sheet.warning_signs:
        lines = ["### My warning signs, and what I will do", ""]
        for sign, responses in sheet.warning_signs:
            lines.append(f"- {md(sign)}")
            lines += [f"  - {md(r)}" for r in responses]
        blocks.append("\n".join(lines))
    if sheet.coping:
        blocks.append("\n".join(["### Coping steps", "", *(f"- {md(s)}" for s in sheet.coping)]))
    for title, people in (("People to call", sheet.crisis_contacts),
                          ("Professionals", sheet.professionals)):  # fmt: skip
        if people:
            blocks.append(
                "\n".join([f"### {title}", "", *(f"- {person_entry(p)}" for p in people)])
            )
    if plan.crisis_lines:
        lines = [
            "### My crisis lines",
            "",
            *(f"- {line_entry(line)}" for line in plan.crisis_lines),
        ]
        blocks.append("\n".join(lines))
    blocks.append(national_lines("###"))
    return "\n\n".join(blocks)


def national_lines(level: str) -> str:
    """The national lines under their heading (our words: escaped, never set apart, so the
    numbers in them copy as written)."""
    lines = [f"- {escape_line(name)}: {escape_line(how)}" for name, how in NATIONAL_LINES]
    return "\n".join([f"{level} {escape_line(national_heading())}", "", *lines])
