"""The plan's lock: one writer at a time, with no way around it by deleting a file.

The lock file (``plan.json.lock``, the ``filelock`` package) alone could be sidestepped:
deleting it while the app ran let a second writer make a new one and lock that, and one
acknowledged save was lost. So the lock is also taken on the plan's folder itself (``flock``
on its file descriptor): a folder can't be swapped for another while it holds the plan, and
deleting files in it changes nothing. Like the lock file's, the folder's lock goes with the
process, so a kill frees it at once. The lock file stays for older versions of recovery-tui
and for systems without ``flock`` (Windows), where it is the lock.

Also here: whether the plan's folder and file can be written, and why not, in words.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

from filelock import FileLock, Timeout

from recovery_tui.store_errors import StoreError

try:
    import fcntl
except ImportError:  # Windows: the lock file alone
    fcntl = None  # type: ignore[assignment]


class PlanLock:
    """The lock of the plan at ``path``: its lock file and its folder, both or neither."""

    def __init__(self, path: Path) -> None:
        self.folder = path.parent
        self._file = FileLock(f"{path}.lock", mode=0o600)
        self._folder_fd: int | None = None

    @property
    def is_locked(self) -> bool:
        return self._file.is_locked

    @property
    def lock_file(self) -> str:
        """The lock file's path (``plan.json.lock``)."""
        return self._file.lock_file

    def acquire(self) -> bool:
        """Take the lock now (never wait): True when taken, False when another instance
        holds it. OSError when no lock file can be made (the folder can't be written)."""
        try:
            self._file.acquire(timeout=0)
        except Timeout:
            return False
        if not self._lock_folder():
            self._file.release()
            return False
        return True

    def _lock_folder(self) -> bool:
        if fcntl is None:
            return True
        fd = os.open(self.folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:  # held: its lock file was deleted or replaced under it
            os.close(fd)
            return False
        except OSError:  # a file system without flock on folders: the lock file alone
            os.close(fd)
            return True
        self._folder_fd = fd
        return True

    def release(self) -> None:
        """Let go of both (closing the folder's descriptor frees its lock)."""
        if self._folder_fd is not None:
            with contextlib.suppress(OSError):
                os.close(self._folder_fd)
            self._folder_fd = None
        if self._file.is_locked:
            self._file.release()


def writable(path: Path) -> bool:
    """Whether a save can replace ``path``: its folder writable, and the file too (a file
    the person made read-only is respected, though a rename could replace it)."""
    folder_ok = os.access(path.parent, os.W_OK | os.X_OK)
    return folder_ok and (not path.exists() or os.access(path, os.W_OK))


def cannot_write(where: Path) -> str:
    """Why ``where`` can't be written, in words: a read-only file system, or permissions."""
    why = "it is on a read-only file system" if _read_only_fs(where) else "its permissions"
    return (f"{where} can't be written ({why}), so your plan is open read-only: "
            "you can read it, but changes can't be saved.")  # fmt: skip


def _read_only_fs(where: Path) -> bool:
    """Whether ``where`` (or the nearest folder above it that exists) is on a file system
    mounted read-only."""
    if not hasattr(os, "statvfs"):
        return False
    for place in (where, *where.parents):
        with contextlib.suppress(OSError):
            return bool(os.statvfs(place).f_flag & os.ST_RDONLY)
    return False


def refuse_a_folder_of_another_user(folder: Path) -> None:
    """Another user who owns the folder could swap the plan or its backups: refuse."""
    owner = folder.stat().st_uid
    if hasattr(os, "geteuid") and owner != os.geteuid():
        raise StoreError(
            f"The folder {folder} belongs to another user (uid {owner}), who could change "
            "your plan without you knowing. Use a folder of your own (--data PATH)."
        )
