"""The commands that read or write a whole plan file: ``import`` and ``export``.

Both guard the plan first: an export never lands on the plan or the files kept with it
(:mod:`recovery_tui.safe_paths`) and never exports a plan that is not there; an import
refuses what can't be a plan file in one line (:mod:`recovery_tui.import_file`), says what
the plan being replaced holds before asking, and keeps all of it (the daily log too) as a
version. No Textual.
"""

from __future__ import annotations

import sys
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from recovery_tui import crypto
from recovery_tui.paths import DATA_ENV

if TYPE_CHECKING:
    from recovery_tui.model import Plan


def _fail(message: str) -> int:
    print(message, file=sys.stderr)
    return 1


def import_plan(data: Path, source: Path, *, replace: bool) -> int:
    """Replace the plan with the one in ``source``: all or nothing, asking first, and the
    plan being replaced (its daily log too) kept as a version."""
    from recovery_tui.cli import open_store
    from recovery_tui.exchange import loads_plan
    from recovery_tui.import_file import ImportFileError, read_plan_file, unseal
    from recovery_tui.model import PlanError
    from recovery_tui.storage import StoreError
    from recovery_tui.versions import VersionError

    try:
        raw = read_plan_file(source)
        sealed = crypto.is_encrypted(raw)  # a version of this plan: opened with its key below
        incoming = None if sealed else loads_plan(raw)
    except ImportFileError as error:
        return _fail(f"{source} was not imported: {error}. Nothing was changed.")
    except PlanError as error:
        return _fail(f"{source} was not imported, nothing was changed.\n{error}")
    try:
        store = open_store(data)
    except StoreError as error:
        return _fail(f"{error}\nNothing was changed.")
    try:
        if incoming is None:
            incoming = loads_plan(unseal(raw, store.key))
        current = store.open()
        if store.read_only:
            return _fail(
                f"Your plan ({data}) is open in recovery-tui right now. "
                "Close it there, then import again. Nothing was changed."
            )
        if not current.is_empty() and not replace and not _confirm_replace(data, source, current):
            return _fail("Nothing was changed. (Use --replace to replace your plan.)")
        if not current.is_empty():
            store.keep_version(current, "import")  # the plan being replaced can be found again
        store.save(incoming, after_review_keep_version=False)
    except ImportFileError as error:
        return _fail(f"{source} was not imported: {error}. Nothing was changed.")
    except PlanError as error:
        return _fail(f"{source} was not imported, nothing was changed.\n{error}")
    except (StoreError, VersionError, OSError) as error:
        return _fail(str(error))
    finally:
        store.close()
    print(f"Imported {source} into {data}.")
    return 0


def _confirm_replace(data: Path, source: Path, current: Plan) -> bool:
    """Ask before replacing, saying what goes; without a terminal, say it and refuse."""
    from recovery_tui.import_file import plan_summary

    holds = f"Your plan ({data}) has {plan_summary(current)}."
    if not sys.stdin.isatty():
        print(holds, file=sys.stderr)
        return False
    question = f"{holds} Replace all of it with {source}? A copy is kept: `recovery-tui history`."
    return input(f"{question} [y/N] ").strip().lower() in ("y", "yes")


def export_plan(
    data: Path, output: Path | None, fmt: str = "json", audience: str = "full",
    *, with_check: bool = False,
) -> int:  # fmt: skip
    """Write the plan to ``output`` (0600, atomically) or stdout: exchange JSON, Markdown or
    HTML. Never onto the plan or its own files, and never from a plan that is not there.
    ``with_check`` puts the plan check (the app's to-do list) on top of the whole plan."""
    from recovery_tui.cli import open_store
    from recovery_tui.export import export_text, write_private
    from recovery_tui.safe_paths import export_refusal, written_message
    from recovery_tui.storage import StoreError

    if fmt == "json" and audience != "full":
        return _fail("JSON is always the whole plan; use --format md or html for an audience.")
    refusal = export_refusal(output, data) if output is not None else None
    if refusal:  # before any passphrase is asked
        return _fail(f"{refusal} Nothing was written.")
    if not data.exists():  # a mistyped --data is not an empty plan (and makes no file)
        return _fail(f"There is no plan at {data}, so nothing was exported. Check the path "
                     f"(--data, else ${DATA_ENV}).")  # fmt: skip
    try:
        store = open_store(data)
    except StoreError as error:
        return _fail(str(error))
    try:
        plan = store.load()
    except StoreError as error:
        return _fail(str(error))
    finally:
        store.close()
    text = export_text(plan, fmt, audience, datetime.now(), with_check=with_check)
    if output is None:
        sys.stdout.flush()
        sys.stdout.buffer.write(text.encode("utf-8"))  # the files say UTF-8, whatever the locale
        sys.stdout.buffer.flush()
        return 0
    try:
        written = write_private(output, text)
    except OSError as error:
        return _fail(f"Could not write {output}: {error.strerror}. Nothing was written.")
    print(written_message(written, fmt, audience, encrypted=store.key is not None),
          file=sys.stderr)  # fmt: skip
    return 0
