"""Asking for a passphrase, and a plain word about a new one's strength.

A new passphrase must have at least :data:`MIN_LENGTH` characters and be typed twice the
same (a typo there would lock the person out); once chosen, one line says how strong it is
in plain words, and how to make it stronger. Existing passphrases open whatever their
length. No terminal handling here: the caller hands in ``getpass``.
"""

from __future__ import annotations

import getpass as _getpass
import sys
import unicodedata
from collections.abc import Callable

from recovery_tui.crypto_errors import NoPassphrase

MIN_LENGTH = 8
TOO_SHORT = (
    f"A passphrase needs at least {MIN_LENGTH} characters. A few ordinary words in a row "
    "are easy to remember and hard to guess."
)


def strength(passphrase: str) -> str:
    """One line on how hard ``passphrase`` is to guess, for someone with a copy of the
    files: weak, fair or strong, and what would make it stronger."""
    text = unicodedata.normalize("NFC", passphrase)
    words = len(text.split())
    kinds = sum(any(test(c) for c in text) for test in (str.islower, str.isupper, str.isdigit))
    kinds += any(not c.isalnum() and not c.isspace() for c in text)
    plain = len(set(text)) <= 3 or text.isdigit()
    if not plain and (len(text) >= 20 or (words >= 4 and len(text) >= 16)):
        return "Strength: strong. Nobody is going to guess that."
    if not plain and (len(text) >= 12 or words >= 3 or (len(text) >= 10 and kinds >= 3)):
        return ("Strength: fair. A fourth word, or a few more characters, would make it "
                "strong.")  # fmt: skip
    return ("Strength: weak. Someone with a copy of your files could guess it; four or more "
            "ordinary words in a row would be much stronger.")  # fmt: skip


def _tell_stderr(message: str) -> None:
    print(message, file=sys.stderr)


def ask_passphrase(
    prompt: str = "Passphrase: ",
    confirm: bool = False,
    *,
    getpass: Callable[[str], str] | None = None,
    tell: Callable[[str], None] | None = None,
    tries: int = 3,
) -> str:
    """Ask for a passphrase on the terminal without echoing it (``getpass`` by default).

    An empty answer is refused; with ``confirm`` (when setting one) it needs
    :data:`MIN_LENGTH` characters, must be typed twice the same, and its strength is said.
    After ``tries`` failed attempts, or with no terminal to ask on, raises
    :class:`NoPassphrase`.
    """
    read = getpass or _getpass.getpass
    say = tell or _tell_stderr
    for _ in range(tries):
        try:
            first = read(prompt)
            if not first:
                say("The passphrase can't be empty.")
                continue
            if confirm and len(unicodedata.normalize("NFC", first)) < MIN_LENGTH:
                say(TOO_SHORT)
                continue
            if confirm and read("Type it again: ") != first:
                say("The two passphrases were not the same. Please try again.")
                continue
        except EOFError:
            raise NoPassphrase("No passphrase was given (no terminal to ask on).") from None
        if confirm:
            say(strength(first))
        return first
    raise NoPassphrase("No passphrase was given.")
