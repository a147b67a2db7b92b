"""``recovery-tui review --plain``: today's check-in as plain line-by-line questions.

Driven as a person (or a script) would: ``python -m recovery_tui review --plain`` in its own
process, answers piped to stdin, then the saved file and the words on stdout checked.
"""

from __future__ import annotations

import os
import re
import select
import signal
import subprocess
import sys
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from recovery_tui import plain_review
from recovery_tui.model import CheckIn, FocusArea, Lapse, Plan, Trigger
from recovery_tui.progress import checkin_summary
from recovery_tui.storage import PlanStore

# The children read the real clock (another process cannot be frozen), so they run in a time
# zone where it is about noon now (TZ, a POSIX zone), and TODAY is the date there: midnight
# cannot fall between TODAY and a child's check-in, whatever the date and hour of the run.
EAST_OF_UTC = 12 - datetime.now(timezone.utc).hour  # hours, -11 to +12
CHILD_TZ = f"<NOON>{-EAST_OF_UTC:+d}"  # POSIX counts hours west of UTC
TODAY = datetime.now(timezone(timedelta(hours=EAST_OF_UTC))).date()
ALCOHOL = FocusArea(id="f1", name="Alcohol", since=TODAY - timedelta(days=40))
NICOTINE = FocusArea(id="f2", name="Nicotine", aim="reduction", since=TODAY - timedelta(days=9))
TRIGGERS = (
    Trigger("t1", "Payday"),
    Trigger("t2", "The bar on my way home"),
    Trigger("t3", "Arguments at home"),
)
PLAN = Plan(focus_areas=(ALCOHOL,), triggers=TRIGGERS)
NOTHING_SAVED = "Nothing was saved."
# ESC and CSI (7- and 8-bit), and the box-drawing block: none of it reads well aloud.
NOT_PLAIN = re.compile("[\x1b\x9b\u2500-\u257f]")


def seed(path: Path, plan: Plan) -> None:
    store = PlanStore(path)
    store.open()
    store.save(plan)
    store.close()


def child_env(**more: str) -> dict[str, str]:
    """The environment of a child: this one's (as the test has set it), in the noon zone."""
    return {**os.environ, "TZ": CHILD_TZ, **more}


def review(path: Path, *answers: str, end: str = "\n") -> subprocess.CompletedProcess[str]:
    """Run the plain check-in with ``answers`` piped in, one line each."""
    return subprocess.run(
        [sys.executable, "-m", "recovery_tui", "--data", str(path), "review", "--plain"],
        input="\n".join(answers) + end if answers else "",
        capture_output=True, text=True, encoding="utf-8", timeout=60,
        env=child_env(PYTHONIOENCODING="utf-8"),
    )  # fmt: skip


def today_checkin(path: Path) -> CheckIn | None:
    return next((c for c in PlanStore(path).load().checkins if c.date == TODAY), None)


def assert_plain(result: subprocess.CompletedProcess[str]) -> None:
    assert not NOT_PLAIN.search(result.stdout + result.stderr)
    assert "Traceback" not in result.stderr


def test_a_typical_check_in_is_saved_with_the_forms_summary(data_file: Path) -> None:
    seed(data_file, PLAN)
    result = review(
        data_file, "4", "3", "n", "h t", "1 3", "Called Alex", "Dinner with the kids", ""
    )
    assert result.returncode == 0, result.stderr
    assert today_checkin(data_file) == CheckIn(
        date=TODAY, mood=4, craving=3, used=False, halt=("hungry", "tired"),
        triggers_met=("t1", "t3"), helped="Called Alex", good_thing="Dinner with the kids",
    )  # fmt: skip
    out = result.stdout
    assert f"Check-in for {TODAY.isoformat()}\n" in out
    assert "Mood: type 1 very low, 2 low, 3 okay, 4 good, or 5 very good (needed): 4\n" in out
    assert "Craving now: type a number from 0 (none) to 10 (needed): 3\n" in out
    assert "Used today? Type y for yes or n for no. Enter alone means no: n\n" in out
    assert "HALT: are you hungry, angry, lonely or tired?" in out
    assert "  2 The bar on my way home\n" in out
    assert "What helped: e.g. called Alex, went for a walk. Enter alone leaves it empty:" in out
    summary = checkin_summary(PlanStore(data_file).load(), TODAY)
    assert out.endswith("\n".join(summary) + "\n")
    assert summary[0].startswith("Saved · Alcohol: day 41")
    assert plain_review.LAPSE_WORDS not in out
    assert_plain(result)


def test_editing_todays_check_in_offers_every_old_answer_and_enter_keeps_them(
    data_file: Path,
) -> None:
    old = CheckIn(
        date=TODAY, mood=2, craving=6, used=False, halt=("lonely",), triggers_met=("t2",),
        helped="A walk", good_thing="Tea", note="Long day",
    )  # fmt: skip
    seed(data_file, PLAN.with_list("checkins", (old,)))
    result = review(data_file, *[""] * 8)
    assert result.returncode == 0, result.stderr
    assert today_checkin(data_file) == old
    out = result.stdout
    assert "(you checked in already today: this updates it)" in out
    for words in (
        "Enter alone keeps 2 low:",
        "Enter alone keeps 6 of 10:",
        "Enter alone keeps no:",
        "Enter alone keeps lonely; type none to clear it:",
        "Enter alone keeps 2 The bar on my way home; type none to clear it:",
        'Enter alone keeps "A walk"; type none to clear it:',
        'Enter alone keeps "Tea"; type none to clear it:',
        'Enter alone keeps "Long day"; type none to clear it:',
    ):
        assert words in out
    assert "Saved · " in out
    assert_plain(result)


def test_editing_can_change_some_answers_and_clear_others(data_file: Path) -> None:
    old = CheckIn(date=TODAY, mood=2, craving=6, halt=("lonely",), triggers_met=("t2",),
                  helped="A walk", note="Long day")  # fmt: skip
    seed(data_file, PLAN.with_list("checkins", (old,)))
    result = review(data_file, "5", "", "", "none", "-", "", "Sunshine", "NONE")
    assert result.returncode == 0, result.stderr
    assert today_checkin(data_file) == CheckIn(
        date=TODAY, mood=5, craving=6, helped="A walk", good_thing="Sunshine"
    )
    assert len(PlanStore(data_file).load().checkins) == 1


def test_bad_answers_are_asked_again_kindly(data_file: Path) -> None:
    seed(data_file, PLAN)
    answers = (
        "", "9", "great", "3",  # mood: needed, out of range, not a word it knows
        "11", "-1", "t",  # craving: t is 10, as in the form
        "maybe", "N",  # used
        "hx", "Hungry, TIRED",  # HALT
        "4", "1 two", "3,1",  # triggers
        "  Called  Alex ", "", "",
    )  # fmt: skip
    result = review(data_file, *answers)
    assert result.returncode == 0, result.stderr
    assert today_checkin(data_file) == CheckIn(
        date=TODAY, mood=3, craving=10, halt=("hungry", "tired"), triggers_met=("t3", "t1"),
        helped="Called  Alex",
    )  # fmt: skip
    out = result.stdout
    assert out.count("Your mood is needed to save: please type a number from 1 to 5.") == 1
    assert out.count("Mood is a number from 1 to 5. Please try again.") == 2
    assert out.count("Craving is a number from 0 (none) to 10. Please try again.") == 2
    assert out.count("Please type y for yes or n for no.") == 1
    assert out.count("Please type h, a, l or t, or the words hungry, angry") == 1
    assert out.count("Please type numbers from 1 to 3, with spaces between them.") == 2
    assert out.count("Mood: type 1 very low") == 4  # the question again after each re-ask
    assert_plain(result)


def test_use_with_two_focus_areas_asks_which_and_records_a_lapse(data_file: Path) -> None:
    seed(data_file, Plan(focus_areas=(ALCOHOL, NICOTINE), triggers=TRIGGERS))
    result = review(data_file, "2", "7", "y", "3", "nicotine", "", "", "", "", "")
    assert result.returncode == 0, result.stderr
    plan = PlanStore(data_file).load()
    checkin = today_checkin(data_file)
    assert checkin is not None and checkin.used and checkin.focus_area == "f2"
    assert plan.lapses == (Lapse(id="l1", focus_area="f2", date=TODAY),)
    out = result.stdout
    assert "Which one? Type 1 Alcohol or 2 Nicotine (needed): 3\n" in out
    assert "Please type a number from 1 to 2 for the focus area." in out
    summary = checkin_summary(plan, TODAY)
    assert "Nicotine: new run tomorrow, 9 days kept" in summary[0]  # the total still counts
    assert out.endswith(
        "\n".join([*summary, plain_review.LAPSE_WORDS, plain_review.DEBRIEF_POINTER]) + "\n"
    )
    assert "Review Log" in plain_review.DEBRIEF_POINTER
    assert_plain(result)


def test_changing_a_use_back_to_no_removes_its_empty_lapse(data_file: Path) -> None:
    used = CheckIn(date=TODAY, mood=2, craving=7, used=True, focus_area="f1")
    lapse = Lapse(id="l1", focus_area="f1", date=TODAY)
    seed(data_file, PLAN.with_list("checkins", (used,)).with_list("lapses", (lapse,)))
    result = review(data_file, "", "", "n", "", "", "", "", "")
    assert result.returncode == 0, result.stderr
    assert "Enter alone keeps yes:" in result.stdout
    assert PlanStore(data_file).load().lapses == ()
    assert plain_review.LAPSE_WORDS not in result.stdout


def test_use_with_no_focus_area_says_how_and_saves_nothing(data_file: Path) -> None:
    result = review(data_file, "3", "5", "y")
    assert result.returncode == 1
    assert "To record use, add a focus area first" in result.stdout
    assert result.stdout.rstrip().endswith(NOTHING_SAVED)
    assert not data_file.exists()


def test_end_of_input_leaves_without_saving(data_file: Path) -> None:
    seed(data_file, PLAN)
    before = data_file.read_bytes()
    result = review(data_file, "4", "3", "n")
    assert result.returncode == 1
    assert result.stdout.endswith(f"The answers ended before the last question. {NOTHING_SAVED}\n")
    assert data_file.read_bytes() == before
    assert_plain(result)
    nothing = review(data_file)  # no answers at all
    assert nothing.returncode == 1 and NOTHING_SAVED in nothing.stdout
    assert data_file.read_bytes() == before


def test_a_last_answer_without_a_newline_still_counts(data_file: Path) -> None:
    seed(data_file, PLAN)
    result = review(data_file, "4", "3", "n", "", "", "", "", "bye", end="")
    assert result.returncode == 0, result.stderr
    checkin = today_checkin(data_file)
    assert checkin is not None and checkin.note == "bye"


def test_plan_open_in_another_window_saves_nothing(data_file: Path) -> None:
    seed(data_file, PLAN)
    before = data_file.read_bytes()
    other = PlanStore(data_file)
    other.open()  # holds the lock, as the app in another window would
    try:
        result = review(data_file, "4", "3", "n", "", "", "", "", "")
    finally:
        other.close()
    assert result.returncode == 1
    assert "open in another recovery-tui window" in result.stderr
    assert NOTHING_SAVED in result.stderr
    assert "Mood" not in result.stdout  # said at once, not after all the questions
    assert data_file.read_bytes() == before
    assert_plain(result)


def test_an_unreadable_plan_file_gets_its_reason_and_the_crisis_lines(data_file: Path) -> None:
    data_file.parent.mkdir(parents=True)
    data_file.write_bytes(b"{not json")
    result = review(data_file, "4", "3", "n", "", "", "", "", "")
    assert result.returncode == 1
    assert "could not open your plan file" in result.stderr
    assert "988" in result.stderr and "If you need help right now:" in result.stderr
    assert data_file.read_bytes() == b"{not json"
    assert_plain(result)


def test_textual_is_never_imported(data_file: Path) -> None:
    seed(data_file, PLAN)
    code = (
        "import sys\n"
        "from recovery_tui.cli import main\n"
        f"code = main(['--data', {str(data_file)!r}, 'review', '--plain'])\n"
        "print('TEXTUAL', code, 'textual' in sys.modules)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], input="4\n3\nn\n\n\n\n\n\n",
        capture_output=True, text=True, timeout=60, env=child_env(),
    )  # fmt: skip
    assert result.stdout.splitlines()[-1] == "TEXTUAL 0 False", result.stderr
    assert today_checkin(data_file) is not None


def test_hostile_text_never_reaches_stdout_as_escape_codes(data_file: Path) -> None:
    red = "\x1b[31mRed\x1b[0m \x9b2J\u202eevil"
    plan = Plan(
        focus_areas=(FocusArea(id="f1", name=f"A {red}", since=ALCOHOL.since), NICOTINE),
        triggers=(Trigger("t1", f"T {red}"),),
        checkins=(CheckIn(date=TODAY, mood=3, craving=3, note=f"N {red}"),),
    )
    seed(data_file, plan)
    result = review(data_file, "", "", "y", "1", "", "", f"H {red}", "", "")
    assert result.returncode == 0, result.stderr
    assert_plain(result)
    assert "\u202e" not in result.stdout
    assert "  1 T [31mRed[0m 2Jevil" in result.stdout
    checkin = today_checkin(data_file)
    assert checkin is not None and "\x1b" not in checkin.helped and checkin.focus_area == "f1"


PTY_DEADLINE = 30.0  # seconds a pty test waits for words before it fails (never hangs)


def read_pty_until(fd: int, seen: bytes, words: bytes) -> bytes:
    """Read the terminal until ``words`` appear, with a deadline: ``select`` never blocks long."""
    deadline = time.monotonic() + PTY_DEADLINE
    while words not in seen:
        left = deadline - time.monotonic()
        ready, _, _ = select.select([fd], [], [], max(left, 0))
        if not ready:
            pytest.fail(f"waited {PTY_DEADLINE:.0f} s for {words!r}; the terminal showed {seen!r}")
        try:
            chunk = os.read(fd, 4096)
        except OSError:  # EIO: the child closed the terminal
            chunk = b""
        if not chunk:
            pytest.fail(f"the terminal closed before {words!r}; it showed {seen!r}")
        seen += chunk
    return seen


@pytest.mark.skipif(sys.platform == "win32", reason="needs a pseudo-terminal")
def test_ctrl_c_in_a_terminal_leaves_without_saving_with_code_130(data_file: Path) -> None:
    import pty

    seed(data_file, PLAN)
    before = data_file.read_bytes()
    pid, fd = pty.fork()
    if pid == 0:  # the child: the command in a real terminal, Ctrl+C as a shell would leave it
        signal.signal(signal.SIGINT, signal.SIG_DFL)
        os.execv(sys.executable, [sys.executable, "-m", "recovery_tui", "--data",
                                  str(data_file), "review", "--plain"])  # fmt: skip
    seen = b""
    status = None
    try:
        seen = read_pty_until(fd, seen, b"(needed): ")
        os.write(fd, b"4\n")  # a terminal echoes it itself
        seen = read_pty_until(fd, seen, b"Craving now")
        seen = read_pty_until(fd, seen, b"(needed): ")
        os.write(fd, b"\x03")  # Ctrl+C, as the terminal sends it
        seen = read_pty_until(fd, seen, NOTHING_SAVED.encode())
        deadline = time.monotonic() + PTY_DEADLINE
        while status is None and time.monotonic() < deadline:
            done, code = os.waitpid(pid, os.WNOHANG)
            if done:
                status = code
            else:
                time.sleep(0.01)
    finally:
        os.close(fd)
        if status is None:
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
    assert status is not None, "the check-in did not end after Ctrl+C"
    assert os.waitstatus_to_exitcode(status) == 130
    # The mood answer, right after its question, shows once (the date line can hold "4\r\n"
    # too, on the 4th, 14th and 24th: count only the answer after its prompt).
    assert seen.count(b"(needed): 4\r\n") == 1  # not echoed twice on a terminal
    assert seen.count(b"4\r\n4\r\n") == 0
    assert seen.rstrip().endswith(NOTHING_SAVED.encode())
    assert b"Traceback" not in seen and not NOT_PLAIN.search(seen.decode())
    assert data_file.read_bytes() == before


@pytest.mark.parametrize(
    ("answer", "halt"),
    [
        ("h", ("hungry",)),
        ("th", ("hungry", "tired")),
        ("H A L T", ("hungry", "angry", "lonely", "tired")),
        ("lonely, t", ("lonely", "tired")),
        ("tired/tired", ("tired",)),
        ("x", None),
        ("hungry sad", None),
    ],
)
def test_halt_takes_letters_or_words(answer: str, halt: tuple[str, ...] | None) -> None:
    assert plain_review.parse_halt(answer) == halt


def test_help_names_the_plain_option() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "recovery_tui", "review", "--help"],
        capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert "--plain" in result.stdout and "screen readers" in result.stdout
