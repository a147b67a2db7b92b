"""The written plan's triggers, coping and self-care, relapse prevention, commitments and
plan check sections."""

from __future__ import annotations

from datetime import date

from recovery_tui.insights import plan_check
from recovery_tui.mdtext import bold_name, md, md_line
from recovery_tui.method import SELF_CARE_LABELS, TRIGGER_AREA_LABELS, TRIGGER_KIND_LABELS
from recovery_tui.model import Plan


def render_plan_check(plan: Plan, today: date | None = None) -> str:
    """The gaps to close on ``today``, in plain words ("" when there are none)."""
    gaps = plan_check(plan, today)
    if not gaps:
        return ""
    return "\n".join(["## Plan check: what to add next", "", *(f"- {md(g.message)}" for g in gaps)])


def render_triggers(plan: Plan) -> str:
    """Each trigger, strongest first, with what I will do when I meet it."""
    if not plan.triggers:
        return ""
    blocks = ["## Triggers and my strategies"]
    for trigger in sorted(plan.triggers, key=lambda t: -t.intensity):
        kind = TRIGGER_KIND_LABELS[trigger.kind].lower()
        area = TRIGGER_AREA_LABELS[trigger.area].lower()
        lines = [
            f"### {md_line(trigger.text)}",
            "",
            f"*{kind}, {area}; intensity {trigger.intensity} of 5*",
        ]
        if trigger.strategies:
            lines += ["", *(f"- {md(s)}" for s in trigger.strategies)]
        else:
            lines += ["", "No strategy yet."]
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks)


def render_coping_and_self_care(plan: Plan) -> str:
    """Coping skills with how I practise them, and self-care routines by area."""
    blocks = []
    if plan.coping_skills:
        lines = ["## Coping skills", ""]
        for skill in plan.coping_skills:
            practice = f": {md(skill.practice)}" if skill.practice.strip() else ""
            lines.append(f"- {bold_name(skill.name)}{practice}")
        blocks.append("\n".join(lines))
    if plan.self_care:
        lines = ["## Self-care", ""]
        for area, label in SELF_CARE_LABELS.items():
            lines += [f"- {label}: {md(s.commitment)}" for s in plan.self_care if s.area == area]
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks)


def render_relapse_prevention(plan: Plan) -> str:
    """Each warning sign, then what I will do."""
    if not plan.warning_signs:
        return ""
    blocks = ["## Relapse prevention: warning signs and what I will do"]
    for sign in plan.warning_signs:
        lines = [f"### {md_line(sign.sign)}", ""]
        lines += [f"- {md(r)}" for r in sign.responses] or ["No response yet."]
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks)


def render_commitments(plan: Plan) -> str:
    """Other promises to myself, with the consequence and who holds me to them."""
    if not plan.commitments:
        return ""
    lines = ["## Commitments", ""]
    for c in plan.commitments:
        extra = []
        if c.consequence.strip():
            extra.append(f"if not: {md(c.consequence)}")
        if c.accountable_to.strip():
            extra.append(f"held to it by {md(c.accountable_to)}")
        lines.append(f"- {md(c.text)}" + (f" ({'; '.join(extra)})" if extra else ""))
    return "\n".join(lines)
