"""Going back to a backup or a kept version: what there is to go back to, and doing it.

``recovery-tui restore`` (:mod:`recovery_tui.cli_restore`) lists every backup and version
with its date, size and whether it can be read, and restores one. This module does the
reading and writing, with no words for the terminal: a damaged plan file is first set
aside beside the plan (``plan.json.damaged-<UTC time>``, a hard link: no copy, nothing
lost), and a readable one becomes the newest backup as on any save, so a restore can
itself be undone. The caller holds the plan's lock.

A plan file that can't be read still gives the person their people: ``crisis`` and the
app's "cannot read your plan" message show the crisis sheet of the newest backup that can
be read (:func:`newest_readable_backup_plan`, :func:`backup_crisis_sheet`), saying so and
when that backup was kept.
"""

from __future__ import annotations

import dataclasses
import os
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from recovery_tui import crypto
from recovery_tui.atomic import fsync_folder
from recovery_tui.backups import Backup, backup_entries
from recovery_tui.helplines import CrisisSheet, crisis_sheet
from recovery_tui.model import Plan
from recovery_tui.store_errors import LockedError, StoreError
from recovery_tui.store_guard import head
from recovery_tui.versions import WHY, VersionError, list_versions, load_version


@dataclass(frozen=True)
class Candidate:
    """A backup (``b3``) or a version (``v2``) the plan could go back to."""

    name: str
    path: Path
    saved_at: datetime
    size: int
    what: str  # "backup", or why the version was kept
    plan: Plan | None  # None: it can't be read
    problem: str = ""  # why not

    @property
    def is_backup(self) -> bool:
        return self.name.startswith("b")


def read_backup(path: Path, key: crypto.Key | None) -> Plan:
    """The plan a backup holds; StoreError when it can't be read (damaged, another user's,
    sealed with another passphrase)."""
    from recovery_tui.storage import PlanStore

    store = PlanStore(path, key)
    try:
        return store.load()
    finally:
        store.close()


def _size(path: Path) -> int:
    try:
        return os.lstat(path).st_size
    except OSError:
        return 0


def candidates(plan_file: Path, key: crypto.Key | None) -> list[Candidate]:
    """Every backup (oldest first, ``b1``...) and version (``v1``..., as ``history``
    numbers them), each read to tell whether it could be restored."""
    found = []
    for n, backup in enumerate(backup_entries(plan_file), start=1):
        try:
            plan, problem = read_backup(backup.path, key), ""
        except LockedError:
            plan, problem = None, "it is encrypted, and no passphrase was given"
        except StoreError as error:
            plan, problem = None, getattr(error, "problem", "") or str(error)
        found.append(Candidate(f"b{n}", backup.path, backup.saved_at, _size(backup.path),
                               "backup", plan, problem))  # fmt: skip
    for version in list_versions(plan_file):
        try:
            plan, problem = load_version(version, key), ""
        except VersionError as error:
            plan, problem = None, str(error)
        found.append(Candidate(f"v{version.number}", version.path, version.saved_at,
                               _size(version.path), WHY.get(version.why, version.why),
                               plan, problem))  # fmt: skip
    return found


def default_choice(found: list[Candidate]) -> Candidate | None:
    """The newest readable backup, else the newest readable version."""
    for wanted in (True, False):
        readable = [c for c in found if c.plan is not None and c.is_backup is wanted]
        if readable:
            return readable[-1]
    return None


def set_aside(plan_file: Path) -> Path | None:
    """Keep the plan file as it is under a new name beside it (a hard link, else a copy),
    before a restore replaces it; None when there is no file."""
    if not plan_file.exists():
        return None
    stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%SZ")
    for n in range(1, 100):
        target = plan_file.with_name(f"{plan_file.name}.damaged-{stamp}-{n}")
        if target.exists():
            continue
        try:
            os.link(plan_file, target)
        except FileExistsError:
            continue
        except OSError:  # no hard links here: a copy
            shutil.copyfile(plan_file, target)
        os.chmod(target, 0o600)
        fsync_folder(plan_file.parent)
        return target
    raise StoreError(f"{plan_file} could not be set aside before the restore.")


def newest_readable_backup_plan(
    plan_file: Path, key: crypto.Key | None
) -> tuple[Plan, Backup] | None:
    """The plan in the newest backup that can be read, and that backup (None: none can).

    For a plan file that can't be read: the person's own people and steps are still in the
    last good copy. Only the person's own backups count (another user's is refused), and
    sealed ones open with ``key``."""
    for backup in reversed(backup_entries(plan_file)):
        try:
            return read_backup(backup.path, key), backup
        except StoreError:
            continue
    return None


def backup_crisis_sheet(
    plan_file: Path,
    key: crypto.Key | None,
    ask: Callable[[], str] | None = None,
    tell: Callable[[str], None] | None = None,
) -> CrisisSheet | None:
    """The crisis sheet of the newest readable backup, saying so and when it was kept (None
    when no backup can be read). Without ``key``, sealed backups open only if ``ask`` is
    given: the passphrase is then asked once, against the newest intact one."""
    if key is None and ask is not None:
        key = _unlock_a_backup(plan_file, ask, tell)
    found = newest_readable_backup_plan(plan_file, key)
    if found is None:
        return None
    plan, backup = found
    note = (f"Your plan ({plan_file}) could not be read just now: this is your sheet from its "
            f"newest backup that can be read, kept {backup.label}.")  # fmt: skip
    return dataclasses.replace(crisis_sheet(plan), problem=note)


def _unlock_a_backup(
    plan_file: Path, ask: Callable[[], str], tell: Callable[[str], None] | None
) -> crypto.Key | None:
    from recovery_tui.encryption import unlock

    for backup in reversed(backup_entries(plan_file)):
        raw = head(backup.path, 4096)
        if crypto.is_encrypted(raw):
            try:
                return unlock(backup.path, ask, tell=tell)
            except StoreError:  # skipped, wrong three times, or damaged: try no further
                return None
    return None
