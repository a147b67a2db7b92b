"""Goals end to end: a person creates, edits and deletes goals by keyboard at 80x24."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from conftest import screen_text, type_text
from textual import events
from textual.widgets import OptionList, Static, TabbedContent

from recovery_tui.app import RecoveryApp
from recovery_tui.screens.confirm import ConfirmScreen
from recovery_tui.screens.goal_form import GoalFormScreen
from recovery_tui.storage import PlanStore
from recovery_tui.widgets.plan_document import PlanDocument

SIZE = (80, 24)


def saved_goals(data_file: Path) -> list[dict[str, object]]:
    """The goal documents as they are in the data file on disk."""
    tables = json.loads(data_file.read_text(encoding="utf-8"))
    return list(tables.get("goals", {}).values())


async def add_goal(pilot, title: str, measure: str = "", due: str = "") -> None:  # type: ignore[no-untyped-def]
    """From the Goals tab: a, type the title, Enter, skip, the measure, ..., Ctrl+S."""
    await pilot.press("a")
    await pilot.pause()
    await type_text(pilot, title)
    await pilot.press("enter", "enter")  # to Specific, then to Measurable
    await type_text(pilot, measure)
    await pilot.press("enter", "enter", "enter")  # Achievable, Relevant, Time-bound
    await type_text(pilot, due)
    await pilot.press("ctrl+s")
    await pilot.pause()


async def test_starts_on_assessment_with_no_field_focused_and_5_opens_review_log(
    data_file: Path, open_app: Callable[[], RecoveryApp]
) -> None:
    app = open_app()
    async with app.run_test(size=SIZE) as pilot:
        tabs = app.query_one(TabbedContent)
        assert tabs.active == "assessment"
        text = screen_text(app)
        for title in ("Assessment", "Goals", "Triggers & Strategies", "Support", "Review Log"):
            assert title in text
        await pilot.press("5")
        assert tabs.active == "review"
        await pilot.press("2")
        assert tabs.active == "goals"
        assert "No goals yet" in screen_text(app)
    assert not data_file.exists()  # looking around saves nothing


async def test_create_edit_delete_goal_and_see_it_after_restart(
    data_file: Path, open_app: Callable[[], RecoveryApp], stores: list[PlanStore]
) -> None:
    app = open_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("2")
        await add_goal(pilot, "Meetings", measure="3 a week", due="2027-01-31")
        assert not isinstance(app.screen, GoalFormScreen)
        goals = saved_goals(data_file)
        assert [g["title"] for g in goals] == ["Meetings"]
        assert goals[0]["measure"] == "3 a week"
        assert goals[0]["due"] == "2027-01-31"
        row = str(app.query_one("#goal-list", OptionList).get_option_at_index(0).prompt)
        assert "Meetings" in row and "2027-01-31" in row and "needs S A R" in row
    stores.pop().close()

    app = open_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("2")
        assert "Meetings" in screen_text(app)
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, GoalFormScreen)
        await pilot.press("enter")  # to Specific
        await type_text(pilot, "Attend support-group meetings")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert saved_goals(data_file)[0]["specific"] == "Attend support-group meetings"
        assert "Attend support-group meetings" in screen_text(app)

        await pilot.press("d")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")  # keep it
        await pilot.pause()
        assert len(saved_goals(data_file)) == 1
        await pilot.press("d")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert saved_goals(data_file) == []
        assert "No goals yet" in screen_text(app)


async def test_bad_date_and_empty_title_are_explained_at_the_field_and_nothing_is_saved(
    data_file: Path, open_app: Callable[[], RecoveryApp]
) -> None:
    app = open_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("2", "a")
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, GoalFormScreen)
        assert "Please give the goal a short name." in screen_text(app)
        await type_text(pilot, "Sleep")
        await pilot.press("enter", "enter", "enter", "enter", "enter")
        await type_text(pilot, "2026-13-01")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, GoalFormScreen)
        assert "2026-13-01 is not a date on the calendar." in screen_text(app)
        assert not data_file.exists()
        await pilot.press("escape")  # something was typed: it asks first
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("y")
        await pilot.pause()
        assert not isinstance(app.screen, GoalFormScreen | ConfirmScreen)
    assert not data_file.exists()


async def test_progress_notes_and_milestones(
    data_file: Path, open_app: Callable[[], RecoveryApp]
) -> None:
    app = open_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("2")
        await add_goal(pilot, "Sleep")
        await pilot.press("p")
        await pilot.pause()
        await type_text(pilot, "In bed by 11 three nights")
        await pilot.press("enter")
        await pilot.press("m")
        await pilot.pause()
        await type_text(pilot, "A full week")
        await pilot.press("enter")
        await pilot.pause()
        goal = saved_goals(data_file)[0]
        assert [p["note"] for p in goal["progress"]] == ["In bed by 11 three nights"]  # type: ignore[index]
        assert goal["milestones"] == [{"text": "A full week", "done": None}]
        await pilot.press("x")
        await pilot.pause()
        await pilot.press("enter")  # the first (only) milestone
        await pilot.pause()
        done = saved_goals(data_file)[0]["milestones"][0]["done"]  # type: ignore[index]
        assert isinstance(done, str) and len(done) == 10
        detail = str(app.query_one("#goal-detail", Static).content)
        assert "In bed by 11 three nights" in detail and f"✓ done {done}" in detail


HOSTILE = "# [b]x[/b] [/y] <i>z</i> [@click=app.quit]q[/]"


async def test_markup_looking_text_is_shown_literally_everywhere(
    data_file: Path, open_app: Callable[[], RecoveryApp]
) -> None:
    app = open_app()
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.press("2")
        await add_goal(pilot, HOSTILE, measure="[red]3[/red] a week")
        assert app.is_running  # no MarkupError, no quit action fired
        assert saved_goals(data_file)[0]["title"] == HOSTILE
        row = str(app.query_one("#goal-list", OptionList).get_option_at_index(0).prompt)
        assert row.startswith("# [b]x[/b] [/y] <i>z</i>")
        detail = str(app.query_one("#goal-detail", Static).content)
        assert HOSTILE in detail and "[red]3[/red] a week" in detail
        notes = [n.message for n in app._notifications]
        assert f"Saved the goal “{HOSTILE}”." in notes  # shown literally, not as markup
        assert HOSTILE in screen_text(app)

        await pilot.press("e")  # the form shows it as typed
        await pilot.pause()
        assert app.screen.query_one("#title").value == HOSTILE  # type: ignore[attr-defined]
        await pilot.press("escape")
        await pilot.pause()

        await pilot.press("d")  # so does the question before deleting
        await pilot.pause()
        assert HOSTILE in screen_text(app)
        await pilot.press("n")
        await pilot.pause()

        await pilot.press("6")  # and the written plan
        await pilot.pause()
        await pilot.pause()
        document = app.query_one(PlanDocument)
        assert HOSTILE in screen_text(app)
        # Escaped only where it would start Markdown (a heading mark, a tag): "[b]" stays.
        assert document.source is not None and "\\# [b]x[/b] [/y] \\<i>" in document.source
        assert app.is_running


async def test_control_sequences_never_reach_the_screen_or_the_file(
    data_file: Path, open_app: Callable[[], RecoveryApp]
) -> None:
    app = open_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("2", "a")
        await pilot.pause()
        # A paste is where control sequences come from: an OSC title and a CSI colour.
        paste = events.Paste("Walk\x1b]0;owned\x07 daily\x1b[31m\x9b")
        app.screen.query_one("#title").post_message(paste)
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        title = saved_goals(data_file)[0]["title"]
        assert isinstance(title, str)
        assert "\x1b" not in title and "\x07" not in title and "\x9b" not in title
        assert title.startswith("Walk") and "daily" in title
        assert "\x1b" not in screen_text(app)


async def test_goals_move_with_the_same_keys_as_every_list(
    data_file: Path, open_app: Callable[[], RecoveryApp]
) -> None:
    app = open_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("2")
        await add_goal(pilot, "First")
        await add_goal(pilot, "Second")
        goal_list = app.query_one("#goal-list", OptionList)
        goal_list.highlighted = 1
        await pilot.press("K")
        await pilot.pause()
        assert [g["title"] for g in saved_goals(data_file)] == ["Second", "First"]
        assert "Second" in str(goal_list.get_option_at_index(goal_list.highlighted or 0).prompt)
