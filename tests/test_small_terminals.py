"""60x20 and resizing: every tab and section builds and shows its content, after quick
switches in any order and after the terminal is made smaller and larger again; the field
that has the keyboard is always in sight."""

from __future__ import annotations

import asyncio
import random
from collections.abc import Callable, Iterator

import pytest
import time_machine
from conftest import screen_text, seed
from plans import example_plan
from textual.containers import Container
from textual.widget import Widget
from textual.widgets import ContentSwitcher, Input

from recovery_tui.app import TAB_IDS, RecoveryApp
from recovery_tui.screens.form import FormScreen
from recovery_tui.tabs.sectioned import SectionedTab

SMALL = (60, 20)
NOON = "2026-12-04 12:00"


@pytest.fixture(autouse=True)
def a_fixed_day() -> Iterator[None]:
    with time_machine.travel(NOON, tick=True):
        yield


def assert_tab_shows_content(app: RecoveryApp, tab: str) -> None:
    """The tab is on screen with its frame (and, for a sectioned tab, a section) built."""
    text = screen_text(app)
    assert "Tab#" not in text, text  # an unbuilt pane draws its own name
    pane = app.query_one(f"#{tab}")
    if isinstance(pane, SectionedTab):
        body = pane.query_one(f"#{tab}-body", ContentSwitcher)
        assert body.current is not None, f"{tab}: no section shown\n{text}"
        assert body.query_one(f"#{body.current}").region.area > 0


async def wait_built(app: RecoveryApp, tab: str, pilot_pause: Callable[[], object]) -> None:
    for _ in range(20):
        pane = app.query_one(f"#{tab}")
        done = not isinstance(pane, SectionedTab) or (
            pane.is_mounted and pane.query(ContentSwitcher) and
            pane.query_one(f"#{tab}-body", ContentSwitcher).current is not None
        )  # fmt: skip
        if done:
            return
        await pilot_pause()  # type: ignore[misc]


def in_sight(widget: Widget) -> bool:
    """The whole widget is inside the screen and inside every scrolling parent."""
    screen = widget.screen
    region = widget.region
    if region.area == 0 or not screen.region.contains_region(region):
        return False
    return all(
        parent.region.contains_region(region)
        for parent in widget.ancestors
        if isinstance(parent, Container | Widget) and parent.is_scrollable and parent.region.area
    )


@pytest.mark.parametrize("seed_number", [1, 2, 3])
async def test_every_tab_and_section_builds_at_60x20_in_any_order_and_pace(
    seed_number: int, data_file: object, open_app: Callable[[], RecoveryApp]
) -> None:
    seed(data_file, example_plan())  # type: ignore[arg-type]
    rng = random.Random(seed_number)
    app = open_app()
    async with app.run_test(size=SMALL) as pilot:
        visits = [*TAB_IDS, *TAB_IDS]
        rng.shuffle(visits)
        for tab in visits:  # quick switches: 0-300 ms apart, often under 50 ms
            await pilot.press(str(TAB_IDS.index(tab) + 1))
            await asyncio.sleep(rng.choice([0, 0.01, 0.03, 0.1, 0.3]))
        await pilot.pause()
        last = visits[-1]
        await wait_built(app, last, pilot.pause)
        assert_tab_shows_content(app, last)
        for tab in TAB_IDS:  # then every tab, and every section, in a random order
            await pilot.press(str(TAB_IDS.index(tab) + 1))
            await wait_built(app, tab, pilot.pause)
            assert_tab_shows_content(app, tab)
            pane = app.query_one(f"#{tab}")
            if isinstance(pane, SectionedTab):
                keys = [key for key, _ in pane.SECTIONS]
                rng.shuffle(keys)
                for key in keys:
                    await pane.open_section(key)
                    await asyncio.sleep(rng.choice([0, 0.05]))
                    await pilot.pause()
                    assert pane.query_one(f"#section-{key}").region.area > 0, key
                    assert_tab_shows_content(app, tab)


async def test_every_tab_shows_its_content_after_resizing_down_and_up(
    data_file: object, open_app: Callable[[], RecoveryApp]
) -> None:
    seed(data_file, example_plan())  # type: ignore[arg-type]
    app = open_app()
    async with app.run_test(size=(80, 24)) as pilot:
        for size in [(60, 20), (120, 40), (60, 20), (80, 24)]:
            await pilot.resize_terminal(*size)
            for n, tab in enumerate(TAB_IDS, start=1):
                await pilot.press(str(n))
                await wait_built(app, tab, pilot.pause)
                assert app.size == size
                assert_tab_shows_content(app, tab)


async def test_the_check_in_note_stays_in_sight_while_typed_at_60x20(
    data_file: object, open_app: Callable[[], RecoveryApp]
) -> None:
    seed(data_file, example_plan())  # type: ignore[arg-type]
    app = open_app()
    async with app.run_test(size=SMALL) as pilot:
        await pilot.press("5", "enter", "4", "3", "n", "enter", "enter")
        for field in ("helped", "good_thing", "note"):
            await pilot.press(*"words", "enter" if field != "note" else "space")
            await pilot.pause()
            await pilot.pause()
            widget = app.query_one(f"#{field}", Input)
            if field == "note":
                assert app.focused is widget
                assert in_sight(widget), screen_text(app)
        assert "words " in screen_text(app).splitlines()[-2] or in_sight(
            app.query_one("#note", Input)
        )


@pytest.mark.parametrize(
    ("keys", "what"),
    [
        (("2", "a"), "goal"),
        (("4", "enter", "a"), "contact"),
        (("1", "enter", "a"), "focus area"),
    ],
)
async def test_the_last_field_of_a_form_is_in_sight_when_typed_into_at_60x20(
    keys: tuple[str, ...], what: str, data_file: object, open_app: Callable[[], RecoveryApp]
) -> None:
    seed(data_file, example_plan())  # type: ignore[arg-type]
    app = open_app()
    async with app.run_test(size=SMALL) as pilot:
        await pilot.press(*keys)
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, FormScreen), what
        fields = [w for w in screen.query(Input)]
        for _ in range(len(screen.fields) * 2):
            if app.focused is fields[-1]:
                break
            await pilot.press("tab")
        assert app.focused is fields[-1], what
        await pilot.press(*"typed here")
        await pilot.pause()
        await pilot.pause()
        assert "typed here" in fields[-1].value
        assert in_sight(fields[-1]), screen_text(app)
