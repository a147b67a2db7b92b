"""The Plan tab's document view: Markdown to lines, and moving through a long plan by key."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date
from pathlib import Path

from conftest import screen_text, seed

from recovery_tui.app import RecoveryApp
from recovery_tui.model import Goal, Plan, ProgressEntry
from recovery_tui.render import render_plan
from recovery_tui.widgets.markdown_lines import (
    blocks_from_markdown,
    heading_text,
    split_sections,
    wrap_blocks,
)
from recovery_tui.widgets.plan_document import PlanDocument

SIZE = (80, 24)
TODAY = date(2026, 11, 26)


def lines_of(markdown: str, width: int = 40) -> list[str]:
    return [line.content.plain for line in wrap_blocks(blocks_from_markdown(markdown), width)]


def test_headings_paragraphs_and_nested_lists_become_indented_lines() -> None:
    markdown = "# Title\n\nSome *words* here.\n\n- one\n  - inner\n- two\n\n1. first\n2. second"
    assert lines_of(markdown) == [
        "Title",
        "",
        "Some words here.",
        "",
        "• one",
        "  • inner",
        "• two",
        "",
        "1. first",
        "2. second",
    ]


def test_emphasis_becomes_styles_not_characters() -> None:
    [block] = blocks_from_markdown("**bold** and *it*")
    assert block.content.plain == "bold and it"
    styles = {(span.start, span.end, str(span.style)) for span in block.content.spans}
    assert styles == {(0, 4, "bold"), (9, 11, "italic")}


def test_a_long_item_wraps_under_its_own_text() -> None:
    lines = lines_of("- " + "word " * 12, width=20)
    assert lines[0].startswith("• word")
    assert all(line.startswith("  word") for line in lines[1:])
    assert all(len(line) <= 20 for line in lines)


def test_tables_line_up_their_columns() -> None:
    lines = lines_of("| Month | Mood |\n|---|---|\n| 2026-01 | 4.5 |\n| 2026-02 | 3 |")
    assert lines == ["Month   │ Mood", "2026-01 │ 4.5 ", "2026-02 │ 3   "]


def test_escaped_user_text_stays_literal() -> None:
    [block] = blocks_from_markdown(r"\# not a heading \[b\]x\[/b\] \<script\>")
    assert block.kind == "p"
    assert block.content.plain == "# not a heading [b]x[/b] <script>"
    assert not block.content.spans


def test_parsing_a_piece_at_a_time_gives_the_same_lines_as_the_whole(rich_plan: Plan) -> None:
    markdown = render_plan(rich_plan, TODAY)
    whole = wrap_blocks(blocks_from_markdown(markdown), 76)
    pieces = [block for piece in split_sections(markdown) for block in blocks_from_markdown(piece)]
    assert [line.content.plain for line in wrap_blocks(pieces, 76)] == [
        line.content.plain for line in whole
    ]
    assert len(split_sections(markdown)) > 10


def test_heading_text_unescapes_and_gives_the_level() -> None:
    assert heading_text("## Goals\n\nmore") == (2, "Goals")
    assert heading_text(r"# My recovery plan: Sam \#1") == (1, "My recovery plan: Sam #1")
    assert heading_text("no heading") is None


def long_plan(rich_plan: Plan, goals: int = 150) -> Plan:
    """A plan of many years' goals, long enough to be read in slices."""
    progress = tuple(ProgressEntry(date(2026, 1, day), f"Walked {day} times") for day in (1, 2, 3))
    many = tuple(
        Goal(id=f"g{n}", title=f"Goal number {n}", specific="Walk", progress=progress)
        for n in range(goals)
    )
    return replace(rich_plan, goals=many)


async def test_brackets_move_between_sections_and_g_jumps_to_any(
    rich_plan: Plan, data_file: Path, open_app: Callable[[], RecoveryApp]
) -> None:
    seed(data_file, long_plan(rich_plan))
    app = open_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("6")
        await pilot.pause()
        document = app.query_one(PlanDocument)
        document.focus()
        await pilot.press("right_square_bracket")
        await pilot.pause()
        assert document.current_section() == "My north star"
        top_row = screen_text(app).split("\n")[document.region.y]
        assert "My north star" in top_row  # the heading is the view's first line
        await pilot.press("right_square_bracket", "right_square_bracket")
        await pilot.pause()
        assert document.current_section().startswith("Self-assessment")
        await pilot.press("left_square_bracket")
        await pilot.pause()
        assert document.current_section() == "Focus areas and days in recovery"

        await pilot.press("g")
        await pilot.pause()
        titles = document.section_titles()
        assert "Support network" in screen_text(app)
        await pilot.press(*["down"] * titles.index("Support network"), "enter")
        await pilot.pause()
        assert document.current_section() == "Support network"
        assert app.focused is document
        assert "Support network" in screen_text(app)

        await pilot.press("home", "pagedown")
        await pilot.pause()
        assert int(document.scroll_y) > 10


async def test_the_whole_long_plan_is_read_and_resizing_keeps_the_place(
    rich_plan: Plan, data_file: Path, open_app: Callable[[], RecoveryApp]
) -> None:
    seed(data_file, long_plan(rich_plan))
    app = open_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("6")
        await pilot.pause()
        document = app.query_one(PlanDocument)
        for _ in range(100):  # read in slices between frames
            if document.complete:
                break
            await pilot.pause()
        assert document.complete
        text = "\n".join(document.plain_lines)
        assert "Goal number 149" in text and "Keeping the plan alive" in text
        document.go_to_section("Goals")
        await pilot.pause()
        before = document.current_section()
        await pilot.resize_terminal(60, 24)
        await pilot.pause()
        assert document.current_section() == before == "Goals"
        assert max(len(line) for line in document.plain_lines) <= 60


async def test_user_text_in_the_document_is_shown_literally(
    data_file: Path, open_app: Callable[[], RecoveryApp]
) -> None:
    seed(data_file, Plan(goals=(Goal(id="g1", title="[b]x[/b] # *not* <i>", specific="a|b"),)))
    app = open_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("6")
        await pilot.pause()
        await pilot.press("g", *["down"] * 2, "enter")  # the Goals section
        await pilot.pause()
        shown = screen_text(app)
        assert "[b]x[/b] # *not* <i>" in shown
        assert "Specific: a|b" in shown


async def test_the_plan_is_read_only_when_its_tab_is_shown(
    rich_plan: Plan, data_file: Path, open_app: Callable[[], RecoveryApp]
) -> None:
    seed(data_file, rich_plan)
    app = open_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        document = app.query_one(PlanDocument)
        assert document.source == ""  # nothing read at start: the first tab comes first
        await pilot.press("6")
        await pilot.pause()
        assert "## Goals" in document.source
