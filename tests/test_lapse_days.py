"""Days after a lapse, as the app shows them: use recorded today through the check-in by keys.

On the day of a lapse the header, the Days section and the Assessment row never say "day 0"
and never show a total that drops without a word: the new run begins tomorrow, the days
without use are kept, and the Days section says why the days in all are what they are. The
day after, the run is day 1 and the reason is still there. The clock is frozen (with its time
zone) at noon, so "today" is the same wherever the tests run.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import time_machine
from conftest import screen_text, seed
from textual.widgets import Static

from recovery_tui.app import RecoveryApp
from recovery_tui.model import FocusArea, Lapse, Plan
from recovery_tui.screens.confirm import ConfirmScreen
from recovery_tui.widgets.plan_header import PlanHeader

SIZE = (80, 24)
NOON = datetime(2026, 12, 4, 12, 0, tzinfo=ZoneInfo("UTC"))
TODAY = NOON.date()  # as in the issue: since 2026-09-14, today day 82
DAY = timedelta(days=1)
ALCOHOL = FocusArea(id="f1", name="Alcohol", since=TODAY - 81 * DAY)  # today is day 82
HARSH = ("fail", "reset", "relapse", "day 0", " 0 days", "lost")


def header(app: RecoveryApp) -> str:
    """The header line as plain text."""
    return str(app.query_one(PlanHeader).render())


def days_text(app: RecoveryApp) -> str:
    """What the Review Log's Days & milestones section shows."""
    return str(app.query_one("#section-days .section-text", Static).content)


def assert_kind(text: str) -> None:
    for word in HARSH:
        assert word not in text.lower(), word


async def test_use_today_keeps_the_days_and_says_why_then_day_one_tomorrow(
    data_file: Path, open_app: Callable[[], RecoveryApp], stores: list[Any]
) -> None:
    seed(data_file, Plan(focus_areas=(ALCOHOL,)))
    with time_machine.travel(NOON, tick=True):
        app = open_app()
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            assert "Alcohol: day 82" in header(app)
            await pilot.press("5", "enter")  # the Review Log: today's check-in
            await pilot.pause()
            await pilot.press("2", "6", "y")  # mood, craving, used today: yes (one area)
            await pilot.press("ctrl+s")
            await pilot.pause()
            lapses = json.loads(data_file.read_text(encoding="utf-8"))["lapses"]
            assert [(x["focus_area"], x["date"]) for x in lapses.values()] == [
                ("f1", TODAY.isoformat())
            ]
            status = str(app.query_one("#checkin-status", Static).content)
            assert status.startswith("Saved · Alcohol: new run tomorrow, 81 days kept · ")
            assert "your total days still count" in status
            assert isinstance(app.screen, ConfirmScreen)  # the debrief, offered gently
            await pilot.press("n")  # later
            await pilot.pause()

            assert "Alcohol: new run tomorrow, 81 days kept" in header(app)
            assert "F2 or ! help now" in header(app)
            await pilot.press("escape", "down", "enter")  # Days & milestones
            await pilot.pause()
            text = days_text(app)
            assert "This run: begins tomorrow · in all: 81 days · longest run: 81 days" in text
            assert (
                "Today's lapse is not added to the days in all; "
                "81 days without use before it, all kept." in text
            )
            assert "Earlier runs: 81 days (to 2026-12-03)" in text
            assert "Next milestone: 1 day, tomorrow" in text
            # (the status's second line is LAPSE_WORDS: "... not a failure ...", said kindly)
            assert_kind(f"{status.splitlines()[0]}\n{header(app)}\n{text}")

            await pilot.press("1")  # the Assessment: the focus area's row
            await pilot.pause()
            shown = screen_text(app)
            # "Alcohol · Abstinence since 2026-09-14 · new run tomorrow, 81 days kept", wrapped
            assert "Alcohol · Abstinence since 2026-09-14 · new run" in shown
            assert "tomorrow, 81 days kept" in shown
            assert_kind(shown)
    stores.pop().close()

    with time_machine.travel(NOON + DAY, tick=True):  # the day after
        app = open_app()
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            assert "Alcohol: day 1" in header(app)
            await pilot.press("5", "down", "enter")  # Review Log, Days & milestones
            await pilot.pause()
            text = days_text(app)
            assert "This run: 1 day · in all: 82 days · longest run: 81 days" in text
            assert (
                "Yesterday's lapse is not added to the days in all; "
                "no day without use is taken away." in text
            )
            assert "Milestones reached: 1 day" in text
            assert_kind(f"{header(app)}\n{text}")


async def test_a_lapse_on_an_earlier_day_is_explained_where_it_lowers_the_total(
    data_file: Path, open_app: Callable[[], RecoveryApp]
) -> None:
    lapse = Lapse(id="l1", focus_area="f1", date=TODAY - 10 * DAY)
    seed(data_file, Plan(focus_areas=(ALCOHOL,), lapses=(lapse,)))
    with time_machine.travel(NOON, tick=True):
        app = open_app()
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            assert "Alcohol: day 10" in header(app)
            await pilot.press("5", "down", "enter")
            await pilot.pause()
            text = days_text(app)
            assert "This run: 10 days · in all: 81 days · longest run: 71 days" in text
            assert (
                "The lapse on 2026-11-24 is not added to the days in all; "
                "no day without use is taken away." in text
            )
            assert_kind(text)


async def test_the_header_keeps_the_crisis_keys_with_long_days_words(
    data_file: Path, open_app: Callable[[], RecoveryApp]
) -> None:
    areas = tuple(
        FocusArea(id=f"f{n}", name=name, since=ALCOHOL.since)
        for n, name in enumerate(("Alcohol", "Nicotine", "Gambling"), start=1)
    )
    lapses = tuple(Lapse(id=f"l{n}", focus_area=a.id, date=TODAY) for n, a in enumerate(areas))
    seed(data_file, Plan(focus_areas=areas, lapses=lapses))
    with time_machine.travel(NOON, tick=True):
        app = open_app()
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            first_line = screen_text(app).splitlines()[0]
            assert first_line.rstrip().endswith("F2 or ! help now")
            assert first_line.startswith(" recovery-tui · Alcohol: new run tomorrow")
            assert "…" in first_line
