"""Assessment by keyboard at 80x24: focus areas, every section, BARC-10, dated assessments."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from conftest import screen_text, type_text
from plans import several_assessments_plan
from textual.pilot import Pilot
from textual.widgets import OptionList, Static, TextArea

from recovery_tui.app import RecoveryApp
from recovery_tui.screens.confirm import ConfirmScreen
from recovery_tui.screens.form import FormScreen
from recovery_tui.storage import PlanStore
from recovery_tui.tabs.assessment import SECTIONS

SIZE = (80, 24)
BARC10 = "5443345644"  # total 42


def tables(data_file: Path) -> dict[str, Any]:
    return json.loads(data_file.read_text(encoding="utf-8"))  # type: ignore[no-any-return]


def assessments(data_file: Path) -> list[dict[str, Any]]:
    return list(tables(data_file).get("assessments", {}).values())


async def go_to_section(pilot: Pilot[None], key: str) -> None:
    """From anywhere: Esc to the section menu, move to ``key``, Enter into it."""
    app = pilot.app
    if not app.query_one("#assessment").display:
        await pilot.press("1")
    await pilot.pause()
    menu = app.query_one("#assessment-menu", OptionList)
    if app.query_one("#assessment").display:
        await pilot.press("escape")  # from inside a section: back to the menu
    if app.focused is not menu:
        await pilot.press("1")
    await pilot.pause()
    target = [k for k, _ in SECTIONS].index(key)
    assert app.focused is menu, app.focused
    for _ in range(len(SECTIONS)):
        if menu.highlighted == target:
            break
        await pilot.press("down" if (menu.highlighted or 0) < target else "up")
    assert menu.highlighted == target
    await pilot.press("enter")
    await pilot.pause()


async def fill_form(pilot: Pilot[None], *steps: str) -> None:
    """Type into a form: each step is text to type, or a key name in <angle brackets>."""
    assert isinstance(pilot.app.screen, FormScreen)
    for step in steps:
        if step.startswith("<") and step.endswith(">"):
            await pilot.press(step[1:-1])
        else:
            await type_text(pilot, step)
    await pilot.press("ctrl+s")
    await pilot.pause()
    assert not isinstance(pilot.app.screen, FormScreen), screen_text(pilot.app)


async def fill_every_section(pilot: Pilot[None]) -> None:
    await go_to_section(pilot, "focus_areas")
    await pilot.press("a")
    await pilot.pause()
    await fill_form(pilot, "Alcohol", "<tab>", "<tab>", "2026-01-10")
    await go_to_section(pilot, "motivations")
    await pilot.press("a")
    await pilot.pause()
    await fill_form(pilot, "Be there for my [kids]", "<tab>", "<space>")
    await pilot.press("a")
    await pilot.pause()
    await fill_form(pilot, "My health")
    await go_to_section(pilot, "challenges")
    await pilot.press("a")
    await pilot.pause()
    await fill_form(pilot, "<tab>", "Most friends still drink")
    await go_to_section(pilot, "strengths")
    await pilot.press("a")
    await pilot.pause()
    await fill_form(pilot, "<tab>", "Steady job")
    await go_to_section(pilot, "barc10")
    await pilot.press(*BARC10)
    await pilot.pause()
    for key, text in (
        ("physical_health", "Poor sleep\nno meds"),
        ("mental_health", "Anxiety; seeing a CBT therapist"),
        ("social_circumstances", "Live alone; home is calm"),
    ):
        await go_to_section(pilot, key)
        assert isinstance(pilot.app.focused, TextArea)
        for line_number, line in enumerate(text.split("\n")):
            if line_number:
                await pilot.press("enter")
            await type_text(pilot, line)
        await pilot.press("escape")  # leaving the field saves it
        await pilot.pause()
    await go_to_section(pilot, "use_history")
    await pilot.press("a")
    await pilot.pause()
    await fill_form(pilot, "<tab>", "Most evenings", "<enter>", "age 20", "<enter>", "2026-01-09")


async def test_fill_every_section_by_keyboard_restart_and_all_is_there(
    data_file: Path, open_app: Callable[[], RecoveryApp], stores: list[Any], frozen_today: date
) -> None:
    app = open_app()
    async with app.run_test(size=SIZE) as pilot:
        await fill_every_section(pilot)
    stores.pop().close()

    saved = tables(data_file)
    area = next(iter(saved["focus_areas"].values()))
    assert (area["name"], area["aim"], area["since"]) == ("Alcohol", "abstinence", "2026-01-10")
    [assessment] = assessments(data_file)
    assert assessment["date"] == frozen_today.isoformat()
    assert assessment["motivations"] == [
        {"text": "Be there for my [kids]", "north_star": True},
        {"text": "My health", "north_star": False},
    ]
    assert assessment["challenges"] == [{"kind": "coping", "note": "Most friends still drink"}]
    assert assessment["strengths"] == [{"kind": "personal", "text": "Steady job"}]
    assert assessment["barc10"] == [int(d) for d in BARC10]
    assert assessment["physical_health"] == "Poor sleep\nno meds"
    assert assessment["mental_health"] == "Anxiety; seeing a CBT therapist"
    assert assessment["social_circumstances"] == "Live alone; home is calm"
    [use] = assessment["use_history"]
    assert (use["focus_area"], use["pattern"], use["since"], use["last_use"]) == (
        area["id"], "Most evenings", "age 20", "2026-01-09",
    )  # fmt: skip

    app = open_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        text = screen_text(app)
        assert "Alcohol: day" in text  # days in recovery in the header
        assert "Assessment of" in text
        assert "BARC-10           42" in text  # the menu shows the total
        await go_to_section(pilot, "motivations")
        assert "★ north star  Be there for my [kids]" in screen_text(app)
        await go_to_section(pilot, "barc10")
        text = screen_text(app)
        assert "Total 42 of 60." in text and "47 and above" in text
        await go_to_section(pilot, "physical_health")
        assert app.query_one("#text-physical_health", TextArea).text == "Poor sleep\nno meds"
        await pilot.press("escape", "6")
        await pilot.pause()
        await pilot.pause()
        plan_text = screen_text(app)
        assert "My north star" in plan_text and "Be there for my [kids]" in plan_text


async def test_a_new_assessment_keeps_the_old_one_which_opens_read_only(
    data_file: Path, open_app: Callable[[], RecoveryApp]
) -> None:
    app = open_app()
    async with app.run_test(size=SIZE) as pilot:
        await go_to_section(pilot, "motivations")
        await pilot.press("a")
        await pilot.pause()
        await fill_form(pilot, "Family")
        await go_to_section(pilot, "barc10")
        await pilot.press(*BARC10)
        await pilot.pause()
        await pilot.press("escape", "n")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("y")
        await pilot.pause()
        first, second = assessments(data_file)
        assert first["barc10"] == [int(d) for d in BARC10]  # the old one is kept as it was
        assert second["motivations"] == first["motivations"]  # the new one starts as a copy
        assert second["barc10"] is None  # ... with the BARC-10 to take afresh
        assert "1 earlier" in screen_text(app)

        await go_to_section(pilot, "motivations")
        await pilot.press("a")
        await pilot.pause()
        await fill_form(pilot, "Work")
        first, second = assessments(data_file)
        assert [m["text"] for m in first["motivations"]] == ["Family"]
        assert [m["text"] for m in second["motivations"]] == ["Family", "Work"]

        await pilot.press("escape", "o")  # open the earlier one
        await pilot.pause()
        await pilot.press("down", "enter")
        await pilot.pause()
        assert "read-only" in screen_text(app)
        await go_to_section(pilot, "motivations")
        assert "Work" not in screen_text(app)
        await pilot.press("a")  # nothing to add to an earlier assessment
        await pilot.pause()
        assert not isinstance(app.screen, FormScreen)
        await pilot.press("escape", "l")
        await pilot.pause()
        assert "read-only" not in screen_text(app)


async def test_each_empty_section_shows_its_hint_and_use_history_needs_a_focus_area(
    open_app: Callable[[], RecoveryApp],
) -> None:
    app = open_app()
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()  # the first tab is built as it is first shown
        assert "No assessment yet" in screen_text(app)
        await go_to_section(pilot, "motivations")
        assert "What drives your change?" in screen_text(app)
        await go_to_section(pilot, "use_history")
        await pilot.press("a")
        await pilot.pause()
        assert not isinstance(app.screen, FormScreen)
        assert any("focus area first" in n.message for n in app._notifications)


async def test_focus_area_form_explains_a_missing_or_bad_date(
    data_file: Path, open_app: Callable[[], RecoveryApp]
) -> None:
    app = open_app()
    async with app.run_test(size=SIZE) as pilot:
        await go_to_section(pilot, "focus_areas")
        await pilot.press("a")
        await pilot.pause()
        await type_text(pilot, "Nicotine")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, FormScreen)
        assert "When did you start?" in screen_text(app)
        assert app.focused is app.screen.query_one("#since")  # the field to fix
        await type_text(pilot, "2026-02-30")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "2026-02-30 is not a date on the calendar." in screen_text(app)
        assert not data_file.exists()


async def test_barc10_shows_earlier_totals_and_when_the_next_is_due(
    data_file: Path, open_app: Callable[[], RecoveryApp], stores: list[Any]
) -> None:
    store = PlanStore(data_file)
    store.open()
    store.save(several_assessments_plan())
    store.close()
    app = open_app()
    async with app.run_test(size=SIZE) as pilot:
        await go_to_section(pilot, "barc10")
        assert "Total 47 of 60. That is a strong base." in screen_text(app)
        history = str(app.query_one("#barc10-history", Static).content)  # below the fold
        assert "Over time:" in history and "38 → 44 → 47" in history
        assert "Your last BARC-10 was on 2026-04-10: time for a new one." in history
