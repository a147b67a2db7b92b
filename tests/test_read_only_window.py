"""A read-only window does not pretend: a second window on the same plan says so on every
screen, refuses each edit at the key (nothing on screen changes, one kind message says why)
and never writes the file; reading, the crisis sheet, help, export and quitting still work."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import Any
from weakref import WeakKeyDictionary

import pytest
from conftest import screen_text, seed
from plans import example_plan
from textual import events
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, TextArea

from recovery_tui.app import RecoveryApp
from recovery_tui.model import FocusArea, Plan
from recovery_tui.read_only import (
    CANNOT_WRITE,
    OPEN_ELSEWHERE,
    ReadOnlyLine,
    is_edit,
    refusal,
    short_words,
)
from recovery_tui.review_app import ReviewApp
from recovery_tui.screens.crisis import CrisisScreen
from recovery_tui.screens.form import FormScreen
from recovery_tui.screens.help import HelpScreen
from recovery_tui.screens.history import HistoryScreen
from recovery_tui.storage import PlanStore
from recovery_tui.versions import list_versions
from recovery_tui.widgets.answer_rows import CravingRow, HaltRow, MoodRow
from recovery_tui.widgets.barc10 import Barc10Section
from recovery_tui.widgets.checkin_form import CheckInForm

SIZES = [(80, 24), (60, 20)]
HEALTH = "Sleep is better since the new routine."
EDIT_WORDS = ("Add", "Edit", "Delete", "Progress", "Milestone", "Mark done", "North star",
              "Save check-in", "New assessment", "Strongest first", "Change a goal",
              "Shared plan today")  # fmt: skip


def the_plan() -> Plan:
    """The example plan, with a long text to try to type into."""
    plan = example_plan()
    [assessment] = plan.assessments
    return dataclasses.replace(
        plan, assessments=(dataclasses.replace(assessment, physical_health=HEALTH),)
    )


@pytest.fixture(autouse=True)
def one_burst(monkeypatch: pytest.MonkeyPatch) -> None:
    """A test's keys are one burst, however slowly a busy machine runs them."""
    monkeypatch.setattr("recovery_tui.read_only.TELL_AGAIN_AFTER", 600.0)


@pytest.fixture
def second_window(
    data_file: Path, stores: list[PlanStore], open_app: Callable[[], RecoveryApp]
) -> Iterator[Callable[[], RecoveryApp]]:
    """The plan is open in a first window (it holds the lock); this makes the second."""
    seed(data_file, the_plan())
    first = PlanStore(data_file)
    stores.append(first)
    first.open()

    def make() -> RecoveryApp:
        app = open_app()
        TOLD[app] = record_refusals(app)
        return app

    yield make


TOLD: WeakKeyDictionary[RecoveryApp, list[str]] = WeakKeyDictionary()


def record_refusals(app: RecoveryApp) -> list[str]:
    """Every "nothing was changed" message the app shows from now on, kept here: a toast
    expires after a few seconds, and a slow machine must not make a message look unsaid."""
    told: list[str] = []
    notify = app.notify

    def recorded(message: str, **options: Any) -> None:
        if options.get("title") == "Read-only window":
            told.append(message)
        notify(message, **options)

    app.notify = recorded  # type: ignore[method-assign]
    return told


def refusals(app: RecoveryApp) -> list[str]:
    return TOLD[app]


def footer_words(app: RecoveryApp) -> str:
    """What the footer offers now (its last line)."""
    return screen_text(app).splitlines()[-1]


async def press(pilot: object, *keys: str) -> None:
    for key in keys:
        await pilot.press(key)  # type: ignore[attr-defined]
        await pilot.pause()  # type: ignore[attr-defined]


async def open_section(pilot: object, app: RecoveryApp, tab: str, section: str) -> None:
    """Press the tab's number, move in its menu to ``section`` and open it with Enter."""
    await press(pilot, tab)
    menu = app.focused
    assert isinstance(menu, OptionList) and menu.id and menu.id.endswith("-menu"), menu
    want = menu.get_option_index(section)
    while menu.highlighted != want:
        await press(pilot, "down" if (menu.highlighted or 0) < want else "up")
    await press(pilot, "enter")


def assert_main_screen_unchanged(app: RecoveryApp, plan: Plan) -> None:
    """No dialog opened, and the plan shown is the very plan the window opened with."""
    assert not isinstance(app.screen, ModalScreen), type(app.screen).__name__
    assert app.plan is plan


@pytest.mark.parametrize("size", SIZES)
async def test_every_tab_says_read_only_and_offers_no_edit_keys(
    size: tuple[int, int], second_window: Callable[[], RecoveryApp], data_file: Path
) -> None:
    before = data_file.read_bytes()
    app = second_window()
    async with app.run_test(size=size, notifications=True) as pilot:
        assert app.store.read_only
        startup = [n.message for n in app._notifications]
        assert any("open in another recovery-tui window" in m for m in startup)
        for tab in "123456":
            await press(pilot, tab, "enter")  # the tab, then into its first section
            app.clear_notifications()  # (a toast may cover the header on a small screen)
            await pilot.pause()
            top = screen_text(app).splitlines()[0]
            assert OPEN_ELSEWHERE in top and "F2 or ! help now" in top, top
            shown = app.screen.active_bindings.values()
            assert not [b.binding.id for b in shown if is_edit(b.binding)]
            footer = footer_words(app)
            assert not [w for w in EDIT_WORDS if w in footer], footer
            assert "Help now" in footer
        titles = [c.title for c in app.get_system_commands(app.screen)]
        assert "Add a goal" not in titles and "Save a version of the plan" not in titles
        assert "Export the plan" in titles and "Crisis: whom to call now" in titles
    assert data_file.read_bytes() == before


@pytest.mark.parametrize("size", SIZES)
async def test_goal_keys_are_refused_once_and_change_nothing(
    size: tuple[int, int], second_window: Callable[[], RecoveryApp], data_file: Path
) -> None:
    before = data_file.read_bytes()
    app = second_window()
    async with app.run_test(size=size, notifications=True) as pilot:
        plan = app.plan
        await press(pilot, "2")
        assert isinstance(app.focused, OptionList) and app.focused.id == "goal-list"
        await press(pilot, "a")
        assert_main_screen_unchanged(app, plan)
        [said] = refusals(app)
        assert "read-only" in said and "Nothing was changed" in said
        assert said in [n.message for n in app._notifications], "shown as a toast"
        for key in ("e", "d", "p", "m", "x", "J", "K", "enter", "delete", "shift+down"):
            await press(pilot, key)
            assert_main_screen_unchanged(app, plan)
        assert len(refusals(app)) == 1, "a burst of keys is told once"
    assert data_file.read_bytes() == before


async def test_every_list_refuses_add_edit_delete_move_and_its_own_keys(
    second_window: Callable[[], RecoveryApp], data_file: Path
) -> None:
    before = data_file.read_bytes()
    app = second_window()
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        plan = app.plan
        told = refusals(app)
        await press(pilot, "1", "n")  # the Assessment tab: a new assessment
        assert told == [refusal(app.store)]
        tries = [
            ("1", "focus_areas", ["a", "e", "d", "K", "J", "enter"]),
            ("1", "motivations", ["s", "a", "e", "d"]),  # s: the north star
            ("1", "challenges", ["a", "e", "d", "shift+up", "shift+down", "delete"]),
            ("1", "use_history", ["a", "e", "d"]),
            ("3", "triggers", ["i", "a", "e", "d", "enter", "a", "e", "d"]),  # i: sort
            ("3", "warning_signs", ["a", "e", "d", "enter", "a", "e", "d", "K"]),
            ("3", "coping_skills", ["a", "e", "d"]),
            ("4", "contacts", ["s", "a", "e", "d"]),  # s: shared my plan today
            ("4", "crisis_lines", ["a", "e", "d"]),
            ("5", "reviews", ["g", "a", "e", "d", "enter"]),  # g: change a goal
            ("5", "lapses", ["a", "e", "d", "enter"]),
        ]
        for tab, section, keys in tries:
            await open_section(pilot, app, tab, section)
            for key in keys:
                app._told_at = float("-inf")  # each key must say why, not only the first
                before_key = len(told)
                await press(pilot, key)
                assert_main_screen_unchanged(app, plan)
                # Enter on a trigger or a warning sign opens its own list: no edit.
                nested = key == "enter" and section in ("triggers", "warning_signs")
                assert told[before_key:] == ([] if nested else [refusal(app.store)]), (section, key)
    assert data_file.read_bytes() == before


@pytest.mark.parametrize("size", SIZES)
async def test_the_check_in_refuses_a_mood_key_typing_and_saving(
    size: tuple[int, int], second_window: Callable[[], RecoveryApp], data_file: Path
) -> None:
    """Today the mood changed on screen and Ctrl+S silently did nothing: no longer."""
    before = data_file.read_bytes()
    app = second_window()
    async with app.run_test(size=size, notifications=True) as pilot:
        plan = app.plan
        await press(pilot, "5", "enter")  # the Review Log, today's check-in
        form = app.query_one(CheckInForm)
        mood = form.query_one(MoodRow)
        assert app.focused is mood
        await press(pilot, "4")
        assert mood.value is None and app.focused is mood, "the mood must not change"
        assert len(refusals(app)) == 1
        await press(pilot, "ctrl+s")
        await press(pilot, "tab", "7", "tab", "y", "tab", "h", "enter")
        assert form.query_one(CravingRow).value is None
        assert form.query_one(HaltRow).value == ()
        line = form.query_one("#helped", Input)
        line.focus()
        await pilot.pause()
        await press(pilot, *"walk", "backspace", "ctrl+u")
        app.post_message(events.Paste("pasted words"))
        await pilot.pause()
        assert line.value == ""
        last = form.query_one("#note", Input)
        last.focus()
        await pilot.pause()
        await press(pilot, "x", "enter")  # Enter on the last line saves, elsewhere
        assert last.value == ""
        assert "Saved" not in str(form.query_one("#checkin-status").render())
        assert_main_screen_unchanged(app, plan)
        assert len(refusals(app)) == 1, "told once for the whole burst"
        assert not [n for n in app._notifications if n.title == "Not saved"]
    assert data_file.read_bytes() == before


@pytest.mark.parametrize("size", SIZES)
async def test_a_long_text_cannot_be_typed_into_and_its_letters_run_no_keys(
    size: tuple[int, int], second_window: Callable[[], RecoveryApp], data_file: Path
) -> None:
    before = data_file.read_bytes()
    app = second_window()
    async with app.run_test(size=size, notifications=True) as pilot:
        plan = app.plan
        await press(pilot, "1", *["down"] * 5, "enter")  # Physical health
        area = app.focused
        assert isinstance(area, TextArea) and area.read_only
        assert area.text == HEALTH
        await press(pilot, *"no quit", "enter", "backspace", "delete")  # q must not quit
        app.post_message(events.Paste("pasted words"))
        await pilot.pause()
        assert area.text == HEALTH and app.is_running
        assert app.focused is area, "o would have opened the earlier assessments"
        assert_main_screen_unchanged(app, plan)
        assert len(refusals(app)) == 1
        await press(pilot, "escape")  # leaving the field works
        assert app.focused is not area
    assert data_file.read_bytes() == before


async def test_barc10_answers_are_refused(
    second_window: Callable[[], RecoveryApp], data_file: Path
) -> None:
    before = data_file.read_bytes()
    app = second_window()
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await press(pilot, "1", *["down"] * 4, "enter")
        section = app.query_one(Barc10Section)
        answers = list(section.answers)
        await press(pilot, "1", "6", "2")
        assert section.answers == answers
        assert len(refusals(app)) == 1
    assert data_file.read_bytes() == before


async def test_keeping_a_version_is_refused(
    second_window: Callable[[], RecoveryApp], data_file: Path
) -> None:
    versions = list_versions(data_file)
    app = second_window()
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await press(pilot, "6", "v")
        assert len(refusals(app)) == 1
        assert not any("Version" in n.message for n in app._notifications)
    assert list_versions(data_file) == versions


@pytest.mark.parametrize("size", SIZES)
async def test_dialogs_that_still_open_say_read_only_and_work(
    size: tuple[int, int], second_window: Callable[[], RecoveryApp], tmp_path: Path
) -> None:
    app = second_window()
    async with app.run_test(size=size, notifications=True) as pilot:
        for keys, kind in (
            (["f2"], CrisisScreen),
            (["exclamation_mark"], CrisisScreen),
            (["question_mark"], HelpScreen),
            (["6", "h"], HistoryScreen),
            (["6", "x"], FormScreen),
        ):
            await press(pilot, *keys)
            assert isinstance(app.screen, kind)
            assert app.screen.query(ReadOnlyLine)
            top = screen_text(app).splitlines()[0]
            assert OPEN_ELSEWHERE in top and "F2 or ! help now" in top, top
            if kind is not FormScreen:
                await press(pilot, "escape")
                assert not isinstance(app.screen, ModalScreen)
        # The export is not an edit: its path can be typed and it writes the file.
        target = tmp_path / "shared-plan.md"
        path = app.screen.query_one("#path", Input)
        path.value = ""
        path.focus()
        await pilot.pause()
        await press(pilot, *str(target)[:3])
        assert path.value == str(target)[:3], "typing in the export works"
        path.value = str(target)
        app.screen.query_one("#fmt").value = "md"  # type: ignore[attr-defined]
        await press(pilot, "ctrl+s")
        assert target.exists() and not isinstance(app.screen, ModalScreen)
        await press(pilot, "ctrl+p")
        assert app.screen.query(ReadOnlyLine), "the command palette says it too"
        await press(pilot, "escape")
        await press(pilot, "q")
    assert app.return_code == 0, "q quits a read-only window"


async def test_the_header_keeps_read_only_and_the_crisis_keys_with_long_names(
    data_file: Path, stores: list[PlanStore], open_app: Callable[[], RecoveryApp]
) -> None:
    long = FocusArea(id="f1", name="Alcohol, wine mostly, after work", since=date(2026, 1, 2))
    seed(data_file, Plan(focus_areas=(long,)))
    first = PlanStore(data_file)
    stores.append(first)
    first.open()
    app = open_app()
    async with app.run_test(size=(60, 20)) as pilot:
        await pilot.pause()
        assert "Alco" in screen_text(app).splitlines()[0]
        top = screen_text(app).splitlines()[0]
        assert OPEN_ELSEWHERE in top and "F2 or ! help now" in top, top


async def test_the_inline_check_in_says_read_only_and_refuses_each_answer(
    second_window: Callable[[], RecoveryApp], data_file: Path, stores: list[PlanStore]
) -> None:
    before = data_file.read_bytes()
    store = PlanStore(data_file)
    stores.append(store)
    app = ReviewApp(store)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        shown = screen_text(app)
        assert "open in another recovery-tui window" in shown
        assert "Ctrl+S save" not in shown and "F2 or ! help now" in shown
        form = app.query_one(CheckInForm)
        mood = form.query_one(MoodRow)
        await press(pilot, "3")
        assert mood.value is None and app.focused is mood
        status = str(form.query_one("#checkin-status").render())
        assert "Nothing was changed" in status and "read-only" in status
        await press(pilot, "ctrl+s")
        line = form.query_one("#good_thing", Input)
        line.focus()
        await pilot.pause()
        await press(pilot, *"tea", "enter")
        assert line.value == "" and app.is_running
        await press(pilot, "f2")
        assert isinstance(app.screen, CrisisScreen) and app.screen.query(ReadOnlyLine)
        await press(pilot, "f2", "escape")
    assert app.return_code == 0
    assert data_file.read_bytes() == before


def test_the_short_words_follow_the_store_s_reason(tmp_path: Path) -> None:
    store = PlanStore(tmp_path / "plan.json")
    assert short_words(store) == ""
    store.read_only, store.read_only_reason = True, "its folder can't be written"
    assert short_words(store) == CANNOT_WRITE


async def test_a_paste_lands_once_in_a_window_that_can_save(
    open_app: Callable[[], RecoveryApp],
) -> None:
    """(Found here: Input's own paste handler ran after PlanInput's, doubling the text.)"""
    app = open_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await press(pilot, "5", "enter")
        line = app.query_one(CheckInForm).query_one("#helped", Input)
        line.focus()
        await pilot.pause()
        app.post_message(events.Paste("a walk"))
        await pilot.pause()
        assert line.value == "a walk"
