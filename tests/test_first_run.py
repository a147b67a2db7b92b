"""The first-run guide at 80x24, by keyboard: filled in, skipped, left early, refused."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from conftest import FROZEN_TODAY, screen_text, type_text
from textual.pilot import Pilot
from textual.widgets import Input, OptionList

from recovery_tui.app import RecoveryApp
from recovery_tui.model import Assessment, FocusArea, Motivation, Plan, Profile
from recovery_tui.screens.confirm import ConfirmScreen
from recovery_tui.screens.first_run import (
    LAST_WORDS,
    LEAVE_WORDS,
    FirstRunScreen,
    guide_steps,
    guide_wanted,
)
from recovery_tui.storage import PlanStore, SaveError

SIZE = (80, 24)
TODAY = FROZEN_TODAY  # the guide's dates default to today: the clock is frozen for every test
pytestmark = pytest.mark.usefixtures("frozen_today")


async def settle(pilot: Pilot[None]) -> None:
    """Let a step switch, a save and a refresh happen before looking at the screen."""
    await pilot.pause()


async def step(pilot: Pilot[None], *keys: str) -> None:
    """Type into the guide: each item is text to type, or a key name in <angle brackets>."""
    for key in keys:
        if key.startswith("<") and key.endswith(">"):
            await pilot.press(key[1:-1])
        else:
            await type_text(pilot, key)
    await settle(pilot)


def guide(app: RecoveryApp) -> FirstRunScreen:
    assert isinstance(app.screen, FirstRunScreen), screen_text(app)
    return app.screen


def words(app: RecoveryApp) -> str:
    """The screen's words in one line: a message wrapped in the dialog reads as one."""
    return " ".join(w for w in screen_text(app).split() if w != "│")


def notes(app: RecoveryApp) -> list[str]:
    return [n.message for n in app._notifications]


async def test_the_whole_guide_filled_in_is_saved_and_the_plan_check_says_what_next(
    data_file: Path, open_app: Callable[[], RecoveryApp]
) -> None:
    app = open_app()
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        text = screen_text(app)
        assert "Step 1 of 5 · Welcome" in text
        assert "readable by your user account" in words(app) and "no telemetry" in text
        intro = str(guide(app).query_one("#guide-welcome .intro").render())
        assert f"in one file:\n  {data_file}\n" in intro
        assert "Leave the guide (Esc)" in text
        await step(pilot, "<enter>")  # Begin
        assert "Step 2 of 5 · What you are working on" in screen_text(app)
        assert "Skip this step (Ctrl+N)" in screen_text(app)
        name = guide(app).query_one("#guide-focus-name", Input)
        since = guide(app).query_one("#guide-focus-since", Input)
        assert app.focused is name and since.value == TODAY.isoformat()  # today by default
        # Name, then the aim (Space opens the list, Down, Enter picks), then the date.
        await step(pilot, "Gin [b]x[/b]", "<enter>", "<space>", "<down>", "<enter>")
        await step(pilot, "<enter>", "<ctrl+u>", "2026-01-10", "<enter>")
        text = screen_text(app)
        assert "Step 3 of 5 · Your north star" in text
        assert "Saved: Gin [b]x[/b], reduction since 2026-01-10." in text
        await step(pilot, "My [/kids]", "<enter>")
        assert "Step 4 of 5" in screen_text(app)
        await step(pilot, "The bar", "<tab>", "Other route", "<enter>")
        assert "Step 5 of 5 · Someone to call" in screen_text(app)
        await step(pilot, "Sam", "<enter>", "<enter>", "555-0100", "<ctrl+s>")

        assert not isinstance(app.screen, FirstRunScreen)
        assert LAST_WORDS in notes(app)
        text = screen_text(app)
        assert "Gin [b]x[/b]: day" in text and "Assessment of" in text  # the first tab
        await step(pilot, "6")
        text = screen_text(app)
        assert "Plan check:" in text and "No coping skills yet" in text
        assert "No one is marked to call in a crisis" not in text

    plan = PlanStore(data_file).load()
    assert plan.focus_areas == (
        FocusArea("f1", "Gin [b]x[/b]", "reduction", since=date(2026, 1, 10)),
    )
    (assessment,) = plan.assessments
    assert assessment.date == TODAY
    assert assessment.motivations == (Motivation("My [/kids]", north_star=True),)
    assert plan.motivations() == ("My [/kids]",)
    (trigger,) = plan.triggers
    assert (trigger.text, trigger.strategies) == ("The bar", ("Other route",))
    (person,) = plan.contacts
    assert (person.name, person.role, person.phone, person.crisis) == (
        "Sam", "friend", "555-0100", True,
    )  # fmt: skip


async def test_every_step_skipped_saves_nothing_and_leaves_a_next_step(
    data_file: Path, open_app: Callable[[], RecoveryApp]
) -> None:
    app = open_app()
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        await step(pilot, "<enter>")
        await step(pilot, "Alcohol", "<ctrl+n>")  # typed, then skipped: not saved
        assert "Step 3 of 5" in screen_text(app)
        await step(pilot, "<f8>", "<ctrl+n>")
        assert "Step 5 of 5" in screen_text(app)
        await step(pilot, "<ctrl+n>")
        assert not isinstance(app.screen, FirstRunScreen)
        assert LEAVE_WORDS in notes(app)
        assert "Focus areas" in screen_text(app)  # the Assessment tab, as always
        assert "Enter opens a section, a adds · 6: what to add next" in screen_text(app)
        await step(pilot, "6")
        assert "What are you working on? Add a focus area" in screen_text(app)
        gaps = app.query_one("#plan-gaps", OptionList)
        prompts = [str(gaps.get_option_at_index(i).prompt) for i in range(gaps.option_count)]
        for asked in ("No north star yet", "No triggers yet", "No one is marked to call"):
            assert any(asked in prompt for prompt in prompts), asked  # what the guide asked
    assert PlanStore(data_file).load() == Plan()


async def test_enter_through_an_empty_step_goes_on_without_asking(
    open_app: Callable[[], RecoveryApp],
) -> None:
    app = open_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await step(pilot, "<enter>", "<enter>", "<enter>", "<enter>")  # Begin, 3 fields
        assert "Step 3 of 5" in screen_text(app)
        assert app.plan == Plan()


async def test_esc_after_the_focus_area_keeps_it_and_asks_nothing(
    data_file: Path, open_app: Callable[[], RecoveryApp]
) -> None:
    app = open_app()
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        await step(pilot, "<enter>", "Nicotine", "<ctrl+s>")
        assert "Step 3 of 5" in screen_text(app)
        await step(pilot, "Half-typed north star", "<escape>")
        assert not isinstance(app.screen, (FirstRunScreen, ConfirmScreen))
        assert LAST_WORDS in notes(app)
        assert "Nicotine: day 1" in screen_text(app)
    plan = PlanStore(data_file).load()
    assert [(a.name, a.since) for a in plan.focus_areas] == [("Nicotine", TODAY)]
    assert plan.assessments == ()


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("2026-02-30", "2026-02-30 is not a date on the calendar."),
        ("31/01/2026", "Please write the date as YYYY-MM-DD, e.g. 2027-01-31."),
        ("2999-01-01", "That day is still to come"),
        ("", "When did you start?"),
    ],
)
async def test_a_bad_date_says_what_to_fix_and_keeps_the_words(
    data_file: Path, open_app: Callable[[], RecoveryApp], typed: str, message: str
) -> None:
    app = open_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await step(pilot, "<enter>", "Gambling", "<tab>", "<tab>", "<ctrl+u>", typed, "<enter>")
        text = screen_text(app)
        assert "Step 2 of 5" in text and message in text, text
        name = guide(app).query_one("#guide-focus-name", Input)
        since = guide(app).query_one("#guide-focus-since", Input)
        assert (name.value, since.value) == ("Gambling", typed)
        assert app.focused is since
        assert not data_file.exists()
        await step(pilot, "<ctrl+u>", "2026-03-01", "<enter>")
        assert "Step 3 of 5" in screen_text(app)
    assert PlanStore(data_file).load().focus_areas[0].since == date(2026, 3, 1)


async def test_a_missing_strategy_is_asked_for_gently(open_app: Callable[[], RecoveryApp]) -> None:
    app = open_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await step(pilot, "<enter>", "<ctrl+n>", "<ctrl+n>", "Payday", "<enter>", "<enter>")
        assert "Strategy: What will you do when you meet it?" in screen_text(app)
        assert guide(app).query_one("#guide-trigger-text", Input).value == "Payday"


async def test_a_failed_save_shows_why_and_keeps_the_words(
    data_file: Path, open_app: Callable[[], RecoveryApp], monkeypatch: pytest.MonkeyPatch
) -> None:
    app = open_app()
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)

        def full_disk(plan: Plan, **_: object) -> None:
            raise SaveError("Your change could not be saved: No space left on device.")

        monkeypatch.setattr(app.store, "save", full_disk)
        await step(pilot, "<enter>", "Alcohol", "<ctrl+s>")
        text = words(app)
        assert "Not saved: Your change could not be saved: No space left" in text
        assert "Your words are still here." in text and "Step 2 of 5" in text
        assert guide(app).query_one("#guide-focus-name", Input).value == "Alcohol"
        monkeypatch.undo()
        await step(pilot, "<ctrl+s>")
        assert "Step 3 of 5" in screen_text(app) and "Not saved" not in screen_text(app)
    assert [a.name for a in PlanStore(data_file).load().focus_areas] == ["Alcohol"]


async def test_not_shown_for_a_plan_with_something_in_it(
    data_file: Path, open_app: Callable[[], RecoveryApp], stores: list[PlanStore]
) -> None:
    store = PlanStore(data_file)
    store.open()
    store.save(Plan(focus_areas=(FocusArea("f1", "Alcohol", since=TODAY),)))
    store.close()
    app = open_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert not isinstance(app.screen, FirstRunScreen)
        assert "Alcohol: day 1" in screen_text(app)


async def test_not_shown_in_a_read_only_second_window(
    data_file: Path, open_app: Callable[[], RecoveryApp], stores: list[PlanStore]
) -> None:
    first = PlanStore(data_file)  # the first window holds the lock, its plan still empty
    stores.append(first)
    first.open()
    app = open_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert app.store.read_only and app.plan.is_empty()
        assert not isinstance(app.screen, FirstRunScreen)


def test_guide_wanted_ignores_a_profile_set_by_the_settings_file() -> None:
    assert guide_wanted(Plan(), read_only=False)
    assert guide_wanted(Plan(profile=Profile(review_every_days=90)), read_only=False)
    assert not guide_wanted(Plan(), read_only=True)
    assert not guide_wanted(Plan(focus_areas=(FocusArea("f1", "x", since=TODAY),)), False)


def test_the_north_star_joins_the_latest_assessment_when_there_is_one() -> None:
    old = Assessment("a1", date(2026, 1, 1), motivations=(Motivation("Health"),))
    newer = Assessment("a2", date(2026, 2, 1), motivations=(Motivation("Work"),))
    north_star = guide_steps("/p", "me")[2].build
    assert north_star is not None
    plan, _ = north_star(Plan(assessments=(old, newer)), {"text": "My kids"}, TODAY)
    assert plan.assessments[0] == old
    assert plan.assessments[1].motivations == (
        Motivation("Work"), Motivation("My kids", north_star=True),
    )  # fmt: skip


async def test_help_now_opens_over_the_guide_and_closes_back_to_it(
    open_app: Callable[[], RecoveryApp],
) -> None:
    app = open_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await step(pilot, "<enter>", "Alcohol", "<f2>")
        assert "988" in screen_text(app)  # the crisis screen, over the guide
        await step(pilot, "<f2>")
        assert guide(app).query_one("#guide-focus-name", Input).value == "Alcohol"
