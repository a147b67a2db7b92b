"""Fault suite, part B: the disk fills up, the folder is read-only or open to others, and
the process is SIGKILLed in the middle of a save, an import or a backup rotation.

Faults are injected at the ``os``/``tempfile`` names of the modules that write the plan's
files only (a proxy that passes everything else through), so the real save code runs and
nothing else in the process is touched. SIGKILLs are real: a child process kills itself at an
exact step of a real save.

Already covered elsewhere (not repeated): ENOSPC from ``os.replace`` with retry, failed saves
not rotating backups out, and a read-only folder as a normal user (``test_storage.py``); a
real write failure via RLIMIT_FSIZE, two processes and the lock, the lock freed at once by
SIGKILL, and random SIGKILLs during plain saves with backups checked afterwards
(``test_storage_processes.py``); the second app window opening read-only
(``test_app_safety.py``).
"""

from __future__ import annotations

import dataclasses
import errno
import hashlib
import importlib
import json
import os
import random
import select
import shutil
import signal
import stat
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from types import TracebackType
from typing import Any, NoReturn

import pytest
from plans import EXAMPLE_FILE
from textual.widgets import OptionList, Static

from recovery_tui.app import RecoveryApp
from recovery_tui.cli import main
from recovery_tui.exchange import loads_plan
from recovery_tui.model import FocusArea, Goal, Plan, Profile
from recovery_tui.review_app import ReviewApp
from recovery_tui.screens.goal_form import GoalFormScreen
from recovery_tui.storage import (
    BACKUPS_KEPT,
    PlanStore,
    ReadOnlyError,
    SaveError,
    StoreError,
    backups_dir,
    list_backups,
)
from recovery_tui.widgets.fields import PlanInput

SIZE = (80, 24)
NO_SPACE = "Your change could not be saved: No space left on device."
IS_ROOT = os.geteuid() == 0
needs_non_root = pytest.mark.skipif(
    IS_ROOT, reason="root ignores file permissions, so a read-only file or folder means nothing"
)
CHILD_TIMEOUT = 20.0  # seconds for a child process to reach its kill point (~0.3 s normally)


# --- helpers ---------------------------------------------------------------------------------


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def folder_state(folder: Path) -> dict[str, str]:
    """Every file under ``folder`` but the lock (relative name -> hash of its bytes)."""
    return {
        str(p.relative_to(folder)): digest(p)
        for p in sorted(folder.rglob("*"))
        if p.is_file() and not p.name.endswith(".lock")
    }


def temp_files(path: Path) -> list[Path]:
    return sorted(path.parent.glob(f".{path.name}.*.tmp"))


@contextmanager
def opened(path: Path) -> Iterator[tuple[PlanStore, Plan]]:
    """Open a store on ``path`` and always close it."""
    store = PlanStore(path)
    try:
        yield store, store.open()
    finally:
        store.close()


def load_fresh(path: Path) -> Plan:
    with opened(path) as (store, plan):
        assert not store.read_only
        return plan


def on_disk(path: Path) -> Plan:
    """The plan the file holds now, read without the lock (an app may hold it)."""
    return PlanStore(path).load()


def save_all(path: Path, *plans: Plan) -> None:
    with opened(path) as (store, _):
        for plan in plans:
            store.save(plan)


def variant(i: int) -> Plan:
    """Plans that differ from each other in two tables."""
    return Plan(
        profile=Profile(name=f"Sam {i}", review_every_days=i + 1),
        goals=tuple(Goal(id=f"g{k}", title=f"Goal {k} of {i}") for k in range(1, 4)),
    )


def no_space(*args: object, **kwargs: object) -> NoReturn:
    raise OSError(errno.ENOSPC, "No space left on device")


def no_hard_links(*args: object, **kwargs: object) -> NoReturn:
    raise OSError(errno.EPERM, "Operation not permitted")


class LimitedFile:
    """What ``os.fdopen(fd, "wb")`` returns on a disk with ``disk.free`` bytes left: each
    write goes to the file until the space runs out, then fails with ENOSPC (as a real full
    disk does: the bytes that fit are written)."""

    def __init__(self, fd: int, disk: Disk) -> None:
        self.fd, self.disk = fd, disk

    def write(self, data: bytes) -> int:
        fits = len(data) if self.disk.free is None else min(len(data), self.disk.free)
        view = memoryview(data)[:fits]
        while view:
            view = view[os.write(self.fd, view) :]
        if self.disk.free is not None:
            self.disk.free -= fits
        if fits < len(data):
            no_space()
        return fits

    def flush(self) -> None:
        pass

    def fileno(self) -> int:
        return self.fd

    def __enter__(self) -> LimitedFile:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        os.close(self.fd)


class Disk:
    """The disk as the storage module sees it: ``free`` bytes left (None: plenty), and
    other os functions that fail (set ``fail["replace"] = no_space``)."""

    def __init__(self) -> None:
        self.free: int | None = None
        self.fail: dict[str, Callable[..., Any]] = {}

    def fdopen(self, fd: int, how: str = "r", *args: Any, **kwargs: Any) -> Any:
        if how == "wb":
            return LimitedFile(fd, self)
        return os.fdopen(fd, how, *args, **kwargs)


# The modules that write the plan's files: faults are injected at their own os/tempfile names.
WRITING_MODULES = (
    "recovery_tui.storage",
    "recovery_tui.backups",
    "recovery_tui.atomic",
    "recovery_tui.versions",
)


@pytest.fixture
def disk(monkeypatch: pytest.MonkeyPatch) -> Disk:
    """Control the free space (and other failures) the plan's writing code meets."""
    fake = Disk()

    class WritersOS:
        def __getattr__(self, name: str) -> Any:
            if name == "fdopen" and "fdopen" not in fake.fail:
                return fake.fdopen
            return fake.fail.get(name) or getattr(os, name)

    class WritersTempfile:
        def __getattr__(self, name: str) -> Any:
            return fake.fail.get(f"tempfile.{name}") or getattr(tempfile, name)

    for name in WRITING_MODULES:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError:
            continue
        if getattr(module, "os", None) is os:
            monkeypatch.setattr(module, "os", WritersOS())
        if getattr(module, "tempfile", None) is tempfile:
            monkeypatch.setattr(module, "tempfile", WritersTempfile())
    return fake


def saved_size(plan: Plan, folder: Path) -> int:
    """How many bytes the store writes for ``plan`` (saved once in a scratch folder)."""
    scratch = folder / "plan.json"
    save_all(scratch, plan)
    return scratch.stat().st_size


# --- B1. disk full, in the store ---------------------------------------------------------------

# Where the disk runs out (os.replace failing is in test_storage.py).
ENOSPC_POINTS = [
    pytest.param({"free": 0}, id="no-byte-fits"),
    pytest.param({"free": 100}, id="part-of-the-file-fits"),
    pytest.param({"fail": "tempfile.mkstemp"}, id="no-room-for-a-new-file"),
    pytest.param({"fail": "fsync"}, id="fsync-reports-enospc"),
]


@pytest.mark.parametrize("point", ENOSPC_POINTS)
def test_disk_full_save_fails_clearly_keeps_the_file_and_retry_works(
    plan_path: Path, disk: Disk, point: dict[str, Any]
) -> None:
    first, second, new = variant(1), variant(2), variant(3)
    with opened(plan_path) as (store, _):
        store.save(first)
        store.save(second)
        before, backups_before = digest(plan_path), folder_state(backups_dir(plan_path))
        if "free" in point:
            disk.free = point["free"]
        else:
            disk.fail[point["fail"]] = no_space

        with pytest.raises(SaveError) as caught:
            store.save(new)

        assert str(caught.value) == NO_SPACE
        assert digest(plan_path) == before, "a failed save changed the file"
        assert temp_files(plan_path) == [], "a failed save left its temp file"
        assert folder_state(backups_dir(plan_path)) == backups_before
        with opened(plan_path) as (reader, seen):
            assert reader.read_only and seen == second

        disk.free, disk.fail = None, {}  # space is back: the same save again
        store.save(new)
    assert load_fresh(plan_path) == new
    assert len(list_backups(plan_path)) == 2


def test_disk_full_while_copying_a_backup_leaves_no_half_backup(
    plan_path: Path, disk: Disk, tmp_path: Path
) -> None:
    first, second, new = variant(1), variant(2), variant(3)
    save_all(plan_path, first, second)
    [old_backup] = list_backups(plan_path)
    before = digest(plan_path)
    # a file system without hard links, and room for the new file plus half the copy
    disk.fail["link"] = no_hard_links
    disk.free = saved_size(new, tmp_path / "scratch") + plan_path.stat().st_size // 2

    with opened(plan_path) as (store, _), pytest.raises(SaveError, match="No space left"):
        store.save(new)

    assert digest(plan_path) == before
    assert temp_files(plan_path) == []
    assert list_backups(plan_path) == [old_backup], "a half-written backup was left"


# --- B2. disk full, in the app -------------------------------------------------------------------


def notifications(app: RecoveryApp) -> list[str]:
    return [f"{n.title}: {n.message}" for n in app._notifications]


def form_status(app: RecoveryApp) -> str:
    """The line at the foot of an open form that says a save failed."""
    return str(app.screen.query_one("#form-status", Static).content)


async def test_app_disk_full_on_a_new_goal_says_so_and_changes_nothing(
    data_file: Path, open_app: Callable[[], RecoveryApp], disk: Disk
) -> None:
    save_all(data_file, Plan(goals=(Goal(id="g1", title="Meetings"),)))
    before = digest(data_file)
    app = open_app()
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.press("2", "a")
        await pilot.pause()
        disk.free = 0
        await pilot.press(*"Walk every morning")
        await pilot.press("ctrl+s")
        await pilot.pause()

        assert f"Not saved: {NO_SPACE}" in form_status(app)
        assert digest(data_file) == before
        goals = app.query_one("#goal-list", OptionList)
        rows = [str(goals.get_option_at_index(i).prompt) for i in range(goals.option_count)]
        assert not any("Walk every morning" in row for row in rows), "shown as if saved"
        assert app.is_running

        disk.free = None  # space is back: the next save works
        if not isinstance(app.screen, GoalFormScreen):  # the form closed: type it again
            await pilot.press("a")
            await pilot.pause()
            await pilot.press(*"Walk every morning")
        await pilot.press("ctrl+s")
        await pilot.pause()
    assert [g.title for g in on_disk(data_file).goals] == ["Meetings", "Walk every morning"]


async def test_app_disk_full_keeps_the_typed_goal_in_the_form_for_a_retry(
    data_file: Path, open_app: Callable[[], RecoveryApp], disk: Disk
) -> None:
    save_all(data_file, Plan(goals=(Goal(id="g1", title="Meetings"),)))
    app = open_app()
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.press("2", "a")
        await pilot.pause()
        await pilot.press(*"Walk every morning")
        disk.free = 0
        await pilot.press("ctrl+s")
        await pilot.pause()

        assert f"Not saved: {NO_SPACE} Your words are still here." == form_status(app)
        assert isinstance(app.screen, GoalFormScreen), "the form closed: the typing is lost"
        assert app.screen.query_one("#title", PlanInput).value == "Walk every morning"

        disk.free = None
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not isinstance(app.screen, GoalFormScreen)
    assert [g.title for g in on_disk(data_file).goals] == ["Meetings", "Walk every morning"]


ALCOHOL = FocusArea(id="f1", name="Alcohol", since=date(2026, 1, 10))


async def fill_check_in(pilot: Any, good_thing: str) -> None:
    """Review Log, today's check-in: mood 4, craving 3, no use, then the good thing; the
    last Enter (on the note line) saves."""
    await pilot.press("5", "enter")
    await pilot.pause()
    await pilot.press("4", "3", "n", "enter", "enter", "enter")
    await pilot.press(*good_thing)
    await pilot.press("enter", "enter")
    await pilot.pause()


async def test_app_disk_full_on_a_check_in_keeps_the_answers_for_a_retry(
    data_file: Path, open_app: Callable[[], RecoveryApp], disk: Disk
) -> None:
    save_all(data_file, Plan(focus_areas=(ALCOHOL,)))
    before = digest(data_file)
    app = open_app()
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        disk.free = 0
        await fill_check_in(pilot, "Dinner with the kids")

        assert f"Not saved: {NO_SPACE}" in notifications(app)
        assert digest(data_file) == before
        assert app.query_one("#good_thing", PlanInput).value == "Dinner with the kids"

        disk.free = None
        await pilot.press("ctrl+s")
        await pilot.pause()
    [checkin] = on_disk(data_file).checkins
    assert (checkin.mood, checkin.craving, checkin.good_thing) == (4, 3, "Dinner with the kids")


async def test_app_disk_full_on_a_check_in_does_not_say_saved(
    data_file: Path, open_app: Callable[[], RecoveryApp], disk: Disk
) -> None:
    save_all(data_file, Plan(focus_areas=(ALCOHOL,)))
    app = open_app()
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        disk.free = 0
        await fill_check_in(pilot, "Dinner with the kids")
        status = str(app.query_one("#checkin-status", Static).content)
        assert f"Not saved: {NO_SPACE}" in notifications(app)
        assert not status.startswith("Saved"), status


# --- B3. read-only folder or file (meaningless as root) --------------------------------------


@contextmanager
def read_only(path: Path) -> Iterator[None]:
    """Make ``path`` (a file or folder) read-only for the test, then writable again."""
    old = mode(path)
    path.chmod(0o500 if path.is_dir() else 0o400)
    try:
        yield
    finally:
        path.chmod(old)


@needs_non_root
def test_read_only_folder_opens_read_only(plan_path: Path) -> None:
    save_all(plan_path, variant(1))  # the lock file exists from this first run
    before = folder_state(plan_path.parent)
    with read_only(plan_path.parent), opened(plan_path) as (store, plan):
        assert plan == variant(1)
        assert store.read_only
        with pytest.raises(ReadOnlyError):
            store.save(variant(2))
    assert folder_state(plan_path.parent) == before


@needs_non_root
def test_read_only_folder_without_a_lock_file_opens_read_only_or_refuses_clearly(
    plan_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    save_all(plan_path, variant(1))
    plan_path.with_name("plan.json.lock").unlink()
    before = folder_state(plan_path.parent)
    started: list[PlanStore] = []

    def run(self: ReviewApp, *args: object, **kwargs: object) -> None:
        started.append(self.store)  # the inline check-in would start here

    monkeypatch.setattr(ReviewApp, "run", run)
    with read_only(plan_path.parent):
        code = main(["review", "--data", str(plan_path)])
    if started:  # it opened: then read-only
        assert started[0].read_only and code == 0
    else:  # or it refused, naming the file, without a traceback
        assert code == 1
        assert str(plan_path) in capsys.readouterr().err
    assert folder_state(plan_path.parent) == before


@needs_non_root
async def test_app_in_a_read_only_folder_refuses_or_opens_without_crashing(
    plan_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The app command: a clear message (today) or a read-only app; never a traceback."""
    save_all(plan_path, variant(1))
    plan_path.with_name("plan.json.lock").unlink()
    monkeypatch.setattr(RecoveryApp, "run", lambda *a, **k: None)
    with read_only(plan_path.parent):
        code = main(["--data", str(plan_path)])
    err = capsys.readouterr().err
    assert code == 0 or (code == 1 and str(plan_path) in err and "Permission denied" in err)
    assert "Traceback" not in err


@needs_non_root
def test_read_only_plan_file_is_not_overwritten(plan_path: Path) -> None:
    save_all(plan_path, variant(1))
    before = digest(plan_path)
    with read_only(plan_path), opened(plan_path) as (store, plan):
        assert plan == variant(1)
        assert store.read_only
        with pytest.raises(StoreError):
            store.save(variant(2))
        assert digest(plan_path) == before
        assert mode(plan_path) == 0o400


# --- B4. a private folder and files, whatever the umask and whatever was there -------------


@contextmanager
def umask(value: int) -> Iterator[None]:
    old = os.umask(value)
    try:
        yield
    finally:
        os.umask(old)


def private_modes(path: Path) -> dict[str, str]:
    """The mode of the folder, the plan, the lock, the backups folder and each backup."""
    paths = [path.parent, path, path.with_name(path.name + ".lock"), backups_dir(path)]
    paths += list_backups(path)
    return {str(p.relative_to(path.parent.parent)): oct(mode(p)) for p in paths if p.exists()}


def all_private(path: Path) -> dict[str, str]:
    return {
        name: oct(0o700) if name.endswith(("data", "backups")) else oct(0o600)
        for name in private_modes(path)
    }


@pytest.mark.parametrize("mask", [0o000, 0o002, 0o022, 0o077])
def test_first_run_makes_everything_private_whatever_the_umask(plan_path: Path, mask: int) -> None:
    with umask(mask):
        save_all(plan_path, variant(1), variant(2))
    assert len(private_modes(plan_path)) == 5
    assert private_modes(plan_path) == all_private(plan_path)


def test_first_run_under_a_strict_umask_still_gives_0700_and_0600(plan_path: Path) -> None:
    with umask(0o277):
        save_all(plan_path, variant(1), variant(2))
    assert private_modes(plan_path) == all_private(plan_path)


def loosen(path: Path) -> None:
    """Make the folder and every file in it open to others, as a careless copy might."""
    path.parent.chmod(0o777)
    backups_dir(path).chmod(0o755)
    for file in [path, path.with_name(path.name + ".lock"), *list_backups(path)]:
        file.chmod(0o644)


def test_open_tightens_a_folder_and_files_open_to_others(plan_path: Path) -> None:
    save_all(plan_path, variant(1), variant(2))
    loosen(plan_path)
    with opened(plan_path) as (_, plan):
        assert plan == variant(2)
        assert private_modes(plan_path) == all_private(plan_path)


def test_a_save_makes_a_loose_plan_file_private_again(plan_path: Path) -> None:
    save_all(plan_path, variant(1), variant(2))
    loosen(plan_path)
    save_all(plan_path, variant(3))
    assert mode(plan_path) == 0o600


def test_a_save_keeps_a_loose_plan_file_only_as_a_private_backup(plan_path: Path) -> None:
    save_all(plan_path, variant(1), variant(2))
    loosen(plan_path)
    save_all(plan_path, variant(3))
    newest = list_backups(plan_path)[-1]
    assert load_copy(newest, plan_path.parent.parent / "restored") == variant(2)
    assert mode(newest) == 0o600


@pytest.mark.skipif(not IS_ROOT, reason="making a folder owned by someone else needs root")
def test_a_data_folder_owned_by_another_user_is_refused(plan_path: Path) -> None:
    save_all(plan_path, variant(1))
    before = folder_state(plan_path.parent)
    os.chown(plan_path.parent, 65534, 65534)  # nobody
    with pytest.raises(StoreError) as caught, opened(plan_path):
        pass
    assert str(plan_path.parent) in str(caught.value)
    assert folder_state(plan_path.parent) == before


def load_copy(source: Path, folder: Path) -> Plan:
    """Load a copy of ``source`` (e.g. a backup) as a plan file of its own."""
    folder.mkdir(parents=True)
    shutil.copyfile(source, folder / "plan.json")
    return load_fresh(folder / "plan.json")


# --- B5. SIGKILL at exact steps of an import (a real save underneath) ------------------------

# The child: instrument os/tempfile (in the child only) so that it SIGKILLs itself at one
# step of writing the plan file (not a version or other file), then run
# `recovery-tui import FILE --replace`.
KILL_CHILD = r"""
import errno, os, signal, sys, tempfile
from recovery_tui.cli import main

point, data, source = sys.argv[1:4]
folder = os.path.dirname(data)
temp_prefix = "." + os.path.basename(data) + "."

def die():
    os.kill(os.getpid(), signal.SIGKILL)

def where(fd):
    return os.readlink(f"/proc/self/fd/{fd}")

def is_plan_temp(name):
    return os.path.dirname(name) == folder and os.path.basename(name).startswith(temp_prefix)

def is_backup(name):
    return os.path.dirname(name) == os.path.join(folder, "backups")

real = {name: getattr(os, name) for name in ("fdopen", "fsync", "link", "replace")}
real_mkstemp = tempfile.mkstemp

def mkstemp(*args, **kwargs):
    fd, name = real_mkstemp(*args, **kwargs)
    if point == "temp-created" and is_plan_temp(name):
        die()
    return fd, name

class HalfThenDie:
    def __init__(self, fd):
        self.fd = fd
    def write(self, data):
        os.write(self.fd, bytes(data[: len(data) // 2]))
        real["fsync"](self.fd)
        die()
    def __enter__(self):
        return self
    def __exit__(self, *exc):
        os.close(self.fd)

def fdopen(fd, how="r", *args, **kwargs):
    if how == "wb":
        if point == "temp-half-written" and is_plan_temp(where(fd)):
            return HalfThenDie(fd)
        if point == "backup-half-copied" and is_backup(where(fd)):
            return HalfThenDie(fd)
    return real["fdopen"](fd, how, *args, **kwargs)

def fsync(fd):
    plan_temp = is_plan_temp(where(fd))
    real["fsync"](fd)
    if point == "temp-synced" and plan_temp:
        die()

def link(src, dst, *args, **kwargs):
    if point == "backup-half-copied":
        raise OSError(errno.EPERM, "Operation not permitted")  # no hard links here
    real["link"](src, dst, *args, **kwargs)
    if point == "backup-linked" and os.fspath(src) == data:
        die()

def replace(src, dst, *args, **kwargs):
    real["replace"](src, dst, *args, **kwargs)
    if point == "replaced-before-pruning" and os.fspath(dst) == data:
        die()

tempfile.mkstemp = mkstemp
os.fdopen, os.fsync, os.link, os.replace = fdopen, fsync, link, replace
code = main(["import", source, "--replace", "--data", data])
print(f"NOT KILLED {code}", flush=True)
"""

BEFORE_REPLACE = ("temp-created", "temp-half-written", "temp-synced", "backup-linked")
AFTER_REPLACE = ("replaced-before-pruning",)


@pytest.fixture
def rotated(plan_path: Path) -> Plan:
    """A plan file with a full set of backups, so every import also rotates them."""
    save_all(plan_path, *(variant(i) for i in range(BACKUPS_KEPT + 1)))
    assert len(list_backups(plan_path)) == BACKUPS_KEPT
    return variant(BACKUPS_KEPT)


def run_killed(point: str, plan_path: Path, source: Path) -> None:
    child = subprocess.run(
        [sys.executable, "-c", KILL_CHILD, point, str(plan_path), str(source)],
        capture_output=True,
        text=True,
        timeout=CHILD_TIMEOUT,
    )
    assert child.returncode == -signal.SIGKILL, (child.stdout, child.stderr)


def assert_whole_and_readable(plan_path: Path, allowed: list[Plan], tmp_path: Path) -> Plan:
    """The plan file, every backup and every kept version load; the plan file is one of
    ``allowed``, whole;
    no temp file outlives the next open; and the next save rotates back to BACKUPS_KEPT."""
    with opened(plan_path) as (store, plan):
        assert not store.read_only, "the killed child's lock is still held"
        assert plan in allowed, "a half-applied import"
        assert temp_files(plan_path) == [], "the next open must remove a killed save's temp"
        backups = list_backups(plan_path)
        assert sorted(backups_dir(plan_path).iterdir()) == backups
        assert len(backups) <= BACKUPS_KEPT + 1
        for k, backup in enumerate(backups):
            load_copy(backup, tmp_path / "restored" / str(k))  # raises if unreadable
        for version in sorted((plan_path.parent / "versions").glob("*.json")):
            loads_plan(version.read_bytes())  # kept versions (if any) are whole too
        store.save(dataclasses.replace(plan, profile=Profile(name="After the kill")))
    assert len(list_backups(plan_path)) == BACKUPS_KEPT
    return plan


@pytest.mark.parametrize("point", [*BEFORE_REPLACE, *AFTER_REPLACE])
def test_sigkill_at_each_step_of_an_import_leaves_a_whole_plan(
    plan_path: Path, rotated: Plan, point: str, tmp_path: Path
) -> None:
    incoming = loads_plan(EXAMPLE_FILE.read_bytes())
    run_killed(point, plan_path, EXAMPLE_FILE)
    expected = rotated if point in BEFORE_REPLACE else incoming
    assert assert_whole_and_readable(plan_path, [expected], tmp_path) == expected


def test_sigkill_while_copying_a_backup_leaves_no_unreadable_backup(
    plan_path: Path, rotated: Plan, tmp_path: Path
) -> None:
    run_killed("backup-half-copied", plan_path, EXAMPLE_FILE)
    assert assert_whole_and_readable(plan_path, [rotated], tmp_path) == rotated


# --- B6. SIGKILL at random moments during repeated imports ---------------------------------

LOOP_CHILD = r"""
import importlib, sys
from recovery_tui.cli import main

data, *sources = sys.argv[1:]
for name in ("exchange", "storage", "versions", "history"):  # what import loads, loaded now
    try:
        importlib.import_module(f"recovery_tui.{name}")
    except ModuleNotFoundError:
        pass
print("READY", flush=True)
n = 0
while True:
    source = sources[n % 2]
    n += 1
    if main(["import", source, "--replace", "--data", data]) != 0:
        print(f"FAILED {n}", flush=True)
        sys.exit(1)
    print(f"ACK {n}", flush=True)
"""

LOOP_KILLS = (6, 40)  # at least / at most this many SIGKILLs...
LOOP_BUDGET = 2.0  # ...going past the minimum only while this many seconds have not passed
LOOP_KILL_AFTER = (0.0, 0.25)  # seconds of importing before each SIGKILL (one: ~0.02 s)
# On a loaded machine (a slow fsync) one import can outlast the whole window, and then no kill
# would come after a finished import: until one does, each kill's window is twice as long.
LOOP_STRETCH_MAX = 32.0  # times the window: up to 8 s


def read_lines_until_killed(proc: subprocess.Popen[bytes], delay: float) -> list[str]:
    """Wait for READY, let the child import for ``delay`` s, SIGKILL it, return its lines.

    Every read waits in ``select`` with a deadline, so a silent child fails the test instead
    of hanging it. The sleep is the point of the test: the kill lands at a random moment."""
    assert proc.stdout is not None
    fd = proc.stdout.fileno()
    out = b""
    deadline = time.monotonic() + CHILD_TIMEOUT
    while b"READY\n" not in out:
        ready, _, _ = select.select([fd], [], [], max(deadline - time.monotonic(), 0))
        chunk = os.read(fd, 65536) if ready else b""
        if not chunk:
            pytest.fail(f"the child never got ready: {out!r}")
        out += chunk
    time.sleep(delay)
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=CHILD_TIMEOUT)
    deadline = time.monotonic() + CHILD_TIMEOUT
    while True:  # what it printed before the kill, up to the end of the pipe
        ready, _, _ = select.select([fd], [], [], max(deadline - time.monotonic(), 0))
        if not ready:
            pytest.fail(f"the killed child's output never ended: {out!r}")
        if not (chunk := os.read(fd, 65536)):
            break
        out += chunk
    assert proc.returncode == -signal.SIGKILL
    return out.decode().splitlines()


def test_sigkill_at_random_moments_of_imports_never_half_applies_or_loses_one(
    plan_path: Path, rotated: Plan, tmp_path: Path
) -> None:
    sources = [EXAMPLE_FILE, tmp_path / "other.json"]
    other = json.loads(EXAMPLE_FILE.read_text(encoding="utf-8"))
    other["profile"]["name"] = "Someone else"
    other["goals"] = [{"id": "g7", "title": "Other goal"}]
    other["contacts"] = other["meetings"] = []
    sources[1].write_text(json.dumps(other), encoding="utf-8")
    plans = [loads_plan(s.read_bytes()) for s in sources]

    rng = random.Random(20261126)
    start = time.monotonic()
    kills = acks = 0
    stretch = 1.0
    current = rotated
    while kills < LOOP_KILLS[1] and (
        kills < LOOP_KILLS[0] or acks == 0 or time.monotonic() - start < LOOP_BUDGET
    ):
        proc = subprocess.Popen(
            [sys.executable, "-c", LOOP_CHILD, str(plan_path), *map(str, sources)],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        try:
            lines = read_lines_until_killed(proc, rng.uniform(*LOOP_KILL_AFTER) * stretch)
        finally:
            if proc.poll() is None:
                proc.kill()
            proc.wait()
            assert proc.stdout is not None and proc.stderr is not None
            proc.stdout.close()
            proc.stderr.close()
        kills += 1
        assert not any(line.startswith("FAILED") for line in lines), lines
        done = [int(line.split()[1]) for line in lines if line.startswith("ACK ")]
        acks += len(done)
        if not acks:
            stretch = min(stretch * 2, LOOP_STRETCH_MAX)
        # acknowledged imports are in the file; at most the one after them is too
        last = plans[(done[-1] - 1) % 2] if done else current
        following = plans[len(done) % 2]
        current = assert_whole_and_readable(plan_path, [last, following], tmp_path / str(kills))
        # assert_whole_and_readable saved a changed profile: start the next child from it
        current = load_fresh(plan_path)

    assert kills >= LOOP_KILLS[0]
    assert acks >= 1, "no import finished before any kill: the kills tested little"
