"""Saved versions of the plan: one private file each in ``versions/`` beside the plan.

A version is kept after each periodic review, before an import replaces the plan, and when
the person asks ("save a version"). It holds the plan without its day-to-day log (see
:func:`recovery_tui.history.plan_content`), in the exchange format, so ten years of
versions stay small and the plan file itself, saved on every check-in, stays fast.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from recovery_tui.atomic import write_atomically
from recovery_tui.exchange import loads_plan, plan_to_data
from recovery_tui.history import plan_content
from recovery_tui.model import Plan, PlanError

WHY = {
    "review": "at a periodic review",
    "manual": "saved by hand",
    "import": "before an import replaced the plan",
}
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
        """``"3 (2026-11-26 21:30, after a periodic review)"``."""
        return f"{self.number} ({self.saved_at:%Y-%m-%d %H:%M}, {WHY.get(self.why, self.why)})"


class VersionError(Exception):
    """A version could not be kept or read; the message is meant for the person."""


def versions_dir(plan_file: Path) -> Path:
    return plan_file.parent / "versions"


def save_version(plan_file: Path, plan: Plan, why: str, now: datetime) -> Version:
    """Keep ``plan`` as a new version of the plan at ``plan_file``."""
    folder = versions_dir(plan_file)
    target = folder / f"plan.{now:%Y%m%dT%H%M%S%f}.{why}.json"
    data = plan_to_data(plan_content(plan), now)
    try:
        write_atomically(target, json.dumps(data, ensure_ascii=False, indent=1).encode())
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


def load_version(version: Version) -> Plan:
    """The plan as it was in ``version``."""
    try:
        return loads_plan(version.path.read_bytes())
    except OSError as error:
        problem = f"could not be read: {error.strerror}."
        raise VersionError(f"Version {version.number} {problem}") from None
    except (PlanError, ValueError) as error:
        raise VersionError(f"Version {version.number} is damaged: {error}") from None


def find_version(plan_file: Path, number: str) -> Version:
    """The version with this number (as typed on the command line)."""
    versions = list_versions(plan_file)
    if not number.isdigit() or not 1 <= int(number) <= len(versions):
        known = f"1 to {len(versions)}" if versions else "none saved yet"
        raise VersionError(f"There is no version {number} (versions: {known}).")
    return versions[int(number) - 1]
