"""Interrupted encryption is finished, not forgotten: a real SIGKILL in the middle of
``encrypt``, ``passphrase`` and ``decrypt`` (a child process that kills itself after N
files), then the next unlock or the next run of the command finishes the job; crisis-card
temp files (plain contacts) are removed at start.

Commands after the kill run in-process with a scripted terminal (``getpass`` replaced), and
cheap scrypt settings (stored in each file, so they still open).
"""

from __future__ import annotations

import getpass
import signal
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from recovery_tui import cli, cli_encryption, crypto, encryption
from recovery_tui.backups import list_backups
from recovery_tui.encryption_jobs import marker_path, unfinished_job
from recovery_tui.model import CheckIn, Contact, Goal, Plan, Profile
from recovery_tui.storage import PlanStore
from recovery_tui.versions import list_versions

FAST = crypto.ScryptParams(n=2**10)
OLD, NEW = "old passphrase 1", "new passphrase 2"
SECRET = "Zebra marmalade 4471"
TIMEOUT = 30.0

KILL_CHILD = r"""
import getpass, os, signal, sys
from recovery_tui import cli, cli_encryption, crypto, encryption

command, data, after, *answers = sys.argv[1:]
encryption.SCRYPT_PARAMS = crypto.ScryptParams(n=2**10)
cli_encryption.has_terminal = lambda: True
getpass.getpass = lambda prompt="", stream=None: answers.pop(0)
real = encryption.write_atomically
written = []

def counting(path, payload, **kwargs):
    real(path, payload, **kwargs)
    written.append(path)
    if len(written) == int(after):
        os.kill(os.getpid(), signal.SIGKILL)

encryption.write_atomically = counting
code = cli.main([command, "--data", data])
print("NOT KILLED", code, flush=True)
"""


class Terminal:
    """Answers getpass prompts in order and records them; out of answers is Ctrl+D."""

    def __init__(self) -> None:
        self.answers: list[str] = []
        self.prompts: list[str] = []

    def type(self, *answers: str) -> None:
        self.answers.extend(answers)

    def getpass(self, prompt: str = "", stream: object = None) -> str:
        self.prompts.append(prompt)
        if not self.answers:
            raise EOFError
        return self.answers.pop(0)


@pytest.fixture
def terminal(monkeypatch: pytest.MonkeyPatch) -> Terminal:
    term = Terminal()
    monkeypatch.setattr(encryption, "SCRYPT_PARAMS", FAST)
    monkeypatch.setattr(cli_encryption, "has_terminal", lambda: True)
    monkeypatch.setattr(getpass, "getpass", term.getpass)
    return term


@pytest.fixture
def data(tmp_path: Path) -> Path:
    """A plain plan with SECRET in it, 4 backups and a version."""
    path = tmp_path / "data" / "plan.json"
    store = PlanStore(path)
    plan = store.open()
    for day in range(1, 6):
        plan = Plan(
            profile=Profile(name="Sam"),
            goals=(Goal(id="g1", title=SECRET),),
            contacts=(Contact(id="c1", name="Alex", phone="555-0100", crisis=True),),
            checkins=tuple(
                CheckIn(date=date(2026, 11, d), mood=3, craving=1) for d in range(1, day + 1)
            ),
        )
        store.save(plan)
    store.keep_version(plan, "manual")
    store.close()
    assert len(list_backups(path)) == 4 and len(list_versions(path)) == 1
    return path


def kill_during(command: str, data: Path, after: int, *answers: str) -> None:
    """Run ``command`` in a child that SIGKILLs itself after ``after`` files are written."""
    child = subprocess.run(
        [sys.executable, "-c", KILL_CHILD, command, str(data), str(after), *answers],
        capture_output=True, text=True, timeout=TIMEOUT,
    )  # fmt: skip
    assert child.returncode == -signal.SIGKILL, (child.stdout, child.stderr)


def others(data: Path) -> list[Path]:
    """The plan's backups and versions."""
    return [*list_backups(data), *(v.path for v in list_versions(data))]


def key_of(data: Path, passphrase: str) -> crypto.Key:
    return crypto.unlock(data.read_bytes(), passphrase)[1]


def all_sealed_with(data: Path, key: crypto.Key) -> bool:
    return all(crypto.sealed_with(p.read_bytes(), key) for p in [data, *others(data)])


def run(data: Path, *args: str) -> int:
    return cli.main([*args, "--data", str(data)])


def test_a_kill_during_encrypt_is_finished_by_the_next_unlock(
    data: Path, terminal: Terminal, capsys: pytest.CaptureFixture[str]
) -> None:
    kill_during("encrypt", data, 1, NEW, NEW)  # the plan file sealed, nothing else
    assert crypto.is_encrypted(data.read_bytes())
    plain = [p for p in others(data) if not crypto.is_encrypted(p.read_bytes())]
    assert len(plain) == 5 and SECRET.encode() in plain[0].read_bytes()
    assert unfinished_job(data) == "encrypt"
    capsys.readouterr()

    terminal.type(NEW)
    assert run(data, "export", "--format", "json") == 0  # any command that unlocks the plan
    said = capsys.readouterr()
    assert SECRET in said.out
    assert (
        "Finished what an interrupted `recovery-tui encrypt` left: "
        "4 backups and 1 version sealed with your passphrase now."
    ) in said.err
    assert all_sealed_with(data, key_of(data, NEW))
    assert not marker_path(data).exists()
    assert terminal.prompts == [cli_encryption.PROMPT], "only the plan's own passphrase"


def test_a_kill_during_encrypt_is_finished_by_encrypt_again(
    data: Path, terminal: Terminal, capsys: pytest.CaptureFixture[str]
) -> None:
    kill_during("encrypt", data, 3, NEW, NEW)  # the plan file and 2 backups
    terminal.type(NEW)
    assert run(data, "encrypt") == 0
    out = capsys.readouterr().out
    assert "Your plan is already encrypted, but 3 of its older files are not." in out
    assert "Encrypted now: 2 backups and 1 version." in out
    assert all_sealed_with(data, key_of(data, NEW)) and not marker_path(data).exists()


def test_a_kill_during_passphrase_is_finished_at_the_next_unlock_with_the_old_one(
    data: Path, terminal: Terminal, capsys: pytest.CaptureFixture[str]
) -> None:
    terminal.type(OLD, OLD)
    assert run(data, "encrypt") == 0
    kill_during("passphrase", data, 2, OLD, NEW, NEW)  # the plan file and 1 backup
    new = key_of(data, NEW)
    stale = [p for p in others(data) if not crypto.sealed_with(p.read_bytes(), new)]
    assert len(stale) == 4 and unfinished_job(data) == "passphrase"
    capsys.readouterr()

    terminal.type(NEW, OLD)  # the plan's passphrase, then the previous one
    assert run(data, "export", "--format", "json") == 0
    err = capsys.readouterr().err
    assert "left 4 older files of your plan sealed with your previous passphrase" in err
    assert "3 backups and 1 version sealed with your passphrase now" in err
    assert all_sealed_with(data, new) and not marker_path(data).exists()
    for backup in list_backups(data):
        PlanStore(backup, new).load()  # each opens with the new passphrase alone


def test_passphrase_run_again_finishes_and_asks_no_new_one(
    data: Path, terminal: Terminal, capsys: pytest.CaptureFixture[str]
) -> None:
    terminal.type(OLD, OLD)
    assert run(data, "encrypt") == 0
    kill_during("passphrase", data, 1, OLD, NEW, NEW)
    terminal.prompts.clear()
    terminal.type(NEW, OLD)
    assert run(data, "passphrase") == 0
    out = capsys.readouterr().out
    assert "Sealed with it now: 4 backups and 1 version." in out
    assert "passphrase change is finished" in out
    assert terminal.prompts == [
        cli_encryption.CURRENT_PROMPT,
        "Previous passphrase (Enter alone: later): ",
    ]
    assert all_sealed_with(data, key_of(data, NEW)) and not marker_path(data).exists()


def test_the_previous_passphrase_can_wait_and_is_asked_again(
    data: Path, terminal: Terminal, capsys: pytest.CaptureFixture[str]
) -> None:
    terminal.type(OLD, OLD)
    assert run(data, "encrypt") == 0
    kill_during("passphrase", data, 2, OLD, NEW, NEW)
    capsys.readouterr()
    terminal.type(NEW, "")  # Enter alone: later
    assert run(data, "export", "--format", "md") == 0
    err = capsys.readouterr().err
    assert "4 older files of your plan are not sealed with your current passphrase yet" in err
    assert unfinished_job(data) == "passphrase"
    terminal.type(NEW, OLD)
    assert run(data, "export", "--format", "md") == 0
    assert all_sealed_with(data, key_of(data, NEW)) and not marker_path(data).exists()


def test_a_kill_during_decrypt_is_named_and_decrypt_again_finishes(
    data: Path, terminal: Terminal, capsys: pytest.CaptureFixture[str]
) -> None:
    terminal.type(OLD, OLD)
    assert run(data, "encrypt") == 0
    kill_during("decrypt", data, 2, OLD)
    capsys.readouterr()
    assert run(data, "export", "--format", "md") == 0
    assert "run `recovery-tui decrypt` again to finish" in capsys.readouterr().err
    terminal.type(OLD)
    assert run(data, "decrypt") == 0
    assert not any(crypto.is_encrypted(p.read_bytes()) for p in [data, *others(data)])
    assert not marker_path(data).exists()


def test_crisis_card_temp_files_are_removed_at_start_and_by_decrypt(
    data: Path, terminal: Terminal
) -> None:
    left = data.with_name(".crisis-card.txt.k1ll3d.tmp")  # a card write killed midway
    left.write_text("Alex: 555-0100")
    store = PlanStore(data)
    store.open()
    store.close()
    assert not left.exists()
    terminal.type(OLD, OLD)
    assert run(data, "encrypt", "--crisis-card") == 0
    left.write_text("Alex: 555-0100")
    terminal.type(OLD)
    assert run(data, "decrypt") == 0
    assert not left.exists() and not data.with_name("crisis-card.txt").exists()
