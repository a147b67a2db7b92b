"""Saved versions of the plan: one private file each in ``versions/`` beside the plan.

A version is kept after each periodic review, before an import replaces the plan, and when
the person asks ("save a version"). It is in the exchange format. A review's or a manual
version holds the plan without its day-to-day log (see
:func:`recovery_tui.history.plan_content`), so ten years of versions stay small and the plan
file itself, saved on every check-in, stays fast. The version kept before an import holds
the whole plan, check-ins, reviews and lapse debriefs too: the import replaces them all,
and that version is their only copy (``recovery-tui import`` of its file brings them back).

When the plan is encrypted, each version is sealed with the plan's key (the same salt and
passphrase); :func:`use_key` tells this module the key of an unlocked plan, so a version
opens wherever the plan is open (the app's history screen, ``recovery-tui diff``).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from recovery_tui import crypto
from recovery_tui.atomic import write_atomically
from recovery_tui.exchange import loads_plan, plan_to_data
from recovery_tui.history import plan_content
from recovery_tui.model import Plan, PlanError

WHY = {
    "review": "at a periodic review",
    "manual": "saved by hand",
    "import": "before an import replaced the plan, daily log included",
}
WHOLE = frozenset({"import"})  # versions that keep the daily log too: see above
_NAME = re.compile(r"^plan\.(\d{8}T\d{6}(?:\d{6})?)\.(\w+)\.json$")


@dataclass(frozen=True)
class Version:
    """A saved version: its number (1 is the oldest), when and why it was kept."""

    number: int
    saved_at: datetime
    why: str
    path: Path

    @property
    def label(self) -> str:
        """``"3 (2026-11-26 21:30:05, after a periodic review)"``: to the second, as two
        versions saved in one minute must read apart."""
        when = f"{self.saved_at:%Y-%m-%d %H:%M:%S}"
        return f"{self.number} ({when}, {WHY.get(self.why, self.why)})"


class VersionError(Exception):
    """A version could not be kept or read; the message is meant for the person."""


# The key of each unlocked plan, by its versions folder: set by the plan's store, so code
# that lists and opens versions (given only their paths) can open sealed ones. In memory only.
_keys: dict[Path, crypto.Key] = {}


def versions_dir(plan_file: Path) -> Path:
    return plan_file.parent / "versions"


def use_key(plan_file: Path, key: crypto.Key | None) -> None:
    """Open this plan's sealed versions with ``key`` from now on (None: forget it)."""
    folder = versions_dir(plan_file).absolute()
    if key is None:
        _keys.pop(folder, None)
    else:
        _keys[folder] = key


def forget_key(plan_file: Path, key: crypto.Key) -> None:
    """Forget ``key`` for this plan, unless another key has taken its place since."""
    if _keys.get(versions_dir(plan_file).absolute()) is key:
        use_key(plan_file, None)


def save_version(
    plan_file: Path, plan: Plan, why: str, now: datetime, key: crypto.Key | None = None
) -> Version:
    """Keep ``plan`` as a new version of the plan at ``plan_file`` (sealed with ``key``)."""
    folder = versions_dir(plan_file)
    target = folder / f"plan.{now:%Y%m%dT%H%M%S%f}.{why}.json"
    data = plan_to_data(plan if why in WHOLE else plan_content(plan), now)
    payload = json.dumps(data, ensure_ascii=False, indent=1).encode()
    if key is not None:
        payload = crypto.encrypt(payload, key)
    try:
        write_atomically(target, payload)
    except OSError as error:
        raise VersionError(f"A version of the plan could not be kept: {error.strerror}.") from None
    return next(v for v in list_versions(plan_file) if v.path == target)


def list_versions(plan_file: Path) -> list[Version]:
    """Every saved version, oldest first (numbered from 1)."""
    folder = versions_dir(plan_file)
    found = []
    for path in sorted(folder.glob("plan.*.json")) if folder.is_dir() else []:
        match = _NAME.match(path.name)
        if match:
            stamp = match[1]
            pattern = "%Y%m%dT%H%M%S%f" if len(stamp) > 15 else "%Y%m%dT%H%M%S"
            found.append((datetime.strptime(stamp, pattern), match[2], path))
    return [Version(n, when, why, path) for n, (when, why, path) in enumerate(found, start=1)]


def load_version(version: Version, key: crypto.Key | None = None) -> Plan:
    """The plan as it was in ``version``; a sealed one opens with ``key``, else with the key
    of its unlocked plan (:func:`use_key`)."""
    try:
        raw = version.path.read_bytes()
    except OSError as error:
        problem = f"could not be read: {error.strerror}."
        raise VersionError(f"Version {version.number} {problem}") from None
    if crypto.is_encrypted(raw):
        raw = _unseal(version, raw, key or _keys.get(version.path.parent.absolute()))
    try:
        return loads_plan(raw)
    except (PlanError, ValueError) as error:
        raise VersionError(f"Version {version.number} is damaged: {error}") from None


def _unseal(version: Version, raw: bytes, key: crypto.Key | None) -> bytes:
    if key is None:
        raise VersionError(
            f"Version {version.number} is encrypted, and your plan is not unlocked here "
            "(recovery-tui diff and the app ask for the passphrase)."
        )
    try:
        return crypto.decrypt(raw, key)
    except crypto.CryptoError as error:
        raise VersionError(f"Version {version.number} could not be opened: {error}") from None


def find_version(plan_file: Path, number: str) -> Version:
    """The version with this number (as typed on the command line)."""
    versions = list_versions(plan_file)
    if not number.isdigit() or not 1 <= int(number) <= len(versions):
        known = f"1 to {len(versions)}" if versions else "none saved yet"
        raise VersionError(f"There is no version {number} (versions: {known}).")
    return versions[int(number) - 1]
