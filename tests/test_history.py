"""Plan history: versions kept beside the plan, and what changed between them, by section."""

from __future__ import annotations

import errno
import os
import stat
import subprocess
import sys
from collections.abc import Callable
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path

import pytest
from conftest import screen_text, type_text

from recovery_tui.app import RecoveryApp
from recovery_tui.history import Change, SectionChanges, diff_plans, diff_text, plan_content
from recovery_tui.model import (
    CheckIn,
    CrisisLine,
    FocusArea,
    Goal,
    Milestone,
    Plan,
    ProgressEntry,
    Review,
    Trigger,
)
from recovery_tui.storage import PlanStore
from recovery_tui.versions import (
    VersionError,
    find_version,
    list_versions,
    load_version,
    save_version,
    versions_dir,
)

SIZE = (80, 24)
NOW = datetime(2026, 11, 26, 9, 30)
WALK = Goal(id="g1", title="Walk", measure="3 a week", due=date(2027, 1, 1))


def test_nothing_changed_says_so() -> None:
    plan = Plan(goals=(WALK,))
    assert diff_plans(plan, plan) == []
    assert diff_text([], "since version 1") == "Nothing in the plan has changed since version 1.\n"


def test_items_added_removed_and_changed_by_section_in_plan_order() -> None:
    old = Plan(goals=(WALK, Goal(id="g2", title="Sleep")), triggers=(Trigger(id="t1", text="Bar"),))
    new = Plan(
        goals=(replace(WALK, title="Walk more", measure="4 a week", due=None),),
        triggers=(Trigger(id="t1", text="Bar", strategies=("Take the bus",)),),
        crisis_lines=(CrisisLine(name="Local line", how="555"),),
    )
    assert diff_plans(old, new) == [
        SectionChanges("Goals", (
            Change("removed", "Sleep"),
            Change("changed", "Walk more", (
                "Title: Walk -> Walk more", "Measurable: 3 a week -> 4 a week",
                "Due: 2027-01-01 -> (none)",
            )),
        )),
        SectionChanges("Triggers and strategies", (
            Change("changed", "Bar", ("Strategies: + Take the bus",)),
        )),
        SectionChanges("Crisis lines", (Change("added", "Local line"),)),
    ]  # fmt: skip


def test_lists_inside_an_item_show_entries_added_and_removed() -> None:
    old = replace(WALK, milestones=(Milestone("First walk"),))
    new = replace(
        WALK,
        progress=(ProgressEntry(date(2026, 11, 20), "Walked 4 times"),),
        milestones=(Milestone("First walk", done=date(2026, 11, 2)),),
    )
    [section] = diff_plans(Plan(goals=(old,)), Plan(goals=(new,)))
    assert section.changes[0].details == (
        "Progress: + 2026-11-20: Walked 4 times",
        "Milestones: + First walk; 2026-11-02",
        "Milestones: - First walk",
    )


def test_the_text_reads_section_by_section() -> None:
    old = Plan(goals=(WALK,))
    new = Plan(goals=(replace(WALK, measure="4 a week"),), profile=replace(old.profile, name="Sam"))
    text = diff_text(diff_plans(old, new), "since version 2 (2026-11-26 09:30, saved by hand)")
    assert text == (
        "What changed since version 2 (2026-11-26 09:30, saved by hand): 2 changes.\n"
        "\n"
        "About me\n"
        "  ~ Changed: “Profile”\n"
        "      Name: (none) -> Sam\n"
        "\n"
        "Goals\n"
        "  ~ Changed: “Walk”\n"
        "      Measurable: 3 a week -> 4 a week\n"
    )


def test_long_or_hostile_values_are_shortened_to_one_safe_line() -> None:
    new = replace(WALK, specific="line one\nline two \x1b[31m" + "x" * 200)
    [section] = diff_plans(Plan(goals=(WALK,)), Plan(goals=(new,)))
    [detail] = section.changes[0].details
    assert "\n" not in detail and "\x1b" not in detail
    assert detail.startswith("Specific: (none) -> line one line two [31mxxx")
    assert detail.endswith("…") and len(detail) < 100


def test_a_version_leaves_out_the_day_to_day_log() -> None:
    plan = Plan(
        goals=(WALK,),
        checkins=(CheckIn(date=date(2026, 11, 1), mood=3, craving=2),),
        reviews=(Review(id="r1", date=date(2026, 11, 1)),),
    )
    assert plan_content(plan) == Plan(goals=(WALK,))


def test_versions_are_private_files_numbered_oldest_first(tmp_path: Path) -> None:
    plan_file = tmp_path / "plan.json"
    first = save_version(plan_file, Plan(goals=(WALK,)), "manual", NOW)
    second = save_version(plan_file, Plan(), "review", NOW.replace(hour=10))
    assert [v.number for v in list_versions(plan_file)] == [1, 2]
    assert (first.number, second.number) == (1, 2)
    assert second.label == "2 (2026-11-26 10:30:00, at a periodic review)"
    assert load_version(first) == Plan(goals=(WALK,))
    assert find_version(plan_file, "2") == second
    assert stat.S_IMODE(versions_dir(plan_file).stat().st_mode) == 0o700
    assert stat.S_IMODE(first.path.stat().st_mode) == 0o600
    with pytest.raises(VersionError, match="There is no version 3 \\(versions: 1 to 2\\)"):
        find_version(plan_file, "3")


def test_a_damaged_version_gets_a_clear_message(tmp_path: Path) -> None:
    plan_file = tmp_path / "plan.json"
    version = save_version(plan_file, Plan(), "manual", NOW)
    version.path.write_text("{not json")
    with pytest.raises(VersionError, match="Version 1 is damaged"):
        load_version(version)


def test_a_version_that_cannot_be_written_says_so(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def disk_full(*args: object) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    plan_file = tmp_path / "plan.json"
    monkeypatch.setattr(os, "fsync", disk_full)
    with pytest.raises(VersionError, match="could not be kept: No space left on device"):
        save_version(plan_file, Plan(), "manual", NOW)
    assert list(versions_dir(plan_file).iterdir()) == []  # no temp file left behind


def test_a_new_periodic_review_keeps_a_version_and_an_import_keeps_the_old_plan(
    data_file: Path, stores: list[PlanStore]
) -> None:
    store = PlanStore(data_file)
    stores.append(store)
    store.open()
    plan = Plan(goals=(WALK,))
    store.save(plan)
    store.save(replace(plan, checkins=(CheckIn(date=date(2026, 11, 2), mood=4, craving=1),)))
    assert list_versions(data_file) == []  # check-ins are not versions
    reviewed = replace(plan, reviews=(Review(id="r1", date=date(2026, 11, 3)),))
    store.save(reviewed)
    [version] = list_versions(data_file)
    assert (version.why, load_version(version)) == ("review", plan)
    store.save(replace(reviewed, goals=()))  # an edit, no new review: no new version
    assert len(list_versions(data_file)) == 1


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "recovery_tui", *args],
        capture_output=True, text=True, timeout=60,
    )  # fmt: skip


def test_cli_history_and_diff(data_file: Path, tmp_path: Path) -> None:
    assert "No versions of your plan are saved yet" in run_cli("--data", str(data_file),
                                                               "history").stdout  # fmt: skip
    old = tmp_path / "old.json"
    new = tmp_path / "new.json"
    from recovery_tui.exchange import dumps, plan_to_data

    old.write_text(dumps(plan_to_data(Plan(goals=(WALK,)), NOW)))
    new.write_text(dumps(plan_to_data(Plan(goals=(replace(WALK, measure="5 a week"),)), NOW)))
    assert run_cli("--data", str(data_file), "import", str(old)).returncode == 0
    assert run_cli("--data", str(data_file), "import", "--replace", str(new)).returncode == 0

    history = run_cli("--data", str(data_file), "history").stdout
    assert "1 (" in history and "before an import replaced the plan" in history
    diff = run_cli("--data", str(data_file), "diff", "1")
    assert diff.returncode == 0
    assert "Goals\n  ~ Changed: “Walk”\n      Measurable: 3 a week -> 5 a week" in diff.stdout
    missing = run_cli("--data", str(data_file), "diff", "1", "7")
    assert missing.returncode == 1
    assert missing.stderr.strip() == "There is no version 7 (versions: 1 to 1)."
    assert "Traceback" not in missing.stderr


async def test_save_a_version_then_see_what_changed_in_the_app(
    data_file: Path, open_app: Callable[[], RecoveryApp]
) -> None:
    app = open_app()
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.press("6")
        await pilot.pause()
        await pilot.press("h")  # no versions yet: it says how one is made
        await pilot.pause()
        assert "No versions are saved yet" in screen_text(app)
        await pilot.press("escape", "v")
        await pilot.pause()
        assert "Version 1 of your plan is saved" in screen_text(app)
        await pilot.press("2", "a")  # a new goal
        await pilot.pause()
        await type_text(pilot, "Call my sister weekly")
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.press("6", "h")
        await pilot.pause()
        shown = screen_text(app)
        assert "What changed since version 1" in shown
        assert "+ Added: “Call my sister weekly”" in shown
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen.query("#plan-document")
    [version] = list_versions(data_file)
    assert version.why == "manual"


async def test_a_periodic_review_in_the_app_keeps_the_plan_as_it_stood(
    data_file: Path, open_app: Callable[[], RecoveryApp], stores: list[PlanStore]
) -> None:
    store = PlanStore(data_file)
    store.open()
    store.save(Plan(focus_areas=(FocusArea(id="f1", name="Alcohol", since=date(2026, 1, 10)),),
                    goals=(WALK,)))  # fmt: skip
    store.close()
    app = open_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("5", *(["down"] * 4), "enter", "a")  # Periodic reviews: a new one
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.press("g", "enter")  # change the goal during the review
        await pilot.pause()
        await pilot.press("tab", "tab", "ctrl+u")
        await type_text(pilot, "4 a week")
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.press("escape", "6", "h")
        await pilot.pause()
        shown = screen_text(app)
        assert "at a periodic review" in shown
        assert "Measurable: 3 a week -> 4 a week" in shown
