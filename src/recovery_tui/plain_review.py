"""``recovery-tui review --plain``: today's check-in as plain questions, one line each.

For screen readers and simple terminals: no full screen, no colour, no escape codes, and
Textual is never imported. The same questions and words as the check-in form
(``widgets/checkin_form.py``), the same save (:func:`progress.record_checkin` through
:class:`storage.PlanStore`) and the same summary. Answers may be piped in: stdin need not
be a terminal (then each answer is echoed after its prompt, so the output reads as a
conversation). Ctrl+C or end of input leaves without saving.
"""

from __future__ import annotations

import contextlib
import re
import signal
import sys
import threading
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TextIO, TypeVar

from recovery_tui.crypto import Key
from recovery_tui.method import CHECKIN_TEXTS as TEXTS
from recovery_tui.method import HALT_LABELS, LAPSE_WORDS, MOOD_WORDS
from recovery_tui.model import CheckIn, FocusArea, Halt, Plan, Trigger
from recovery_tui.progress import checkin_on, checkin_summary, record_checkin
from recovery_tui.storage import PlanStore, StoreError
from recovery_tui.text import clean_line, for_display, one_line

T = TypeVar("T")

DEBRIEF_POINTER = (
    "The debrief is in the app whenever you want it: run recovery-tui, press 5 for the "
    "Review Log, then open Lapse debriefs."
)
NO_FOCUS_AREA_WORDS = (
    "To record use, add a focus area first (in the app: recovery-tui, Assessment, key 1): "
    "then your days can be counted kindly. Then check in again."
)
NOTHING_SAVED = "Nothing was saved."
CLEAR = frozenset({"none", "-"})  # typed to empty an answer that has a default


class Again(ValueError):
    """An answer that does not fit; the message says kindly what would."""


class NoFocusArea(Exception):
    """Use was answered, but the plan has no focus area to record it for."""


@dataclass(frozen=True)
class Question:
    """One prompt: what it asks and what to type, then what Enter alone does."""

    ask: str
    enter: str  # "" when an answer is needed

    @property
    def prompt(self) -> str:
        if not self.enter:
            return f"{self.ask} (needed): "
        return f"{self.ask}. {self.enter}: "


class Conversation:
    """Prompts written to ``out``, answers read from ``inp``, one line each."""

    def __init__(self, inp: TextIO, out: TextIO) -> None:
        self.inp, self.out = inp, out
        self.echo = not _isatty(inp)
        self.mid_line = False  # a prompt is waiting for its answer

    def say(self, line: str = "") -> None:
        """Write one line of plain text."""
        self.out.write(line + "\n")
        self.out.flush()

    def ask(self, question: Question, parse: Callable[[str], T]) -> T:
        """Ask until ``parse`` takes the answer; EOFError at the end of input."""
        while True:
            self.out.write(question.prompt)
            self.out.flush()
            self.mid_line = True
            line = self.inp.readline()
            if not line:
                raise EOFError
            answer = line.rstrip("\r\n")
            if self.echo:
                self.out.write(for_display(clean_line(answer)))
            if self.echo or not line.endswith("\n"):
                self.out.write("\n")
            self.mid_line = False
            try:
                return parse(answer.strip())
            except Again as again:
                self.say(str(again))

    def end_line(self) -> None:
        """Finish a prompt left waiting (before saying goodbye)."""
        if self.mid_line:
            self.say()
            self.mid_line = False


def _isatty(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


def _show(text: str) -> str:
    """User text as one safe line of plain text."""
    return for_display(clean_line(text)).strip()


def _or_list(items: Sequence[str], joiner: str = "or") -> str:
    """ "a", "a or b", "a, b or c"."""
    if len(items) < 2:
        return "".join(items)
    return f"{', '.join(items[:-1])} {joiner} {items[-1]}"


# --- the questions, each with its parser ----------------------------------------------------


def ask_mood(talk: Conversation, old: int | None) -> int:
    """Mood 1-5 (a number or its word)."""
    words = [f"{n} {word}" for n, word in MOOD_WORDS.items()]
    ask = f"Mood: type {', '.join(words[:-1])}, or {words[-1]}"
    enter = f"Enter alone keeps {old} {MOOD_WORDS[old]}" if old is not None else ""
    by_word = {word: n for n, word in MOOD_WORDS.items()}

    def parse(answer: str) -> int:
        text = answer.lower()
        if not text and old is not None:
            return old
        if not text:
            raise Again("Your mood is needed to save: please type a number from 1 to 5.")
        if text in by_word:
            return by_word[text]
        if text.isdigit() and 1 <= int(text) <= 5:
            return int(text)
        raise Again("Mood is a number from 1 to 5. Please try again.")

    return talk.ask(Question(ask, enter), parse)


def ask_craving(talk: Conversation, old: int | None) -> int:
    """Craving right now, 0-10 (t also means 10, as in the form)."""
    ask = "Craving now: type a number from 0 (none) to 10"
    enter = f"Enter alone keeps {old} of 10" if old is not None else ""

    def parse(answer: str) -> int:
        text = answer.lower()
        if not text and old is not None:
            return old
        if not text:
            raise Again("Your craving is needed to save: please type a number from 0 to 10.")
        if text == "t":
            return 10
        if text.isdigit() and 0 <= int(text) <= 10:
            return int(text)
        raise Again("Craving is a number from 0 (none) to 10. Please try again.")

    return talk.ask(Question(ask, enter), parse)


def ask_used(talk: Conversation, old: bool | None) -> bool:
    """Used today? y or n; a new check-in takes Enter alone as no, as the form does."""
    default = bool(old)
    word = "yes" if default else "no"
    enter = f"Enter alone keeps {word}" if old is not None else "Enter alone means no"

    def parse(answer: str) -> bool:
        text = answer.lower()
        if not text:
            return default
        if text in ("y", "yes"):
            return True
        if text in ("n", "no"):
            return False
        raise Again("Please type y for yes or n for no.")

    return talk.ask(Question("Used today? Type y for yes or n for no", enter), parse)


def ask_focus_area(talk: Conversation, areas: Sequence[FocusArea], old: str | None) -> str:
    """Which focus area the use was for (asked only when there are several)."""
    names = [_show(a.name) for a in areas]
    ask = f"Which one? Type {_or_list([f'{n} {name}' for n, name in enumerate(names, 1)])}"
    by_id = {a.id: name for a, name in zip(areas, names, strict=True)}
    enter = f"Enter alone keeps {by_id[old]}" if old in by_id else ""

    def parse(answer: str) -> str:
        if not answer and old in by_id:
            return old
        if answer.isdigit() and 1 <= int(answer) <= len(areas):
            return areas[int(answer) - 1].id
        named = [a.id for a, name in zip(areas, names, strict=True)
                 if name.lower() == answer.lower()]  # fmt: skip
        if answer and len(named) == 1:
            return named[0]
        raise Again(f"Please type a number from 1 to {len(areas)} for the focus area.")

    return talk.ask(Question(ask, enter), parse)


_SEPARATORS = re.compile(r"[\s,;/+]+")
_HALT_KEYS: dict[str, Halt] = {"hungry": "hungry", "angry": "angry", "lonely": "lonely",
                               "tired": "tired"}  # fmt: skip


def parse_halt(answer: str) -> tuple[Halt, ...] | None:
    """``h t``, ``ht``, ``tired`` or ``Hungry, tired`` as HALT states; None if it doesn't fit."""
    chosen: set[Halt] = set()
    for token in _SEPARATORS.split(answer.lower()):
        if not token:
            continue
        if token in _HALT_KEYS:
            chosen.add(_HALT_KEYS[token])
        elif all(letter in "halt" for letter in token):
            chosen.update(next(k for k in _HALT_KEYS.values() if k[0] == c) for c in token)
        else:
            return None
    return tuple(k for k in _HALT_KEYS.values() if k in chosen)  # in HALT order


def ask_halt(talk: Conversation, old: tuple[Halt, ...]) -> tuple[Halt, ...]:
    """HALT: hungry, angry, lonely, tired; letters or words, blank for none."""
    words = [label.lower() for label in HALT_LABELS.values()]
    ask = f"HALT: are you {_or_list(words)}? Type the letters or the words, like h t"
    enter = (f"Enter alone keeps {', '.join(old)}; type none to clear it" if old
             else "Enter alone means none")  # fmt: skip

    def parse(answer: str) -> tuple[Halt, ...]:
        if not answer:
            return old
        if answer.lower() in CLEAR:
            return ()
        halt = parse_halt(answer)
        if halt is None:
            raise Again("Please type h, a, l or t, or the words hungry, angry, lonely, tired.")
        return halt

    return talk.ask(Question(ask, enter), parse)


def ask_triggers(
    talk: Conversation, triggers: Sequence[Trigger], old: tuple[str, ...]
) -> tuple[str, ...]:
    """Triggers met, by their numbers in the plan's own list; blank for none."""
    if not triggers:
        talk.say("Triggers met: your plan lists no triggers yet, so this one is skipped.")
        return old
    talk.say("Your triggers:")
    for n, trigger in enumerate(triggers, start=1):
        talk.say(f"  {n} {_show(trigger.text)}")
    number = {t.id: n for n, t in enumerate(triggers, start=1)}
    kept = [f"{number[i]} {_show(triggers[number[i] - 1].text)}" for i in old if i in number]
    if len(kept) < len(old):
        gone = len(old) - len(kept)
        kept.append(f"{gone} no longer in your list" if gone > 1 else "1 no longer in your list")
    enter = (f"Enter alone keeps {', '.join(kept)}; type none to clear it" if old
             else "Enter alone means none")  # fmt: skip
    again = (
        "Please type 1, the trigger's number." if len(triggers) == 1
        else f"Please type numbers from 1 to {len(triggers)}, with spaces between them."
    )  # fmt: skip

    def parse(answer: str) -> tuple[str, ...]:
        if not answer:
            return old
        if answer.lower() in CLEAR:
            return ()
        chosen: list[str] = []
        for token in _SEPARATORS.split(answer):
            if not token:
                continue
            if not token.isdigit() or not 1 <= int(token) <= len(triggers):
                raise Again(again)
            trigger_id = triggers[int(token) - 1].id
            if trigger_id not in chosen:
                chosen.append(trigger_id)
        return tuple(chosen)

    like = "1" if len(triggers) == 1 else f"1 {min(3, len(triggers))}"
    return talk.ask(Question(f"Triggers met: type their numbers, like {like}", enter), parse)


def ask_text(talk: Conversation, label: str, example: str, old: str) -> str:
    """One short line of text (what helped, one good thing, a note)."""
    enter = (f'Enter alone keeps "{_show(old)}"; type none to clear it' if old
             else "Enter alone leaves it empty")  # fmt: skip

    def parse(answer: str) -> str:
        if not answer:
            return old
        if answer.lower() in CLEAR:
            return ""
        return clean_line(answer).strip()

    return talk.ask(Question(f"{label}: {example}", enter), parse)


def ask_checkin(talk: Conversation, plan: Plan, day: date) -> CheckIn:
    """All of today's questions, in the form's order; the answers as a check-in."""
    old = checkin_on(plan, day)
    again = " (you checked in already today: this updates it)" if old else ""
    talk.say(f"Check-in for {day.isoformat()}{again}")
    keeps = " Enter alone keeps today's answer." if old else ""
    talk.say(f"Type each answer and press Enter.{keeps} Ctrl+C leaves without saving.")
    talk.say("In a crisis: recovery-tui crisis")
    talk.say()
    mood = ask_mood(talk, old.mood if old else None)
    craving = ask_craving(talk, old.craving if old else None)
    used = ask_used(talk, old.used if old else None)
    areas = plan.focus_areas
    area: str | None = None
    if used and not areas:
        raise NoFocusArea
    if used:
        old_area = old.focus_area if old and old.used else None
        area = ask_focus_area(talk, areas, old_area) if len(areas) > 1 else areas[0].id
    halt = ask_halt(talk, old.halt if old else ())
    triggers_met = ask_triggers(talk, plan.triggers, old.triggers_met if old else ())
    texts = {name: ask_text(talk, label, example, getattr(old, name) if old else "")
             for name, label, example in TEXTS}  # fmt: skip
    return CheckIn(
        date=day, mood=mood, craving=craving, used=used, focus_area=area, halt=halt,
        triggers_met=triggers_met, **texts,
    )  # fmt: skip


# --- running it ---------------------------------------------------------------------------


@contextlib.contextmanager
def _no_interrupt() -> Iterator[None]:
    """Ignore Ctrl+C while saving and saying so: "Nothing was saved." is never said of a
    saved check-in, and a saved one always gets its summary."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)


def _forgiving(stream: TextIO) -> None:
    """A text stream that replaces what its encoding can't carry instead of failing."""
    reconfigure = getattr(stream, "reconfigure", None)
    if reconfigure is not None:
        with contextlib.suppress(ValueError, OSError):
            reconfigure(errors="replace")


def _unreadable(message: str) -> int:
    """A plan that can't be opened: say why, and still show where help is (as cli does)."""
    from recovery_tui.helplines import crisis_sheet, crisis_text

    help_now = crisis_text(crisis_sheet(None, "If you need help right now:"))
    print(f"{message}\n\n{help_now}", file=sys.stderr)
    return 1


def run_plain_review(
    data: Path, inp: TextIO | None = None, out: TextIO | None = None, *, key: Key | None = None
) -> int:
    """Ask today's check-in line by line and save it; return the exit status
    (0 saved, 1 not saved, 130 after Ctrl+C). ``key`` opens an encrypted plan (the caller
    asks for its passphrase: ``recovery-tui review --plain`` does)."""
    inp = inp if inp is not None else sys.stdin
    out = out if out is not None else sys.stdout
    for stream in (inp, out, sys.stderr):
        _forgiving(stream)
    store = PlanStore(data, key)
    try:
        try:
            plan = store.open()
        except KeyboardInterrupt:
            print(NOTHING_SAVED, file=out)
            return 130
        except StoreError as error:
            return _unreadable(str(error))
        except OSError as error:
            return _unreadable(f"Could not open {data}: {error.strerror}.")
        if store.read_only:
            # Said at once, not after every question: another window has the plan, or
            # its folder or file can't be written (the store's words say which).
            print(f"{store.read_only_reason}\n{NOTHING_SAVED}", file=sys.stderr)
            return 1
        return _check_in(store, plan, Conversation(inp, out), date.today())
    finally:
        store.close()


def _check_in(store: PlanStore, plan: Plan, talk: Conversation, day: date) -> int:
    """Ask, then save; say what happened either way."""
    try:
        checkin = ask_checkin(talk, plan, day)
        saved = record_checkin(plan, checkin)
    except KeyboardInterrupt:
        talk.end_line()
        talk.say(NOTHING_SAVED)
        return 130
    except EOFError:  # Ctrl+D, or piped answers that ran out
        talk.end_line()
        ended = "" if _isatty(talk.inp) else "The answers ended before the last question. "
        talk.say(f"{ended}{NOTHING_SAVED}")
        return 1
    except NoFocusArea:
        talk.say(f"{NO_FOCUS_AREA_WORDS} {NOTHING_SAVED}")
        return 1
    with _no_interrupt():  # from here on it is saved, or it says why not
        try:
            store.save(saved)
        except StoreError as error:
            print(f"{error}\nYour check-in was not saved.", file=sys.stderr)
            return 1
        talk.say()
        for line in checkin_summary(saved, day):
            talk.say(one_line(line))  # focus-area names are the person's text, on one line
        if checkin.used:
            talk.say(LAPSE_WORDS)
            talk.say(DEBRIEF_POINTER)
    return 0
