"""The clinician summary's history: the last twelve months in full, older ones summed up.

Lapses with their debriefs, check-ins by month (days with use counted from lapses as well
as check-ins: a day counts once) and the recent periodic reviews with their answers. Lists,
not tables: plain CommonMark renderers have no tables.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import date
from typing import NamedTuple

from recovery_tui.mdtext import counted, md_line
from recovery_tui.method import REVIEW_KIND_LABELS
from recovery_tui.model import Plan
from recovery_tui.render_review import lapse_line, review_lines

MONTHS = 12  # the recent history shown month by month
REVIEWS_SHOWN = 6  # the latest reviews of those months, with their answers


class MonthRow(NamedTuple):
    """One month of check-ins (averages None when there were none) and days with use."""

    month: str
    checkins: int
    mood: float | None
    craving: float | None
    days_with_use: int


def window_start(today: date) -> date:
    """The first day of the month eleven months before ``today``'s: twelve months in all."""
    months = today.year * 12 + today.month - 1 - (MONTHS - 1)
    return date(months // 12, months % 12 + 1, 1)


def monthly_trends(plan: Plan) -> list[MonthRow]:
    """Every month with a check-in or a lapse, oldest first: check-ins, mood and craving
    averages, and days with use (from a check-in or a lapse; a day counts once)."""
    by_month: dict[str, list[tuple[int, int]]] = defaultdict(list)
    used: dict[str, set[date]] = defaultdict(set)
    for c in plan.checkins:
        by_month[_month(c.date)].append((c.mood, c.craving))
        if c.used:
            used[_month(c.date)].add(c.date)
    for lapse in plan.lapses:
        used[_month(lapse.date)].add(lapse.date)
    return [
        MonthRow(m, len(by_month[m]), *_averages(by_month[m]), len(used[m]))
        for m in sorted(set(by_month) | set(used))
    ]


def render_lapses(plan: Plan, since: date) -> str:
    """The lapses since ``since`` with their debriefs, oldest first; earlier ones counted."""
    if not plan.lapses:
        return ""
    ordered = sorted(plan.lapses, key=lambda x: x.date)
    recent = [x for x in ordered if x.date >= since]
    earlier = ordered[: len(ordered) - len(recent)]
    lines = [f"## Lapses since {since.isoformat()}", ""]
    lines += [lapse_line(plan, x) for x in recent] or ["- None."]
    if earlier:
        areas: dict[str, int] = defaultdict(int)
        for x in earlier:
            areas[md_line(plan.focus_area_name(x.focus_area))] += 1
        by_area = ", ".join(f"{name} {n}" for name, n in areas.items())
        span = _span(earlier[0].date, earlier[-1].date)
        lines += ["", f"Earlier: {counted(len(earlier), 'lapse')}, {span} ({by_area})."]
    return "\n".join(lines)


def render_months(plan: Plan, since: date, today: date) -> str:
    """Each month from ``since`` (or the first one with data) to ``today``'s, then one line
    for everything before."""
    rows = monthly_trends(plan)
    if not rows:
        return ""
    known = {row.month: row for row in rows}
    lines = ["## Check-ins by month", ""]
    day = max(since, date(int(rows[0].month[:4]), int(rows[0].month[5:]), 1))
    while day <= today:
        row = known.get(_month(day), MonthRow(_month(day), 0, None, None, 0))
        lines.append(f"- {row.month}: {_month_words(row)}")
        day = date(day.year + day.month // 12, day.month % 12 + 1, 1)
    older = [row for row in rows if row.month < _month(since)]
    if older:
        averages = _averages((c.mood, c.craving) for c in plan.checkins if c.date < since)
        checkins = sum(row.checkins for row in older)
        total = MonthRow("", checkins, *averages, sum(r.days_with_use for r in older))
        lines += ["", f"Before {_month(since)}, from {older[0].month}: {_month_words(total)}."]
    return "\n".join(lines)


def render_reviews(plan: Plan, since: date) -> str:
    """The latest reviews since ``since``, each with its answers; the others counted."""
    if not plan.reviews:
        return ""
    ordered = sorted(plan.reviews, key=lambda r: r.date)
    recent = [r for r in ordered if r.date >= since][-REVIEWS_SHOWN:]
    shown = {id(r) for r in recent}
    earlier = [r for r in ordered if id(r) not in shown]
    lines = ["## Reviews", ""]
    for review in recent:
        lines.append(f"- {review.date.isoformat()}, {REVIEW_KIND_LABELS[review.kind].lower()}")
        lines += [f"  {line}" for line in review_lines(plan, review)]
    if earlier:
        span = _span(earlier[0].date, earlier[-1].date)
        lines += ["", f"Earlier: {counted(len(earlier), 'review')}, {span}."]
    return "\n".join(lines)


def _span(first: date, last: date) -> str:
    return f"on {first.isoformat()}" if first == last else f"from {first} to {last}"


def _month(day: date) -> str:
    return f"{day.year:04d}-{day.month:02d}"


def _averages(entries: Iterable[tuple[int, int]]) -> tuple[float | None, float | None]:
    values = list(entries)
    if not values:
        return None, None
    n = len(values)
    return round(sum(v[0] for v in values) / n, 1), round(sum(v[1] for v in values) / n, 1)


def _month_words(row: MonthRow) -> str:
    days = f"{counted(row.days_with_use, 'day')} with use"
    if not row.checkins:
        return f"no check-ins; {days}" if row.days_with_use else "no check-ins"
    checkins = counted(row.checkins, "check-in")
    return f"{checkins}; mood {row.mood} of 5; craving {row.craving} of 10; {days}"
