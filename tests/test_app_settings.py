"""The settings file in the running app: theme, keys, cursor blink, review rhythm, j/k."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import screen_text, seed
from textual.binding import Binding
from textual.widgets import OptionList

from recovery_tui.app import RecoveryApp
from recovery_tui.config import load_config
from recovery_tui.model import Goal, Plan
from recovery_tui.screens.help import HelpScreen
from recovery_tui.storage import PlanStore
from recovery_tui.widgets.fields import PlanInput

SIZE = (80, 24)


@pytest.fixture
def settings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "config" / "config.toml"
    path.parent.mkdir()
    monkeypatch.setenv("RECOVERY_TUI_CONFIG", str(path))
    return path


async def test_theme_keys_blink_and_rhythm_come_from_the_settings_file(
    settings: Path, data_file: Path, open_app: Callable[[], RecoveryApp]
) -> None:
    settings.write_text(
        'theme = "nord"\ncursor_blink = false\nreview_every_days = 7\n\n[keys]\n"app.help" = "f9"\n'
    )
    seed(data_file, Plan(goals=(Goal(id="g1", title="Walk"),)))
    app = open_app()
    async with app.run_test(size=SIZE) as pilot:
        assert app.theme == "nord"
        await pilot.press("f9")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape", "2", "a")
        await pilot.pause()
        assert app.screen.query_one("#title", PlanInput).cursor_blink is False
    assert PlanStore(data_file).load().profile.review_every_days == 7


async def test_a_bad_settings_file_is_named_with_its_line_and_the_app_still_starts(
    settings: Path, open_app: Callable[[], RecoveryApp]
) -> None:
    settings.write_text('theme = "nord"\nthme = "dracula"\nmouse = "yes"\n')
    app = open_app()
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        [shown] = [n.message for n in app._notifications]
        assert shown.startswith(f"In your settings file {settings}:")
        assert "unknown setting 'thme' (line 2); did you mean 'theme'?" in shown
        assert "mouse (line 3)" in shown
        assert app.theme == "nord"  # the good setting still counts
        assert "Assessment" in screen_text(app)


async def test_a_theme_chosen_in_the_app_is_remembered(
    settings: Path, open_app: Callable[[], RecoveryApp]
) -> None:
    settings.write_text("# my settings\nmouse = true\n")
    app = open_app()
    async with app.run_test(size=SIZE) as pilot:
        app.theme = "dracula"  # what the palette's theme picker does
        await pilot.pause()
    config, problems = load_config(settings)
    assert (config.theme, problems) == ("dracula", [])
    assert settings.read_text().startswith("# my settings\n")


async def test_j_and_k_move_in_lists_and_keys_are_shown_in_words(
    data_file: Path, open_app: Callable[[], RecoveryApp]
) -> None:
    seed(data_file, Plan(goals=(Goal(id="g1", title="Walk"), Goal(id="g2", title="Sleep"))))
    app = open_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("2")
        await pilot.pause()
        goals = app.query_one("#goal-list", OptionList)
        assert app.focused is goals and goals.highlighted == 0
        await pilot.press("j")
        assert goals.highlighted == 1
        await pilot.press("k")
        assert goals.highlighted == 0
        assert app.get_key_display(Binding("ctrl+s", "save")) == "Ctrl+S"
        assert app.get_key_display(Binding("ctrl+pagedown", "next")) == "Ctrl+PgDn"


@pytest.mark.parametrize(
    ("argv", "setting", "mouse"),
    [([], "", True), (["--no-mouse"], "", False), ([], "mouse = false\n", False)],
)
def test_the_mouse_can_be_switched_off(
    argv: list[str],
    setting: str,
    mouse: bool,
    settings: Path,
    data_file: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from recovery_tui.cli import main

    settings.write_text(setting)
    runs: list[dict[str, object]] = []
    monkeypatch.setattr(RecoveryApp, "run", lambda self, **kw: runs.append(kw))
    assert main([*argv, "--data", str(data_file)]) == 0
    assert runs == [{"mouse": mouse}]
