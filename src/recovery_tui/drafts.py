"""The draft file: unsaved words kept beside the plan when the connection drops.

When the terminal goes away (SIGHUP, SIGTERM) the app writes what was typed and not saved
to ``plan.json.draft`` beside the plan, and offers it back on the next start. Like the
plan, it is private (0600, written atomically) and sealed with the plan's key when the plan
is encrypted, so the words never sit on disk in plain text beside an encrypted plan. A file
that can't be read never stops the app: it is set aside (or left for the encryption
commands to finish) and named in one line.

No Textual here: the values are :class:`~recovery_tui.draft.Draft` objects.
"""

from __future__ import annotations

import contextlib
import json
import os
from datetime import date, datetime
from pathlib import Path
from typing import Any, cast, get_args

from recovery_tui import crypto
from recovery_tui.atomic import write_atomically
from recovery_tui.draft import Draft, DraftKind, DraftValue

FORMAT = "recovery-tui-drafts"
VERSION = 1
_KINDS = frozenset(get_args(DraftKind))


class DraftError(Exception):
    """The draft file could not be read; the one-line message is meant for the person."""


def draft_file(plan_path: Path) -> Path:
    """Where the drafts of the plan at ``plan_path`` are kept: ``plan.json.draft``."""
    return plan_path.with_name(f"{plan_path.name}.draft")


def write_drafts(plan_path: Path, key: crypto.Key | None, drafts: list[Draft]) -> None:
    """Keep ``drafts`` as the plan's draft file (0600, atomic; sealed with ``key`` when the
    plan is encrypted). No drafts: the file is removed."""
    if not drafts:
        clear_drafts(plan_path)
        return
    data = {"format": FORMAT, "version": VERSION, "drafts": [_to_data(d) for d in drafts]}
    payload = json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    if key is not None:
        payload = crypto.encrypt(payload, key)
    write_atomically(draft_file(plan_path), payload)


def read_drafts(plan_path: Path, key: crypto.Key | None) -> list[Draft]:
    """The drafts kept for this plan ([] when there are none).

    Raises :class:`DraftError` with a one-line message when the file can't be read: a
    damaged one (or one sealed with another passphrase) is first set aside under a new
    name, so it is asked about only once and nothing is deleted.
    """
    path = draft_file(plan_path)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return []
    except OSError as error:
        raise DraftError(f"Your draft ({path}) could not be read ({error.strerror}).") from None
    if crypto.is_encrypted(raw):
        if key is None:  # the plan is plain again: `decrypt` opens what it left sealed
            raise DraftError(
                f"Your draft ({path}) is encrypted while your plan is not: "
                "run `recovery-tui decrypt` to open it."
            )
        try:
            raw = crypto.decrypt(raw, key)
        except crypto.CryptoError as error:
            raise _set_aside(path, str(error)) from None
    try:
        return _from_data(json.loads(raw.decode("utf-8")))
    except (UnicodeDecodeError, ValueError, RecursionError) as error:
        reason = error.args[0] if isinstance(error, _Shape) else "it is not a readable draft"
        raise _set_aside(path, reason) from None


def clear_drafts(plan_path: Path) -> None:
    """Remove the plan's draft file (the person decided, or nothing is left unsaved)."""
    with contextlib.suppress(FileNotFoundError):
        draft_file(plan_path).unlink()


def _set_aside(path: Path, reason: str) -> DraftError:
    """Move an unreadable draft out of the way (kept, 0600) and say where it went."""
    stamp = datetime.now().strftime("%Y%m%dT%H%M%S")
    target = path.with_name(f"{path.name}.{stamp}.unreadable")
    try:
        os.replace(path, target)
    except OSError:
        return DraftError(f"Your draft ({path}) could not be read: {reason}.")
    return DraftError(f"A draft from an earlier session could not be read ({reason}); "
                      f"it was set aside as {target}.")  # fmt: skip


def _to_data(draft: Draft) -> dict[str, Any]:
    return {
        "kind": draft.kind,
        "where": draft.where,
        "day": draft.day.isoformat(),
        "values": draft.values,
        "labels": draft.labels,
        "key": draft.key,
    }


class _Shape(ValueError):
    """The JSON is not a draft file; the message says what is wrong (for the person)."""


def _from_data(data: object) -> list[Draft]:
    """Drafts from the file's JSON, checked field by field (it may have been edited)."""
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise _Shape("it is not a recovery-tui draft file")
    if data.get("version") != VERSION:
        raise _Shape(f"it has version {data.get('version')!r}, not {VERSION}")
    items = data.get("drafts")
    if not isinstance(items, list):
        raise _Shape("it has no list of drafts")
    return [_draft(item) for item in items]


def _draft(item: object) -> Draft:
    if not isinstance(item, dict) or item.get("kind") not in _KINDS:
        raise _Shape("a draft in it is not one the app knows")
    where, key, day = item.get("where"), item.get("key"), item.get("day")
    values, labels = item.get("values"), item.get("labels")
    if not (isinstance(where, str) and isinstance(key, str) and isinstance(day, str)):
        raise _Shape("a draft in it lacks its place or day")
    if not isinstance(values, dict) or not all(_is_value(v) for v in values.values()):
        raise _Shape("a draft in it holds values of an unknown kind")
    if not isinstance(labels, dict) or not all(isinstance(v, str) for v in labels.values()):
        raise _Shape("a draft in it has labels that are not text")
    try:
        when = date.fromisoformat(day)
    except ValueError:
        raise _Shape(f"a draft in it has the day {day!r}") from None
    kind = cast(DraftKind, item["kind"])
    return Draft(kind, where, when, cast(dict[str, DraftValue], values), labels, key)


def _is_value(value: object) -> bool:
    if isinstance(value, list):
        return all(isinstance(v, str) for v in value)
    return value is None or isinstance(value, str | int | bool)
