"""The plan store: one private TinyDB JSON file, saved atomically, locked, backed up.

With :mod:`recovery_tui.plan_file`, the only module that knows the file's layout:
TinyDB's (``{table: {"1": doc, ...}}``), one table per list of the exchange format
(:mod:`recovery_tui.exchange`), plus ``profile`` and a ``meta`` record with the schema
version, so ``TinyDB(path, storage=AtomicJSONStorage)`` opens it. Saving does not go through
TinyDB's tables, which rebuild and re-encode the whole file: :class:`PlanStore` encodes only
the items that changed (orjson) and :class:`AtomicJSONStorage` writes the file as one atomic
replace: a temp file in the same folder, fsynced, the old file kept as a backup (a hard
link, so no copy), then ``os.replace``. A lock keeps a second instance read-only.

An encrypted plan (``recovery-tui encrypt``) is the same bytes sealed with a
:class:`~recovery_tui.crypto.Key`: a store given the key opens it and seals every save, so
backups (hard links of the file) are sealed too; without one, opening it raises
:class:`LockedError`. Turning encryption on and off is :mod:`recovery_tui.encryption`.
"""

from __future__ import annotations

import dataclasses
import os
from datetime import datetime
from pathlib import Path
from typing import Any

import orjson

from recovery_tui import crypto
from recovery_tui.atomic import private_folder
from recovery_tui.backups import BACKUPS_KEPT as BACKUPS_KEPT
from recovery_tui.backups import backups_dir as backups_dir
from recovery_tui.backups import list_backups as list_backups
from recovery_tui.backups import newest_backup
from recovery_tui.crisis_card import CARD_LISTS, refresh_card
from recovery_tui.exchange import from_data, plan_list_from_data, to_data
from recovery_tui.model import Plan, PlanError, Profile, check_plan
from recovery_tui.plan_file import MIGRATIONS, AtomicJSONStorage
from recovery_tui.plan_file import SCHEMA_VERSION as SCHEMA_VERSION
from recovery_tui.plan_file import schema_version as schema_version
from recovery_tui.plan_lock import PlanLock, cannot_write, refuse_a_folder_of_another_user, writable
from recovery_tui.store_errors import LockedError as LockedError
from recovery_tui.store_errors import PlanFileError as PlanFileError
from recovery_tui.store_errors import ReadOnlyError as ReadOnlyError
from recovery_tui.store_errors import SaveError as SaveError
from recovery_tui.store_errors import StoreError as StoreError
from recovery_tui.store_errors import open_elsewhere as open_elsewhere
from recovery_tui.store_guard import check_plan_file, make_private, others_could_write
from recovery_tui.versions import Version, forget_key, save_version, use_key

_LISTS = tuple(f.name for f in dataclasses.fields(Plan) if f.name != "profile")
_TABLES = frozenset({"meta", "profile", *_LISTS})


class PlanStore:
    """Loads and saves the plan at ``path``; read-only when another instance holds it.

    Each list's documents are kept as JSON bytes, matched to the saved plan's items by
    identity (plans are immutable: an unchanged item is the very same object), so a save
    encodes only what is new and joins the rest: adding a check-in to ten years of them
    costs one encoding, not 3,650, and the file write is the main cost.
    """

    def __init__(self, path: Path, key: crypto.Key | None = None) -> None:
        self.path = path
        self.read_only = False
        self.read_only_reason = ""
        self._lock = PlanLock(path)
        self._file = AtomicJSONStorage(path)
        if key is not None:
            self.set_key(key)
        self._saved = Plan()
        self._docs: dict[str, list[bytes]] = {name: [] for name in _LISTS}
        self._docs["profile"] = [_encoded(to_data(Profile()))]
        self._tables: dict[str, bytes] = {}  # each table's JSON, as last written

    @property
    def key(self) -> crypto.Key | None:
        """The key the plan's files are sealed with (None: plain files)."""
        return self._file.key

    def set_key(self, key: crypto.Key | None) -> None:
        """Open and seal the plan, its backups and versions with ``key`` from now on."""
        self._file.key = key
        use_key(self.path, key)

    def open(self) -> Plan:
        """Load the plan, take the lock (or go read-only, saying why) and make its files
        private. The plan is read first, so nothing is created or tightened beside a file
        that is not a plan (a link, a pipe, someone else's file, ``/etc/passwd``)."""
        check_plan_file(self.path)
        if self.path.parent.is_dir():
            refuse_a_folder_of_another_user(self.path.parent)
        seen = _identity(self.path)
        plan = self.load()
        self.take_lock()
        if _identity(self.path) != seen:  # saved by another window meanwhile: read it again
            plan = self.load()
        if not self.read_only:
            self._tighten()
        return plan

    def _tighten(self) -> None:
        """Make the plan's files private, or go read-only when others could have changed
        them (see :func:`recovery_tui.store_guard.others_could_write`)."""
        _, warning = others_could_write(self.path)
        if warning is not None:
            self._lock.release()
            self._go_read_only(warning)
        else:
            make_private(self.path)

    def take_lock(self) -> None:
        """Take the lock and tidy the folder; or go read-only, saying why."""
        folder = self.path.parent
        private_folder(folder)
        refuse_a_folder_of_another_user(folder)
        try:
            taken = self._lock.acquire()
        except OSError:  # no lock file can be made: the folder can't be written
            self._go_read_only(cannot_write(folder))
            return
        if not taken:
            self._go_read_only(open_elsewhere(self.path))
        elif not writable(self.path):
            self._lock.release()
            self._go_read_only(cannot_write(self.path if self.path.exists() else folder))
        else:
            self._file.remove_stale_temp_files()

    def _go_read_only(self, reason: str) -> None:
        self.read_only, self.read_only_reason = True, reason

    @property
    def held_elsewhere(self) -> bool:
        """Whether this store is read-only because another window has the plan open (not
        for a reason of the folder's own: permissions, a read-only file system)."""
        return self.read_only and self.read_only_reason == open_elsewhere(self.path)

    def load(self) -> Plan:
        """Read the plan from the file (an empty plan when there is no file)."""
        tables = self._file.read() or {}
        try:
            plan = self._plan_from_tables(tables)
        except (PlanError, ValueError) as error:
            raise PlanFileError(self.path, str(error), newest_backup(self.path)) from None
        self._saved = plan
        return plan

    def _plan_from_tables(self, tables: dict[str, dict[str, Any]]) -> Plan:
        unknown = sorted(set(tables) - _TABLES - {"_default"})
        if unknown:
            raise ValueError(f'it has a table "{unknown[0]}" that a plan does not have')
        version = schema_version(tables)
        if version > SCHEMA_VERSION:
            raise ValueError(
                f"it was written by a newer recovery-tui (schema {version}; this one "
                f"reads up to {SCHEMA_VERSION}). Please update recovery-tui."
            )
        while version < SCHEMA_VERSION:
            tables = MIGRATIONS[version](tables)
            version += 1
        fields: dict[str, Any] = {}
        profile_docs = list(tables.get("profile", {}).values())
        if profile_docs:
            fields["profile"] = from_data(Profile, profile_docs[0], "profile")
        docs = {name: _in_id_order(tables.get(name, {})) for name in _LISTS}
        for name in _LISTS:
            fields[name] = plan_list_from_data(name, docs[name])
        plan = Plan(**fields)
        check_plan(plan)
        self._docs = {name: [_encoded(doc) for doc in docs[name]] for name in _LISTS}
        self._docs["profile"] = [_encoded(to_data(plan.profile))]
        self._tables = {}
        return plan

    def save(self, plan: Plan, *, after_review_keep_version: bool = True) -> None:
        """Save ``plan`` now, as one atomic write; only changed lists are encoded.

        A plan with a new periodic review is also kept as a version (unless told not to,
        as an import does: its reviews are not new ones).
        """
        if self.read_only:
            raise ReadOnlyError(self.path, self.read_only_reason)
        changed = self._changed_docs(plan)
        if not changed and self.path.exists():
            return
        try:
            check_plan(plan, only=changed)  # never write a file that could not be read back
        except PlanError as error:
            raise SaveError(f"This change was not saved: {error}") from None
        docs = {**self._docs, **changed}
        tables = {name: table for name, table in self._tables.items() if name not in changed}
        try:
            self._file.write_bytes(_file_bytes(docs, tables))
        except OSError as error:
            raise SaveError(f"Your change could not be saved: {error.strerror}.") from error
        self._docs, self._tables = docs, tables
        previous, self._saved = self._saved, plan
        if CARD_LISTS & changed.keys():
            refresh_card(self.path, plan)  # a crisis card the person keeps stays current
        new_review = {r.id for r in plan.reviews} - {r.id for r in previous.reviews}
        if new_review and after_review_keep_version:
            self.keep_version(plan, "review")  # a periodic review: keep the plan as it is now

    def restore(self, plan: Plan, *, keep_current: bool) -> None:
        """Write ``plan`` as the whole plan file (``recovery-tui restore``). The file there
        now becomes the newest backup when ``keep_current``; a damaged one is not (the
        caller set it aside), so it never takes the place of a good backup."""
        if self.read_only:
            raise ReadOnlyError(self.path, self.read_only_reason)
        try:
            check_plan(plan)
        except PlanError as error:
            raise SaveError(f"This plan was not restored: {error}") from None
        docs = {name: [_encoded(to_data(item)) for item in getattr(plan, name)]
                for name in _LISTS}  # fmt: skip
        docs["profile"] = [_encoded(to_data(plan.profile))]
        tables: dict[str, bytes] = {}
        try:
            self._file.write_bytes(_file_bytes(docs, tables), keep_old=keep_current)
        except OSError as error:
            raise SaveError(f"Your plan could not be restored: {error.strerror}.") from error
        self._docs, self._tables, self._saved = docs, tables, plan
        refresh_card(self.path, plan)

    def keep_version(self, plan: Plan, why: str) -> Version:
        """Keep ``plan`` as a version (see :mod:`recovery_tui.versions`); VersionError if not."""
        if self.read_only:
            raise ReadOnlyError(self.path, self.read_only_reason)
        return save_version(self.path, plan, why, datetime.now(), self.key)

    def _changed_docs(self, plan: Plan) -> dict[str, list[bytes]]:
        """The JSON documents of each list that differs from the last save; items that were
        saved before keep their bytes."""
        changed: dict[str, list[bytes]] = {}
        if plan.profile is not self._saved.profile:
            changed["profile"] = [_encoded(to_data(plan.profile))]
        for name in _LISTS:
            items, before = getattr(plan, name), getattr(self._saved, name)
            if items is not before:
                docs = self._docs[name]
                known = {id(item): doc for item, doc in zip(before, docs, strict=True)}
                changed[name] = [known.get(id(item)) or _encoded(to_data(item))
                                 for item in items]  # fmt: skip
        return changed

    def close(self) -> None:
        """Release the lock (the file is always saved already) and forget the key."""
        self._lock.release()
        if self.key is not None:
            forget_key(self.path, self.key)


def _identity(path: Path) -> tuple[int, int, int, int] | None:
    """What tells one version of the file from the next (None: no file)."""
    try:
        info = os.stat(path)
    except OSError:
        return None
    return info.st_dev, info.st_ino, info.st_size, info.st_mtime_ns


def _encoded(doc: Any) -> bytes:
    """One document's JSON, kept for later saves. Copied: orjson's own bytes object holds
    about 4 KiB whatever its length (17 MiB for ten years of check-ins)."""
    return bytes(memoryview(orjson.dumps(doc)))


def _file_bytes(docs: dict[str, list[bytes]], tables: dict[str, bytes]) -> bytes:
    """The whole file in TinyDB's layout (``{table: {"1": doc, ...}}``), reusing the JSON of
    each table that did not change (``tables`` gains the ones encoded now)."""
    parts = [b'"meta":{"1":{"schema_version":%d}}' % SCHEMA_VERSION]
    for name in ("profile", *_LISTS):
        if name not in tables:
            body = b",".join(b'"%d":%b' % (n, doc) for n, doc in enumerate(docs[name], start=1))
            tables[name] = b"{" + body + b"}"
        parts.append(b'"%b":%b' % (name.encode(), tables[name]))
    return b"{" + b",".join(parts) + b"}"


def _in_id_order(docs: dict[str, Any]) -> list[Any]:
    return [docs[key] for key in sorted(docs, key=lambda k: int(k) if k.isdigit() else 0)]
