"""The built wheel carries every style sheet, and the installed app finds and uses them."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

STARTS_HEADLESS = """
import asyncio, sys
from pathlib import Path
from recovery_tui import paths
from recovery_tui.app import RecoveryApp
from recovery_tui.storage import PlanStore

assert str(paths.styles_dir()).startswith(sys.argv[1]), paths.styles_dir()

async def main():
    app = RecoveryApp(PlanStore(Path(sys.argv[2])))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("escape", "2")
        print("started", app.query_one("TabbedContent").active)

asyncio.run(main())
"""


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation",
         "-w", str(out), str(ROOT)],
        check=True, capture_output=True, timeout=300,
    )  # fmt: skip
    return next(out.glob("recovery_tui-*.whl"))


def test_wheel_holds_every_style_sheet(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    sheets = sorted(p.name for p in (ROOT / "styles").glob("*.tcss"))
    assert sheets, "styles/ has no .tcss files"
    for sheet in sheets:
        assert f"recovery_tui/styles/{sheet}" in names


def test_installed_wheel_runs_with_its_own_styles(wheel: Path, tmp_path: Path) -> None:
    target = tmp_path / "site"
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--no-deps", "--target", str(target), str(wheel)],
        check=True, capture_output=True, timeout=300,
    )  # fmt: skip
    env = {**os.environ, "PYTHONPATH": str(target)}
    version = subprocess.run(
        [str(target / "bin" / "recovery-tui"), "--version"],
        capture_output=True, text=True, env=env, timeout=60,
    )  # fmt: skip
    assert version.returncode == 0 and version.stdout.startswith("recovery-tui ")
    started = subprocess.run(
        [sys.executable, "-c", STARTS_HEADLESS, str(target), str(tmp_path / "plan.json")],
        capture_output=True, text=True, env=env, cwd=tmp_path, timeout=120,
    )  # fmt: skip
    assert started.returncode == 0, started.stderr
    assert "started goals" in started.stdout
