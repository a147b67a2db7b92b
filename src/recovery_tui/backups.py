"""The rotating backups of a plan file: ``backups/`` beside it, the newest BACKUPS_KEPT.

Before each save replaces the plan file, the file being replaced is kept here (a hard
link: no copy). Backups are ordered by a sequence number in their names, not by time:
``plan.00000042.20261126T213000123456Z.json`` is the 42nd, kept at that UTC time. Named by
local time, a DST fall-back or a flight west once sorted the three newest backups first
and pruned them at once, and the "newest backup" in messages was four saves stale. Names
from before (``plan.<local time>.json``) still count, as older than any numbered one.

No TinyDB here: reading a backup as a plan is :mod:`recovery_tui.storage`'s.
"""

from __future__ import annotations

import contextlib
import os
import re
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from recovery_tui.atomic import fsync_folder, private_folder, write_atomically

BACKUPS_KEPT = 10
_STAMP = "%Y%m%dT%H%M%S%f"


@dataclass(frozen=True)
class Backup:
    """One backup: its file, place in the order (0: an older, time-named one), and when it
    was kept (local time)."""

    path: Path
    number: int
    saved_at: datetime

    @property
    def label(self) -> str:
        """``"2026-11-26 21:30"``: when it was kept, in local time."""
        return f"{self.saved_at:%Y-%m-%d %H:%M}"


def backups_dir(path: Path) -> Path:
    """The folder that keeps the rotating backups of the plan file at ``path``."""
    return path.parent / "backups"


def _patterns(path: Path) -> tuple[re.Pattern[str], re.Pattern[str]]:
    stem, suffix = re.escape(path.stem), re.escape(path.suffix)
    numbered = re.compile(rf"^{stem}\.(\d+)\.(\d{{8}}T\d{{12}})Z{suffix}$")
    by_time = re.compile(rf"^{stem}\.(\d{{8}}T\d{{12}}){suffix}$")  # before numbering
    return numbered, by_time


def backup_entries(path: Path) -> list[Backup]:
    """The backups of ``path``, oldest first (by number; time-named ones first, by name)."""
    folder = backups_dir(path)
    if not folder.is_dir():
        return []
    numbered, by_time = _patterns(path)
    found: list[tuple[tuple[int, str], Backup]] = []
    for entry in folder.iterdir():
        if match := numbered.match(entry.name):
            kept = datetime.strptime(match[2], _STAMP).replace(tzinfo=timezone.utc)
            backup = Backup(entry, int(match[1]), kept.astimezone())
        elif match := by_time.match(entry.name):
            backup = Backup(entry, 0, datetime.strptime(match[1], _STAMP))
        else:
            continue
        found.append(((backup.number, entry.name), backup))
    return [backup for _, backup in sorted(found, key=lambda pair: pair[0])]


def list_backups(path: Path) -> list[Path]:
    """The backup files of ``path``, oldest first."""
    return [backup.path for backup in backup_entries(path)]


def newest_backup(path: Path) -> Path | None:
    """The newest backup of ``path`` (None when there is none)."""
    backups = list_backups(path)
    return backups[-1] if backups else None


def _utc_now() -> datetime:
    return datetime.now(timezone.utc)


def keep_backup(path: Path) -> Path | None:
    """Keep the file about to be replaced as the newest backup (a hard link: no copy)."""
    if not path.exists():
        return None
    folder = backups_dir(path)
    private_folder(folder)
    number = max((b.number for b in backup_entries(path)), default=0)
    for _ in range(3):
        number += 1
        stamp = _utc_now().strftime(_STAMP)
        target = folder / f"{path.stem}.{number:08d}.{stamp}Z{path.suffix}"
        try:
            os.link(path, target)
        except FileExistsError:
            continue
        except OSError:  # a file system without hard links: a copy, written atomically
            write_atomically(target, path.read_bytes())
        os.chmod(target, 0o600)  # a linked backup shares the plan file's mode
        return target
    return None


def prune_backups(path: Path) -> None:
    """Keep only the newest BACKUPS_KEPT backups, and make the folder's changes durable
    (the new backup's link included)."""
    for old in list_backups(path)[:-BACKUPS_KEPT]:
        with contextlib.suppress(OSError):
            old.unlink()
    with contextlib.suppress(OSError):
        fsync_folder(backups_dir(path))
