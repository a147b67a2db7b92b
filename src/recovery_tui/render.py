"""The written plan as Markdown (pure: no Textual, no files).

User text goes through :func:`md` so it is always shown literally: every ASCII
punctuation character is backslash-escaped (valid CommonMark), so a goal titled
``# [b]x[/b] <i>`` can never become a heading, a link, HTML or markup.
"""

from __future__ import annotations

import string
from datetime import date

from recovery_tui.insights import missing_smart_words
from recovery_tui.model import STATUS_LABELS, Goal, Plan
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


def render_plan(plan: Plan, today: date) -> str:
    """Return the whole written plan as Markdown, in the method's template order."""
    name = plan.profile.name
    title = f"My recovery plan: {md_line(name)}" if name else "My recovery plan"
    parts = [f"# {title}", f"*Written {today.isoformat()}.*", render_goals(plan.goals)]
    return "\n\n".join(parts) + "\n"


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
