"""Make user text safe to store and to show: it is data, never terminal control.

Typed, pasted and imported text passes through :func:`clean` before it is stored, so
control characters (C0 but tab and newline, DEL, C1) and lone surrogates never reach the
file. :func:`for_display` also removes bidi embedding, override and isolate controls,
which could make shown text read differently from what is stored ("Trojan Source").
Phone numbers and emails lose every format character on the way in (:func:`clean_reach`),
bidi marks included, so they read and dial as written in any script around them.
"""

from __future__ import annotations

import re
import unicodedata

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


FSI, PDI = "\u2068", "\u2069"  # first-strong isolate, pop directional isolate
# In a phone number or email: format characters go, line and paragraph separators are spaces.
_REACH_CHARS = {"Cf": "", "Zl": " ", "Zp": " "}


def clean_reach(text: str) -> str:
    """A phone number or an email as it should be stored: one line, no outer blanks and no
    format characters (bidi marks, zero-width ones). An invisible U+061C before ``555-0100``
    makes it read ``0100-555``, and a copied number must still dial."""
    line = clean_line(text)
    if line.isascii():
        return line.strip()
    kept = (_REACH_CHARS.get(unicodedata.category(c), c) for c in line)
    return "".join(kept).strip()


def isolated(text: str) -> str:
    """``text`` between FSI and PDI, so its script cannot reorder what stands around it
    (an Arabic name before a phone number, say); "" stays "". The text must hold no bidi
    controls of its own (:func:`for_display` removes them)."""
    return f"{FSI}{text}{PDI}" if text else ""
