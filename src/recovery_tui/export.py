"""Exports for each audience, as Markdown or as one self-contained, printable HTML page.

- ``full``: the whole written plan (the plan check, the app's list of what to add next,
  only when asked for).
- ``supporter``: a one-page card for a sponsor or family member, holding what the person
  chose (:mod:`recovery_tui.render_card`). No health, use history or check-ins.
- ``clinician``: laid out to map onto a treatment plan, and still a summary at ten years
  (:mod:`recovery_tui.render_clinician`).

User text is escaped for Markdown where it would start a construct (:mod:`recovery_tui.mdtext`)
and set apart for bidi; the HTML (:mod:`recovery_tui.render_html`) is rendered with raw HTML
off, loads nothing remote and carries a Content-Security-Policy.
"""

from __future__ import annotations

import errno
import os
from datetime import date, datetime
from pathlib import Path

from recovery_tui.mdtext import isolating
from recovery_tui.model import Plan
from recovery_tui.render import render_plan
from recovery_tui.render_card import supporter_card
from recovery_tui.render_clinician import MonthRow, clinician_summary, monthly_trends
from recovery_tui.render_html import CSP, html_page

__all__ = [
    "AUDIENCES",
    "CSP",
    "MonthRow",
    "clinician_summary",
    "export_html",
    "export_markdown",
    "export_text",
    "monthly_trends",
    "supporter_card",
    "write_private",
]

AUDIENCES = ("full", "supporter", "clinician")


def export_markdown(plan: Plan, audience: str, today: date, *, with_check: bool = False) -> str:
    """The plan for ``audience`` as Markdown (ValueError for an unknown audience: a typo
    must never give out the whole plan); ``with_check`` adds the plan check to the full plan.
    """
    if audience not in AUDIENCES:
        raise ValueError(f"unknown audience {audience!r}: one of {', '.join(AUDIENCES)}")
    with isolating():
        if audience == "supporter":
            return supporter_card(plan, today)
        if audience == "clinician":
            return clinician_summary(plan, today)
        return render_plan(plan, today, with_check=with_check)


def export_html(plan: Plan, audience: str, today: date, *, with_check: bool = False) -> str:
    """The plan for ``audience`` as one HTML page: printable, inert, nothing remote."""
    markdown = export_markdown(plan, audience, today, with_check=with_check)
    return html_page(markdown, f"Recovery plan ({audience})", card=audience == "supporter")


def export_text(
    plan: Plan, fmt: str, audience: str, now: datetime, *, with_check: bool = False
) -> str:
    """The export as text: exchange JSON (always the whole plan), Markdown or HTML;
    ``with_check`` adds the plan check to the full plan's Markdown or HTML."""
    if fmt == "json":
        if audience != "full":
            raise ValueError("JSON is always the whole plan; use md or html for an audience.")
        from recovery_tui.exchange import dumps, plan_to_data

        return dumps(plan_to_data(plan, now))
    render = export_html if fmt == "html" else export_markdown
    return render(plan, audience, now.date(), with_check=with_check)


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
