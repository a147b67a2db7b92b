"""Where things live: the default plan file and the styles folder (wheel or checkout)."""

from __future__ import annotations

import os
from pathlib import Path

APP_NAME = "recovery-tui"
DATA_ENV = "RECOVERY_TUI_DATA"


def default_data_file() -> Path:
    """``$RECOVERY_TUI_DATA``, else ``plan.json`` in the platform's user data folder."""
    from_env = os.environ.get(DATA_ENV)
    if from_env:
        return Path(from_env).expanduser()
    from platformdirs import user_data_dir

    return Path(user_data_dir(APP_NAME, appauthor=False)) / "plan.json"


def styles_dir() -> Path:
    """The folder of ``.tcss`` files: inside the package when installed from a wheel,
    else the repository's top-level ``styles/`` (checkout or editable install)."""
    packaged = Path(__file__).parent / "styles"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[2] / "styles"


def crash_log_file(data_file: Path) -> Path:
    """Where a crash is logged (type and place only, never the plan's text)."""
    return data_file.parent / "crash.log"
