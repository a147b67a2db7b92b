"""Shared fixtures: a plan store on tmp_path, a frozen "today", and a way to read what the
screen shows."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Iterator
from datetime import date, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import time_machine
from hypothesis import settings
from plans import example_plan
from textual import events
from textual.app import App
from textual.keys import _character_to_key
from textual.pilot import Pilot
from textual.widgets import Input, TextArea

from recovery_tui.app import RecoveryApp
from recovery_tui.model import Plan
from recovery_tui.storage import PlanStore

# No hypothesis deadline for any test (most already say deadline=None): a deadline measures
# how fast an example runs, and on a loaded machine with every core busy a pure function can
# miss 200 ms and fail for no fault of its own.
settings.register_profile("suite", deadline=None)
settings.load_profile("suite")


@pytest.fixture(autouse=True)
def no_settings_file(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Tests see the default settings, never the settings file of whoever runs them."""
    folder = tmp_path_factory.mktemp("config")
    monkeypatch.setenv("RECOVERY_TUI_CONFIG", str(folder / "config.toml"))


@pytest.fixture(autouse=True)
def no_first_run_guide(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    """App tests start on an empty plan and expect the tabs; only test_first_run (and the
    tests that ask for ``first_run_guide``) see the guide."""
    if request.module.__name__ != "test_first_run" and "first_run_guide" not in request.keywords:
        monkeypatch.setattr("recovery_tui.screens.first_run.guide_wanted", lambda *_: False)


# "Today" for the tests that freeze the clock: noon (UTC, and the zone is set too), so the
# date is the same in every time zone and hours of a ticking clock never reach midnight.
FROZEN_NOW = datetime(2026, 11, 26, 12, 0, tzinfo=ZoneInfo("UTC"))
FROZEN_TODAY = FROZEN_NOW.date()


@pytest.fixture
def frozen_today() -> Iterator[date]:
    """Today is FROZEN_TODAY for this test: an expected value made from the real clock fails
    when midnight passes mid-test, and a fixed date in a test can be "still to come" on a
    machine whose clock is early. The clock ticks on from noon (``tick=True``), so anything
    waiting for wall time to pass still sees it pass (Textual's timers use time.monotonic,
    which time-machine leaves alone)."""
    with time_machine.travel(FROZEN_NOW, tick=True):
        yield FROZEN_TODAY


@pytest.fixture
def data_file(tmp_path: Path) -> Path:
    """A plan file path in a folder that does not exist yet (as on first run)."""
    return tmp_path / "data" / "plan.json"


@pytest.fixture
def plan_path(data_file: Path) -> Path:
    """The same path as ``data_file``, by the name the storage tests use."""
    return data_file


@pytest.fixture
def rich_plan() -> Plan:
    """The exchange format's example (plan-format.md): something in every list."""
    return example_plan()


@pytest.fixture
def stores(data_file: Path) -> Iterator[list[PlanStore]]:
    """Stores opened by a test; all are closed (locks released) at the end."""
    opened: list[PlanStore] = []
    yield opened
    for store in opened:
        store.close()


@pytest.fixture
def open_app(data_file: Path, stores: list[PlanStore]) -> Callable[[], RecoveryApp]:
    """Make the app on ``data_file`` as ``recovery-tui`` does (call again to "restart")."""

    def make() -> RecoveryApp:
        store = PlanStore(data_file)
        stores.append(store)
        return RecoveryApp(store)

    return make


def seed(data_file: Path, plan: Plan) -> None:
    """Save ``plan`` as the plan file, as an earlier session of the app would have."""
    store = PlanStore(data_file)
    store.open()
    store.save(plan)
    store.close()


def screen_text(app: App[Any]) -> str:
    """Everything the active screen shows, as plain text lines."""
    strips = app.screen._compositor.render_strips()
    return "\n".join(strip.text for strip in strips)


TYPING_DEADLINE = 30.0  # seconds a text field may take to handle what was typed into it


async def type_text(pilot: Pilot[object], text: str) -> None:
    """Type ``text`` key by key, as a person would: one Key event for each character.

    Into a text field the keys go in one burst, as from a fast typist, and we then wait until
    the field has handled the last of them. ``Pilot.press`` waits for the CPU to idle twice
    after every key (at least 40 ms a key), which was most of the app tests' time. Outside a
    text field a key may move the focus or open a screen, so each key is pressed and waited
    for on its own as before; so are characters that are not printable.
    """
    app = pilot.app
    field = app.focused
    if not isinstance(field, (Input, TextArea)) or not text.isprintable():
        await pilot.press(*text)
        return
    for character in text:
        # The key names Pilot.press gives: "a" stays "a", " " is "space", "[" is
        # "left_square_bracket" (bindings match on the name, fields insert the character).
        key = character if character.isalnum() else _character_to_key(character)
        app.post_message(events.Key(key, character).set_sender(app))
    handled = asyncio.Event()
    # The app forwards each key to the focused field in order; a callback queued behind them
    # on the app, then on the field, runs once the field has handled every one of them.
    app.call_later(lambda: field.call_later(handled.set) or handled.set())
    try:
        await asyncio.wait_for(handled.wait(), TYPING_DEADLINE)
    except asyncio.TimeoutError:
        pytest.fail(f"the text field did not handle {text!r} within {TYPING_DEADLINE:.0f} s")
    await pilot.pause()
