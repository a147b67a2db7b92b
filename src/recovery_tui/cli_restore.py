"""``recovery-tui restore``: back to a backup or a kept version in one command, not a recipe.

It lists every backup and version with its date, size and whether it can be read, then
restores the one named (default: the newest readable backup, else the newest readable
version), asking first on a terminal (``--yes`` for scripts). The file in the plan's place
is kept: a damaged one set aside beside it (``plan.json.damaged-<time>``), a readable one as
the newest backup, so a restore can be undone the same way. It refuses while the app has
the plan open. For an encrypted plan the passphrase is asked once, against the plan file,
or against its newest sealed backup when the plan file itself is damaged. No Textual.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

from recovery_tui.text import for_display

if TYPE_CHECKING:
    from recovery_tui import crypto
    from recovery_tui.restore import Candidate
    from recovery_tui.storage import PlanStore


HEADINGS = (
    ("Backups (oldest first; one is kept before each save):", True),
    ("Versions (numbered as `recovery-tui history` shows them):", False),
)


def _fail(message: str) -> int:
    print(for_display(message), file=sys.stderr)
    return 1


def _size(n: int) -> str:
    if n < 1000:
        return f"{n} B"
    return f"{n / 1000:.0f} KB" if n < 1_000_000 else f"{n / 1_000_000:.1f} MB"


def _unlock(data: Path) -> crypto.Key | None:
    """The plan's key when any of its files is sealed (None: all plain); the passphrase is
    checked against the plan file, or the newest intact sealed copy when it is damaged."""
    from recovery_tui import crypto
    from recovery_tui.cli_encryption import asker
    from recovery_tui.encryption import plan_files, unlock
    from recovery_tui.store_guard import head, read_limited

    def intact(path: Path) -> bool:
        return crypto.salt_of(read_limited(path, owner=False) or b"") is not None

    sealed = [p for _, p in plan_files(data) if crypto.is_encrypted(head(p, 16))]
    if data in sealed and intact(data):
        return unlock(data, asker())
    backups = [p for p in reversed(sealed) if p != data and intact(p)]
    return unlock(backups[0], asker()) if backups else None


def _listing(found: list[Candidate], now: str) -> str:
    lines = []
    for heading, backups in HEADINGS:
        rows = [c for c in found if c.is_backup is backups]
        if rows:
            lines.append(heading)
        for c in rows:
            state = c.what if c.plan is not None else f"can't be read: {c.problem}"
            lines.append(f"  {c.name:<4} {c.saved_at:%Y-%m-%d %H:%M}  {_size(c.size):>8}  {state}")
    lines.append(f"Your plan file now: {now}")
    return for_display("\n".join(lines))


def _current(store: PlanStore) -> tuple[bool, str]:
    """Whether the plan file now can be read, and in words what it is."""
    from recovery_tui.storage import StoreError

    if not store.path.exists():
        return False, "there is none."
    try:
        store.load()
    except StoreError as error:
        return False, f"it can't be read ({getattr(error, 'problem', '') or error})."
    return True, "it can be read; it is kept as the newest backup if you restore another."


def _pick(found: list[Candidate], which: str | None) -> Candidate | str:
    from recovery_tui.restore import default_choice

    if which is None:
        return default_choice(found) or "There is no backup or version that can be read."
    named = [c for c in found if c.name == which.lower()]
    if not named:
        return f"There is no {which} (see the list above: b1, b2... are backups, v1... versions)."
    if named[0].plan is None:
        return f"{named[0].name} can't be restored: {named[0].problem}"
    return named[0]


def _confirm(choice: Candidate, yes: bool) -> bool:
    question = f"Restore {choice.name} ({choice.saved_at:%Y-%m-%d %H:%M}) as your plan?"
    if yes:
        return True
    if not sys.stdin.isatty():
        print(f"{question} There is no terminal to ask on: add --yes to restore it.",
              file=sys.stderr)  # fmt: skip
        return False
    return input(f"{question} [y/N] ").strip().lower() in ("y", "yes")


def restore_plan(
    data: Path, which: str | None, *, list_only: bool = False, yes: bool = False
) -> int:
    """List the backups and versions; restore the chosen one (default: the newest readable)."""
    from recovery_tui.cli_encryption import busy
    from recovery_tui.restore import candidates, set_aside
    from recovery_tui.storage import PlanStore, StoreError
    from recovery_tui.store_guard import check_plan_file

    try:
        check_plan_file(data)
        key = _unlock(data)
    except StoreError as error:
        return _fail(f"{error}\nNothing was changed.")
    store = PlanStore(data, key)
    try:
        store.take_lock()
        if store.read_only:
            return _fail(busy(store, "restore"))
        found = candidates(data, key)
        readable, now = _current(store)
        if not found:
            return _fail(f"There are no backups or versions of your plan ({data}) yet.")
        print(_listing(found, now))
        if list_only:
            return 0
        choice = _pick(found, which)
        if isinstance(choice, str):
            return _fail(f"{choice} Nothing was changed.")
        if not _confirm(choice, yes):
            return _fail("Nothing was changed.")
        assert choice.plan is not None
        aside = None if readable else set_aside(data)
        store.restore(choice.plan, keep_current=readable)
    except StoreError as error:
        return _fail(f"{error}\nNothing was changed.")
    finally:
        store.close()
    print(f"Restored {choice.name} ({choice.saved_at:%Y-%m-%d %H:%M}) as your plan ({data}).")
    if aside is not None:
        print(for_display(f"The file that was there is kept as {aside}."))
    elif readable:
        print("The plan that was there is now the newest backup: `recovery-tui restore` again "
              "brings it back.")  # fmt: skip
    return 0
