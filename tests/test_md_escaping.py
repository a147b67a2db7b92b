"""recovery_tui.mdtext: user text in Markdown shows literally, and reads as plain text.

The property: any string, in every place the renderers put user text (a paragraph, a list
item, a heading, a bold name, two texts side by side, a phone number before a name), is
shown by markdown-it-py as written, with no markup of its own: with raw HTML off (the
export), on (as other CommonMark renderers have it) and with GFM's tables and
strikethrough. Only what would start a construct is escaped.
"""

from __future__ import annotations

import re
import string
from collections.abc import Callable

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from markdown_it.token import Token

from recovery_tui.mdtext import bold_name, isolating, md, md_line, md_reach
from recovery_tui.text import FSI, PDI, clean_line, clean_reach, for_display

RENDERERS = {
    "commonmark": MarkdownIt("commonmark", {"html": False}),
    "raw html on": MarkdownIt("commonmark", {"html": True}),
    "gfm tables and strikethrough": MarkdownIt("commonmark").enable(["table", "strikethrough"]),
}
FRAGMENTS = [*string.punctuation, "\n", "\n\n", "    ", "\t", " ", "1.", "2)", "---", "===",
             "***", "___", "```", "~~~", "- ", "+ ", "* ", "# ", "> ", "[x]: /u", "[ ] ",
             "](", "<a>", "<http://x>", "&amp;", "&#42;", "|---|", "| a |", "\\", "\u00a0",
             "\u2003", "\u3000", "\u202e", "\u2066", "\u2069", "\u061c", "\u200f", "Sam",
             "سمير", "שרה", "555-0100", "\u0301", "🙂"]  # fmt: skip
TEXTS = st.one_of(
    st.text(max_size=30),
    st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=3)), max_size=10).map("".join),
)
STRUCTURE = {"paragraph_open", "paragraph_close", "inline", "bullet_list_open",
             "bullet_list_close", "list_item_open", "list_item_close", "heading_open",
             "heading_close"}  # fmt: skip
INLINE = {"text", "softbreak", "hardbreak", "strong_open", "strong_close"}


def _shown_lines(text: str) -> list[str]:
    """What a reader should see: the text's lines, outer blanks of each and blank lines
    at either end left out (Markdown shows none of them)."""
    lines = [line.strip() for line in for_display(text).split("\n")]
    while lines and not lines[-1]:
        lines.pop()
    while lines and not lines[0]:
        lines.pop(0)
    return lines


def _inline_text(tokens: list[Token]) -> str:
    """The inline text as a reader sees it: breaks as newlines, bidi isolates left out."""
    parts = []
    for token in tokens:
        for child in token.children or []:
            if child.type == "text":
                parts.append(child.content)
            elif child.type in ("softbreak", "hardbreak"):
                parts.append("\n")
            elif child.type in ("strong_open", "strong_close"):
                parts.append("**")
    return "".join(parts).replace(FSI, "").replace(PDI, "")


def _markup(tokens: list[Token]) -> list[str]:
    """Block tokens and inline markup (text and breaks left out), to compare with the same
    place holding a plain word."""
    out = []
    for token in tokens:
        out.append(token.type)
        out += [c.type for c in token.children or [] if c.type not in ("text", "softbreak",
                                                                        "hardbreak")]  # fmt: skip
    return out


def _lines(text: str) -> list[str]:
    """Each line without its blanks: what matters is that every other character shows, in
    its order, on its line (how many blanks a browser shows is its own affair)."""
    return ["".join(line.split()) for line in text.split("\n")]


Place = Callable[[str], tuple[str, str]]  # user text -> (Markdown, the text a reader sees)


def _paragraph(text: str) -> tuple[str, str]:
    return f"Note: {md(text)}", "\n".join(["Note: " + "\n".join(_shown_lines(text))])


def _item(text: str) -> tuple[str, str]:
    return f"- {md(text)}", "\n".join(_shown_lines(text))


def _alone(text: str) -> tuple[str, str]:
    return md(text), "\n".join(_shown_lines(text))


def _heading(text: str) -> tuple[str, str]:
    return f"### {md_line(text)}", for_display(clean_line(text)).strip()


def _bold_then_text(text: str) -> tuple[str, str]:
    name = for_display(clean_line(text)).strip()
    shown = f"**{name}**" if name else "(unnamed)"
    return f"- {bold_name(text)}: {md(text)}", shown + ": " + "\n".join(_shown_lines(text))


def _side_by_side(text: str) -> tuple[str, str]:
    """Two pieces of user text in one line: no markup may pair across them."""
    first, second = _shown_lines(text), _shown_lines(text[::-1])
    shown = "\n".join(first) + " and " + "\n".join(second)
    return f"- {md(text)} and {md(text[::-1])}", shown


def _then_punctuation(text: str) -> tuple[str, str]:
    """The renderer's own punctuation right after user text (``&copy`` + ``;``)."""
    shown = "\n".join(_shown_lines(text))
    return f"- ({md(text)}); {md(text)}: {md(text)}.", f"({shown}); {shown}: {shown}."


def _number_first(text: str) -> tuple[str, str]:
    number = clean_reach(for_display(text))
    name = for_display(clean_line(text)).strip()
    bold = f"**{name}**" if name else "(unnamed)"
    return f"- {md_reach(text) or 'none'} · {bold_name(text)}", f"{number or 'none'} · {bold}"


PLACES: dict[str, Place] = {
    "paragraph": _paragraph,
    "list item": _item,
    "alone": _alone,
    "heading": _heading,
    "bold name": _bold_then_text,
    "side by side": _side_by_side,
    "then punctuation": _then_punctuation,
    "number first": _number_first,
}


def _check(place: Place, text: str, isolate: bool) -> None:
    if isolate:
        with isolating():
            markdown, shown = place(text)
    else:
        markdown, shown = place(text)
    blank = not for_display(clean_line(text)).strip()
    plain_markdown, _ = place("" if blank else "word")  # the same place, plain words
    for name, parser in RENDERERS.items():
        tokens = parser.parse(markdown)
        if not shown.strip():  # nothing to show: at most the place's own markup
            continue
        kinds = {t.type for t in tokens} | {c.type for t in tokens for c in t.children or []}
        assert kinds <= STRUCTURE | INLINE, (name, markdown, kinds - STRUCTURE - INLINE)
        assert _markup(tokens) == _markup(parser.parse(plain_markdown)), (name, markdown)
        assert _lines(_inline_text(tokens)) == _lines(shown), (name, markdown)


@pytest.mark.parametrize("isolate", [False, True], ids=["app", "export"])
@pytest.mark.parametrize("place", PLACES.values(), ids=PLACES.keys())
@settings(max_examples=150, deadline=None)
@given(TEXTS)
@example("# [b]x[/b] [/y] <i>z</i>\n\n- item\n1. item\n    code\n> quote\n&amp;")
@example("*a* _b_ `c` [l](http://x) ![i](y.png) <b>&amp;</b> ~~s~~")
@example("a\n\n\nb")
@example("\\")
@example("x\n--")
@example("| a | b |\n|---|---|\n| 1 | 2 |")
@example("\u00a0Sam")
@example("\u3000**x**\u2003")
@example("[x]: /url\n[x]")
@example("&copy")
def test_any_text_shows_literally_in_every_place(place: Place, isolate: bool, text: str) -> None:
    _check(place, text, isolate)


@pytest.mark.parametrize(
    ("text", "markdown"),
    [
        ("555-0142", "555-0142"),
        ("1-800-662-4357 (free, confidential, 24/7", "1-800-662-4357 (free, confidential, 24/7"),
        ("Dr. Lee", "Dr. Lee"),
        ("Call me: any time, 9-5; or text!", "Call me: any time, 9-5; or text!"),
        ("snake_case and 3 * 4 = 12", "snake_case and 3 * 4 = 12"),
        ("C:\\Users\\sam", "C:\\Users\\sam"),
        ("- a list?", "\\- a list?"),
        ("# a heading?", "\\# a heading?"),
        ("2. an ordered one?", "2\\. an ordered one?"),
        ("*bold*", "\\*bold\\*"),
        ("[a](b)", "\\[a\\](b)"),
        ("<b>", "\\<b>"),
        ("a\nb", "a\\\nb"),
    ],
)
def test_only_what_would_start_markdown_is_escaped(text: str, markdown: str) -> None:
    assert md(text) == markdown


@pytest.mark.parametrize("space", ["\u00a0", "\u2003", "\u3000", " ", "\u202e"])
def test_leading_unicode_spaces_do_not_break_a_bold_name(space: str) -> None:
    for isolate in (False, True):
        if isolate:
            with isolating():
                markdown = f"- {bold_name(space + 'Sam' + space)}: helps"
        else:
            markdown = f"- {bold_name(space + 'Sam' + space)}: helps"
        rendered = RENDERERS["commonmark"].render(markdown)
        assert re.sub("[\u2068\u2069]", "", rendered) == (
            "<ul>\n<li><strong>Sam</strong>: helps</li>\n</ul>\n"
        )


def test_exports_isolate_each_line_of_user_text_and_never_a_number() -> None:
    with isolating():
        assert md("سمير\nline two") == f"{FSI}سمير{PDI}\\\n{FSI}line two{PDI}"
        assert bold_name("שרה") == f"**{FSI}שרה{PDI}**"
        assert md_reach("\u061c555-0100\u200f") == "555-0100"
        assert md("") == ""
    assert md("سمير") == "سمير"  # the app's own screens: no marks
