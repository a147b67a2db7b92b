"""Shared fixtures: a plan store on tmp_path and a way to read what the screen shows."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from textual.app import App
from textual.pilot import Pilot

from recovery_tui.storage import PlanStore


@pytest.fixture
def data_file(tmp_path: Path) -> Path:
    """A plan file path in a folder that does not exist yet (as on first run)."""
    return tmp_path / "data" / "plan.json"


@pytest.fixture
def stores(data_file: Path) -> Iterator[list[PlanStore]]:
    """Stores opened by a test; all are closed (locks released) at the end."""
    opened: list[PlanStore] = []
    yield opened
    for store in opened:
        store.close()


def screen_text(app: App[object]) -> str:
    """Everything the active screen shows, as plain text lines."""
    strips = app.screen._compositor.render_strips()
    return "\n".join(strip.text for strip in strips)


async def type_text(pilot: Pilot[object], text: str) -> None:
    """Type ``text`` key by key, as a person would."""
    await pilot.press(*text)
