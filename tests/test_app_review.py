"""The daily check-in by keyboard at 80x24, in the Review Log tab and inline (review)."""

from __future__ import annotations

import errno
import json
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any, NoReturn

import pytest
from conftest import FROZEN_TODAY, screen_text, seed, type_text
from textual.widgets import DataTable, Input, Static

from recovery_tui import atomic
from recovery_tui.app import RecoveryApp
from recovery_tui.model import FocusArea, Goal, Lapse, Plan, Trigger
from recovery_tui.review_app import ReviewApp
from recovery_tui.screens.confirm import ConfirmScreen
from recovery_tui.screens.form import FormScreen
from recovery_tui.storage import PlanStore

SIZE = (80, 24)
ALCOHOL = FocusArea(id="f1", name="Alcohol", since=date(2026, 1, 10))


@pytest.fixture(autouse=True)
def a_fixed_day(frozen_today: date) -> date:
    """Every test here checks in on FROZEN_TODAY, never on the real clock's day."""
    return frozen_today


def checkins(data_file: Path) -> list[dict[str, Any]]:
    tables = json.loads(data_file.read_text(encoding="utf-8"))
    return list(tables.get("checkins", {}).values())


async def test_a_typical_check_in_in_ten_keys_plus_words(
    data_file: Path, open_app: Callable[[], RecoveryApp], stores: list[Any]
) -> None:
    seed(data_file, Plan(focus_areas=(ALCOHOL,)))
    app = open_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("5", "enter")  # the Review Log, its first section: today's check-in
        await pilot.pause()
        keys = [
            "4",
            "3",
            "n",
            "enter",
            "enter",
            "enter",
        ]  # mood, craving, no use, HALT, triggers, helped
        await pilot.press(*keys)
        await type_text(pilot, "Dinner with the kids")
        await pilot.press("enter", "enter")  # good thing, then the note line saves
        await pilot.pause()
        assert len(keys) + 2 <= 10
        [saved] = checkins(data_file)
        assert saved["date"] == FROZEN_TODAY.isoformat()
        assert (saved["mood"], saved["craving"], saved["used"]) == (4, 3, False)
        assert saved["good_thing"] == "Dinner with the kids"
        status = str(app.query_one("#checkin-status", Static).content)
        assert status.startswith("Saved · Alcohol: day ")
        assert "check-in streak 1 day" in status
    stores.pop().close()

    app = open_app()  # the same day again: it edits today's check-in
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("5", "enter")
        await pilot.pause()
        assert "this updates it" in str(app.query_one("#checkin-title", Static).content)
        await pilot.press("2", "ctrl+s")
        await pilot.pause()
        [saved] = checkins(data_file)
        assert (saved["mood"], saved["good_thing"]) == (2, "Dinner with the kids")


async def test_a_check_in_that_cannot_be_saved_never_says_saved_and_keeps_the_words(
    data_file: Path, open_app: Callable[[], RecoveryApp], monkeypatch: pytest.MonkeyPatch
) -> None:
    seed(data_file, Plan(focus_areas=(ALCOHOL,)))
    app = open_app()
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.press("5", "enter", "4", "3", "n", "enter", "enter", "enter")
        await type_text(pilot, "Dinner with the kids")

        def no_space(*args: object, **kwargs: object) -> NoReturn:
            raise OSError(errno.ENOSPC, "No space left on device")

        monkeypatch.setattr(atomic.os, "replace", no_space)  # the disk is full now
        await pilot.press("ctrl+s")
        await pilot.pause()
        monkeypatch.undo()
        status = str(app.query_one("#checkin-status", Static).content)
        assert "Saved" not in status
        assert any(n.title == "Not saved" for n in app._notifications)
        assert app.query_one("#good_thing", Input).value == "Dinner with the kids"
    assert checkins(data_file) == []


async def test_use_today_asks_kindly_and_records_a_lapse_that_keeps_the_total(
    data_file: Path, open_app: Callable[[], RecoveryApp]
) -> None:
    nicotine = FocusArea(id="f2", name="Nicotine", since=date(2026, 3, 1))
    seed(data_file, Plan(focus_areas=(ALCOHOL, nicotine), triggers=(Trigger("t1", "Payday"),)))
    app = open_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("5", "enter")
        await pilot.pause()
        await pilot.press("2", "7", "y", "2")  # used: which one? 2 = Nicotine
        await pilot.press("t", "enter", "1", "enter")  # tired; trigger 1 met
        await pilot.press("ctrl+s")
        await pilot.pause()
        [saved] = checkins(data_file)
        assert (saved["used"], saved["focus_area"]) == (True, "f2")
        assert saved["halt"] == ["tired"] and saved["triggers_met"] == ["t1"]
        lapses = json.loads(data_file.read_text(encoding="utf-8"))["lapses"]
        assert [(x["focus_area"], x["date"]) for x in lapses.values()] == [
            ("f2", FROZEN_TODAY.isoformat())
        ]
        status = str(app.query_one("#checkin-status", Static).content)
        assert "not a failure" in status and "total days still count" in status
        assert "Nicotine: new run tomorrow, " in status and "days kept" in status
        assert "day 0" not in status
        assert isinstance(app.screen, ConfirmScreen)  # a gentle offer of the debrief
        assert "It can wait" in screen_text(app)
        await pilot.press("y")
        await pilot.pause()
        await pilot.pause()
        assert isinstance(app.screen, FormScreen)  # the debrief of today's lapse
        await pilot.press("tab", "tab")
        await type_text(pilot, "Stressful day")
        await pilot.press("ctrl+s")
        await pilot.pause()
        lapses = json.loads(data_file.read_text(encoding="utf-8"))["lapses"]
        assert [x["what_happened"] for x in lapses.values()] == ["Stressful day"]


async def test_mood_is_needed_before_saving(
    data_file: Path, open_app: Callable[[], RecoveryApp]
) -> None:
    app = open_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("5", "enter")
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "press a key for your mood first" in screen_text(app)
        assert not data_file.exists()


async def test_review_log_shows_days_trends_and_history(
    data_file: Path, open_app: Callable[[], RecoveryApp]
) -> None:
    seed(data_file, Plan(focus_areas=(ALCOHOL,)))
    app = open_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("5", "enter")
        await pilot.pause()
        await pilot.press("4", "1", "n", "ctrl+s")
        await pilot.pause()
        await pilot.press("escape", "down", "enter")  # Days & milestones
        await pilot.pause()
        text = str(app.query_one("#section-days .section-text", Static).content)
        assert "This run:" in text and "longest run:" in text and "Next milestone:" in text
        assert "never takes away the days" in text
        await pilot.press("escape", "down", "enter")  # Trends
        await pilot.pause()
        assert "Mood, last 30 days:" in str(
            app.query_one("#section-trends .section-text", Static).content
        )
        await pilot.press("escape", "down", "enter")  # History
        await pilot.pause()
        table = app.query_one("#section-history DataTable", DataTable)
        assert table.row_count == 1
        assert table.get_row_at(0)[:3] == [FROZEN_TODAY.isoformat(), "4 good", "1"]


async def test_inline_review_app_saves_todays_check_in(data_file: Path, stores: list[Any]) -> None:
    seed(data_file, Plan(focus_areas=(ALCOHOL,)))
    store = PlanStore(data_file)
    stores.append(store)
    app = ReviewApp(store)
    async with app.run_test(size=(80, 16)) as pilot:
        await pilot.press("5", "0", "n", "enter", "enter", "enter")
        await type_text(pilot, "Sunshine")
        await pilot.press("enter", "enter")
        for _ in range(100):  # saved, the summary shown a moment, then the terminal back
            if not app.is_running:
                break
            await pilot.pause(0.02)
    [saved] = checkins(data_file)
    assert (saved["mood"], saved["craving"], saved["good_thing"]) == (5, 0, "Sunshine")
    assert app.return_code == 0


async def test_a_periodic_review_changes_a_goal_and_a_lapse_debrief_restart_all_there(
    data_file: Path, open_app: Callable[[], RecoveryApp], stores: list[Any]
) -> None:
    goal = Goal(id="g1", title="Meetings", measure="3 a week")
    lapse = Lapse(id="l1", focus_area="f1", date=date(2026, 5, 2))
    seed(data_file, Plan(focus_areas=(ALCOHOL,), goals=(goal,), lapses=(lapse,)))
    app = open_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("5", *(["down"] * 4), "enter")  # Periodic reviews
        await pilot.pause()
        await pilot.press("a")
        await pilot.pause()
        await pilot.press("tab", "tab")  # date (today), kind (monthly), to "Relevant?"
        await type_text(pilot, "Yes")
        await pilot.press("tab", "tab", "tab")
        await type_text(pilot, "Ten meetings")
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.press("g", "enter")  # change a goal: the only one
        await pilot.pause()
        await pilot.press("tab", "tab", "ctrl+u")  # to Measurable, clear it
        await type_text(pilot, "4 a week")
        await pilot.press("ctrl+s")
        await pilot.pause()

        await pilot.press("escape", "down", "enter")  # Lapse debriefs
        await pilot.pause()
        assert "debrief not written yet" in screen_text(app)
        await pilot.press("enter")  # edit the lapse: write its debrief
        await pilot.pause()
        await pilot.press("tab", "tab")  # focus area, date, to What happened
        await type_text(pilot, "A party, old friends")
        await pilot.press("tab")
        await type_text(pilot, "Being offered a drink")
        await pilot.press("ctrl+s")
        await pilot.pause()
    stores.pop().close()

    saved = PlanStore(data_file).load()
    [review] = saved.reviews
    assert (review.kind, review.still_relevant, review.celebrate) == (
        "monthly",
        "Yes",
        "Ten meetings",
    )
    assert review.date == FROZEN_TODAY
    assert [c.goal for c in review.goal_changes] == ["g1"]
    assert review.goal_changes[0].change == "measure: 3 a week → 4 a week"
    assert saved.goals[0].measure == "4 a week"  # applied to the goal itself
    [debriefed] = saved.lapses
    assert (debriefed.what_happened, debriefed.trigger) == (
        "A party, old friends", "Being offered a drink",
    )  # fmt: skip

    app = open_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("5", *(["down"] * 4), "enter")
        await pilot.pause()
        assert "1 goal change" in screen_text(app)
        await pilot.press("6")
        await pilot.pause()
        await pilot.pause()
        document = app.query_one("#plan-document")
        assert "Latest review" in document.source  # type: ignore[attr-defined]
        assert "4 a week" in document.source  # type: ignore[attr-defined]
