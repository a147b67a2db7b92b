"""The written plan in a line-virtualized view that stays quick with years of data.

Only the lines on screen are painted. The Markdown is parsed a heading at a time: what
fills the first screen at once, the rest in short slices between key presses, so the tab
shows at once and scrolling stays smooth while the end of a ten-year plan is still read.
"""

from __future__ import annotations

from collections.abc import Callable
from threading import Thread
from time import perf_counter
from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.geometry import Size
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.style import Style

from recovery_tui.widgets.markdown_lines import (
    Block,
    Line,
    blocks_from_markdown,
    heading_text,
    split_sections,
    warm_up,
    wrap_blocks,
)

SLICE_SECONDS = 0.008  # work per slice: well under a frame, so keys never wait long
SLICE_GAP = 0.01  # time left between slices for drawing and keys
WARM_UP_AFTER = 0.5  # seconds after start: the first screen is drawn by then


class PlanDocument(ScrollView, can_focus=True):
    """A read-only Markdown document; ``]`` and ``[`` move between its sections."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("right_square_bracket", "next_section", "Next section", id="plan.next"),
        Binding(
            "left_square_bracket",
            "previous_section",
            "Previous section",
            show=False,
            id="plan.previous",
        ),
        Binding("space", "page_down", "Page down", show=False),
    ]
    COMPONENT_CLASSES: ClassVar[set[str]] = {
        f"plan-document--{kind}" for kind in ("h1", "h2", "h3", "h4", "code", "row", "rule")
    }

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.source = ""
        self._pieces: list[str] = []
        self._next_piece = 0
        self._blocks: list[Block] = []
        self._lines: list[Line] = []
        self._starts: list[int] = []  # the first line of each section's heading
        self._width = 0
        self._styles: dict[str, Style] = {}
        self._strips: dict[int, Strip] = {}
        self._slicing = False

    def on_mount(self) -> None:
        """Import the Markdown parser in the background once the app is up, so neither the
        start nor the first visit to the Plan tab waits for it (~65 ms)."""
        self.set_timer(WARM_UP_AFTER, lambda: Thread(target=warm_up, daemon=True).start())

    # -- content ------------------------------------------------------------------------

    def update(self, markdown: str) -> None:
        """Show a new document from the top, parsing what fills the screen now."""
        self.source = markdown
        self._pieces = split_sections(markdown)
        self._next_piece = 0
        self._blocks, self._lines, self._starts = [], [], []
        self._strips.clear()
        self.scroll_to(0, 0, animate=False, immediate=True)
        self._read_until(lambda: len(self._lines) >= self.size.height + 1)
        self._schedule()

    @property
    def complete(self) -> bool:
        """Whether the whole document has been read (exports need not wait for this)."""
        return self._next_piece >= len(self._pieces)

    @property
    def plain_lines(self) -> list[str]:
        """The text of each line read so far (what a screen reader or a test sees)."""
        return [line.content.plain for line in self._lines]

    def section_titles(self) -> list[str]:
        """Every top-level section's title, read or not, in order."""
        titles = [heading_text(piece) for piece in self._pieces]
        return [title for level, title in filter(None, titles) if level == 2]

    def _read_piece(self) -> None:
        blocks = blocks_from_markdown(self._pieces[self._next_piece])
        self._next_piece += 1
        lines = wrap_blocks(blocks, self._wrap_width(), first=len(self._blocks))
        self._starts += self._find_starts(lines, len(self._lines))
        self._lines += lines
        self._blocks += blocks

    def _read_until(self, enough: Callable[[], bool], budget: float | None = None) -> None:
        """Read pieces until ``enough()`` is true, the end, or the time budget is spent."""
        started = perf_counter()
        while not self.complete and not enough():
            self._read_piece()
            if budget is not None and perf_counter() - started > budget:
                break
        self.virtual_size = Size(self._wrap_width(), len(self._lines))
        self.refresh()

    def _schedule(self) -> None:
        # A timer, not call_later: queued callbacks run back to back and would starve the
        # screen's updates; between timer ticks the screen is drawn and keys are handled.
        if not self.complete and not self._slicing:
            self._slicing = True
            self.set_timer(SLICE_GAP, self._read_slice)

    def _read_slice(self) -> None:
        self._slicing = False
        self._read_until(lambda: False, SLICE_SECONDS)
        self._schedule()

    def _wrap_width(self) -> int:
        return max(20, self.scrollable_content_region.width or self.size.width or 80)

    def on_resize(self) -> None:
        """Re-wrap what has been read for the new width, keeping the top line's block."""
        if self._wrap_width() == self._width or not self._blocks:
            self._width = self._wrap_width()
            return
        self._width = self._wrap_width()
        top = self._lines[min(int(self.scroll_y), len(self._lines) - 1)].block
        self._lines = wrap_blocks(self._blocks, self._width)
        self._starts = self._find_starts(self._lines)
        self._strips.clear()
        self.virtual_size = Size(self._width, len(self._lines))
        first = next((n for n, line in enumerate(self._lines)
                      if line.block == top and line.kind != "blank"), 0)  # fmt: skip
        self.scroll_to(0, first, animate=False, immediate=True)

    # -- sections -----------------------------------------------------------------------

    def _section_starts(self) -> list[int]:
        return self._starts

    @staticmethod
    def _find_starts(lines: list[Line], offset: int = 0) -> list[int]:
        """The numbers of the lines that begin a section's (possibly wrapped) heading."""
        return [offset + n for n, line in enumerate(lines)
                if line.kind == "h2" and (n == 0 or lines[n - 1].kind != "h2")]  # fmt: skip

    def action_next_section(self) -> None:
        """Scroll so the next section's heading is the top line."""
        top = int(self.scroll_y)

        def found() -> bool:
            return any(start > top for start in self._section_starts())

        self._read_until(found)
        later = [start for start in self._section_starts() if start > top]
        if later:
            self.scroll_to(0, later[0], animate=False, immediate=True)
        else:
            self.scroll_end(animate=False, immediate=True)

    def action_previous_section(self) -> None:
        """Scroll so the previous section's heading is the top line."""
        top = int(self.scroll_y)
        earlier = [start for start in self._section_starts() if start < top]
        self.scroll_to(0, earlier[-1] if earlier else 0, animate=False, immediate=True)

    def go_to_section(self, title: str) -> None:
        """Scroll to the section with this title, reading on until it is found."""

        def line_of() -> int | None:
            return next((n for n in self._section_starts()
                         if self._lines[n].content.plain.strip() == title), None)  # fmt: skip

        self._read_until(lambda: line_of() is not None)
        found = line_of()
        if found is not None:
            self.scroll_to(0, found, animate=False, immediate=True)

    def current_section(self) -> str:
        """The title of the section the top line is in ("" above the first)."""
        top = int(self.scroll_y)
        starts = [n for n in self._section_starts() if n <= top]
        return self._lines[starts[-1]].content.plain.strip() if starts else ""

    # -- painting -----------------------------------------------------------------------

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._styles.clear()
        self._strips.clear()

    def _style_for(self, kind: str) -> Style:
        if kind not in self._styles:
            base = self.rich_style
            name = f"plan-document--{kind}"
            if name in self.COMPONENT_CLASSES:
                base += self.get_component_rich_style(name, partial=True)
            self._styles[kind] = Style.from_rich_style(base)
        return self._styles[kind]

    def render_line(self, y: int) -> Strip:
        index = int(self.scroll_y) + y
        width = self.scrollable_content_region.width
        if index >= len(self._lines):
            return Strip.blank(width, self.rich_style)
        strip = self._strips.get(index)
        if strip is None or strip.cell_length != width:
            line = self._lines[index]
            segments = line.content.render_segments(self._style_for(line.kind))
            strip = Strip(segments).extend_cell_length(width, self.rich_style).crop(0, width)
            if len(self._strips) > 4 * max(1, self.size.height) + 200:
                self._strips.clear()  # only the lines near the screen are worth keeping
            self._strips[index] = strip
        return strip
