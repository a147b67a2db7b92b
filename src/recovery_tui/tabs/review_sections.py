"""The read-only sections of the Review Log: history, days in recovery, trends."""

from __future__ import annotations

from datetime import date

from textual.app import ComposeResult
from textual.content import Content
from textual.widgets import Static

from recovery_tui.insights import sparkline
from recovery_tui.method import HALT_LABELS, MOOD_WORDS
from recovery_tui.progress import (
    day_count,
    lapse_note,
    milestone_name,
    milestones_up_to,
    next_milestone,
    recovery,
    run_words,
    stall_note,
    streak,
    trend,
)
from recovery_tui.text import for_display
from recovery_tui.widgets.sections import Section, TextBlockSection


class DaysSection(TextBlockSection):
    """Days in recovery per focus area: this run, total, longest, earlier runs, milestones.

    A lapse today reads "This run: begins tomorrow", never "0 days"; whenever a lapse leaves
    the days in all below the days since the start, the line under them says why."""

    def lines(self) -> list[str]:
        today = date.today()
        if not self.plan.focus_areas:
            return ["Add a focus area (Assessment, key 1) and your days will be counted here."]
        out: list[str] = []
        for area in self.plan.focus_areas:
            r = recovery(self.plan, area, today)
            out.append(f"{for_display(area.name)}")
            out.append(f"  This run: {run_words(r, today)} · in all: {day_count(r.total)} · "
                       f"longest run: {day_count(r.longest)}")  # fmt: skip
            note = lapse_note(r, today)
            if note:
                out.append(f"  {note}")
            if r.earlier:
                runs = ", ".join(f"{day_count(run.days)} (to {run.end.isoformat()})"
                                 for run in r.earlier[-5:])  # fmt: skip
                out.append(f"  Earlier runs: {runs}")
            reached = milestones_up_to(r.current)
            if reached:
                out.append("  Milestones reached: " + ", ".join(milestone_name(m) for m in reached))
            nxt = next_milestone(r.current)
            wait = nxt - r.current
            out.append(f"  Next milestone: {milestone_name(nxt)}, "
                       f"{'tomorrow' if wait == 1 else f'in {wait} days'}")  # fmt: skip
            out.append("")
        out.append("A lapse starts a new run; it never takes away the days you have had.")
        return out


class TrendsSection(TextBlockSection):
    """Mood and craving over 30 and 90 days, and the check-in streak."""

    def lines(self) -> list[str]:
        today = date.today()
        checkins = self.plan.checkins
        if not checkins:
            return ["Your mood and craving over the weeks will show here after a few check-ins."]
        out = [f"Check-in streak: {streak(checkins, today)} days", ""]
        note = stall_note(self.plan, today)
        if note:
            out[:0] = [note, ""]
        for days in (30, 90):
            for name, low, high in (("mood", 1, 5), ("craving", 0, 10)):
                t = trend(checkins, name, today, days)
                if not t.values:
                    out.append(f"{name.title()}, last {days} days: no check-ins")
                    continue
                spark = sparkline(t.values[-60:], low, high)
                out.append(f"{name.title()}, last {days} days: {spark}  "
                           f"average {t.average}, latest {t.latest}")  # fmt: skip
            out.append("")
        return out


class HistorySection(Section):
    """Every check-in, newest first, in a table that stays quick with years of them."""

    def compose(self) -> ComposeResult:
        from textual.widgets import DataTable  # built only when the section is first shown

        table: DataTable[str] = DataTable(cursor_type="row", zebra_stripes=True)
        table.add_columns("Date", "Mood", "Craving", "Used", "HALT", "One good thing")
        yield Static(id="history-empty", classes="hint")
        yield table
        self._shown: object = None

    def on_mount(self) -> None:
        self.show()

    def watch_plan(self) -> None:
        if self.is_mounted and self.display:  # a hidden table is refilled when shown
            self.show()

    def on_show(self) -> None:
        self.show()

    def focus_main(self) -> None:
        self.query_one("DataTable").focus()

    def show(self) -> None:
        """Fill the table again when the check-ins changed (one call for all rows)."""
        from textual.widgets import DataTable

        if self._shown is self.plan.checkins:
            return
        self._shown = self.plan.checkins
        table: DataTable[str | Content] = self.query_one(DataTable)
        table.clear()
        rows = sorted(self.plan.checkins, key=lambda c: c.date, reverse=True)
        table.add_rows(
            (c.date.isoformat(), f"{c.mood} {MOOD_WORDS[c.mood]}", str(c.craving),
             "yes" if c.used else "no",
             " ".join(HALT_LABELS[h][0] for h in c.halt),
             Content(for_display(c.good_thing).replace("\n", " ")))  # text, not markup
            for c in rows
        )  # fmt: skip
        empty = self.query_one("#history-empty", Static)
        empty.update(Content("No check-ins yet. Today's check-in is the first section."))
        empty.display = not rows
