"""Child-process script for tests/test_storage_processes.py (not a test module).

Run as ``python helpers_storage.py MODE PATH [ARG]``; it talks to the test over stdout, one
line per event, flushed at once so a SIGKILL never hides an event that happened:

``hold PATH``
    Open the store, print ``OPEN read_only=True|False``, then hold it until stdin closes
    (or the test kills us).
``saveloop PATH``
    Open the store, print ``READY n`` (n = goals already in the file), then forever add goal
    ``g{n+1}`` and save, printing ``ACK n`` after each save returns.
``fsize PATH LIMIT``
    Limit the size of files this process may write to LIMIT bytes (RLIMIT_FSIZE, a real
    write failure even for root), save a plan bigger than that and print ``SAVEERROR msg``
    or ``SAVED``.
"""

from __future__ import annotations

import resource
import signal
import sys
from pathlib import Path

from recovery_tui.model import Goal
from recovery_tui.storage import PlanStore, SaveError


def say(line: str) -> None:
    """Print one protocol line and flush it at once."""
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


def hold(path: Path) -> int:
    store = PlanStore(path)
    store.open()
    say(f"OPEN read_only={store.read_only}")
    sys.stdin.read()  # returns when the test closes our stdin
    store.close()
    return 0


def saveloop(path: Path) -> int:
    store = PlanStore(path)
    plan = store.open()
    if store.read_only:
        say("READONLY")
        return 3
    n = len(plan.goals)
    say(f"READY {n}")
    while True:
        n += 1
        plan = plan.with_goal(Goal(id=f"g{n}", title=f"goal {n}"))
        store.save(plan)
        say(f"ACK {n}")


def fsize(path: Path, limit: int) -> int:
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # get EFBIG instead of being killed
    store = PlanStore(path)
    plan = store.open()
    resource.setrlimit(resource.RLIMIT_FSIZE, (limit, resource.RLIM_INFINITY))
    big = plan.with_goal(Goal(id="big", title="big", specific="x" * (limit * 2)))
    try:
        store.save(big)
    except SaveError as error:
        say(f"SAVEERROR {error}")
    else:
        say("SAVED")
    finally:
        resource.setrlimit(resource.RLIMIT_FSIZE, (resource.RLIM_INFINITY, resource.RLIM_INFINITY))
    store.close()
    return 0


def main(argv: list[str]) -> int:
    mode, path = argv[0], Path(argv[1])
    if mode == "hold":
        return hold(path)
    if mode == "saveloop":
        return saveloop(path)
    if mode == "fsize":
        return fsize(path, int(argv[2]))
    raise SystemExit(f"unknown mode {mode!r}")


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
