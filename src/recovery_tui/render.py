"""The written plan as Markdown (pure: no Textual, no files).

User text goes through :func:`md` so it is always shown literally: every ASCII
punctuation character is backslash-escaped (valid CommonMark), so a goal titled
``# [b]x[/b] <i>`` can never become a heading, a link, HTML or markup.
"""

from __future__ import annotations

import string
from datetime import date

from recovery_tui.insights import all_days_in_recovery, barc10_history, missing_smart_words
from recovery_tui.method import (
    AIM_LABELS,
    BARC10_CITATION,
    BARC10_NOTE,
    CHALLENGE_LABELS,
    STRENGTH_LABELS,
)
from recovery_tui.model import STATUS_LABELS, Goal, Plan, UseHistory
from recovery_tui.text import clean_line, for_display

_ESCAPES = str.maketrans({c: "\\" + c for c in string.punctuation})


def md(text: str) -> str:
    """Escape user text for Markdown; its line breaks stay line breaks.

    Leading blanks become character references (four spaces would start a code block),
    and trailing blank lines are dropped (a hard break ending a block shows as a backslash).
    """
    lines = for_display(text).rstrip().split("\n")
    return "\\\n".join(_md_line_start(line) for line in lines)


def _md_line_start(line: str) -> str:
    body = line.lstrip(" \t")
    indent = line[: len(line) - len(body)]
    return indent.replace(" ", "&#32;").replace("\t", "&#9;") + body.translate(_ESCAPES)


def md_line(text: str) -> str:
    """Escape user text for a one-line place such as a heading."""
    return md(clean_line(text))


def bold_name(name: str) -> str:
    """A name in bold; "(unnamed)" for a blank one (``****`` would be a rule)."""
    shown = md_line(name)
    return f"**{shown}**" if shown else "(unnamed)"


def render_plan(plan: Plan, today: date) -> str:
    """Return the whole written plan as Markdown, in the method's template order."""
    name = plan.profile.name
    title = f"My recovery plan: {md_line(name)}" if name else "My recovery plan"
    parts = [
        f"# {title}",
        f"*Written {today.isoformat()}.*",
        render_north_star(plan),
        render_focus_areas(plan, today),
        render_assessment(plan),
        render_goals(plan.goals),
    ]
    return "\n\n".join(part for part in parts if part) + "\n"


def render_north_star(plan: Plan) -> str:
    """The motivations marked as north star, first of all ("" when none is marked)."""
    latest = plan.latest_assessment()
    stars = [m.text for m in latest.motivations if m.north_star and md(m.text)] if latest else []
    if not stars:
        return ""
    return "\n\n".join(["## My north star", *(f"**{md(text)}**" for text in stars)])


def render_focus_areas(plan: Plan, today: date) -> str:
    """Each focus area with its aim, start and days in recovery."""
    if not plan.focus_areas:
        return ""
    lines = ["## Focus areas and days in recovery", ""]
    for days in all_days_in_recovery(plan, today):
        area = days.area
        aim = AIM_LABELS[area.aim].lower()
        lines.append(
            f"- {bold_name(area.name)}: {aim} since {area.since.isoformat()}; "
            f"this run {days.current} days, {days.total} days in all"
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


def render_goals(goals: tuple[Goal, ...]) -> str:
    """The Goals section: each goal's SMART parts, progress and milestones."""
    if not goals:
        return "## Goals\n\nNo goals yet. A first small, specific goal is a good start."
    return "\n\n".join(["## Goals", *(render_goal(goal) for goal in goals)])


def render_goal(goal: Goal) -> str:
    """One goal as a Markdown block."""
    status = STATUS_LABELS[goal.status]
    due = f", due {goal.due.isoformat()}" if goal.due else ""
    lines = [f"### {md_line(goal.title)}", "", f"*{status}{due}*", ""]
    parts = [
        ("Specific", goal.specific),
        ("Measurable", goal.measure),
        ("Achievable", goal.achievable),
        ("Relevant", goal.relevant),
    ]
    lines += [f"- **{label}:** {md(value)}" for label, value in parts if value.strip()]
    if goal.due:
        lines.append(f"- **Time-bound:** by {goal.due.isoformat()}")
    lacking = missing_smart_words(goal)
    if lacking:
        lines += ["", f"Still to add: {', '.join(lacking)}."]
    if goal.progress:
        lines += ["", "Progress:", ""]
        lines += [f"- {p.date.isoformat()}: {md(p.note)}" for p in goal.progress]
    if goal.milestones:
        lines += ["", "Milestones:", ""]
        for m in goal.milestones:
            mark = f"done {m.done.isoformat()}" if m.done else "to do"
            lines.append(f"- {md(m.text)} ({mark})")
    return "\n".join(lines)
