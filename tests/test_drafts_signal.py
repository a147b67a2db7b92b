"""A dropped connection keeps a draft, offered back on the next start.

Real processes first: ``python -m recovery_tui --data PATH`` in a pseudo-terminal (80x24,
xterm-256color, as over SSH), keys typed as a person would, then SIGHUP, SIGTERM, the
terminal closed (a real hangup) or, with no signal at all, the terminal gone. Every read
waits with ``select`` and a deadline. Then Pilot tests of the offer itself (keep, let go,
later; a check-in, a long text, a form, an older day) at 80x24 and 60x20, with the clock
frozen, and a real SIGTERM sent to the test process while an app runs in it.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import pty
import select
import signal
import stat
import struct
import sys
import termios
import threading
import time
from collections.abc import Callable, Iterator
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import time_machine
from conftest import screen_text, seed, type_text
from plans import example_plan
from textual.widgets import TextArea

from recovery_tui.app import RecoveryApp
from recovery_tui.draft import Draft
from recovery_tui.drafts import draft_file, read_drafts, write_drafts
from recovery_tui.review_app import ReviewApp
from recovery_tui.screens.draft_offer import DraftOfferScreen, DraftWordsScreen
from recovery_tui.screens.form import FormScreen
from recovery_tui.storage import PlanStore
from recovery_tui.widgets.checkin_form import CheckInForm
from recovery_tui.widgets.text_section import TextSection

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals and terminals")

DEADLINE = 30.0  # seconds any wait may take before the test fails (never hangs)
QUIET = 0.3  # the screen is drawn once the terminal has been quiet this long
WORDS = "Called my sister"
OFFER = b"when the connection dropped"
KEPT = b"kept as a private draft"


# --- a real process in a pseudo-terminal ----------------------------------------------------


def spawn(data_file: Path, *args: str, own_session: bool = False) -> tuple[int, int]:
    """Start recovery-tui in a new 80x24 terminal; (pid, the terminal's fd). With
    ``own_session`` the app runs in a session of its own, so closing the terminal sends it
    no SIGHUP (the terminal just goes away); its exit code is then written beside the plan."""
    pid, fd = pty.fork()
    if pid == 0:  # the child: never returns into pytest
        try:
            fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
            env = {**os.environ, "TERM": "xterm-256color",
                   "SSH_CONNECTION": "10.0.0.1 50000 10.0.0.2 22"}  # fmt: skip
            argv = [sys.executable, "-m", "recovery_tui", "--data", str(data_file), *args]
            if own_session:
                _run_in_own_session(argv, env, data_file.parent / "exit-code")
            os.execve(sys.executable, argv, env)
        finally:
            os._exit(127)
    return pid, fd


def _run_in_own_session(argv: list[str], env: dict[str, str], code_file: Path) -> None:
    app = os.fork()
    if app == 0:
        os.setsid()  # no controlling terminal: a hangup sends this process nothing
        os.execve(sys.executable, argv, env)
    signal.signal(signal.SIGHUP, signal.SIG_IGN)
    code_file.with_name("app-pid").write_text(str(app))
    _, status = os.waitpid(app, 0)
    code_file.write_text(str(os.waitstatus_to_exitcode(status)))
    os._exit(0)


def read_until(fd: int, seen: bytes, words: bytes) -> bytes:
    """Read the terminal until ``words`` appear, with a deadline."""
    deadline = time.monotonic() + DEADLINE
    while words not in seen:
        ready, _, _ = select.select([fd], [], [], max(deadline - time.monotonic(), 0))
        if not ready:
            pytest.fail(f"waited {DEADLINE:.0f} s for {words!r}; the screen: {seen[-600:]!r}")
        chunk = _read(fd)
        if not chunk:
            pytest.fail(f"the terminal closed before {words!r}; it showed {seen[-600:]!r}")
        seen += chunk
    return seen


def settle(fd: int, seen: bytes) -> bytes:
    """Read until the terminal has been quiet for QUIET seconds (the frame is drawn)."""
    deadline = time.monotonic() + DEADLINE
    while time.monotonic() < deadline:
        ready, _, _ = select.select([fd], [], [], QUIET)
        chunk = _read(fd) if ready else b""
        if not chunk:
            return seen
        seen += chunk
    pytest.fail("the terminal never went quiet")


def _read(fd: int) -> bytes:
    try:
        return os.read(fd, 65536)
    except OSError:  # EIO: the child closed the terminal
        return b""


def press(fd: int, seen: bytes, *keys: bytes) -> bytes:
    for key in keys:
        os.write(fd, key)
        seen = settle(fd, seen)
    return seen


def wait_for_exit(pid: int, fd: int | None, seen: bytes = b"") -> tuple[int, bytes]:
    """The exit code once the process has ended (reading its terminal meanwhile, so it
    never blocks on a full one); fails after the deadline."""
    deadline = time.monotonic() + DEADLINE
    while time.monotonic() < deadline:
        done, status = os.waitpid(pid, os.WNOHANG)
        if done:
            return os.waitstatus_to_exitcode(status), seen + (settle(fd, b"") if fd else b"")
        if fd is not None and select.select([fd], [], [], 0.05)[0]:
            seen += _read(fd)
        else:
            time.sleep(0.02)
    pytest.fail(f"the app did not end within {DEADLINE:.0f} s")


@pytest.fixture
def run(data_file: Path) -> Iterator[Callable[..., tuple[int, int]]]:
    """spawn(), with every process ended and every terminal closed at the end."""
    started: list[tuple[int, int]] = []

    def start(*args: str, own_session: bool = False) -> tuple[int, int]:
        started.append(spawn(data_file, *args, own_session=own_session))
        return started[-1]

    yield start
    for pid, fd in started:
        with contextlib.suppress(ChildProcessError):  # reaped already: not ours to kill
            if os.waitpid(pid, os.WNOHANG) == (0, 0):  # still running: end it
                os.kill(pid, signal.SIGKILL)
                os.waitpid(pid, 0)
        with contextlib.suppress(OSError):
            os.close(fd)
    _end_stray_app(data_file.parent)


def _end_stray_app(folder: Path) -> None:
    """An app run in its own session that never ended (the test failed): end it, by its id."""
    pid_file, code_file = folder / "app-pid", folder / "exit-code"
    if not pid_file.exists() or code_file.exists():
        return
    pid = int(pid_file.read_text())
    with contextlib.suppress(OSError):
        if b"recovery_tui" in Path(f"/proc/{pid}/cmdline").read_bytes():
            os.kill(pid, signal.SIGKILL)


def type_checkin(fd: int) -> bytes:
    """The Review Log's check-in by keys: mood 4, craving 2, no use, then words."""
    seen = settle(fd, read_until(fd, b"", b"Assessment"))
    seen = press(fd, seen, b"5", b"\r")
    seen = read_until(fd, seen, b"Check-in for")
    seen = press(fd, seen, b"4", b"2", b"n", b"\r", b"\r", WORDS.encode())
    assert WORDS.encode() in seen
    return seen


def kept_checkin(data_file: Path) -> Draft:
    draft = draft_file(data_file)
    assert stat.S_IMODE(draft.stat().st_mode) == 0o600
    (kept,) = read_drafts(data_file, None)
    assert kept.kind == "checkin"
    assert (kept.values["mood"], kept.values["craving"], kept.values["used"]) == (4, 2, False)
    assert kept.values["helped"] == WORDS
    return kept


def test_sighup_keeps_the_check_in_and_the_next_start_puts_it_back(
    data_file: Path, run: Callable[..., tuple[int, int]]
) -> None:
    seed(data_file, example_plan())
    before = data_file.read_bytes()
    pid, fd = run()
    seen = type_checkin(fd)
    os.kill(pid, signal.SIGHUP)
    code, seen = wait_for_exit(pid, fd, seen)
    assert code == 128 + signal.SIGHUP
    assert b"Traceback" not in seen
    assert seen.rfind(b"\x1b[?1049l") > seen.rfind(WORDS.encode())  # the screen given back
    assert KEPT in seen
    kept_checkin(data_file)
    assert data_file.read_bytes() == before  # nothing saved behind the person's back

    pid, fd = run()
    seen = settle(fd, read_until(fd, b"", OFFER))
    assert b"today's check-in" in seen
    seen = press(fd, seen, b"y", b"\x13")  # keep it, then Ctrl+S saves the check-in
    seen = read_until(fd, seen, b"Saved")
    os.write(fd, b"\x11")  # Ctrl+Q
    code, seen = wait_for_exit(pid, fd, seen)
    assert code == 0 and b"Traceback" not in seen
    checkins = [c for c in PlanStore(data_file).load().checkins if c.helped == WORDS]
    assert [(c.mood, c.craving, c.used) for c in checkins] == [(4, 2, False)]
    assert not draft_file(data_file).exists()


def test_sigterm_keeps_the_words_and_letting_go_changes_nothing(
    data_file: Path, run: Callable[..., tuple[int, int]]
) -> None:
    seed(data_file, example_plan())
    before = data_file.read_bytes()
    pid, fd = run()
    seen = type_checkin(fd)
    os.kill(pid, signal.SIGTERM)
    code, seen = wait_for_exit(pid, fd, seen)
    assert code == 128 + signal.SIGTERM
    assert b"Traceback" not in seen and KEPT in seen
    kept_checkin(data_file)

    pid, fd = run()
    seen = press(fd, read_until(fd, b"", OFFER), b"n", b"\x11")  # let it go, then quit
    code, seen = wait_for_exit(pid, fd, seen)
    assert code == 0 and b"Traceback" not in seen
    assert not draft_file(data_file).exists()
    assert data_file.read_bytes() == before


def test_closing_the_terminal_is_a_hangup_that_keeps_the_words(
    data_file: Path, run: Callable[..., tuple[int, int]]
) -> None:
    """As sshd does when the connection drops: the terminal's other end just closes."""
    seed(data_file, example_plan())
    pid, fd = run()
    type_checkin(fd)
    os.close(fd)
    code, _ = wait_for_exit(pid, None)
    assert code == 128 + signal.SIGHUP
    kept_checkin(data_file)
    store = PlanStore(data_file)
    store.take_lock()  # the lock went with the process: the next start is not read-only
    assert not store.read_only
    store.close()


def test_a_terminal_gone_without_any_signal_still_keeps_the_words(
    data_file: Path, run: Callable[..., tuple[int, int]]
) -> None:
    """No SIGHUP at all (another session): Textual would spin on end of input and block on
    its dead output; the app notices the terminal is gone and leaves with the draft."""
    seed(data_file, example_plan())
    pid, fd = run(own_session=True)
    type_checkin(fd)
    os.close(fd)
    wait_for_exit(pid, None)  # the process in between: it waits for the app
    assert (data_file.parent / "exit-code").read_text() == str(128 + signal.SIGHUP)
    kept_checkin(data_file)


# --- the offer, in the app (Pilot), with the clock frozen ----------------------------------

NOON = datetime(2026, 3, 14, 12, 0, tzinfo=ZoneInfo("UTC"))
TODAY = NOON.date()
CHECKIN = Draft(
    "checkin", "Today's check-in", TODAY,
    {"mood": 4, "craving": 2, "used": False, "halt": [], "triggers_met": [], "helped": WORDS,
     "good_thing": "", "note": ""},
    {"mood": "Mood", "craving": "Craving now", "helped": "What helped"}, key="checkin",
)  # fmt: skip
HEALTH = "Assessment: Physical health"
TEXT = Draft("text", HEALTH, TODAY, {"physical_health": "Sleeping better\nWalking daily"},
             {"physical_health": HEALTH}, key="text:physical_health")  # fmt: skip
FORM = Draft("form", "Add a goal", TODAY, {"title": "Walk every day", "measure": "30 minutes"},
             {"title": "Goal", "measure": "Measure"})  # fmt: skip


@pytest.fixture
def noon() -> Iterator[None]:
    with time_machine.travel(NOON, tick=True):
        yield


@pytest.fixture
def kept(data_file: Path) -> Callable[..., None]:
    """A plan from an earlier session, and the drafts it left."""

    def keep(*drafts: Draft) -> None:
        seed(data_file, example_plan())
        write_drafts(data_file, None, list(drafts))

    return keep


def shown(app: RecoveryApp | ReviewApp) -> str:
    """The screen's words on one line, without the dialog's frame (lines wrap inside it)."""
    return " ".join(screen_text(app).translate({ord(c): " " for c in "│╭╮╰╯─"}).split())


def form_values(app: RecoveryApp | ReviewApp) -> dict[str, Any]:
    draft = app.query_one(CheckInForm).unsaved()
    return dict(draft.values) if draft else {}


@pytest.mark.usefixtures("noon")
@pytest.mark.parametrize(("size", "key"), [((80, 24), "enter"), ((60, 20), "y")])
async def test_keep_puts_todays_check_in_back_to_look_over_and_save(
    data_file: Path, open_app: Callable[[], RecoveryApp], kept: Callable[..., None],
    size: tuple[int, int], key: str,
) -> None:  # fmt: skip
    kept(CHECKIN)
    app = open_app()
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, DraftOfferScreen)
        words = shown(app)
        assert "You were writing in today's check-in when the connection dropped" in words
        assert WORDS in words and "Keep it (y)" in words and "Let it go (n)" in words
        await pilot.press(key)
        await pilot.pause()
        assert not isinstance(app.screen, DraftOfferScreen)
        values = form_values(app)
        assert (values["mood"], values["craving"], values["helped"]) == (4, 2, WORDS)
        assert not draft_file(data_file).exists()
        await pilot.press("ctrl+s")
        await pilot.pause()
    (saved,) = PlanStore(data_file).load().checkins[-1:]
    assert (saved.date, saved.mood, saved.helped) == (TODAY, 4, WORDS)


@pytest.mark.usefixtures("noon")
@pytest.mark.parametrize("size", [(80, 24), (60, 20)])
async def test_let_it_go_clears_the_draft_and_changes_nothing(
    data_file: Path, open_app: Callable[[], RecoveryApp], kept: Callable[..., None],
    size: tuple[int, int],
) -> None:  # fmt: skip
    kept(CHECKIN)
    before = data_file.read_bytes()
    app = open_app()
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
        assert not isinstance(app.screen, DraftOfferScreen)
        assert not draft_file(data_file).exists()
        assert not app.query(CheckInForm) or not form_values(app)
    assert data_file.read_bytes() == before


@pytest.mark.usefixtures("noon")
async def test_escape_decides_later_and_the_draft_is_offered_again(
    data_file: Path, open_app: Callable[[], RecoveryApp], kept: Callable[..., None]
) -> None:
    kept(CHECKIN)
    before = draft_file(data_file).read_bytes()
    for _ in range(2):
        app = open_app()
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            assert isinstance(app.screen, DraftOfferScreen)
            await pilot.press("escape")
            await pilot.pause()
            assert not isinstance(app.screen, DraftOfferScreen)
        app.store.close()
        assert draft_file(data_file).read_bytes() == before


@pytest.mark.usefixtures("noon")
async def test_an_older_check_in_is_shown_to_copy_and_goes_when_done(
    data_file: Path, open_app: Callable[[], RecoveryApp], kept: Callable[..., None]
) -> None:
    kept(Draft(**{**CHECKIN.__dict__, "day": TODAY - timedelta(days=1)}))
    app = open_app()
    async with app.run_test(size=(60, 20)) as pilot:
        await pilot.pause()
        assert "your check-in for 2026-03-13" in shown(app)
        assert "was from 2026-03-13 and was not saved" in shown(app)
        await pilot.press("y")
        await pilot.pause()
        assert isinstance(app.screen, DraftWordsScreen)
        words = app.screen.query_one(TextArea)
        assert words.read_only and f"What helped: {WORDS}" in words.text
        assert "Mood: 4" in words.text
        assert "Your words from your check-in for 2026-03-13" in screen_text(app)
        await pilot.press("d")
        await pilot.pause()
        assert not draft_file(data_file).exists()
    assert all(c.helped != WORDS for c in PlanStore(data_file).load().checkins)


@pytest.mark.usefixtures("noon")
async def test_a_long_text_goes_back_to_its_assessment_section_and_is_saved(
    data_file: Path, open_app: Callable[[], RecoveryApp], kept: Callable[..., None]
) -> None:
    kept(TEXT)
    app = open_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert "Assessment: Physical health" in shown(app)
        await pilot.press("y")
        await pilot.pause()
        section = app.query_one("#section-physical_health", TextSection)
        assert section.area.text == "Sleeping better\nWalking daily"
        assert not draft_file(data_file).exists()
        await pilot.pause(1.3)  # saved a moment later, as typing is
    latest = max(PlanStore(data_file).load().assessments, key=lambda a: a.date)
    assert latest.physical_health == "Sleeping better\nWalking daily"


@pytest.mark.usefixtures("noon")
async def test_a_forms_words_are_shown_and_kept_until_the_person_is_done(
    data_file: Path, open_app: Callable[[], RecoveryApp], kept: Callable[..., None]
) -> None:
    kept(FORM, CHECKIN)
    app = open_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert "writing in Add a goal when" in shown(app)
        await pilot.press("y")
        await pilot.pause()
        assert isinstance(app.screen, DraftWordsScreen)
        text = app.screen.query_one(TextArea).text
        assert "Goal: Walk every day" in text and "Measure: 30 minutes" in text
        await pilot.press("escape")  # keep it for later
        await pilot.pause()
        assert isinstance(app.screen, DraftOfferScreen)  # then the next one: the check-in
        assert "today's check-in" in shown(app)
        await pilot.press("y")
        await pilot.pause()
        assert form_values(app)["helped"] == WORDS
    assert read_drafts(data_file, None) == [FORM]  # only the one decided later is left


@pytest.mark.usefixtures("noon")
async def test_the_inline_check_in_offers_and_restores_too(
    data_file: Path, kept: Callable[..., None], stores: list[PlanStore]
) -> None:
    kept(CHECKIN, TEXT)
    stores.append(store := PlanStore(data_file))
    app = ReviewApp(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert form_values(app)["helped"] == WORDS
        await pilot.press("y")  # the long text: no Assessment here, so its words are shown
        await pilot.pause()
        assert isinstance(app.screen, DraftWordsScreen)
        assert "Sleeping better\nWalking daily" in app.screen.query_one(TextArea).text
        await pilot.press("d")
        await pilot.pause()
    assert not draft_file(data_file).exists()


async def test_user_text_in_a_draft_is_shown_as_text(
    data_file: Path, open_app: Callable[[], RecoveryApp], kept: Callable[..., None]
) -> None:
    hostile = "[b]Mum[/b] [@click=app.quit]x[/] \x1b]0;owned\x07"
    kept(Draft("form", "Edit [i]goal[/i]", date(2026, 3, 1), {"note": hostile}, {}))
    app = open_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        words = shown(app)
        assert "[b]Mum[/b] [@click=app.quit]x[/]" in words and "Edit [i]goal[/i]" in words
        assert "\x1b" not in screen_text(app)
        await pilot.press("y")
        await pilot.pause()
        assert "\x1b" not in app.screen.query_one(TextArea).text
        assert app.is_running


async def test_a_damaged_draft_is_named_in_one_line_and_the_app_opens(
    data_file: Path, open_app: Callable[[], RecoveryApp]
) -> None:
    seed(data_file, example_plan())
    draft_file(data_file).write_bytes(b"{not json")
    app = open_app()
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.pause()
        assert not isinstance(app.screen, DraftOfferScreen)
        assert "set aside" in shown(app)
    assert len(list(data_file.parent.glob("plan.json.draft.*.unreadable"))) == 1


async def test_a_second_read_only_window_offers_nothing(
    data_file: Path, open_app: Callable[[], RecoveryApp], kept: Callable[..., None]
) -> None:
    kept(FORM)
    first = PlanStore(data_file)
    first.open()
    try:
        app = open_app()
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            assert app.store.read_only and not isinstance(app.screen, DraftOfferScreen)
            await pilot.press("ctrl+q")
    finally:
        first.close()
    assert read_drafts(data_file, None) == [FORM]


# --- a real SIGTERM to this process, an app running in it -----------------------------------


def send(number: int) -> None:
    """Signal this process, once the app has taken the signal (else it would end pytest)."""
    if threading.current_thread() is not threading.main_thread():
        pytest.skip("signal handlers need the main thread")
    assert signal.getsignal(number) not in (signal.SIG_DFL, signal.SIG_IGN, None)
    os.kill(os.getpid(), number)


async def test_sigterm_keeps_a_long_text_still_waiting_to_be_saved(
    data_file: Path, open_app: Callable[[], RecoveryApp]
) -> None:
    seed(data_file, example_plan())
    app = open_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("1", *["down"] * 5, "enter")  # Assessment: Physical health
        await pilot.pause()
        assert isinstance(app.focused, TextArea)
        await type_text(pilot, "Dentist")
        send(signal.SIGTERM)  # before the autosave a second after typing
        await pilot.pause()
    assert app.return_code == 128 + signal.SIGTERM
    assert signal.getsignal(signal.SIGTERM) == signal.SIG_DFL  # given back on the way out
    (draft,) = read_drafts(data_file, None)
    assert (draft.kind, draft.key) == ("text", "text:physical_health")
    assert "Dentist" in str(draft.values["physical_health"])


async def test_sigterm_keeps_an_open_form(
    data_file: Path, open_app: Callable[[], RecoveryApp]
) -> None:
    seed(data_file, example_plan())
    before = data_file.read_bytes()
    app = open_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("2", "a")  # Goals: add one
        await pilot.pause()
        assert isinstance(app.screen, FormScreen)
        await type_text(pilot, "Swim weekly")
        send(signal.SIGHUP)
        await pilot.pause()
    assert app.return_code == 128 + signal.SIGHUP
    (draft,) = read_drafts(data_file, None)
    assert draft.kind == "form" and "Swim weekly" in draft.values.values()
    assert data_file.read_bytes() == before
