"""The plan file as bytes on disk: TinyDB's layout, strict reads, atomic backed-up writes.

:class:`AtomicJSONStorage` is a TinyDB ``Storage`` (``TinyDB(path, storage=...)`` opens a
plan file with it): reads are strict (invalid JSON, duplicate keys, NaN, a 5,000-digit
number are refused with a clear message) and never wait or run without limit
(:func:`recovery_tui.store_guard.read_limited`); writes are one atomic replace that keeps
the old file as the newest backup, sealed with the plan's key when there is one. The file's
schema version and the migrations from older ones are here too.
"""

from __future__ import annotations

import contextlib
from pathlib import Path
from typing import Any

import orjson
from tinydb.storages import Storage

from recovery_tui import crypto
from recovery_tui.atomic import write_atomically
from recovery_tui.backups import backups_dir, keep_backup, newest_backup, prune_backups
from recovery_tui.crisis_card import card_path
from recovery_tui.exchange import strict_json_loads
from recovery_tui.store_errors import LockedError, PlanFileError, json_problem
from recovery_tui.store_guard import read_limited
from recovery_tui.versions import versions_dir

SCHEMA_VERSION = 1


class AtomicJSONStorage(Storage):
    """TinyDB storage: strict JSON reads; atomic, private, backed-up writes; sealed with
    ``key`` when there is one."""

    def __init__(self, path: Path, key: crypto.Key | None = None) -> None:
        self.path = path
        self.key = key

    def read(self) -> dict[str, dict[str, Any]] | None:
        """Return the file's tables, or None when there is no file yet."""
        try:
            raw = read_limited(self.path)  # never a link, pipe or device; never unbounded
        except OSError as error:
            raise self._unreadable(f"it could not be read ({error.strerror})") from None
        if raw is None:
            return None
        if not raw.strip():
            raise self._unreadable("it is empty")
        if crypto.is_encrypted(raw):
            if self.key is None:
                raise LockedError(self.path)
            try:
                raw = crypto.decrypt(raw, self.key)
            except crypto.CryptoError as error:  # damaged, another passphrase, newer format
                raise self._unreadable(str(error)) from None
        try:
            data = strict_json_loads(raw)
        except RecursionError:
            raise self._unreadable("it nests too deeply to be a plan") from None
        except UnicodeDecodeError:
            raise self._unreadable("it is not UTF-8 text") from None
        except ValueError as error:
            raise self._unreadable(json_problem(error)) from None
        if not isinstance(data, dict) or not all(isinstance(t, dict) for t in data.values()):
            raise self._unreadable("it does not look like a recovery-tui plan")
        return data

    def write(self, data: dict[str, dict[str, Any]]) -> None:
        """Write ``data`` as one atomic replace, keeping the old file as a backup."""
        self.write_bytes(orjson.dumps(data))  # orjson: 10x json.dumps, a save within a frame

    def write_bytes(self, payload: bytes, *, keep_old: bool = True) -> None:
        """Write the file's JSON as one atomic replace, keeping the old file as a backup
        (unless told not to: a restore sets a damaged one aside instead); with a key, only
        the sealed bytes ever reach the disk."""
        if self.key is not None:
            payload = crypto.encrypt(payload, self.key)
        keep = (lambda: keep_backup(self.path)) if keep_old else None
        write_atomically(self.path, payload, keep_old=keep)
        prune_backups(self.path)

    @property
    def _tmp_prefix(self) -> str:
        return f".{self.path.name}."

    def remove_stale_temp_files(self) -> None:
        """Delete temp files left by a save, backup, version or crisis card killed midway
        (call with the lock held)."""
        folder = self.path.parent
        card = f".{card_path(self.path).name}."  # a card's temp file holds contacts in plain text
        stale = [*folder.glob(f"{self._tmp_prefix}*.tmp"), *folder.glob(f"{card}*.tmp"),
                 *backups_dir(self.path).glob(".*.tmp"),
                 *versions_dir(self.path).glob(".*.tmp")]  # fmt: skip
        for path in stale:
            with contextlib.suppress(OSError):
                path.unlink()

    def _unreadable(self, problem: str) -> PlanFileError:
        return PlanFileError(self.path, problem, newest_backup(self.path))


def _migrate_0_to_1(tables: dict[str, dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """Version 0: the plan's tables without a meta record (e.g. written with stock TinyDB)."""
    return {**tables, "meta": {"1": {"schema_version": 1}}}


MIGRATIONS = {0: _migrate_0_to_1}


def schema_version(tables: dict[str, dict[str, Any]]) -> int:
    """The schema version recorded in the file's meta table (0 when it has none)."""
    meta: dict[str, Any] = tables.get("meta") or {}
    record: object = next(iter(meta.values()), {})
    if not isinstance(record, dict):
        raise ValueError("its meta record is not an object")
    version = record.get("schema_version", 0)
    if type(version) is not int or version < 0:
        raise ValueError("its schema_version is not a whole number of 0 or more")
    return version
