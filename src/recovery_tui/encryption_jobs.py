"""Finishing an encryption job that was interrupted.

``encrypt``, ``passphrase`` and ``decrypt`` rewrite the plan file first, then each backup,
version and draft. A kill midway once left backups and a version in plain text beside an
encrypted plan, or files only the old passphrase opens, and nothing said so. Now each job
leaves a marker beside the plan (``plan.json.unfinished``, naming the job) until every
file is done, and the next unlock (or the next run of the command) finishes it: plain files
are sealed with the plan's key, and files sealed with the previous passphrase are sealed
again once it is typed. No printing here: the caller asks and tells.
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from recovery_tui import crypto
from recovery_tui.atomic import write_atomically
from recovery_tui.encryption import Rewritten, plan_files, rewrite
from recovery_tui.store_errors import StoreError
from recovery_tui.store_guard import read_limited

JOBS = ("encrypt", "passphrase", "decrypt")


def marker_path(plan_file: Path) -> Path:
    """The marker of an unfinished job: ``plan.json.unfinished`` beside the plan."""
    return plan_file.with_name(f"{plan_file.name}.unfinished")


def start_job(plan_file: Path, job: str) -> None:
    """Say (on disk, before the first file changes) that ``job`` is under way."""
    write_atomically(marker_path(plan_file), json.dumps({"job": job}).encode())


def end_job(plan_file: Path) -> None:
    """Every file is done: remove the marker."""
    with contextlib.suppress(FileNotFoundError):
        marker_path(plan_file).unlink()


def unfinished_job(plan_file: Path) -> str | None:
    """The job an interrupted command left unfinished (None: none). A marker that can't be
    read counts as an ``encrypt``: finishing one only seals what is plain."""
    try:
        raw = read_limited(marker_path(plan_file))
    except (OSError, StoreError):
        return "encrypt"
    if raw is None:
        return None
    try:
        job = json.loads(raw).get("job")
    except (ValueError, AttributeError):
        return "encrypt"
    return job if job in JOBS else "encrypt"


@dataclass
class Leftovers:
    """The plan's files a job left behind: plain ones, and ones sealed with another key."""

    plain: list[Path] = field(default_factory=list)
    other_key: list[Path] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.plain or self.other_key)


def find_leftovers(plan_file: Path, key: crypto.Key) -> Leftovers:
    """The backups, versions and draft not sealed with ``key`` (the plan file's key)."""
    found = Leftovers()
    for kind, path in plan_files(plan_file):
        if kind == "plan":
            continue
        try:
            raw = read_limited(path, owner=False)
        except (OSError, StoreError):
            continue  # named by the rewrite, if one runs
        if raw is None or crypto.sealed_with(raw, key):
            continue
        (found.other_key if crypto.is_encrypted(raw) else found.plain).append(path)
    return found


def count_leftovers(plan_file: Path) -> int:
    """How many of the plan's other files are plain or sealed with another salt than the
    encrypted plan file's: what a finished job leaves none of (no passphrase needed)."""
    try:
        salt = crypto.salt_of(read_limited(plan_file) or b"")
    except (OSError, StoreError):
        return 0
    count = 0
    for kind, path in plan_files(plan_file):
        with contextlib.suppress(OSError, StoreError):
            if kind != "plan" and crypto.salt_of(read_limited(path, owner=False) or b"") != salt:
                count += 1
    return count


def previous_key(
    path: Path, ask: Callable[[], str], tell: Callable[[str], None] | None = None
) -> crypto.Key | None:
    """The key of the file at ``path``, sealed with a previous passphrase (asked, up to
    three tries); None when the person skipped (``ask`` raised NoPassphrase)."""
    raw = read_limited(path, owner=False) or b""
    try:
        return crypto.unlock_by_asking(raw, ask, tell=tell)[1]
    except crypto.NoPassphrase:
        return None


def finish(plan_file: Path, key: crypto.Key, old: crypto.Key | None) -> Rewritten:
    """Seal every plain file of the plan with ``key``, and every file sealed with ``old``
    again with ``key`` (call with the plan's lock held). Files neither opens are named in
    ``problems`` and left as they are."""

    def change(raw: bytes) -> bytes | None:
        if not crypto.is_encrypted(raw):
            return crypto.encrypt(raw, key)
        if crypto.sealed_with(raw, key):
            return None
        if old is None:
            raise crypto.WrongPassphrase()  # left for when the previous passphrase is typed
        return crypto.encrypt(crypto.decrypt(raw, old), key)

    return rewrite(plan_file, change)
