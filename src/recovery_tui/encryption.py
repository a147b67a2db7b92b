"""Turning encryption on and off for a whole plan, and unlocking one.

A plan's files are the plan file, its backups, its versions and a draft of unsaved words
(:mod:`recovery_tui.drafts`) when there is one; all are sealed with one
:class:`~recovery_tui.crypto.Key` (one salt, one passphrase). Each file is rewritten on its
own with :func:`~recovery_tui.atomic.write_atomically`, handed the bytes it is to hold, so
turning encryption on writes only ciphertext (no plaintext temp file) and a crash leaves every
file whole, old or new. The plan file goes first: it says whether the plan is encrypted and
with which salt, so running the command again finishes what a crash interrupted.

The caller holds the plan's lock (an opened :class:`~recovery_tui.storage.PlanStore`), so
no save runs meanwhile. Asking for passphrases is the caller's: this module gets them from
an ``ask`` function.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from recovery_tui import crypto
from recovery_tui.atomic import write_atomically
from recovery_tui.drafts import draft_file
from recovery_tui.storage import list_backups
from recovery_tui.store_errors import LockedError, PlanFileError, StoreError
from recovery_tui.store_guard import RefusedFile, head, read_limited
from recovery_tui.versions import list_versions

SCRYPT_PARAMS = crypto.DEFAULT_PARAMS  # for new passphrases
TRIES = 3


@dataclass
class Rewritten:
    """What a rewrite of the plan's files did: how many of each kind, and what it left."""

    plan: int = 0
    backups: int = 0
    versions: int = 0
    drafts: int = 0
    problems: list[tuple[Path, str]] = field(default_factory=list)

    def summary(self) -> str:
        """``"the plan file, 10 backups and 3 versions"``."""
        parts = ["the plan file"] if self.plan else []
        parts += [_count(self.backups, "backup"), _count(self.versions, "version")]
        parts += [_count(self.drafts, "draft of unsaved words")]
        shown = [p for p in parts if p]
        if not shown:
            return "no files"
        return shown[0] if len(shown) == 1 else f"{', '.join(shown[:-1])} and {shown[-1]}"


def _count(n: int, noun: str) -> str:
    return "" if n == 0 else f"1 {noun}" if n == 1 else f"{n} {noun}s"


def plan_files(plan_file: Path) -> Iterator[tuple[str, Path]]:
    """Every file of the plan, the plan file first: (kind, path). A draft kept when the
    connection dropped is one of them: it holds the person's words too."""
    if plan_file.exists():
        yield "plan", plan_file
    for backup in list_backups(plan_file):
        yield "backups", backup
    for version in list_versions(plan_file):
        yield "versions", version.path
    if draft_file(plan_file).exists():
        yield "drafts", draft_file(plan_file)


def is_encrypted_file(path: Path) -> bool:
    """Whether the file at ``path`` is sealed (False when it is missing, unreadable or not
    a regular file: a named pipe there never makes anyone wait)."""
    return crypto.is_encrypted(head(path, len(crypto.MAGIC)))


def sealed_leftovers(plan_file: Path, sealed: bool) -> list[Path]:
    """The plan's backups, versions and draft that are (``sealed``) or are not encrypted."""
    return [
        p for kind, p in plan_files(plan_file) if kind != "plan" and is_encrypted_file(p) is sealed
    ]


def rewrite(plan_file: Path, change: Callable[[bytes], bytes | None]) -> Rewritten:
    """Rewrite each file of the plan as ``change`` says (None: leave it), each atomically.

    A file ``change`` can't open (crypto's error) or that can't be read or written is left
    as it is and named in ``problems``; the plan file's problem stops the rest (StoreError).
    """
    done = Rewritten()
    for kind, path in plan_files(plan_file):
        try:
            raw = read_limited(path, owner=kind == "plan")  # never a pipe, device or link
            new = None if raw is None else change(raw)
            if new is not None:
                write_atomically(path, new)
        except (crypto.CryptoError, OSError, RefusedFile) as error:
            reason = error.strerror if isinstance(error, OSError) else str(error)
            if isinstance(error, RefusedFile):
                reason = error.problem
            if kind == "plan":
                raise StoreError(f"Your plan ({path}) was not changed: {reason}") from None
            done.problems.append((path, str(reason)))
            continue
        if new is not None:
            setattr(done, kind, getattr(done, kind) + 1)
    return done


def seal_all(plan_file: Path, key: crypto.Key) -> Rewritten:
    """Encrypt every plain file of the plan with ``key`` (sealed ones are left)."""
    return rewrite(
        plan_file, lambda raw: None if crypto.is_encrypted(raw) else crypto.encrypt(raw, key)
    )


def open_all(plan_file: Path, key: crypto.Key) -> Rewritten:
    """Decrypt every sealed file of the plan with ``key`` (plain ones are left)."""
    return rewrite(
        plan_file, lambda raw: crypto.decrypt(raw, key) if crypto.is_encrypted(raw) else None
    )


def reseal_all(plan_file: Path, old: crypto.Key, new: crypto.Key) -> Rewritten:
    """Seal every file of the plan with the ``new`` key (a new passphrase)."""

    def change(raw: bytes) -> bytes:
        return crypto.encrypt(crypto.decrypt(raw, old) if crypto.is_encrypted(raw) else raw, new)

    return rewrite(plan_file, change)


def unlock(
    plan_file: Path,
    ask: Callable[[], str],
    *,
    tell: Callable[[str], None] | None = None,
    tries: int = TRIES,
) -> crypto.Key | None:
    """The key of the encrypted file at ``plan_file`` (asking for its passphrase up to
    ``tries`` times); None when it is plain or missing.

    Raises :class:`LockedError` when no passphrase was given (``ask`` raised
    :class:`~recovery_tui.crypto.NoPassphrase`), a clear :class:`StoreError` after the last
    wrong one, :class:`PlanFileError` (naming the newest backup) for a damaged file, before
    anyone is asked. The file is never changed.
    """
    try:
        raw = read_limited(plan_file)  # a link, pipe or device: RefusedFile, nothing read
    except OSError as error:
        raise PlanFileError(
            plan_file, f"it could not be read ({error.strerror})", _newest_backup(plan_file)
        ) from None
    if raw is None or not crypto.is_encrypted(raw):
        return None
    try:
        _, key = crypto.unlock_by_asking(raw, ask, tries=tries, tell=tell)
    except crypto.NoPassphrase as error:
        raise LockedError(plan_file, _uncapitalised(str(error)).rstrip(".")) from None
    except crypto.WrongPassphrase:
        raise StoreError(wrong_passphrase(plan_file, tries)) from None
    except crypto.CryptoError as error:  # damaged, newer format, no cryptography package
        raise PlanFileError(plan_file, str(error), _newest_backup(plan_file)) from None
    return key


def wrong_passphrase(plan_file: Path, tries: int = TRIES) -> str:
    """What is said after the last wrong passphrase."""
    return (
        f"{crypto.WRONG_PASSPHRASE} After {tries} tries, recovery-tui stopped asking.\n"
        f"Your plan ({plan_file}) was left exactly as it is."
    )


def _newest_backup(plan_file: Path) -> Path | None:
    backups = list_backups(plan_file)
    return backups[-1] if backups else None


def _uncapitalised(text: str) -> str:
    return text[:1].lower() + text[1:]
