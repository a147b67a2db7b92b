"""User text in Markdown: always shown literally, and still readable as plain text.

Only what would start a Markdown construct where it stands is backslash-escaped: a ``#``
or ``-`` opening a line, a ``*`` or ``_`` that could open or close emphasis, a ``<`` that
could start HTML, a ``](`` that could make a link, ... So ``555-0142`` and ``Dr. Lee`` stay
as written, and a goal titled ``# [b]x[/b] <i>`` still never becomes a heading, a link or
HTML (a hypothesis test checks any text in every place the renderers put it).

Exports also set each piece of user text apart for bidi (FSI ... PDI, see
:func:`isolating`), so a name in Arabic or Hebrew cannot reorder the words around it; a
phone number or email (:func:`md_reach`) gets no invisible character at all, and the
renderers put it before the name, where nothing can reorder it.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from recovery_tui.text import clean_line, clean_reach, for_display, isolated

_ISOLATING: ContextVar[bool] = ContextVar("isolating", default=False)

# At the start of a line: what opens a block (heading, list, quote, fence, rule, link
# definition, task box, setext underline). Group 1 is the character to escape.
_BLOCK_START = re.compile(
    r"(#)#{0,5}(?:[ \t]|$)"  # ATX heading
    r"|([-+*])(?:[ \t]|$)"  # bullet list item
    r"|\d{1,9}([.)])(?:[ \t]|$)"  # ordered list item
    r"|([>\[~])"  # block quote, link reference definition or task box, tilde fence
    r"|([-*_])(?:[ \t]*\5){2,}[ \t]*$"  # thematic break
    r"|([=-])\6*[ \t]*$"  # setext heading underline
)
# A line that could be a table's delimiter row (GFM): its pipes are escaped.
_DELIMITER_ROW = re.compile(r"[ \t|:-]*-[ \t|:-]*")
# An entity reference, or the start of one that the text after the user's could complete.
_ENTITY = re.compile(r"&(?:#[0-9]{0,7}|#[xX][0-9a-fA-F]{0,6}|[A-Za-z][A-Za-z0-9]{0,31})(?:;|$)")
_ASCII_PUNCT = frozenset("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")
_HEADING_CLOSE = re.compile(r"(?:^|(?<=[ \t]))#+[ \t]*$")
_INLINE = frozenset("\\`<&]*_~")  # what may open or close inline Markdown
_MAYBE_MARKUP = re.compile(r"[\\`<&\]*_~|#]")  # those, and what a whole line may make


@contextmanager
def isolating() -> Iterator[None]:
    """Within this block, user text is isolated (FSI ... PDI): for the exports, which are
    read in any text viewer, browser or printer. The app's own screens leave it out: the
    terminal lays out text cell by cell, and the marks would only be noise there."""
    token = _ISOLATING.set(True)
    try:
        yield
    finally:
        _ISOLATING.reset(token)


def md(text: str) -> str:
    """Escape user text for Markdown; its line breaks stay line breaks (a backslash at the
    end of a line), blank lines included. Outer blanks of each line are dropped: Markdown
    shows none, and four leading spaces would start a code block."""
    lines = [line.strip(" \t") if line.strip() else "" for line in for_display(text).split("\n")]
    while lines and not lines[-1]:  # a break ending a paragraph would show as a backslash
        lines.pop()
    while lines and not lines[0]:
        lines.pop(0)
    isolate = _ISOLATING.get()
    shown = (escape_line(line) for line in lines)
    return "\\\n".join(isolated(line) if isolate else line for line in shown)


def md_line(text: str) -> str:
    """Escape user text for a one-line place such as a heading."""
    return md(clean_line(text))


def md_reach(text: str) -> str:
    """A phone number or email: one line, escaped like any text but never isolated, so a
    copied number holds nothing but what was written (and dials)."""
    return escape_line(clean_reach(for_display(text)))


def bold_name(name: str) -> str:
    """A name in bold, on one line; "(unnamed)" for a blank one (``****`` is a rule)."""
    return strong(clean_line(name)) or "(unnamed)"


def strong(text: str) -> str:
    """User text in bold ("" for a blank one). Outer blanks (U+00A0, U+3000 too) are
    dropped: ``** Sam**`` is no bold at all."""
    shown = md(for_display(text).strip())
    return f"**{shown}**" if shown else ""


def title(what: str, name: str) -> str:
    """A document's first heading, ``# Support card: Sam``; no colon for a blank name."""
    shown = md_line(name)
    return f"# {what}: {shown}" if shown else f"# {what}"


def counted(count: int, noun: str, plural: str = "") -> str:
    """``1 review``, ``3 more triggers``, ``1,204 check-ins``: a count in words."""
    return f"{count:,} {noun if count == 1 else plural or noun + 's'}"


def escape_line(line: str) -> str:
    """One line of user text (no line break in it), escaped where it would start Markdown."""
    block = _BLOCK_START.match(line)
    if not block and not _MAYBE_MARKUP.search(line):
        return line  # most lines: nothing could start Markdown (a 10-year plan: ~25 ms)
    out = list(line)
    for found in _MAYBE_MARKUP.finditer(line):
        i = found.start()
        if line[i] in _INLINE and _starts_markup(line, i):
            out[i] = "\\" + line[i]
    if block:
        at = next(block.start(g) for g in range(1, 7) if block.start(g) >= 0)
        if not out[at].startswith("\\"):
            out[at] = "\\" + line[at]
    if "|" in line and _DELIMITER_ROW.fullmatch(line):
        out = ["\\|" if c == "|" else c for c in out]
    closing = _HEADING_CLOSE.search(line) if "#" in line else None
    if closing and not out[closing.start()].startswith("\\"):
        out[closing.start()] = "\\#"
    return "".join(out)


def _starts_markup(line: str, i: int) -> bool:
    """Whether the punctuation at ``line[i]`` could start or end inline Markdown."""
    char = line[i]
    after = line[i + 1] if i + 1 < len(line) else ""
    if char == "\\":
        return after == "" or after in _ASCII_PUNCT
    if char == "`":
        return True  # a code span may pair with a backtick in other user text
    if char == "<":
        return after.isascii() and (after.isalpha() or after in "/!?")
    if char == "&":
        return bool(_ENTITY.match(line, i))
    if char == "]":
        return after in ("", "(", "[")
    if char in "*_~":
        return _flanking(line, i)
    return False


def _flanking(line: str, i: int) -> bool:
    """Whether the run of ``*``, ``_`` or ``~`` holding ``line[i]`` could open or close
    emphasis (CommonMark's flanking rules). A run at either end of the text could meet the
    renderer's own markup, so it is always escaped."""
    char = line[i]
    start, end = i, i + 1
    while start > 0 and line[start - 1] == char:
        start -= 1
    while end < len(line) and line[end] == char:
        end += 1
    if start == 0 or end == len(line):
        return True
    before, after = line[start - 1], line[end]
    left = not after.isspace() and (not _punct(after) or before.isspace() or _punct(before))
    right = not before.isspace() and (not _punct(before) or after.isspace() or _punct(after))
    if char == "_":  # inside a word, "_" neither opens nor closes (snake_case)
        opens = left and (not right or _punct(before))
        closes = right and (not left or _punct(after))
        return opens or closes
    return left or right


def _punct(char: str) -> bool:
    """CommonMark's punctuation: ASCII punctuation and Unicode P* and S* characters."""
    return char in _ASCII_PUNCT or unicodedata.category(char)[0] in "PS"
