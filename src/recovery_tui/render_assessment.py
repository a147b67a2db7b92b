"""The written plan's north star, focus areas and self-assessment sections."""

from __future__ import annotations

from datetime import date

from recovery_tui.insights import barc10_history
from recovery_tui.mdtext import bold_name, md
from recovery_tui.method import (
    AIM_LABELS,
    BARC10_CITATION,
    BARC10_NOTE,
    CHALLENGE_LABELS,
    STRENGTH_LABELS,
)
from recovery_tui.model import Plan, UseHistory
from recovery_tui.progress import day_count, lapse_note, recovery, run_words


def render_north_star(plan: Plan) -> str:
    """The motivations marked as north star, first of all ("" when none is marked)."""
    latest = plan.latest_assessment()
    stars = [m.text for m in latest.motivations if m.north_star and md(m.text)] if latest else []
    if not stars:
        return ""
    return "\n\n".join(["## My north star", *(f"**{md(text)}**" for text in stars)])


def render_focus_areas(plan: Plan, today: date) -> str:
    """Each focus area with its aim, start and days in recovery; after a lapse, the sentence
    that says why the days in all are fewer than the days since the start."""
    if not plan.focus_areas:
        return ""
    lines = ["## Focus areas and days in recovery", ""]
    for area in plan.focus_areas:
        days = recovery(plan, area, today)
        aim = AIM_LABELS[area.aim].lower()
        note = lapse_note(days, today)
        lines.append(
            f"- {bold_name(area.name)}: {aim} since {area.since.isoformat()}; "
            f"this run {run_words(days, today)}, {day_count(days.total)} in all"
            + (f". {note}" if note else "")
        )
    return "\n".join(lines)


def render_assessment(plan: Plan) -> str:
    """The latest self-assessment, section by section (empty sections left out)."""
    latest = plan.latest_assessment()
    if latest is None:
        return ""
    blocks = [f"## Self-assessment ({latest.date.isoformat()})"]

    def section(title: str, lines: list[str]) -> None:
        if lines:
            blocks.append("\n".join([f"### {title}", "", *lines]))

    section("What drives me", [
        f"- {md(m.text)}{' (north star)' if m.north_star else ''}" for m in latest.motivations
    ])  # fmt: skip
    section("Challenges and barriers", [
        f"- {CHALLENGE_LABELS[c.kind]}: {md(c.note)}" for c in latest.challenges
    ])  # fmt: skip
    section("Strengths and recovery capital", [
        f"- {STRENGTH_LABELS[s.kind]}: {md(s.text)}"
        for kind in STRENGTH_LABELS
        for s in latest.strengths
        if s.kind == kind
    ])  # fmt: skip
    section("Recovery capital (BARC-10)", _barc10_lines(plan))
    for title, text in (
        ("Physical health", latest.physical_health),
        ("Mental health", latest.mental_health),
        ("Social circumstances", latest.social_circumstances),
    ):
        section(title, [md(text)] if md(text) else [])
    section("Use history", [_use_line(plan, use) for use in latest.use_history])
    return "\n\n".join(blocks)


def _barc10_lines(plan: Plan) -> list[str]:
    history = barc10_history(plan)
    if not history:
        return []
    last = history[-1]
    lines = [f"Total {last.total} of 60, taken {last.date.isoformat()}. {BARC10_NOTE}"]
    if len(history) > 1:
        earlier = ", ".join(f"{s.total} ({s.date.isoformat()})" for s in history)
        lines += ["", f"Over time: {earlier}."]
    lines += ["", f"*{BARC10_CITATION}*"]
    return lines


def _use_line(plan: Plan, use: UseHistory) -> str:
    name = next((a.name for a in plan.focus_areas if a.id == use.focus_area), use.focus_area)
    parts = [
        (label, value)
        for label, value in (
            ("pattern", use.pattern),
            ("since", use.since),
            ("last use", use.last_use),
            ("earlier attempts and treatment", use.earlier_attempts),
        )
        if value.strip()
    ]
    details = "; ".join(f"{label}: {md(value)}" for label, value in parts)
    return f"- {bold_name(name)}: {details}" if details else f"- {bold_name(name)}"
