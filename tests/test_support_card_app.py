"""In the app, by keyboard at 80x24: the person's name (asked in the first-run guide, changed
on the Support tab with n) and "On my card", which puts a contact on the supporter card."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from conftest import screen_text, seed, type_text
from test_app_support import contacts, open_section

from recovery_tui.app import RecoveryApp
from recovery_tui.export import export_markdown
from recovery_tui.model import Contact, Plan, Profile
from recovery_tui.screens.first_run import FirstRunScreen, guide_wanted
from recovery_tui.screens.form import FormScreen
from recovery_tui.storage import PlanStore

SIZE = (80, 24)
TODAY = date(2026, 11, 26)


async def test_the_first_run_guide_asks_the_name_on_its_first_step(
    data_file: Path, open_app: Callable[[], RecoveryApp], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("recovery_tui.screens.first_run.guide_wanted", guide_wanted)
    app = open_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, FirstRunScreen)
        text = screen_text(app)
        assert "Step 1 of 5 · Welcome" in text and "Your name" in text
        await type_text(pilot, "Sam")
        await pilot.press("enter")  # the name saved, on to the next step
        await pilot.pause()
        assert "Step 2 of 5" in screen_text(app)
        assert "Saved: your plan and your support card carry the name Sam." in screen_text(app)
    assert PlanStore(data_file).load().profile.name == "Sam"


async def test_enter_alone_on_the_first_step_goes_on_without_a_name(
    data_file: Path, open_app: Callable[[], RecoveryApp], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("recovery_tui.screens.first_run.guide_wanted", guide_wanted)
    app = open_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert "Step 2 of 5" in screen_text(app)
    assert not data_file.exists() or PlanStore(data_file).load().profile.name == ""


async def test_n_on_the_people_list_changes_the_name_and_blank_takes_it_away(
    data_file: Path, open_app: Callable[[], RecoveryApp], frozen_today: date
) -> None:
    seed(data_file, Plan(profile=Profile(name="Sam"), contacts=(Contact("p1", "Alex"),)))
    app = open_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_section(pilot, "contacts")
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, FormScreen)
        assert app.screen.query_one("#name").value == "Sam"  # type: ignore[attr-defined]
        await pilot.press("ctrl+u")
        await type_text(pilot, "Samira")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not isinstance(app.screen, FormScreen)
        assert PlanStore(data_file).load().profile.name == "Samira"
        await pilot.press("n")
        await pilot.pause()
        await pilot.press("ctrl+u", "ctrl+s")
        await pilot.pause()
    plan = PlanStore(data_file).load()
    assert plan.profile.name == ""
    assert export_markdown(plan, "supporter", TODAY).startswith("# Support card\n")


async def test_on_my_card_puts_a_professional_on_the_supporter_card(
    data_file: Path, open_app: Callable[[], RecoveryApp], frozen_today: date
) -> None:
    lee = Contact("p1", "Dr. Lee", "professional", "555-0120", how_they_help="Prescriber")
    seed(data_file, Plan(contacts=(lee,)))
    assert "Dr. Lee" not in export_markdown(PlanStore(data_file).load(), "supporter", TODAY)
    app = open_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_section(pilot, "contacts")
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, FormScreen)
        assert "On my card" in screen_text(app)
        app.screen.query_one("#on_card").focus()
        await pilot.press("space", "ctrl+s")
        await pilot.pause()
        assert not isinstance(app.screen, FormScreen)
        assert "555-0120 · Dr. Lee · on my card" in screen_text(app)
    assert [c["on_card"] for c in contacts(data_file)] == [True]
    plan = PlanStore(data_file).load()
    assert plan.contacts == (dataclasses.replace(lee, on_card=True),)
    assert "- 555-0120 · **\u2068Dr. Lee\u2069**, professional" in export_markdown(
        plan, "supporter", TODAY
    )
