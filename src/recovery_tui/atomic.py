"""Writing a file so that it is either wholly old or wholly new, never half written."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Callable
from pathlib import Path


def _fsync_dir(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def write_atomically(
    path: Path, payload: bytes, *, keep_old: Callable[[], Path | None] | None = None
) -> None:
    """Replace ``path`` with ``payload`` all at once (0600): a temp file in the same folder,
    fsynced, then renamed over it; ``keep_old`` may keep the file being replaced first
    (the copy it returns is removed again if the rename never happens)."""
    folder = path.parent
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=".tmp")
    kept: Path | None = None
    try:
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
    _fsync_dir(folder)
