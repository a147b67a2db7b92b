"""recovery_tui.render: the written plan as Markdown; user text is always shown literally.

The Markdown is rendered with markdown-it-py's CommonMark preset (HTML off), and the checks
look at the produced HTML: its text content must hold the user's text as written, and its
only headings, lists, links and emphasis must be the ones render.py itself writes.
"""

from __future__ import annotations

import html
import re
from collections import Counter
from datetime import date

import pytest
from hypothesis import assume, example, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from plans import example_plan

from recovery_tui.model import GOAL_STATUSES, Goal, Milestone, Plan, Profile, ProgressEntry
from recovery_tui.render import md, render_goal, render_goals, render_plan
from recovery_tui.text import for_display

TODAY = date(2026, 11, 26)
MARKDOWN = MarkdownIt("commonmark", {"html": False})

HOSTILE = [
    "# [b]x[/b] [/y] <i>z</i>",
    "*a* _b_ **c** __d__ ~~e~~",
    "`code` and ``more``",
    "[link](http://x) [ref][1] [1]: http://x",
    "![img](http://x/p.png)",
    "<http://auto.example> <x@y.z> https://bare.example",
    "<script>alert(1)</script> <!-- c --> <?php ?> <![CDATA[x]]>",
    "| a | b |\n|---|---|\n| 1 | 2 |",
    "1. item\n2) other",
    "- item\n+ plus\n* star",
    "> quote\n>> nested",
    "&amp; &lt;b&gt; &#42; &copy",
    "back\\slash \\* \\\\ \\",
    "    four leading spaces",
    "\ttab first",
    "line one\nline two\n\nafter a blank line\n\n\nand two",
    "===\n---\n***\n___",
    "```\nfence\n```\n~~~",
    "a  \nhard break by spaces",
    "{{x}} $y$ %z% @w ^v^ 'q' \"d\"",
    "🙂 שלום مرحبا e\u0301 中文",
]


def _html(markdown: str) -> str:
    return MARKDOWN.render(markdown)


def _text(rendered: str) -> str:
    """The HTML's text content (with HTML off, the only tags are the renderer's own)."""
    return html.unescape(re.sub(r"<[^>]+>", "", rendered))


def _squash(text: str) -> str:
    """Whitespace and line breaks collapsed to single spaces."""
    return " ".join(text.split())


def _headings(level: str, rendered: str) -> list[str]:
    """The text of each ``<h1>``/``<h2>``/``<h3>`` heading."""
    return [_text(h) for h in re.findall(rf"<{level}>(.*?)</{level}>", rendered, flags=re.S)]


def _tags(rendered: str) -> Counter[str]:
    return Counter(re.findall(r"<([a-z0-9]+)", rendered))


def _goal(text: str, **changes: object) -> Goal:
    fields: dict[str, object] = {
        "id": "g1",
        "title": _squash(text),
        "specific": text,
        "measure": text,
        "achievable": text,
        "relevant": text,
        "due": date(2026, 2, 28),
        "progress": (ProgressEntry(date(2026, 1, 20), text),),
        "milestones": (Milestone(text.lstrip(), date(2026, 1, 13)),),
    }
    fields.update(changes)
    return Goal(**fields)  # type: ignore[arg-type]


# --- user text is shown literally ------------------------------------------------------------


@pytest.mark.parametrize("text", HOSTILE)
def test_user_text_is_shown_literally(text: str) -> None:
    goal = _goal(text)
    plan = Plan(profile=Profile(name=_squash(text)), goals=(goal,))
    rendered = _html(render_plan(plan, TODAY))
    content = _squash(_text(rendered))
    squashed = _squash(text)

    assert _headings("h1", rendered) == [f"My recovery plan: {squashed}"]
    assert _headings("h3", rendered) == [squashed]
    for label in ("Specific", "Measurable", "Achievable", "Relevant"):
        assert f"{label}: {squashed}" in content
    assert f"2026-01-20: {squashed}" in content
    assert f"{_squash(text.lstrip())} (done 2026-01-13)" in content


@pytest.mark.parametrize("text", HOSTILE)
def test_only_the_renderers_own_markup_appears(text: str) -> None:
    plan = Plan(profile=Profile(name=_squash(text)), goals=(_goal(text),))
    tags = _tags(_html(render_plan(plan, TODAY)))
    assert set(tags) <= {"h1", "h2", "h3", "p", "em", "strong", "ul", "li", "br"}
    assert (tags["h1"], tags["h2"], tags["h3"]) == (1, 1, 1)
    assert tags["em"] == 2  # "Written ..." and the status line
    assert tags["strong"] == 5  # the five SMART labels
    assert tags["ul"] == 3  # SMART parts, progress, milestones
    assert tags["li"] == 7


def test_no_links_images_code_or_html_from_user_text() -> None:
    goals = tuple(_goal(text, id=f"g{i}") for i, text in enumerate(HOSTILE))
    rendered = _html(render_plan(Plan(goals=goals), TODAY))
    for tag in ("<a", "<img", "<code", "<pre", "<blockquote", "<table", "<ol", "<hr", "<script"):
        assert tag not in rendered
    assert rendered.count("<h3>") == len(HOSTILE)


def test_bidi_overrides_and_controls_are_not_rendered() -> None:
    goal = Goal(id="g1", title="Meet\u202eings\x1b[2J", specific="a\u2066b\u2069c\x07")
    markdown = render_goal(goal)
    assert "\u202e" not in markdown
    assert "\x1b" not in markdown
    assert "\u2066" not in markdown
    assert "\x07" not in markdown
    content = _text(_html(markdown))
    assert "Meetings[2J" in content
    assert "Specific: abc" in content


def test_multi_line_title_stays_in_its_heading() -> None:
    rendered = _html(render_goal(Goal(id="g1", title="Line one\nLine two")))
    assert [_squash(h) for h in _headings("h3", rendered)] == ["Line one Line two"]
    assert "\\" not in _text(rendered)


@pytest.mark.parametrize("text", ["Call Alex\n", "2 this week\n\n", "First meeting\n  "])
def test_trailing_line_break_shows_no_backslash(text: str) -> None:
    goal = Goal(
        id="g1",
        title="Meetings",
        specific=text,
        progress=(ProgressEntry(date(2026, 1, 20), text),),
        milestones=(Milestone(text),),
    )
    assert "\\" not in _text(_html(render_goal(goal)))


def test_milestone_with_leading_spaces_is_not_code() -> None:
    goal = Goal(id="g1", title="Meetings", milestones=(Milestone("    First meeting"),))
    rendered = _html(render_goal(goal))
    assert "<pre" not in rendered
    assert "<code" not in rendered
    assert "First meeting (to do)" in _squash(_text(rendered))


# --- md(): any text becomes one literal paragraph ---------------------------------------------

TEXT_CHARS = st.one_of(
    st.characters(),
    st.sampled_from("\n\n\t  *_[]()#<>&;\\`!|-+.=~:'\"0123456789"),
    st.sampled_from("\u202a\u202e\u2066\u2069\x00\x1b\x85\r"),
)


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.split("\n")]


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=TEXT_CHARS, max_size=60))
@example("# [b]x[/b] [/y] <i>z</i>\n\n- item\n1. item\n    code\n> quote\n&amp;")
@example("*a* _b_ `c` [l](http://x) ![i](y.png) <b>&amp;</b>")
@example("a\n\n\nb")
@example("\\")
def test_md_renders_any_text_as_one_literal_paragraph(text: str) -> None:
    shown = for_display(text)
    # Known bug (see test_trailing_line_break_shows_no_backslash): a blank last line.
    assume("\n" not in shown or shown.split("\n")[-1].strip())
    rendered = _html(f"Note: {md(text)}")
    assert rendered.startswith("<p>")
    assert rendered.endswith("</p>\n")
    assert set(_tags(rendered)) <= {"p", "br"}
    assert _tags(rendered)["p"] == 1
    paragraph = rendered.removeprefix("<p>").removesuffix("</p>\n")
    assert _lines(_text(paragraph)) == _lines(f"Note: {shown}")


def test_md_keeps_line_breaks_as_line_breaks() -> None:
    assert _html("x " + md("one\ntwo")) == "<p>x one<br />\ntwo</p>\n"
    assert md("plain words") == "plain words"
    assert md("a*b") == "a\\*b"


# --- the goals section -----------------------------------------------------------------------


def _content(markdown: str) -> str:
    return _squash(_text(_html(markdown)))


def test_example_goal_lists_its_smart_parts_progress_and_milestones() -> None:
    content = _content(render_goals(example_plan().goals))
    expected_in_order = [
        "Goals",
        "Meetings",
        "Active, due 2026-02-28",
        "Specific: Attend support-group meetings",
        "Measurable: 3 meetings a week",
        "Achievable: Two are near work",
        "Relevant: Be there for my kids",
        "Time-bound: by 2026-02-28",
        "Progress:",
        "2026-01-20: 2 this week",
        "Milestones:",
        "First meeting (done 2026-01-13)",
    ]
    positions = [content.index(part) for part in expected_in_order]
    assert positions == sorted(positions)
    assert "Still to add" not in content


def test_bare_goal_says_what_is_still_to_add() -> None:
    goal = Goal(id="g1", title="Sleep", status="paused", specific="   ")
    content = _content(render_goal(goal))
    assert content == (
        "Sleep Paused Still to add: what exactly, a metric and target, "
        "why it is within reach, which motivation it serves, a target date."
    )


def test_partial_goal_shows_present_parts_and_missing_words() -> None:
    goal = Goal(
        id="g1",
        title="Sleep",
        measure="8 hours a night",
        status="achieved",
        milestones=(Milestone("A full week"), Milestone("First night", date(2026, 3, 2))),
    )
    content = _content(render_goal(goal))
    assert content.startswith("Sleep Achieved Measurable: 8 hours a night Still to add: ")
    assert (
        "Still to add: what exactly, why it is within reach, which motivation it serves, "
        "a target date."
    ) in content
    assert "Specific:" not in content
    assert "Time-bound" not in content
    assert "Progress:" not in content
    assert content.endswith("Milestones: A full week (to do) First night (done 2026-03-02)")


@pytest.mark.parametrize("status", GOAL_STATUSES)
def test_status_labels(status: str) -> None:
    label = {"active": "Active", "achieved": "Achieved", "paused": "Paused"}
    expected = label.get(status, "Set aside")
    goal = Goal(id="g1", title="x", status=status)  # type: ignore[arg-type]
    assert f"<em>{expected}</em>" in _html(render_goal(goal))


def test_goals_are_rendered_in_plan_order() -> None:
    goals = (Goal(id="g2", title="Second"), Goal(id="g1", title="First"))
    rendered = _html(render_goals(goals))
    assert _headings("h3", rendered) == ["Second", "First"]


def test_empty_plan_says_there_are_no_goals_yet() -> None:
    markdown = render_plan(Plan(), TODAY)
    assert markdown.endswith("\n")
    rendered = _html(markdown)
    assert _headings("h1", rendered) == ["My recovery plan"]
    assert _headings("h2", rendered) == ["Goals"]
    assert "<h3>" not in rendered
    assert "<em>Written 2026-11-26.</em>" in rendered
    assert "No goals yet." in _text(rendered)


def test_plan_title_names_the_person() -> None:
    rendered = _html(render_plan(example_plan(), TODAY))
    assert _headings("h1", rendered) == ["My recovery plan: Sam"]
    assert "No goals yet" not in rendered
