"""``recovery-tui restore``: one command back to a backup or a version, on a damaged plan, an
encrypted plan, and with the app open (a real process holding the plan). Real files in
``tmp_path``; the command runs through ``cli.main``.
"""

from __future__ import annotations

import dataclasses
import getpass
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from recovery_tui import cli, cli_encryption, crypto, encryption
from recovery_tui.backups import backup_entries, list_backups
from recovery_tui.model import Contact, Goal, Plan, Profile
from recovery_tui.storage import PlanStore

HELPER = Path(__file__).parent / "helpers_storage.py"
PASS = "restore passphrase 1"
TIMEOUT = 20.0


def plan(i: int) -> Plan:
    return Plan(profile=Profile(name=f"Sam {i}"), goals=(Goal(id="g1", title=f"Goal {i}"),))


def seed(path: Path, count: int = 4, key: crypto.Key | None = None) -> None:
    """Saves plan(0) .. plan(count - 1): backups b1.. hold plan(0)..; one kept version."""
    store = PlanStore(path, key)
    store.open()
    for i in range(count):
        store.save(plan(i))
        if i == 1:
            store.keep_version(plan(i), "manual")
    store.close()


def run(path: Path, *args: str) -> int:
    return cli.main(["restore", *args, "--data", str(path)])


def loaded(path: Path, key: crypto.Key | None = None) -> Plan:
    return PlanStore(path, key).load()


@pytest.fixture
def damaged(tmp_path: Path) -> Path:
    path = tmp_path / "data" / "plan.json"
    seed(path)
    path.write_bytes(b'{"goals": {"1": {"id": "g1",')  # cut short
    return path


def test_list_names_every_backup_and_version_with_date_and_size(
    damaged: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = damaged.read_bytes()
    assert run(damaged, "--list") == 0
    out = capsys.readouterr().out
    rows = re.findall(
        r"^  ([bv]\d+) +(\d{4}-\d\d-\d\d \d\d:\d\d) +(\d+ B|\d+ KB)  (.*)$", out, re.M
    )
    assert [r[0] for r in rows] == ["b1", "b2", "b3", "v1"]
    assert [r[3] for r in rows] == ["backup", "backup", "backup", "saved by hand"]
    assert "Your plan file now: it can't be read (it is not valid JSON" in out
    assert damaged.read_bytes() == before, "--list changes nothing"


def test_restore_brings_back_the_newest_backup_and_keeps_the_damaged_file(
    damaged: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = damaged.read_bytes()
    backups = list_backups(damaged)
    assert run(damaged, "--yes") == 0
    out = capsys.readouterr().out
    assert "Restored b3 (" in out
    assert loaded(damaged) == plan(2)
    [aside] = damaged.parent.glob("plan.json.damaged-*")
    assert aside.read_bytes() == bad and aside.stat().st_mode & 0o777 == 0o600
    assert f"kept as {aside}" in out
    assert list_backups(damaged) == backups, "the damaged file is no backup"
    store = PlanStore(damaged)
    assert store.open() == plan(2) and not store.read_only  # the app opens it as ever
    store.close()


def test_the_default_skips_a_backup_that_cannot_be_read(damaged: Path) -> None:
    list_backups(damaged)[-1].write_bytes(b"")
    assert run(damaged, "--yes") == 0
    assert loaded(damaged) == plan(1)


def test_a_version_can_be_restored_by_its_history_number(damaged: Path) -> None:
    assert run(damaged, "v1", "--yes") == 0
    assert loaded(damaged).goals == plan(1).goals


def test_restoring_over_a_readable_plan_keeps_it_as_the_newest_backup(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "data" / "plan.json"
    seed(path)
    assert run(path, "b1", "--yes") == 0
    assert loaded(path) == plan(0)
    assert "now the newest backup" in capsys.readouterr().out
    assert not list(path.parent.glob("plan.json.damaged-*"))
    assert run(path, "--yes") == 0  # and back again: the newest backup is the one replaced
    assert loaded(path) == plan(3)


def test_without_a_terminal_it_asks_for_yes_and_changes_nothing(
    damaged: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = damaged.read_bytes()
    assert run(damaged) == 1
    assert "add --yes" in capsys.readouterr().err
    assert damaged.read_bytes() == before
    assert not list(damaged.parent.glob("plan.json.damaged-*"))


def test_an_unknown_or_unreadable_choice_is_named(
    damaged: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    list_backups(damaged)[0].write_bytes(b"null")
    assert run(damaged, "b9", "--yes") == 1
    assert "There is no b9" in capsys.readouterr().err
    assert run(damaged, "b1", "--yes") == 1
    assert "b1 can't be restored: it does not look like a recovery-tui plan" in (
        capsys.readouterr().err
    )


def test_an_encrypted_damaged_plan_is_restored_sealed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    key = crypto.Key.new(PASS, crypto.ScryptParams(n=2**10))
    path = tmp_path / "data" / "plan.json"
    seed(path, key=key)
    sealed = path.read_bytes()
    path.write_bytes(sealed[:60])  # the envelope cut short: the plan file can't be unlocked
    prompts: list[str] = []
    monkeypatch.setattr(encryption, "SCRYPT_PARAMS", key.params)
    monkeypatch.setattr(cli_encryption, "has_terminal", lambda: True)
    monkeypatch.setattr(getpass, "getpass", lambda p="", s=None: prompts.append(p) or PASS)
    assert run(path, "--yes") == 0
    assert prompts == [cli_encryption.PROMPT], "one passphrase, checked against a backup"
    assert path.read_bytes().startswith(crypto.MAGIC), "restored sealed, as the plan was"
    assert loaded(path, key) == plan(2)
    assert cli.main(["crisis", "--data", str(path)]) == 0  # and it opens as ever
    capsys.readouterr()


def test_with_the_app_open_it_refuses_and_changes_nothing(
    damaged: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    readable = damaged.with_name("good.json")
    readable.write_bytes(list_backups(damaged)[-1].read_bytes())
    readable.replace(damaged)  # a readable plan, open in another process
    holder = subprocess.Popen(
        [sys.executable, str(HELPER), "hold", str(damaged)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        assert holder.stdout is not None
        assert holder.stdout.readline().strip() == "OPEN read_only=False"
        before = {p: p.read_bytes() for p in damaged.parent.rglob("*") if p.is_file()}
        assert run(damaged, "b1", "--yes") == 1
        err = capsys.readouterr().err
        assert "is open in recovery-tui right now" in err and "restore` again" in err
        after = {p: p.read_bytes() for p in damaged.parent.rglob("*") if p.is_file()}
        assert after == before
    finally:
        assert holder.stdin is not None
        holder.stdin.close()
        holder.wait(timeout=TIMEOUT)


def test_the_apps_cannot_read_message_names_the_command(
    damaged: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli.main(["--data", str(damaged)]) == 1
    assert "To go back to it: recovery-tui restore" in capsys.readouterr().err


def test_restore_needs_no_textual(damaged: Path) -> None:
    code = (
        "import sys; from recovery_tui.cli import main; "
        f"main(['restore', '--list', '--data', {str(damaged)!r}]); "
        "assert 'textual' not in sys.modules, 'textual imported'"
    )
    child = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                           timeout=TIMEOUT)  # fmt: skip
    assert child.returncode == 0, child.stderr


# --- a damaged plan still gives the person their people ------------------------------------

ALEX = Contact(id="c1", name="Alex", phone="555-0100", crisis=True)
NOTE = "could not be read just now: this is your sheet from its newest backup that can be read"


def with_people(i: int) -> Plan:
    return dataclasses.replace(plan(i), contacts=(ALEX,))


@pytest.fixture
def damaged_with_people(tmp_path: Path) -> Path:
    path = tmp_path / "data" / "plan.json"
    store = PlanStore(path)
    store.open()
    for i in range(3):
        store.save(with_people(i))
    store.close()
    path.write_bytes(b"{cut short")
    return path


def test_crisis_falls_back_to_the_newest_readable_backup(
    damaged_with_people: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    newest = backup_entries(damaged_with_people)[-1]
    newest.path.write_bytes(b"")  # the newest backup is damaged too: the one before it
    kept = backup_entries(damaged_with_people)[-2].label
    assert cli.main(["crisis", "--data", str(damaged_with_people)]) == 0
    out = capsys.readouterr().out
    assert "555-0100" in out and "988" in out
    assert f"{NOTE}, kept {kept}." in out


def test_crisis_without_a_readable_backup_prints_the_national_lines(
    damaged_with_people: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for backup in list_backups(damaged_with_people):
        backup.write_bytes(b"null")
    assert cli.main(["crisis", "--data", str(damaged_with_people)]) == 0
    out = capsys.readouterr().out
    assert "could not be read just now." in out and "555-0100" not in out and "988" in out


@pytest.mark.skipif(os.geteuid() != 0, reason="another user's file needs root")
def test_another_users_backup_is_never_the_fallback(
    damaged_with_people: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for backup in list_backups(damaged_with_people):
        os.chown(backup, 65534, 65534)
    assert cli.main(["crisis", "--data", str(damaged_with_people)]) == 0
    assert "555-0100" not in capsys.readouterr().out


def test_the_apps_cannot_read_message_carries_the_backups_people(
    damaged_with_people: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli.main(["--data", str(damaged_with_people)]) == 1
    err = capsys.readouterr().err
    assert "recovery-tui restore" in err and "555-0100" in err and NOTE in err


def test_an_encrypted_plan_with_a_damaged_file_asks_once_and_shows_the_backups_people(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    key = crypto.Key.new(PASS, crypto.ScryptParams(n=2**10))
    path = tmp_path / "data" / "plan.json"
    store = PlanStore(path, key)
    store.open()
    for i in range(2):
        store.save(with_people(i))
    store.close()
    path.write_bytes(path.read_bytes()[:70])  # the envelope cut short
    prompts: list[str] = []
    monkeypatch.setattr(cli_encryption, "has_terminal", lambda: True)
    monkeypatch.setattr(getpass, "getpass", lambda p="", s=None: prompts.append(p) or PASS)
    assert cli.main(["crisis", "--data", str(path)]) == 0
    out = capsys.readouterr().out
    assert out.index("988") < out.index("555-0100"), "the national lines first, as ever"
    assert NOTE in out and prompts == [cli.SKIP_PROMPT]


def test_a_pipe_where_the_plan_should_be_still_gives_the_backups_people(
    damaged_with_people: Path,
) -> None:
    damaged_with_people.unlink()
    os.mkfifo(damaged_with_people, 0o600)
    child = subprocess.run(
        [sys.executable, "-m", "recovery_tui", "crisis", "--data", str(damaged_with_people)],
        capture_output=True, text=True, timeout=TIMEOUT, stdin=subprocess.DEVNULL,
    )  # fmt: skip
    assert child.returncode == 0 and "555-0100" in child.stdout and NOTE in child.stdout
