"""When the app fails: a short message, and a private log with no plan text in it.

Textual's default crash report shows local variables, which hold the person's notes. The
log keeps only the exception's type and where it happened (file, line, function), never
its message, which can quote user text.
"""

from __future__ import annotations

import os
import traceback
from datetime import datetime
from pathlib import Path


def write_crash_log(log: Path, error: BaseException) -> None:
    """Append the error's type and stack places (no message, no values) to ``log`` (0600)."""
    frames = traceback.extract_tb(error.__traceback__)
    lines = [f"{datetime.now().isoformat(timespec='seconds')} {type(error).__name__}"]
    lines += [f"  {Path(f.filename).name}:{f.lineno} in {f.name}" for f in frames]
    log.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    fd = os.open(log, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
    with os.fdopen(fd, "a", encoding="utf-8") as out:
        out.write("\n".join(lines) + "\n")


def crash_message(data_file: Path, log: Path | None) -> str:
    """What the person reads after a crash."""
    where = f"Details for the developers (no plan text) are in {log}." if log else ""
    return (
        "recovery-tui stopped because of a problem in the app, not anything you did.\n"
        f"Every change shown as saved is safe in {data_file}.\n{where}"
    )
