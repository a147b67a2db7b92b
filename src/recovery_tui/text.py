"""Make user text safe to store and to show: it is data, never terminal control.

Typed, pasted and imported text passes through :func:`clean` before it is stored, so
control characters (C0 but tab and newline, DEL, C1) and lone surrogates never reach the
file. :func:`for_display` also removes bidi embedding, override and isolate controls,
which could make shown text read differently from what is stored ("Trojan Source").
"""

from __future__ import annotations

import re

# C0 except TAB (\x09) and LF (\x0a), DEL, C1, and lone UTF-16 surrogates.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")
_BIDI = re.compile("[\u202a-\u202e\u2066-\u2069]")


def clean(text: str) -> str:
    """Return ``text`` without control characters (newline and tab are kept)."""
    return _CONTROL.sub("", text)


def clean_line(text: str) -> str:
    """Return ``text`` cleaned for a one-line field: newlines and tabs become spaces."""
    return clean(text).replace("\n", " ").replace("\t", " ")


def for_display(text: str) -> str:
    """Return ``text`` safe to hand to the terminal: no controls, no bidi overrides."""
    return _BIDI.sub("", clean(text))


def one_line(text: str) -> str:
    """User text for a one-line row: safe to show, line breaks as spaces."""
    return for_display(text).replace("\n", " ")
