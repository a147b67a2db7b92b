"""User text in Markdown: always shown literally.

Every ASCII punctuation character is backslash-escaped (valid CommonMark), so a goal titled
``# [b]x[/b] <i>`` can never become a heading, a link, HTML or markup.
"""

from __future__ import annotations

import string

from recovery_tui.text import clean_line, for_display

_ESCAPES = str.maketrans({c: "\\" + c for c in string.punctuation})


def md(text: str) -> str:
    """Escape user text for Markdown; its line breaks stay line breaks.

    Leading blanks become character references (four spaces would start a code block),
    and trailing blank lines are dropped (a hard break ending a block shows as a backslash).
    """
    lines = for_display(text).rstrip().split("\n")
    return "\\\n".join(_md_line_start(line) for line in lines)


def _md_line_start(line: str) -> str:
    body = line.lstrip(" \t")
    indent = line[: len(line) - len(body)]
    return indent.replace(" ", "&#32;").replace("\t", "&#9;") + body.translate(_ESCAPES)


def md_line(text: str) -> str:
    """Escape user text for a one-line place such as a heading."""
    return md(clean_line(text))


def bold_name(name: str) -> str:
    """A name in bold; "(unnamed)" for a blank one (``****`` would be a rule)."""
    shown = md_line(name)
    return f"**{shown}**" if shown else "(unnamed)"
