"""Where an export may go: never onto the plan or the files kept with it.

``export -o plan.json`` once replaced the person's plan with a Markdown page; a name inside
``backups/`` or ``versions/`` would replace the very copies kept to recover from that. So an
export target is compared with the plan's own files by resolved path (symlinks, ``..``) and
by identity on disk (``os.stat``: hard links, another spelling on a case-insensitive disk),
and refused with words meant for the person. The words said after an export are here too,
so the command line and the app say the same. No Textual, no TinyDB.
"""

from __future__ import annotations

import contextlib
import os
import stat
from pathlib import Path

from recovery_tui.crisis_card import card_path
from recovery_tui.drafts import draft_file
from recovery_tui.paths import crash_log_file
from recovery_tui.store_guard import is_own_name
from recovery_tui.versions import versions_dir

KEEP_OUT = "an export never replaces your plan or the files kept with it; choose another name."
WHAT = {
    "full": "your plan",
    "supporter": "the supporter card",
    "clinician": "the clinician summary",
}
AS = {"json": "as JSON (the whole plan)", "md": "as Markdown", "html": "as HTML"}


def default_name(fmt: str, audience: str) -> str:
    """``recovery-plan.html``, ``recovery-plan-supporter.md``: a card is never saved under
    the name of the whole plan, nor the plan under the name of the card meant to be sent."""
    suffix = "" if audience == "full" or fmt == "json" else f"-{audience}"
    return f"recovery-plan{suffix}.{fmt}"


def own_files(plan_file: Path) -> list[tuple[Path, str]]:
    """The plan's file and what is kept beside it, each with how to name it to the person."""
    return [
        (plan_file, "your plan file"),
        (plan_file.with_name(f"{plan_file.name}.lock"), "your plan's lock file"),
        (draft_file(plan_file), "your plan's draft of unsaved words"),
        (plan_file.parent / "backups", "your plan's backups folder"),  # storage.backups_dir
        (versions_dir(plan_file), "your plan's saved versions"),
        (card_path(plan_file), "your plan's crisis card"),
        (crash_log_file(plan_file), "your plan's crash log"),
    ]


def _stat(path: Path) -> os.stat_result | None:
    with contextlib.suppress(OSError, ValueError):
        return os.stat(path)
    return None


def _identity(info: os.stat_result | None) -> tuple[int, int] | None:
    return (info.st_dev, info.st_ino) if info is not None and info.st_ino else None


def _side_name(name: str, plan_file: Path) -> str | None:
    """A file of the plan's own by its name alone (the store's own rule, is_own_name: every
    file kept with the plan is named after it, those still to come too)."""
    plan_name = plan_file.name
    if name.startswith(f"{plan_name}.draft."):
        return "your plan's draft of unsaved words"
    if name.startswith(f".{plan_name}.") and name.endswith(".tmp"):
        return "a temporary file of a save of your plan"
    if is_own_name(plan_file, name):
        return f"named like the files kept with your plan ({plan_name}.…)"
    return None


def plan_file_refusal(output: Path, plan_file: Path) -> str | None:
    """Why ``output`` is the plan or one of its own files (None when it is not)."""
    plan_file = plan_file.expanduser()
    target = output.expanduser().resolve()
    folder = plan_file.parent.resolve()
    folder_id = _identity(_stat(folder))
    named = {folder / path.name: what for path, what in own_files(plan_file)}
    named[plan_file.resolve()] = "your plan file"  # the plan may itself be a symlink
    by_identity = {_identity(_stat(path)): what for path, what in named.items()}
    by_identity.pop(None, None)
    for place in (target, *target.parents):
        if place == place.parent:
            break
        place_id = _identity(_stat(place))
        what = named.get(place) or (by_identity.get(place_id) if place_id else None)
        parent_id = _identity(_stat(place.parent))
        if what is None and (place.parent == folder or (folder_id and parent_id == folder_id)):
            what = _side_name(place.name, plan_file)
        if what is not None:
            where = "is" if place == target else "is in"
            return f"{output} {where} {what}: {KEEP_OUT}"
    return None


def target_refusal(output: Path) -> str | None:
    """Why an export can't be written at ``output`` at all: a folder, a device or pipe, or
    a folder that does not exist (a typo, not something to create)."""
    target = output.expanduser().resolve()
    info = _stat(target)
    if info is not None and stat.S_ISDIR(info.st_mode):
        return (
            f"{output} is a folder: give the file's name too, e.g. {output / 'recovery-plan.md'}."
        )
    if info is not None and not stat.S_ISREG(info.st_mode):
        return f"{output} is not a regular file (a device or a pipe): an export is a file."
    if not target.parent.is_dir():
        return f"The folder {output.expanduser().parent} does not exist."
    return None


def export_refusal(output: Path, plan_file: Path) -> str | None:
    """Why no export may be written at ``output`` for the plan at ``plan_file`` (None: it may)."""
    return plan_file_refusal(output, plan_file) or target_refusal(output)


def written_message(path: Path, fmt: str, audience: str, *, encrypted: bool) -> str:
    """What is said once an export is written: what, where, and who can read it."""
    what = WHAT.get(audience, "your plan")
    said = f"Saved {what} {AS.get(fmt, '')} to {path} (readable by you alone)."
    if encrypted:
        said += " It is not encrypted, though your plan is: keep it private, delete it when done."
    return said
