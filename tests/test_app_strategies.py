"""Triggers & Strategies by keyboard at 80x24: every list, reordering, deleting, restart."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from conftest import screen_text, type_text
from textual.pilot import Pilot
from textual.widgets import OptionList

from recovery_tui.app import RecoveryApp
from recovery_tui.screens.confirm import ConfirmScreen
from recovery_tui.screens.form import FormScreen
from recovery_tui.tabs.strategies import SECTIONS

SIZE = (80, 24)


def saved(data_file: Path, table: str) -> list[dict[str, Any]]:
    tables = json.loads(data_file.read_text(encoding="utf-8"))
    return list(tables.get(table, {}).values())


async def open_section(pilot: Pilot[None], key: str) -> None:
    """Esc back to the section menu (or 3 from elsewhere), move to ``key``, Enter."""
    app = pilot.app
    if not app.query_one("#triggers").display:
        await pilot.press("3")
        await pilot.pause()
    menu = app.query_one("#triggers-menu", OptionList)
    if app.query_one("#triggers").display and app.focused is not menu:
        await pilot.press("escape")
        if app.focused is not menu:
            await pilot.press("escape")
    if app.focused is not menu:
        await pilot.press("3")
    await pilot.pause()
    assert app.focused is menu, app.focused
    target = [k for k, _ in SECTIONS].index(key)
    for _ in range(len(SECTIONS)):
        if menu.highlighted == target:
            break
        await pilot.press("down" if (menu.highlighted or 0) < target else "up")
    await pilot.press("enter")
    await pilot.pause()


async def form(pilot: Pilot[None], *steps: str) -> None:
    """Fill the open form: text to type, or <key> names; then Ctrl+S."""
    assert isinstance(pilot.app.screen, FormScreen), screen_text(pilot.app)
    for step in steps:
        if step.startswith("<") and step.endswith(">"):
            await pilot.press(step[1:-1])
        else:
            await type_text(pilot, step)
    await pilot.press("ctrl+s")
    await pilot.pause()
    assert not isinstance(pilot.app.screen, FormScreen), screen_text(pilot.app)


async def add(pilot: Pilot[None], *steps: str) -> None:
    await pilot.press("a")
    await pilot.pause()
    await form(pilot, *steps)


async def test_every_list_by_keyboard_then_restart_and_all_is_there(
    data_file: Path, open_app: Callable[[], RecoveryApp], stores: list[Any]
) -> None:
    app = open_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_section(pilot, "triggers")
        await add(pilot, "The bar on my way home", "<tab>", "<tab>", "<tab>")
        await pilot.press("enter")  # open the trigger's own list of strategies
        await pilot.pause()
        await add(pilot, "Take the bus route")
        await add(pilot, "Call Alex")
        await add(pilot, "Walk with a friend")
        strategies = saved(data_file, "triggers")[0]["strategies"]
        assert strategies == ["Take the bus route", "Call Alex", "Walk with a friend"]
        await pilot.press("K")  # move "Walk with a friend" up
        await pilot.pause()
        assert saved(data_file, "triggers")[0]["strategies"] == [
            "Take the bus route", "Walk with a friend", "Call Alex",
        ]  # fmt: skip
        await pilot.press("up", "d")  # delete the first, asking first
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("y")
        await pilot.pause()
        assert saved(data_file, "triggers")[0]["strategies"] == ["Walk with a friend", "Call Alex"]

        await open_section(pilot, "coping_skills")
        await add(pilot, "Box breathing", "<enter>", "5 minutes each morning")
        await open_section(pilot, "self_care")
        await add(pilot, "<tab>", "In bed by 11 pm")
        await open_section(pilot, "warning_signs")
        await add(pilot, "Skipping meetings")
        await pilot.press("enter")
        await pilot.pause()
        await add(pilot, "Call my sponsor")
        await open_section(pilot, "commitments")
        await add(pilot, "Volunteer monthly", "<enter>", "", "<enter>", "My sister")
    stores.pop().close()

    [trigger] = saved(data_file, "triggers")
    assert trigger["text"] == "The bar on my way home"
    assert trigger["strategies"] == ["Walk with a friend", "Call Alex"]
    assert saved(data_file, "coping_skills") == [
        {"id": "c1", "name": "Box breathing", "practice": "5 minutes each morning"}
    ]
    assert saved(data_file, "self_care") == [
        {"id": "s1", "area": "sleep", "commitment": "In bed by 11 pm"}
    ]
    assert saved(data_file, "warning_signs") == [
        {"id": "w1", "sign": "Skipping meetings", "responses": ["Call my sponsor"]}
    ]
    assert saved(data_file, "commitments") == [
        {"id": "k1", "text": "Volunteer monthly", "consequence": "", "accountable_to": "My sister"}
    ]

    app = open_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_section(pilot, "triggers")
        text = screen_text(app)
        row = app.query_one("#section-triggers .items", OptionList).get_option_at_index(0)
        assert "The bar on my way home · person · 2 strategies" in str(row.prompt)
        assert "→ Walk with a friend" in text and "→ Call Alex" in text
        await open_section(pilot, "warning_signs")
        assert "Skipping meetings · 1 response" in screen_text(app)
        await open_section(pilot, "gaps")
        assert "Nothing to close here" in screen_text(app)


async def test_intensity_shows_as_number_and_bar_and_sorts_strongest_first(
    data_file: Path, open_app: Callable[[], RecoveryApp]
) -> None:
    app = open_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_section(pilot, "triggers")
        await add(pilot, "Payday")  # a new trigger starts at the middle intensity, 3
        await add(pilot, "Stress at work", "<tab>", "<tab>", "<tab>", "<enter>", "<down>",
                  "<down>", "<enter>")  # fmt: skip
        intensities = [t["intensity"] for t in saved(data_file, "triggers")]
        assert intensities == [3, 5]
        assert "5 █████  Stress at work" in screen_text(app)
        await pilot.press("i")
        await pilot.pause()
        assert [t["text"] for t in saved(data_file, "triggers")] == ["Stress at work", "Payday"]


async def test_gaps_and_halt_check_point_to_the_persons_own_steps(
    open_app: Callable[[], RecoveryApp],
) -> None:
    app = open_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_section(pilot, "triggers")
        await add(pilot, "Payday")
        await open_section(pilot, "gaps")
        gaps = screen_text(app)
        assert "The trigger “Payday” has no strategy yet" in gaps
        assert "No coping skills yet" in gaps and "No self-care routines yet" in gaps
        await open_section(pilot, "self_care")
        await add(pilot, "<tab>", "In bed by 11 pm")  # sleep is the first area
        await open_section(pilot, "halt")
        await pilot.press("t")
        await pilot.pause()
        text = screen_text(app)
        assert "[x] Tired" in text and "[ ] Hungry" in text
        assert "Tired: In bed by 11 pm" in text


async def test_number_keys_leave_a_nested_list_for_another_tab(
    open_app: Callable[[], RecoveryApp],
) -> None:
    app = open_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_section(pilot, "warning_signs")
        await add(pilot, "Isolating")
        await pilot.press("enter")  # into its responses
        await pilot.pause()
        await pilot.press("6")
        await pilot.pause()
        assert app.query_one("TabbedContent").active == "plan"  # type: ignore[attr-defined]
        assert "Isolating" in screen_text(app)  # the written plan shows it
