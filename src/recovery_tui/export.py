"""Exports for each audience, as Markdown or as one self-contained, printable HTML page.

- ``full``: the whole written plan.
- ``supporter``: a one-page card for a sponsor or family member: warning signs and what to do,
  how to help, whom to call, crisis lines. No health, use history or check-ins.
- ``clinician``: laid out to map onto a treatment plan: focus areas and days, assessment
  highlights with BARC-10 totals over time, goals with their SMART parts, triggers and
  strategies, treatment, check-in trends by month, review history.

User text is escaped for Markdown (:mod:`recovery_tui.mdtext`); the HTML is rendered with raw
HTML off, loads nothing remote and carries a Content-Security-Policy.
"""

from __future__ import annotations

import errno
import html
import os
from collections import defaultdict
from datetime import date, datetime
from pathlib import Path

from recovery_tui.helplines import (
    NATIONAL_LINES,
    crisis_sheet,
    national_heading,
    person_name,
    reach,
)
from recovery_tui.mdtext import bold_name, md, md_line
from recovery_tui.method import REVIEW_KIND_LABELS
from recovery_tui.model import Plan
from recovery_tui.render import render_goals, render_plan
from recovery_tui.render_assessment import render_assessment, render_focus_areas
from recovery_tui.render_strategies import render_relapse_prevention, render_triggers
from recovery_tui.render_support import treatment_lines

AUDIENCES = ("full", "supporter", "clinician")
CSP = "default-src 'none'; style-src 'unsafe-inline'"
PRINT_CSS = """
body { font-family: Georgia, serif; max-width: 42em; margin: 2em auto; padding: 0 1em;
       line-height: 1.45; color: #111; }
h1 { font-size: 1.6em; } h2 { font-size: 1.3em; border-bottom: 1px solid #999; }
@media print { body { margin: 0; } }
"""
PAGE_BREAKS = "@media print { h2 { break-before: page; } h1 + p + h2 { break-before: auto; } }\n"


def export_markdown(plan: Plan, audience: str, today: date) -> str:
    """The plan for ``audience`` as Markdown (ValueError for an unknown audience: a typo
    must never give out the whole plan)."""
    if audience not in AUDIENCES:
        raise ValueError(f"unknown audience {audience!r}: one of {', '.join(AUDIENCES)}")
    if audience == "supporter":
        return supporter_card(plan, today)
    if audience == "clinician":
        return clinician_summary(plan, today)
    return render_plan(plan, today)


def export_html(plan: Plan, audience: str, today: date) -> str:
    """The plan for ``audience`` as one HTML page: printable, inert, nothing remote."""
    from markdown_it import MarkdownIt

    parser = MarkdownIt("commonmark", {"html": False}).enable("table")  # the month table
    body = parser.render(export_markdown(plan, audience, today))
    breaks = "" if audience == "supporter" else PAGE_BREAKS  # the card is one page
    title = html.escape(f"Recovery plan ({audience})")
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">\n'
        '<meta name="referrer" content="no-referrer">\n'
        f"<title>{title}</title>\n<style>{PRINT_CSS}{breaks}</style>\n</head>\n<body>\n"
        f"{body}</body>\n</html>\n"
    )


def _name_title(plan: Plan, what: str) -> str:
    name = plan.profile.name
    return f"# {what}: {md_line(name)}" if name.strip() else f"# {what}"


def supporter_card(plan: Plan, today: date) -> str:
    """A one-page card for a supporter: signs, how to help, whom to call, lines."""
    sheet = crisis_sheet(plan)
    blocks = [
        _name_title(plan, "Support card"),
        f"*Shared {today.isoformat()}. Thank you for being there.*",
    ]
    if sheet.warning_signs:
        lines = ["## Warning signs, and what I will do", ""]
        for sign, responses in sheet.warning_signs:
            lines.append(f"- {md(sign)}")
            lines += [f"  - {md(r)}" for r in responses]
        blocks.append("\n".join(lines))
    helpers = [c for c in plan.contacts if c.how_they_help.strip()]
    if helpers:
        lines = ["## How you can help", ""]
        lines += [f"- {bold_name(c.name)}: {md(c.how_they_help)}" for c in helpers]
        blocks.append("\n".join(lines))
    people = sheet.crisis_contacts + sheet.professionals
    if people:
        lines = ["## Whom to call", ""]
        lines += [f"- {md(person_name(p))}: {md(reach(p))}" for p in people]
        blocks.append("\n".join(lines))
    lines = ["## Crisis lines", ""]
    for name, how, verified in sheet.own_lines:
        checked = f" (checked {verified.isoformat()})" if verified else ""
        lines.append(f"- {md(name)}: {md(how)}{checked}")
    lines += ["", md(national_heading()), ""]
    lines += [f"- {md(name)}: {md(how)}" for name, how in NATIONAL_LINES]
    blocks.append("\n".join(lines))
    return "\n\n".join(blocks) + "\n"


def clinician_summary(plan: Plan, today: date) -> str:
    """A summary that maps onto a treatment plan (problems, goals, interventions, reviews)."""
    blocks = [
        _name_title(plan, "Clinician summary"),
        f"*Prepared {today.isoformat()} by the person.*",
    ]
    parts = (
        render_focus_areas(plan, today),
        render_assessment(plan),
        render_goals(plan.goals),
        render_triggers(plan),
        render_relapse_prevention(plan),
    )
    for part in parts:
        if part:
            blocks.append(part)
    if plan.treatment:
        blocks.append("\n".join(["## Treatment", "", *treatment_lines(plan)]))
    months = monthly_trends(plan)
    if months:
        lines = [
            "## Check-ins by month",
            "",
            "| Month | Check-ins | Mood (avg of 5) | Craving (avg of 10) | Days with use |",
            "|---|---|---|---|---|",
        ]
        lines += [
            f"| {m} | {n} | {mood} | {crave} | {used} |" for m, n, mood, crave, used in months
        ]
        blocks.append("\n".join(lines))
    if plan.reviews:
        lines = ["## Review history", ""]
        titles = {g.id: g.title for g in plan.goals}
        for review in sorted(plan.reviews, key=lambda r: r.date):
            kind = REVIEW_KIND_LABELS[review.kind].lower()
            lines.append(f"- {review.date.isoformat()}, {kind}")
            for change in review.goal_changes:
                title = titles.get(change.goal, "a goal since removed")
                lines.append(f"  - goal “{md_line(title)}”: {md(change.change)}")
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks) + "\n"


def monthly_trends(plan: Plan) -> list[tuple[str, int, float, float, int]]:
    """(month, check-ins, mood average, craving average, days with use), oldest first."""
    by_month: dict[str, list[tuple[int, int, bool]]] = defaultdict(list)
    for c in plan.checkins:
        by_month[f"{c.date.year:04d}-{c.date.month:02d}"].append((c.mood, c.craving, c.used))
    rows = []
    for month in sorted(by_month):
        entries = by_month[month]
        n = len(entries)
        mood = round(sum(e[0] for e in entries) / n, 1)
        craving = round(sum(e[1] for e in entries) / n, 1)
        rows.append((month, n, mood, craving, sum(e[2] for e in entries)))
    return rows


def export_text(plan: Plan, fmt: str, audience: str, now: datetime) -> str:
    """The export as text: exchange JSON (always the whole plan), Markdown or HTML."""
    if fmt == "json":
        if audience != "full":
            raise ValueError("JSON is always the whole plan; use md or html for an audience.")
        from recovery_tui.exchange import dumps, plan_to_data

        return dumps(plan_to_data(plan, now))
    render = export_html if fmt == "html" else export_markdown
    return render(plan, audience, now.date())


def write_private(path: Path, text: str) -> Path:
    """Write ``text`` as UTF-8 to ``path``, readable by the person alone (0600, also when the
    file was there before); return the file written.

    Atomic (a temp file in the same folder, fsynced, renamed over it), so a file being
    replaced is never cut short before the new one is whole. A symlink's target gets the
    export, as writing through it would. No folder is made: a missing one is a typo to
    report. Callers check the path first (:func:`recovery_tui.safe_paths.export_refusal`).
    """
    from recovery_tui.atomic import write_atomically

    target = path.expanduser().resolve()
    if not target.parent.is_dir():
        raise FileNotFoundError(errno.ENOENT, os.strerror(errno.ENOENT), str(target.parent))
    write_atomically(target, text.encode("utf-8"))
    return target
