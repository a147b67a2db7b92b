"""Nothing leaves the machine and nothing is written beside the plan.

The real app, through every tab, the crisis screen and a saved check-in, and the command
line's ``export`` and ``crisis`` in a process of their own, with HOME, the XDG folders, the
temp folder and the working folder all in a sandbox: no network socket is opened, no browser
or other program is started, and only the data folder changes.
"""

from __future__ import annotations

import hashlib
import json
import os
import socket
import subprocess
import sys
import tempfile
import textwrap
import webbrowser
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from conftest import screen_text
from plans import example_plan

from recovery_tui.app import RecoveryApp
from recovery_tui.paths import DATA_ENV, default_data_file
from recovery_tui.screens.crisis import CrisisScreen
from recovery_tui.storage import PlanStore

SIZE = (80, 24)
XDG = ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME", "XDG_RUNTIME_DIR")
INTERNET = (socket.AF_INET, socket.AF_INET6)


@dataclass
class Sandbox:
    root: Path  # HOME, the XDG folders, TMPDIR and the working folder are all in here
    env: dict[str, str]  # those variables, for a process of its own
    data_file: Path  # where the plan is by default (in XDG_DATA_HOME)

    @property
    def data_dir(self) -> Path:
        return self.data_file.parent


@pytest.fixture
def sandbox(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Sandbox:
    root = tmp_path / "sandbox"
    env = {"HOME": str(root / "home"), "TMPDIR": str(root / "tmp")}
    env |= {name: str(root / name.lower()) for name in XDG}
    for folder in (*env.values(), str(root / "cwd")):
        Path(folder).mkdir(parents=True, mode=0o700)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    monkeypatch.delenv(DATA_ENV, raising=False)
    monkeypatch.setattr(tempfile, "tempdir", env["TMPDIR"])
    monkeypatch.chdir(root / "cwd")
    data_file = default_data_file()
    assert data_file.is_relative_to(root / "xdg_data_home")  # the default honours XDG
    return Sandbox(root, env, data_file)


def snapshot(root: Path) -> dict[str, tuple[int, int, str]]:
    """Every file and folder under ``root``: (mode, size, content hash)."""
    seen: dict[str, tuple[int, int, str]] = {}
    for path in sorted(root.rglob("*")):
        info = path.lstat()
        digest = hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else ""
        seen[str(path.relative_to(root))] = (info.st_mode, info.st_size, digest)
    return seen


def changed_outside(
    before: dict[str, tuple[int, int, str]], after: dict[str, tuple[int, int, str]], *inside: str
) -> list[str]:
    """Paths added, removed or changed, apart from those under the ``inside`` folders."""
    changed = {p for p in before.keys() | after.keys() if before.get(p) != after.get(p)}
    return sorted(p for p in changed if not any(p == d or p.startswith(d + os.sep) for d in inside))


def seed(data_file: Path) -> None:
    store = PlanStore(data_file)
    try:
        store.open()
        store.save(example_plan())
    finally:
        store.close()


# --- the app, in this process ---------------------------------------------------------------


@pytest.fixture
def outside_calls(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """Record (and refuse) every attempt to reach the network or start another program."""
    calls: list[str] = []

    def refuse(what: str) -> Any:
        def call(*args: Any, **kwargs: Any) -> Any:
            calls.append(f"{what}{args[1:] if what.startswith('socket.') else args}")
            raise OSError(f"test_no_network: {what} is not allowed")

        return call

    real_init = socket.socket.__init__

    def init(self: socket.socket, family: Any = -1, *args: Any, **kwargs: Any) -> None:
        fileno = kwargs.get("fileno", args[2] if len(args) > 2 else None)
        if fileno is None and (family == -1 or family in INTERNET):
            calls.append(f"socket.socket(family={family})")
            raise OSError("test_no_network: an internet socket is not allowed")
        real_init(self, family, *args, **kwargs)

    monkeypatch.setattr(socket.socket, "__init__", init)
    for name in ("connect", "connect_ex", "bind", "sendto"):
        monkeypatch.setattr(socket.socket, name, refuse(f"socket.{name}"))
    for name in ("create_connection", "getaddrinfo", "gethostbyname", "create_server"):
        monkeypatch.setattr(socket, name, refuse(f"socket.{name}"))
    monkeypatch.setattr(webbrowser, "open", refuse("webbrowser.open"))
    monkeypatch.setattr(subprocess, "Popen", refuse("subprocess.Popen"))
    monkeypatch.setattr(os, "system", refuse("os.system"))
    yield calls


def test_the_patches_refuse_the_network_but_not_local_pipes(outside_calls: list[str]) -> None:
    """The fixture itself works: the app test below would notice."""
    with pytest.raises(OSError):
        socket.create_connection(("127.0.0.1", 9))
    with pytest.raises(OSError):
        socket.socket()
    with pytest.raises(OSError):
        webbrowser.open("http://example.com")
    assert len(outside_calls) == 3
    left, right = socket.socketpair()  # what asyncio's event loop uses to wake itself
    left.close()
    right.close()
    assert len(outside_calls) == 3


async def test_the_app_stays_offline_and_writes_only_its_data_folder(
    sandbox: Sandbox, outside_calls: list[str], frozen_today: date
) -> None:
    seed(sandbox.data_file)
    before = snapshot(sandbox.root)
    store = PlanStore(sandbox.data_file)
    try:
        app = RecoveryApp(store)
        async with app.run_test(size=SIZE, notifications=True) as pilot:
            for key in "123456":
                await pilot.press(key)
                await pilot.pause()
            await pilot.press("f2")  # the crisis screen
            await pilot.pause()
            assert isinstance(app.screen, CrisisScreen)
            await pilot.press("f2")
            await pilot.pause()
            await pilot.press("5", "enter")  # today's check-in, saved
            await pilot.pause()
            await pilot.press("4", "3", "n", "ctrl+s")
            await pilot.pause()
            assert "Saved" in screen_text(app)  # type: ignore[arg-type]  # conftest: App[object]
            assert app.is_running
    finally:
        store.close()
    saved = PlanStore(sandbox.data_file).load()
    assert frozen_today in {c.date for c in saved.checkins}  # it was a real save
    assert outside_calls == []
    after = snapshot(sandbox.root)
    assert changed_outside(before, after, str(sandbox.data_dir.relative_to(sandbox.root))) == []
    assert after != before


# --- the command line, in a process of its own -------------------------------------------------

# Run before the command: an audit hook that ends the process at the first network use,
# started program, or file written outside the allowed folders.
GUARD = textwrap.dedent(
    """
    import os, sys

    ALLOWED = [os.path.realpath(p) for p in sys.argv[1:3]]
    args = sys.argv[3:]
    NETWORK = {"socket.connect", "socket.bind", "socket.sendto", "socket.sendmsg",
               "socket.getaddrinfo", "socket.gethostbyname", "socket.gethostbyaddr",
               "webbrowser.open", "subprocess.Popen", "os.system", "os.exec", "os.posix_spawn",
               "os.fork", "os.spawn", "urllib.Request", "http.client.connect", "ftplib.connect",
               "smtplib.connect"}
    PATHS = {"os.mkdir": (0,), "os.remove": (0,), "os.rmdir": (0,), "os.rename": (0, 1),
             "os.link": (0, 1), "os.symlink": (1,), "os.truncate": (0,), "os.chmod": (0,),
             "os.chown": (0,), "os.utime": (0,), "shutil.rmtree": (0,), "shutil.copyfile": (1,),
             "shutil.move": (1,)}
    WRITE = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_TRUNC | os.O_APPEND

    def outside(path):
        if isinstance(path, int):  # a file already open
            return False
        real = os.path.realpath(os.fsdecode(path))
        return real != os.devnull and not any(
            real == a or real.startswith(a + os.sep) for a in ALLOWED)

    def stop(event, args):
        os.write(2, f"\\nGUARD: {event} {args!r}\\n".encode("utf-8", "replace"))
        os._exit(97)

    def hook(event, args):
        if event in NETWORK:
            stop(event, args)
        elif event == "socket.__new__" and args[1] in (2, 10):  # AF_INET, AF_INET6
            stop(event, args)
        elif event == "open":
            path, mode, flags = args
            writes = any(c in (mode or "") for c in "wax+") or bool((flags or 0) & WRITE)
            if writes and outside(path):
                stop(event, args)
        elif event in PATHS:
            for i in PATHS[event]:
                if outside(args[i]):
                    stop(event, args)

    sys.addaudithook(hook)
    from recovery_tui.cli import main
    sys.exit(main(args))
    """
)


def run_guarded(sandbox: Sandbox, allowed: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {
        **sandbox.env,
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "LANG": "C.UTF-8",
        "PYTHONDONTWRITEBYTECODE": "1",  # no .pyc files written beside the code
        "PYTHONIOENCODING": "utf-8",
    }
    return subprocess.run(
        [sys.executable, "-c", GUARD, str(sandbox.data_dir), str(allowed), *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=sandbox.root / "cwd",
        timeout=60,
    )


def test_the_guard_catches_a_write_outside_and_a_connection(sandbox: Sandbox) -> None:
    """The audit hook itself works: the command tests below would notice."""
    outside = sandbox.root / "home" / "leak.txt"
    for code in (
        f"open({str(outside)!r}, 'w').write('x')",
        "import socket; socket.create_connection(('127.0.0.1', 9))",
    ):
        guard = GUARD.replace("from recovery_tui.cli import main\nsys.exit(main(args))", code)
        assert guard != GUARD
        result = subprocess.run(
            [sys.executable, "-c", guard, str(sandbox.data_dir), str(sandbox.data_dir)],
            capture_output=True,
            text=True,
            env={**sandbox.env, "PYTHONDONTWRITEBYTECODE": "1"},
            timeout=60,
        )
        assert result.returncode == 97, result.stderr
        assert "GUARD:" in result.stderr
    assert not outside.exists()


@pytest.mark.parametrize(
    "args",
    [
        ("export",),
        ("export", "--format", "html", "--audience", "supporter", "-o", "OUT/card.html"),
        ("export", "--format", "md", "--audience", "clinician", "-o", "OUT/summary.md"),
        ("crisis",),
    ],
    ids=["json-stdout", "html-file", "md-file", "crisis"],
)
def test_commands_stay_offline_and_write_only_what_they_are_asked_to(
    sandbox: Sandbox, args: tuple[str, ...]
) -> None:
    seed(sandbox.data_file)
    out = sandbox.root / "home" / "exports"
    out.mkdir()
    before = snapshot(sandbox.root)
    args = tuple(a.replace("OUT", str(out)) for a in args)
    result = run_guarded(sandbox, out, *args)
    assert result.returncode == 0, result.stderr
    assert "GUARD:" not in result.stderr
    after = snapshot(sandbox.root)
    home = str(out.relative_to(sandbox.root))
    assert changed_outside(before, after, home) == []  # not even the data folder
    written = sorted(p.name for p in out.iterdir())
    if "-o" in args:
        assert written == [Path(args[-1]).name]
        assert (out / written[0]).stat().st_mode & 0o777 == 0o600
    else:
        assert written == []
        assert result.stdout
        if args == ("export",):
            assert json.loads(result.stdout)["format"] == "recovery-tui-plan"
        else:
            assert "988" in result.stdout
