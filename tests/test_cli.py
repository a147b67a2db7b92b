"""The command line: options, import/export of the exchange format, unreadable files."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from recovery_tui.cli import build_parser, main
from recovery_tui.model import Goal, Plan
from recovery_tui.storage import PlanStore

EXAMPLE = Path(__file__).parent / "fixtures" / "example-plan.json"


def run(
    *args: str, env: dict[str, str] | None = None, stdin: str = ""
) -> subprocess.CompletedProcess[str]:
    """Run ``python -m recovery_tui`` as a person would, in its own process."""
    full_env = {**os.environ, **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "recovery_tui", *args],
        capture_output=True, text=True, env=full_env, input=stdin, timeout=60,
    )  # fmt: skip


def test_data_option_works_before_or_after_the_subcommand(tmp_path: Path) -> None:
    parser = build_parser()
    assert parser.parse_args(["--data", "a.json", "export"]).data == Path("a.json")
    assert parser.parse_args(["export", "--data", "b.json"]).data == Path("b.json")
    assert not hasattr(parser.parse_args(["export"]), "data")


def test_version_and_help(tmp_path: Path) -> None:
    version = run("--version")
    assert version.returncode == 0 and version.stdout.startswith("recovery-tui ")
    assert run("export", "--version").stdout == version.stdout
    help_text = run("--help").stdout
    for word in ("import", "export", "--data", "RECOVERY_TUI_DATA"):
        assert word in help_text


@pytest.mark.parametrize("args", [["--version"], ["export"], ["import", "missing.json"]])
def test_commands_without_a_screen_never_import_textual(args: list[str], tmp_path: Path) -> None:
    code = (
        "import sys\n"
        "from recovery_tui.cli import main\n"
        f"try:\n    main({[*args, '--data', str(tmp_path / 'p.json')]!r})\n"
        "except SystemExit:\n    pass\n"
        "print('textual' in sys.modules)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.stdout.strip().splitlines()[-1] == "False"


def test_import_then_export_is_lossless(tmp_path: Path) -> None:
    data = tmp_path / "plan.json"
    imported = run("import", str(EXAMPLE), "--data", str(data))
    assert imported.returncode == 0, imported.stderr
    exported = run("export", "--format", "json", "--data", str(data))
    assert exported.returncode == 0
    original = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    again = json.loads(exported.stdout)
    original.pop("exported_at")
    again.pop("exported_at")
    assert again == original


def test_export_to_a_private_file_and_env_var_names_the_plan(tmp_path: Path) -> None:
    data = tmp_path / "plan.json"
    assert run("import", str(EXAMPLE), env={"RECOVERY_TUI_DATA": str(data)}).returncode == 0
    out = tmp_path / "out.json"
    result = run("export", "-o", str(out), env={"RECOVERY_TUI_DATA": str(data)})
    assert result.returncode == 0
    assert out.stat().st_mode & 0o777 == 0o600
    assert json.loads(out.read_text(encoding="utf-8"))["goals"][0]["title"] == "Meetings"


def test_bad_file_is_refused_with_the_field_path_and_nothing_is_written(tmp_path: Path) -> None:
    bad = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    bad["goals"][0]["due"] = "2026-13-01"
    source = tmp_path / "bad.json"
    source.write_text(json.dumps(bad), encoding="utf-8")
    data = tmp_path / "plan.json"
    result = run("import", str(source), "--data", str(data))
    assert result.returncode != 0
    assert 'goals[0].due: "2026-13-01" is not a date (YYYY-MM-DD)' in result.stderr
    assert "Traceback" not in result.stderr
    assert not data.exists()


def test_import_over_a_plan_with_data_asks_or_needs_replace(tmp_path: Path) -> None:
    data = tmp_path / "plan.json"
    store = PlanStore(data)
    store.open()
    store.save(Plan(goals=(Goal(id="g1", title="Keep me"),)))
    store.close()
    before = data.read_bytes()
    refused = run("import", str(EXAMPLE), "--data", str(data))  # no terminal to ask on
    assert refused.returncode != 0 and "--replace" in refused.stderr
    assert data.read_bytes() == before
    replaced = run("import", str(EXAMPLE), "--replace", "--data", str(data))
    assert replaced.returncode == 0
    titles = [g.title for g in PlanStore(data).load().goals]
    assert titles == ["Meetings"]


def test_import_while_the_app_has_the_plan_open_changes_nothing(tmp_path: Path) -> None:
    data = tmp_path / "plan.json"
    holder = PlanStore(data)
    holder.open()
    holder.save(Plan(goals=(Goal(id="g1", title="Mine"),)))
    try:
        result = run("import", str(EXAMPLE), "--replace", "--data", str(data))
        assert result.returncode != 0
        assert "open in recovery-tui" in result.stderr
        assert [g.title for g in PlanStore(data).load().goals] == ["Mine"]
    finally:
        holder.close()


@pytest.mark.parametrize("content", [b"", b"null", b"{not json", b'{"goals": 3}'])
def test_unreadable_plan_file_gets_a_clear_message_and_is_left_untouched(
    tmp_path: Path, content: bytes, capsys: pytest.CaptureFixture[str]
) -> None:
    data = tmp_path / "plan.json"
    store = PlanStore(data)
    store.open()
    store.save(Plan(goals=(Goal(id="g1", title="One"),)))
    store.save(Plan(goals=(Goal(id="g1", title="Two"),)))
    store.close()
    data.write_bytes(content)
    digest = hashlib.sha256(data.read_bytes()).hexdigest()
    assert main(["--data", str(data)]) != 0  # the app itself never starts
    message = capsys.readouterr().err
    assert str(data) in message and "newest backup" in message and "backups" in message
    assert "988" in message and "741741" in message  # where help is, even now
    assert hashlib.sha256(data.read_bytes()).hexdigest() == digest


def test_export_of_a_plan_written_by_the_app_round_trips(tmp_path: Path) -> None:
    data = tmp_path / "plan.json"
    plan = Plan(goals=(Goal(id="g1", title="Walk [daily]\nat 7"),))
    store = PlanStore(data)
    store.open()
    store.save(plan)
    store.close()
    exported = run("export", "--data", str(data))
    assert json.loads(exported.stdout)["goals"][0]["title"] == "Walk [daily]\nat 7"
