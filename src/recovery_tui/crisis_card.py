"""The crisis card: an unencrypted page beside an encrypted plan, kept only by choice.

With the plan encrypted, ``recovery-tui crisis`` can show the national lines at once but the
person's own people only after the passphrase. Someone who wants them in reach without it can
keep this card (``recovery-tui encrypt --crisis-card``): the people marked to call in a
crisis, the warning signs with what to do, the person's own crisis lines and the national
lines; nothing else of the plan (no coping notes, goals, check-ins, names of substances). It
is plain text, 0600, written atomically; the store rewrites it whenever one of those lists
changes, so it never goes stale; deleting it is always safe.
"""

from __future__ import annotations

import contextlib
import dataclasses
from pathlib import Path

from recovery_tui.atomic import write_atomically
from recovery_tui.helplines import crisis_sheet, crisis_text
from recovery_tui.model import Plan
from recovery_tui.store_errors import StoreError
from recovery_tui.store_guard import read_limited
from recovery_tui.text import clean

CARD_NAME = "crisis-card.txt"
CARD_LISTS = frozenset({"contacts", "warning_signs", "crisis_lines"})  # what the card shows
CARD_HEADING = (
    "Crisis card (recovery-tui). Kept unencrypted by your choice, so it opens without the "
    "passphrase; delete it any time."
)


def card_path(plan_file: Path) -> Path:
    """Where the crisis card of the plan at ``plan_file`` is kept: beside it."""
    return plan_file.with_name(CARD_NAME)


def card_text(plan: Plan) -> str:
    """The card: crisis contacts, warning signs and crisis lines only, then the national
    lines (the same words as ``recovery-tui crisis``)."""
    sheet = dataclasses.replace(crisis_sheet(plan), coping=[], professionals=[])
    return f"{CARD_HEADING}\n\n{crisis_text(sheet)}"


def write_card(plan_file: Path, plan: Plan) -> Path:
    """Write (or replace) the card for ``plan``; OSError if it can't be written."""
    path = card_path(plan_file)
    write_atomically(path, card_text(plan).encode("utf-8"))
    return path


def refresh_card(plan_file: Path, plan: Plan) -> None:
    """Rewrite the card if the person keeps one (the plan is saved already, so a card that
    can't be written now is left for the next change of its lists)."""
    if card_path(plan_file).exists():
        with contextlib.suppress(OSError):
            write_card(plan_file, plan)


def read_card(plan_file: Path) -> str | None:
    """The card's text without terminal control (its own bidi isolates stay), or None when
    there is none or it can't be read: a link, a pipe or a device there is never read, so
    ``crisis`` never waits."""
    try:
        raw = read_limited(card_path(plan_file))
    except (OSError, StoreError):
        return None
    return None if raw is None else clean(raw.decode("utf-8", errors="replace"))


def remove_card(plan_file: Path) -> bool:
    """Delete the card; whether one was deleted."""
    try:
        card_path(plan_file).unlink()
    except OSError:
        return False
    return True


def card_words(card: Path | None) -> str:
    """What ``encrypt`` says about the card: where it is and what it holds, or how to keep
    one."""
    if card is None:
        return (
            "In a crisis, `recovery-tui crisis` shows the national lines at once and your own\n"
            "people after the passphrase. To keep your crisis contacts, warning signs and crisis\n"
            "lines readable without it: recovery-tui encrypt --crisis-card"
        )
    return (
        f"Your crisis card is kept unencrypted, as you asked: {card}\n"
        "It holds only your crisis contacts, warning signs and crisis lines, and stays up to\n"
        "date as you change them. `recovery-tui crisis` shows it without the passphrase.\n"
        "Delete it whenever you like; `recovery-tui decrypt` removes it too."
    )
