"""Daily use never breaks and never loses words: every palette command and app key from a
fresh start, keys arriving in one burst, quitting with unsaved words, use with no focus
area, and the crisis keys and crash report of the inline check-in."""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Callable, Iterator
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
import time_machine
from conftest import screen_text, seed
from plans import example_plan
from textual import events
from textual.app import App
from textual.binding import Binding
from textual.widgets import Input

from recovery_tui.app import RecoveryApp
from recovery_tui.model import FocusArea, Plan
from recovery_tui.paths import crash_log_file
from recovery_tui.review_app import ReviewApp
from recovery_tui.screens.confirm import ConfirmScreen
from recovery_tui.screens.crisis import CrisisScreen
from recovery_tui.screens.form import FormScreen
from recovery_tui.screens.quit import QuitScreen
from recovery_tui.storage import PlanStore
from recovery_tui.tabs.assessment import AssessmentTab
from recovery_tui.widgets import checkin_form

SIZE = (80, 24)
TODAY = date(2026, 12, 4)
NOON = datetime(2026, 12, 4, 12, 0)
ALCOHOL = FocusArea(id="f1", name="Alcohol", since=date(2026, 9, 1))
NICOTINE = FocusArea(id="f2", name="Nicotine", since=date(2026, 10, 1))
SECRET = "my sister's name is Ruth"

# What the palette offers; a test below keeps this list equal to the app's own.
PALETTE = (
    "Crisis: whom to call now", "Go to Assessment", "Go to Goals",
    "Go to Triggers & Strategies", "Go to Support", "Go to Review Log", "Go to Plan",
    "Add a goal", "Edit goal", "Start a review", "Export the plan",
    "Save a version of the plan", "What changed since a version", "Help: keys", "Theme",
    "Quit", "Keys", "Maximize",
)  # fmt: skip


@pytest.fixture(autouse=True)
def noon_on_the_4th() -> Iterator[None]:
    """The suite's own day (it ends in 4: the date that once turned CI red)."""
    with time_machine.travel(NOON, tick=True):
        yield


def table(data_file: Path, name: str) -> list[dict[str, Any]]:
    return list(json.loads(data_file.read_text(encoding="utf-8")).get(name, {}).values())


def burst(app: App[Any], text: str) -> None:
    """Post every key of ``text`` at once, as a paste or a slow link delivers them (``\\r`` is
    Enter), with no pause for the app to handle one before the next arrives."""
    for char in text:
        key = "enter" if char == "\r" else ("space" if char == " " else char)
        app.post_message(events.Key(key, char))


def palette_commands(app: App[Any]) -> dict[str, Callable[[], Any]]:
    return {c.title: c.callback for c in app.get_system_commands(app.screen)}


@pytest.mark.parametrize("plan", ["empty", "full"])
async def test_the_palette_lists_what_these_tests_cover(
    plan: str, data_file: Path, open_app: Callable[[], RecoveryApp]
) -> None:
    if plan == "full":
        seed(data_file, example_plan())
    app = open_app()
    async with app.run_test(size=SIZE):
        assert tuple(palette_commands(app)) == PALETTE


@pytest.mark.parametrize("plan", ["empty", "full"])
@pytest.mark.parametrize("title", PALETTE)
async def test_every_palette_command_works_from_a_fresh_start(
    title: str, plan: str, data_file: Path, open_app: Callable[[], RecoveryApp]
) -> None:
    """Run from the palette before any tab was shown: nothing may end the app."""
    if plan == "full":
        seed(data_file, example_plan())
    app = open_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*title)
        await pilot.pause()
        await pilot.press("enter")
        for _ in range(3):
            await pilot.pause()
        if title == "Quit":
            assert not app.is_running  # nothing unsaved: it leaves at once
            return
        assert app.is_running
        assert "ReviewTab#" not in screen_text(app) and "Tab#" not in screen_text(app)
        if title == "Start a review":
            assert isinstance(app.screen, FormScreen) and "review" in app.screen.heading.lower()
        if title == "Crisis: whom to call now":
            assert isinstance(app.screen, CrisisScreen)
        if title.startswith("Go to "):
            assert title.removeprefix("Go to ") in screen_text(app)


APP_KEYS = [b for b in RecoveryApp.BINDINGS if isinstance(b, Binding)]


@pytest.mark.parametrize("plan", ["empty", "full"])
@pytest.mark.parametrize("binding", APP_KEYS, ids=[b.id or b.key for b in APP_KEYS])
async def test_every_app_key_works_from_a_fresh_start(
    binding: Binding, plan: str, data_file: Path, open_app: Callable[[], RecoveryApp]
) -> None:
    if plan == "full":
        seed(data_file, example_plan())
    app = open_app()
    async with app.run_test(size=SIZE) as pilot:
        for key in binding.key.split(","):
            await pilot.press(key)
            await pilot.pause()
            if binding.action == "quit":
                assert not app.is_running
                return
            assert app.is_running
            assert "Tab#" not in screen_text(app)
            await pilot.press("escape")
            await pilot.pause()


async def test_a_burst_after_enter_fills_each_form_field_in_order(
    data_file: Path, open_app: Callable[[], RecoveryApp]
) -> None:
    app = open_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("2", "a")  # Goals, add a goal
        await pilot.pause()
        assert isinstance(app.screen, FormScreen)
        burst(app, "Alpha\rBravo\rCharlie")
        await pilot.pause()
        fields = [w for w in app.screen.query(Input)][:3]
        assert [f.value for f in fields] == ["Alpha", "Bravo", "Charlie"]


async def test_a_burst_fills_the_check_in_from_mood_to_the_note(
    data_file: Path, open_app: Callable[[], RecoveryApp]
) -> None:
    seed(data_file, Plan(focus_areas=(ALCOHOL,)))
    app = open_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("5", "enter")
        await pilot.pause()
        burst(app, "43n\r\rCalled Alex\rDinner with the kids\rSlept well\r")
        for _ in range(3):
            await pilot.pause()
        [saved] = table(data_file, "checkins")
        assert (saved["mood"], saved["craving"], saved["used"]) == (4, 3, False)
        assert saved["helped"] == "Called Alex"
        assert saved["good_thing"] == "Dinner with the kids"
        assert saved["note"] == "Slept well"


async def test_quit_asks_when_the_check_in_holds_words_and_keep_editing_keeps_them(
    data_file: Path, open_app: Callable[[], RecoveryApp]
) -> None:
    seed(data_file, Plan(focus_areas=(ALCOHOL,)))
    before = data_file.read_bytes()
    app = open_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("5", "enter", "4", "3", "n", "enter", "enter", *SECRET)
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert isinstance(app.screen, QuitScreen)
        shown = screen_text(app)
        assert "not saved yet" in shown and "Today's check-in" in shown
        assert "Save and quit" in shown and "Quit without saving" in shown
        await pilot.press("escape")  # keep editing
        await pilot.pause()
        assert app.is_running and app.query_one("#helped", Input).value == SECRET
        assert app.focused is app.query_one("#helped", Input)
    assert data_file.read_bytes() == before


async def test_save_and_quit_saves_the_check_in_words(
    data_file: Path, open_app: Callable[[], RecoveryApp]
) -> None:
    seed(data_file, Plan(focus_areas=(ALCOHOL,)))
    app = open_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("5", "enter", "4", "3", "n", "enter", "enter", *SECRET)
        await pilot.press("ctrl+q")
        await pilot.pause()
        await pilot.press("s")
        for _ in range(3):
            await pilot.pause()
        assert not app.is_running
    [saved] = table(data_file, "checkins")
    assert saved["helped"] == SECRET and saved["date"] == TODAY.isoformat()


async def test_quit_without_saving_from_the_palette_leaves_the_file_as_it_was(
    data_file: Path, open_app: Callable[[], RecoveryApp]
) -> None:
    seed(data_file, Plan(focus_areas=(ALCOHOL,)))
    before = data_file.read_bytes()
    app = open_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("2", "a", *"Walk every day")  # a goal form with a title typed
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"Quit", "enter")
        await pilot.pause()
        assert isinstance(app.screen, QuitScreen)
        assert "Walk every day" in screen_text(app)
        await pilot.press("d")
        await pilot.pause()
        assert not app.is_running
    assert data_file.read_bytes() == before


async def test_q_outside_text_and_nothing_unsaved_leaves_at_once(
    open_app: Callable[[], RecoveryApp],
) -> None:
    app = open_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("q")
        await pilot.pause()
        assert not app.is_running


async def test_save_and_quit_with_a_form_that_needs_a_fix_stays_and_says_why(
    data_file: Path, open_app: Callable[[], RecoveryApp]
) -> None:
    app = open_app()
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.press("2", "a", "tab", *"3 a week")  # no title: the form can't save yet
        await pilot.press("ctrl+q")
        await pilot.pause()
        await pilot.press("s")
        for _ in range(3):
            await pilot.pause()
        assert app.is_running and isinstance(app.screen, FormScreen)
        assert "Not everything could be saved" in screen_text(app)


async def test_use_today_with_no_focus_area_is_saved_then_offers_to_add_one(
    data_file: Path, open_app: Callable[[], RecoveryApp]
) -> None:
    app = open_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("5", "enter", "2", "7", "y", "enter", "enter", *"Talked to Sam")
        await pilot.press("ctrl+s")
        for _ in range(3):
            await pilot.pause()
        [saved] = table(data_file, "checkins")
        assert (saved["used"], saved["focus_area"], saved["helped"]) == (
            True, None, "Talked to Sam",
        )  # fmt: skip
        assert isinstance(app.screen, ConfirmScreen)
        assert "Your check-in is saved" in screen_text(app)
        await pilot.press("y")
        for _ in range(3):
            await pilot.pause()
        assert isinstance(app.screen, FormScreen) and "focus area" in app.screen.heading.lower()


async def test_use_with_two_areas_and_none_picked_is_saved_then_which_one_is_asked(
    data_file: Path, open_app: Callable[[], RecoveryApp]
) -> None:
    seed(data_file, Plan(focus_areas=(ALCOHOL, NICOTINE)))
    app = open_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("5", "enter", "2", "7", "y", "ctrl+s")
        for _ in range(3):
            await pilot.pause()
        [saved] = table(data_file, "checkins")
        assert (saved["used"], saved["focus_area"]) == (True, None)
        assert "Which focus area was it?" in screen_text(app)
        await pilot.press("2")
        for _ in range(3):
            await pilot.pause()
        [saved] = table(data_file, "checkins")
        assert saved["focus_area"] == "f2"
        lapses = table(data_file, "lapses")
        assert [(x["focus_area"], x["date"]) for x in lapses] == [("f2", TODAY.isoformat())]


@pytest.mark.parametrize("key", ["f2", "ctrl+g", "exclamation_mark"])
async def test_crisis_keys_open_the_crisis_sheet_in_the_inline_check_in(
    key: str, data_file: Path, stores: list[PlanStore]
) -> None:
    seed(data_file, example_plan())
    store = PlanStore(data_file)
    stores.append(store)
    app = ReviewApp(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(key)
        await pilot.pause()
        assert isinstance(app.screen, CrisisScreen)
        assert "988" in screen_text(app)
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, CrisisScreen) and app.is_running


async def test_exclamation_mark_types_in_a_check_in_line(
    data_file: Path, stores: list[PlanStore]
) -> None:
    seed(data_file, Plan(focus_areas=(ALCOHOL,)))
    store = PlanStore(data_file)
    stores.append(store)
    app = ReviewApp(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("4", "3", "n", "enter", "enter", *"Yes!")
        await pilot.pause()
        assert app.query_one("#helped", Input).value == "Yes!"
        assert not isinstance(app.screen, CrisisScreen)


async def test_the_inline_check_in_asks_before_leaving_with_words(
    data_file: Path, stores: list[PlanStore]
) -> None:
    seed(data_file, Plan(focus_areas=(ALCOHOL,)))
    before = data_file.read_bytes()
    store = PlanStore(data_file)
    stores.append(store)
    app = ReviewApp(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("4", "3", "n", "enter", "enter", *SECRET, "escape")
        await pilot.pause()
        assert isinstance(app.screen, QuitScreen)
        await pilot.press("d")
        await pilot.pause()
        assert not app.is_running
    assert data_file.read_bytes() == before


async def test_a_crash_in_the_inline_check_in_shows_the_apps_short_message(
    data_file: Path,
    stores: list[PlanStore],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    def broken(plan: Plan, checkin: object) -> Plan:
        notes = SECRET  # a local variable holding the person's words
        raise RuntimeError(f"bug while saving {notes}")

    monkeypatch.setattr(checkin_form, "record_checkin", broken)
    seed(data_file, Plan(focus_areas=(ALCOHOL,)))
    store = PlanStore(data_file)
    stores.append(store)
    app = ReviewApp(store)
    with pytest.raises(RuntimeError):
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("4", "3", "n", "ctrl+s")
            await pilot.pause()
    assert app.return_code == 1
    shown = capsys.readouterr().err.replace("\n", "")  # (a long path is wrapped)
    assert "not anything you did" in shown and "crash.log" in shown
    assert SECRET not in shown and "Traceback" not in shown
    logged = crash_log_file(data_file).read_text(encoding="utf-8")
    assert "RuntimeError" in logged and "broken" in logged and SECRET not in logged


TAB_KEYS = {
    "1": ["n", "o", "l"],  # Assessment: new, open an earlier one, the latest
    "2": ["a", "e", "d", "p", "m", "x", "J", "K"],  # Goals
    "6": ["g", "x", "h", "v", "bracketright", "bracketleft", "enter"],  # Plan
}


@pytest.mark.parametrize("plan", ["empty", "full"])
@pytest.mark.parametrize("tab", sorted(TAB_KEYS))
async def test_each_tabs_keys_work_right_after_the_tab_is_first_shown(
    tab: str,
    plan: str,
    data_file: Path,
    open_app: Callable[[], RecoveryApp],
    stores: list[PlanStore],
) -> None:
    """The tab's own keys, pressed at once after its number (before it finished building)."""
    if plan == "full":
        seed(data_file, example_plan())
    for key in TAB_KEYS[tab]:
        app = open_app()
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press(tab, key)
            for _ in range(2):
                await pilot.pause()
            assert app.is_running, key
            assert "Tab#" not in screen_text(app)
            await pilot.press("escape", "escape")
            await pilot.pause()
            assert app.is_running, key
            assert not app.store.read_only  # (each start is the only window)
        stores.pop().close()


async def test_letters_in_an_earlier_assessments_text_never_run_keys(
    data_file: Path, open_app: Callable[[], RecoveryApp]
) -> None:
    """An earlier assessment is kept as it was: typing in its text writes nothing, and a
    letter is not taken as a key (q used to quit the app from there)."""
    plan = example_plan()
    older = dataclasses.replace(
        plan.assessments[0], id="a0", date=date(2025, 6, 1), physical_health="Then"
    )
    seed(data_file, dataclasses.replace(plan, assessments=(older, *plan.assessments)))
    before = data_file.read_bytes()
    app = open_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("1", "o")
        await pilot.pause()
        await pilot.press("down", "enter")  # the earlier one
        await pilot.pause()
        tab = app.query_one(AssessmentTab)
        await tab.open_section("physical_health")
        await pilot.pause()
        await pilot.press("q", "o", "x")
        await pilot.pause()
        assert app.is_running and app.screen is app.screen_stack[0]
        assert "earlier assessment, kept as it was" in screen_text(app)
    assert data_file.read_bytes() == before


async def test_a_tab_key_and_the_next_key_in_one_burst_act_on_the_new_tab(
    data_file: Path, open_app: Callable[[], RecoveryApp]
) -> None:
    """ "2a" typed fast (or over a slow link) opens the goal form, not nothing."""
    app = open_app()
    async with app.run_test(size=SIZE) as pilot:
        burst(app, "2a")
        for _ in range(3):
            await pilot.pause()
        assert isinstance(app.screen, FormScreen) and "goal" in app.screen.heading.lower()


async def test_tab_in_a_burst_moves_to_the_next_field_before_the_rest_is_typed(
    data_file: Path, open_app: Callable[[], RecoveryApp]
) -> None:
    app = open_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("2", "a")
        await pilot.pause()
        for key, char in [*((c, c) for c in "Walk"), ("tab", "\t"), *((c, c) for c in "Daily")]:
            app.post_message(events.Key(key, char))
        await pilot.pause()
        fields = list(app.screen.query(Input))[:2]
        assert [f.value for f in fields] == ["Walk", "Daily"]


async def test_tab_through_a_choice_in_a_burst_keeps_the_order(
    data_file: Path, open_app: Callable[[], RecoveryApp]
) -> None:
    """Name, Tab, Tab over the Role choice, then the number: the number is the phone."""
    app = open_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("4", "enter", "a")
        await pilot.pause()
        keys = [*((c, c) for c in "سمير"), ("tab", "\t"), ("tab", "\t"),
                *((c, c) for c in "555-0100")]  # fmt: skip
        for key, char in keys:
            app.post_message(events.Key("minus" if char == "-" else key, char))
        await pilot.pause()
        assert app.screen.query_one("#name", Input).value == "سمير"
        assert app.screen.query_one("#phone", Input).value == "555-0100"
