"""Fault suite, part A: plan files that must not load.

Every bad file is refused with one clear message naming the file and the problem, through
every door (the store, ``export`` in a real process, the app, ``review``, ``import``,
``crisis``), with no traceback, and the file is left byte for byte as it was. When backups
exist the message names the newest one, and the README's advice to copy it back works.

Already covered elsewhere (not repeated here): ``test_storage.py`` refuses every case below
except the bad check-in value at store level (with and without a backup, checking the folder
is unchanged and that a copied-back backup loads); ``test_cli.py`` runs the app command in
process for four of them (empty, null, invalid JSON, a table that is a number).
"""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NoReturn

import pytest
from plans import EXAMPLE_FILE

from recovery_tui.app import RecoveryApp
from recovery_tui.cli import main
from recovery_tui.model import Goal, Plan
from recovery_tui.review_app import ReviewApp
from recovery_tui.storage import PlanFileError, PlanStore, list_backups

README = Path(__file__).resolve().parents[1] / "README.md"
CLI_TIMEOUT = 30.0  # seconds for every `python -m recovery_tui` run of this module together
MAX_MESSAGE_LINES = 8  # "one-line-ish": a short paragraph, never a traceback


@dataclass(frozen=True)
class BadFile:
    """A plan file that must not load, and words the refusal must use for its problem."""

    name: str
    content: bytes
    problem: str


def _tables(**tables: Any) -> bytes:
    return json.dumps({"meta": {"1": {"schema_version": 1}}, **tables}).encode()


_DEEP_LISTS = b"[" * 100_000 + b"]" * 100_000
_DEEP_OBJECTS = b'{"a":' * 100_000 + b"1" + b"}" * 100_000
_CHECKIN = {"date": "2026-01-21", "mood": 4, "craving": 3}

BAD_FILES = [
    BadFile("zero-bytes", b"", "it is empty"),
    BadFile("null", b"null", "it does not look like a recovery-tui plan"),
    BadFile(
        "invalid-utf8",
        b'{"goals": {"1": {"id": "g1", "title": "Meet\xff\xfeings"}}}',
        "it is not UTF-8 text",
    ),
    BadFile("invalid-json", b'{"goals": {"1": {"id": "g1",', "it is not valid JSON"),
    BadFile(
        "nan",
        b'{"checkins": {"1": {"date": "2026-01-21", "mood": NaN, "craving": 3}}}',
        "NaN is not a number JSON allows",
    ),
    BadFile(
        "duplicate-keys",
        b'{"goals": {}, "goals": {"1": {"id": "g1", "title": "x"}}}',
        'the key "goals" appears twice in one object',
    ),
    BadFile("list-at-top", b'[{"goals": {}}]', "it does not look like a recovery-tui plan"),
    BadFile(
        "table-is-a-list",
        _tables(goals=[{"id": "g1", "title": "x"}]),
        "it does not look like a recovery-tui plan",
    ),
    BadFile("table-is-a-string", _tables(goals="Meetings"), "does not look like a recovery-tui"),
    BadFile("document-is-a-number", _tables(goals={"1": 7}), "goals[0]: 7 is not an object"),
    BadFile("deep-nesting-lists", _DEEP_LISTS, "it nests too deeply to be a plan"),
    BadFile(
        "deep-nesting-in-a-field",
        b'{"goals": {"1": {"id": "g1", "title": ' + _DEEP_OBJECTS + b"}}}",
        "it nests too deeply to be a plan",
    ),
    BadFile(
        "newer-schema",
        json.dumps({"meta": {"1": {"schema_version": 2}}}).encode(),
        "written by a newer recovery-tui (schema 2; this one reads up to 1)",
    ),
    BadFile(
        "check-in-mood-ten",
        _tables(checkins={"1": {**_CHECKIN, "mood": "ten"}}),
        'checkins[0].mood: "ten" is not a whole number',
    ),
]
CASES = [pytest.param(bad, id=bad.name) for bad in BAD_FILES]


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def write_bad(folder: Path, bad: BadFile) -> Path:
    """``folder/plan.json`` holding ``bad`` (the folder private, as the app makes it)."""
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    path = folder / "plan.json"
    path.write_bytes(bad.content)
    return path


def with_backup_then_bad(folder: Path, bad: BadFile) -> tuple[Path, Path, Plan]:
    """Two saves (so one backup holding the first plan), then the file goes bad.
    Returns the plan file, its newest backup and the plan that backup holds."""
    path = folder / "plan.json"
    first = Plan(goals=(Goal(id="g1", title="First save"),))
    store = PlanStore(path)
    try:
        store.open()
        store.save(first)
        store.save(Plan(goals=(Goal(id="g1", title="Second save"),)))
    finally:
        store.close()
    [backup] = list_backups(path)
    path.write_bytes(bad.content)
    return path, backup, first


def assert_clear_refusal(message: str, path: Path, bad: BadFile) -> None:
    """The refusal names the file and the problem, says the file was kept, and is short."""
    assert "recovery-tui could not open your plan file" in message
    assert str(path) in message
    assert bad.problem in message
    assert "left exactly as it is" in message
    assert "Traceback" not in message
    assert "Error:" not in message, "an exception's repr leaked into the message"
    assert len(message.strip().splitlines()) <= MAX_MESSAGE_LINES, message


def no_app_run(*args: object, **kwargs: object) -> NoReturn:
    """Stands in for App.run: an unreadable file must stop the command before any screen."""
    pytest.fail("the app started on a plan file it cannot read")


# --- the store -----------------------------------------------------------------------------


@pytest.mark.parametrize("bad", CASES)
def test_store_refuses_with_the_file_and_the_problem(tmp_path: Path, bad: BadFile) -> None:
    path = write_bad(tmp_path / "data", bad)
    before = digest(path)
    store = PlanStore(path)
    try:
        with pytest.raises(PlanFileError) as caught:
            store.open()
    finally:
        store.close()
    error = caught.value
    assert error.path == path and error.backup is None
    assert bad.problem in error.problem
    assert_clear_refusal(str(error), path, bad)
    assert "There is no backup of it yet." in str(error)
    assert digest(path) == before
    # the plan is read before the lock is taken: nothing is made beside a file that is no plan
    assert sorted(p.name for p in path.parent.iterdir()) == ["plan.json"]


# --- the command line, in real processes ---------------------------------------------------


@dataclass
class Ran:
    """One finished ``python -m recovery_tui`` run on a bad file."""

    path: Path
    digest_before: str
    returncode: int
    stdout: str
    stderr: str


def _start(args: list[str]) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "recovery_tui", *args],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "TERM": "dumb"},
    )


# Real processes for the files whose refusal could differ in a fresh interpreter (stack depth,
# stderr encoding) and for the one value error; every file also goes through main() below.
PROCESS_FILES = (
    "invalid-utf8",
    "deep-nesting-lists",
    "deep-nesting-in-a-field",
    "check-in-mood-ten",
)
APP_PROCESS_FILES = ("deep-nesting-lists",)  # the app command imports Textual: ~1 s a run


@pytest.fixture(scope="module")
def cli_runs(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[tuple[str, str], Ran]]:
    """Run ``export`` (and the app command) on the files above in real processes, at once."""
    base = tmp_path_factory.mktemp("cli")
    jobs: dict[tuple[str, str], tuple[Path, str, subprocess.Popen[str]]] = {}
    for bad in BAD_FILES:
        commands: dict[str, list[str]] = {}
        if bad.name in PROCESS_FILES:
            commands["export"] = ["export", "--format", "json"]
        if bad.name in APP_PROCESS_FILES:
            commands["app"] = []
        for command, args in commands.items():
            path = write_bad(base / f"{bad.name}-{command}", bad)
            proc = _start(["--data", str(path), *args])
            jobs[(bad.name, command)] = (path, digest(path), proc)
    deadline = time.monotonic() + CLI_TIMEOUT
    runs: dict[tuple[str, str], Ran] = {}
    try:
        for key, (path, before, proc) in jobs.items():
            out, err = proc.communicate(timeout=max(deadline - time.monotonic(), 0.1))
            runs[key] = Ran(path, before, proc.returncode, out, err)
        yield runs
    finally:
        for _, _, proc in jobs.values():
            if proc.poll() is None:
                proc.kill()
                proc.communicate()


def _assert_cli_refused(run: Ran, bad: BadFile) -> None:
    assert run.returncode == 1, run.stderr
    assert run.stdout == "", "nothing is exported from a file that could not be read"
    assert_clear_refusal(run.stderr.split("\n\n")[0], run.path, bad)
    assert "Traceback" not in run.stderr
    assert digest(run.path) == run.digest_before


@pytest.mark.parametrize("name", PROCESS_FILES)
def test_export_command_refuses_in_a_few_lines(
    cli_runs: dict[tuple[str, str], Ran], name: str
) -> None:
    bad = next(b for b in BAD_FILES if b.name == name)
    run = cli_runs[(name, "export")]
    _assert_cli_refused(run, bad)
    assert len(run.stderr.strip().splitlines()) <= MAX_MESSAGE_LINES


@pytest.mark.parametrize("name", APP_PROCESS_FILES)
def test_app_command_refuses_and_still_says_where_help_is(
    cli_runs: dict[tuple[str, str], Ran], name: str
) -> None:
    bad = next(b for b in BAD_FILES if b.name == name)
    run = cli_runs[(name, "app")]
    _assert_cli_refused(run, bad)
    assert "988" in run.stderr and "741741" in run.stderr
    assert "\x1b" not in run.stderr, "the app drew on the terminal before refusing"


@pytest.mark.parametrize("bad", CASES)
def test_export_refuses_every_bad_file(
    tmp_path: Path, bad: BadFile, capsys: pytest.CaptureFixture[str]
) -> None:
    """The same command in process, for every file (what the processes above showed holds)."""
    path = write_bad(tmp_path / "data", bad)
    before = digest(path)
    assert main(["export", "--format", "json", "--data", str(path)]) == 1
    shown = capsys.readouterr()
    assert shown.out == ""
    assert_clear_refusal(shown.err, path, bad)
    assert digest(path) == before
    assert sorted(p.name for p in path.parent.iterdir()) == ["plan.json"], "export wrote a file"


# --- the app and the inline review, in process ----------------------------------------------


@pytest.mark.parametrize("bad", CASES)
def test_app_refuses_before_any_screen(
    tmp_path: Path,
    bad: BadFile,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    path = write_bad(tmp_path / "data", bad)
    before = digest(path)
    store = PlanStore(path)
    try:
        with pytest.raises(PlanFileError):
            RecoveryApp(store)
    finally:
        store.close()

    monkeypatch.setattr(RecoveryApp, "run", no_app_run)  # a guard: never hang on a screen
    assert main(["--data", str(path)]) == 1
    shown = capsys.readouterr()
    assert shown.out == ""
    assert_clear_refusal(shown.err.split("\n\n")[0], path, bad)
    assert "988" in shown.err
    assert digest(path) == before


@pytest.mark.parametrize("bad", CASES)
def test_review_command_refuses_before_any_screen(
    tmp_path: Path,
    bad: BadFile,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    path = write_bad(tmp_path / "data", bad)
    before = digest(path)
    monkeypatch.setattr(ReviewApp, "run", no_app_run)
    assert main(["review", "--data", str(path)]) == 1
    shown = capsys.readouterr()
    assert_clear_refusal(shown.err.split("\n\n")[0], path, bad)
    assert "988" in shown.err
    assert digest(path) == before


# --- import over, and crisis from, an unreadable plan ---------------------------------------


@pytest.mark.parametrize("bad", CASES)
def test_import_replace_never_overwrites_an_unreadable_plan(
    tmp_path: Path, bad: BadFile, capsys: pytest.CaptureFixture[str]
) -> None:
    """Not even with --replace: the file may hold the only copy of someone's plan."""
    path = write_bad(tmp_path / "data", bad)
    before = digest(path)
    assert main(["import", str(EXAMPLE_FILE), "--replace", "--data", str(path)]) == 1
    shown = capsys.readouterr()
    assert shown.out == ""
    assert_clear_refusal(shown.err, path, bad)
    assert digest(path) == before
    assert list_backups(path) == []
    assert sorted(path.parent.glob(".plan.json.*.tmp")) == []


@pytest.mark.parametrize("bad", CASES)
def test_crisis_lines_still_print_for_an_unreadable_plan(
    tmp_path: Path, bad: BadFile, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write_bad(tmp_path / "data", bad)
    before = digest(path)
    assert main(["crisis", "--data", str(path)]) == 0
    shown = capsys.readouterr()
    assert f"Your plan ({path}) could not be read just now." in shown.out
    assert "988" in shown.out and "741741" in shown.out
    assert "Traceback" not in shown.err
    assert digest(path) == before


# --- backups: the way back is offered, and it works -----------------------------------------

RESTORE_CASES = [
    pytest.param(bad, id=bad.name)
    for bad in BAD_FILES
    if bad.name in ("zero-bytes", "invalid-json", "deep-nesting-lists", "check-in-mood-ten")
]


@pytest.mark.parametrize("bad", RESTORE_CASES)
def test_refusal_names_the_newest_backup_and_its_advice_restores_the_plan(
    tmp_path: Path, bad: BadFile, capsys: pytest.CaptureFixture[str]
) -> None:
    path, backup, first = with_backup_then_bad(tmp_path / "data", bad)
    before = digest(path)

    assert main(["export", "--format", "json", "--data", str(path)]) == 1
    message = capsys.readouterr().err
    assert_clear_refusal(message, path, bad)
    assert f"The newest backup is:\n  {backup}\n" in message
    assert "To go back to it: recovery-tui restore" in message
    assert "### Restoring a backup" in README.read_text(encoding="utf-8")
    assert digest(path) == before

    # the advice: one command, which keeps the damaged file aside
    assert main(["restore", "--yes", "--data", str(path)]) == 0
    capsys.readouterr()
    assert main(["export", "--format", "json", "--data", str(path)]) == 0
    exported = json.loads(capsys.readouterr().out)
    assert [g["title"] for g in exported["goals"]] == [g.title for g in first.goals]
    [aside] = path.parent.glob("plan.json.damaged-*")
    assert aside.read_bytes() == bad.content
