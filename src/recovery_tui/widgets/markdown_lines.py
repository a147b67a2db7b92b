"""The written plan's Markdown as lines of styled text, for a line-virtualized view.

Textual's Markdown widget builds a widget per block, which takes seconds for years of
data; here markdown-it tokens become :class:`Block` s (width-independent), and blocks are
wrapped into :class:`Line` s for one width. Only what :mod:`recovery_tui.render` and the
exports emit needs covering: headings, paragraphs, nested lists, emphasis, rules, tables,
code; user text in it is escaped, so nothing here ever comes from the person's own words.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

from textual.content import Content
from textual.css.types import TextOverflow

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.token import Token

# Inline token -> the style it adds until its closing token.
_INLINE_STYLES = {"strong": "bold", "em": "italic", "s": "strike", "link": "underline"}
_HEADING_START = re.compile(r"^#{1,6} ", re.MULTILINE)
_ESCAPED = re.compile(r"\\([!-/:-@\[-`{-~])")


@dataclass(frozen=True)
class Block:
    """One paragraph, heading, list item, table row or rule, not yet wrapped."""

    kind: str  # "h1".."h6", "p", "item", "code", "rule", "row"
    content: Content
    indent: int = 0
    marker: str = ""  # printed before the first line ("• ", "2. ")
    gap: bool = True  # a blank line before it


@dataclass(frozen=True)
class Line:
    """One screen line: its text and the kind of block it came from (for its style)."""

    kind: str
    content: Content
    block: int


@cache
def _parser() -> MarkdownIt:
    from markdown_it import MarkdownIt  # only when the Plan tab is first shown

    return MarkdownIt("commonmark", {"html": False}).enable("table").enable("strikethrough")


def warm_up() -> None:
    """Make the parser now (imports markdown-it), e.g. in a thread while the app is idle."""
    _parser()


def split_sections(source: str) -> list[str]:
    """Cut the document before each heading so it can be parsed a piece at a time.

    Safe for what render.py writes: a heading ends any list or paragraph before it, and
    user text is escaped, so a line of it can never start a heading.
    """
    starts = [match.start() for match in _HEADING_START.finditer(source)]
    if not starts or starts[0] != 0:
        starts.insert(0, 0)
    ends = [*starts[1:], len(source)]
    return [source[start:end] for start, end in zip(starts, ends, strict=True)]


def heading_text(piece: str) -> tuple[int, str] | None:
    """The level and plain text of the heading a piece starts with, if any."""
    match = _HEADING_START.match(piece)
    if not match:
        return None
    first = piece[match.end() :].split("\n", 1)[0]
    return match.end() - 1, _ESCAPED.sub(r"\1", first).strip()


def blocks_from_markdown(source: str) -> list[Block]:
    """Turn a Markdown text into blocks (the inverse of nothing: display only)."""
    return list(_walk(_parser().parse(source)))


def _walk(tokens: Sequence[Token]) -> Iterator[Block]:
    lists: list[list[int]] = []  # per open list: [next number, or -1 for bullets]
    marker = ""
    in_item = False
    first_in_list = False
    rows: list[list[Content]] = []
    i = 0
    while i < len(tokens):
        token = tokens[i]
        kind = token.type
        if kind in ("bullet_list_open", "ordered_list_open"):
            start = int(token.attrGet("start") or 1) if kind == "ordered_list_open" else -1
            lists.append([start])
            first_in_list = True
        elif kind in ("bullet_list_close", "ordered_list_close"):
            lists.pop()
        elif kind == "list_item_open":
            number = lists[-1][0]
            marker = "• " if number < 0 else f"{number}. "
            if number >= 0:
                lists[-1][0] += 1
            in_item = True
        elif kind == "list_item_close":
            in_item = False
        elif kind == "heading_open":
            yield Block(token.tag, inline_content(tokens[i + 1]))
            i += 2
        elif kind == "paragraph_open" and lists:
            indent = 2 * (len(lists) - 1)
            gap = first_in_list and len(lists) == 1
            if in_item and marker:
                yield Block("item", inline_content(tokens[i + 1]), indent, marker, gap)
            else:  # a second paragraph of the same item
                yield Block("item", inline_content(tokens[i + 1]), indent + 2, gap=not token.hidden)
            marker, first_in_list = "", False
            i += 2
        elif kind == "paragraph_open":
            yield Block("p", inline_content(tokens[i + 1]))
            i += 2
        elif kind in ("fence", "code_block"):
            yield Block("code", Content(token.content.rstrip("\n")), 2)
        elif kind == "hr":
            yield Block("rule", Content(""))
        elif kind == "tr_open":
            rows.append([])
        elif kind == "inline" and rows:  # a table cell
            rows[-1].append(inline_content(token))
        elif kind == "table_close":
            yield from _table_blocks(rows)
            rows = []
        i += 1


def inline_content(token: Token) -> Content:
    """An inline token's children as one styled Content."""
    parts: list[tuple[str, str]] = []
    styles: list[str] = []
    for child in token.children or ():
        kind = child.type
        if kind in ("text", "html_inline"):
            parts.append((child.content, " ".join(styles)))
        elif kind == "code_inline":
            parts.append((child.content, " ".join([*styles, "bold"])))
        elif kind == "softbreak":
            parts.append((" ", ""))
        elif kind == "hardbreak":
            parts.append(("\n", ""))
        elif kind == "image":
            parts.append((f"[image: {child.content}]", " ".join(styles)))
        elif kind.endswith("_open") and kind[:-5] in _INLINE_STYLES:
            styles.append(_INLINE_STYLES[kind[:-5]])
        elif kind.endswith("_close") and kind[:-6] in _INLINE_STYLES and styles:
            styles.pop()
    return Content.assemble(*parts)


def _table_blocks(rows: list[list[Content]]) -> Iterator[Block]:
    """Rows with their columns padded to one width, the header in bold."""
    count = max((len(row) for row in rows), default=0)
    widths = [max((row[c].cell_length for row in rows if c < len(row)), default=0)
              for c in range(count)]  # fmt: skip
    for index, row in enumerate(rows):
        cells = [cell.pad_right(widths[c] - cell.cell_length) for c, cell in enumerate(row)]
        line = Content(" │ ").join(cells)
        yield Block("row", line.stylize("bold") if index == 0 else line, gap=index == 0)


def wrap_blocks(blocks: Sequence[Block], width: int, first: int = 0) -> list[Line]:
    """Lines for ``blocks`` at ``width`` cells; ``first`` is the first block's number."""
    lines: list[Line] = []
    for number, block in enumerate(blocks, start=first):
        if block.gap and number:
            lines.append(Line("blank", Content(""), number))
        if block.kind == "rule":
            lines.append(Line("rule", Content("─" * width), number))
            continue
        lead = block.indent + len(block.marker)
        overflow: TextOverflow = "fold" if block.kind != "row" else "ellipsis"
        wrapped = block.content.wrap(max(8, width - lead), overflow=overflow)
        for row, text in enumerate(wrapped or [Content("")]):
            prefix = " " * block.indent + (block.marker if row == 0 else " " * len(block.marker))
            lines.append(Line(block.kind, Content(prefix) + text if prefix else text, number))
    return lines
