"""What can go wrong with the plan file, each with a message meant for the person.

Raised by :mod:`recovery_tui.storage` (which re-exports them, so callers import them from
there) and by :mod:`recovery_tui.encryption`.
"""

from __future__ import annotations

from pathlib import Path


class StoreError(Exception):
    """A problem with the plan file, with a message meant for the person."""


class PlanFileError(StoreError):
    """The plan file can't be read; it is left byte-for-byte as it is."""

    def __init__(self, path: Path, problem: str, backup: Path | None) -> None:
        self.path, self.problem, self.backup = path, problem, backup
        lines = [
            "recovery-tui could not open your plan file:",
            f"  {path}",
            f"Reason: {problem}",
            "The file has been left exactly as it is.",
        ]
        if backup is not None:
            lines += [
                "The newest backup is:",
                f"  {backup}",
                "To go back to it, copy it over the plan file (README: Restoring a backup).",
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
