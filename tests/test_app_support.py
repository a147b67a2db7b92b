"""Support tab and the crisis screen by keyboard at 80x24."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from conftest import screen_text, type_text
from textual.pilot import Pilot
from textual.widgets import OptionList

from recovery_tui.app import RecoveryApp
from recovery_tui.helplines import NATIONAL_LINES_CHECKED
from recovery_tui.method import ROLE_LABELS
from recovery_tui.screens.crisis import CrisisScreen
from recovery_tui.screens.form import FormScreen
from recovery_tui.tabs.support import SECTIONS

SIZE = (80, 24)


def contacts(data_file: Path) -> list[dict[str, Any]]:
    tables = json.loads(data_file.read_text(encoding="utf-8"))
    return list(tables.get("contacts", {}).values())


async def open_section(pilot: Pilot[None], key: str) -> None:
    app = pilot.app
    if not app.query_one("#support").display:
        await pilot.press("4")
        await pilot.pause()
    menu = app.query_one("#support-menu", OptionList)
    for _ in range(2):
        if app.query_one("#support").display and app.focused is not menu:
            await pilot.press("escape")
    if app.focused is not menu:
        await pilot.press("4")
    await pilot.pause()
    target = [k for k, _ in SECTIONS].index(key)
    for _ in range(len(SECTIONS)):
        if menu.highlighted == target:
            break
        await pilot.press("down" if (menu.highlighted or 0) < target else "up")
    await pilot.press("enter")
    await pilot.pause()


async def add_contact(pilot: Pilot[None], name: str, role_steps: int, phone: str,
                      crisis: bool = False) -> None:  # fmt: skip
    """a, the name, pick the role (the list opens on Friend, the second), the phone."""
    await pilot.press("a")
    await pilot.pause()
    assert isinstance(pilot.app.screen, FormScreen)
    await type_text(pilot, name)
    await pilot.press("tab", "enter")  # open the role list
    await pilot.pause()
    moves = ["up"] if role_steps == 0 else ["down"] * (role_steps - 1)
    await pilot.press(*moves, "enter")
    await pilot.press("tab")
    await type_text(pilot, phone)
    if crisis:
        await pilot.press("tab", "tab", "tab", "tab", "space")  # email, when, how, crisis
    await pilot.press("ctrl+s")
    await pilot.pause()
    assert not isinstance(pilot.app.screen, FormScreen), screen_text(pilot.app)


async def test_contacts_of_each_role_and_the_crisis_screen_from_anywhere(
    data_file: Path, open_app: Callable[[], RecoveryApp], stores: list[Any], frozen_today: date
) -> None:
    app = open_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_section(pilot, "contacts")
        roles = list(ROLE_LABELS)
        for steps, role in enumerate(roles):
            crisis = role == "sponsor"
            await add_contact(pilot, f"{role.title()} person", steps, f"555-01{steps:02d}", crisis)
        saved = contacts(data_file)
        assert [c["role"] for c in saved] == roles
        [sponsor] = [c for c in saved if c["crisis"]]
        assert (sponsor["name"], sponsor["phone"]) == ("Sponsor person", "555-0103")

        await pilot.press("up", "up", "s")  # on the sponsor: I shared my plan today
        await pilot.pause()
        shared = {c["name"]: c["plan_shared_on"] for c in contacts(data_file)}
        assert shared.pop("Sponsor person") == frozen_today.isoformat()
        assert set(shared.values()) == {None}

        # From inside a text field: F2 (and Ctrl+G) work where ! would be typed.
        await open_section(pilot, "meetings")
        await pilot.press("a")
        await pilot.pause()
        await type_text(pilot, "Tuesday group!")
        assert pilot.app.screen.query_one("#name").value == "Tuesday group!"  # type: ignore[attr-defined]
        await pilot.press("f2")
        await pilot.pause()
        assert isinstance(app.screen, CrisisScreen)
        text = screen_text(app)
        assert "555-0103 · Sponsor person" in text  # the number first: see tests/test_bidi.py
        assert "If you need someone now: 555-0103 (Sponsor person)." in text
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, FormScreen)  # back where the person was
        await pilot.press("ctrl+g")
        await pilot.pause()
        assert isinstance(app.screen, CrisisScreen)
        await pilot.press("escape", "escape", "y")
        await pilot.pause()

        # From the Review Log tab, ! opens it.
        await pilot.press("escape", "escape", "5")
        await pilot.pause()
        assert app.query_one("TabbedContent").active == "review"  # type: ignore[attr-defined]
        await pilot.press("exclamation_mark")
        await pilot.pause()
        assert isinstance(app.screen, CrisisScreen)
        assert "555-0103" in screen_text(app)
    stores.pop().close()


async def test_empty_plan_crisis_screen_shows_the_national_lines(
    open_app: Callable[[], RecoveryApp],
) -> None:
    app = open_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("exclamation_mark")
        await pilot.pause()
        assert isinstance(app.screen, CrisisScreen)
        body = app.screen.query_one("#crisis-body")
        await pilot.press("end")
        await pilot.pause()
        text = screen_text(app)
        assert f"last checked {NATIONAL_LINES_CHECKED.isoformat()}" in text
        for number in ("988", "741741", "1-800-662-4357", "1-800-222-1222", "911"):
            assert number in text
        assert body.has_focus
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, CrisisScreen)
        assert "F2 or ! help now" in screen_text(app)  # always on screen


async def test_no_crisis_contact_is_flagged_kindly(open_app: Callable[[], RecoveryApp]) -> None:
    app = open_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_section(pilot, "gaps")
        assert "No one is marked to call in a crisis yet." in screen_text(app)
