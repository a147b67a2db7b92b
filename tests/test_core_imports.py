"""The pure core imports neither Textual nor TinyDB (checked in a fresh interpreter)."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

CORE = [
    "recovery_tui.model",
    "recovery_tui.exchange",
    "recovery_tui.insights",
    "recovery_tui.render",
    "recovery_tui.text",
    "recovery_tui.history",
    "recovery_tui.config",
    "recovery_tui.crypto",
    "recovery_tui.crisis_card",
    "recovery_tui.cli",
]


def _modules_after(code: str) -> set[str]:
    """Top-level package names in sys.modules after running ``code`` in a new interpreter."""
    probe = f"{code}\nimport json, sys\nprint(json.dumps(sorted(sys.modules)))"
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True, timeout=60
    )
    return {name.split(".")[0] for name in json.loads(result.stdout.splitlines()[-1])}


@pytest.mark.parametrize("module", CORE)
def test_core_module_imports_neither_textual_nor_tinydb(module: str) -> None:
    loaded = _modules_after(f"import {module}")
    assert "recovery_tui" in loaded
    assert "textual" not in loaded
    assert "tinydb" not in loaded


def test_all_core_modules_together_import_neither_textual_nor_tinydb() -> None:
    loaded = _modules_after("\n".join(f"import {module}" for module in CORE))
    assert "textual" not in loaded
    assert "tinydb" not in loaded


def test_cli_version_and_parser_import_neither_textual_nor_tinydb() -> None:
    code = (
        "import contextlib, io\n"
        "from recovery_tui import cli\n"
        "cli.build_parser().parse_args(['export', '--data', 'x.json'])\n"
        "with contextlib.suppress(SystemExit), contextlib.redirect_stdout(io.StringIO()):\n"
        "    cli.main(['--version'])"
    )
    loaded = _modules_after(code)
    assert "textual" not in loaded
    assert "tinydb" not in loaded


def test_storage_imports_tinydb_but_not_textual() -> None:
    loaded = _modules_after("import recovery_tui.storage")
    assert "tinydb" in loaded
    assert "textual" not in loaded


def test_the_probe_sees_textual_when_it_is_imported() -> None:
    assert "textual" in _modules_after("import recovery_tui.app")
