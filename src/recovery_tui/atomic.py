"""Writing a file so that it is either wholly old or wholly new, never half written."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Callable
from pathlib import Path


def fsync_folder(folder: Path) -> None:
    """Make a folder's new, renamed and removed entries durable (a rename is not, alone)."""
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def private_folder(folder: Path) -> None:
    """Make ``folder`` (and missing parents) for the person alone: 0700 whatever the umask."""
    if not folder.is_dir():
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        os.chmod(folder, 0o700)  # mkdir's mode is cut by the umask


def write_atomically(
    path: Path, payload: bytes, *, keep_old: Callable[[], Path | None] | None = None
) -> None:
    """Replace ``path`` with ``payload`` all at once (0600): a temp file in the same folder,
    fsynced, then renamed over it; ``keep_old`` may keep the file being replaced first
    (the copy it returns is removed again if the rename never happens)."""
    folder = path.parent
    private_folder(folder)
    fd, tmp_name = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=".tmp")
    kept: Path | None = None
    try:
        os.fchmod(fd, 0o600)  # mkstemp's 0600 is cut by the umask too
        with os.fdopen(fd, "wb") as tmp:
            tmp.write(payload)
            tmp.flush()
            os.fsync(tmp.fileno())
        kept = keep_old() if keep_old else None
        os.replace(tmp_name, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp_name)
        if kept is not None:  # the file was not replaced: this is no earlier version
            with contextlib.suppress(OSError):
                kept.unlink()
        raise
    fsync_folder(folder)
