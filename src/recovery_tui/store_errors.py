"""What can go wrong with the plan file, each with a message meant for the person.

Raised by :mod:`recovery_tui.storage` (which re-exports them, so callers import them from
there) and by :mod:`recovery_tui.encryption`.

Messages quote what a file holds (a table's name, a field, a value) and name files found on
disk, so each message goes through the app's display cleaning (:func:`for_display`) when it
is made: a plan file could otherwise write to the clipboard (OSC 52) or clear the screen of
whoever opens it, wherever the message is shown.
"""

from __future__ import annotations

from pathlib import Path

from recovery_tui.text import for_display

_LONG_NUMBER = "integer string conversion"  # CPython's words for a number over 4,300 digits


class StoreError(Exception):
    """A problem with the plan file, with a message meant for the person (no terminal
    control in it, whatever the file held)."""

    def __init__(self, message: str = "") -> None:
        super().__init__(for_display(message))


def json_problem(error: ValueError) -> str:
    """What is wrong with a file that is not valid JSON, in the app's words (Python's own
    message for a 5,000-digit number names ``sys.set_int_max_str_digits()``)."""
    if _LONG_NUMBER in str(error):
        return "it holds a number thousands of digits long, which no plan has"
    return f"it is not valid JSON ({error})"


class PlanFileError(StoreError):
    """The plan file can't be read; it is left byte-for-byte as it is."""

    def __init__(self, path: Path, problem: str, backup: Path | None) -> None:
        self.path, self.problem, self.backup = path, for_display(problem), backup
        lines = [
            "recovery-tui could not open your plan file:",
            f"  {path}",
            f"Reason: {self.problem}",
            "The file has been left exactly as it is.",
        ]
        if backup is not None:
            lines += [
                "The newest backup is:",
                f"  {backup}",
                "To go back to it: recovery-tui restore (it lists every backup and version,",
                "and keeps this file aside).",
            ]
        else:
            lines.append("There is no backup of it yet.")
        super().__init__("\n".join(lines))


class LockedError(StoreError):
    """The plan file is encrypted and this store has no key: ask for the passphrase."""

    def __init__(self, path: Path, why: str = "") -> None:
        self.path = path
        super().__init__(
            f"Your plan ({path}) is encrypted: {why or 'it needs its passphrase to open'}. "
            "The file was left exactly as it is."
        )


class ReadOnlyError(StoreError):
    """This instance must not save: the plan is open elsewhere, or its folder or file can't
    be written; the message says which."""

    def __init__(self, path: Path, reason: str = "") -> None:
        super().__init__(reason or open_elsewhere(path))


def open_elsewhere(path: Path) -> str:
    return (f"Your plan ({path}) is open in another recovery-tui window, so this one "
            "is read-only. Close the other one to make changes here.")  # fmt: skip


class SaveError(StoreError):
    """A save failed (disk full, permissions); the file still holds the last save."""
