"""Encryption at rest, end to end: ``recovery-tui encrypt`` / ``decrypt`` / ``passphrase``,
every command on an encrypted plan, wrong passphrases, damage, no terminal, the crisis card,
SIGKILL during an encrypted save, and the unlock and save times of a 10-year plan.

Real files in ``tmp_path``. Commands run in-process through ``cli.main`` with a scripted
terminal (``getpass.getpass`` replaced, and a terminal said to be there); the no-terminal
cases also run in a child process with no controlling terminal at all. Most tests use cheap
scrypt settings (``encryption.SCRYPT_PARAMS``) so they run fast; the timing test uses the
real ones.
"""

from __future__ import annotations

import dataclasses
import getpass
import hashlib
import importlib.util
import io
import json
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from conftest import screen_text
from plans import EXAMPLE_FILE, example_plan

from recovery_tui import cli, cli_encryption, crypto, encryption, plan_file, versions
from recovery_tui.crisis_card import CARD_NAME, card_path
from recovery_tui.crypto import MAGIC, ScryptParams
from recovery_tui.exchange import loads_plan
from recovery_tui.model import CheckIn, Contact, Goal, Plan, WarningSign
from recovery_tui.storage import LockedError, PlanStore, list_backups
from recovery_tui.versions import VersionError, list_versions, load_version

SECRET = "Zebra marmalade 4471"  # a goal title that must never be on disk in plain text
COPING = "Box breathing"  # in the example plan: not for the crisis card
PASS = "correct horse battery"
FAST = ScryptParams(n=2**10)
ROOT = Path(__file__).resolve().parents[1]


# --- a scripted terminal ------------------------------------------------------------------


class Terminal:
    """Answers getpass prompts in order and records them; out of answers is Ctrl+D."""

    def __init__(self) -> None:
        self.answers: list[str] = []
        self.prompts: list[str] = []

    def type(self, *answers: str) -> Terminal:
        self.answers.extend(answers)
        return self

    def getpass(self, prompt: str = "Password: ", stream: object = None) -> str:
        self.prompts.append(prompt)
        if not self.answers:
            raise EOFError
        return self.answers.pop(0)


@pytest.fixture(autouse=True)
def fast_scrypt(monkeypatch: pytest.MonkeyPatch) -> None:
    """New passphrases use cheap scrypt settings (stored in each file, so they still open)."""
    monkeypatch.setattr(encryption, "SCRYPT_PARAMS", FAST)


@pytest.fixture
def terminal(monkeypatch: pytest.MonkeyPatch) -> Terminal:
    term = Terminal()
    monkeypatch.setattr(cli_encryption, "has_terminal", lambda: True)
    monkeypatch.setattr(getpass, "getpass", term.getpass)
    return term


@pytest.fixture
def no_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    def never(prompt: str = "", stream: object = None) -> str:
        raise AssertionError("getpass must not be called without a terminal (it would echo)")

    monkeypatch.setattr(cli_encryption, "has_terminal", lambda: False)
    monkeypatch.setattr(getpass, "getpass", never)


# --- helpers ------------------------------------------------------------------------------


def seed(data: Path) -> Plan:
    """A plain plan with SECRET in it, two backups and two versions."""
    first = example_plan()
    plan = first.with_goal(Goal(id="g-secret", title=SECRET))
    store = PlanStore(data)
    try:
        store.open()
        store.save(first)  # its new review keeps a version
        store.save(plan)
        store.keep_version(plan, "manual")
        checkin = CheckIn(date=date(2026, 11, 20), mood=4, craving=1)
        plan = plan.with_list("checkins", (*plan.checkins, checkin))
        store.save(plan)
    finally:
        store.close()
    assert len(list_backups(data)) == 2 and len(list_versions(data)) == 2
    return plan


def encrypt(data: Path, terminal: Terminal, *args: str) -> None:
    terminal.type(PASS, PASS)
    assert cli.main(["encrypt", "--data", str(data), *args]) == 0
    assert terminal.answers == []


def files_of(data: Path) -> list[Path]:
    return sorted(p for p in data.parent.rglob("*") if p.is_file())


def digests(data: Path) -> dict[Path, str]:
    return {p: hashlib.sha256(p.read_bytes()).hexdigest() for p in files_of(data)}


def assert_all_sealed(data: Path, card: bool = False) -> None:
    """Every file of the plan is an envelope without SECRET; only the card is plain."""
    names = set()
    for path in files_of(data):
        raw = path.read_bytes()
        names.add(path.name)
        assert SECRET.encode() not in raw, path
        assert not path.name.endswith(".tmp"), path
        if path.name == f"{data.name}.lock":
            assert raw == b""
        elif path.name == CARD_NAME:
            assert card, "a crisis card nobody asked for"
            assert COPING not in raw.decode()
        else:
            assert raw.startswith(MAGIC), path
    assert (CARD_NAME in names) is card


def key_of(data: Path, passphrase: str = PASS) -> crypto.Key:
    return crypto.unlock(data.read_bytes(), passphrase)[1]


def load(data: Path, passphrase: str | None = PASS) -> Plan:
    return PlanStore(data, key_of(data, passphrase) if passphrase else None).load()


def run(data: Path, *args: str) -> int:
    return cli.main([*args, "--data", str(data)])


@pytest.fixture
def sealed(data_file: Path, terminal: Terminal) -> Plan:
    """An encrypted plan (SECRET in it, backups and versions), the scripted terminal empty."""
    plan = seed(data_file)
    encrypt(data_file, terminal)
    terminal.prompts.clear()
    return plan


# --- encrypt, then every command with the passphrase ---------------------------------------


def test_encrypt_seals_the_plan_every_backup_and_version(
    data_file: Path, terminal: Terminal, capsys: pytest.CaptureFixture[str]
) -> None:
    plan = seed(data_file)
    assert any(SECRET.encode() in p.read_bytes() for p in files_of(data_file))
    encrypt(data_file, terminal)
    assert terminal.prompts == ["New passphrase: ", "Type it again: "]
    out = capsys.readouterr().out
    assert "Your plan is encrypted: the plan file, 2 backups and 2 versions." in out
    assert "recovery-tui encrypt --crisis-card" in out
    assert_all_sealed(data_file)
    salts = {
        crypto._open_envelope(p.read_bytes()).salt for p in files_of(data_file) if p.stat().st_size
    }
    assert len(salts) == 1, "one salt (one key) for every file of the plan"
    assert load(data_file) == plan
    assert [load_version(v, key_of(data_file)).goals for v in list_versions(data_file)][-1] == (
        plan.goals
    )


def test_encrypt_hands_only_ciphertext_to_the_disk(
    data_file: Path, terminal: Terminal, monkeypatch: pytest.MonkeyPatch
) -> None:
    seed(data_file)
    payloads: list[bytes] = []
    real = encryption.write_atomically

    def spy(path: Path, payload: bytes, **kwargs: object) -> None:
        payloads.append(payload)
        real(path, payload, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(encryption, "write_atomically", spy)
    monkeypatch.setattr(plan_file, "write_atomically", spy)  # the plan file's own writes
    monkeypatch.setattr(versions, "write_atomically", spy)
    encrypt(data_file, terminal)
    assert len(payloads) == 5 and all(p.startswith(MAGIC) for p in payloads)
    payloads.clear()
    store = PlanStore(data_file, key_of(data_file))
    plan = store.open()
    store.save(plan.with_goal(Goal(id="g2", title="Another")))
    store.keep_version(plan, "manual")
    store.close()
    assert len(payloads) == 2 and all(p.startswith(MAGIC) for p in payloads)


def test_every_command_opens_the_encrypted_plan_with_its_passphrase(
    data_file: Path, sealed: Plan, terminal: Terminal, tmp_path: Path,
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    out = tmp_path / "export.json"
    terminal.type(PASS)
    assert run(data_file, "export", "-o", str(out)) == 0
    assert loads_plan(out.read_bytes()) == sealed  # an export is plain: the person asked
    assert terminal.prompts == ["Passphrase for your plan: "]

    terminal.type(PASS)
    assert run(data_file, "diff", "1") == 0
    assert "Goals" in capsys.readouterr().out  # SECRET's goal came after version 1

    assert run(data_file, "history") == 0  # names and dates only: no passphrase
    assert len(terminal.prompts) == 2

    terminal.type(PASS)
    monkeypatch.setattr(sys, "stdin", io.StringIO("4\n2\nn\n\n\n\n\n\n"))
    assert run(data_file, "review", "--plain") == 0
    assert "Saved · " in capsys.readouterr().out
    assert load(data_file).checkins[-1].mood == 4

    terminal.type(PASS)
    assert run(data_file, "import", str(EXAMPLE_FILE), "--replace") == 0
    assert load(data_file) == example_plan()
    assert [v.why for v in list_versions(data_file)][-1] == "import"
    assert_all_sealed(data_file)
    assert terminal.answers == []


def test_crisis_prints_the_national_lines_before_asking_then_the_whole_sheet(
    data_file: Path, sealed: Plan, terminal: Terminal, capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    said_before_asking: list[str] = []

    def getpass_after_lines(prompt: str = "", stream: object = None) -> str:
        said_before_asking.append(capsys.readouterr().out)
        return terminal.getpass(prompt)

    terminal.type(PASS)
    monkeypatch.setattr(getpass, "getpass", getpass_after_lines)
    assert run(data_file, "crisis") == 0
    assert "988 Suicide & Crisis Lifeline" in said_before_asking[0]
    assert "Your plan is encrypted" in said_before_asking[0]
    assert "Alex" not in said_before_asking[0]
    assert terminal.prompts == [cli.SKIP_PROMPT]
    rest = capsys.readouterr().out
    assert "555-0100 · \u2068Alex\u2069" in rest and COPING in rest

    monkeypatch.setattr(getpass, "getpass", terminal.getpass)
    for skip in ([""], []):  # Enter alone, or Ctrl+D: what is shown is all, still status 0
        terminal.type(*skip)
        assert run(data_file, "crisis") == 0
        out, err = capsys.readouterr()
        assert "988 Suicide & Crisis Lifeline" in out and "Alex" not in out
        assert "Traceback" not in err


async def test_the_app_opens_and_saves_an_encrypted_plan(
    data_file: Path, sealed: Plan, terminal: Terminal
) -> None:
    from recovery_tui.app import RecoveryApp

    terminal.type(PASS)
    store = cli.open_store(data_file)
    try:
        app = RecoveryApp(store)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.press("2")
            await pilot.pause()
            assert SECRET in screen_text(app)
            app.save_plan(app.plan.with_goal(Goal(id="g-new", title="Walk at lunch")))
            await pilot.pause()
            app.action_keep_version()
            app.action_history()  # its screen opens sealed versions with the plan's key
            await pilot.pause()
            shown = " ".join(app.screen.query_one("#history-diff").render().plain.split())
            assert "Nothing in the plan has changed since version 3" in shown
    finally:
        store.close()
    assert_all_sealed(data_file)
    assert load(data_file).goals[-1].title == "Walk at lunch"
    assert len(list_backups(data_file)) == 3


def test_a_store_without_the_key_is_locked_and_changes_nothing(
    data_file: Path, sealed: Plan
) -> None:
    before = digests(data_file)
    store = PlanStore(data_file)
    with pytest.raises(LockedError, match="is encrypted: it needs its passphrase to open"):
        store.open()
    store.close()
    assert digests(data_file) == before


def test_versions_of_an_encrypted_plan_are_sealed_and_open_where_it_is_open(
    data_file: Path, sealed: Plan
) -> None:
    store = PlanStore(data_file, key_of(data_file))
    store.open()
    store.keep_version(sealed, "manual")
    newest = list_versions(data_file)[-1]
    assert newest.path.read_bytes().startswith(MAGIC)
    assert load_version(newest).goals == sealed.goals  # as the app's history screen calls it
    store.close()  # forgets the key
    with pytest.raises(VersionError, match="is encrypted, and your plan is not unlocked"):
        load_version(newest)


# --- wrong passphrase, damage, no terminal ------------------------------------------------


@pytest.mark.parametrize("command", [[], ["export"], ["review"], ["review", "--plain"],
                                     ["import", str(EXAMPLE_FILE), "--replace"], ["decrypt"],
                                     ["passphrase"], ["diff", "1"]])  # fmt: skip
def test_a_wrong_passphrase_says_so_and_leaves_every_file_untouched(
    data_file: Path, sealed: Plan, terminal: Terminal, command: list[str],
    capsys: pytest.CaptureFixture[str],
) -> None:  # fmt: skip
    before = digests(data_file)
    terminal.type("wrong", "Wrong", "correct horse")
    assert run(data_file, *command) == 1
    err = capsys.readouterr().err
    assert err.count(crypto.WRONG_PASSPHRASE) == 3
    assert "After 3 tries, recovery-tui stopped asking." in err
    assert f"Your plan ({data_file}) was left exactly as it is." in err
    assert "Traceback" not in err
    assert digests(data_file) == before


def flip(path: Path, offset: int) -> None:
    raw = bytearray(path.read_bytes())
    raw[offset] ^= 0x01
    path.write_bytes(bytes(raw))


@pytest.mark.parametrize("where", ["header", "ciphertext", "tag"])
@pytest.mark.parametrize("command", [[], ["export"], ["review", "--plain"], ["decrypt"]])
def test_a_flipped_byte_is_damage_naming_the_newest_backup(
    data_file: Path, sealed: Plan, terminal: Terminal, where: str, command: list[str],
    capsys: pytest.CaptureFixture[str],
) -> None:  # fmt: skip
    size = data_file.stat().st_size
    flip(data_file, {"header": 40, "ciphertext": size // 2, "tag": size - 1}[where])
    before = digests(data_file)
    terminal.type(PASS)
    assert run(data_file, *command) == 1
    err = capsys.readouterr().err
    assert "the file is damaged" in err
    assert f"  {list_backups(data_file)[-1]}" in err and "The newest backup is:" in err
    assert "Traceback" not in err
    assert digests(data_file) == before
    # header damage is found before anyone is asked; the rest needs the key to be found
    assert terminal.prompts == ([] if where == "header" else ["Passphrase for your plan: "])
    assert load_backup(list_backups(data_file)[-1]) is not None  # and the backup does open


def load_backup(backup: Path) -> Plan:
    return PlanStore(backup, key_of(backup)).load()


def test_crisis_with_a_damaged_plan_still_prints_the_lines(
    data_file: Path, sealed: Plan, terminal: Terminal, capsys: pytest.CaptureFixture[str]
) -> None:
    flip(data_file, 40)
    assert run(data_file, "crisis") == 0
    out, err = capsys.readouterr()
    assert "988 Suicide & Crisis Lifeline" in out
    assert "the file is damaged" in err and "Traceback" not in err


@pytest.mark.parametrize("command", [[], ["export"], ["review"], ["review", "--plain"],
                                     ["import", str(EXAMPLE_FILE), "--replace"], ["decrypt"],
                                     ["diff", "1"]])  # fmt: skip
def test_no_terminal_says_so_without_reading_stdin(
    data_file: Path, sealed: Plan, no_terminal: None, command: list[str],
    capsys: pytest.CaptureFixture[str],
) -> None:  # fmt: skip
    before = digests(data_file)
    assert run(data_file, *command) == 1
    err = capsys.readouterr().err
    assert f"Your plan ({data_file}) is encrypted: there is no terminal here" in err
    assert digests(data_file) == before


def test_no_terminal_crisis_still_prints_the_national_lines(
    data_file: Path, sealed: Plan, no_terminal: None, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(data_file, "crisis") == 0
    out, err = capsys.readouterr()
    assert "988 Suicide & Crisis Lifeline" in out and "Alex" not in out
    assert "no terminal here" in err


def child(*args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    """``python -m recovery_tui`` in a new session: no controlling terminal at all."""
    return subprocess.run(
        [sys.executable, "-m", "recovery_tui", *args], capture_output=True, text=True,
        input=stdin, timeout=60, start_new_session=True,
    )  # fmt: skip


def test_no_terminal_in_a_real_child_process(data_file: Path, sealed: Plan) -> None:
    before = digests(data_file)
    for args, stdin in ((["export"], ""), (["review", "--plain"], "4\n2\nn\n\n\n\n\n\n")):
        result = child(*args, "--data", str(data_file), stdin=stdin)
        assert result.returncode == 1, result.stderr
        assert "is encrypted: there is no terminal here" in result.stderr
        assert "echo" not in result.stderr.lower() and SECRET not in result.stdout
    crisis = child("crisis", "--data", str(data_file))
    assert crisis.returncode == 0 and "988" in crisis.stdout
    assert digests(data_file) == before


def test_commands_on_an_encrypted_plan_ask_before_textual_is_imported(
    data_file: Path, sealed: Plan
) -> None:
    for args in (["export"], ["encrypt"], ["decrypt"], ["passphrase"], []):
        code = (
            "import sys\n"
            "from recovery_tui.cli import main\n"
            f"code = main({[*args, '--data', str(data_file)]!r})\n"
            "print(code, 'textual' in sys.modules)\n"
        )
        result = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, timeout=60,
            start_new_session=True,
        )  # fmt: skip
        expected = "0 False" if args == ["encrypt"] else "1 False"
        assert result.stdout.strip().splitlines()[-1] == expected, (args, result.stderr)


def test_help_names_the_commands_and_says_exports_are_plain(
    capsys: pytest.CaptureFixture[str],
) -> None:
    with pytest.raises(SystemExit):
        cli.main(["--help"])
    out = capsys.readouterr().out
    for word in ("encrypt", "decrypt", "passphrase", "unencrypted, also from an encrypted plan"):
        assert word in " ".join(out.split())


# --- encrypt / decrypt / passphrase: the commands themselves --------------------------------


def test_encrypt_refuses_while_the_app_has_the_plan_open(
    data_file: Path, terminal: Terminal, capsys: pytest.CaptureFixture[str]
) -> None:
    seed(data_file)
    before = digests(data_file)
    app = PlanStore(data_file)
    app.open()
    try:
        assert run(data_file, "encrypt") == 1
    finally:
        app.close()
    assert "is open in recovery-tui right now" in capsys.readouterr().err
    assert terminal.prompts == [], "asked for a passphrase only to refuse"
    assert digests(data_file) == before


def test_encrypt_twice_says_so(
    data_file: Path, sealed: Plan, terminal: Terminal, capsys: pytest.CaptureFixture[str]
) -> None:
    before = digests(data_file)
    assert run(data_file, "encrypt") == 0
    assert "Your plan is already encrypted." in capsys.readouterr().out
    assert terminal.prompts == [] and digests(data_file) == before


def test_encrypt_with_mismatched_or_no_passphrase_changes_nothing(
    data_file: Path, terminal: Terminal, capsys: pytest.CaptureFixture[str]
) -> None:
    seed(data_file)
    before = digests(data_file)
    terminal.type("first one", "second one", "first one", "third one", "", "")
    assert run(data_file, "encrypt") == 1
    err = capsys.readouterr().err
    assert err.count("The two passphrases were not the same.") == 2
    assert "No passphrase was given. Your plan was not encrypted." in err
    assert digests(data_file) == before


def test_encrypt_before_there_is_a_plan_starts_it_encrypted(
    data_file: Path, terminal: Terminal
) -> None:
    encrypt(data_file, terminal)
    assert data_file.read_bytes().startswith(MAGIC)
    assert load(data_file) == Plan()


def test_encrypt_again_finishes_what_a_crash_left_plain(
    data_file: Path, terminal: Terminal, capsys: pytest.CaptureFixture[str]
) -> None:
    plan = seed(data_file)
    key = crypto.Key.new(PASS, FAST)
    data_file.write_bytes(crypto.encrypt(data_file.read_bytes(), key))  # the plan file only
    terminal.type(PASS)
    assert run(data_file, "encrypt") == 0
    out = capsys.readouterr().out
    assert "Your plan is already encrypted, but 4 of its older files are not." in out
    assert "Encrypted now: 2 backups and 2 versions." in out
    assert_all_sealed(data_file)
    assert load(data_file) == plan


def test_decrypt_restores_plain_files_that_load_equal(
    data_file: Path, sealed: Plan, terminal: Terminal, capsys: pytest.CaptureFixture[str]
) -> None:
    plain_versions = [load_version(v, key_of(data_file)) for v in list_versions(data_file)]
    terminal.type(PASS)
    assert run(data_file, "decrypt") == 0
    out = capsys.readouterr().out
    assert "Plain text again: the plan file, 2 backups and 2 versions." in out
    for path in files_of(data_file):
        assert not path.read_bytes().startswith(MAGIC)
    assert load(data_file, None) == sealed
    assert [load_version(v) for v in list_versions(data_file)] == plain_versions
    for backup in list_backups(data_file):
        PlanStore(backup).load()
    store = PlanStore(data_file)  # saves are plain again
    store.save(dataclasses.replace(sealed, goals=()))
    store.close()
    assert data_file.read_bytes().startswith(b"{")


def test_change_the_passphrase(
    data_file: Path, sealed: Plan, terminal: Terminal, capsys: pytest.CaptureFixture[str]
) -> None:
    old_salt = key_of(data_file).salt
    terminal.type(PASS, "a new one", "a new one")
    assert run(data_file, "passphrase") == 0
    assert terminal.prompts == ["Current passphrase: ", "New passphrase: ", "Type it again: "]
    assert "Sealed with the new one: the plan file, 2 backups and 2 versions." in (
        capsys.readouterr().out
    )
    assert_all_sealed(data_file)
    with pytest.raises(crypto.WrongPassphrase):
        key_of(data_file)
    new = key_of(data_file, "a new one")
    assert new.salt != old_salt
    assert load(data_file, "a new one") == sealed
    for path in [*list_backups(data_file), *(v.path for v in list_versions(data_file))]:
        crypto.decrypt(path.read_bytes(), new)


# --- the crisis card ----------------------------------------------------------------------


def test_the_crisis_card_shows_without_the_passphrase_and_holds_only_crisis_things(
    data_file: Path, terminal: Terminal, capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    seed(data_file)
    encrypt(data_file, terminal, "--crisis-card")
    card = card_path(data_file)
    assert card.stat().st_mode & 0o777 == 0o600
    text = card.read_text()
    assert "555-0100 · \u2068Alex\u2069" in text and "Skipping meetings" in text
    assert "My clinic after hours" in text and "988 Suicide" in text
    assert SECRET not in text and COPING not in text and "Sam" not in text
    assert_all_sealed(data_file, card=True)
    capsys.readouterr()

    monkeypatch.setattr(cli_encryption, "has_terminal", lambda: False)
    assert run(data_file, "crisis") == 0
    assert capsys.readouterr().out == text
    assert len(terminal.prompts) == 2  # the new passphrase, twice; none for the card


def test_the_crisis_card_stays_current_and_decrypt_removes_it(
    data_file: Path, sealed: Plan, terminal: Terminal, capsys: pytest.CaptureFixture[str]
) -> None:
    terminal.type(PASS)
    assert run(data_file, "encrypt", "--crisis-card") == 0
    store = PlanStore(data_file, key_of(data_file))
    plan = store.open()
    robin = Contact(id="p9", name="Robin", phone="555-0177", crisis=True)
    plan = plan.with_item("contacts", robin)
    store.save(plan)
    store.save(plan.with_item("warning_signs", WarningSign(id="w9", sign="Not sleeping")))
    store.close()
    text = card_path(data_file).read_text()
    assert "555-0177 · \u2068Robin\u2069" in text and "Not sleeping" in text
    terminal.type(PASS)
    assert run(data_file, "decrypt") == 0
    assert not card_path(data_file).exists()
    assert "The crisis card is removed" in capsys.readouterr().out


# --- crashes and speed --------------------------------------------------------------------

KILL_CHILD = r"""
import os, signal, sys
from pathlib import Path
from recovery_tui import crypto
from recovery_tui.model import Goal
from recovery_tui.storage import PlanStore

point, data, passphrase = sys.argv[1:4]
folder = os.path.dirname(data)
temp_prefix = "." + os.path.basename(data) + "."

def die():
    os.kill(os.getpid(), signal.SIGKILL)

def is_plan_temp(fd):
    name = os.readlink(f"/proc/self/fd/{fd}")
    return os.path.dirname(name) == folder and os.path.basename(name).startswith(temp_prefix)

real = {name: getattr(os, name) for name in ("fdopen", "fsync", "link", "replace")}

class HalfThenDie:
    def __init__(self, fd):
        self.fd = fd
    def write(self, data):
        os.write(self.fd, bytes(data[: len(data) // 2]))
        real["fsync"](self.fd)
        die()
    def __enter__(self):
        return self
    def __exit__(self, *exc):
        os.close(self.fd)

def fdopen(fd, how="r", *args, **kwargs):
    if how == "wb" and point == "temp-half-written" and is_plan_temp(fd):
        return HalfThenDie(fd)
    return real["fdopen"](fd, how, *args, **kwargs)

def fsync(fd):
    plan_temp = is_plan_temp(fd)
    real["fsync"](fd)
    if point == "temp-synced" and plan_temp:
        die()

def link(src, dst, *args, **kwargs):
    real["link"](src, dst, *args, **kwargs)
    if point == "backup-linked" and os.fspath(src) == data:
        die()

def replace(src, dst, *args, **kwargs):
    real["replace"](src, dst, *args, **kwargs)
    if point == "replaced" and os.fspath(dst) == data:
        die()

_, key = crypto.unlock(Path(data).read_bytes(), passphrase)
store = PlanStore(Path(data), key)
plan = store.open()
os.fdopen, os.fsync, os.link, os.replace = fdopen, fsync, link, replace
store.save(plan.with_goal(Goal(id="g-killed", title="Saved as it was killed")))
print("NOT KILLED", flush=True)
"""


@pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="needs /proc (Linux)")
@pytest.mark.parametrize("point", ["temp-half-written", "temp-synced", "backup-linked", "replaced"])
def test_sigkill_during_an_encrypted_save_leaves_a_readable_encrypted_file(
    data_file: Path, sealed: Plan, point: str
) -> None:
    result = subprocess.run(
        [sys.executable, "-c", KILL_CHILD, point, str(data_file), PASS],
        capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert result.returncode == -signal.SIGKILL, (result.stdout, result.stderr)
    for path in files_of(data_file):  # before any clean-up: a half temp is half ciphertext
        assert SECRET.encode() not in path.read_bytes(), path
    assert data_file.read_bytes().startswith(MAGIC)
    store = PlanStore(data_file, key_of(data_file))
    plan = store.open()  # removes the killed save's temp file
    store.close()
    new = sealed.with_goal(Goal(id="g-killed", title="Saved as it was killed"))
    assert plan == (new if point == "replaced" else sealed)
    assert_all_sealed(data_file)
    for backup in list_backups(data_file):
        load_backup(backup)


def generated_plan(years: int) -> bytes:
    spec = importlib.util.spec_from_file_location("generate", ROOT / "benchmarks" / "generate.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return json.dumps(module.generate(years, today=date(2026, 11, 26))).encode()


@pytest.fixture
def timing(capsys: pytest.CaptureFixture[str]) -> Iterator[list[str]]:
    lines: list[str] = []
    yield lines
    with capsys.disabled():
        print("\n" + "\n".join(lines))


def test_unlock_and_save_times_of_a_10_year_plan(
    data_file: Path, tmp_path: Path, terminal: Terminal, timing: list[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    monkeypatch.setattr(encryption, "SCRYPT_PARAMS", crypto.DEFAULT_PARAMS)
    source = tmp_path / "plan-10y.json"
    source.write_bytes(generated_plan(10))
    plain = tmp_path / "plain" / "plan.json"
    for data in (data_file, plain):
        assert run(data, "import", str(source)) == 0
    encrypt(data_file, terminal)
    size = data_file.stat().st_size

    def best(times: list[float]) -> str:
        median = sorted(times)[len(times) // 2]
        return f"best {min(times) * 1000:.1f} ms, median {median * 1000:.1f} ms"

    unlock, scrypt, opened = [], [], []
    for _ in range(3):
        terminal.type(PASS)
        start = time.perf_counter()
        store = cli.open_store(data_file)  # scrypt once, authenticate the whole file
        unlocked = time.perf_counter()
        plan = store.open()
        unlock.append(time.perf_counter() - start)
        opened.append(time.perf_counter() - unlocked)
        store.close()
        envelope = crypto._open_envelope(data_file.read_bytes())
        start = time.perf_counter()
        crypto.Key.derive(PASS, envelope.salt, envelope.params)
        scrypt.append(time.perf_counter() - start)
    plain_open = []
    for _ in range(3):
        start = time.perf_counter()
        store = PlanStore(plain)
        store.open()
        plain_open.append(time.perf_counter() - start)
        store.close()

    def saves(data: Path, key: crypto.Key | None) -> list[float]:
        store = PlanStore(data, key)
        plan = store.open()
        took = []
        for day in range(10):
            checkin = CheckIn(date=date(2026, 12, 1 + day), mood=3, craving=0)
            plan = plan.with_list("checkins", (*plan.checkins, checkin))
            start = time.perf_counter()
            store.save(plan)
            took.append(time.perf_counter() - start)
        store.close()
        return took

    sealed_saves = saves(data_file, key_of(data_file))
    plain_saves = saves(plain, None)
    assert (
        data_file.read_bytes().startswith(MAGIC)
        and len(load(data_file).checkins) == len(plan.checkins) + 10
    )
    timing += [
        f"10-year plan: {len(plan.checkins)} check-ins, {size / 1e6:.2f} MB encrypted",
        f"  unlock (passphrase to plan, scrypt: 2 lanes of n=2**16): {best(unlock)}",
        f"    of which scrypt: {best(scrypt)}; opening with the key: {best(opened)}",
        f"  plain open for comparison: {best(plain_open)}",
        f"  save of a check-in, encrypted: {best(sealed_saves)}",
        f"  save of a check-in, plain:     {best(plain_saves)}",
    ]
