"""The written plan's support network and "When things get hard" sections."""

from __future__ import annotations

from recovery_tui.helplines import NATIONAL_LINES, calm_lines, crisis_sheet, national_heading, reach
from recovery_tui.mdtext import bold_name, md
from recovery_tui.method import ROLE_LABELS, TREATMENT_LABELS
from recovery_tui.model import Plan


def render_support(plan: Plan) -> str:
    """Contacts by role, meetings, treatment, and whom to keep a distance from."""
    blocks = []
    if plan.contacts:
        lines = ["### People who help me", ""]
        for role, label in ROLE_LABELS.items():
            for c in (c for c in plan.contacts if c.role == role):
                details = [md(x) for x in (c.phone, c.email) if x.strip()]
                if c.when.strip():
                    details.append(f"when: {md(c.when)}")
                if c.how_they_help.strip():
                    details.append(f"helps by: {md(c.how_they_help)}")
                if c.crisis:
                    details.append("call in a crisis")
                if c.plan_shared_on:
                    details.append(f"plan shared {c.plan_shared_on.isoformat()}")
                lines.append(f"- {label}: {bold_name(c.name)}" + "".join(f"; {d}" for d in details))
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
    blocks = ["## When things get hard", "\n\n".join(md(line) for line in calm_lines(sheet))]
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
            lines = [f"### {title}", ""]
            lines += [f"- {bold_name(p.name)}: {md(reach(p))}" for p in people]
            blocks.append("\n".join(lines))
    if sheet.own_lines:
        lines = ["### My crisis lines", ""]
        for name, how, verified in sheet.own_lines:
            checked = f" (checked {verified.isoformat()})" if verified else ""
            lines.append(f"- {md(name)}: {md(how)}{checked}")
        blocks.append("\n".join(lines))
    national = [f"- {md(name)}: {md(how)}" for name, how in NATIONAL_LINES]
    blocks.append("\n".join([f"### {md(national_heading())}", "", *national]))
    return "\n\n".join(blocks)
