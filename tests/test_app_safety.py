"""The app with a second instance, after a crash, and with the help and palette screens."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import screen_text
from textual.widgets import OptionList

from recovery_tui.app import RecoveryApp
from recovery_tui.model import Goal, Plan
from recovery_tui.paths import crash_log_file
from recovery_tui.screens.help import HelpScreen
from recovery_tui.storage import PlanStore
from recovery_tui.tabs.goals import GoalsTab

SIZE = (80, 24)
SECRET = "my private note about Tuesday"


async def test_second_instance_is_read_only_and_never_overwrites(
    data_file: Path, open_app: Callable[[], RecoveryApp], stores: list[PlanStore]
) -> None:
    first = PlanStore(data_file)  # the first window
    stores.append(first)
    first.open()
    first.save(Plan(goals=(Goal(id="g1", title="From the first window"),)))
    before = data_file.read_bytes()

    app = open_app()  # the second window
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        assert app.store.read_only
        assert "READ-ONLY" in screen_text(app)
        await pilot.press("2", "a")
        await pilot.pause()
        await pilot.press(*"Another goal")
        await pilot.press("ctrl+s")
        await pilot.pause()
        messages = [n.message for n in app._notifications]
        assert any("read-only" in m for m in messages)
        titles = [str(o.prompt) for o in app.query_one("#goal-list").options]  # type: ignore[attr-defined]
        assert not any("Another goal" in t for t in titles)
    assert data_file.read_bytes() == before


async def test_a_crash_shows_a_short_message_and_logs_no_plan_text(
    data_file: Path,
    open_app: Callable[[], RecoveryApp],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    def broken_add(self: GoalsTab) -> None:
        notes = SECRET  # a local variable holding the person's words
        raise RuntimeError(f"bug while handling {notes}")

    monkeypatch.setattr(GoalsTab, "action_add", broken_add)
    app = open_app()
    with pytest.raises(RuntimeError):
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("2", "a")
            await pilot.pause()
    assert app.return_code == 1
    shown = capsys.readouterr().err
    log = crash_log_file(data_file)
    # The message is wrapped to the terminal's width, which can split a long path anywhere
    # (under pytest-xdist tmp_path is longer): the lines joined again name the log.
    assert "not anything you did" in shown and str(log) in shown.replace("\n", "")
    assert SECRET not in shown and "Traceback" not in shown
    assert log.stat().st_mode & 0o777 == 0o600
    logged = log.read_text(encoding="utf-8")
    assert "RuntimeError" in logged and "broken_add" in logged
    assert SECRET not in logged


async def test_help_lists_every_key_and_closes_with_escape(
    open_app: Callable[[], RecoveryApp],
) -> None:
    app = open_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        text = screen_text(app)
        for words in ("Ctrl+PgDn", "Next tab", "Help", "Quit"):
            assert words in text
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, HelpScreen)
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)


async def test_next_tab_key_works_inside_a_text_field(open_app: Callable[[], RecoveryApp]) -> None:
    app = open_app()
    async with app.run_test(size=SIZE) as pilot:
        tabs = app.query_one("TabbedContent")
        await pilot.press("ctrl+pagedown")
        assert tabs.active == "goals"  # type: ignore[attr-defined]
        await pilot.press("ctrl+pageup", "ctrl+pageup")
        assert tabs.active == "plan"  # type: ignore[attr-defined]


async def test_palette_has_no_screenshot_and_offers_every_tab(
    open_app: Callable[[], RecoveryApp],
) -> None:
    app = open_app()
    async with app.run_test(size=SIZE):
        titles = [c.title for c in app.get_system_commands(app.screen)]
        assert "Screenshot" not in titles
        for tab in ("Assessment", "Goals", "Triggers & Strategies", "Support", "Review Log"):
            assert f"Go to {tab}" in titles
        assert "Add a goal" in titles and "Quit" in titles


async def test_q_quits_outside_fields_but_types_inside_them(
    open_app: Callable[[], RecoveryApp],
) -> None:
    app = open_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("2", "a")
        await pilot.pause()
        await pilot.press("q", "1")
        assert app.screen.query_one("#title").value == "q1"  # type: ignore[attr-defined]
        await pilot.press("escape", "y")
        await pilot.pause()
        await pilot.press("q")
        await pilot.pause()
        assert not app.is_running


async def test_over_ssh_the_cursor_does_not_blink(
    open_app: Callable[[], RecoveryApp], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SSH_CONNECTION", "10.0.0.1 50000 10.0.0.2 22")
    app = open_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("2", "a")
        await pilot.pause()
        assert app.screen.query_one("#title").cursor_blink is False  # type: ignore[attr-defined]
        await pilot.press("ctrl+pagedown")  # no tab change beneath an open form
        assert app.query_one("TabbedContent").active == "goals"  # type: ignore[attr-defined]


async def test_plan_tab_lists_the_gaps_and_enter_jumps_to_the_place_to_fix_one(
    open_app: Callable[[], RecoveryApp],
) -> None:
    app = open_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("6")
        await pilot.pause()
        await pilot.pause()
        gaps = app.query_one("#plan-gaps", OptionList)
        prompts = [str(gaps.get_option_at_index(i).prompt) for i in range(gaps.option_count)]
        assert any("No self-care routines yet" in p for p in prompts)
        assert app.focused is gaps
        gaps.highlighted = next(i for i, p in enumerate(prompts) if "self-care" in p)
        await pilot.press("enter")
        await pilot.pause()
        assert app.query_one("TabbedContent").active == "triggers"  # type: ignore[attr-defined]
        assert app.focused is app.query_one("#section-self_care .items")
        await pilot.press("a")  # and the person can add one right there
        await pilot.pause()
        assert "New self-care routine" in screen_text(app)


async def test_export_from_the_app_writes_a_private_file(
    open_app: Callable[[], RecoveryApp], tmp_path: Path
) -> None:
    target = tmp_path / "card.html"
    app = open_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("6")
        await pilot.pause()
        await pilot.press("x")  # export, from the Plan tab
        await pilot.pause()
        await pilot.press("tab", "enter", "down", "enter", "tab", "ctrl+u")  # for a supporter
        await pilot.press(*str(target))
        await pilot.press("ctrl+s")
        await pilot.pause()
    assert target.stat().st_mode & 0o777 == 0o600
    page = target.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and "Support card" in page and "988" in page
