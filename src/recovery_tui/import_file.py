"""Reading a file to import: refuse at once what can't be a plan file, in one line each.

``import`` once opened whatever it was given: a named pipe blocked forever, ``/dev/zero``
grew to gigabytes in memory, and UTF-16 text was quietly accepted though the format says
UTF-8. So the file is looked at (``os.stat``) before it is opened, opened without waiting
(``O_NONBLOCK``), and read up to a limit far above any plan a person could write. What the
plan being replaced holds is said in words here too, so the question before an import
says plainly what goes. No Textual, no TinyDB.
"""

from __future__ import annotations

import codecs
import os
import stat
from pathlib import Path

from recovery_tui import crypto
from recovery_tui.model import Plan

LIMIT = 64 * 1024 * 1024  # 30 years of daily check-ins with long notes is about a tenth of it
_CHUNK = 1024 * 1024
_KINDS = (
    (stat.S_ISDIR, "it is a folder"),
    (stat.S_ISCHR, "it is a device"),
    (stat.S_ISBLK, "it is a device"),
    (stat.S_ISFIFO, "it is a pipe"),
    (stat.S_ISSOCK, "it is a socket"),
)


class ImportFileError(Exception):
    """The file can't be a plan file; the message (one line, no ending stop) says why."""


def _not_a_file(mode: int) -> str | None:
    for test, words in _KINDS:
        if test(mode):
            return f"{words}, not a plan file"
    return None if stat.S_ISREG(mode) else "it is not a regular file"


def _too_big() -> str:
    return f"it is larger than {LIMIT // 2**20} MB, far more than any plan file holds"


def read_plan_file(path: Path) -> bytes:
    """The bytes of the plan file at ``path``, UTF-8 (a UTF-8 byte-order mark is dropped),
    or sealed (:func:`unseal` opens those with the plan's key).

    ImportFileError for what is not one: missing or unreadable, a folder, device, pipe or
    socket, larger than :data:`LIMIT`, empty, or not UTF-8 text."""
    try:
        info = os.stat(path)
    except OSError as error:
        raise ImportFileError(_os_reason(error)) from None
    reason = _not_a_file(info.st_mode)
    if reason is not None:
        raise ImportFileError(reason)
    if info.st_size > LIMIT:
        raise ImportFileError(_too_big())
    try:  # never waits: a pipe put there since the stat is caught by fstat below
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
    except OSError as error:
        raise ImportFileError(_os_reason(error)) from None
    with os.fdopen(fd, "rb") as file:
        reason = _not_a_file(os.fstat(fd).st_mode)
        if reason is not None:
            raise ImportFileError(reason)
        raw = _read_at_most(file.fileno(), LIMIT + 1)
    if len(raw) > LIMIT:
        raise ImportFileError(_too_big())
    return raw if crypto.is_encrypted(raw) else _utf8(raw)


def unseal(raw: bytes, key: crypto.Key | None) -> bytes:
    """``raw`` opened with the plan's ``key`` when it is sealed (a version of an encrypted
    plan, kept before an import: this is how it comes back); plain bytes as they are."""
    if not crypto.is_encrypted(raw):
        return raw
    if key is None:
        raise ImportFileError("it is encrypted, and your plan is not, so it can't be opened")
    try:
        return _utf8(crypto.decrypt(raw, key))
    except crypto.CryptoError:
        raise ImportFileError("it is encrypted with another passphrase than your plan's") from None


def _read_at_most(fd: int, limit: int) -> bytes:
    chunks: list[bytes] = []
    size = 0
    while size < limit:
        try:
            chunk = os.read(fd, min(_CHUNK, limit - size))
        except BlockingIOError:  # a regular file never blocks; anything else is refused above
            break
        if not chunk:
            break
        chunks.append(chunk)
        size += len(chunk)
    return b"".join(chunks)


def _utf8(raw: bytes) -> bytes:
    """``raw`` without a UTF-8 byte-order mark (it is still UTF-8, as Notepad writes it);
    ImportFileError when it is empty, UTF-16/UTF-32 or not UTF-8 at all."""
    raw = raw.removeprefix(codecs.BOM_UTF8)
    if not raw.strip():
        raise ImportFileError("it is empty")
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) or b"\x00" in raw:
        # JSON text never holds a zero byte: UTF-16 or UTF-32 (with or without a mark)
        raise ImportFileError(
            "it is UTF-16 or UTF-32 text, and a plan file is UTF-8: save it as UTF-8 first"
        )
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError as error:
        raise ImportFileError(
            f"it is not UTF-8 text (byte {error.start + 1} is not), and a plan file is UTF-8"
        ) from None
    return raw


def _os_reason(error: OSError) -> str:
    if isinstance(error, FileNotFoundError):
        return "there is no such file"
    return f"it could not be read ({error.strerror or error})"


# (list, one, many): what a plan holds, in words, the daily log right after the goals
_COUNTED = (
    ("goals", "goal", "goals"),
    ("checkins", "check-in", "check-ins"),
    ("lapses", "lapse debrief", "lapse debriefs"),
    ("reviews", "periodic review", "periodic reviews"),
    ("assessments", "self-assessment", "self-assessments"),
    ("focus_areas", "focus area", "focus areas"),
    ("triggers", "trigger", "triggers"),
    ("coping_skills", "coping skill", "coping skills"),
    ("self_care", "self-care routine", "self-care routines"),
    ("warning_signs", "warning sign", "warning signs"),
    ("commitments", "commitment", "commitments"),
    ("contacts", "contact", "contacts"),
    ("meetings", "meeting", "meetings"),
    ("avoid", "person or place to keep away from", "people and places to keep away from"),
    ("treatment", "treatment note", "treatment notes"),
    ("crisis_lines", "crisis line of your own", "crisis lines of your own"),
)


def plan_summary(plan: Plan) -> str:
    """``"3 goals, 120 check-ins and 2 lapse debriefs"``: what replacing ``plan`` loses."""
    parts = []
    for name, one, many in _COUNTED:
        count = len(getattr(plan, name))
        if count:
            parts.append(f"1 {one}" if count == 1 else f"{count} {many}")
    if not parts:
        return "your profile settings" if not plan.is_empty() else "nothing yet"
    return parts[0] if len(parts) == 1 else f"{', '.join(parts[:-1])} and {parts[-1]}"
