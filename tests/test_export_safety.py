"""Data safety of exports and imports: an export never replaces the plan or a file kept with
it, is written atomically (0600) and says where it went; a missing plan is an error; an
import refuses what can't be a plan file in one line, says what it replaces, and keeps all
of it (the daily log too) as a version that `diff`, the history screen and `import` can use.

Real files in ``tmp_path``; commands in-process through ``cli.main`` where that is enough,
in a child process (with a timeout, so a pipe can never hang the run) where the issue's
own command line or a blocking file is the point; the app's export dialog through Pilot at
80x24, by keys.
"""

from __future__ import annotations

import builtins
import errno
import getpass
import hashlib
import os
import stat
import subprocess
import sys
from collections.abc import Callable
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from conftest import screen_text, seed
from plans import EXAMPLE_FILE, example_plan
from textual.widgets import Input, Select

from recovery_tui import atomic, cli, cli_encryption, crypto, encryption, import_file
from recovery_tui.app import RecoveryApp
from recovery_tui.crypto import ScryptParams
from recovery_tui.exchange import loads_plan
from recovery_tui.history import plan_content
from recovery_tui.model import CheckIn, FocusArea, Goal, Lapse, Plan, Review
from recovery_tui.safe_paths import default_name
from recovery_tui.screens.confirm import ConfirmScreen
from recovery_tui.screens.export import ExportScreen
from recovery_tui.screens.history import HistoryScreen
from recovery_tui.storage import PlanStore
from recovery_tui.versions import list_versions, load_version

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX files, modes and FIFOs")

SIZE = (80, 24)
KEEP_OUT = "an export never replaces your plan or the files kept with it"
PASS = "correct horse battery"
FAST = ScryptParams(n=2**10)
CHILD_TIMEOUT = 60  # seconds: a child that blocks on a pipe fails the test, never hangs it


def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """``python -m recovery_tui ...`` as a person would run it, with no terminal."""
    return subprocess.run(
        [sys.executable, "-m", "recovery_tui", *args], capture_output=True, text=True,
        stdin=subprocess.DEVNULL, timeout=CHILD_TIMEOUT, cwd=cwd,
    )  # fmt: skip


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def folder_state(folder: Path) -> dict[str, str]:
    """Every file under ``folder`` (names relative to it) with its sha256."""
    return {str(p.relative_to(folder)): digest(p) for p in sorted(folder.rglob("*")) if p.is_file()}


def daily_plan() -> Plan:
    """A plan with a daily log: 1 goal, 3 check-ins, 1 lapse debrief, 1 periodic review."""
    area = FocusArea(id="f1", name="Alcohol", since=date(2026, 1, 10))
    checkins = tuple(CheckIn(date=date(2026, 3, d), mood=4, craving=2) for d in (1, 2, 3))
    return Plan(
        focus_areas=(area,),
        goals=(Goal(id="g1", title="Walk daily"),),
        checkins=checkins,
        lapses=(Lapse(id="l1", focus_area="f1", date=date(2026, 2, 14)),),
        reviews=(Review(id="r1", date=date(2026, 3, 1)),),
    )


@pytest.fixture
def plan_file(data_file: Path) -> Path:
    """A plan with backups, a version, a lock file, a draft, a crisis card and a crash log
    beside it: every file an export must leave alone."""
    store = PlanStore(data_file)
    store.open()
    store.save(example_plan())  # its review keeps a version
    store.save(daily_plan())
    store.close()
    folder = data_file.parent
    for name in (f"{data_file.name}.draft", "crisis-card.txt", "crash.log"):
        (folder / name).write_text(f"{name} of the person\n", encoding="utf-8")
    assert list(folder.glob("backups/*")) and list(folder.glob("versions/*"))
    return data_file


# --- an export never replaces the plan or a file kept with it ------------------------------

SPELLINGS = {
    "the same path": lambda p: str(p),
    "with ./ and ..": lambda p: f"{p.parent}/./../{p.parent.name}/{p.name}",
    "a symlink to it": lambda p: _link(p.parent.parent / "plan-link.md", p),
    "a symlink to its folder": lambda p: str(_link(p.parent.parent / "dlink", p.parent) / p.name),
    "a hard link to it": lambda p: _hard_link(p.parent.parent / "hard.md", p),
}


def _link(link: Path, target: Path) -> Path:
    link.symlink_to(target)
    return link


def _hard_link(link: Path, target: Path) -> str:
    os.link(target, link)
    return str(link)


@pytest.mark.parametrize("spelling", SPELLINGS)
@pytest.mark.parametrize("fmt", ["md", "html", "json"])
def test_export_onto_the_plan_is_refused_however_it_is_spelled(
    plan_file: Path, spelling: str, fmt: str, capsys: pytest.CaptureFixture[str]
) -> None:
    output = SPELLINGS[spelling](plan_file)
    before = folder_state(plan_file.parent)
    assert cli.main(["export", "--format", fmt, "-o", str(output), "--data", str(plan_file)]) == 1
    err = capsys.readouterr().err
    said = (
        f"{Path(output)} is your plan file: {KEEP_OUT}; choose another name. Nothing was written."
    )
    assert err == said + "\n"
    assert folder_state(plan_file.parent) == before


FAMILY = "named like the files kept with your plan (plan.json.…)"
OWN_FILES = {
    "plan.json.lock": "your plan's lock file",
    "plan.json.draft": "your plan's draft of unsaved words",
    "plan.json.draft.20261126T120000.unreadable": "your plan's draft of unsaved words",
    "crisis-card.txt": "your plan's crisis card",
    "crash.log": "your plan's crash log",
    ".plan.json.abc123.tmp": "a temporary file of a save of your plan",
    "plan.json.damaged-20261126T120000Z-1": FAMILY,
    "plan.json.unfinished": FAMILY,
    "plan.json.md": FAMILY,
}


def test_the_files_refused_are_where_the_store_keeps_them(data_file: Path) -> None:
    """The names in safe_paths follow the modules that make the files (a rename there must
    not open a gap here)."""
    from recovery_tui.crisis_card import card_path
    from recovery_tui.drafts import draft_file
    from recovery_tui.paths import crash_log_file
    from recovery_tui.safe_paths import own_files
    from recovery_tui.storage import backups_dir
    from recovery_tui.versions import versions_dir

    made = {data_file, draft_file(data_file), backups_dir(data_file), versions_dir(data_file),
            card_path(data_file), crash_log_file(data_file),
            Path(PlanStore(data_file)._lock.lock_file)}  # fmt: skip
    assert {path for path, _ in own_files(data_file)} == made


@pytest.mark.parametrize("name", OWN_FILES)
def test_export_onto_a_file_kept_beside_the_plan_is_refused(
    plan_file: Path, name: str, capsys: pytest.CaptureFixture[str]
) -> None:
    output = plan_file.parent / name
    before = folder_state(plan_file.parent)
    assert cli.main(["export", "--format", "md", "-o", str(output), "--data", str(plan_file)]) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"{output} is {OWN_FILES[name]}: {KEEP_OUT}")
    assert folder_state(plan_file.parent) == before


@pytest.mark.parametrize("where", ["backups", "versions"])
@pytest.mark.parametrize("name", ["new.md", "plan.20261126T120000.json", "sub/x.html", ""])
def test_export_into_the_backups_or_versions_folder_is_refused(
    plan_file: Path, where: str, name: str, capsys: pytest.CaptureFixture[str]
) -> None:
    output = plan_file.parent / where / name if name else plan_file.parent / where
    before = folder_state(plan_file.parent)
    assert cli.main(["export", "--format", "md", "-o", str(output), "--data", str(plan_file)]) == 1
    what = "backups folder" if where == "backups" else "saved versions"
    assert f" your plan's {what}: {KEEP_OUT}" in capsys.readouterr().err
    assert folder_state(plan_file.parent) == before


def test_the_issues_command_line_exits_1_and_leaves_the_plan(plan_file: Path) -> None:
    before = digest(plan_file)
    cwd = plan_file.parent  # exactly as reported: a relative name for both
    result = run("export", "--format", "md", "-o", "plan.json", "--data", "plan.json", cwd=cwd)
    assert result.returncode == 1 and result.stdout == ""
    assert result.stderr.startswith(f"plan.json is your plan file: {KEEP_OUT}")
    assert "Traceback" not in result.stderr
    assert digest(plan_file) == before
    assert PlanStore(plan_file).load() == daily_plan()


def test_a_file_beside_the_plan_with_its_own_name_is_fine(
    plan_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for name in ("recovery-plan.md", "plan.md", "backups.md", "my-plan.json.md"):
        output = plan_file.parent / name
        assert (
            cli.main(["export", "--format", "md", "-o", str(output), "--data", str(plan_file)]) == 0
        )
        assert output.read_text(encoding="utf-8").startswith("#")
    capsys.readouterr()


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda d: d, "is a folder: give the file's name too"),
        (lambda d: Path("/dev/null"), "is not a regular file (a device or a pipe)"),
        (lambda d: d / "missing-folder" / "x.md", "does not exist"),
    ],
)
def test_export_to_a_folder_a_device_or_a_missing_folder_is_refused(
    plan_file: Path, tmp_path: Path, make: Callable[[Path], Path], message: str,
    capsys: pytest.CaptureFixture[str],
) -> None:  # fmt: skip
    output = make(tmp_path)
    assert cli.main(["export", "--format", "md", "-o", str(output), "--data", str(plan_file)]) == 1
    err = capsys.readouterr().err
    assert message in err and err.endswith("Nothing was written.\n")
    assert not (tmp_path / "missing-folder").exists()


def test_export_to_a_pipe_is_refused_without_waiting(plan_file: Path, tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.md"
    os.mkfifo(fifo)
    result = run("export", "--format", "md", "-o", str(fifo), "--data", str(plan_file))
    assert result.returncode == 1 and "is not a regular file" in result.stderr
    assert stat.S_ISFIFO(fifo.stat().st_mode)


def test_an_export_replaces_a_file_whole_private_and_says_where(
    plan_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    output = tmp_path / "plan.md"
    output.write_text("an older export\n", encoding="utf-8")
    output.chmod(0o644)
    old_inode = output.stat().st_ino
    assert cli.main(["export", "--format", "md", "-o", str(output), "--data", str(plan_file)]) == 0
    out, err = capsys.readouterr()
    assert out == ""  # stdout stays clean: the message goes to stderr
    assert err == f"Saved your plan as Markdown to {output} (readable by you alone).\n"
    assert output.stat().st_mode & 0o777 == 0o600
    assert output.stat().st_ino != old_inode  # a new file renamed over it, not rewritten
    assert "Walk daily" in output.read_text(encoding="utf-8")
    assert not list(tmp_path.glob(".plan.md.*"))  # no temp file left


def test_an_export_that_fails_midway_leaves_the_old_file_whole(
    plan_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:  # fmt: skip
    output = tmp_path / "card.html"
    output.write_text("the card I sent\n", encoding="utf-8")

    def full_disk(fd: int) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(atomic.os, "fsync", full_disk)
    args = ["export", "--format", "html", "--audience", "supporter", "-o", str(output)]
    assert cli.main([*args, "--data", str(plan_file)]) == 1
    assert capsys.readouterr().err == (
        f"Could not write {output}: No space left on device. Nothing was written.\n"
    )
    assert output.read_text(encoding="utf-8") == "the card I sent\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["card.html", "data"]  # no temp file


def test_an_export_through_a_symlink_writes_its_target(
    plan_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "usb").mkdir()
    target = tmp_path / "usb" / "plan.md"
    target.write_text("old\n", encoding="utf-8")
    link = _link(tmp_path / "plan.md", target)
    assert cli.main(["export", "--format", "md", "-o", str(link), "--data", str(plan_file)]) == 0
    assert link.is_symlink() and "Walk daily" in target.read_text(encoding="utf-8")
    assert f"to {target} (readable" in capsys.readouterr().err


def test_export_of_a_missing_plan_is_an_error_and_makes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = tmp_path / "mistyped" / "plan.jsn"
    output = tmp_path / "out.json"
    assert cli.main(["export", "-o", str(output), "--data", str(data)]) == 1
    assert capsys.readouterr().err == (
        f"There is no plan at {data}, so nothing was exported. "
        "Check the path (--data, else $RECOVERY_TUI_DATA).\n"
    )
    assert not output.exists() and not data.parent.exists()
    data.parent.mkdir()
    assert cli.main(["export", "--data", str(data)]) == 1  # to stdout: no empty plan either
    captured = capsys.readouterr()
    assert captured.out == "" and "There is no plan at" in captured.err
    assert list(data.parent.iterdir()) == []


@pytest.fixture
def encrypted_plan(plan_file: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The plan sealed with PASS (cheap scrypt); the passphrase is typed when asked."""
    store = PlanStore(plan_file)
    store.open()
    encryption.seal_all(plan_file, crypto.Key.new(PASS, FAST))
    store.close()
    monkeypatch.setattr(cli_encryption, "has_terminal", lambda: True)
    monkeypatch.setattr(getpass, "getpass", lambda prompt="", stream=None: PASS)
    return plan_file


def test_an_export_of_an_encrypted_plan_says_it_is_not_encrypted(
    encrypted_plan: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    output = tmp_path / "clinician.md"
    args = ["export", "--format", "md", "--audience", "clinician", "-o", str(output)]
    assert cli.main([*args, "--data", str(encrypted_plan)]) == 0
    assert capsys.readouterr().err.endswith(
        f"Saved the clinician summary as Markdown to {output} (readable by you alone). "
        "It is not encrypted, though your plan is: keep it private, delete it when done.\n"
    )
    assert output.stat().st_mode & 0o777 == 0o600


def test_a_refused_export_of_an_encrypted_plan_asks_no_passphrase(
    encrypted_plan: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def never(prompt: str = "", stream: object = None) -> str:
        raise AssertionError("no passphrase is needed to refuse")

    monkeypatch.setattr(getpass, "getpass", never)
    args = ["export", "-o", str(encrypted_plan), "--data", str(encrypted_plan)]
    assert cli.main(args) == 1
    assert "is your plan file" in capsys.readouterr().err


@pytest.mark.parametrize(("fmt", "audience"), [("md", "full"), ("html", "supporter"),
                                               ("md", "clinician"), ("json", "full")])  # fmt: skip
def test_default_names_follow_format_and_audience(fmt: str, audience: str) -> None:
    expected = {
        ("md", "full"): "recovery-plan.md",
        ("html", "supporter"): "recovery-plan-supporter.html",
        ("md", "clinician"): "recovery-plan-clinician.md",
        ("json", "full"): "recovery-plan.json",
    }
    assert default_name(fmt, audience) == expected[fmt, audience]


# --- import refuses what is not a plan file -------------------------------------------------


@pytest.fixture
def kept(data_file: Path) -> Path:
    """A plan with a daily log, to see that a refused import changes nothing."""
    seed(data_file, daily_plan())
    return data_file


def assert_refused(result: subprocess.CompletedProcess[str], source: object, reason: str) -> None:
    assert result.returncode == 1 and result.stdout == ""
    assert result.stderr == f"{source} was not imported: {reason}. Nothing was changed.\n"


def test_import_of_a_pipe_is_refused_at_once(kept: Path, tmp_path: Path) -> None:
    fifo = tmp_path / "plan-from-a-pipe.json"
    os.mkfifo(fifo)
    before = folder_state(kept.parent)
    result = run("import", str(fifo), "--replace", "--data", str(kept))  # no writer: never hangs
    assert_refused(result, fifo, "it is a pipe, not a plan file")
    assert folder_state(kept.parent) == before


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/null"])
def test_import_of_a_device_is_refused_without_reading_it(kept: Path, device: str) -> None:
    before = folder_state(kept.parent)
    result = run("import", device, "--replace", "--data", str(kept))
    assert_refused(result, device, "it is a device, not a plan file")
    assert folder_state(kept.parent) == before


def test_import_of_a_symlink_to_a_device_or_of_a_folder_is_refused(
    kept: Path, tmp_path: Path
) -> None:
    link = _link(tmp_path / "zero.json", Path("/dev/zero"))
    assert_refused(run("import", str(link), "--data", str(kept)), link,
                   "it is a device, not a plan file")  # fmt: skip
    assert_refused(run("import", str(tmp_path), "--data", str(kept)), tmp_path,
                   "it is a folder, not a plan file")  # fmt: skip


def test_import_of_a_file_larger_than_the_limit_is_refused(kept: Path, tmp_path: Path) -> None:
    big = tmp_path / "big.json"
    with big.open("wb") as file:
        file.truncate(import_file.LIMIT + 1)  # sparse: nothing is written or read
    assert_refused(run("import", str(big), "--data", str(kept)), big,
                   "it is larger than 64 MB, far more than any plan file holds")  # fmt: skip


def test_import_reads_at_most_the_limit_even_when_the_size_says_less(
    kept: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A file whose size says 0 (as in /proc) is still read only up to the limit."""
    monkeypatch.setattr(import_file, "LIMIT", 100)
    source = Path("/proc/self/status")  # a regular file, size 0, more than 100 bytes
    if not source.exists():
        pytest.skip("no /proc here")
    assert cli.main(["import", str(source), "--data", str(kept)]) == 1
    assert "far more than any plan file holds" in capsys.readouterr().err


ENCODINGS = {
    "UTF-16 with its mark": lambda text: text.encode("utf-16"),
    "UTF-16 without a mark": lambda text: text.encode("utf-16-le"),
    "UTF-32": lambda text: text.encode("utf-32"),
}


@pytest.mark.parametrize("encoding", ENCODINGS)
def test_import_of_utf16_or_utf32_is_refused(
    kept: Path, tmp_path: Path, encoding: str, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "plan.json"
    source.write_bytes(ENCODINGS[encoding](EXAMPLE_FILE.read_text(encoding="utf-8")))
    before = folder_state(kept.parent)
    assert cli.main(["import", str(source), "--replace", "--data", str(kept)]) == 1
    assert capsys.readouterr().err == (
        f"{source} was not imported: it is UTF-16 or UTF-32 text, and a plan file is UTF-8: "
        "save it as UTF-8 first. Nothing was changed.\n"
    )
    assert folder_state(kept.parent) == before


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"", "it is empty"),
        (b"  \n", "it is empty"),
        (b'{"profile": {"name": "Ren\xe9"}}', "it is not UTF-8 text (byte 26 is not), and a "
         "plan file is UTF-8"),
    ],
)  # fmt: skip
def test_import_of_an_empty_or_latin1_file_is_refused(
    kept: Path, tmp_path: Path, content: bytes, reason: str, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "plan.json"
    source.write_bytes(content)
    assert cli.main(["import", str(source), "--replace", "--data", str(kept)]) == 1
    assert capsys.readouterr().err == f"{source} was not imported: {reason}. Nothing was changed.\n"


def test_a_utf8_byte_order_mark_is_still_utf8(
    data_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "from-notepad.json"
    source.write_bytes(b"\xef\xbb\xbf" + EXAMPLE_FILE.read_bytes())
    assert cli.main(["import", str(source), "--data", str(data_file)]) == 0
    assert PlanStore(data_file).load() == example_plan()
    capsys.readouterr()


# --- what an import replaces: said first, kept whole ---------------------------------------


def test_import_says_what_it_would_replace(
    kept: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    asked: list[str] = []
    monkeypatch.setattr(sys.stdin, "isatty", lambda: True)
    monkeypatch.setattr(builtins, "input", lambda prompt="": asked.append(prompt) or "n")
    before = folder_state(kept.parent)
    assert cli.main(["import", str(EXAMPLE_FILE), "--data", str(kept)]) == 1
    assert asked == [
        f"Your plan ({kept}) has 1 goal, 3 check-ins, 1 lapse debrief, 1 periodic review and "
        f"1 focus area. Replace all of it with {EXAMPLE_FILE}? A copy is kept: "
        "`recovery-tui history`. [y/N] "
    ]
    assert capsys.readouterr().err == "Nothing was changed. (Use --replace to replace your plan.)\n"
    assert folder_state(kept.parent) == before


def test_without_a_terminal_import_says_what_the_plan_holds_and_changes_nothing(
    kept: Path,
) -> None:
    before = folder_state(kept.parent)
    result = run("import", str(EXAMPLE_FILE), "--data", str(kept))
    assert result.returncode == 1
    assert result.stderr == (
        f"Your plan ({kept}) has 1 goal, 3 check-ins, 1 lapse debrief, 1 periodic review and "
        "1 focus area.\nNothing was changed. (Use --replace to replace your plan.)\n"
    )
    assert folder_state(kept.parent) == before


def test_the_version_kept_before_an_import_holds_the_daily_log(
    kept: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli.main(["import", str(EXAMPLE_FILE), "--replace", "--data", str(kept)]) == 0
    [version] = [v for v in list_versions(kept) if v.why == "import"]
    assert load_version(version) == daily_plan()  # check-ins, lapses and reviews too
    assert "daily log included" in version.label
    capsys.readouterr()
    assert cli.main(["history", "--data", str(kept)]) == 0
    assert "before an import replaced the plan, daily log included" in capsys.readouterr().out
    assert cli.main(["diff", str(version.number), "--data", str(kept)]) == 0
    diff = capsys.readouterr().out
    assert diff.startswith(f"What changed since version {version.label}:")
    assert "Goals" in diff and "Walk daily" in diff and "Traceback" not in diff
    assert "check-in" not in diff.lower()  # the comparison is of the plan itself


async def test_the_history_screen_compares_a_version_that_holds_the_daily_log(
    kept: Path, open_app: Callable[[], RecoveryApp], capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli.main(["import", str(EXAMPLE_FILE), "--replace", "--data", str(kept)]) == 0
    capsys.readouterr()
    app = open_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("6", "h")
        for _ in range(3):
            await pilot.pause()
        assert isinstance(app.screen, HistoryScreen)
        shown = dialog_words(app)
        assert "before an import replaced the plan, daily log included" in shown
        assert "What changed since version" in shown and "Walk daily" in shown
        assert "damaged" not in shown and "could not" not in shown


def test_reviews_and_manual_versions_still_leave_the_daily_log_out(kept: Path) -> None:
    store = PlanStore(kept)
    store.open()
    store.keep_version(daily_plan(), "manual")
    store.close()
    [manual] = [v for v in list_versions(kept) if v.why == "manual"]
    assert load_version(manual) == plan_content(daily_plan())


def test_importing_the_kept_version_brings_the_whole_plan_back(
    kept: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli.main(["import", str(EXAMPLE_FILE), "--replace", "--data", str(kept)]) == 0
    [version] = [v for v in list_versions(kept) if v.why == "import"]
    assert cli.main(["import", str(version.path), "--replace", "--data", str(kept)]) == 0
    assert PlanStore(kept).load() == daily_plan()
    capsys.readouterr()


def test_a_sealed_version_of_an_encrypted_plan_imports_back_with_its_passphrase(
    encrypted_plan: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    args = ["import", str(EXAMPLE_FILE), "--replace", "--data", str(encrypted_plan)]
    assert cli.main(args) == 0
    [version] = [v for v in list_versions(encrypted_plan) if v.why == "import"]
    assert crypto.is_encrypted(version.path.read_bytes())
    args = ["import", str(version.path), "--replace", "--data", str(encrypted_plan)]
    assert cli.main(args) == 0
    key = cli_encryption.unlock_plan(encrypted_plan)
    assert PlanStore(encrypted_plan, key).load() == daily_plan()
    capsys.readouterr()


def test_a_sealed_file_into_a_plain_plan_is_refused(
    kept: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sealed = tmp_path / "sealed.json"
    sealed.write_bytes(crypto.encrypt(EXAMPLE_FILE.read_bytes(), crypto.Key.new(PASS, FAST)))
    before = folder_state(kept.parent)
    assert cli.main(["import", str(sealed), "--replace", "--data", str(kept)]) == 1
    assert capsys.readouterr().err == (
        f"{sealed} was not imported: it is encrypted, and your plan is not, so it can't be "
        "opened. Nothing was changed.\n"
    )
    assert folder_state(kept.parent) == before


# --- the app's export dialog ---------------------------------------------------------------


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "home"
    folder.mkdir()
    monkeypatch.setenv("HOME", str(folder))
    return folder


async def open_export(pilot: object, app: RecoveryApp, *, palette: bool = False) -> ExportScreen:
    """Open the export dialog as a person would: x on the Plan tab, or the palette."""
    if palette:
        await pilot.press("ctrl+p")  # type: ignore[attr-defined]
        await pilot.pause()  # type: ignore[attr-defined]
        await pilot.press(*"Export the plan", "enter")  # type: ignore[attr-defined]
    else:
        await pilot.press("6", "x")  # type: ignore[attr-defined]
    for _ in range(3):
        await pilot.pause()  # type: ignore[attr-defined]
    assert isinstance(app.screen, ExportScreen)
    return app.screen


def dialog_words(app: RecoveryApp) -> str:
    """The words inside the open dialog's frame, on one line (wrapping undone)."""
    inner = []
    for line in screen_text(app).splitlines():
        if line.count("│") >= 2:
            inner.append(line[line.index("│") + 1 : line.rindex("│")])
    text = " ".join(inner)
    for mark in "▊▎▔▁":
        text = text.replace(mark, " ")
    return " ".join(text.split())


def path_value(screen: ExportScreen) -> str:
    return screen.query_one("#path", Input).value


async def choose(pilot: object, downs: int) -> None:
    """Open the focused choice, move ``downs`` (negative: up) and take it."""
    key = "down" if downs > 0 else "up"
    await pilot.press("enter", *[key] * abs(downs), "enter")  # type: ignore[attr-defined]
    await pilot.pause()  # type: ignore[attr-defined]


@pytest.mark.parametrize("palette", [False, True], ids=["x on the Plan tab", "the palette"])
async def test_the_suggested_name_follows_format_and_audience(
    home: Path, data_file: Path, open_app: Callable[[], RecoveryApp], palette: bool
) -> None:
    seed(data_file, daily_plan())
    app = open_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_export(pilot, app, palette=palette)
        assert path_value(screen) == str(home / "recovery-plan.html")
        assert app.focused is screen.query_one("#fmt", Select)
        await choose(pilot, 1)  # Markdown
        assert path_value(screen) == str(home / "recovery-plan.md")
        await pilot.press("tab")
        await choose(pilot, 1)  # for a supporter
        assert path_value(screen) == str(home / "recovery-plan-supporter.md")
        await choose(pilot, 1)  # for a clinician
        assert path_value(screen) == str(home / "recovery-plan-clinician.md")
        await pilot.press("shift+tab")
        await choose(pilot, -1)  # back to HTML
        assert path_value(screen) == str(home / "recovery-plan-clinician.html")
        await pilot.press("tab", "tab", "ctrl+u", *"~/for-dr-lee.html", "shift+tab")
        await choose(pilot, -2)  # the whole plan: a typed name stays as typed
        assert path_value(screen) == "~/for-dr-lee.html"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not isinstance(app.screen, ExportScreen)
    page = (home / "for-dr-lee.html").read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and "Walk daily" in page
    assert (home / "for-dr-lee.html").stat().st_mode & 0o777 == 0o600
    assert sorted(p.name for p in home.iterdir()) == ["for-dr-lee.html"]


async def test_a_supporter_card_and_the_full_plan_get_different_files(
    home: Path, data_file: Path, open_app: Callable[[], RecoveryApp]
) -> None:
    seed(data_file, example_plan())
    app = open_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_export(pilot, app)
        await pilot.press("tab")
        await choose(pilot, 1)  # the supporter card, as HTML
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.press("x")
        await pilot.pause()
        await pilot.press("ctrl+s")  # then the whole plan, as the dialog suggests
        await pilot.pause()
        assert not isinstance(app.screen, ConfirmScreen)  # no file to replace: no question
    card = (home / "recovery-plan-supporter.html").read_text(encoding="utf-8")
    assert "Support card" in card and "Buprenorphine" not in card  # no health on the card
    assert "Buprenorphine" in (home / "recovery-plan.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("spelling", ["the same path", "a symlink to it", "its backups"])
async def test_the_dialog_refuses_the_plans_files_at_the_field(
    home: Path, data_file: Path, open_app: Callable[[], RecoveryApp], spelling: str
) -> None:
    seed(data_file, daily_plan())
    typed = {
        "the same path": str(data_file),
        "a symlink to it": str(_link(home / "plan.html", data_file)),
        "its backups": str(data_file.parent / "backups" / "x.html"),
    }[spelling]
    before = folder_state(data_file.parent)
    app = open_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_export(pilot, app)
        await pilot.press("tab", "tab", "ctrl+u", *typed, "ctrl+s")
        await pilot.pause()
        assert app.screen is screen  # still open, the reason under the path
        shown = dialog_words(app)
        assert "an export never replaces your plan or the files kept with it" in shown
        assert app.focused is screen.query_one("#path", Input)
    assert folder_state(data_file.parent) == before
    assert PlanStore(data_file).load() == daily_plan()


async def test_the_dialog_asks_before_replacing_a_file(
    home: Path, data_file: Path, open_app: Callable[[], RecoveryApp]
) -> None:
    seed(data_file, daily_plan())
    existing = home / "recovery-plan.html"
    existing.write_text("the plan I printed last month\n", encoding="utf-8")
    app = open_app()
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        screen = await open_export(pilot, app)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        assert app.screen.question == f"{existing} exists. Replace it?"
        shown = dialog_words(app)
        assert "exists. Replace it?" in shown and "Replace (y) Keep it (n)" in shown
        await pilot.press("n")  # keep it: back to the dialog, at the path
        await pilot.pause()
        assert app.screen is screen and app.focused is screen.query_one("#path", Input)
        assert existing.read_text(encoding="utf-8") == "the plan I printed last month\n"
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert not isinstance(app.screen, (ConfirmScreen, ExportScreen))
        said = [n.message for n in app._notifications if n.message.startswith("Saved")]
    assert said == [f"Saved your plan as HTML to {existing} (readable by you alone)."]
    assert existing.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert existing.stat().st_mode & 0o777 == 0o600


async def test_a_write_that_fails_keeps_the_dialog_and_the_old_file(
    home: Path, data_file: Path, open_app: Callable[[], RecoveryApp],
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    seed(data_file, daily_plan())
    existing = home / "recovery-plan.html"
    existing.write_text("old\n", encoding="utf-8")

    def full_disk(fd: int) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    app = open_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_export(pilot, app)
        monkeypatch.setattr(atomic.os, "fsync", full_disk)
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert app.screen is screen
        assert "No space left on device." in dialog_words(app)
    assert existing.read_text(encoding="utf-8") == "old\n"
    assert sorted(p.name for p in home.iterdir()) == ["recovery-plan.html"]


async def test_a_missing_folder_is_said_at_the_field(
    home: Path, data_file: Path, open_app: Callable[[], RecoveryApp]
) -> None:
    app = open_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_export(pilot, app)
        await pilot.press("tab", "tab", "ctrl+u", *"~/nowhere/plan.md", "ctrl+s")
        await pilot.pause()
        assert app.screen is screen
        assert "does not exist." in dialog_words(app)
    assert not (home / "nowhere").exists()


async def test_an_export_of_an_encrypted_plan_in_the_app_says_it_is_not_encrypted(
    home: Path, data_file: Path, stores: list[PlanStore]
) -> None:
    key = crypto.Key.new(PASS, FAST)
    store = PlanStore(data_file, key)
    store.open()
    store.save(replace(daily_plan(), goals=(Goal(id="g1", title="Sealed goal"),)))
    store.close()
    assert crypto.is_encrypted(data_file.read_bytes())
    stores.append(PlanStore(data_file, key))
    app = RecoveryApp(stores[-1])
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await open_export(pilot, app)
        await pilot.press("ctrl+s")
        await pilot.pause()
        said = [n.message for n in app._notifications if n.message.startswith("Saved")]
    target = home / "recovery-plan.html"
    assert said == [
        f"Saved your plan as HTML to {target} (readable by you alone). It is not encrypted, "
        "though your plan is: keep it private, delete it when done."
    ]
    assert "Sealed goal" in target.read_text(encoding="utf-8")


def test_the_example_file_is_what_the_import_tests_expect() -> None:
    assert loads_plan(EXAMPLE_FILE.read_bytes()) == example_plan()


def test_the_plan_check_is_in_the_whole_plan_only_when_asked(tmp_path: Path) -> None:
    """The app's to-do list is the person's business: left out unless --with-check."""
    plan = tmp_path / "plan.json"
    seed(plan, example_plan())
    plain, checked = tmp_path / "plain.md", tmp_path / "checked.md"
    assert cli.main(["export", "--format", "md", "--data", str(plan), "-o", str(plain)]) == 0
    assert cli.main(["export", "--format", "md", "--data", str(plan), "-o", str(checked),
                     "--with-check"]) == 0  # fmt: skip
    assert "Plan check" not in plain.read_text(encoding="utf-8")
    assert "Plan check" in checked.read_text(encoding="utf-8")
