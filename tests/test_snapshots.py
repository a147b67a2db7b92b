"""Snapshots (pytest-textual-snapshot) of the app at 80x24 with the example plan.

Every tab, the Plan tab at its Goals section, the crisis screen, the keys screen, the start
screen as a 16-colour terminal shows it and the start screen with NO_COLOR set. The SVG files
in ``__snapshots__/test_snapshots/`` are reviewed by eye; after a deliberate change to the look,
regenerate them with ``pytest tests/test_snapshots.py --snapshot-update`` and look again.

Determinism: the clock is frozen (with the time zone) at 2026-11-26 09:30 UTC, so the days in
recovery, "review due", the check-in streak and every "today" are the same on every run; the
cursor does not blink and animations are off.
"""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable, Iterator, Sequence
from datetime import date, datetime
from functools import lru_cache
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import textual.constants
import time_machine
from plans import example_plan
from rich.color import ColorSystem
from rich.color_triplet import ColorTriplet
from rich.segment import Segment
from rich.style import Style
from rich.terminal_theme import SVG_EXPORT_THEME
from textual.color import Color
from textual.filter import LineFilter
from textual.pilot import Pilot

from recovery_tui.app import RecoveryApp
from recovery_tui.config import Config
from recovery_tui.storage import PlanStore
from recovery_tui.widgets.plan_document import PlanDocument

SIZE = (80, 24)
NOW = datetime(2026, 11, 26, 9, 30, tzinfo=ZoneInfo("UTC"))  # the example's exported_at
TODAY = NOW.date()
SNAPSHOTS = Path(__file__).parent / "__snapshots__" / Path(__file__).stem

RunBefore = Callable[[Pilot[Any]], Awaitable[None]]
SnapCompare = Callable[..., bool]
MakeApp = Callable[..., RecoveryApp]


@pytest.fixture(autouse=True)
def frozen_clock() -> Iterator[None]:
    """Today is always 2026-11-26, in every time zone (the zone is set too)."""
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture(autouse=True)
def plain_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """The same colours whatever the runner's own terminal settings (NO_COLOR, TEXTUAL_FILTERS
    and TEXTUAL_COLOR_SYSTEM, the last two read once when Textual is imported)."""
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.setattr(textual.constants, "FILTERS", "")
    monkeypatch.setattr(textual.constants, "COLOR_SYSTEM", "auto")


@pytest.fixture
def make_app(data_file: Path, stores: list[PlanStore]) -> MakeApp:
    """The app on a file holding the example plan, settled for screenshots."""
    seed = PlanStore(data_file)
    seed.open()
    seed.save(example_plan())
    seed.close()

    def make(app_class: type[RecoveryApp] = RecoveryApp) -> RecoveryApp:
        store = PlanStore(data_file)
        stores.append(store)
        app = app_class(store, Config(cursor_blink=False))
        app.animation_level = "none"
        return app

    return make


def after(*keys: str) -> RunBefore:
    """Press ``keys`` one at a time, letting each screen or tab build before the next."""

    async def run_before(pilot: Pilot[Any]) -> None:
        assert date.today() == TODAY  # the app sees the frozen clock
        for key in keys:
            await pilot.press(key)
            await pilot.pause()
            await pilot.pause()

    return run_before


TABS = {
    "1": "assessment",
    "2": "goals",
    "3": "triggers",
    "4": "support",
    "5": "review",
    "6": "plan",
}


@pytest.mark.parametrize("key", list(TABS), ids=[f"{k}-{name}" for k, name in TABS.items()])
def test_tab(key: str, snap_compare: SnapCompare, make_app: MakeApp) -> None:
    assert snap_compare(make_app(), terminal_size=SIZE, run_before=after(key))


def test_plan_tab_at_the_goals_section(snap_compare: SnapCompare, make_app: MakeApp) -> None:
    """Plan tab, ``g``, then the Goals section picked from the list."""

    async def run_before(pilot: Pilot[Any]) -> None:
        await after("6")(pilot)
        titles = pilot.app.query_one(PlanDocument).section_titles()
        goals = next(i for i, title in enumerate(titles) if title.startswith("Goals"))
        await after("g", *["down"] * goals, "enter")(pilot)

    assert snap_compare(make_app(), terminal_size=SIZE, run_before=run_before)


def test_crisis_screen(snap_compare: SnapCompare, make_app: MakeApp) -> None:
    assert snap_compare(make_app(), terminal_size=SIZE, run_before=after("1", "f2"))


def test_keys_screen(snap_compare: SnapCompare, make_app: MakeApp) -> None:
    assert snap_compare(make_app(), terminal_size=SIZE, run_before=after("1", "question_mark"))


# --------------------------------------------------------------------- 16 colours, NO_COLOR


@lru_cache(maxsize=1024)
def _downgraded(style: Style, system: ColorSystem) -> Style:
    color, bgcolor = style.color, style.bgcolor
    return style + Style.from_color(
        color.downgrade(system) if color else None,
        bgcolor.downgrade(system) if bgcolor else None,
    )


class SixteenColours(LineFilter):
    """Each colour as a 16-colour terminal gets it. Textual draws in true colour and only its
    output (Strip.render) downgrades each colour to the console's colour system, as it writes
    to the terminal; a screenshot is drawn in true colour, so it never shows that by itself."""

    def apply(self, segments: list[Segment], background: Color) -> list[Segment]:
        standard = ColorSystem.STANDARD
        return [
            Segment(text, None if style is None else _downgraded(style, standard), control)
            for text, style, control in segments
        ]


class SixteenColourApp(RecoveryApp):
    """The app as a 16-colour terminal shows it: the downgrade applied as a last filter."""

    sixteen_colours = SixteenColours()

    def get_line_filters(self) -> Sequence[LineFilter]:
        return [*super().get_line_filters(), self.sixteen_colours]


def test_start_screen_in_16_colours(
    snap_compare: SnapCompare,
    make_app: MakeApp,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """As TEXTUAL_COLOR_SYSTEM=standard shows it (read once, when Textual is imported)."""
    monkeypatch.setattr(textual.constants, "COLOR_SYSTEM", "standard")
    app = make_app(SixteenColourApp)
    assert app.console.color_system == "standard"
    assert snap_compare(app, terminal_size=SIZE, run_before=after("1"))


def test_start_screen_with_no_color(
    snap_compare: SnapCompare,
    make_app: MakeApp,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Textual reads NO_COLOR when the app is made; with a true-colour theme (not ansi-dark)
    it turns every colour into a grey of the same lightness (its Monochrome filter)."""
    monkeypatch.setenv("NO_COLOR", "1")
    app = make_app()
    assert app.no_color
    assert snap_compare(app, terminal_size=SIZE, run_before=after("1"))


# ------------------------------------------------- what the stored snapshots must not contain


def screen_colours(svg: str) -> set[str]:
    """The text and background colours of the terminal in an SVG from Rich's export
    (leaving out the window frame: its three buttons and its own background)."""
    text = re.findall(r"\.terminal-[\w-]*r\d+ \{ fill: (#[0-9a-f]{6})", svg)
    backgrounds = re.findall(r'<rect fill="(#[0-9a-f]{6})" x=', svg)
    return {*text, *backgrounds}


def stored(name: str) -> str:
    path = SNAPSHOTS / f"{name}.svg"
    if not path.is_file():
        pytest.skip(f"{path.name} is made by a run with --snapshot-update")
    return path.read_text(encoding="utf-8")


def hex_colour(triplet: ColorTriplet) -> str:
    return "#{:02x}{:02x}{:02x}".format(*triplet)


# The export's own default text colour: Rich writes each line's end in it.
LINE_END = hex_colour(SVG_EXPORT_THEME.foreground_color)


def test_the_16_colour_snapshot_uses_only_the_16_ansi_colours() -> None:
    ansi = {hex_colour(SVG_EXPORT_THEME.ansi_colors[n]) for n in range(16)}
    colours = screen_colours(stored("test_start_screen_in_16_colours"))
    assert colours <= {*ansi, LINE_END}
    truecolour = screen_colours(stored("test_tab[1-assessment]"))
    assert not truecolour <= {*ansi, LINE_END}  # the default one really is in true colour


def test_the_no_color_snapshot_is_only_greys() -> None:
    def grey(colour: str) -> bool:
        return colour[1:3] == colour[3:5] == colour[5:7]

    colours = screen_colours(stored("test_start_screen_with_no_color")) - {LINE_END}
    assert all(grey(colour) for colour in colours)
    default = screen_colours(stored("test_tab[1-assessment]")) - {LINE_END}
    assert not all(grey(colour) for colour in default)  # the default one has colours
