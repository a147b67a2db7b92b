"""The rotating backups of a plan file: ``backups/`` beside it, the newest BACKUPS_KEPT.

Before each save replaces the plan file, the file being replaced is kept here (a hard
link: no copy). No TinyDB here, and nothing that reads a backup as a plan.
"""

from __future__ import annotations

import contextlib
import os
from datetime import datetime
from pathlib import Path

from recovery_tui.atomic import private_folder, write_atomically

BACKUPS_KEPT = 10


def backups_dir(path: Path) -> Path:
    """The folder that keeps the rotating backups of the plan file at ``path``."""
    return path.parent / "backups"


def list_backups(path: Path) -> list[Path]:
    """Backups of ``path``, oldest first (their names sort by time)."""
    folder = backups_dir(path)
    if not folder.is_dir():
        return []
    return sorted(folder.glob(f"{path.stem}.*{path.suffix}"))


def newest_backup(path: Path) -> Path | None:
    """The newest backup of ``path`` (None when there is none)."""
    backups = list_backups(path)
    return backups[-1] if backups else None


def keep_backup(path: Path) -> Path | None:
    """Keep the file about to be replaced as the newest backup (a hard link: no copy)."""
    if not path.exists():
        return None
    folder = backups_dir(path)
    private_folder(folder)
    stamp = datetime.now().strftime("%Y%m%dT%H%M%S%f")
    target = folder / f"{path.stem}.{stamp}{path.suffix}"
    try:
        os.link(path, target)
    except FileExistsError:
        return None
    except OSError:  # a file system without hard links: a copy, written atomically
        write_atomically(target, path.read_bytes())
    os.chmod(target, 0o600)  # a linked backup shares the plan file's mode
    return target


def prune_backups(path: Path) -> None:
    """Keep only the newest BACKUPS_KEPT backups."""
    for old in list_backups(path)[:-BACKUPS_KEPT]:
        with contextlib.suppress(OSError):
            old.unlink()
