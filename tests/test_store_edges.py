"""The store at its edges: links, odd files, terminal control in messages, folders others can
write. Real files in ``tmp_path``; every command that could hang runs in a real process with
a timeout, and no test opens a named pipe itself.

Tests run as root here: "another user" is uid 65534 (``os.chown``), and the checks that need
a user without root's powers run a child under ``setpriv`` as that user.
"""

from __future__ import annotations

import dataclasses
import json
import os
import re
import shutil
import stat
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from test_storage_processes import Child

from recovery_tui import backups
from recovery_tui.backups import BACKUPS_KEPT, backup_entries, list_backups
from recovery_tui.cli import main
from recovery_tui.model import Contact, Goal, Plan, Profile
from recovery_tui.storage import PlanFileError, PlanStore, StoreError
from recovery_tui.store_guard import LIMIT

TIMEOUT = 20.0  # seconds for one child process; a hang fails the test instead of stalling it
NATIONAL = "988 Suicide & Crisis Lifeline"
NOBODY = 65534
IS_ROOT = os.geteuid() == 0
needs_root = pytest.mark.skipif(not IS_ROOT, reason="making another user's files needs root")


# --- helpers ------------------------------------------------------------------------------


def mode(path: Path) -> int:
    return stat.S_IMODE(os.lstat(path).st_mode)


@contextmanager
def opened(path: Path) -> Iterator[tuple[PlanStore, Plan]]:
    store = PlanStore(path)
    try:
        yield store, store.open()
    finally:
        store.close()


def save(path: Path, plan: Plan) -> None:
    with opened(path) as (store, _):
        store.save(plan)


def a_plan(name: str = "Sam") -> Plan:
    return Plan(
        profile=Profile(name=name),
        goals=(Goal(id="g1", title="Walk daily"),),
        contacts=(Contact(id="c1", name="Alex", phone="555-0100", crisis=True),),
    )


def snapshot(folder: Path) -> dict[str, tuple[int, bytes | str]]:
    """Every entry under ``folder``: its mode and bytes (a link: its target)."""
    found: dict[str, tuple[int, bytes | str]] = {}
    for path in sorted(folder.rglob("*")):
        info = os.lstat(path)
        if stat.S_ISLNK(info.st_mode):
            found[str(path.relative_to(folder))] = (info.st_mode, os.readlink(path))
        elif stat.S_ISREG(info.st_mode):
            found[str(path.relative_to(folder))] = (info.st_mode, path.read_bytes())
        else:
            found[str(path.relative_to(folder))] = (info.st_mode, "")
    return found


def start(args: list[str], home: Path) -> subprocess.Popen[str]:
    """``python -m recovery_tui ARGS`` with no terminal, settings and data under ``home``."""
    env = {**os.environ, "TERM": "dumb", "HOME": str(home), "XDG_CONFIG_HOME": str(home / "cfg"),
           "XDG_DATA_HOME": str(home / "share")}  # fmt: skip
    env.pop("RECOVERY_TUI_DATA", None)
    return subprocess.Popen(
        [sys.executable, "-m", "recovery_tui", *args],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        start_new_session=True,  # no controlling terminal: nothing can wait on a passphrase
    )


@dataclasses.dataclass
class Ran:
    args: list[str]
    code: int | None  # None: it had to be killed (it hung)
    out: str
    err: str


def run_all(commands: list[list[str]], home: Path) -> list[Ran]:
    """Run the commands at once, each killed if it outlives TIMEOUT."""
    procs = [(args, start(args, home)) for args in commands]
    deadline = time.monotonic() + TIMEOUT
    ran = []
    for args, proc in procs:
        try:
            out, err = proc.communicate(timeout=max(deadline - time.monotonic(), 0.1))
            ran.append(Ran(args, proc.returncode, out, err))
        except subprocess.TimeoutExpired:
            proc.kill()
            out, err = proc.communicate()
            ran.append(Ran(args, None, out, err))
    return ran


# --- 1. links: nothing outside the data folder is ever changed --------------------------------


def test_a_plan_file_that_is_a_link_is_refused_and_its_target_left_alone(tmp_path: Path) -> None:
    """Reading through a link once chmodded its target (a copy of /etc/passwd here) to 0600,
    and a save replaced the link with a plain file."""
    elsewhere = tmp_path / "etc"
    elsewhere.mkdir()
    target = elsewhere / "passwd"
    target.write_text("root:x:0:0:root:/root:/bin/bash\n")
    target.chmod(0o644)
    data = tmp_path / "data"
    data.mkdir()
    link = data / "plan.json"
    link.symlink_to(target)
    before = snapshot(tmp_path)
    with pytest.raises(StoreError) as caught, opened(link):
        pass
    message = str(caught.value)
    assert "symbolic link" in message and str(target) in message
    assert f"--data {target}" in message
    assert snapshot(tmp_path) == before, "nothing, the target's mode included, may change"


def test_a_link_to_a_real_plan_is_refused_the_same_and_stays_a_link(tmp_path: Path) -> None:
    real = tmp_path / "sync" / "plan.json"
    save(real, a_plan())
    link = tmp_path / "data" / "plan.json"
    link.parent.mkdir()
    link.symlink_to(real)
    before = snapshot(tmp_path)
    with pytest.raises(StoreError, match="symbolic link"), opened(link):
        pass
    with pytest.raises(StoreError, match="symbolic link"):
        PlanStore(link).load()  # crisis and export read without the lock: refused too
    assert snapshot(tmp_path) == before and link.is_symlink()
    assert PlanStore(real).load() == a_plan(), "the file itself opens as ever"


def test_a_linked_data_folder_is_the_plans_folder(tmp_path: Path) -> None:
    """A whole folder behind a link is fine: everything stays in the folder it points to."""
    real = tmp_path / "real"
    real.mkdir(mode=0o700)
    (tmp_path / "data").symlink_to(real)
    path = tmp_path / "data" / "plan.json"
    save(path, a_plan())
    save(path, a_plan("Robin"))
    assert PlanStore(path).load() == a_plan("Robin")
    assert (tmp_path / "data").is_symlink() and (real / "plan.json").is_file()
    assert sorted(p.name for p in real.iterdir()) == ["backups", "plan.json", "plan.json.lock"]


def test_a_file_that_is_not_a_plan_is_never_tightened_nor_locked(tmp_path: Path) -> None:
    """``--data /etc/passwd`` (a copy): refused as unreadable, its mode kept, nothing made."""
    folder = tmp_path / "etc"
    folder.mkdir()
    passwd = folder / "passwd"
    passwd.write_text("root:x:0:0:root:/root:/bin/bash\n")
    passwd.chmod(0o644)
    (folder / "hosts").write_text("127.0.0.1 localhost\n")
    folder.chmod(0o755)
    before = snapshot(tmp_path)
    with pytest.raises(PlanFileError), opened(passwd):
        pass
    assert snapshot(tmp_path) == before
    assert mode(passwd) == 0o644 and mode(folder) == 0o755


def test_a_side_file_that_is_a_link_is_never_followed_by_a_chmod(tmp_path: Path) -> None:
    path = tmp_path / "data" / "plan.json"
    save(path, a_plan())
    outside = tmp_path / "outside.txt"
    outside.write_text("someone else's")
    outside.chmod(0o644)
    path.with_name("crisis-card.txt").symlink_to(outside)
    with opened(path) as (store, plan):
        assert plan == a_plan()
        assert store.read_only and "link" in store.read_only_reason
    assert mode(outside) == 0o644 and outside.read_text() == "someone else's"


# --- 2. odd files never hang or crash any command ------------------------------------------

COMMANDS = [
    ["crisis"],
    ["export", "--format", "md"],
    ["review", "--plain"],
    ["history"],
    ["diff", "1"],
    ["encrypt"],
    ["decrypt"],
    ["passphrase"],
    [],  # the app itself
]


def odd_plan_files(tmp_path: Path) -> dict[str, Path]:
    """A named pipe, a link to /dev/zero, /dev/zero itself and a file over the limit."""
    fifo = tmp_path / "fifo" / "plan.json"
    fifo.parent.mkdir()
    os.mkfifo(fifo, 0o600)
    zero = tmp_path / "zero" / "plan.json"
    zero.parent.mkdir()
    zero.symlink_to("/dev/zero")
    big = tmp_path / "big" / "plan.json"
    big.parent.mkdir()
    with big.open("wb") as file:  # sparse: no disk space used
        file.truncate(LIMIT + 1)
    return {"fifo": fifo, "link-to-dev-zero": zero, "dev-zero": Path("/dev/zero"), "big": big}


WORDS = {
    "fifo": "is a named pipe, not a plan file",
    "link-to-dev-zero": "is a symbolic link (to /dev/zero)",
    "dev-zero": "is a device, not a plan file",
    "big": "is larger than a plan file can be (64 MB; the limit is 64 MB)",
}


def test_odd_plan_files_are_refused_in_one_line_by_every_command(tmp_path: Path) -> None:
    files = odd_plan_files(tmp_path)
    commands = [[*args, "--data", str(path)] for path in files.values() for args in COMMANDS]
    by_file = [name for name in files for _ in COMMANDS]
    for name, ran in zip(by_file, run_all(commands, tmp_path), strict=True):
        said = ran.out + ran.err
        assert ran.code is not None, f"{ran.args} hung"
        assert "Traceback" not in said, (ran.args, said)
        if ran.args[0] == "crisis":
            assert ran.code == 0 and NATIONAL in ran.out, (ran.args, said)
            assert ran.out.index(NATIONAL) >= 0
        elif ran.args[0] not in ("history", "diff"):  # those list versions, never the file
            assert ran.code == 1, (ran.args, said)
            assert WORDS[name] in said, (ran.args, said)
    assert stat.S_ISFIFO(os.lstat(files["fifo"]).st_mode)
    assert os.readlink(files["link-to-dev-zero"]) == "/dev/zero"
    assert os.stat(files["big"]).st_size == LIMIT + 1
    for name in ("fifo", "link-to-dev-zero", "big"):  # nothing made beside them
        assert [p.name for p in files[name].parent.iterdir()] == ["plan.json"], name


def test_a_crisis_card_that_is_a_pipe_never_holds_up_crisis(tmp_path: Path) -> None:
    """An encrypted plan's card is read first; a pipe there is skipped, not waited on."""
    path = tmp_path / "data" / "plan.json"
    path.parent.mkdir(mode=0o700)
    path.write_bytes(b"RTUIENC1\n" + b"\x00" * 80)  # an encrypted plan (damaged: no matter)
    os.mkfifo(path.with_name("crisis-card.txt"), 0o600)
    [ran] = run_all([["crisis", "--data", str(path)]], tmp_path)
    assert ran.code == 0 and NATIONAL in ran.out, ran
    assert "Traceback" not in ran.err


SEAL_CHILD = r"""
import shutil
import sys
import tempfile
from pathlib import Path
from recovery_tui import crypto
from recovery_tui.encryption import seal_all
done = seal_all(Path(sys.argv[1]), crypto.Key.new("a long passphrase", crypto.ScryptParams(n=2**4)))
print(done.summary(), "|", "; ".join(f"{p.name}: {why}" for p, why in done.problems))
"""


def test_a_pipe_among_the_backups_is_named_not_waited_on_by_encrypt(tmp_path: Path) -> None:
    path = tmp_path / "data" / "plan.json"
    save(path, a_plan())
    save(path, a_plan("Robin"))
    os.mkfifo(path.parent / "backups" / "plan.00000099.20261126T120000000000Z.json", 0o600)
    child = subprocess.run([sys.executable, "-c", SEAL_CHILD, str(path)], capture_output=True,
                           text=True, timeout=TIMEOUT)  # fmt: skip
    assert child.returncode == 0, child.stderr
    pipe = "plan.00000099.20261126T120000000000Z.json"
    assert (
        child.stdout.strip()
        == f"the plan file and 1 backup | {pipe}: is a named pipe, not a plan file"
    )


# --- 3. messages never carry terminal control --------------------------------------------

OSC52 = "\x1b]52;c;ZXZpbA==\x07"  # writes "evil" to the clipboard
CLEAR = "\x1b[2J\x1b[H"
EVIL = f"x{OSC52}{CLEAR}\x9b31m\u202eevil"
CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
META = {"1": {"schema_version": 1}}
GOAL = {"id": "g1", "title": "Walk"}


def _file(**tables: object) -> bytes:
    return json.dumps({"meta": META, **tables}, ensure_ascii=False).encode()


EVIL_FILES = {
    "table-name": _file(**{EVIL: {}}),
    "goal-field": _file(goals={"1": {**GOAL, EVIL: 1}}),
    "profile-field": _file(profile={"1": {EVIL: 1}}),
    "focus-area-field": _file(focus_areas={"1": {"id": "f1", "name": "A", EVIL: 1}}),
    "contact-field": _file(contacts={"1": {"id": "c1", "name": "A", EVIL: "1"}}),
    "check-in-field": _file(checkins={"1": {"date": "2026-01-01", "mood": 3, EVIL: 1}}),
    "milestone-field": _file(goals={"1": {**GOAL, "milestones": [{"title": "m", EVIL: 1}]}}),
    "title-not-text": _file(goals={"1": {"id": "g1", "title": [EVIL]}}),
    "bad-date": _file(goals={"1": {**GOAL, "due": EVIL}}),
    "bad-choice": _file(goals={"1": {**GOAL, "status": EVIL}}),
    "bad-aim": _file(focus_areas={"1": {"id": "f1", "name": "A", "aim": EVIL}}),
    "mood-text": _file(checkins={"1": {"date": "2026-01-01", "mood": EVIL}}),
    "duplicate-key": b'{"meta":{"1":{"schema_version":1}},"%b":{},"%b":{}}'
    % (EVIL.encode(), EVIL.encode()),
    "duplicate-field": b'{"goals":{"1":{"id":"g1","title":"a","%b":1,"%b":2}}}'
    % (EVIL.encode(), EVIL.encode()),
    "raw-controls-in-a-name": b'{"goals":{"1":{"id":"g1","title":"a","\x1b]52;c;eA==\x07":1}}}',
    "schema-text": _file(meta={"1": {"schema_version": EVIL}}),
    "reviews-field": _file(reviews={"1": {"id": "r1", "date": "2026-01-01", EVIL: 1}}),
    "long-number": b'{"profile":{"1":{"review_every_days":' + b"9" * 5000 + b"}}}",
}


@pytest.mark.parametrize("name", EVIL_FILES)
def test_a_plan_file_with_terminal_control_gives_a_clean_message(
    tmp_path: Path, name: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "data" / "plan.json"
    path.parent.mkdir(mode=0o700)
    path.write_bytes(EVIL_FILES[name])
    with pytest.raises(StoreError) as caught, opened(path):
        pass
    assert not CONTROL.search(str(caught.value)), repr(str(caught.value))
    assert "set_int_max_str_digits" not in str(caught.value)
    for args in (["export"], ["review", "--plain"], [], ["crisis"]):
        main([*args, "--data", str(path)])
        shown = capsys.readouterr()
        assert not CONTROL.search(shown.out + shown.err), (args, repr(shown.err))


def test_a_5000_digit_number_is_named_in_the_apps_words(tmp_path: Path) -> None:
    path = tmp_path / "data" / "plan.json"
    path.parent.mkdir(mode=0o700)
    path.write_bytes(EVIL_FILES["long-number"])
    with pytest.raises(PlanFileError) as caught, opened(path):
        pass
    assert caught.value.problem == "it holds a number thousands of digits long, which no plan has"


# --- 4. a folder others can write is not trusted silently ----------------------------------


@needs_root
def test_a_plan_file_swapped_in_by_another_user_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "data" / "plan.json"
    save(path, a_plan())
    path.parent.chmod(0o777)  # a careless folder: someone else swapped the plan
    swapped = tmp_path / "mallory" / "plan.json"
    save(swapped, a_plan("Mallory"))
    os.chown(swapped, NOBODY, NOBODY)
    os.replace(swapped, path)
    before = snapshot(tmp_path)
    with pytest.raises(StoreError) as caught, opened(path):
        pass
    assert "belongs to another user (uid 65534)" in str(caught.value)
    with pytest.raises(StoreError, match="another user"):
        PlanStore(path).load()  # crisis and export too
    assert snapshot(tmp_path) == before


@needs_root
def test_a_shared_folder_others_can_write_opens_read_only_and_says_why(tmp_path: Path) -> None:
    path = tmp_path / "shared" / "plan.json"
    save(path, a_plan())
    (path.parent / "notes.txt").write_text("other things live here")
    path.parent.chmod(0o775)
    with opened(path) as (store, plan):
        assert plan == a_plan()
        assert store.read_only
        assert "can be written by other users" in store.read_only_reason
        assert f"chmod 700 {path.parent}" in store.read_only_reason
        with pytest.raises(StoreError, match="can be written by other users"):
            store.save(a_plan("Robin"))
    assert mode(path.parent) == 0o775, "a folder with other things in it is left as it is"


@needs_root
def test_a_folder_of_only_the_plans_files_is_made_private(tmp_path: Path) -> None:
    path = tmp_path / "data" / "plan.json"
    save(path, a_plan())
    save(path, a_plan("Robin"))
    path.parent.chmod(0o777)
    with opened(path) as (store, _):
        assert not store.read_only
    assert mode(path.parent) == 0o700


@needs_root
def test_another_users_file_among_the_backups_keeps_the_plan_read_only(tmp_path: Path) -> None:
    path = tmp_path / "data" / "plan.json"
    save(path, a_plan())
    save(path, a_plan("Robin"))
    planted = path.parent / "backups" / "plan.00000099.20261126T120000000000Z.json"
    planted.write_bytes(_file(crisis_lines={"1": {"name": "Fake", "phone": "555-6666"}}))
    os.chown(planted, NOBODY, NOBODY)
    with opened(path) as (store, _):
        assert store.read_only and str(planted) in store.read_only_reason


SHARED_CHILD = r"""
import shutil
import sys
import tempfile
from pathlib import Path
from recovery_tui.storage import PlanStore, StoreError
store = PlanStore(Path(sys.argv[1]))
try:
    store.open()
except StoreError as error:
    print("REFUSED", error)
else:
    print("READ-ONLY" if store.read_only else "WRITABLE", store.read_only_reason)
finally:
    store.close()
"""


@needs_root
def test_as_a_user_without_root_a_swapped_plan_and_a_shared_folder(tmp_path: Path) -> None:
    """A real user (uid 65534, via setpriv): their own plan in a world-writable folder opens
    read-only, saying why; a plan file another user (root) put there is refused."""
    if shutil.which("setpriv") is None:
        pytest.skip("setpriv is not installed")
    probe = subprocess.run(
        ["setpriv", f"--reuid={NOBODY}", f"--regid={NOBODY}", "--clear-groups",
         sys.executable, "-c", "import recovery_tui"],
        capture_output=True, timeout=TIMEOUT, cwd="/",
    )  # fmt: skip
    if probe.returncode != 0:  # e.g. a venv inside root's private home folder
        pytest.skip("uid 65534 cannot read this Python or the installed recovery_tui")
    base = Path(tempfile.mkdtemp(prefix="rtui-shared-", dir="/tmp"))
    try:
        base.chmod(0o755)
        folder = base / "shared"
        folder.mkdir()
        (folder / "readme.txt").write_text("a shared folder")
        path = folder / "plan.json"
        save(path, a_plan())
        for entry in [folder, *folder.rglob("*")]:
            os.chown(entry, NOBODY, NOBODY)
        folder.chmod(0o777)

        def as_nobody() -> str:
            child = subprocess.run(
                ["setpriv", f"--reuid={NOBODY}", f"--regid={NOBODY}", "--clear-groups",
                 sys.executable, "-c", SHARED_CHILD, str(path)],
                capture_output=True, text=True, timeout=TIMEOUT, cwd=base,
            )  # fmt: skip
            assert child.returncode == 0, child.stderr
            return child.stdout

        assert as_nobody().startswith("READ-ONLY The folder"), "their own plan, a shared folder"
        os.chown(path, 0, 0)  # root swapped it: another user, to them
        said = as_nobody()
        assert said.startswith("REFUSED") and "belongs to another user (uid 0)" in said
    finally:
        shutil.rmtree(base)


# --- 5. backups survive the clock going back ----------------------------------------------


def test_backups_keep_their_order_when_the_clock_goes_back(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A DST fall-back, a flight west, a clock set right: each save's clock is an hour
    earlier than the last. The newest backup is still the last plan saved, and each save
    prunes exactly the oldest one."""
    clock = [datetime(2026, 11, 1, 1, 30, tzinfo=timezone.utc)]

    def going_back() -> datetime:
        clock[0] -= timedelta(hours=1)
        return clock[0]

    monkeypatch.setattr(backups, "_utc_now", going_back)
    path = tmp_path / "data" / "plan.json"
    plans = [a_plan(f"Sam {i}") for i in range(15)]
    with opened(path) as (store, _):
        for i, plan in enumerate(plans):
            store.save(plan)
            kept = list_backups(path)
            assert len(kept) == min(i, BACKUPS_KEPT)
            if i:
                assert backup_plan(kept[-1], tmp_path / str(i)) == plans[i - 1], "stale newest"
    kept = list_backups(path)
    for k, backup in enumerate(kept):  # oldest first, one save apart, none lost
        assert backup_plan(backup, tmp_path / f"end{k}") == plans[15 - BACKUPS_KEPT - 1 + k]
    with pytest.raises(PlanFileError) as caught:
        path.write_text("{damaged")
        PlanStore(path).load()
    assert caught.value.backup == kept[-1]


def test_backups_named_by_local_time_before_still_count_as_the_oldest(tmp_path: Path) -> None:
    path = tmp_path / "data" / "plan.json"
    save(path, a_plan("first"))
    folder = path.parent / "backups"
    folder.mkdir(mode=0o700)
    old_names = ["plan.20261126T230000000000.json", "plan.20261127T010000000000.json"]
    for name in old_names:  # what an earlier recovery-tui left
        shutil.copyfile(path, folder / name)
    for i in range(BACKUPS_KEPT - 2):
        save(path, a_plan(f"Sam {i}"))
    entries = backup_entries(path)
    assert [e.path.name for e in entries[:2]] == old_names and entries[0].number == 0
    assert [e.number for e in entries[2:]] == list(range(1, BACKUPS_KEPT - 1))
    assert entries[2].path.name.startswith("plan.00000001.") and entries[2].path.name[-6] == "Z"
    save(path, a_plan("one more"))  # 11 backups: the oldest time-named one goes first
    assert backup_entries(path)[0].path.name == old_names[1]


def test_each_save_makes_the_backups_folder_durable(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    synced: list[Path] = []
    real = backups.fsync_folder
    monkeypatch.setattr(backups, "fsync_folder", lambda f: (synced.append(f), real(f)))
    path = tmp_path / "data" / "plan.json"
    save(path, a_plan())
    save(path, a_plan("Robin"))
    assert synced[-1] == path.parent / "backups" and len(list_backups(path)) == 1


def backup_plan(backup: Path, folder: Path) -> Plan:
    """The plan a backup holds (read as a plan file of its own)."""
    folder.mkdir(parents=True)
    shutil.copyfile(backup, folder / "plan.json")
    return PlanStore(folder / "plan.json").load()


# --- 9. the right reason on a read-only file system ---------------------------------------

READ_ONLY_FS_CHILD = r"""
import shutil, subprocess, sys
from pathlib import Path
mount, seed = sys.argv[1:3]
subprocess.run(["mount", "-t", "tmpfs", "-o", "size=16m", "tmpfs", mount], check=True)
shutil.copytree(seed, mount, dirs_exist_ok=True)
subprocess.run(["mount", "-o", "remount,ro", mount], check=True)
from recovery_tui.cli import main
from recovery_tui.storage import PlanStore
data = f"{mount}/data/plan.json"
store = PlanStore(Path(data))
store.open()
print("STORE", store.read_only, store.read_only_reason, flush=True)
store.close()
for command in (["encrypt"], ["restore", "--yes"]):
    print(command[0].upper(), main([*command, "--data", data]), flush=True)
"""


@needs_root
def test_a_read_only_file_system_is_named_as_such_by_the_store_and_commands(
    tmp_path: Path,
) -> None:
    """A real read-only mount (tmpfs, remounted ro) in a mount namespace of its own, so
    nothing outside the child sees it."""
    if (
        shutil.which("unshare") is None
        or subprocess.run(
            ["unshare", "-m", "true"], capture_output=True, timeout=TIMEOUT
        ).returncode
    ):
        pytest.skip("no mount namespaces here")
    seed = tmp_path / "seed"
    path = seed / "data" / "plan.json"
    save(path, a_plan())
    save(path, a_plan("Robin"))
    mount = tmp_path / "mnt"
    mount.mkdir()
    child = subprocess.run(
        ["unshare", "-m", sys.executable, "-c", READ_ONLY_FS_CHILD, str(mount), str(seed)],
        capture_output=True, text=True, timeout=TIMEOUT,
    )  # fmt: skip
    assert child.returncode == 0, child.stderr
    folder = mount / "data"
    said = f"{folder} can't be written (it is on a read-only file system)"
    assert f"STORE True {said}, so your plan is open read-only" in child.stdout
    assert "ENCRYPT 1" in child.stdout and "RESTORE 1" in child.stdout
    assert child.stderr.count(said) == 2, child.stderr
    assert "open in recovery-tui right now" not in child.stderr
    assert not mount.joinpath("data").exists(), "the mount stayed in its namespace"


# --- 10. the lock cannot be sidestepped by deleting its file ---------------------------------


def test_deleting_the_lock_file_lets_no_second_writer_in(tmp_path: Path) -> None:
    """A real writer saves in a loop; its lock file is deleted; a second writer (a real
    process, then this one) still opens read-only; every acknowledged save is in the file."""
    path = tmp_path / "data" / "plan.json"
    save(path, a_plan())
    writer = Child("saveloop", str(path))
    second = None
    try:
        writer.wait_for("READY")
        writer.wait_for("ACK 3")
        path.with_name("plan.json.lock").unlink()
        second = Child("saveloop", str(path))
        assert second.wait_for("READ") == "READONLY", "a second writer got in"
        with opened(path) as (store, _):
            assert store.held_elsewhere
        writer.read_for(0.2)
        writer.kill()  # the lock goes with the process
        acked = max(int(line.split()[1]) for line in writer.lines if line.startswith("ACK "))
        with opened(path) as (store, plan):
            assert not store.read_only, "a killed writer's lock is freed at once"
            assert {f"g{n}" for n in range(2, acked + 1)} <= {g.id for g in plan.goals}
    finally:
        writer.close()
        if second is not None:
            second.close()
