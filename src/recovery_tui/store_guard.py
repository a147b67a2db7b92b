"""What the store checks before it touches a plan's files.

Three promises: nothing outside the plan's folder is ever changed, no odd file hangs or
crashes a command, and a plan someone else could have changed is not trusted silently.

- The plan file must be a regular file, not a symbolic link (a link is refused with its
  target named: reading through it and tightening "the plan file" once chmodded whatever it
  pointed to, and a save replaced the link with a plain file, silently ending any sync).
  A linked *folder* is fine: the whole plan then lives in the folder it points to.
- A named pipe, a device, a socket or a folder where the plan should be is refused in one
  line, and so is a file over :data:`LIMIT`; reads never wait (``O_NONBLOCK``) and never
  read more than the limit, so ``/dev/zero`` or a FIFO cannot hang ``crisis``.
- A plan file that belongs to another user is refused. A folder others can write is made
  private when it holds only the plan's own files, all the person's; otherwise the plan
  opens read-only, with a warning that says why (:func:`others_could_write`).
"""

from __future__ import annotations

import contextlib
import os
import stat
from collections.abc import Iterator
from pathlib import Path

from recovery_tui.store_errors import StoreError

LIMIT = 64 * 1024 * 1024  # ten years of daily use is 1.7 MB; this is 40 times that
_CHUNK = 1024 * 1024
_KINDS = (
    (stat.S_ISDIR, "a folder"),
    (stat.S_ISFIFO, "a named pipe"),
    (stat.S_ISCHR, "a device"),
    (stat.S_ISBLK, "a device"),
    (stat.S_ISSOCK, "a socket"),
)


class RefusedFile(StoreError):
    """The plan file is not one the store may open (a link, a pipe, too big, another
    user's); nothing was read, written or tightened."""

    def __init__(self, path: Path, problem: str) -> None:
        self.path, self.problem = path, problem
        super().__init__(f"Your plan file ({path}) {problem}. Nothing was changed.")


def _lstat(path: Path) -> os.stat_result | None:
    """The file's own status (None when there is none, or it can't be looked at: the read
    that follows says why)."""
    try:
        return os.lstat(path)
    except OSError:
        return None


def _me() -> int | None:
    return os.geteuid() if hasattr(os, "geteuid") else None


def kind_of(mode: int) -> str | None:
    """``"a named pipe"``, ``"a device"``...: what a non-regular file is (None: regular)."""
    for test, words in _KINDS:
        if test(mode):
            return words
    return None if stat.S_ISREG(mode) else "not a regular file"


def too_big(size: int) -> str:
    return (f"is larger than a plan file can be ({size / 1024 / 1024:.0f} MB; the limit is "
            f"{LIMIT // 1024 // 1024} MB)")  # fmt: skip


def problem_with(path: Path, info: os.stat_result, *, owner: bool = True) -> str | None:
    """Why the file ``info`` describes must not be opened as a plan (None: it may)."""
    if stat.S_ISLNK(info.st_mode):
        target = os.path.realpath(path)
        return (f"is a symbolic link (to {target}): recovery-tui never reads or writes through "
                "a link, so that nothing outside your plan's folder changes. Open the file "
                f"itself: recovery-tui --data {target}")  # fmt: skip
    kind = kind_of(info.st_mode)
    if kind is not None:
        return f"is {kind}, not a plan file" if kind != "not a regular file" else f"is {kind}"
    if info.st_size > LIMIT:
        return too_big(info.st_size)
    me = _me()
    if owner and me is not None and info.st_uid != me:
        return (f"belongs to another user (uid {info.st_uid}), who could have put it there: "
                "recovery-tui opens only a plan file of your own")  # fmt: skip
    return None


def check_plan_file(path: Path) -> None:
    """Refuse (:class:`RefusedFile`) a plan file that is a link, not a regular file, too big
    or another user's; a missing one is fine (a new plan)."""
    info = _lstat(path)
    if info is not None:
        problem = problem_with(path, info)
        if problem is not None:
            raise RefusedFile(path, problem)


def read_limited(path: Path, *, owner: bool = True) -> bytes | None:
    """The bytes of the regular file at ``path`` (None when there is none), read without
    waiting and never more than :data:`LIMIT`. RefusedFile for a link, pipe, device or a
    file too big; OSError when it can't be read."""
    info = _lstat(path)
    if info is None:
        return None
    problem = problem_with(path, info, owner=owner)
    if problem is not None:
        raise RefusedFile(path, problem)
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
    try:
        fd = os.open(path, flags | getattr(os, "O_NOFOLLOW", 0))
    except FileNotFoundError:
        return None
    with os.fdopen(fd, "rb") as file:
        problem = problem_with(path, os.fstat(fd), owner=owner)  # swapped since the lstat
        if problem is not None:
            raise RefusedFile(path, problem)
        raw = _read_at_most(file.fileno(), LIMIT + 1)
    if len(raw) > LIMIT:
        raise RefusedFile(path, too_big(len(raw)))
    return raw


def _read_at_most(fd: int, limit: int) -> bytes:
    chunks: list[bytes] = []
    size = 0
    while size < limit:
        chunk = os.read(fd, min(_CHUNK, limit - size))
        if not chunk:
            break
        chunks.append(chunk)
        size += len(chunk)
    return b"".join(chunks)


def head(path: Path, size: int) -> bytes:
    """The first ``size`` bytes of the regular file at ``path`` (b"" for anything else:
    missing, a pipe, a device, a link), read without waiting."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
    try:
        fd = os.open(path, flags | getattr(os, "O_NOFOLLOW", 0))
    except OSError:
        return b""
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            return b""
        return os.read(fd, size)
    except OSError:
        return b""
    finally:
        os.close(fd)


OWN_NAMES = frozenset({"backups", "versions", "crisis-card.txt", "crash.log"})
OWN_FOLDERS = ("backups", "versions")


def is_own_name(plan_file: Path, name: str) -> bool:
    """Whether ``name`` beside the plan is one of the plan's own files: the plan, its lock,
    draft, markers and set-aside copies (``plan.json.*``), temp files of a save
    (``.plan.json.*``, ``.crisis-card.txt.*``), backups, versions, crisis card, crash log."""
    card_temp = name.startswith(".crisis-card.txt.")
    plan_name = plan_file.name
    return (name == plan_name or name in OWN_NAMES or card_temp
            or name.startswith((f"{plan_name}.", f".{plan_name}.")))  # fmt: skip


def own_entries(path: Path) -> Iterator[Path]:
    """The plan's own files and folders beside it, and what backups/ and versions/ hold."""
    for entry in path.parent.iterdir():
        if is_own_name(path, entry.name):
            yield entry
            if entry.name in OWN_FOLDERS and not entry.is_symlink() and entry.is_dir():
                yield from entry.iterdir()


def others_could_write(path: Path) -> tuple[bool, str | None]:
    """Whether the plan's folder is open to other users' writes, and, when it can't simply
    be made private, the warning that keeps the plan read-only.

    The folder can be tightened (0700) only when it holds nothing but the plan's own files,
    each the person's and none a link; a foreign file among them, or other files in a folder
    others can write, means someone else could have changed the plan (or could still)."""
    folder = path.parent
    info = os.stat(folder)
    open_to_others = bool(info.st_mode & (stat.S_IWGRP | stat.S_IWOTH))
    me = _me()
    foreign = None
    with contextlib.suppress(OSError):
        for entry in own_entries(path):
            entry_info = os.lstat(entry)
            if (me is not None and entry_info.st_uid != me) or stat.S_ISLNK(entry_info.st_mode):
                foreign = entry
                break
    if foreign is not None:
        return open_to_others, (
            f"{foreign} is not your own (another user's, or a link), so someone else may have "
            f"changed your plan's files: your plan is open read-only. Check the folder "
            f"{folder} and keep only your own files in it."
        )
    if not open_to_others:
        return False, None
    if all(is_own_name(path, p.name) for p in folder.iterdir()):
        return True, None  # the caller makes it private
    return True, (
        f"The folder {folder} can be written by other users, who could change your plan there "
        "without you knowing, so it is open read-only. Keep your plan in a folder of your own "
        f"(--data PATH), or make this one private: chmod 700 {folder}"
    )


def make_private(path: Path) -> None:
    """Tighten the plan's own files to the person alone: files 0600, folders 0700; never
    through a link, and never anything that is not the plan's own.

    The plan's folder itself only when it holds nothing but the plan's own files (a plan
    kept in, say, a home folder leaves that folder as it is)."""
    folder = path.parent
    entries = list(own_entries(path))
    if all(is_own_name(path, p.name) for p in folder.iterdir()):
        _chmod_if_looser(folder, 0o700)
    for entry in entries:
        _chmod_if_looser(entry, 0o700 if entry.name in OWN_FOLDERS else 0o600)


def _chmod_if_looser(path: Path, mode: int) -> None:
    with contextlib.suppress(OSError):
        info, me = os.lstat(path), _me()
        if stat.S_ISLNK(info.st_mode) or (me is not None and info.st_uid != me):
            return
        if stat.S_IMODE(info.st_mode) & ~mode:
            os.chmod(path, mode)
