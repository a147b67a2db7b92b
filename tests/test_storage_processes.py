"""The plan store across real processes: the lock between two processes, a lock freed by
SIGKILL, a real write failure, and SIGKILL in the middle of saves (no acknowledged save is
ever lost, the file always loads). The child processes run tests/helpers_storage.py."""

from __future__ import annotations

import hashlib
import json
import os
import random
import select
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from recovery_tui.model import Goal, Plan
from recovery_tui.storage import (
    BACKUPS_KEPT,
    SCHEMA_VERSION,
    PlanStore,
    ReadOnlyError,
    list_backups,
)

HELPER = Path(__file__).parent / "helpers_storage.py"
FIXTURES = Path(__file__).parent / "fixtures"
LINE_TIMEOUT = 15.0  # seconds to wait for a child's line (import + open take ~0.2 s)

MIN_KILLS = 50  # the kill test always kills at least this many children...
MAX_KILLS = 100  # ...and at most this many...
KILL_BUDGET = 18.0  # ...going past MIN_KILLS only while this many seconds have not passed
KILL_AFTER = (0.02, 0.3)  # seconds of saving before each SIGKILL


class Child:
    """A helpers_storage.py process and the lines it has printed so far."""

    def __init__(self, *args: str) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, str(HELPER), *args],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        self.lines: list[str] = []
        self._partial = b""
        self._eof = False

    def _read_some(self, timeout: float) -> bool:
        """Read what stdout has within ``timeout``; False on timeout or end of output."""
        assert self.proc.stdout is not None
        fd = self.proc.stdout.fileno()
        ready, _, _ = select.select([fd], [], [], max(timeout, 0.0))
        if not ready:
            return False
        chunk = os.read(fd, 65536)
        if not chunk:
            self._eof = True
            return False
        *whole, self._partial = (self._partial + chunk).split(b"\n")
        self.lines += [line.decode() for line in whole]
        return True

    def wait_for(self, prefix: str, timeout: float = LINE_TIMEOUT) -> str:
        """Return the first line starting with ``prefix``, reading until it comes."""
        deadline = time.monotonic() + timeout
        while True:
            for line in self.lines:
                if line.startswith(prefix):
                    return line
            read = not self._eof and self._read_some(deadline - time.monotonic())
            if not read and (self._eof or time.monotonic() >= deadline):
                pytest.fail(f"child never printed {prefix!r}: {self.lines}\n{self.stderr()}")

    def read_for(self, seconds: float) -> None:
        """Collect the child's lines for ``seconds`` (less if its output ends)."""
        deadline = time.monotonic() + seconds
        while not self._eof and (left := deadline - time.monotonic()) > 0:
            self._read_some(left)

    def kill(self) -> None:
        """SIGKILL the child, then collect every line it printed before it died."""
        self.proc.send_signal(signal.SIGKILL)
        self.proc.wait(timeout=LINE_TIMEOUT)
        while not self._eof:
            self._read_some(LINE_TIMEOUT)
        assert self.proc.returncode == -signal.SIGKILL, self.stderr()

    def stderr(self) -> str:
        """What the child wrote to stderr, once it has ended (for failure messages)."""
        try:
            self.proc.wait(timeout=2)
        except subprocess.TimeoutExpired:
            return "(child still running)"
        assert self.proc.stderr is not None
        return self.proc.stderr.read().decode(errors="replace")

    def close(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()
        for stream in (self.proc.stdin, self.proc.stdout, self.proc.stderr):
            if stream is not None:
                stream.close()


@pytest.fixture
def spawn() -> Iterator[type[Child]]:
    """Start children with ``spawn(mode, path, ...)``; any still running are killed after."""
    children: list[Child] = []

    class Tracked(Child):
        def __init__(self, *args: str) -> None:
            super().__init__(*args)
            children.append(self)

    yield Tracked
    for child in children:
        child.close()


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def save_one(path: Path, plan: Plan) -> None:
    store = PlanStore(path)
    try:
        store.open()
        assert not store.read_only
        store.save(plan)
    finally:
        store.close()


# --- the lock between processes ------------------------------------------------------------


def test_lock_held_by_another_process_is_freed_at_once_by_sigkill(
    plan_path: Path, rich_plan: Plan, spawn: type[Child]
) -> None:
    save_one(plan_path, rich_plan)
    child = spawn("hold", str(plan_path))
    assert child.wait_for("OPEN") == "OPEN read_only=False"
    before = digest(plan_path)

    mine = PlanStore(plan_path)
    assert mine.open() == rich_plan
    assert mine.read_only
    with pytest.raises(ReadOnlyError):
        mine.save(rich_plan.with_goal(Goal(id="g9", title="Not saved")))
    mine.close()
    assert digest(plan_path) == before

    child.kill()
    changed = rich_plan.with_goal(Goal(id="g9", title="Saved"))
    after_kill = PlanStore(plan_path)
    try:
        assert after_kill.open() == rich_plan
        assert not after_kill.read_only, "a SIGKILLed holder left a stale lock"
        after_kill.save(changed)
    finally:
        after_kill.close()
    check = PlanStore(plan_path)
    assert check.open() == changed
    check.close()


def test_other_process_is_read_only_while_this_one_holds_the_lock(
    plan_path: Path, rich_plan: Plan, spawn: type[Child]
) -> None:
    holder = PlanStore(plan_path)
    holder.open()
    holder.save(rich_plan)

    first = spawn("hold", str(plan_path))
    assert first.wait_for("OPEN") == "OPEN read_only=True"
    assert first.proc.stdin is not None
    first.proc.stdin.close()  # the child closes its read-only store and exits
    assert first.proc.wait(timeout=LINE_TIMEOUT) == 0, first.stderr()

    second = spawn("hold", str(plan_path))
    assert second.wait_for("OPEN") == "OPEN read_only=True", "a reader released our lock"

    holder.close()
    third = spawn("hold", str(plan_path))
    assert third.wait_for("OPEN") == "OPEN read_only=False"


# --- a real write failure (no mocks: RLIMIT_FSIZE makes write() fail with EFBIG) -----------


def test_save_error_on_a_real_write_failure_leaves_the_file(
    plan_path: Path, rich_plan: Plan, spawn: type[Child]
) -> None:
    save_one(plan_path, rich_plan)
    before = digest(plan_path)

    child = spawn("fsize", str(plan_path), str(64 * 1024))
    line = child.wait_for("SAVE")
    assert child.proc.wait(timeout=LINE_TIMEOUT) == 0, child.stderr()

    assert line == "SAVEERROR Your change could not be saved: File too large."
    assert digest(plan_path) == before
    assert sorted(plan_path.parent.glob(".plan.json.*.tmp")) == []
    assert list_backups(plan_path) == []
    store = PlanStore(plan_path)
    assert store.open() == rich_plan
    store.close()


# --- SIGKILL in the middle of saves ----------------------------------------------------------


def _goal_ids(plan: Plan) -> list[str]:
    ids = [goal.id for goal in plan.goals]
    assert ids == [f"g{n}" for n in range(1, len(ids) + 1)], "goals lost or out of order"
    return ids


def _check_after_kill(path: Path, acked: int) -> int:
    """The file parses, loads with write access, and holds goals 1..acked (maybe one
    more). Return how many goals it holds."""
    tables = json.loads(path.read_bytes())
    assert tables["meta"] == {"1": {"schema_version": SCHEMA_VERSION}}
    store = PlanStore(path)
    try:
        plan = store.open()
        assert not store.read_only, "the killed child's lock is still held"
    finally:
        store.close()
    held = len(_goal_ids(plan))
    assert held in (acked, acked + 1), f"acknowledged up to g{acked}, file holds {held} goals"
    return held


# Fifty children that each start Python take a while on a loaded machine: more than the
# suite's per-test timeout allows, but still bounded by MAX_KILLS.
@pytest.mark.timeout(300)
def test_sigkill_during_saves_never_loses_an_acknowledged_save(
    plan_path: Path, tmp_path: Path, spawn: type[Child]
) -> None:
    rng = random.Random()
    start = time.monotonic()
    kills = acks = 0
    held = 0  # goals in the file, as last checked
    # Past MIN_KILLS while the budget lasts, and also while fewer than MIN_KILLS saves were
    # acknowledged (on a loaded machine a save can outlast a kill's delay).
    while kills < MAX_KILLS and (
        kills < MIN_KILLS or acks < MIN_KILLS or time.monotonic() - start < KILL_BUDGET
    ):
        child = spawn("saveloop", str(plan_path))
        assert child.wait_for("READ") == f"READY {held}", "the child must resume the file"
        delay = rng.uniform(*KILL_AFTER)
        child.read_for(delay)
        child.kill()
        kills += 1
        child.close()

        numbers = [int(line.split()[1]) for line in child.lines if line.startswith("ACK ")]
        assert numbers == list(range(held + 1, held + 1 + len(numbers)))
        acks += len(numbers)
        acked = numbers[-1] if numbers else held
        if not plan_path.exists():
            assert acked == 0, "a save was acknowledged but there is no file"
            continue
        held = _check_after_kill(plan_path, acked)

    assert kills >= MIN_KILLS
    assert acks >= MIN_KILLS, f"only {acks} saves in {kills} runs: the kills tested little"
    # rotation went on under the kills: a full set of backups, each a loadable plan
    backups = list_backups(plan_path)
    assert BACKUPS_KEPT <= len(backups) <= BACKUPS_KEPT + 1  # +1: killed before pruning
    for k, backup in enumerate(backups):
        copy = tmp_path / f"restore{k}" / "plan.json"
        copy.parent.mkdir()
        shutil.copyfile(backup, copy)
        store = PlanStore(copy)
        try:
            assert len(_goal_ids(store.open())) <= held
        finally:
            store.close()
